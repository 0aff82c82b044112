"""ABlog's template API over the registry: the ``ablog`` object (ABlog's ``Blog``),
its catalogs, collections and posts, and ``anchor``, for the templates of sites that
restyled ABlog by overriding its templates.

Everything is a read-only view made on first use: a page whose templates never touch
``ablog`` costs one object; a catalog is grouped when a template first iterates it, a
post's view when a template first asks for it, once per build. Names and types follow
ABlog 0.11 (``ablog/blog.py``) so that its templates and the sites' copies of them run
unchanged. Text that templates print (titles, names) is escaped already: Sphinx's
templates do not escape what they print.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from markupsafe import Markup, escape

from sphinx_postlog.collect.registry import group_by
from sphinx_postlog.facets import AUTHOR, CATEGORY, FACET, LANGUAGE, LOCATION, SERIES, TAG, YEAR
from sphinx_postlog.read.excerpts import resolve_links
from sphinx_postlog.render.covers import output_path

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.context import WriteContext

#: ABlog's settings that templates read from ``ablog``, with ABlog's defaults.
ABLOG_TEMPLATE_SETTINGS: dict[str, Any] = {
    "blog_archive_titles": None, "blog_baseurl": "", "blog_feed_archives": False,
    "blog_feed_fulltext": False, "blog_feed_length": None, "blog_feed_subtitle": None,
    "blog_feed_titles": None, "blog_path": "blog", "blog_title": "Blog",
    "disqus_drafts": False, "disqus_pages": False, "disqus_shortname": None,
    "fontawesome_css_file": "", "fontawesome_included": False, "fontawesome_link_cdn": None,
    "post_always_section": False, "post_auto_excerpt": 1, "post_auto_image": 0,
    "post_date_format": "%d %B %Y", "post_date_format_short": "%d %B",
    "post_redirect_refresh": 5, "post_show_prev_next": True,
}
#: ABlog's catalog attributes of ``Blog`` (and the plural names people also write).
CATALOG_NAMES = {"tags": TAG, "category": CATEGORY, "author": AUTHOR, "location": LOCATION,
                 "language": LANGUAGE, "archive": YEAR, "categories": CATEGORY,
                 "authors": AUTHOR, "locations": LOCATION, "languages": LANGUAGE}
#: A post's attribute naming its terms of each kind, as ABlog's ``Post`` has them.
POST_TERMS = {"tags": TAG, "category": CATEGORY, "author": AUTHOR, "location": LOCATION,
              "language": LANGUAGE}
#: Headers ABlog's archive pages show before a collection's name (its ``header``).
HEADERS = {AUTHOR: "Posts by", LOCATION: "Posts from", LANGUAGE: "Posts in",
           CATEGORY: "Posts in", YEAR: "Posted in", TAG: "Posts tagged",
           SERIES: "Posts in series"}
#: Titles of ABlog's catalog pages.
CATALOG_TITLES = {AUTHOR: "Authors", LOCATION: "Locations", LANGUAGE: "Languages",
                  CATEGORY: "Categories", YEAR: "All posts", TAG: "Tags",
                  SERIES: "Series"}


#: A link or image source in HTML.
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
#: A URL that does not depend on the page it is on.
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)", re.IGNORECASE)


def rebased(fragment: str, page_link: str) -> str:
    """``fragment``, HTML from one page, with its relative links made to work from the
    page that links to that one with ``page_link``."""
    page, _, _ = page_link.partition("#")
    folder = posixpath.dirname(page)

    def rebase(match: re.Match[str]) -> str:
        url = match[2]
        if _NOT_RELATIVE.match(url):
            return match[0]
        if url.startswith("#") or not url:
            return f'{match[1]}="{page}{url}"'
        path, mark, fragment = url.partition("#")
        moved = posixpath.normpath(posixpath.join(folder, path)) if path else page
        if path.endswith("/") and not moved.endswith("/"):
            moved += "/"
        return f'{match[1]}="{moved}{mark}{fragment}"'

    return _URL_ATTRIBUTE.sub(rebase, fragment)


def anchor(post: object) -> str:
    """ABlog's ``anchor(post)``: ``#section`` for a post that is a section of a page;
    every post here is a whole page, so ``""``."""
    section = getattr(post, "section", None)
    return f"#{section}" if section else ""


class AblogCollection:
    """Posts sharing a term (ABlog's ``Collection``): a tag, category, author, year,
    location, language, or all posts and drafts. Iterating gives its posts, newest
    first; ``str()`` its name."""

    def __init__(self, blog: AblogBlog, catalog: AblogCatalog | None, label: str,
                 name: str, docname: str, posts: list[Post], href: str | None = None) -> None:
        self._blog, self._catalog, self._posts = blog, catalog, posts
        self.label = label
        self.name = Markup(escape(name))
        self.docname = self.path = docname
        self.href = href
        self.page = 0
        kind = catalog.kind if catalog is not None else "blog"
        self.xref = f"{kind}-{label}"

    @property
    def catalog(self) -> AblogCatalog | None:
        return self._catalog

    @property
    def title(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    __html__ = __str__

    def __len__(self) -> int:
        return len(self._posts)

    def __bool__(self) -> bool:
        return bool(self._posts)

    def __iter__(self) -> Iterator[AblogPost]:
        return (self._blog.post(post) for post in self._posts)

    def __getitem__(self, docname: str) -> AblogPost | None:
        return self._blog[docname] if docname in self else None

    def __contains__(self, docname: object) -> bool:
        return any(post.docname == docname for post in self._posts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AblogCollection) and self.name == other.name

    def __lt__(self, other: AblogCollection) -> bool:
        return self.name < other.name

    __hash__ = object.__hash__

    def relsize(self, maxsize: int = 5, minsize: int = 1) -> int:
        """ABlog's size in tag clouds: from ``minsize`` to ``maxsize`` by post count."""
        sizes = self._catalog.sizes() if self._catalog is not None else (len(self),) * 2
        low, high = sizes
        diff = maxsize - minsize
        if low == high or (self._catalog is not None and len(self._catalog) == 1):
            return round(diff / 2.0 + minsize)
        return int(1.0 * (len(self) - low) / (high - low) * diff + minsize)


class AblogCatalog:
    """All the collections of one kind (ABlog's ``Catalog``): iterating gives them in
    ABlog's order, by key (years newest first); ``catalog[key]`` gives one."""

    def __init__(self, blog: AblogBlog, kind: str, docname: str) -> None:
        self._blog, self.kind = blog, kind
        self.name = {YEAR: "archive", TAG: "tags"}.get(kind, kind)
        self.docname = self.path = docname

    @cached_property
    def collections(self) -> dict[str, AblogCollection]:
        """The collections by key, in ABlog's order."""
        blog, kind = self._blog, self.kind
        if kind not in blog._write.layout.kinds:  # no pages of its kind (postlog_archives)
            return {}
        groups = group_by(blog.published, FACET[kind].terms_of)
        slugs = blog._write.registry.slugs(kind)
        book = blog._write.presenter.books.get(kind)
        made = {}
        for term in sorted(groups, reverse=kind == YEAR):
            href = book.get(book.key(term)).homepage if book is not None else None
            made[term] = AblogCollection(
                blog, self, term, blog._write.presenter.term_name(kind, term),
                blog._write.layout.term_page(kind, slugs[term]), groups[term], href)
        return made

    def __str__(self) -> str:
        return self.name

    def __iter__(self) -> Iterator[AblogCollection]:
        return iter(self.collections.values())

    def __len__(self) -> int:
        return sum(len(collection) for collection in self)

    def __bool__(self) -> bool:
        return bool(self.collections)

    def __getitem__(self, key: object) -> AblogCollection | None:
        return self.collections.get(str(key))

    def __contains__(self, key: object) -> bool:
        return str(key) in self.collections

    def sizes(self) -> tuple[int, int]:
        """The smallest and largest number of posts of a collection (for ``relsize``)."""
        counts = [len(collection) for collection in self] or [0]
        return min(counts), max(counts)

    @property
    def title(self) -> str:
        """As in ABlog, its name (``tags``, ``archive``)."""
        return self.name


class AblogPost:
    """One post as ABlog's ``Post``: ``title``, ``date``, ``update``, ``published``,
    its terms as collections, ``prev``/``next`` (older, newer), ``to_html``."""

    section = None
    order = 1

    def __init__(self, blog: AblogBlog, post: Post) -> None:
        self._blog, self._post = blog, post
        self.docname = post.docname
        self.title = Markup(escape(post.title))
        self.date: dt.datetime = post.date
        self.update: dt.datetime = post.updated or post.date
        self.published = blog._write.registry.status(post) is None
        self.draft = not self.published
        self.canonical_link = post.canonical_link or None
        self.external_link = None
        self.excerpt = post.excerpt
        self.redirect = list(post.redirects)
        self.nocomments = not post.comments

    def __str__(self) -> str:
        return self.title

    __html__ = __str__

    def __getattr__(self, name: str) -> list[AblogCollection]:
        """``tags``, ``category``, ``author``, ``location``, ``language``: the post's
        terms as collections (a draft's term that no published post has is a collection
        without posts or page)."""
        kind = POST_TERMS.get(name)
        if kind is None or name.startswith("_"):
            raise AttributeError(name)
        value = self._blog.collections_of(kind, FACET[kind].terms_of(self._post))
        setattr(self, name, value)
        return value

    @property
    def archive(self) -> AblogCollection | list[AblogCollection]:
        """The collection of the post's year (none for a draft)."""
        found = self._blog.archive[str(self.date.year)] if self.published else None
        return found if found is not None else []

    @cached_property
    def _neighbours(self) -> tuple[AblogPost | None, AblogPost | None]:
        if not self.published:
            return None, None
        older, newer = self._blog._write.registry.neighbours(self._post)
        return (self._blog.post(older) if older else None,
                self._blog.post(newer) if newer else None)

    @property
    def prev(self) -> AblogPost | None:
        """The post before this one in time (ABlog's ``prev``)."""
        return self._neighbours[0]

    @property
    def next(self) -> AblogPost | None:
        """The post after this one in time."""
        return self._neighbours[1]

    @property
    def image(self) -> str | None:
        """The cover image: its path in the output folder, or its URL."""
        image = self._post.image
        return (output_path(image) or image) if image else None

    def to_html(self, pagename: str, fulltext: bool = False, drop_h1: bool = True,
                img_url: bool = False) -> Markup:
        """The excerpt as HTML with links from ``pagename`` (as archive pages show it),
        or with ``fulltext`` the post's text when it was kept (``postlog_feed_full_content``),
        else the excerpt."""
        blog = self._blog
        link = blog._write.links.to_doc(pagename, self.docname)
        if fulltext and blog._full_text is not None and link is not None:
            text = blog._full_text(self.docname)
            if text is not None:
                return Markup(rebased(text, link))
        links = blog._write.links
        excerpt = resolve_links(self._post.excerpt_html,
                                lambda docname: links.to_doc(pagename, docname),
                                lambda path: links.to_path(pagename, path))
        return Markup(f'<div class="ablog-post-excerpt">{excerpt}</div>')


class AblogBlog:
    """ABlog's ``Blog`` for templates: its settings as attributes (``blog_path``,
    ``post_date_format`` …), the catalogs, ``posts`` and ``drafts``, ``recent``,
    ``ablog[pagename]`` and ``pagename in ablog``."""

    def __init__(self, write: WriteContext, config: Config,
                 full_text: Callable[[str], str | None] | None = None) -> None:
        self._write = write
        #: The text of a post as kept for the feeds (its links from its own page).
        self._full_text = full_text
        self._catalogs: dict[str, AblogCatalog] = {}
        raw = getattr(config, "_raw_config", {})
        self.config = {name: raw.get(name, default)
                       for name, default in ABLOG_TEMPLATE_SETTINGS.items()}
        self.config["blog_path"] = write.layout.blog_index
        self.config["blog_title"] = str(config.postlog_blog_title)
        self.config["blog_baseurl"] = str(raw.get("blog_baseurl") or config.html_baseurl or "")
        self.config["fontawesome"] = bool(self.config["fontawesome_included"]
                                          or self.config["fontawesome_link_cdn"]
                                          or self.config["fontawesome_css_file"])
        self._feed_path = str(config.postlog_feed_path or f"{self.blog_path}/atom.xml")
        self._posts: dict[str, AblogPost] = {}

    def __getattr__(self, name: str) -> Any:
        """An ABlog setting (``ablog.post_date_format``) or catalog (``ablog.tags``);
        another name is undefined, as in ABlog."""
        if name.startswith("_"):
            raise AttributeError(name)
        kind = CATALOG_NAMES.get(name)
        if kind is not None:
            return self.catalog(kind)
        try:
            return self.config[name]
        except KeyError:
            raise AttributeError(f"ABlog has no configuration option {name!r}") from None

    @property
    def feed_path(self) -> str:
        return self._feed_path

    @cached_property
    def published(self) -> list[Post]:
        """The published posts, newest first."""
        return self._write.registry.published()

    def catalog(self, kind: str) -> AblogCatalog:
        """The catalog of one kind of term, made once."""
        if kind not in self._catalogs:
            self._catalogs[kind] = AblogCatalog(self, kind, self._write.layout.index(kind))
        return self._catalogs[kind]

    @cached_property
    def catalogs(self) -> dict[str, AblogCatalog]:
        return {name: self.catalog(kind) for name, kind in POST_TERMS.items()}

    @cached_property
    def posts(self) -> AblogCollection:
        """Every published post, newest first (the blog index)."""
        return AblogCollection(self, None, "post", "Posts", self.blog_path, self.published)

    @cached_property
    def drafts(self) -> AblogCollection:
        """Drafts and scheduled posts shown with ``postlog_show_drafts``."""
        registry = self._write.registry
        drafts = [post for post in registry.newest_first() if registry.status(post) is not None]
        return AblogCollection(self, None, "draft", "Drafts", f"{self.blog_path}/drafts",
                               drafts)

    def page_collection(self, kind: str, term: str, page: str,
                        posts: list[Post]) -> AblogCollection:
        """The collection an archive page shows (``posts``, the page's share of them):
        of a term of ``kind``; with no kind, all posts (``term`` ``post``) or the
        drafts (``draft``)."""
        if term == "featured" and not kind:
            return AblogCollection(self, None, "featured", "Featured posts", page, posts)
        if not kind:
            whole = self.posts if term == "post" else self.drafts
            return AblogCollection(self, None, whole.label, whole.name, page, posts)
        catalog = self.catalog(kind)
        whole_term = catalog[term]
        href = whole_term.href if whole_term is not None else None
        return AblogCollection(self, catalog, term, self._write.presenter.term_name(kind, term),
                               page, posts, href)

    def post(self, post: Post) -> AblogPost:
        """``post`` as templates see it, made once per build."""
        view = self._posts.get(post.docname)
        if view is None or view._post is not post:
            view = self._posts[post.docname] = AblogPost(self, post)
        return view

    def collections_of(self, kind: str, terms: tuple[str, ...]) -> list[AblogCollection]:
        """The collections of ``terms``; a term no published post has gets one without
        posts or page (ABlog shows it without a link)."""
        catalog = self.catalog(kind)
        found = []
        for term in terms:
            collection = catalog[term]
            if collection is None:
                collection = AblogCollection(self, catalog, term,
                                             self._write.presenter.term_name(kind, term),
                                             "", [])
            found.append(collection)
        return found

    def _shown(self, docname: str) -> Post | None:
        registry = self._write.registry
        post = registry.posts.get(docname)
        if post is None or not (registry.visibility.show_drafts or registry.status(post) is None):
            return None
        return post

    def __getitem__(self, docname: str) -> AblogPost | None:
        post = self._shown(docname)
        return self.post(post) if post is not None else None

    def __contains__(self, docname: object) -> bool:
        return isinstance(docname, str) and self._shown(docname) is not None

    def __len__(self) -> int:
        """The published posts (``{% if ablog %}`` is false without any, as in ABlog)."""
        return len(self.published)

    def recent(self, num: int | None = None, docname: str | None = None,
               **labels: object) -> Iterator[AblogPost]:
        """The ``num`` newest published posts, leaving out ``docname``'s."""
        count = len(self.published) if num is None else int(num)
        shown = 0
        for post in self.published:
            if shown >= count:
                return
            if post.docname == docname:
                continue
            shown += 1
            yield self.post(post)

    def page_id(self, pagename: str) -> str | None:
        """ABlog's page identifier for comment services (with ``blog_baseurl``)."""
        if not self.blog_baseurl:
            return None
        pagename = pagename.removesuffix("index").strip("/")
        return "/" + pagename + ("/" if pagename else "")

    def page_url(self, pagename: str) -> str | None:
        """ABlog's absolute page URL (with ``blog_baseurl``)."""
        if not self.blog_baseurl:
            return None
        return urljoin(str(self.blog_baseurl), pagename).removesuffix("index")
