"""Read a page's YAML front matter with its real types and the line of every key.

MyST flattens front matter into strings in ``env.metadata``; this module reads the YAML
itself (safe loading) so that lists stay lists and dates stay dates.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

try:  # libyaml is several times faster; PyYAML's wheels ship it.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - only without libyaml
    _BaseLoader = yaml.SafeLoader

_OPENING = re.compile(r"-{3,}")
_CLOSING_DOTS = re.compile(r"\.\.\.[ \t]*")

#: Front matter longer than this is not read at all. A long post's front matter is well
#: under 2 KiB; 64 KiB parses in milliseconds even without libyaml, and is more than
#: anyone writes by hand.
MAX_BYTES = 64 * 1024
#: Values a front matter may reach through YAML aliases (``*name``), counted with every
#: alias expanded. Each alias of a list repeats the whole list, so a few hundred bytes of
#: aliases of aliases stand for billions of values; a key whose aliases go past this is
#: dropped.
MAX_ALIASED_VALUES = 10_000
#: Lists and mappings nested deeper than this are surely not meant, and reading them
#: would come near Python's recursion limit; a key that nests deeper is dropped.
MAX_DEPTH = 50


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps an impossible timestamp (``2018-13-45``) as its text.

    PyYAML raises a plain ``ValueError`` for such a value, which would lose every other
    field of the page; keeping the text lets the date parser give a precise warning.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.impossible_timestamps: list[yaml.ScalarNode] = []

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            self.impossible_timestamps.append(node)
            return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class FrontMatterError(Exception):
    """Front matter that cannot be used; ``line`` is 1-based in the source file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Block:
    """Where the front matter sits in the source: YAML text and its line span."""

    yaml_text: str
    first_line: int  # 1-based line of the opening ``---``
    last_line: int  # 1-based line of the closing marker

    @property
    def content_line(self) -> int:
        """1-based source line of the first YAML line."""
        return self.first_line + 1


@dataclass(frozen=True)
class Field:
    """One front-matter key: its typed value, its YAML node and its source line."""

    value: Any
    node: yaml.Node
    line: int


@dataclass(frozen=True)
class FrontMatter:
    """The fields of one page's front matter, by key."""

    fields: dict[str, Field] = field(default_factory=dict)
    line: int = 1
    #: Timestamps that break other YAML readers (MyST's): impossible ones such as
    #: ``2018-13-45``, and dates inside lists, which MyST 4 cannot store; see
    #: ``quote_scalars``.
    timestamps_to_quote: tuple[yaml.ScalarNode, ...] = ()
    #: Every timestamp scalar, for readers that store no dates at all (MyST-NB).
    timestamps: tuple[yaml.ScalarNode, ...] = ()
    #: Problems that do not stop reading (message, line): empty front matter, a key
    #: given twice.
    problems: tuple[tuple[str, int], ...] = ()
    #: True when the block holds nothing at all (``---`` then ``---``).
    empty: bool = False
    #: True when keys were dropped for going past ``MAX_ALIASED_VALUES`` or
    #: ``MAX_DEPTH``, or for being lists or mappings: other YAML readers (MyST's) must
    #: not be given the block.
    refused: bool = False

    def with_fields(self, extra: dict[str, Field]) -> FrontMatter:
        """These fields, with ``extra`` ones (from a ``{post}`` directive) taking over."""
        return replace(self, fields={**self.fields, **extra})

    def get(self, *keys: str) -> Field | None:
        """The first of ``keys`` present (for aliases such as ``category``/``categories``)."""
        for key in keys:
            if key in self.fields:
                return self.fields[key]
        return None


