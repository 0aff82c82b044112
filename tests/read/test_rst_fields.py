"""Unit tests of sphinx_postlog.read.rst_fields: the opening field list and ABlog's
``.. post::`` directive found in an rST source as docutils finds them, checked against
docutils itself on pages that are easy to misread."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives

from conftest import build_site
from sphinx_postlog.read.rst_fields import (
    PostMark,
    RstField,
    opening_fields,
    post_directive,
    rst_front_matter,
)

#: Pages whose opening field list Sphinx keeps as metadata (or not), values plain text.
FIELD_PAGES = {
    "next_line": ":draft:\n    false\n:date:\n   2099-01-01\n\nT\n=\n",
    "continued": ":title: one\n   two\n\n   three\n:Tags: x\n\nT\n=\n",
    "indented_field": ":date: 2024-01-01\n:draft: false\n  :tags: x\n\nT\n=\n",
    "blank_between": ":date: 2024-01-01\n\n\n:draft: true\n\nT\n=\n",
    "blank_then_body": ":date: 2024-01-01\n:draft:\n\n    false\n\nT\n=\n",
    "after_markup": (".. a comment\n   going on\n\n.. _label:\n\n.. |name| replace:: text\n\n"
                     ".. meta::\n   :description: d\n\n.. index:: word\n\n:date: 2024-01-01\n"),
    "after_highlight": ".. highlight:: python\n\n:date: 2024-01-01\n\nT\n=\n",
    "after_footnote": ".. [1] A note.\n\n:date: 2024-01-01\n\nT\n=\n",
    "after_title": "T\n=\n\n:date: 2024-01-01\n",
    "indented_list": "  :date: 2024-01-01\n\nT\n=\n",
    "not_fields": ":date:2024\n:draft : x\n\nT\n=\n",
    "ended_by_comment": ":date: 2024-01-01\n..\n\n:draft: true\n\nT\n=\n",
    "bom_crlf_tab": "\ufeff:date: 2024-01-01\r\n:draft:\r\n\tfalse\r\n\r\nT\r\n=\r\n",
    "rcs_keyword": ":revised: $Date: 2024-01-08 10:00:00 $\n\nT\n=\n",
    "name_with_colon": ":a:b: c\n:x\\: y: z\n\nT\n=\n",
}


@pytest.fixture(scope="module")
def sphinx_metadata(tmp_path_factory) -> dict[str, dict[str, str]]:
    """What Sphinx keeps as each page's metadata, names in lower case."""
    srcdir = tmp_path_factory.mktemp("fields")
    (srcdir / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (srcdir / "index.rst").write_text("Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n",
                                      encoding="utf-8")
    for name, text in FIELD_PAGES.items():
        (srcdir / f"{name}.rst").write_bytes(text.encode("utf-8"))
    app = build_site(Path(srcdir))
    return {name: {str(key).lower(): value for key, value in app.env.metadata[name].items()}
            for name in FIELD_PAGES}


@pytest.mark.parametrize("name", list(FIELD_PAGES))
def test_the_opening_field_list_is_the_one_sphinx_keeps(name, sphinx_metadata) -> None:
    fields = opening_fields(FIELD_PAGES[name])
    assert {key: field.text for key, field in fields.items()} == sphinx_metadata[name]


def test_field_bodies_run_on_over_indented_lines() -> None:
    assert opening_fields(FIELD_PAGES["next_line"]) == {
        "draft": RstField(1, "false"), "date": RstField(3, "2099-01-01")}
    assert opening_fields(FIELD_PAGES["continued"]) == {
        "title": RstField(1, "one\ntwo\n\nthree"), "tags": RstField(5, "x")}
    assert opening_fields(FIELD_PAGES["after_markup"])["date"].line == 13


def test_deciding_fields_keep_their_text_and_others_take_docutils_rendering() -> None:
    fields = opening_fields(":date: 2024-01-08\n:draft:\n:title: A *fine* day\n"
                            ":authors: A; B\n")
    rendered = {"date": "ignored", "draft": "false", "title": "A fine day",
                "authors": ["A", "B"]}
    front_matter = rst_front_matter(fields, rendered)
    assert front_matter is not None
    values = {key: field.value for key, field in front_matter.fields.items()}
    assert values["draft"] is True  # no value: a switch that is on
    assert str(values["date"]) == "2024-01-08"
    assert (values["title"], values["authors"]) == ("A fine day", ["A", "B"])
    assert rst_front_matter(fields) is not None
    assert rst_front_matter({}) is None


class _Recorder(Directive):
    """Stands for ABlog's directive: notes where docutils runs it and its argument."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar = {"tags": directives.unchanged}
    runs: ClassVar[list[tuple[int, str, str]]] = []

    def run(self) -> list:
        self.runs.append((self.lineno, (self.arguments or [""])[0],
                          self.state.parent.tagname))
        return []


def docutils_mark(text: str, monkeypatch) -> PostMark | None:
    """The first post directive docutils runs at the top level of ``text``."""
    monkeypatch.setitem(directives._directives, "post", _Recorder)
    _Recorder.runs = []
    publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5,
                                              "doctitle_xform": False})
    top = [(line, argument) for line, argument, parent in _Recorder.runs
           if parent in ("document", "section")]
    return PostMark(*top[0]) if top else None


DIRECTIVE_PAGES = {
    "alone": ".. post:: 2024-01-01\n",
    "indented literal": "Example::\n\n  .. post:: 2024\n",
    "quoted literal": "Example::\n\n.. post:: 2024\n",
    "quoted after two blank lines": "Some\nexample::\n\n\n.. post:: 2024\n",
    "after a quoted literal": "Ex::\n\n.. a\n\n.. post:: 2024\n",
    "lone ::": "::\n\n.. post:: 2024\n",
    "paragraph": "Some text\n.. post:: 2024\n",
    "doctest": ">>> 1\n.. post:: 2024\n",
    "enumerated, then": "1. item\n2. item\n.. post:: 2024\n",
    "after an enumerated item": "1. item\n\n.. post:: 2024\n",
    "after a title": "Title\n=====\n.. post:: 2024\n",
    "short underline": "Tx\n::\n\n.. post:: 2024\n",
    "overline": "------\n.. post:: 2024\n------\n",
    "after a bullet": "- item\n.. post:: 2024\n",
    "after a field": ":tags: a\n.. post:: 2024\n",
    "after a comment": ".. a comment\n   more\n.. post:: 2024\n",
    "after a definition": "term\n  definition::\n\n.. post:: 2024\n",
    "after a grid table": "+---+\n| a |\n+---+\n.. post:: 2024\n",
    "in a simple table": "=====  =====\nA      B\n=====  =====\n.. post:: x\n=====  =====\n",
    "after a simple table": "=====  =====\nA      B\n=====  =====\n\n.. post:: 2024\n",
    "in a note": ".. note::\n\n   .. post:: 2024\n",
    "in a quote": "Text.\n\n   .. post:: 2024\n",
    "in a code block": ".. code-block:: rst\n\n   .. post:: 2024\n",
    "argument on the next line": ".. post::\n   2024-01-08\n",
    "argument on two lines": ".. post:: 2024-01-08\n   10:00\n   :tags: x\n",
    "content, no argument": ".. post::\n\n   2024-01-08\n",
    "options only": ".. post::\n   :tags: x\n",
    "upper case, spaces, tab": "..   POST ::\t2024 \n",
    "twice": "Text\n\n.. post:: 2024\n\n.. post:: 2025\n",
    "not a directive": "..post:: 2024\n.. post:\n",
}


@pytest.mark.parametrize("name", list(DIRECTIVE_PAGES))
def test_the_post_directive_is_found_where_docutils_runs_it(name, monkeypatch) -> None:
    text = DIRECTIVE_PAGES[name]
    assert post_directive(text) == docutils_mark(text, monkeypatch)


def test_what_the_post_directive_gives() -> None:
    assert post_directive(DIRECTIVE_PAGES["argument on two lines"]) == PostMark(
        1, "2024-01-08\n10:00")
    assert post_directive(DIRECTIVE_PAGES["argument on the next line"]) == PostMark(
        1, "2024-01-08")
    assert post_directive(DIRECTIVE_PAGES["options only"]) == PostMark(1, "")
    assert post_directive(DIRECTIVE_PAGES["quoted literal"]) is None
