"""The ``postlog-report`` builder: a table of every post and what the lint found, for a
quick look at a blog's metadata without building its pages.

``sphinx-build -b postlog-report src out`` reads the site (drafts and scheduled posts
too), logs the report at info level (``-q`` hides it) and writes it to
``out/postlog-report.txt`` and, for scripts, ``out/postlog-report.json``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder

from sphinx_postlog.collect.lint import Finding, findings, message
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import logger
from sphinx_postlog.read.schedule import DRAFT
from sphinx_postlog.record.output_files import write_if_changed

if TYPE_CHECKING:
    from docutils import nodes

    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.read.posts import Post

TEXT_FILE, JSON_FILE = "postlog-report.txt", "postlog-report.json"
PUBLISHED = "published"
#: A document's source file, relative to the source folder.
SourceFile = Callable[[str], str]


@dataclass(frozen=True)
class Column:
    """One column of the table: its heading and the widest it may grow."""

    heading: str
    key: str
    limit: int


COLUMNS = (Column("Date", "date", 10), Column("Title", "title", 40),
           Column("Document", "docname", 36), Column("Tags", "tags", 32),
           Column("Categories", "categories", 24), Column("Authors", "authors", 24),
           Column("Status", "status", 9))
#: On a site of several blogs (``postlog_blogs``), the blog of each post.
BLOG_COLUMN = Column("Blog", "blog", 16)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian letters take two)."""
    return sum(map(_char_width, text))


def cut(text: str, limit: int) -> str:
    """``text``, cut with an ellipsis to at most ``limit`` columns."""
    if text_width(text) <= limit:
        return text
    kept, width = [], 0
    for char in text:
        if width + _char_width(char) > limit - 1:
            break
        kept.append(char)
        width += _char_width(char)
    return "".join(kept).rstrip() + "…"


def _padded(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column] = COLUMNS) -> list[str]:
    """Rows as aligned text, each column as wide as its widest cell (up to its limit)."""
    cells = [[cut(_cell(row[column.key]), column.limit) for column in columns]
             for row in rows]
    widths = [max([text_width(column.heading), *(text_width(line[index]) for line in cells)])
              for index, column in enumerate(columns)]
    lines = [[column.heading for column in columns], ["-" * width for width in widths],
             *cells]
    return ["  ".join(_padded(cell, width)
                      for cell, width in zip(line, widths, strict=True)).rstrip()
            for line in lines]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def post_rows(registry: Registry, source_file: SourceFile) -> list[dict[str, Any]]:
    """Every post read (drafts and scheduled ones too), newest first, then ABlog's
    undated drafts; as JSON data, keys in a fixed order."""
    rows = []
    posts: list[Post] = sorted(registry.posts.values(), key=lambda post: post.sort_key)
    for post in posts:
        rows.append({
            "date": post.date.date().isoformat(),
            "title": post.title,
            "docname": post.docname,
            "file": source_file(post.docname),
            "datetime": post.date.isoformat(),
            "updated": post.updated.isoformat() if post.updated else None,
            "tags": list(post.tags),
            "categories": list(post.categories),
            "authors": list(post.authors),
            "status": registry.status(post) or PUBLISHED,
            "blog": post.blog,
        })
    for docname, title in sorted(registry.undated.items()):
        rows.append({"date": None, "title": title, "docname": docname,
                     "file": source_file(docname), "datetime": None, "updated": None,
                     "tags": [], "categories": [], "authors": [], "status": DRAFT,
                     "blog": ""})
    return rows


def finding_rows(found: Sequence[Finding],
                 source_file: SourceFile) -> list[dict[str, Any]]:
    """The lint's findings as JSON data."""
    return [{"rule": finding.rule, "file": source_file(finding.docname),
             "line": finding.line, "docname": finding.docname, "message": finding.message}
            for finding in found]


def report_text(posts: Sequence[dict[str, Any]], found: Sequence[Finding],
                source_file: SourceFile, rules: Sequence[str]) -> str:
    """The report as text: the table of posts, then the findings as warnings say them."""
    lines = [f"Posts ({len(posts)})", ""]
    columns = (*COLUMNS, BLOG_COLUMN) if any(row["blog"] for row in posts) else COLUMNS
    lines += table(posts, columns) if posts else ["No posts."]
    lines += ["", f"Lint findings ({len(found)}; rules: {', '.join(rules) or 'none'})", ""]
    lines += [f"{source_file(finding.docname)}:{finding.line}: {message(finding)}"
              for finding in found] or ["No findings."]
    return "\n".join(lines) + "\n"


class PostlogReportBuilder(Builder):
    """Reads the site and reports its posts and the lint's findings; writes no pages."""

    name = "postlog-report"
    epilog = "The report of the posts is in %(outdir)s."
    allow_parallel = True
    #: Drafts and scheduled posts are read too, so the report lists them (see
    #: ``publication``).
    reads_unpublished = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> list[str]:
        """None: the report comes from the registry, not from written pages."""
        return []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        """Log the report and write it as text and JSON."""
        env = self.env
        registry = get_registry(env)

        def source_file(docname: str) -> str:
            return Path(env.doc2path(docname, False)).as_posix()

        rules = list(self.config.postlog_lint)
        posts = post_rows(registry, source_file)
        found = findings(self.config, env)
        text = report_text(posts, found, source_file, rules)
        logger.info("\n%s", text.rstrip("\n"))
        outdir = Path(self.outdir)
        write_if_changed(outdir / TEXT_FILE, text.encode("utf-8"))
        data = {"posts": posts, "findings": finding_rows(found, source_file), "rules": rules}
        write_if_changed(outdir / JSON_FILE, (json.dumps(data, indent=2, ensure_ascii=False)
                                              + "\n").encode("utf-8"))
