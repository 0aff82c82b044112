"""Drafts and scheduled posts are kept out of the build before Sphinx reads them, judged
from each page's source; the reading must come to the same verdict on every page, or
one build publishes a page the next one removes. A table of pages that are easy to
misjudge, built with every page read (drafts shown) and without (clean, then no-op)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import build_site, parsed_warnings, read_html
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.read.schedule import Visibility

Y2030 = str(int(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
NOW = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
PUBLISHED, DRAFT, SCHEDULED, UNDATED = "published", "draft", "scheduled", "undated"


def notebook(*cells: tuple[str, str], metadata: dict | None = None) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "metadata": {}, "source": source}
                                 for kind, source in cells],
                       "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5},
                      indent=1)


#: Each page: its source and the verdict both checks must give.
PAGES: dict[str, tuple[str, str]] = {
    # ABlog's directive shown in a how-to page, not used
    "howto/literal.rst": ("How to write a post\n===================\n\nWrite::\n\n"
                          "   .. post:: 2099-01-01\n      :tags: a\n\nat the top.\n",
                          PUBLISHED),
    "howto/code_block.rst": ("Code block\n==========\n\n.. code-block:: rst\n\n"
                             "   .. post::\n      :tags: a\n", PUBLISHED),
    "howto/quoted.rst": ("Quoted\n======\n\nAn undated post::\n\n.. post::\n\nEnd.\n", PUBLISHED),
    "howto/paragraph.rst": ("In a paragraph\n==============\n\nThe line below is text\n"
                            ".. post::\n", PUBLISHED),
    "howto/fence.md": ("# A fence\n\n```rst\n.. post::\n   :tags: a\n```\n", PUBLISHED),
    "howto/nested_fence.md": ("# Nested fences\n\n````md\n```{post}\n:tags: a\n```\n````\n",
                              PUBLISHED),
    "howto/nested_colon.md": ("# In a colon fence\n\n::::{note}\n````text\n:::{post}\n:::\n"
                              "````\n::::\n", PUBLISHED),
    "howto/indented_code.md": ("# Indented code\n\n    ```{post}\n    ```\n", PUBLISHED),
    # ABlog's directive inside another block: the parser runs it, but it is not read
    "inside/note.rst": ("In a note\n=========\n\n.. note::\n\n   .. post::\n", PUBLISHED),
    "inside/quote.md": ("# In a quote\n\n> ```{post}\n> ```\n", PUBLISHED),
    # rST field bodies on the next line
    "fields/draft_next_line.rst": (":date: 2024-01-08\n:draft:\n    false\n\nNot a draft\n"
                                   "===========\n\nText.\n", PUBLISHED),
    "fields/date_next_line.rst": (":date:\n   2099-01-01\n\nScheduled\n=========\n\nText.\n",
                                  SCHEDULED),
    "fields/after_comment.rst": (".. a comment\n\n.. _label:\n\n:date: 2024-01-08\n:draft:\n\n"
                                 "Draft\n=====\n", DRAFT),
    "fields/bom_crlf.rst": ("\ufeff:date: 2024-01-08\r\n:draft:\r\n\tfalse\r\n\r\n"
                            "Windows\r\n=======\r\n", PUBLISHED),
    "fields/tab.rst": (":date: 2099-01-01\n:draft:\ttrue\n\nTab\n===\n", DRAFT),
    "fields/upper_case.rst": (":Date: 2099-01-01\n\nUpper\n=====\n", SCHEDULED),
    "fields/after_title.rst": ("Title\n=====\n\n:date: 2099-01-01\n\nText.\n", PUBLISHED),
    "fields/after_highlight.rst": (".. highlight:: python\n\n:date: 2099-01-01\n\nT\n=\n",
                                   PUBLISHED),
    "fields/yaml_in_rst.rst": ("---\ndate: 2099-01-01\n---\n\nYAML\n====\n", PUBLISHED),
    "fields/draft_bad_date.rst": (":date: someday\n:draft: true\n\nBad\n===\n", PUBLISHED),
    # ABlog's directive as a post
    "directive/next_line.rst": ("Date below\n==========\n\n.. post::\n   2099-01-01\n"
                                "   :tags: a\n", SCHEDULED),
    "directive/undated.rst": ("Undated\n=======\n\n.. post::\n   :tags: a\n", UNDATED),
    "directive/future.md": ("# Future\n\n```{post} 2099-01-01\n:tags: a\n```\n", SCHEDULED),
    "directive/colon.md": ("# Colon\n\n:::{post} 2099-01-01\n:::\n", SCHEDULED),
    "directive/broken_yaml.md": ("---\ntags: [a\n---\n# Broken\n\n```{post} 2099-01-01\n```\n",
                                 SCHEDULED),
    "directive/notebook.ipynb": (notebook(("markdown", "# Notebook\n"),
                                          ("markdown", "```{post} 2099-01-01\n```\n")),
                                 SCHEDULED),
    # YAML keys are read as written
    "keys/cased.md": ("---\ndate: 2024-01-08\nDraft: true\n---\n# Cased\n", PUBLISHED),
    "keys/draft.md": ("---\ndate: 2024-01-08\ndraft: true\n---\n# Draft\n", DRAFT),
    "keys/notebook_broken_cell.ipynb": (
        notebook(("raw", "---\ntags: [a\n---\n"), ("markdown", "# Broken cell\n"),
                 metadata={"date": "2099-01-01"}), PUBLISHED),
}
#: The warnings the table gives (file, line, type).
WARNINGS = [
    ("directive/broken_yaml.md", 3, "postlog.frontmatter"),
    ("fields/draft_bad_date.rst", 1, "postlog.date"),
    ("fields/yaml_in_rst.rst", 1, "postlog.frontmatter"),
    ("inside/note.rst", 6, "postlog.field"),
    ("inside/quote.md", 3, "postlog.field"),
    ("keys/notebook_broken_cell.ipynb", 8, "postlog.frontmatter"),
]


def write_site(srcdir: Path) -> Path:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'project = "Table"\nextensions = ["myst_nb", "sphinx_postlog"]\n'
        'nb_execution_mode = "off"\npostlog_lint = []\n'
        'myst_enable_extensions = ["colon_fence"]\nshow_warning_types = True\n'
        'html_baseurl = "https://example.org/"\n'
        # a dict of its own: Sphinx adds MyST-NB's suffixes to it in place
        'source_suffix = {".rst": "restructuredtext"}\n'
        'suppress_warnings = ["misc.highlighting_failure", "docutils"]\n'
        "exclude_patterns = ['_build']\n", encoding="utf-8")
    (srcdir / "index.rst").write_text("Pages\n=====\n\n.. toctree::\n   :glob:\n\n   */*\n",
                                      encoding="utf-8")
    for name, (text, _) in PAGES.items():
        path = srcdir / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return srcdir


def verdicts_when_read(app) -> dict[str, str]:
    """What the reading made of each page (every page read: drafts shown)."""
    registry = get_registry(app.env)
    verdicts = {}
    for docname in app.env.found_docs - {"index"}:
        if docname in registry.undated:
            verdicts[docname] = UNDATED
        elif docname in registry.posts:
            verdicts[docname] = Visibility(now=NOW).status(registry.posts[docname]) or PUBLISHED
        else:
            verdicts[docname] = PUBLISHED
    return verdicts


def verdicts_before_reading(app) -> dict[str, str]:
    """What the check before reading made of each page."""
    kinds = {"a draft": DRAFT, "scheduled": SCHEDULED, "an ABlog post": UNDATED}
    hidden = get_registry(app.env).unpublished
    return {Path(name).with_suffix("").as_posix():
            next((verdict for start, verdict in kinds.items()
                  if hidden.get(Path(name).with_suffix("").as_posix(), "").startswith(start)),
                 PUBLISHED)
            for name in PAGES}


EXPECTED = {Path(name).with_suffix("").as_posix(): verdict
            for name, (_, verdict) in PAGES.items()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, object]:
    """The table built with every page read, then clean and again with no change."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", Y2030)
    try:
        shown = build_site(write_site(tmp_path_factory.mktemp("shown") / "site"),
                           confoverrides={"postlog_show_drafts": True})
        srcdir = write_site(tmp_path_factory.mktemp("hidden") / "site")
        clean = build_site(srcdir)
        clean_pages = sorted(path.relative_to(clean.outdir).as_posix()
                             for path in Path(clean.outdir).rglob("*.html"))
        clean_unpublished = dict(get_registry(clean.env).unpublished)
        again = build_site(srcdir)
    finally:
        monkeypatch.undo()
    return {"shown": shown, "clean": clean, "clean_pages": clean_pages,
            "clean_unpublished": clean_unpublished, "again": again}


