"""Where archive pages live: the page names of the blog index, term pages and their
numbered pages, for both URL styles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.config import blog_index_page, facet_index_page, same_file, site_feed_files
from sphinx_postlog.facets import FACETS
from sphinx_postlog.read.slugs import name_hash

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config

    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.read.posts import Post

#: Builders that write archive pages and feeds.
ARCHIVE_BUILDERS = frozenset({"html", "dirhtml"})


def builds_archives(builder: Builder) -> bool:
    """True if ``builder`` writes archive pages and feeds."""
    return builder.name in ARCHIVE_BUILDERS


@dataclass(frozen=True)
class ListPage:
    """One page of a list of posts."""

    name: str
    #: The number it is shown with (the first page's too).
    number: int
    #: Its posts, in the list of all the list's posts (newest first).
    posts: slice


#: Page numbers shown on either side of the current page's.
PAGES_AROUND = 2


def page_window(count: int, position: int, around: int = PAGES_AROUND) -> list[int | None]:
    """The positions (in list order) of the pages a list's page links to by number: the
    first, the last and those ``around`` the current one; None where some are left out.
    Linking every page from every page made a long list cost the square of its pages."""
    shown = sorted({0, count - 1, *range(max(position - around, 0),
                                          min(position + around + 1, count))})
    window: list[int | None] = [shown[0]]
    for previous, index in pairwise(shown):
        if index - previous == 2:
            window.append(index - 1)  # one page left out: shown rather than "…"
        elif index - previous > 2:
            window.append(None)
        window.append(index)
    return window


@dataclass(frozen=True)
class ArchiveLayout:
    """Page names (output paths without suffix) of the generated pages.

    Two styles: ``postlog`` (``blog/index``, ``blog/tags/index``, ``blog/tags/python``,
    term feeds ``blog/tags/python.xml``) and ``ablog`` (ABlog's URLs: ``blog``,
    ``blog/tag``, ``blog/tag/python``, ``blog/archive`` with years at ``blog/2020``,
    term feeds ``blog/tag/python/atom.xml``).
    """

    blog_index: str
    #: (facet kind, folder of its term pages, its index page) for every facet
    places: tuple[tuple[str, str, str], ...]
    #: Posts per archive page; 0 puts every post on one page.
    page_size: int = 0
    style: str = "postlog"
    #: ``oldest``: numbered pages count from the oldest posts; ``newest``: from the first
    #: page.
    page_order: str = "oldest"
    #: The site-wide feed's files (none without a feed), which term pages must not take.
    feeds: tuple[str, ...] = ()
    #: The facets whose pages are written (``postlog_archives``).
    kinds: tuple[str, ...] = tuple(facet.kind for facet in FACETS)

    @classmethod
    def from_config(cls, config: Config) -> ArchiveLayout:
        style = "ablog" if config.postlog_url_layout == "ablog" else "postlog"
        blog = str(config.postlog_blog_path)
        folders = {facet.kind: str(config[facet.path_setting]) for facet in FACETS}
        places = tuple((kind, folder, facet_index_page(style, blog, folder))
                       for kind, folder in folders.items())
        feed = config.postlog_feed_path
        return cls(blog_index_page(style, blog), places,
                   max(config.postlog_archive_page_size, 0), style,
                   config.postlog_archive_page_order,
                   tuple(site_feed_files(str(feed)).values()) if feed else (),
                   tuple(facet.kind for facet in FACETS
                         if facet.kind in config.postlog_archives))

    @property
    def drafts(self) -> str | None:
        """ABlog's page of drafts (``blog/drafts``); none in our own layout."""
        return f"{self.blog_index}/drafts" if self.style == "ablog" else None

    @property
    def featured(self) -> str:
        """The page of featured posts (``blog/featured``, in both layouts)."""
        return f"{self.blog_index.removesuffix('/index')}/featured"

    @cached_property
    def _places(self) -> dict[str, tuple[str, str]]:
        return {kind: (folder, index) for kind, folder, index in self.places}

    def directory(self, kind: str) -> str:
        return self._places[kind][0]

    def index(self, kind: str) -> str:
        """The page listing every term of a facet (``blog/tags/index``, ABlog's
        ``blog/tag``)."""
        return self._places[kind][1]

    @cached_property
    def _reserved(self) -> dict[str, frozenset[str]]:
        """For each facet, the names its terms' files cannot have in its folder:
        ``index`` (its index page's, or in ``dirhtml`` the folder's own page's), and the
        first part, up to a dot, of every other place below the folder: the blog index
        and its numbered pages, the page of drafts, another facet's folder or index, the
        site's feeds."""
        places = [self.blog_index, self._numbered_prefix(self.blog_index), self.featured,
                  self._numbered_prefix(self.featured), *self.feeds]
        if self.drafts is not None:
            places.append(self.drafts)
        places += [place for _, folder, index in self.places for place in (folder, index)]
        reserved = {}
        for kind, folder, _ in self.places:
            below = [place[len(folder) + 1:] for place in places
                     if place.startswith(folder + "/")]
            reserved[kind] = frozenset(["index", *(rest.split("/")[0].split(".")[0]
                                                   for rest in below)])
        return reserved

    def file_name(self, kind: str, slug: str) -> str:
        """The name of a term's files in its facet's folder: its slug, or where the
        layout has a page or folder of that name already (``index``), the slug with a
        hash of it appended, as slugs that collide get."""
        return f"{slug}-{name_hash(slug)}" if slug in self._reserved[kind] else slug

    def term_page(self, kind: str, slug: str) -> str:
        """The first page of one term's posts (``blog/tags/python``)."""
        return f"{self.directory(kind)}/{self.file_name(kind, slug)}"

    def term_feed(self, kind: str, slug: str, feed_format: str = "atom") -> str:
        """Where the feed of one term goes in a format (``atom``, ``rss``, ``json``):
        next to its page (``blog/tags/python.xml``, ``python.rss.xml``,
        ``python.json``), or, as ABlog has it, in its folder
        (``blog/tag/python/atom.xml``, ``rss.xml``, ``feed.json``)."""
        if self.style == "ablog":
            name = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}[feed_format]
            return f"{self.term_page(kind, slug)}/{name}"
        suffix = {"atom": ".xml", "rss": ".rss.xml", "json": ".json"}[feed_format]
        return f"{self.term_page(kind, slug)}{suffix}"

    def list_pages(self, first_page: str, post_count: int) -> list[ListPage]:
        """The pages of a list of ``post_count`` posts, in the list's order (newest
        posts first).

        Counting from the oldest, a page keeps its posts when new ones come: the first
        page shows the newest posts that fill no numbered page, and at least a page's
        worth (up to twice ``page_size`` less one), and page 1 the oldest. So adding a
        post changes the first page alone, and one page in ``page_size`` posts starts
        a new numbered page.
        """
        size = self.page_size
        if not size or post_count <= size:
            return [ListPage(first_page, 1, slice(0, post_count))]
        if self.page_order == "newest":
            count = -(-post_count // size)
            return [ListPage(first_page if n == 1 else self._numbered(first_page, n), n,
                             slice((n - 1) * size, n * size)) for n in range(1, count + 1)]
        older = post_count // size - 1
        first = ListPage(first_page, older + 1, slice(0, post_count - older * size))
        return [first, *(ListPage(self._numbered(first_page, n), n,
                                  slice(post_count - n * size, post_count - (n - 1) * size))
                         for n in range(older, 0, -1))]

    @staticmethod
    def _numbered(first_page: str, number: int) -> str:
        """Numbered page ``number`` of a list: ``blog/index`` → ``blog/page/2``,
        ``blog/tags/python`` → ``blog/tags/python/page/2``."""
        return f"{ArchiveLayout._numbered_prefix(first_page)}{number}"

    @staticmethod
    def _numbered_prefix(first_page: str) -> str:
        return f"{first_page.removesuffix('/index')}/page/"

    @staticmethod
    def is_page_of(pagename: str, first_page: str) -> bool:
        """Whether ``pagename`` is one of the pages of the list starting at
        ``first_page`` (as ``list_pages`` names them)."""
        return (pagename == first_page
                or pagename.startswith(ArchiveLayout._numbered_prefix(first_page)))

    def page_names(self, registry: Registry) -> set[str]:
        """Names of every page the registry gives rise to: archive pages, numbered pages
        included, and redirect pages."""
        return self.archive_page_names(registry) | redirect_pages(registry, self).keys()

    def archive_page_names(self, registry: Registry) -> set[str]:
        """Names of every archive page the registry gives rise to, numbered pages
        included."""
        posts = registry.newest_first()
        lists = [(self.blog_index, len(posts))]
        names = set()
        for facet in FACETS:
            if facet.kind not in self.kinds:
                continue
            counts = Counter(term for post in posts for term in facet.terms_of(post))
            lists += [(self.term_page(facet.kind, slug), counts[term])
                      for term, slug in registry.slugs(facet.kind).items()]
            if counts or not facet.optional:
                names.add(self.index(facet.kind))
        if self.drafts is not None:
            drafts = sum(1 for post in posts if registry.status(post) is not None)
            lists.append((self.drafts, drafts))
        if featured := sum(1 for post in posts if post.featured):
            lists.append((self.featured, featured))
        for first_page, count in lists:
            names.update(page.name for page in self.list_pages(first_page, count))
        return names


def site_page_names(config: Config, registry: Registry) -> set[str]:
    """Names of every page the posts of every blog of the site give rise to (see
    ``ArchiveLayout.page_names``)."""
    return set().union(*(
        ArchiveLayout.from_config(blog.config(config)).page_names(registry.of_blog(blog.name))
        for blog in site_blogs(config)))


def redirect_pages(registry: Registry, layout: ArchiveLayout) -> dict[str, Post]:
    """The redirect page at each old path of a published post (``redirect:``), by page
    name; a path that another post or an archive page (in any builder's files) claims
    first is left out."""
    taken = {same_file(name) for name in layout.archive_page_names(registry)}
    pages: dict[str, Post] = {}
    for post in sorted(registry.published(), key=lambda post: post.docname):
        for page in post.redirects:
            if same_file(page) not in taken:
                taken.add(same_file(page))
                pages[page] = post
    return pages
