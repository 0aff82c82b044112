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
    """Front matter that is not valid YAML, or not a mapping."""
    DATE = "date"
    """A ``date`` or ``updated`` value that cannot be read as a date."""
    TERM = "term"
    """A tag, category or author value that is empty or not text."""
    FIELD = "field"
    """A known front-matter field with a value of the wrong kind."""
    NOT_A_POST = "not_a_post"
    """A page marked as a post that cannot be one (for example, it has no date)."""
    ARCHIVE = "archive"
    """An archive page that cannot be written (for example, a document has its name)."""
    FEED = "feed"
    """A feed that cannot be written (for example, ``html_baseurl`` is not set)."""
    CONFIG = "config"
    """A ``postlog_*`` configuration value that cannot be used."""


def warn(message: str, subtype: PostlogWarning, location: Any = None, **kwargs: Any) -> None:
    """Emit a Sphinx warning of type ``postlog`` with ``subtype``, located if possible."""
    logger.warning(
        message, type=WARNING_TYPE, subtype=subtype.value, location=location, **kwargs
    )
