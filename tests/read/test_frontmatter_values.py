"""Front matter parsing and value normalisation, without a Sphinx build."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from sphinx_postlog.normalise import make_timezone, read_authors, read_datetime, read_terms
from sphinx_postlog.read.frontmatter import (
    FrontMatterError,
    blank_out,
    find_block,
    parse_block,
    quote_scalars,
)

UTC = dt.timezone.utc


def node(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("python open-science dev-ops", ("python", "open-science", "dev-ops")),
        ("open science, python ,dev-ops", ("open science", "python", "dev-ops")),
        ('["open science", python, 2018, 1.10]', ("open science", "python", "2018", "1.10")),
        ("python python", ("python",)),
        ("~", ()),
        ("2018", ("2018",)),
    ],
)
def test_terms_accept_the_three_forms(yaml_text: str, expected: tuple[str, ...]) -> None:
    terms, problems = read_terms(node(yaml_text), "tag")
    assert terms == expected
    assert problems == []


@pytest.mark.parametrize(
    ("yaml_text", "expected", "problem_count"),
    [
        ('"a,,b"', ("a", "b"), 1),
        ('["good", "  "]', ("good",), 1),
        ('[good, [nested], {a: b}]', ("good",), 2),
        ('""', (), 1),
        ("{a: b}", (), 1),
    ],
)
def test_bad_terms_are_reported_and_good_ones_kept(
    yaml_text: str, expected: tuple[str, ...], problem_count: int
) -> None:
    terms, problems = read_terms(node(yaml_text), "tag")
    assert terms == expected
    assert len(problems) == problem_count


def test_author_strings_keep_names_whole_unless_all_words_are_keys() -> None:
    assert read_authors(node("Jane Doe"), set())[0] == ("Jane Doe",)
    assert read_authors(node("Jane Doe, Sam Roe"), set())[0] == ("Jane Doe", "Sam Roe")
    assert read_authors(node("jane sam"), {"jane", "sam"})[0] == ("jane", "sam")
    assert read_authors(node("jane bob"), {"jane"})[0] == ("jane bob",)
    assert read_authors(node("[jane, Sam Roe]"), set())[0] == ("jane", "Sam Roe")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2018, 5, 18), dt.datetime(2018, 5, 18, tzinfo=UTC)),
        (dt.datetime(2018, 5, 18, 9, 30), dt.datetime(2018, 5, 18, 9, 30, tzinfo=UTC)),
        ("2018-05-18", dt.datetime(2018, 5, 18, tzinfo=UTC)),
        ("2018-05-18 09:30", dt.datetime(2018, 5, 18, 9, 30, tzinfo=UTC)),
        (
            "2018-05-18T09:30:00+02:00",
            dt.datetime(2018, 5, 18, 7, 30, tzinfo=UTC),
        ),
    ],
)
def test_dates_become_aware_datetimes(value: object, expected: dt.datetime) -> None:
    result = read_datetime(value, UTC)
    assert result.utcoffset() is not None
    assert result == expected


def test_unzoned_dates_are_read_in_the_configured_zone() -> None:
    paris = make_timezone("Europe/Paris")
    result = read_datetime(dt.date(2018, 7, 1), paris)
    assert result.utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize("value", ["yesterday", "2018-13-45", 1526601600, None, ["2018"]])
def test_unreadable_dates_raise_value_error(value: object) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        read_datetime(value, UTC)


def test_block_is_found_like_myst_and_lines_are_right() -> None:
    text = "---\ntags: a\n\ndate: 2018-05-18\n---\n# Title\n"
    block = find_block(text)
    assert block is not None
    front_matter = parse_block(block)
    assert front_matter.fields["tags"].line == 2
    assert front_matter.fields["date"].line == 4
    assert front_matter.fields["date"].value == dt.date(2018, 5, 18)


@pytest.mark.parametrize(
    "text", ["# No front matter\n", "---\ntags: a\n", "", "text\n---\na: b\n---\n"]
)
def test_no_block_without_opening_and_closing_markers(text: str) -> None:
    assert find_block(text) is None


def test_broken_yaml_reports_the_line_of_the_problem() -> None:
    block = find_block("---\ndate: 2018-01-01\ntags: [a, b\n---\n")
    assert block is not None
    with pytest.raises(FrontMatterError) as error:
        parse_block(block)
    assert error.value.line in (3, 4)


@pytest.mark.parametrize("yaml_text", ["- a\n- b", "just text", "42"])
def test_front_matter_must_be_a_mapping(yaml_text: str) -> None:
    block = find_block(f"---\n{yaml_text}\n---\n")
    assert block is not None
    with pytest.raises(FrontMatterError, match="must be a mapping"):
        parse_block(block)


def test_impossible_timestamp_keeps_other_fields_and_can_be_quoted() -> None:
    text = "---\ndate: 2018-13-45\ntags: kept\n---\n# T\n"
    block = find_block(text)
    assert block is not None
    front_matter = parse_block(block)
    assert front_matter.fields["date"].value == "2018-13-45"
    assert front_matter.fields["tags"].value == "kept"
    repaired = quote_scalars(text, block, front_matter.timestamps_to_quote)
    assert repaired.splitlines()[1] == "date: '2018-13-45'"
    assert yaml.safe_load(repaired.split("---")[1]) == {"date": "2018-13-45", "tags": "kept"}


def test_blank_out_keeps_line_numbers() -> None:
    text = "---\na: [\n---\n# Title\n"
    block = find_block(text)
    assert block is not None
    blanked = blank_out(text, block)
    assert blanked.splitlines() == ["", "", "", "# Title"]


def test_dates_inside_lists_are_quoted_for_other_readers() -> None:
    text = "---\ndate: [2018-01-01, {on: 2019-02-02}]\nupdated: 2018-01-02\n---\n"
    block = find_block(text)
    assert block is not None
    front_matter = parse_block(block)
    repaired = quote_scalars(text, block, front_matter.timestamps_to_quote)
    assert repaired.splitlines()[1] == "date: ['2018-01-01', {on: '2019-02-02'}]"
    assert repaired.splitlines()[2] == "updated: 2018-01-02"
