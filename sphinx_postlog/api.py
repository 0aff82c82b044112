"""What a site's own extensions may ask about its posts: which pages are posts, and what
each says (title, date, terms, excerpt …), in the blog's order.

The supported replacement for ABlog's ``env.ablog_posts``: ``PostInfo`` is a public,
stable type, made from the registry's posts but not one of them, so the registry can
change without breaking a site's ``conf.py``. Ask once all pages are read (in
``env-updated`` or later: ``doctree-resolved``, ``html-page-context``,
``build-finished``); while Sphinx reads, the posts are not all known yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

from sphinx.application import Sphinx

from sphinx_postlog.collect.registry import Registry, get_registry
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.read.schedule import DRAFT, SCHEDULED
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.read.posts import Post

__all__ = ["PostInfo", "is_post", "post", "posts"]

Status = Literal["published", "draft", "scheduled"]
#: What the functions take: the application or its environment.
EnvOrApp = Union["BuildEnvironment", Sphinx]


@dataclass(frozen=True, kw_only=True)
class PostInfo:
    """One post, as this build publishes it.

    Terms are as the post gives them: tags and categories as written, authors,
    locations and languages by their key in ``postlog_authors`` (ABlog's
    ``blog_authors``) … when they have one, else as written.
    """

    #: The post's page (``posts/2024/hello``); link to it with
    #: ``app.builder.get_relative_uri(pagename, info.docname)``.
    docname: str
    title: str
    #: When it was published, with its time zone (``postlog_timezone`` where the post
    #: gives none).
    date: dt.datetime
    #: When it was last updated (``updated:``, ABlog's ``.. update::``), if it says.
    updated: dt.datetime | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    #: The authors as readers see them (names, not keys), in the same order.
    author_names: tuple[str, ...]
    locations: tuple[str, ...]
    languages: tuple[str, ...]
    #: The excerpt as plain text.
    excerpt: str
    #: The cover image: a URL, or a path in the source folder; None for none.
    image: str | None
    #: ``published``, or, when ``postlog_show_drafts`` publishes them for a preview,
    #: ``draft`` or ``scheduled`` (dated later than the build).
    status: Status
    #: The old paths that send readers to the post (``redirect:``).
    redirects: tuple[str, ...]
    #: Where the post really lives (``canonical_link:``), if elsewhere.
    canonical_link: str | None
    #: Minutes a reader needs (200 words a minute), at least one.
    reading_minutes: int
    #: ``featured:`` and ``pinned:`` (or ``pin:``).
    featured: bool = False
    pinned: bool = False
    #: The series it is a part of (``series:``), and its ``series_order:``, if it says.
    series: str | None = None
    series_order: int | None = None
    #: The blog it is in: its name in ``postlog_blogs``; "" on a site of one blog.
    blog: str = ""

    @property
    def published(self) -> bool:
        """True unless the post is only previewed (a draft or scheduled)."""
        return self.status == "published"

    @property
    def draft(self) -> bool:
        """True for a draft previewed with ``postlog_show_drafts``."""
        return self.status == "draft"

    @property
    def last_modified(self) -> dt.datetime:
        """``updated`` if the post says, else ``date``."""
        return self.updated or self.date


def is_post(env_or_app: EnvOrApp, docname: str) -> bool:
    """Whether ``docname`` is a post this build writes a page for."""
    return get_registry(_env(env_or_app)).shown(docname) is not None


def post(env_or_app: EnvOrApp, docname: str) -> PostInfo | None:
    """The post of ``docname``; None if the page is not a post this build writes."""
    env = _env(env_or_app)
    return _infos(get_registry(env), env).get(docname)


def posts(env_or_app: EnvOrApp, *, drafts: bool = False, blog: str | None = None
          ) -> list[PostInfo]:
    """Every published post, newest first, in the order the blog lists them; with
    ``drafts``, the drafts and scheduled posts ``postlog_show_drafts`` previews too;
    with ``blog``, those of that blog of ``postlog_blogs`` only."""
    env = _env(env_or_app)
    infos = _infos(get_registry(env), env)
    return [info for info in infos.values()
            if (drafts or info.published) and (blog is None or info.blog == blog)]


def _env(env_or_app: EnvOrApp) -> BuildEnvironment:
    """The environment, given it or the application."""
    return env_or_app.env if isinstance(env_or_app, Sphinx) else env_or_app


def _infos(registry: Registry, env: BuildEnvironment) -> dict[str, PostInfo]:
    """Every post lists show, newest first, by docname (made once per change)."""
    def compute() -> dict[str, PostInfo]:
        book = AuthorBook(dict(settings_of(env).authors))
        return {item.docname: _info(item, registry.status(item), book)
                for item in registry.newest_first()}
    return registry.derived("api.posts", compute)


def _info(item: Post, status: str | None, book: AuthorBook) -> PostInfo:
    return PostInfo(
        docname=item.docname, title=item.title, date=item.date, updated=item.updated,
        tags=item.tags, categories=item.categories, authors=item.authors,
        author_names=tuple(book.get(book.key(author)).name for author in item.authors),
        locations=item.locations, languages=item.languages, excerpt=item.excerpt,
        image=item.image or None,
        status="draft" if status == DRAFT else "scheduled" if status == SCHEDULED
        else "published",
        redirects=item.redirects, canonical_link=item.canonical_link or None,
        reading_minutes=item.reading_minutes, featured=item.featured, pinned=item.pinned,
        series=item.series or None, series_order=item.series_order, blog=item.blog)
