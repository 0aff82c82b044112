"""Front matter of Jupyter notebooks (``.ipynb``) read by MyST-NB.

A notebook's fields are its top-level metadata (as MyST-NB and ABlog read them), or a
first raw or Markdown cell holding a ``---`` YAML block, which wins key by key. That
cell is emptied in the source MyST-NB parses (it skips empty cells), so the YAML is not
shown as text; cell numbering stays as it was.

Lines in warnings are lines of the ``.ipynb`` file, found in its text as nbformat writes
it (one JSON key or source line per line); line 1 where the layout is unusual.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from sphinx_postlog.read.frontmatter import (
    FrontMatter,
    FrontMatterError,
    find_block,
    from_values,
    parse_block,
)

_TOP_LEVEL_METADATA = re.compile(r'^ ?"metadata": \{', re.MULTILINE)
#: Metadata that describes the notebook itself, never a post.
_NOT_FRONT_MATTER = frozenset({"kernelspec", "language_info", "widgets", "jupytext",
                               "toc", "vscode", "colab", "celltoolbar"})


@dataclass(frozen=True)
class NotebookFrontMatter:
    """What a notebook says about itself, and the source to hand to MyST-NB."""

    front_matter: FrontMatter | None
    source: str | None = None  # None: unchanged
    #: Broken YAML in the front-matter cell: the notebook is not a post, as a page with
    #: broken front matter is not.
    error: FrontMatterError | None = None


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1 if position >= 0 else 1


def _metadata_values(notebook: dict[str, Any], text: str) -> dict[str, tuple[Any, int]]:
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return {}
    matches = list(_TOP_LEVEL_METADATA.finditer(text))
    start = matches[-1].start() if matches else -1
    values = {}
    for key, value in metadata.items():
        if key in _NOT_FRONT_MATTER:
            continue
        position = text.find(json.dumps(key) + ":", start) if start >= 0 else -1
        values[str(key)] = (value, _line_at(text, position))
    return values


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _first_source_line(text: str) -> int:
    """The file line of the first cell's first source line."""
    cells = text.find('"cells"')
    source = text.find('"source":', cells) if cells >= 0 else -1
    if source < 0:
        return 1
    line = _line_at(text, source)
    after = text[source + len('"source":'):].lstrip(" ")
    return line + 1 if after.startswith("[\n") or after.startswith("[\r\n") else line


def read_notebook(text: str) -> NotebookFrontMatter:
    """The front matter of the notebook whose JSON is ``text`` (None if it has none or
    is not a notebook: MyST-NB reports broken notebooks itself)."""
    try:
        notebook = json.loads(text)
    except ValueError:
        return NotebookFrontMatter(None)
    if not isinstance(notebook, dict):
        return NotebookFrontMatter(None)
    front_matter = from_values(_metadata_values(notebook, text), line=1)
    cells = notebook.get("cells")
    first = cells[0] if isinstance(cells, list) and cells else None
    if not isinstance(first, dict) or first.get("cell_type") not in {"raw", "markdown"}:
        return NotebookFrontMatter(front_matter if front_matter.fields else None)
    cell_text = _cell_text(first)
    block = find_block(cell_text)
    if block is None:
        return NotebookFrontMatter(front_matter if front_matter.fields else None)
    offset = _first_source_line(text) - 1
    rest = "".join(cell_text.splitlines(keepends=True)[block.last_line:])
    first["source"] = rest.lstrip("\n")
    source = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    try:
        in_cell = parse_block(block)
    except FrontMatterError as error:
        return NotebookFrontMatter(front_matter if front_matter.fields else None, source,
                                   FrontMatterError(str(error), error.line + offset))
    fields = {**front_matter.fields, **{
        key: replace(field, line=field.line + offset) for key, field in in_cell.fields.items()}}
    problems = tuple((message, line + offset) for message, line in in_cell.problems)
    return NotebookFrontMatter(
        FrontMatter(fields, block.first_line + offset, problems=problems, empty=in_cell.empty)
        if fields or in_cell.empty else None, source)