def test_the_reading_gives_each_page_its_expected_verdict(builds) -> None:
    assert verdicts_when_read(builds["shown"]) == EXPECTED


def test_the_check_before_reading_gives_the_same_verdicts(builds) -> None:
    assert verdicts_before_reading(builds["clean"]) == EXPECTED


def test_each_page_warned_about_is_warned_about_once(builds) -> None:
    assert sorted(parsed_warnings(builds["shown"])) == WARNINGS


def test_a_how_to_page_showing_the_directive_is_written(builds) -> None:
    outdir = Path(builds["clean"].outdir)
    for page in ("howto/literal", "howto/code_block", "howto/quoted", "howto/fence",
                 "howto/nested_fence", "howto/nested_colon"):
        shown = [pre.get_text() for pre in read_html(outdir, f"{page}.html").select("pre")]
        assert any("post" in text for text in shown), page
    assert [name for name in builds["clean_unpublished"] if name.startswith("howto/")] == []


def test_a_draft_field_set_to_false_on_the_next_line_is_published_and_stays(builds) -> None:
    for name in ("clean", "again"):
        outdir = Path(builds[name].outdir)
        assert (outdir / "fields/draft_next_line.html").is_file(), name
        assert not get_registry(builds[name].env).posts["fields/draft_next_line"].draft


