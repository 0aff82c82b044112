"""What a post looks like from one page: its links, formatted dates and display names.

Post lists (docutils nodes), archive pages (Jinja templates) and feeds all show posts;
they share these views so a post reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sphinx.locale import _ as sphinx_translation
from sphinx.util.i18n import format_date

from .i18n import _

if TYPE_CHECKING:
    from sphinx.config import Config

    from .links import Links
    from .posts import Post


#: Badges of posts shown before they are published (labels translated when used).
STATUS_LABELS: dict[str, Callable[[], str]] = {
    "draft": lambda: _("Draft"),
    "scheduled": lambda: _("Scheduled"),
}


@dataclass(frozen=True)
class TermView:
    """A tag or category with the link to its archive page (None if there is none)."""

    name: str
    url: str | None


@dataclass(frozen=True)
class AuthorView:
    """An author's display name and optional home page."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class PostView:
    """A post as shown on one page; every field is plain text or a URL."""

    title: str
    url: str | None
    year: int
    date_iso: str
    date_text: str
    updated_iso: str | None
    updated_text: str | None
    tags: tuple[TermView, ...]
    categories: tuple[TermView, ...]
    authors: tuple[AuthorView, ...]
    excerpt: str
    #: "draft" or "scheduled" for a post shown before it is published, else None.
    status: str | None = None
    status_label: str | None = None


def rfc3339(moment: dt.datetime) -> str:
    """A timestamp with its zone offset, to the second (as HTML and Atom want)."""
    return moment.replace(microsecond=0).isoformat()


class Presenter:
    """Formats posts for display according to the configuration."""

    def __init__(self, config: Config,
                 status: Callable[[Post], str | None] = lambda post: None) -> None:
        self.status = status
        self.date_format: str = (
            config.postlog_date_format or config.today_fmt
            or sphinx_translation("%b %d, %Y")  # Sphinx's own default, translated
        )
        self.language: str = config.language or "en"
        self.authors: dict[str, Any] = dict(config.postlog_authors)
        self._fixed: dict[str, tuple[Post, PostView]] = {}

    def date_text(self, moment: dt.datetime) -> str:
        """``moment`` in the site's date format and language (Sphinx's format_date)."""
        return format_date(self.date_format, date=moment, language=self.language)

    def author(self, key_or_name: str) -> AuthorView:
        """The display form of an author named by ``postlog_authors`` key or by name."""
        entry = self.authors.get(key_or_name)
        if isinstance(entry, str):
            return AuthorView(entry)
        if isinstance(entry, dict) and entry.get("name"):
            url = entry.get("url")
            return AuthorView(str(entry["name"]), str(url) if url else None)
        return AuthorView(key_or_name)

    def view(self, post: Post, from_page: str, links: Links) -> PostView:
        """``post`` as shown on ``from_page``."""
        return replace(
            self._fixed_view(post),
            url=links.to_doc(from_page, post.docname),
            tags=tuple(TermView(t, links.to_tag(from_page, t)) for t in post.tags),
            categories=tuple(
                TermView(c, links.to_category(from_page, c)) for c in post.categories
            ),
        )

    def _fixed_view(self, post: Post) -> PostView:
        """The parts of a post's view that are the same on every page, made once per
        post: archive pages show each post many times."""
        cached = self._fixed.get(post.docname)
        if cached is not None and cached[0] is post:
            return cached[1]
        updated = post.updated
        view = PostView(
            title=post.title,
            url=None,
            year=post.date.year,
            date_iso=rfc3339(post.date),
            date_text=self.date_text(post.date),
            updated_iso=rfc3339(updated) if updated else None,
            updated_text=self.date_text(updated) if updated else None,
            tags=(),
            categories=(),
            authors=tuple(self.author(a) for a in post.authors),
            excerpt=post.excerpt,
            status=(status := self.status(post)),
            status_label=STATUS_LABELS[status]() if status else None,
        )
        self._fixed[post.docname] = (post, view)
        return view
