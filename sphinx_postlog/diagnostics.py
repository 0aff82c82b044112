"""Typed, located warnings that users can find in the docs and suppress."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from sphinx.errors import SphinxWarning
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
    REFERENCE = "reference"
    LINT = "lint"
    ABLOG = "ablog"
    INTERNAL = "internal"

    @property
    def description(self) -> str:
        """What raises this warning (shown in the docs' warning reference)."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    PostlogWarning.FRONTMATTER: "Front matter that is not valid YAML, not a mapping, empty, "
    "longer than 64 KiB, or in a reStructuredText page: it is ignored, so the page is not "
    "a post. Also a key given twice (the last one is used), and keys dropped for reaching "
    "too many values through YAML aliases or nesting too deep (the post keeps the others).",
    PostlogWarning.DATE: "A ``date`` or ``updated`` value that cannot be read as a date, "
    "or lies outside 0001-01-02 to 9999-12-30. Without a date the page is not a post; a "
    "bad ``updated`` is ignored. Also a zone name that is not in the guide's table, the "
    "time then read in ``postlog_timezone``.",
    PostlogWarning.TERM: "A tag, category or author that is empty, or a nested list or "
    "mapping. The value is skipped; the post keeps the others.",
    PostlogWarning.FIELD: "A known field with a value of the wrong kind (``post: maybe``, "
    "``featured: 2``, a list as ``title``, a ``series_order`` that is no whole number or "
    "has no ``series``). The value is ignored. Also two parts of a series with the same "
    "``series_order`` (at the later one's line): they go by date.",
    PostlogWarning.NOT_A_POST: "A page marked ``post: true`` that cannot be a post "
    "(it has no ``date``).",
    PostlogWarning.ARCHIVE: "A generated archive page would overwrite a document of the "
    "same name. The document wins and the archive page is not written.",
    PostlogWarning.FEED: "The feed cannot be written (``html_baseurl`` is not set).",
    PostlogWarning.CONFIG: "A ``postlog_*`` setting (or an ABlog setting, or "
    "``SOURCE_DATE_EPOCH``) that cannot be used; the value used instead is named. Also a "
    "site's own ``sphinx_postlog.po`` or ``.mo`` (in ``locale_dirs``) that cannot be read: "
    "sphinx-postlog's translations are used.",
    PostlogWarning.REFERENCE: "A ``{postlog:tag}``, ``{postlog:category}``, "
    "``{postlog:author}`` or ``{postlog:year}`` role names a term no published post has. "
    "The link text stays, without a link.",
    PostlogWarning.LINT: "A check of the posts' metadata found something that makes the "
    "blog messy: one tag, category or author spelt two ways, an empty or overlong "
    "excerpt, ``updated`` before ``date``, times with and without a zone in one blog. "
    "The message names the rule (``[rule: similar-terms]``); "
    ":confval:`postlog_lint` chooses the rules. The build is not changed.",
    PostlogWarning.ABLOG: "An ABlog template that sphinx-postlog cannot serve: a sidebar "
    "in ``html_sidebars`` under ``ablog/`` that neither ABlog nor sphinx-postlog has. It "
    "is left out; ABlog's old names without ``ablog/`` (``tagcloud.html``) are served. "
    "Also a site's own ``ablog/*.html`` template that fails when rendered with ABlog's "
    "context (``'ablog' is undefined``, an unknown attribute): the message names the "
    "template, the error and the page, and sphinx-postlog's own markup is shown instead. "
    "Also a site's code that makes ABlog's ``Blog(app)`` while ABlog is not loaded: it "
    "knows no post; use ``sphinx_postlog.api``.",
    PostlogWarning.INTERNAL: "An unexpected error while handling one page, post or "
    "generated file (content or a case sphinx-postlog does not handle yet). That page "
    "or file goes without what sphinx-postlog adds to it, and the build goes on. The "
    "message names the error: please report it.",
}


def warn(message: str, subtype: PostlogWarning, location: Any = None, **kwargs: Any) -> None:
    """Emit a Sphinx warning of type ``postlog`` with ``subtype``, located if possible."""
    logger.warning(
        message, type=WARNING_TYPE, subtype=subtype.value, location=location, **kwargs
    )


@contextmanager
def contained(what: str, location: Any = None) -> Iterator[None]:
    """Turn an unexpected error while doing ``what`` into one located warning, so one
    page or post cannot stop the build (``-W`` still stops it, through the warning)."""
    try:
        yield
    except SphinxWarning:  # -W without --keep-going: the user asked to stop
        raise
    except Exception as error:
        warn(f"unexpected error while {what}: {type(error).__name__}: {error}",
             PostlogWarning.INTERNAL, location=location)


Handler = TypeVar("Handler", bound=Callable[..., Any])


def guarded(what: str, locate: Callable[..., Any] | None = None,
            default: Callable[[], Any] = lambda: None) -> Callable[[Handler], Handler]:
    """Decorate an event handler so that an unexpected error becomes a warning located
    by ``locate(*arguments)`` (a docname, or None); the handler then returns
    ``default()`` (what the event expects: a list, an empty iterator)."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(*args: Any, **kwargs: Any) -> Any:
            with contained(what, locate(*args) if locate else None):
                return handler(*args, **kwargs)
            return default()

        return run  # type: ignore[return-value]

    return decorate