def test_a_date_on_the_next_line_schedules_the_post_in_clean_and_no_op_builds(builds) -> None:
    assert builds["clean_unpublished"]["fields/date_next_line"] == (
        "scheduled for 2099-01-01T00:00:00+00:00")
    for name in ("clean", "again"):
        assert not (Path(builds[name].outdir) / "fields/date_next_line.html").exists(), name


def test_a_no_op_build_publishes_and_hides_what_the_clean_build_did(builds) -> None:
    again = builds["again"]
    assert get_registry(again.env).unpublished == builds["clean_unpublished"]
    assert sorted(path.relative_to(again.outdir).as_posix()
                  for path in Path(again.outdir).rglob("*.html")) == builds["clean_pages"]
    assert "0 source files that are out of date" in again.status.getvalue() or \
        "no targets are out of date" in again.status.getvalue()


def test_only_pages_that_are_posts_are_kept_out(tmp_path: Path) -> None:
    """A future date or ``draft: true`` hides a post, not a page outside the post pattern
    (the reading would make it no post), nor a post whose date cannot be read."""
    from types import SimpleNamespace

    from sphinx_postlog.collect.publication import unpublished_reason
    from sphinx_postlog.read.frontmatter import from_values
    from sphinx_postlog.read.posts import ReadingRules

    config = SimpleNamespace(
        postlog_post_pattern=["posts/*"], postlog_timezone="UTC", postlog_authors={},
        postlog_locations={}, postlog_languages={}, postlog_date_format="",
        postlog_ablog_compat=False, postlog_default_author=None,
        postlog_default_location=None, postlog_default_language=None,
        postlog_excerpt_paragraphs=1, postlog_auto_image=0,
        source_suffix={".md": "markdown"}, language=None)
    rules = ReadingRules.from_config(config, tmp_path)  # type: ignore[arg-type]

    def reason(docname: str, **values: object) -> str | None:
        front_matter = from_values({key: (value, 1) for key, value in values.items()}, 1)
        return unpublished_reason(docname, front_matter, rules, NOW)

    assert reason("posts/a", date="2099-01-01") == "scheduled for 2099-01-01T00:00:00+00:00"
    assert reason("events/a", date="2099-01-01") is None
    assert reason("events/a", date="2099-01-01", post=True) is not None
    assert reason("posts/a", date="2024-01-01", draft=True) == "a draft"
    assert reason("events/a", date="2024-01-01", draft=True) is None
    assert reason("posts/a", date="someday", draft=True) is None
    assert reason("posts/a", draft=True, post=True) is None
