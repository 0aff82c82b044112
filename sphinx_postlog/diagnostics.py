"""Typed, located warnings that users can find in the docs and suppress."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinx_postlog")

WARNING_TYPE = "postlog"


class PostlogWarning(Enum):
    """Warning subtypes; suppress one with ``suppress_warnings = ["postlog.<value>"]``."""

    FRONTMATTER = "frontmatter"
    DATE = "date"
    TERM = "term"
    FIELD = "field"
    NOT_A_POST = "not_a_post"
    ARCHIVE = "archive"
    FEED = "feed"
    CONFIG = "config"

    @property
    def description(self) -> str:
        """What raises this warning (shown in the docs' warning reference)."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    PostlogWarning.FRONTMATTER: "Front matter that is not valid YAML, not a mapping, empty, "
    "or in a reStructuredText page: it is ignored, so the page is not a post. Also a key "
    "given twice (the last one is used).",
    PostlogWarning.DATE: "A ``date`` or ``updated`` value that cannot be read as a date. "
    "Without a date the page is not a post; a bad ``updated`` is ignored.",
    PostlogWarning.TERM: "A tag, category or author that is empty, or a nested list or "
    "mapping. The value is skipped; the post keeps the others.",
    PostlogWarning.FIELD: "A known field with a value of the wrong kind (``post: maybe``, "
    "a list as ``title``). The value is ignored.",
    PostlogWarning.NOT_A_POST: "A page marked ``post: true`` that cannot be a post "
    "(it has no ``date``).",
    PostlogWarning.ARCHIVE: "A generated archive page would overwrite a document of the "
    "same name. The document wins and the archive page is not written.",
    PostlogWarning.FEED: "The feed cannot be written (``html_baseurl`` is not set).",
    PostlogWarning.CONFIG: "A ``postlog_*`` setting that cannot be used; its default is "
    "used instead.",
}


def warn(message: str, subtype: PostlogWarning, location: Any = None, **kwargs: Any) -> None:
    """Emit a Sphinx warning of type ``postlog`` with ``subtype``, located if possible."""
    logger.warning(
        message, type=WARNING_TYPE, subtype=subtype.value, location=location, **kwargs
    )