def find_block(text: str) -> Block | None:
    """Locate front matter the way MyST does: ``---`` on the first line, closed by a
    line of at least as many dashes (or ``...``); an unclosed block is not front matter.
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        return None
    opening = _OPENING.match(lines[0])
    if not opening:
        return None
    marker_count = len(opening.group(0))
    for index in range(1, len(lines)):
        line = lines[index]
        stripped = line.rstrip(" \t")
        is_dashes = stripped.startswith("-" * marker_count) and not stripped.strip("-")
        if is_dashes or _CLOSING_DOTS.fullmatch(line):
            return Block("\n".join(lines[1:index]), first_line=1, last_line=index + 1)
    return None


def blank_out(text: str, block: Block) -> str:
    """Replace the block by empty lines so that other parsers skip it but line
    numbers below it stay right."""
    lines = text.splitlines(keepends=True)
    for index in range(block.first_line - 1, block.last_line):
        lines[index] = "\n"
    return "".join(lines)


def parse_block(block: Block) -> FrontMatter:
    """Parse the YAML of ``block`` into typed fields; raise FrontMatterError if it is
    not valid YAML, not a mapping, or longer than ``MAX_BYTES``. Keys that go past
    ``MAX_ALIASED_VALUES`` or ``MAX_DEPTH`` are dropped, with a problem naming them."""
    size = len(block.yaml_text.encode("utf-8"))
    if size > MAX_BYTES:
        raise FrontMatterError(f"front matter is {size:,} bytes of YAML, more than the "
                               f"{MAX_BYTES // 1024} KiB read", block.first_line)
    loader = _Loader(block.yaml_text)
    values: list[Any] = []
    refusals: list[tuple[str, int]] = []
    try:
        root = loader.get_single_node()
        if isinstance(root, yaml.MappingNode):
            refusals = _drop_oversized(root, block.content_line)
            # Each value on its own, so that keys YAML reads as null, booleans or
            # numbers (``~:``, ``true:``, ``1:``) cannot lose or swap values.
            loader.flatten_mapping(root)
            refusals += _drop_complex_keys(root, block.content_line)
            values = [loader.construct_object(value_node, deep=True)
                      for _, value_node in root.value]
            data: Any = {}
        else:
            data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = block.content_line + mark.line if mark is not None else block.first_line
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", line) from None
    except RecursionError:  # only the pure-Python parser, on lists nested hundreds deep
        raise FrontMatterError(f"front matter nests lists or mappings more than "
                               f"{MAX_DEPTH} deep", block.first_line) from None
    finally:
        loader.dispose()
    if root is None:
        return FrontMatter(line=block.first_line, empty=True,
                           problems=(("front matter is empty", block.first_line),))
    if not isinstance(root, yaml.MappingNode):
        kind = type(data).__name__
        raise FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {kind}",
            block.first_line,
        )
    fields: dict[str, Field] = {}
    problems: list[tuple[str, int]] = list(refusals)
    for (key_node, value_node), value in zip(root.value, values, strict=True):
        key = str(key_node.value)
        line = block.content_line + key_node.start_mark.line
        if key in fields:
            problems.append((f"{key!r} is given twice; the last one is used", line))
        fields[key] = Field(value, value_node, line)
    to_quote = {id(node): node for node in loader.impossible_timestamps}
    every = dict(to_quote)
    for _, value_node in root.value:
        found = {id(node): node for node in _nested_timestamps(value_node)}
        every.update(found)
        if not isinstance(value_node, yaml.ScalarNode):
            to_quote.update(found)
    return FrontMatter(fields, block.first_line, tuple(to_quote.values()),
                       tuple(every.values()), tuple(problems), refused=bool(refusals))


def _drop_complex_keys(root: yaml.MappingNode, content_line: int
                       ) -> list[tuple[str, int]]:
    """Drop the keys that are lists or mappings (``? [a, b]: value``), which no field
    can be named by and which stop other YAML readers (MyST-Parser 4's); a problem for
    each."""
    kept, problems = [], []
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode):
            kept.append((key_node, value_node))
        else:
            problems.append(("a key that is a list or a mapping names no field; ignored",
                             content_line + key_node.start_mark.line))
    root.value = kept
    return problems


def _drop_oversized(root: yaml.MappingNode, content_line: int) -> list[tuple[str, int]]:
    """Take out of ``root`` the keys whose aliases, counted with those of the keys before
    them, go past ``MAX_ALIASED_VALUES``, and those nested deeper than ``MAX_DEPTH``;
    a problem (message, line) for each kind of key dropped.

    Done on the composed nodes, before any value is built: each node is measured once,
    so that the work is linear in the YAML's length however far its aliases expand.
    """
    measured: dict[int, tuple[int, int]] = {}
    seen: set[int] = set()
    aliased = 0
    kept, too_wide, too_deep = [], [], []
    for pair in root.value:
        try:
            expanded = sum(_expanded_size(node, measured, MAX_DEPTH) for node in pair)
        except _TooDeepError:
            too_deep.append(pair)
            continue
        own = sum(_count_unseen(node, seen) for node in pair)
        if aliased + expanded - own > MAX_ALIASED_VALUES:
            too_wide.append(pair)
            continue
        aliased += expanded - own
        kept.append(pair)
    root.value[:] = kept

    def problem(reason: str, pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[tuple[str, int]]:
        if not pairs:
            return []
        keys = ", ".join(repr(str(key.value)) for key, _ in pairs[:5])
        more = f" and {len(pairs) - 5} more" if len(pairs) > 5 else ""
        return [(f"{reason}: {'keys' if len(pairs) > 1 else 'key'} {keys}{more} dropped",
                 content_line + pairs[0][0].start_mark.line)]

    return (problem(f"front matter reaches more than {MAX_ALIASED_VALUES:,} values through "
                    "YAML aliases (*name)", too_wide)
            + problem(f"lists or mappings nested more than {MAX_DEPTH} deep", too_deep))


class _TooDeepError(Exception):
    """A node nested deeper than ``MAX_DEPTH`` (or an alias of itself, endlessly deep)."""


def _children(node: yaml.Node) -> list[yaml.Node]:
    """The nodes a list or mapping node holds (keys and values), none for a scalar."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return []


#: What a node being measured counts as when it is reached again from inside itself.
_ENDLESS = (0, sys.maxsize)


def _expanded_size(node: yaml.Node, measured: dict[int, tuple[int, int]], room: int) -> int:
    """How many nodes ``node`` stands for with every alias expanded. Each node is measured
    once (``measured``: its size and how deep it nests, by id); raise ``_TooDeepError`` if it
    nests more than ``room`` deep."""
    known = measured.get(id(node))
    if known is None:
        if room <= 0 and not isinstance(node, yaml.ScalarNode):
            raise _TooDeepError
        children = _children(node)
        measured[id(node)] = _ENDLESS
        try:
            sizes = [_expanded_size(child, measured, room - 1) for child in children]
        except _TooDeepError:
            del measured[id(node)]
            raise
        depth = 0 if isinstance(node, yaml.ScalarNode) else 1 + max(
            (measured[id(child)][1] for child in children), default=0)
        known = measured[id(node)] = (1 + sum(sizes), depth)
    if known[1] > room:
        raise _TooDeepError
    return known[0]


def _count_unseen(node: yaml.Node, seen: set[int]) -> int:
    """How many nodes under ``node`` (itself included) are not in ``seen``, adding them:
    the nodes written out here, not reached through an alias."""
    count, stack = 0, [node]
    while stack:
        current = stack.pop()
        if id(current) not in seen:
            seen.add(id(current))
            count += 1
            stack.extend(_children(current))
    return count


def _within(node: yaml.Node) -> Iterator[yaml.Node]:
    """``node`` and every node inside it, each once (aliases make the same node appear
    many times, or inside itself)."""
    seen, stack = set(), [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if not isinstance(current, yaml.ScalarNode):
            stack.extend(reversed(_children(current)))


def _nested_timestamps(node: yaml.Node) -> list[yaml.ScalarNode]:
    """The timestamp scalars anywhere inside a list or mapping node."""
    return [found for found in _within(node) if isinstance(found, yaml.ScalarNode)
            and found.tag == "tag:yaml.org,2002:timestamp"]


#: YAML types that have no JSON form (MyST-Parser writes front matter out as JSON).
_JSON_LESS_TAGS = frozenset({"tag:yaml.org,2002:binary", "tag:yaml.org,2002:set",
                             "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"})


def json_less_keys(front_matter: FrontMatter) -> list[str]:
    """The keys whose values hold a YAML type with no JSON form (``!!binary``,
    ``!!set``), which MyST-Parser 4 cannot write out."""
    return [key for key, field in front_matter.fields.items()
            if any(node.tag in _JSON_LESS_TAGS for node in _within(field.node))]


def quote_scalars(text: str, block: Block, scalars: tuple[yaml.ScalarNode, ...]) -> str:
    """Put plain one-line ``scalars`` of the block in single quotes, so that other YAML
    readers (MyST's) see text instead of failing on the whole front matter."""
    lines = text.splitlines(keepends=True)
    for node in sorted(scalars, key=lambda n: (n.start_mark.line, n.start_mark.column),
                       reverse=True):
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or node.style:  # plain scalars only
            continue
        index = block.content_line - 1 + start.line
        line = lines[index]
        lines[index] = f"{line[:start.column]}'{node.value}'{line[end.column:]}"
    return "".join(lines)


def from_values(values: dict[str, tuple[Any, int]], line: int) -> FrontMatter:
    """Front matter from values that were not written as YAML (a notebook's JSON
    metadata, an rST field list): ``key -> (value, line)``. Each value gets the YAML
    node it would have had, so every field is read by the same rules."""
    fields = {}
    for key, (value, key_line) in values.items():
        try:
            node = yaml.representer.SafeRepresenter().represent_data(value)
        except yaml.representer.RepresenterError:  # not a YAML type: read as text
            node = yaml.ScalarNode("tag:yaml.org,2002:str", str(value))
        fields[key] = Field(value, node, key_line)
    return FrontMatter(fields, line)


_RESOLVER = yaml.resolver.Resolver()


#: What an rST field's text is typed as; numbers stay text (a title ``3.10``).
_TYPED_TAGS = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                         "tag:yaml.org,2002:timestamp"})


def typed_scalar(text: str) -> Any:
    """``text`` as the YAML boolean, null or date it spells (``true``, ``2024-01-08``),
    else the text itself: how a value of an rST field list is typed."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _TYPED_TAGS:
        return text
    try:
        return yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):  # an impossible date: left to the date reader
        return text
