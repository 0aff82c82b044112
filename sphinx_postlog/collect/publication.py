"""Which pages this build publishes: drafts and scheduled posts are not, unless
``postlog_show_drafts`` asks for them (to preview them while writing) or the builder
reports on every post (``postlog-report``).

A page that is not published is taken out of the build before it is read: Sphinx then
writes no page for it, and it is in no search index, toctree glob or sitemap. Whether a
page is a draft is known from its front matter, so the front matter of each page about to
be read is read here first (only the block at its top); pages read before are judged by
the registry. A page that was published and no longer is loses its output too (see
``write.record``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import logger
from sphinx_postlog.normalise import read_datetime, read_flag
from sphinx_postlog.read.frontmatter import (
    FrontMatter,
    FrontMatterError,
    find_block,
    forget_parsed_ahead,
    from_values,
    parse_ahead,
)
from sphinx_postlog.read.notebooks import read_notebook
from sphinx_postlog.read.posts import ReadingRules, meant_as_post
from sphinx_postlog.read.rst_fields import opening_fields, rst_front_matter
from sphinx_postlog.read.schedule import DRAFT, Visibility, build_time
from sphinx_postlog.read.sources import PageKind, page_kind

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ABlog's post directive and its date: ``.. post:: 2024-01-08``, ```` ```{post} ````.
_POST_DIRECTIVE = re.compile(r"^(?:\.\. post::|[`:]{3,}\{post\})[ \t]*(.*)$", re.MULTILINE)


def _front_matter(app: Sphinx, docname: str) -> FrontMatter | None:
    """The page's front matter as far as it can be known without parsing the page."""
    try:
        text = Path(app.env.doc2path(docname)).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    kind = page_kind(app, docname)
    front_matter: FrontMatter | None = None
    if kind is PageKind.NOTEBOOK:
        front_matter = read_notebook(text).front_matter
    elif kind is PageKind.RST:
        fields = opening_fields(text)
        front_matter = rst_front_matter({name: value for name, (_, value) in fields.items()},
                                        {name: line for name, (line, _) in fields.items()})
    elif kind is PageKind.MYST and (block := find_block(text)) is not None:
        try:
            front_matter = parse_ahead(block)
        except FrontMatterError:
            return None  # reported when the page is read
    directive = _POST_DIRECTIVE.search(text)
    if directive is not None:  # ABlog's {post}: a post, dated by its argument
        extra: dict[str, tuple[object, int]] = {"blogpost": (True, 1)}
        if directive[1].strip():
            extra["date"] = (directive[1].strip(), 1)
        front_matter = (front_matter or FrontMatter()).with_fields(
            from_values(extra, 1).fields)
    return front_matter


def unpublished_reason(docname: str, front_matter: FrontMatter, rules: ReadingRules,
                       now: dt.datetime) -> str | None:
    """Why a page is not published ("a draft", "scheduled for …"), or None."""
    if not meant_as_post(docname, front_matter, rules):
        return None
    draft = front_matter.get("draft")
    if draft is not None and read_flag(draft.value) is True:
        return "a draft"
    date = front_matter.get("date")
    ablog = rules.reads_as_ablog(front_matter)
    if date is None or date.value in (None, ""):  # ABlog's draft; else not a post
        return "an ABlog post without a date, so a draft" if ablog else None
    try:
        moment = read_datetime(date.value, rules.timezone, rules.date_formats, ablog)
    except ValueError:
        return None  # not a post: reported when the page is read
    return f"scheduled for {moment.isoformat()}" if moment > now else None


def keep_unpublished_out(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: take drafts and scheduled posts out of the build
    (unless they are shown, or the builder reports on every post)."""
    if app.config.postlog_show_drafts or getattr(app.builder, "reads_unpublished", False):
        get_registry(env).unpublished = {}
        return
    forget_parsed_ahead()
    rules, now = ReadingRules.from_config(app.config, app.srcdir), build_time()
    registry, to_read = get_registry(env), set(docnames)
    hidden: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        if docname in to_read:
            front_matter = _front_matter(app, docname)
            reason = (unpublished_reason(docname, front_matter, rules, now)
                      if front_matter is not None else None)
        elif docname in registry.posts:
            post = registry.posts[docname]
            status = Visibility(now=now).status(post)
            reason = (None if status is None else "a draft" if status == DRAFT
                      else f"scheduled for {post.date.isoformat()}")
        else:
            reason = None
        if reason is not None:
            hidden[docname] = reason
    registry.unpublished = hidden
    for docname, reason in hidden.items():
        logger.info("postlog: %s is %s: not published (postlog_show_drafts shows it)",
                    docname, reason, location=docname)
        env.found_docs.discard(docname)
        if docname in to_read:
            docnames.remove(docname)
        if docname in env.all_docs:  # published before: as if it were removed
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
