"""Read a page's YAML front matter with its real types and the line of every key.

MyST flattens front matter into strings in ``env.metadata``; this module reads the YAML
itself (safe loading) so that lists stay lists and dates stay dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

try:  # libyaml is several times faster; PyYAML's wheels ship it.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - only without libyaml
    _BaseLoader = yaml.SafeLoader

_OPENING = re.compile(r"-{3,}")
_CLOSING_DOTS = re.compile(r"\.\.\.[ \t]*")


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
    not valid YAML or not a mapping."""
    loader = _Loader(block.yaml_text)
    values: list[Any] = []
    try:
        root = loader.get_single_node()
        if isinstance(root, yaml.MappingNode):
            # Each value on its own, so that keys YAML reads as null, booleans or
            # numbers (``~:``, ``true:``, ``1:``) cannot lose or swap values.
            loader.flatten_mapping(root)
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
    problems: list[tuple[str, int]] = []
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
                       tuple(every.values()), tuple(problems))


def _nested_timestamps(node: yaml.Node) -> list[yaml.ScalarNode]:
    """The timestamp scalars anywhere inside a list or mapping node."""
    if isinstance(node, yaml.ScalarNode):
        return [node] if node.tag == "tag:yaml.org,2002:timestamp" else []
    children = node.value if isinstance(node, yaml.SequenceNode) else [
        child for pair in node.value for child in pair]
    return [found for child in children for found in _nested_timestamps(child)]


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
