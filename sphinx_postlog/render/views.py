"""What a post looks like from one page: its links, formatted dates and display names.

Post lists (docutils nodes), archive pages (Jinja templates) and feeds all show posts;
they share these views so a post reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from string import Formatter
from typing import TYPE_CHECKING

from markupsafe import Markup

from sphinx_postlog.config import site_author
from sphinx_postlog.facets import AUTHOR, CATEGORY, LANGUAGE, LOCATION, TAG, YEAR
from sphinx_postlog.i18n import _, default_date_format, format_date, month_text
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.read.excerpts import resolve_links
from sphinx_postlog.render.covers import output_path
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.links import Links


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
    """An author's display name, home page (from ``postlog_authors``) and the link to
    their archive page."""

    name: str
    homepage: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PostView:
    """A post as shown on one page; every field is plain text or a URL."""

    title: str
    url: str | None
    year: int
    #: Link to the archive page of the post's year.
    date_url: str | None
    date_iso: str
    date_text: str
    updated_iso: str | None
    updated_text: str | None
    tags: tuple[TermView, ...]
    categories: tuple[TermView, ...]
    authors: tuple[AuthorView, ...]
    excerpt: str
    #: The excerpt as HTML (emphasis, code and links kept), safe to insert as is.
    excerpt_html: Markup = field(default_factory=Markup)
    location: str = ""
    #: The locations and languages, each with a link to its page.
    locations: tuple[TermView, ...] = ()
    languages: tuple[TermView, ...] = ()
    #: The cover image, as a link from the page (None without one).
    image_url: str | None = None
    #: Minutes a reader needs (at 200 words a minute), at least one.
    reading_minutes: int = 1
    #: "draft" or "scheduled" for a post shown before it is published, else None.
    status: str | None = None
    status_label: str | None = None
    #: ``featured: true``: a "Featured" badge (its label translated).
    featured: bool = False
    featured_label: str = ""
    #: ``pinned: true``: a "Pinned" badge in lists, where it comes first.
    pinned: bool = False
    pinned_label: str = ""

    @property
    def badged(self) -> bool:
        """True if the post has a badge to show (draft, scheduled or featured)."""
        return bool(self.status or self.featured)


@dataclass(frozen=True)
class LinkView:
    """A post as a link from one page: all a post's footer shows of its neighbours and
    related posts."""

    title: str
    url: str | None


#: The details a post's line can show, in the order every renderer shows them.
DETAIL_ORDER = ("date", "reading_time", "authors", "location", "tags", "categories")


def detail_fields(view: PostView, show: Collection[str]) -> tuple[str, ...]:
    """The details of ``view`` to show, in order: those asked for in ``show`` that the
    post has (``updated`` goes with ``date``). Templates and docutils nodes both follow
    this, so a post's details read the same everywhere."""
    has = {"date": True, "reading_time": True, "authors": bool(view.authors),
           "location": bool(view.location), "tags": bool(view.tags),
           "categories": bool(view.categories)}
    return tuple(field for field in DETAIL_ORDER if field in show and has[field])


def format_terms(view: PostView, field: str) -> tuple[TermView | AuthorView, ...]:
    """What a term field of ABlog's ``:format:`` (``author``, ``location``, ``language``,
    ``category``, ``tags``) shows of a post: templates and docutils nodes both ask."""
    terms: dict[str, tuple[TermView | AuthorView, ...]] = {
        "author": view.authors, "location": view.locations, "language": view.languages,
        "category": view.categories, "tags": view.tags}
    return terms[field]


@dataclass(frozen=True)
class ListStyle:
    """How a post list shows each post: the details in ``show`` after the title, or a
    line of ABlog's ``:format:`` (with each post's date in ``dates``); as lines or as
    cards (``layout``, card titles in a ``heading`` element); a CSS list style; and a
    "read more" link text after excerpts."""

    show: Collection[str] = ("date",)
    entry_format: str | None = None
    dates: Sequence[str] = ()
    list_style: str = ""
    expand: str = ""
    layout: str = "list"
    heading: str = "p"

    @cached_property
    def format(self) -> list[dict[str, str]] | None:
        """``entry_format`` as pieces of text and fields to fill (for templates; parsed
        once, though every post of a list asks)."""
        if not self.entry_format:
            return None
        return [{"text": text, "field": name or ""}
                for text, name, _spec, _conversion in Formatter().parse(self.entry_format)]


#: The widest offset from UTC XML Schema's ``dateTime`` (Atom's dates) takes; no time
#: zone has a wider one.
WIDEST_OFFSET = dt.timedelta(hours=14)


def rfc3339(moment: dt.datetime) -> str:
    """A timestamp with its zone offset, to the second (as HTML and Atom want); a
    moment written with an offset no zone has (``-23:59``) is given in UTC."""
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > WIDEST_OFFSET:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()


#: How many posts' fixed views a ``Presenter`` keeps.
FIXED_VIEWS_KEPT = 64


