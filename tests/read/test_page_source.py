"""Unit tests of sphinx_postlog.read.page_source: one reading of a page's source for the
check made before Sphinx reads it and for the reading itself."""

from __future__ import annotations

import json
import pickle

import pytest
from myst_parser.config.main import MdParserConfig

from sphinx_postlog.read.frontmatter import from_values
from sphinx_postlog.read.page_source import MarkdownReader, ReadAhead, read_source
from sphinx_postlog.read.rst_fields import PostMark
from sphinx_postlog.read.sources import PageKind

COLON = MdParserConfig(enable_extensions={"colon_fence"})


@pytest.mark.parametrize(("text", "config", "mark"), [
    ("# P\n\n```{post} 2024-01-08\n:tags: a\n```\n", MdParserConfig(),
     PostMark(3, "2024-01-08")),
    ("```{POST}\n```\n", MdParserConfig(), PostMark(1, "")),
    ("~~~{post}   Jan 8,  2024 \n~~~\n", MdParserConfig(), PostMark(1, "Jan 8,  2024")),
    (":::{post} 2024-01-08\n:::\n", COLON, PostMark(1, "2024-01-08")),
    (":::{post} 2024-01-08\n:::\n", MdParserConfig(), None),  # colon fences not on
    ("```rst\n.. post:: 2024\n```\n", MdParserConfig(), None),
    ("````md\n```{post} 2024\n```\n````\n", MdParserConfig(), None),
    ("::::{note}\n:::{post} 2024\n:::\n::::\n", COLON, None),
    ("    ```{post} 2024\n    ```\n", MdParserConfig(), None),
    ("> ```{post} 2024\n> ```\n", MdParserConfig(), None),
    ("- item\n\n  ```{post} 2024\n  ```\n", MdParserConfig(), None),
    ("```{eval-rst}\n.. post:: 2024\n```\n", MdParserConfig(), None),
    ("```{post} 2024\n```\n", MdParserConfig(commonmark_only=True), None),
    ("```post 2024\n```\n", MdParserConfig(fence_as_directive={"post"}),
     PostMark(1, "2024")),
    ("```{postlist}\n```\n\n```{post} 2024\n```\n", MdParserConfig(), PostMark(4, "2024")),
])
def test_the_post_fence_is_found_only_at_the_top_level(text, config, mark) -> None:
    assert MarkdownReader(config).directive(text, None) == mark


def test_a_page_own_myst_settings_are_followed() -> None:
    front_matter = from_values({"myst": ({"enable_extensions": ["colon_fence"]}, 2)}, 1)
    text = ":::{post} 2024\n:::\n"
    assert MarkdownReader(MdParserConfig()).directive(text, front_matter) == PostMark(1, "2024")


def test_notebook_cells_are_tokenized_one_by_one() -> None:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["```{post} 2024\n"]},
             {"cell_type": "markdown", "metadata": {}, "source": "```\n"},
             {"cell_type": "code", "metadata": {}, "source": "```{post} 2025\n```\n",
              "outputs": [], "execution_count": None},
             {"cell_type": "markdown", "metadata": {}, "source": "```{post} 2026\n```\n"}]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    reading = read_source(PageKind.NOTEBOOK, text, MarkdownReader(MdParserConfig()))
    assert reading.directive == PostMark(1, "2024")  # the first cell holds the whole fence
    assert read_source(PageKind.NOTEBOOK, "not json {post}",
                       MarkdownReader(MdParserConfig())).directive is None


def fields(front_matter) -> dict[str, object]:
    return {key: field.value for key, field in front_matter.fields.items()}


def test_the_directive_decides_over_front_matter_and_options_only_add() -> None:
    text = "---\ndate: 2020-01-01\ntags: a\n---\n# P\n\n```{post} 2024-01-08\n```\n"
    reading = read_source(PageKind.MYST, text, MarkdownReader(MdParserConfig()))
    judged = reading.judged
    assert judged is not None
    assert fields(judged)["blogpost"] is True and fields(judged)["date"] == "2024-01-08"
    options = from_values({"date": ("1999-01-01", 7), "blogpost": (False, 7),
                           "tags": ("b", 8)}, 7).fields
    read = reading.as_read(None, options)
    assert read is not None
    assert fields(read) == {**fields(judged), "tags": "b"}


@pytest.mark.parametrize(("kind", "text"), [
    (PageKind.MYST, "---\n---\n# Empty\n"),
    (PageKind.MYST, "---\ndate: [\n---\n"),
    (PageKind.MYST, "# No front matter\n"),
    (PageKind.RST, "Title\n=====\n\n:date: 2024-01-08\n"),
    (PageKind.OTHER, "---\ndate: 2024-01-08\n---\n\n.. post:: 2024\n"),
    (PageKind.NOTEBOOK, json.dumps({"cells": [{"cell_type": "raw", "metadata": {},
                                               "source": "---\ndate: [\n---\n"}],
                                    "metadata": {"date": "2024-01-08"}})),
])
def test_pages_without_usable_front_matter_are_judged_by_none(kind, text) -> None:
    reading = read_source(kind, text, MarkdownReader(MdParserConfig()))
    assert reading.judged is None
    assert reading.as_read({"date": "2024-01-08"}) is None


def test_yaml_in_an_rst_page_is_not_read_but_the_fields_below_it_are() -> None:
    reading = read_source(PageKind.RST, "---\ndate: 2099-01-01\n---\n:date: 2024-01-08\n")
    assert reading.block is not None
    assert reading.judged is not None and str(fields(reading.judged)["date"]) == "2024-01-08"


def test_what_is_read_ahead_is_used_once_for_the_same_source_only() -> None:
    ahead = ReadAhead()
    text = "---\ndate: 2024-01-08\n---\n# P\n"
    first = ahead.read("p", PageKind.MYST, text, None)
    assert ahead.take("p", PageKind.MYST, text, None) is first
    assert ahead.take("p", PageKind.MYST, text, None) is not first  # read again
    ahead.read("p", PageKind.MYST, text, None)
    changed = ahead.take("p", PageKind.MYST, text.replace("08", "09"), None)
    assert changed.judged is not None
    assert str(fields(changed.judged)["date"]) == "2024-01-09"
    ahead.read("q", PageKind.MYST, text, None)
    assert len(ahead) == 1 and len(pickle.loads(pickle.dumps(ahead))) == 0
    ahead.clear()
    assert len(ahead) == 0
