"""Archive pages generated at write time: the blog index, one page per tag, category,
author, year and series, and an index of each with post counts, and the page of
featured posts (on ABlog sites, as ABlog has it,
every post under each term).

On ABlog sites whose ``templates_path`` has its own ``ablog/collection.html`` or
``ablog/catalog.html``, those pages are rendered with it, with ABlog's context
(``collection``, ``catalog``, ``header``); see ``ablog_templates``."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Any

from sphinx.util.osutil import relative_uri

from sphinx_postlog.blogs import several_blogs, site_blogs
from sphinx_postlog.collect.registry import get_registry, group_by, pinned_first
from sphinx_postlog.diagnostics import PostlogWarning, contained, logger, warn
from sphinx_postlog.facets import (
    AUTHOR,
    CATEGORY,
    FACET,
    LANGUAGE,
    LOCATION,
    SERIES,
    TAG,
    YEAR,
    Facet,
)
from sphinx_postlog.i18n import _, blog_title, with_blog_title
from sphinx_postlog.record.fingerprints import rendering_fingerprint, shown_digest
from sphinx_postlog.record.rewrites import nothing_changed, pages_to_write
from sphinx_postlog.render.ablog_api import CATALOG_TITLES, HEADERS
from sphinx_postlog.render.context import every_blog, write_context
from sphinx_postlog.render.layout import (
    ListPage,
    builds_archives,
    page_window,
    redirect_pages,
    site_page_names,
)
from sphinx_postlog.render.links import LinkSlots
from sphinx_postlog.render.planned_pages import Page, PlannedPage
from sphinx_postlog.render.views import ListStyle
from sphinx_postlog.write.ablog_templates import (
    CATALOG,
    COLLECTION,
    SITE_PAGE_KEY,
    ablog_blog,
    overridden,
)
from sphinx_postlog.write.feeds import (
    base_url,
    feed_links,
    feed_title,
    first_format,
    site_feed_paths,
    term_feed_kinds,
    term_feed_paths,
)
from sphinx_postlog.write.navigation import parent_link

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.views import PostView, Presenter

#: The pages above a page, each (title, page name), the top one first.
Parents = tuple[tuple[str, str], ...]


ARCHIVE_SHOW = ("date", "authors", "tags", "categories", "excerpt")
#: Cards have room for the cover image and the reading time too.
CARD_SHOW = (*ARCHIVE_SHOW, "image", "reading_time")
#: Sections of a list: the id and heading of the section a post goes in.
Grouping = Callable[["Post"], tuple[str, str]]
#: What ABlog's catalog pages show of each post: its date and title.
CATALOG_SHOW = ("date",)
#: The collection an archive page shows, for the site's ABlog template: (facet kind,
#: term), ("", "post") for the blog index, ("", "draft") for the page of drafts.
Shown = tuple[str, str]


@dataclass(frozen=True)
class FacetPages:
    """How the pages of one facet read."""

    facet: Facet
    index_heading: Callable[[], str]
    page_heading: Callable[[str], str]  # from the term's display name
    #: Years are listed newest first; names alphabetically.
    newest_first: bool = False
    #: Year pages group their posts by month.
    by_month: bool = False
    #: What the index says when no post has a term of this kind.
    none_yet: Callable[[], str] = lambda: _("No posts yet.")
    #: Pinned posts go first (see ``pinned_first``), as on the blog index.
    pinned_first: bool = False
    #: The link to the index under a sidebar that shows some terms of this kind.
    all_terms: Callable[[], str] = lambda: _("All posts")


FACET_PAGES = (
    FacetPages(FACET[TAG], lambda: _("Tags"), lambda name: _("Posts tagged “%s”") % name,
               none_yet=lambda: _("No post has a tag yet."), pinned_first=True,
               all_terms=lambda: _("All tags")),
    FacetPages(FACET[CATEGORY], lambda: _("Categories"),
               lambda name: _("Posts in category “%s”") % name,
               none_yet=lambda: _("No post has a category yet."), pinned_first=True,
               all_terms=lambda: _("All categories")),
    FacetPages(FACET[AUTHOR], lambda: _("Authors"), lambda name: _("Posts by %s") % name,
               none_yet=lambda: _("No post names an author yet."),
               all_terms=lambda: _("All authors")),
    FacetPages(FACET[YEAR], lambda: _("Archive"), lambda name: _("Posts from %s") % name,
               newest_first=True, by_month=True, all_terms=lambda: _("All years")),
    FacetPages(FACET[LOCATION], lambda: _("Locations"),
               lambda name: _("Posts written in %s") % name,
               all_terms=lambda: _("All locations")),
    FacetPages(FACET[LANGUAGE], lambda: _("Languages"),
               lambda name: _("Posts in %s") % name, all_terms=lambda: _("All languages")),
    # its pages list the parts in series order (see ``Registry.series``)
    FacetPages(FACET[SERIES], lambda: _("Series"), lambda name: _("Series “%s”") % name,
               all_terms=lambda: _("All series")),
)
#: The same, by facet kind (``tag``, ``author`` …).
FACET_PAGES_OF = {pages.facet.kind: pages for pages in FACET_PAGES}
#: Headings of ABlog's tag and year pages ("Posts tagged python", "Posted in 2021"),
#: for sites laid out as ABlog's (its blog index is "All Posts").
ABLOG_PAGE_HEADINGS: dict[str, Callable[[str], str]] = {
    TAG: lambda name: _("Posts tagged %s") % name,
    YEAR: lambda name: _("Posted in %s") % name,
}


def ordered_terms(pages: FacetPages, groups: dict[str, list[Post]],
                  presenter: Presenter) -> list[str]:
    """The terms of a facet in the order its index shows them: years newest first,
    others alphabetically by the name readers see."""
    if pages.newest_first:
        return sorted(groups, reverse=True)
    kind = pages.facet.kind
    return sorted(groups, key=lambda term: (presenter.term_name(kind, term).casefold(), term))


def _contained(pages: Iterator[PlannedPage], what: str) -> Iterator[PlannedPage]:
    """``pages`` one by one; if making one fails, a warning, and the list ends there
    (other archives are still made)."""
    while True:
        page = None
        with contained(what):
            page = next(pages, None)
        if page is None:
            return
        yield page


class ArchiveWriter:
    """Plans every archive page, each made as (pagename, context, template) on demand."""

    def __init__(self, app: Sphinx, blog: str = "") -> None:
        self.app = app
        context = write_context(app.builder, app.env, blog)
        self.blog_name = blog
        #: The site's settings as this blog has them.
        self.config = config = context.config
        self.registry = context.registry
        self.layout = context.layout
        self.links = context.links
        self.presenter = context.presenter
        self.renderer = context.renderer
        #: Posts as lists show them, the same on every page (links filled per page).
        self.slots = LinkSlots(app.builder, self.layout, self.registry)
        self._listed: dict[str, PostView] = {}
        self.documents = set(app.env.found_docs)
        root = base_url(config)
        self.feed_root = root if root and config.postlog_feed_path else None
        self.feed_kinds = set(term_feed_kinds(config))
        #: The blog index, as a link's (title, page name).
        self.blog = (blog_title(config), self.layout.blog_index)
        #: On a site of several blogs, pages say which blog they are of.
        self.several = several_blogs(config)
        #: As in ABlog, a document at the blog index's place shows the blog index.
        self.shown_in_document = (self.layout.blog_index if self.layout.style == "ablog"
                                  and self.layout.blog_index in self.documents else None)
        #: ABlog sites: term indexes list every post under each term, as ABlog's do.
        self.catalogs = bool(config.postlog_ablog_compat)
        #: The site's own ABlog templates.
        self.site_templates = overridden(app)

    def pages(self) -> Iterator[PlannedPage]:
        with self.renderer.remembering_items():  # pages are made as they are yielded
            yield from self._pages()

    def _pages(self) -> Iterator[PlannedPage]:
        posts = self.registry.newest_first()
        yield from _contained(self._blog_index(posts), "making the blog index")
        yield from _contained(self._drafts(), "making the page of drafts")
        yield from _contained(self._redirects(), "making the redirect pages")
        yield from _contained(self._featured(posts), "making the page of featured posts")
        for pages in FACET_PAGES:
            kind = pages.facet.kind
            if kind not in self.layout.kinds:
                continue
            groups = (self.registry.series() if kind == SERIES
                      else group_by(posts, pages.facet.terms_of))
            if pages.pinned_first:
                groups = {term: pinned_first(group) for term, group in groups.items()}
            slugs = self.registry.slugs(kind)
            nav = [(pages.index_heading(), self.layout.index(kind))]
            grouping = self._by_month if pages.by_month else None
            if pages.facet.optional and not groups:
                continue
            for term in self._ordered(pages, groups):
                name = self._name(kind, term)
                first_page = self.layout.term_page(kind, slugs[term])
                feed = self._feed(kind, slugs[term], name)
                yield from _contained(
                    self._archive(first_page, self._heading(pages, name), groups[term], nav,
                                  grouping, feed, parents=(self.blog, *nav),
                                  collection=(kind, term)),
                    f"making the {kind} page of {term!r}")
            index = self._catalog if self.catalogs else self._term_index
            yield from _contained(index(pages, groups), f"making the index of {kind} pages")

    def _feed(self, kind: str, slug: str, name: str) -> dict[str, Any] | None:
        """The feed of a tag or category page, when there is one: its first format for
        the page's link, every format for the page's ``<head>``."""
        if self.feed_root is None or kind not in self.feed_kinds:
            return None
        paths = term_feed_paths(self.config, self.layout, kind, slug)
        if not paths:
            return None
        title = f"{feed_title(self.config)}: {name}"
        link = _feed_link(paths)
        return {**link, "title": title, "absolute_url": self.feed_root + link["path"],
                "links": feed_links(self.config, title, paths)}

    def _name(self, kind: str, term: str) -> str:
        return self.presenter.term_name(kind, term)

    def _ordered(self, pages: FacetPages, groups: dict[str, list[Post]]) -> list[str]:
        return ordered_terms(pages, groups, self.presenter)

    def _by_year(self, post: Post) -> tuple[str, str]:
        return f"year-{post.date.year}", str(post.date.year)

    def _pinned_or_by_year(self, post: Post) -> tuple[str, str]:
        """The blog index's sections: the pinned posts, then one for each year."""
        return ("pinned", _("Pinned")) if post.pinned else self._by_year(post)

    def _by_month(self, post: Post) -> tuple[str, str]:
        return f"month-{post.date:%Y-%m}", self.presenter.month_text(post.date)

    def _nav(self, page: str, items: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [{"text": text, "url": self.links.to_page(page, target)}
                for text, target in items]

    def _page(self, page: str, heading: str, template: str, title: str | None = None,
              made_of: object = None, lazy: Callable[[], dict[str, Any]] | None = None,
              site: tuple[str, Callable[[], dict[str, Any]]] | None = None,
              parents: Parents = (), **context: Any) -> Iterator[PlannedPage]:
        """One page, from ``template`` with ``context`` and what ``lazy`` adds; its
        inputs are ``context`` and ``made_of`` (what ``lazy`` makes its part from).
        ``site``: ABlog's template for the page and its context, used if the site has
        its own (our page is its fallback). ``parents`` (title, page name) are the pages
        above it, for themes' breadcrumbs."""
        if page in self.documents and page != self.shown_in_document:
            warn(f"the document {page!r} has the name of a generated archive page; "
                 "the archive page is not written", PostlogWarning.ARCHIVE)
            return

        context["blog"] = None
        if self.several and page != self.layout.blog_index:
            title = with_blog_title(title or heading, self.config)
            context["blog"] = {"title": self.blog[0],
                               "url": self.links.to_page(page, self.layout.blog_index)}

        def make() -> Page:
            variables = {**context, **(lazy() if lazy else {})}
            body = self.slots.fill(self.renderer.render(
                template, heading=heading, section_id=page.replace("/", "-"), **variables),
                page)
            page_context = {"title": html.escape(title or heading), "body": body,
                            "postlog_archive": True, "postlog_blog": self.blog_name}
            if parents:
                page_context["parents"] = [
                    parent_link(self.links.to_page(page, target) or "", text)
                    for text, target in parents]
            if context.get("feed"):
                page_context["postlog_feed"] = context["feed"]
            if site_context is not None:
                page_context.update(site_context(), **{SITE_PAGE_KEY: site_template})
            return page, page_context, "page.html"

        site_template, site_context = (site if site and site[0] in self.site_templates
                                       else (None, None))
        inputs = repr((template, heading, title, sorted(context.items()), made_of,
                       site_template, parents))
        yield PlannedPage(page, inputs, make)

    def _archive(self, first_page: str, heading: str, posts: list[Post],
                 nav: list[tuple[str, str]], grouping: Grouping | None = None,
                 feed: dict[str, Any] | None = None,
                 collection: Shown = ("", "post"),
                 parents: Parents = ()) -> Iterator[PlannedPage]:
        """One list of posts, over as many numbered pages as it takes, in sections
        (years, months) when ``grouping`` says so; ``collection`` says which, for the
        site's ABlog template; its numbered pages have its first page among their
        ``parents``."""
        list_pages = self.layout.list_pages(first_page, len(posts))
        layout_name = self.config.postlog_archive_style
        show = CARD_SHOW if layout_name == "cards" else ARCHIVE_SHOW
        # Posts' titles are headings under the page's (or its sections') own.
        style = ListStyle(show=show, layout=layout_name, heading="h3" if grouping else "h2")
        for position, list_page in enumerate(list_pages):
            page = list_page.name
            shown = posts[list_page.posts]
            pagination = self._pagination(list_pages, position)
            title = f"{heading} ({pagination['label']})" if pagination and position else heading
            page_feed = feed and {**feed, "url": relative_uri(
                self.app.builder.get_target_uri(page), feed["path"])}
            yield from self._page(
                page, heading, "postlog/archive.html", title=title,
                made_of=(shown_digest(self.registry, shown), grouping and grouping.__name__),
                lazy=partial(self._sections, shown, grouping),
                site=(COLLECTION, partial(self._site_collection, collection, page, shown)),
                parents=(*parents, (heading, first_page)) if position else parents,
                style=style, show=show, nav=self._nav(page, nav), pagination=pagination,
                feed=page_feed)

    def _sections(self, posts: list[Post], grouping: Grouping | None) -> dict[str, Any]:
        """The posts of one page as the template shows them, in their sections."""
        sections: list[dict[str, Any]] = []
        for post in posts:
            section_id, section_heading = grouping(post) if grouping else ("", "")
            if not sections or sections[-1]["id"] != section_id:
                sections.append({"id": section_id, "heading": section_heading, "url": None,
                                 "posts": []})
            sections[-1]["posts"].append(self._view(post))
        return {"sections": sections}

    def _site_collection(self, which: Shown, page: str, posts: list[Post]) -> dict[str, Any]:
        """ABlog's context of a collection page (its ``generate_archive_pages``)."""
        blog = ablog_blog(self.app, self.blog_name)
        kind, term = which
        collection = blog.page_collection(kind, term, page, posts)
        feed_archives = bool(blog.blog_feed_archives)
        context: dict[str, Any] = {"parents": [], "collection": collection, "summary": True,
                                   "fa": blog.fontawesome, "feed_path": blog.blog_path}
        if kind:
            header = HEADERS[kind]
            context.update(title=f"{header} {collection.name}", header=header,
                           archive_feed=bool(blog.blog_baseurl) and feed_archives)
            if feed_archives:
                context["feed_path"] = collection.path
            context["feed_title"] = context["title"]
        elif term == "post":
            context.update(title="All Posts", header="All", atom_feed=bool(blog.blog_baseurl))
        elif term == "featured":
            context.update(title="Featured posts", header="Featured")
        else:
            context.update(title="Drafts")
        context["title"] = html.escape(str(context["title"]))
        return context

    def _site_catalog(self, kind: str) -> dict[str, Any]:
        """ABlog's context of a catalog page."""
        blog = ablog_blog(self.app, self.blog_name)
        return {"parents": [], "title": html.escape(CATALOG_TITLES[kind]),
                "header": HEADERS[kind], "catalog": blog.catalog(kind), "summary": True,
                "fa": blog.fontawesome}

    def _view(self, post: Post) -> PostView:
        """``post`` as every archive page lists it, its links slots (see ``LinkSlots``)."""
        view = self._listed.get(post.docname)
        if view is None:
            view = self._listed[post.docname] = self.presenter.view(post, "", self.slots)
        return view

    def _pagination(self, list_pages: list[ListPage], position: int) -> dict[str, Any] | None:
        """Links between the pages of one list, numbered in reading order (the first
        page is 1, the oldest posts' page the last), whatever their addresses count
        from (None when there is one page). The first page's title says no page
        number: it is the list's own.

        Counting addresses from the oldest, the numbers and "of 9" change only when
        the list gains or loses a page, so a page stays as it was until then."""
        if len(list_pages) == 1:
            return None
        current = list_pages[position]

        def url(other: ListPage) -> str | None:
            return self.links.to_page(current.name, other.name)

        def item(index: int | None) -> dict[str, Any]:
            if index is None:
                return {"gap": True, "number": None, "text": "…", "url": None}
            return {"gap": False, "number": index + 1, "text": str(index + 1),
                    "url": None if index == position else url(list_pages[index])}

        numbers = {"number": position + 1, "count": len(list_pages)}
        return {
            **numbers,
            "label": _("Page %(number)d of %(count)d") % numbers,
            "newer": url(list_pages[position - 1]) if position else None,
            "older": url(list_pages[position + 1]) if position + 1 < len(list_pages) else None,
            "pages": [item(index) for index in page_window(len(list_pages), position)],
        }

    def _blog_index(self, posts: list[Post]) -> Iterator[PlannedPage]:
        page = self.layout.blog_index
        if page in self.documents and self.layout.style != "ablog":
            logger.info("postlog: %s is a document of the site; no blog index generated", page)
            return
        # ABlog's layout: a document there shows the blog index (see fill_blog_index).
        yield from (each for each in self.blog_index_pages(posts)
                    if each.name not in self.documents)

    def blog_index_pages(self, posts: list[Post]) -> Iterator[PlannedPage]:
        """Every page of the blog index: pinned posts first (on its first page), then
        the others by year."""
        nav = [(pages.index_heading(), self.layout.index(pages.facet.kind))
               for pages in FACET_PAGES if pages.facet.kind in self.layout.kinds
               and (not pages.facet.optional or any(map(pages.facet.terms_of, posts)))]
        if any(post.featured for post in posts):
            nav.append((_("Featured"), self.layout.featured))
        # ABlog's heading, unless the site has several blogs to tell apart
        heading = (_("All Posts") if self.layout.style == "ablog" and not self.blog_name
                   else self.blog[0])
        yield from self._archive(self.layout.blog_index, heading, pinned_first(posts), nav,
                                 self._pinned_or_by_year, self._site_feed())

    def _featured(self, posts: list[Post]) -> Iterator[PlannedPage]:
        """The page of featured posts, newest first (none when no post is featured)."""
        featured = [post for post in posts if post.featured]
        if featured:
            yield from self._archive(
                self.layout.featured, _("Featured posts"), featured, [self.blog],
                collection=("", "featured"), parents=(self.blog,))

    def _heading(self, pages: FacetPages, name: str) -> str:
        """The heading of a term's page: ABlog's where the site is laid out as ABlog's
        and ABlog's differs."""
        ablog = ABLOG_PAGE_HEADINGS.get(pages.facet.kind) if self.layout.style == "ablog" \
            else None
        return (ablog or pages.page_heading)(name)

    def _site_feed(self) -> dict[str, Any] | None:
        """The site's feed, for the blog index's link to it (its ``<head>`` links are
        every page's already)."""
        paths = site_feed_paths(self.config)
        if self.feed_root is None or not paths:
            return None
        return {**_feed_link(paths), "title": feed_title(self.config), "links": []}

    def _drafts(self) -> Iterator[PlannedPage]:
        """ABlog's page of drafts: listed with ``postlog_show_drafts`` only (they are not
        published otherwise)."""
        page = self.layout.drafts
        if page is None:
            return
        drafts = [post for post in self.registry.newest_first()
                  if self.registry.status(post) is not None]
        yield from self._archive(page, _("Drafts"), drafts, [self.blog],
                                 collection=("", "draft"), parents=(self.blog,))

    def _redirects(self) -> Iterator[PlannedPage]:
        """A page at each old path of each published post, sending readers on."""
        builder, config = self.app.builder, self.config
        root = base_url(config)
        for page, post in redirect_pages(self.registry, self.layout).items():
            if page in self.documents:
                warn(f"the redirect {page!r} of {post.docname!r} is the name of a document; "
                     "the document wins", PostlogWarning.ARCHIVE, location=post.docname)
                continue
            made: Page = (page, {"postlog_redirect": {
                "title": post.title, "url": self.links.to_doc(page, post.docname) or "",
                "canonical": root + builder.get_target_uri(post.docname) if root else "",
                "delay": max(int(config.postlog_redirect_refresh), 0),
                "text": _("This page has moved:"),
            }}, "postlog/redirect.html")
            yield PlannedPage(page, repr(made), partial(_ready, made))

    def _term_index(self, pages: FacetPages, groups: dict[str, list[Post]]
                    ) -> Iterator[PlannedPage]:
        kind = pages.facet.kind
        page = self.layout.index(kind)
        slugs = self.registry.slugs(kind)
        terms = [
            {"name": self._name(kind, term), "count": len(groups[term]),
             "url": self.links.to_page(page, self.layout.term_page(kind, slugs[term]))}
            for term in self._ordered(pages, groups)
        ]
        yield from self._page(page, pages.index_heading(), "postlog/terms.html",
                              parents=(self.blog,), terms=terms,
                              nav=self._nav(page, [self.blog]),
                              empty_text=pages.none_yet())

    def _catalog(self, pages: FacetPages, groups: dict[str, list[Post]]
                 ) -> Iterator[PlannedPage]:
        """ABlog's index of a facet: every post (date and title) under each term, the
        terms linking to their pages."""
        kind = pages.facet.kind
        page = self.layout.index(kind)
        terms = self._ordered(pages, groups)
        made_of = (kind, [(term, shown_digest(self.registry, groups[term])) for term in terms])
        yield from self._page(page, pages.index_heading(), "postlog/archive.html",
                              made_of=made_of, lazy=partial(self._catalog_sections, kind, terms,
                                                            groups),
                              site=(CATALOG, partial(self._site_catalog, kind)),
                              parents=(self.blog,), style=ListStyle(show=CATALOG_SHOW),
                              show=CATALOG_SHOW, nav=self._nav(page, [self.blog]),
                              pagination=None, feed=None)

    def _catalog_sections(self, kind: str, terms: list[str],
                          groups: dict[str, list[Post]]) -> dict[str, Any]:
        slugs = self.registry.slugs(kind)
        return {"sections": [
            {"id": f"{kind}-{slugs[term]}", "heading": self._name(kind, term),
             "url": self.slots.to_page("", self.layout.term_page(kind, slugs[term])),
             "posts": [self._view(post) for post in groups[term]]}
            for term in terms]}


def _feed_link(paths: dict[str, str]) -> dict[str, str]:
    """An archive page's link to a feed: its first format, labelled."""
    link = first_format(paths)
    return {**link, "label": _("Atom feed") if link["format"] == "atom" else _("Feed")}


def _ready(page: Page) -> Page:
    """A page made already (redirect pages cost nothing to make)."""
    return page


def collect_archive_pages(app: Sphinx) -> Iterator[Page]:
    """``html-collect-pages``: the archive pages whose content changed, for builders that
    write archive pages."""
    if not builds_archives(app.builder):
        return iter(())
    blogs = every_blog(app.builder, app.env)
    fingerprint = rendering_fingerprint(app)
    inputs = hashlib.sha256(repr((
        get_registry(app.env).digest(), fingerprint, [blog.layout for blog in blogs],
        sorted(app.env.found_docs))).encode("utf-8")).hexdigest()
    if nothing_changed(app, inputs):
        return iter(())
    pages = chain.from_iterable(ArchiveWriter(app, blog.blog.name).pages() for blog in blogs)
    return pages_to_write(app, pages, inputs, fingerprint,
                          site_page_names(app.config, get_registry(app.env)))


def fill_blog_index(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: object) -> None:
    """``html-page-context``: in ABlog's layout, a document where the blog index goes
    (ABlog sites keep a placeholder ``blog`` page in their navigation) shows the blog
    index, as ABlog writes it over that page."""
    if doctree is None or not builds_archives(app.builder):
        return
    blog = next((blog.name for blog in site_blogs(app.config)
                 if pagename == str(blog.config(app.config).postlog_blog_path)), None)
    if blog is None:  # not ABlog's blog index page
        return
    writer = ArchiveWriter(app, blog)  # made for that one page only
    if pagename != writer.shown_in_document:
        return
    first = next(writer.blog_index_pages(writer.registry.newest_first()), None)
    if first is not None:
        context.update(first.make()[1])
