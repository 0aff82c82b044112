"""Which kind of source a page is, so that its front matter is read the right way.

MyST-Parser registers ``.md`` as file type ``markdown``; MyST-NB registers ``.md`` and
``.ipynb`` (and its custom formats) as ``myst-nb``. A page is judged by the parser
Sphinx will use for it, not by the name of its file type, so any MyST-based parser
counts as MyST.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Extensions that bring a MyST parser for ``.md``; the first listed in ``extensions``
#: is used, else MyST-Parser is loaded.
MARKDOWN_EXTENSIONS = ("myst_nb", "myst_parser")


class PageKind(Enum):
    """How a page's front matter is written."""

    MYST = "myst"  # YAML between --- lines (MyST Markdown, MyST text notebooks)
    NOTEBOOK = "notebook"  # a Jupyter notebook: metadata, or a first YAML cell
    RST = "rst"  # the file-wide field list of a reStructuredText page
    OTHER = "other"


def load_markdown_parser(app: Sphinx) -> None:
    """Load the MyST parser the site uses: MyST-NB if it is among ``extensions``
    (whatever the order), else MyST-Parser. Loading MyST-Parser first would stop MyST-NB
    from registering ``.md``."""
    listed = [name for name in MARKDOWN_EXTENSIONS if name in app.config.extensions]
    app.setup_extension(listed[0] if listed else "myst_parser")


def _is_myst_parser(parser: type) -> bool:
    from myst_parser.parsers.sphinx_ import MystParser

    return isinstance(parser, type) and issubclass(parser, MystParser)


def page_kinds(app: Sphinx) -> dict[str, PageKind]:
    """The kind of page each source suffix gives, for this build's parsers."""
    kinds: dict[str, PageKind] = {}
    for suffix, file_type in app.config.source_suffix.items():
        try:
            parser = app.registry.get_source_parser(str(file_type))
        except Exception:  # no parser registered for it: Sphinx reports that itself
            parser = None
        if suffix == ".ipynb" and parser is not None and _is_myst_parser(parser):
            kinds[suffix] = PageKind.NOTEBOOK
        elif parser is not None and _is_myst_parser(parser):
            kinds[suffix] = PageKind.MYST
        elif file_type == "restructuredtext":
            kinds[suffix] = PageKind.RST
        else:
            kinds[suffix] = PageKind.OTHER
    return kinds


def page_kind(app: Sphinx, docname: str) -> PageKind:
    """The kind of ``docname``'s source (cheap: a handful of suffixes)."""
    suffix = Path(app.env.doc2path(docname)).suffix
    return page_kinds(app).get(suffix, PageKind.OTHER)
