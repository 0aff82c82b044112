"""Front matter of reStructuredText pages: the file-wide field list at the top, and
ABlog's ``.. post::`` directive.

Sphinx keeps that field list as ``env.metadata[docname]`` (values as text). Each value
is typed as YAML would type it (``true``, ``2024-01-08``) and read by the same rules as
front matter, so rST and MyST posts mix in one blog. ``:draft:`` or ``:blogpost:`` with
no value means true, as ``:orphan:`` does for Sphinx.

Whether a page is a published post has to be known before Sphinx reads it (drafts are
kept out of the build), so the field list and the directive are found here in the
source, by docutils' own rules: its patterns, a field's body running on over indented
lines (``:draft:`` then an indented ``false`` on the next line is ``false``), the
constructs that may come before the field list, and where a ``.. post::`` line really is
a directive rather than text in a paragraph or a literal block. The check before reading
and the reading itself both use what is found here, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from docutils.parsers.rst.states import Body, Inliner
from docutils.statemachine import string2lines
from docutils.transforms.frontmatter import DocInfo

from sphinx_postlog.read.frontmatter import FrontMatter, from_values, typed_scalar

#: Fields that are switches: present with no value means true.
FLAG_FIELDS = frozenset({"post", "blogpost", "draft"})
#: Fields that decide whether a page is a published post: always read as written in the
#: source, so that the check made before reading and the reading agree.
PUBLICATION_FIELDS = frozenset({"post", "blogpost", "draft", "date"})

_PATTERNS = {name: re.compile(Body.patterns[name]) for name in (
    "bullet", "enumerator", "field_marker", "option_marker", "doctest", "line_block",
    "explicit_markup", "anonymous", "line")}
_GRID_TABLE_TOP = Body.grid_table_top_pat
_SIMPLE_TABLE_TOP = Body.simple_table_top_pat
_SIMPLE_TABLE_BORDER = re.compile(r"=[ =]*$")
_DIRECTIVE = re.compile(rf"\.\.[ ]+({Inliner.simplename})[ ]?::( +|$)")
#: What any line starting ABlog's directive holds: pages without it are skipped quickly.
_DIRECTIVE_LINE = re.compile(r"\.\.[ \t]+post[ \t]?::", re.IGNORECASE)
_TARGET_OR_SUBSTITUTION = re.compile(r"\.\.[ ]+[_|](?![ ]|$)")
_FOOTNOTE_OR_CITATION = re.compile(r"\.\.[ ]+\[[^\]]+\]( +|$)")
#: What starts a quoted literal block (after a paragraph ending in ``::``).
_QUOTE = re.compile(r"[!-/:-@[-`{-~]")
#: Directives that leave nothing before the field list but what docutils lets stand
#: before the document's bibliographic fields (comments, targets, metadata, index
#: entries), so the field list after them is still the page's metadata.
_INVISIBLE_DIRECTIVES = frozenset({"meta", "index", "title", "default-role", "role"})
_RCS_KEYWORDS: list[tuple[re.Pattern[str], str]] = DocInfo.rcs_keyword_substitutions


@dataclass(frozen=True)
class RstField:
    """One field of the opening field list: its 1-based line and its text, as docutils
    gives a field body of plain text (its lines joined by newlines, paragraphs by a
    blank line)."""

    line: int
    text: str


@dataclass(frozen=True)
class PostMark:
    """ABlog's post directive where the page's parser runs it: its 1-based line and its
    argument (the date, "" for none) as the parser reads it."""

    line: int
    argument: str


def source_lines(text: str) -> list[str]:
    """``text`` as docutils splits it: tabs expanded, trailing white space dropped."""
    return string2lines(text.removeprefix("\ufeff"), tab_width=8, convert_whitespace=True)


def _is_blank(line: str) -> bool:
    return not line


def _indented_end(lines: list[str], start: int) -> int:
    """The index after the indented (or blank) lines that follow line ``start``."""
    end = start + 1
    while end < len(lines) and (not lines[end] or lines[end][0] == " "):
        end += 1
    return end


def _first_known_indented(lines: list[str], start: int, first_indent: int,
                          strip_top: bool) -> tuple[list[str], int]:
    """docutils' ``get_first_known_indented``: line ``start`` from column
    ``first_indent`` on, then the indented lines after it with their common indent
    removed; and the index after them."""
    end = _indented_end(lines, start)
    rest = lines[start + 1:end]
    indent = min((len(line) - len(line.lstrip(" ")) for line in rest if line), default=0)
    block = [lines[start][first_indent:], *(line[indent:] for line in rest)]
    while strip_top and block and not block[0].strip():
        block.pop(0)
    return block, end


def _field_name(marker: str) -> str:
    """A field marker's name as a key: backslash escapes undone, white space collapsed,
    lower case (docutils' ``fully_normalize_name``)."""
    name = marker[1:marker.rstrip(" ").rfind(":")]
    name = re.sub(r"\\(.)", r"\1", name.replace("\\ ", ""))
    return " ".join(name.split()).lower()


def _body_text(body: list[str]) -> str:
    """A field body's text as docutils gives a body of plain paragraphs: lines joined by
    newlines, paragraphs by a blank line; RCS keywords (``$Date: 2024-01-08 $``) are
    cleaned in a body of one paragraph, as docutils cleans them."""
    paragraphs: list[list[str]] = [[]]
    for line in body:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = ["\n".join(lines) for lines in paragraphs if lines]
    if len(texts) == 1:
        for pattern, substitution in _RCS_KEYWORDS:
            if pattern.search(texts[0]):
                return pattern.sub(substitution, texts[0])
    return "\n\n".join(texts)


def _invisible_markup(line: str) -> bool:
    """True for explicit markup that docutils lets stand before the bibliographic
    fields: a comment, a target, a substitution definition, some directives."""
    if _TARGET_OR_SUBSTITUTION.match(line):
        return True
    if _FOOTNOTE_OR_CITATION.match(line):
        return False
    directive = _DIRECTIVE.match(line)
    return directive is None or directive[1].lower() in _INVISIBLE_DIRECTIVES


def opening_fields(text: str) -> dict[str, RstField]:
    """The field list that opens ``text``, which Sphinx keeps as the page's metadata:
    each field by its lower-case name (the first of a name given twice).

    Blank lines, comments, targets and substitution definitions may come first, as
    docutils allows; anything else (a title, a paragraph, another directive) means the
    page has no such field list. A field's body runs on over the indented lines after
    it, blank lines included; the list ends at the first line that is no field.
    """
    lines = source_lines(text)
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            index += 1
        elif _PATTERNS["field_marker"].match(line):
            break
        elif _PATTERNS["explicit_markup"].match(line) and _invisible_markup(line):
            index = _indented_end(lines, index)
        else:
            return {}
    fields: dict[str, RstField] = {}
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            index += 1
            continue
        marker = _PATTERNS["field_marker"].match(line)
        if marker is None:
            break
        body, index_after = _first_known_indented(lines, index, marker.end(), True)
        fields.setdefault(_field_name(marker[0]), RstField(index + 1, _body_text(body)))
        index = index_after
    return fields


def _enumerated_item(lines: list[str], index: int) -> bool:
    """An enumerator starts a list item only if the next line is blank, indented or
    another enumerator; else the line is the start of a paragraph."""
    if index + 1 >= len(lines):
        return True
    following = lines[index + 1]
    return not following[:1].strip() or bool(_PATTERNS["enumerator"].match(following))


def _text_block_end(lines: list[str], index: int, flush_left: bool = True) -> int:
    """The index after the lines of the text block starting at ``index``: the lines up
    to a blank one (and, ``flush_left``, to an indented one)."""
    end = index
    while end < len(lines) and lines[end] and not (flush_left and lines[end][0] == " "):
        end += 1
    return end


def _simple_table_end(lines: list[str], index: int) -> int:
    """The index after a simple table: at its second border after the top one, or at a
    border followed by a blank line (docutils' ``isolate_simple_table``)."""
    found = 0
    for end in range(index + 1, len(lines)):
        if _SIMPLE_TABLE_BORDER.match(lines[end]):
            found += 1
            if found == 2 or end + 1 == len(lines) or not lines[end + 1].strip():
                return end + 1
    return len(lines)


#: Constructs that take their first line and the indented lines after it; the next line
#: at the left margin starts something new.
_ITEMS = ("bullet", "field_marker", "option_marker", "line_block", "explicit_markup",
          "anonymous")


def _next_block(lines: list[str], index: int) -> tuple[int, bool]:
    """Where the construct that starts on line ``index`` (at the left margin) ends, and
    whether it is a paragraph ending in ``::`` (a literal block follows)."""
    line = lines[index]
    if any(_PATTERNS[name].match(line) for name in _ITEMS) or (
            _PATTERNS["enumerator"].match(line) and _enumerated_item(lines, index)):
        return _indented_end(lines, index), False
    if _PATTERNS["doctest"].match(line):
        return _text_block_end(lines, index, flush_left=False), False
    if _GRID_TABLE_TOP.match(line):
        end = index
        while end < len(lines) and lines[end][:1] in ("+", "|"):
            end += 1
        return end, False
    if _SIMPLE_TABLE_TOP.match(line):
        return _simple_table_end(lines, index), False
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if _PATTERNS["line"].match(line) and len(line) >= 4:  # a transition, or an overline
        return (index + 1 if not following else min(index + 3, len(lines))), False
    if _PATTERNS["line"].match(following) and (len(following) >= 4
                                               or len(following) >= len(line)):
        return index + 2, False  # a section title (docutils' shortest underline rule)
    end = _text_block_end(lines, index)  # a paragraph
    return end, lines[end - 1].endswith("::")


def post_directive(text: str) -> PostMark | None:
    """ABlog's ``.. post::`` directive at the top level of ``text`` (at the left margin:
    not inside another directive, a list or a quote) where docutils reads it as a
    directive: not a line of a paragraph, nor of a literal block (indented, or quoted
    after a paragraph ending in ``::``). None if there is none."""
    if not _DIRECTIVE_LINE.search(text):
        return None
    lines = source_lines(text)
    index, literal_next = 0, False
    while index < len(lines):
        line = lines[index]
        if _is_blank(line):
            index += 1
            continue
        if line[0] == " ":  # a block quote or a literal block: not the top level
            index, literal_next = _indented_end(lines, index), False
            continue
        if literal_next and _QUOTE.match(line):  # a quoted literal block
            while index < len(lines) and lines[index][:1] == line[0]:
                index += 1
            literal_next = False
            continue
        directive = _DIRECTIVE.match(line)
        if directive is not None and directive[1].lower() == "post":
            return _post_mark(lines, index, directive.end())
        index, literal_next = _next_block(lines, index)
    return None


def _post_mark(lines: list[str], index: int, first_indent: int) -> PostMark:
    """The directive's argument as docutils parses it (``parse_directive_block``): the
    lines up to a blank one or the first option, the date on the next line if the
    first line has none."""
    block, _ = _first_known_indented(lines, index, first_indent, False)
    if block and not block[0].strip():
        block.pop(0)
    arguments = []
    for line in block:
        if not line.strip() or _PATTERNS["field_marker"].match(line):
            break
        arguments.append(line)
    return PostMark(index + 1, directive_argument("\n".join(arguments)))


def directive_argument(text: str) -> str:
    """The one argument of ABlog's post directive (optional, white space allowed in it)
    as docutils and MyST read it from ``text``; "" for none."""
    return text.strip()


def _typed(key: str, value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return True if key in FLAG_FIELDS and not text else typed_scalar(text)
    if isinstance(value, list):  # docutils' authors
        return [str(item) for item in value]
    return value


def _metadata_key(name: object) -> str:
    return " ".join(str(name).split()).lower()


def rst_front_matter(fields: Mapping[str, RstField],
                     rendered: Mapping[str, Any] | None = None) -> FrontMatter | None:
    """Front matter from an rST page's opening field list; None if it has no fields.

    ``rendered`` is the page's metadata as docutils gave it (inline markup read,
    ``:authors:`` split): the fields not in ``PUBLICATION_FIELDS`` take their value from
    it when it has them.
    """
    if not fields:
        return None
    by_name = {_metadata_key(key): value for key, value in (rendered or {}).items()}
    values: dict[str, tuple[Any, int]] = {}
    for name, field in fields.items():
        value = (by_name[name] if name in by_name and name not in PUBLICATION_FIELDS
                 else field.text)
        values[name] = (_typed(name, value), field.line)
    return from_values(values, line=min(field.line for field in fields.values()))

