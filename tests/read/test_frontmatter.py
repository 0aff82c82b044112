"""Unit tests of sphinx_postlog.read.frontmatter: where the block is, what each field is typed
as and on which line it stands, and the repairs made for other YAML readers."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml

from conftest import alias_bomb
from sphinx_postlog.read.frontmatter import (
    MAX_ALIASED_VALUES,
    MAX_BYTES,
    MAX_DEPTH,
    Block,
    Field,
    FrontMatter,
    FrontMatterError,
    blank_out,
    find_block,
    from_values,
    parse_block,
    quote_scalars,
    typed_scalar,
)


def parsed(text: str) -> FrontMatter:
    block = find_block(text)
    assert block is not None
    return parse_block(block)


@pytest.mark.parametrize(
    ("text", "yaml_text", "last_line"),
    [
        ("---\na: 1\n---\nbody\n", "a: 1", 3),
        ("\ufeff---\na: 1\n---\n", "a: 1", 3),
        ("-----\na: 1\n---\nb: 2\n-----\n", "a: 1\n---\nb: 2", 5),
        ("---\na: 1\n----  \n", "a: 1", 3),
        ("---\na: 1\n...\n", "a: 1", 3),
        ("---\na: 1\n... \t\n", "a: 1", 3),
        ("---\n---\n", "", 2),
        ("---\na: 1\nb: 2\n\n---\n", "a: 1\nb: 2\n", 5),
    ],
)
def test_block_text_and_span(text: str, yaml_text: str, last_line: int) -> None:
    assert find_block(text) == Block(yaml_text, first_line=1, last_line=last_line)


@pytest.mark.parametrize("text", ["---\na: 1\n--- x\n", "---\na: 1\n-- -\n", "---\na: 1\n....\n",
                                  " ---\na: 1\n---\n", "--\na: 1\n--\n"])
def test_lines_that_do_not_close_or_open_a_block(text: str) -> None:
    assert find_block(text) is None


def test_content_line_is_below_the_opening_marker() -> None:
    assert Block("a: 1", first_line=1, last_line=3).content_line == 2
    assert Block("a: 1", first_line=4, last_line=6).content_line == 5


def test_blank_out_replaces_exactly_the_block() -> None:
    text = "intro\n---\na: 1\n---\nbody\n"
    assert blank_out(text, Block("a: 1", first_line=2, last_line=4)) == "intro\n\n\n\nbody\n"


def test_fields_have_typed_values_nodes_and_lines() -> None:
    front_matter = parsed("---\ntitle: Hello\n\ntags: [a, b]\ndate: 2018-05-18 09:30:00\n"
                          "draft: true\ncount: 3\n---\n")
    assert front_matter.line == 1
    assert not front_matter.empty
    assert front_matter.problems == ()
    fields = front_matter.fields
    assert list(fields) == ["title", "tags", "date", "draft", "count"]
    assert [f.line for f in fields.values()] == [2, 4, 5, 6, 7]
    assert fields["title"].value == "Hello"
    assert fields["tags"].value == ["a", "b"]
    assert isinstance(fields["tags"].node, yaml.SequenceNode)
    assert fields["date"].value == dt.datetime(2018, 5, 18, 9, 30)
    assert fields["draft"].value is True
    assert fields["count"].value == 3
    assert front_matter.timestamps_to_quote == ()
    assert [node.value for node in front_matter.timestamps] == ["2018-05-18 09:30:00"]


def test_typed_keys_are_found_by_their_text() -> None:
    front_matter = parsed("---\n1: one\n2.5: x\n---\n")
    assert front_matter.fields["1"].value == "one"
    assert front_matter.fields["2.5"].value == "x"


def test_a_key_given_twice_is_reported_and_the_last_kept() -> None:
    front_matter = parsed("---\ntags: a\ntitle: T\ntags: b\n---\n")
    assert front_matter.fields["tags"].value == "b"
    assert front_matter.fields["tags"].line == 4
    assert front_matter.problems == (("'tags' is given twice; the last one is used", 4),)


@pytest.mark.parametrize("key", ["[complex, key]", "{a: 1}"])
def test_keys_that_are_lists_or_mappings_are_dropped_and_refused(key: str) -> None:
    front_matter = parsed(f"---\ndate: 2020-01-01\n? {key}\n: value\ntags: a\n---\n")
    assert sorted(front_matter.fields) == ["date", "tags"]
    assert front_matter.fields["tags"].value == "a"  # the values stay with their keys
    assert front_matter.problems == (
        ("a key that is a list or a mapping names no field; ignored", 3),)
    assert front_matter.refused  # not shown to MyST, which stops on it
    assert not parsed("---\ndate: 2020-01-01\n---\n").refused


@pytest.mark.parametrize("text", ["---\n---\n", "---\n# only a comment\n---\n"])
def test_empty_front_matter(text: str) -> None:
    front_matter = parsed(text)
    assert front_matter.empty
    assert front_matter.fields == {}
    assert front_matter.line == 1
    assert front_matter.problems == (("front matter is empty", 1),)


@pytest.mark.parametrize(("yaml_text", "kind"), [("- a", "list"), ("text", "str"), ("3", "int")])
def test_not_a_mapping_names_what_it_is(yaml_text: str, kind: str) -> None:
    with pytest.raises(FrontMatterError) as error:
        parsed(f"---\n{yaml_text}\n---\n")
    assert str(error.value) == f"front matter must be a mapping of keys to values, not a {kind}"
    assert error.value.line == 1


def test_invalid_yaml_gives_the_problem_and_its_source_line() -> None:
    with pytest.raises(FrontMatterError) as error:
        parsed("---\ntitle: ok\ntags: [a\ndate: x\n---\n")
    assert str(error.value).startswith("front matter is not valid YAML: ")
    assert "expected ',' or ']'" in str(error.value)
    assert error.value.line == 4

    with pytest.raises(FrontMatterError) as error:
        parsed("---\na: 1\n  b: 2\n---\n")
    assert str(error.value) == ("front matter is not valid YAML: "
                                "mapping values are not allowed in this context")
    assert error.value.line == 3


def test_impossible_dates_are_kept_as_text_and_marked() -> None:
    front_matter = parsed("---\ndate: 2018-02-30\nupdated: 2018-02-01\n---\n")
    assert front_matter.fields["date"].value == "2018-02-30"
    assert front_matter.fields["updated"].value == dt.date(2018, 2, 1)
    assert [n.value for n in front_matter.timestamps_to_quote] == ["2018-02-30"]
    assert sorted(n.value for n in front_matter.timestamps) == ["2018-02-01", "2018-02-30"]


def test_dates_in_lists_and_mappings_are_found() -> None:
    front_matter = parsed("---\nx: [2018-01-01, [2018-01-02]]\ny: {a: 2018-01-03, "
                          "2018-01-04: b}\nz: 2018-01-05\nw: [a, 1]\n---\n")
    assert sorted(n.value for n in front_matter.timestamps_to_quote) == [
        "2018-01-01", "2018-01-02", "2018-01-03", "2018-01-04"]
    assert sorted(n.value for n in front_matter.timestamps) == [
        "2018-01-01", "2018-01-02", "2018-01-03", "2018-01-04", "2018-01-05"]


def test_dates_reached_again_through_aliases_are_found_once() -> None:
    front_matter = parsed("---\nd: &d [2018-01-01, &e 2018-01-02]\nx: [*d, *d, *e]\n---\n")
    assert sorted(n.value for n in front_matter.timestamps) == ["2018-01-01", "2018-01-02"]
    assert sorted(n.value for n in front_matter.timestamps_to_quote) == [
        "2018-01-01", "2018-01-02"]


def test_keys_that_expand_too_far_through_aliases_are_dropped_at_once() -> None:
    # 9 levels: a billion values, hours to walk one by one.
    started = time.perf_counter()
    front_matter = parsed(alias_bomb(9))
    assert time.perf_counter() - started < 1
    # l1 and l2 reach 110 and 1,110 values through aliases; l3 would reach 11,110.
    assert list(front_matter.fields) == ["title", "date", "l0", "l1", "l2", "after"]
    assert front_matter.fields["l2"].value == [[["x"] * 10] * 10] * 10
    assert front_matter.problems == ((
        f"front matter reaches more than {MAX_ALIASED_VALUES:,} values through YAML "
        "aliases (*name): keys 'l3', 'l4', 'l5', 'l6', 'l7' and 2 more dropped", 7),)
    assert front_matter.refused


def test_the_alias_limit_counts_every_key() -> None:
    # Each key alone stays under the limit; together they go past it.
    items = ", ".join(["x"] * 4000)
    front_matter = parsed(f"---\nall: &all [{items}]\na: *all\nb: *all\nc: *all\n"
                          "d: [*all]\ne: text\n---\n")
    assert list(front_matter.fields) == ["all", "a", "b", "e"]
    assert front_matter.problems == ((
        f"front matter reaches more than {MAX_ALIASED_VALUES:,} values through YAML "
        "aliases (*name): keys 'c', 'd' dropped", 5),)
    # Values written out count once, however many there are.
    many = parsed(f"---\na: [{items}]\nb: [{items}]\nc: [{items}]\n---\n")
    assert list(many.fields) == ["a", "b", "c"] and not many.refused


def test_aliases_within_the_limit_are_read() -> None:
    front_matter = parsed("---\nbase: &base {x: 1}\nm:\n  <<: *base\n  y: 2\n"
                          "l: &l [a, b]\nk: *l\n---\n")
    assert front_matter.fields["m"].value == {"x": 1, "y": 2}
    assert front_matter.fields["k"].value == ["a", "b"]
    assert front_matter.problems == () and not front_matter.refused


@pytest.mark.parametrize("yaml_text", [
    "a: &a [*a]",
    "a: &a [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",  # not 10 ** 50 visits either
    "a: &a {x: *a}",
    "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "a: " + "[" * 900 + "]" * 900,
    # Each 30 deep, together 60: an alias counts as deep as what it stands for.
    "a: &a " + "[" * 30 + "1" + "]" * 30 + "\nb: " + "[" * 30 + "*a" + "]" * 30,
])
def test_keys_nested_too_deep_or_inside_themselves_are_dropped(yaml_text: str) -> None:
    front_matter = parsed(f"---\n{yaml_text}\nz: 1\n---\n")
    assert "z" in front_matter.fields
    (message, line), = front_matter.problems
    assert message.startswith(f"lists or mappings nested more than {MAX_DEPTH} deep: key ")
    assert front_matter.refused
    assert line == (3 if "\nb: " in yaml_text else 2)


def test_nesting_up_to_the_limit_is_read() -> None:
    front_matter = parsed("---\na: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n---\n")
    assert "a" in front_matter.fields and front_matter.problems == ()


def test_front_matter_past_the_size_limit_is_not_read() -> None:
    filler = "x" * (MAX_BYTES - len("a: ")) + "\n"
    assert "a" in parsed(f"---\na: {filler}---\n").fields  # exactly the limit
    with pytest.raises(FrontMatterError) as error:
        parsed(f"---\na: é{filler}---\n")  # é is two bytes in UTF-8
    assert str(error.value) == (f"front matter is {MAX_BYTES + 2:,} bytes of YAML, more "
                                "than the 64 KiB read")
    assert error.value.line == 1


def test_quote_scalars_quotes_plain_one_line_scalars_only() -> None:
    text = ('---\na: [2018-01-01, 2019-02-02]\nb: "2018-01-03"\nc: 2018-02-30\n---\n'
            "body\n")
    block = find_block(text)
    assert block is not None
    front_matter = parse_block(block)
    quoted = quote_scalars(text, block, front_matter.timestamps)
    assert quoted == ("---\na: ['2018-01-01', '2019-02-02']\nb: \"2018-01-03\"\n"
                      "c: '2018-02-30'\n---\nbody\n")


def test_quote_scalars_uses_the_block_position() -> None:
    text = "x\n---\nd: [2018-01-01]\n---\n"
    block = Block("d: [2018-01-01]", first_line=2, last_line=4)
    node = yaml.compose(block.yaml_text).value[0][1].value[0]
    assert quote_scalars(text, block, (node,)) == "x\n---\nd: ['2018-01-01']\n---\n"


def test_get_returns_the_first_present_alias() -> None:
    node = yaml.ScalarNode("tag:yaml.org,2002:str", "x")
    front_matter = FrontMatter({"category": Field("a", node, 2), "categories": Field("b", node, 3)})
    assert front_matter.get("categories", "category").value == "b"
    assert front_matter.get("nope", "category").value == "a"
    assert front_matter.get("nope") is None


def test_with_fields_lets_extra_ones_take_over() -> None:
    node = yaml.ScalarNode("tag:yaml.org,2002:str", "x")
    front_matter = FrontMatter({"a": Field(1, node, 2), "b": Field(2, node, 3)}, line=5)
    merged = front_matter.with_fields({"b": Field(9, node, 9), "c": Field(3, node, 4)})
    assert {k: f.value for k, f in merged.fields.items()} == {"a": 1, "b": 9, "c": 3}
    assert merged.line == 5
    assert {k: f.value for k, f in front_matter.fields.items()} == {"a": 1, "b": 2}


def test_from_values_gives_each_value_its_yaml_node() -> None:
    front_matter = from_values({"tags": (["a", "b"], 3), "date": (dt.date(2024, 1, 8), 4),
                                "odd": (object, 5)}, line=2)
    assert front_matter.line == 2
    tags = front_matter.fields["tags"]
    assert tags.value == ["a", "b"] and tags.line == 3
    assert isinstance(tags.node, yaml.SequenceNode)
    assert [item.value for item in tags.node.value] == ["a", "b"]
    assert front_matter.fields["date"].node.tag == "tag:yaml.org,2002:timestamp"
    odd = front_matter.fields["odd"]
    assert odd.value is object and odd.line == 5
    assert odd.node.tag == "tag:yaml.org,2002:str"
    assert odd.node.value == str(object)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("No", False),
        ("~", None),
        ("null", None),
        ("2024-01-08", dt.date(2024, 1, 8)),
        ("3.10", "3.10"),
        ("42", "42"),
        ("hello", "hello"),
        ("2024-02-30", "2024-02-30"),
    ],
)
def test_typed_scalar_types_booleans_nulls_and_dates_only(text: str, value: object) -> None:
    assert typed_scalar(text) == value
    assert type(typed_scalar(text)) is type(value)


@pytest.mark.parametrize("closing", ["---\u00a0", "---X", "----X"])
def test_only_dashes_and_blanks_or_tabs_close_a_block(closing: str) -> None:
    assert find_block(f"---\na: 1\n{closing}\n") is None


def test_quote_scalars_leaves_quoted_scalars_and_goes_on() -> None:
    text = "---\na: 2018-01-01\nb: \"x\"\nc: 2018-01-02\n---\n"
    block = find_block(text)
    assert block is not None
    nodes = [value for _, value in yaml.compose(block.yaml_text).value]
    assert quote_scalars(text, block, tuple(nodes)) == (
        "---\na: '2018-01-01'\nb: \"x\"\nc: '2018-01-02'\n---\n")


def test_keys_yaml_reads_as_null_booleans_or_numbers_keep_their_values() -> None:
    block = find_block("---\n~: x\ntrue: y\n1: z\ntags: [a]\n---\n")
    assert block is not None
    fields = parse_block(block).fields
    assert {key: field.value for key, field in fields.items()} == {
        "~": "x", "true": "y", "1": "z", "tags": ["a"]}
