"""Front matter of reStructuredText pages: the file-wide field list at the top.

Sphinx keeps that field list as ``env.metadata[docname]`` (values as text). Each value
is typed as YAML would type it (``true``, ``2024-01-08``) and read by the same rules as
front matter, so rST and MyST posts mix in one blog. ``:draft:`` or ``:blogpost:`` with
no value means true, as ``:orphan:`` does for Sphinx.

The field list's lines are noted while the source is read, so warnings point at them.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx_postlog.read.frontmatter import FrontMatter, from_values, typed_scalar

_FIELD = re.compile(r"^:((?:[^:\\]|\\.)+):(?=\s|$)")
_COMMENT = re.compile(r"^\.\.(?:\s|$)(?!.*::)")
#: Fields that are switches: present with no value means true.
FLAG_FIELDS = frozenset({"post", "blogpost", "draft"})


def field_lines(text: str) -> dict[str, int]:
    """The 1-based line of each field of the field list that opens ``text`` (comments
    and blank lines may come first), by lower-case field name."""
    return {name: line for name, (line, _) in opening_fields(text).items()}


def opening_fields(text: str) -> dict[str, tuple[int, str]]:
    """The field list that opens ``text``: each field's line and the text of its first
    line, by lower-case field name (what can be known before the page is parsed)."""
    fields: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = _FIELD.match(line)
        if match:
            fields.setdefault(match[1].strip().lower(), (number, line[match.end():].strip()))
        elif line.strip() and not line[0].isspace() and not _COMMENT.match(line):
            break
    return fields


def _typed(key: str, value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return True if key in FLAG_FIELDS and not text else typed_scalar(text)
    if isinstance(value, list):  # docutils' authors
        return [str(item) for item in value]
    return value


def rst_front_matter(metadata: dict[str, Any], lines: dict[str, int]) -> FrontMatter | None:
    """Front matter from an rST page's metadata; None if it has no fields."""
    values = {}
    for key, value in metadata.items():
        name = str(key).lower()
        if name in lines:
            values[name] = (_typed(name, value), lines[name])
    if not values:
        return None
    return from_values(values, line=min(line for _, line in values.values()))