class Presenter:
    """Formats posts for display according to the configuration."""

    def __init__(self, config: Config,
                 status: Callable[[Post], str | None] = lambda post: None) -> None:
        self.status = status
        settings = settings_of(config)
        self.date_format: str = (
            settings.date_format or config.today_fmt or default_date_format())
        self.language: str = settings.language
        self.authors = AuthorBook(dict(settings.authors))
        self.books = {AUTHOR: self.authors, LOCATION: AuthorBook(dict(settings.locations)),
                      LANGUAGE: AuthorBook(dict(settings.languages))}
        #: Shown for a post that names no author: the site's (``site_author``). ABlog
        #: sites show none unless ``blog_default_author`` files posts under one.
        default = None if settings.ablog_compat else site_author(config)
        self.default_authors = (self.author(default),) if default else ()
        self._fixed: dict[str, tuple[Post, PostView]] = {}

    def date_text(self, moment: dt.datetime, date_format: str | None = None) -> str:
        """``moment`` in the site's date format (or ``date_format``) and language, as
        Sphinx's ``format_date`` writes it."""
        return format_date(date_format or self.date_format, moment, self.language)

    def month_text(self, moment: dt.datetime) -> str:
        """The month and year of ``moment`` ("May 2018"), in the site's language (as a
        heading says them, not in ``postlog_date_format``)."""
        return month_text(moment, self.language)

    def author(self, key_or_name: str) -> AuthorView:
        """The display form of an author named by ``postlog_authors`` key or by name."""
        author = self.authors.get(self.authors.key(key_or_name))
        return AuthorView(author.name, author.homepage)

    def term_name(self, kind: str, term: str) -> str:
        """A term as readers see it: authors, locations and languages by name (not by
        key), others as written."""
        book = self.books.get(kind)
        return book.get(book.key(term)).name if book is not None else term

    def view(self, post: Post, from_page: str, links: Links) -> PostView:
        """``post`` as shown on ``from_page``."""
        fixed = self._fixed_view(post)
        return replace(
            fixed,
            url=links.to_doc(from_page, post.docname),
            date_url=links.to_term(from_page, YEAR, str(post.date.year)),
            tags=tuple(TermView(t, links.to_term(from_page, TAG, t)) for t in post.tags),
            categories=tuple(
                TermView(c, links.to_term(from_page, CATEGORY, c)) for c in post.categories
            ),
            authors=tuple(replace(view, url=links.to_term(from_page, AUTHOR, key))
                          for key, view in zip(post.authors, fixed.authors, strict=True))
            if post.authors else fixed.authors,  # the site's author, who has no page
            locations=self._terms(LOCATION, post.locations, from_page, links),
            languages=self._terms(LANGUAGE, post.languages, from_page, links),
            image_url=self._image(post, from_page, links),
            excerpt_html=Markup(resolve_links(
                post.excerpt_html, lambda docname: links.to_doc(from_page, docname),
                lambda path: links.to_path(from_page, path))),
        )

    @staticmethod
    def link(post: Post, from_page: str, links: Links) -> LinkView:
        """``post`` as a link from ``from_page``."""
        return LinkView(post.title, links.to_doc(from_page, post.docname))

    @staticmethod
    def _image(post: Post, from_page: str, links: Links) -> str | None:
        if not post.image:
            return None
        path = output_path(post.image)
        return post.image if path is None else links.to_file(from_page, path)

    def _terms(self, kind: str, terms: tuple[str, ...], from_page: str,
               links: Links) -> tuple[TermView, ...]:
        return tuple(TermView(self.term_name(kind, term), links.to_term(from_page, kind, term))
                     for term in terms)

    def _fixed_view(self, post: Post) -> PostView:
        """The parts of a post's view that are the same on every page, kept for the
        posts shown last: sidebars and lists show the same few posts on many pages
        (archive pages keep their own views; see ``ArchiveWriter``)."""
        cached = self._fixed.get(post.docname)
        if cached is not None and cached[0] is post:
            return cached[1]
        updated = post.updated
        view = PostView(
            title=post.title,
            url=None,
            year=post.date.year,
            date_url=None,
            date_iso=rfc3339(post.date),
            date_text=self.date_text(post.date),
            updated_iso=rfc3339(updated) if updated else None,
            updated_text=self.date_text(updated) if updated else None,
            tags=(),
            categories=(),
            authors=tuple(self.author(a) for a in post.authors) or self.default_authors,
            excerpt=post.excerpt,
            reading_minutes=post.reading_minutes,
            location=", ".join(self.term_name(LOCATION, place) for place in post.locations),
            status=(status := self.status(post)),
            status_label=STATUS_LABELS[status]() if status else None,
            featured=post.featured,
            featured_label=_("Featured") if post.featured else "",
            pinned=post.pinned,
            pinned_label=_("Pinned") if post.pinned else "",
        )
        if len(self._fixed) >= FIXED_VIEWS_KEPT:
            del self._fixed[next(iter(self._fixed))]  # the one made first
        self._fixed[post.docname] = (post, view)
        return view
