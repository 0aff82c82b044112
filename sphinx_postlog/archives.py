"""Archive pages generated at write time: the blog index, one page per tag and per
category, and an index of each with post counts."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .diagnostics import PostlogWarning, logger, warn
from .i18n import _
from .links import ArchiveLayout, builds_archives
from .outputs import nothing_changed, pages_to_write, rendering_fingerprint
from .registry import get_registry, group_by
from .templating import Renderer
from .writing import write_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts import Post

Page = tuple[str, dict[str, Any], str]
ARCHIVE_SHOW = ("date", "authors", "tags", "categories", "excerpt")


@dataclass(frozen=True)
class Taxonomy:
    """A way of grouping posts (tags, categories) and where its pages go."""

    index_heading: str
    page_heading: str  # with one %s for the term
    terms_of: Callable[[Post], Iterable[str]]
    slugs: dict[str, str]
    page_of: Callable[[str], str]  # slug -> page name
    index_page: str


def labels() -> dict[str, str]:
    """Translated labels the templates use."""
    return {"by": _("By:"), "tags": _("Tags:"), "categories": _("Categories:"),
            "no_posts": _("No posts yet."), "newer": _("Newer posts"),
            "older": _("Older posts"), "pages": _("Pages")}


class ArchiveWriter:
    """Builds the (pagename, context, template) triples of every archive page."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        context = write_context(app.builder, app.env)
        self.registry = context.registry
        self.layout = context.layout
        self.links = context.links
        self.presenter = context.presenter
        self.renderer = Renderer(app)
        self.documents = set(app.env.found_docs)

    def taxonomies(self) -> list[Taxonomy]:
        layout = self.layout
        return [
            Taxonomy(_("Tags"), _("Posts tagged “%s”"), lambda post: post.tags,
                     self.registry.tag_slugs(), layout.tag_page, layout.tags_index),
            Taxonomy(_("Categories"), _("Posts in category “%s”"),
                     lambda post: post.categories, self.registry.category_slugs(),
                     layout.category_page, layout.categories_index),
        ]

    def pages(self) -> Iterator[Page]:
        posts = self.registry.newest_first()
        taxonomies = self.taxonomies()
        yield from self._blog_index(posts, taxonomies)
        for taxonomy in taxonomies:
            groups = group_by(posts, taxonomy.terms_of)
            for term in sorted(groups, key=lambda name: (name.casefold(), name)):
                page = taxonomy.page_of(taxonomy.slugs[term])
                yield from self._archive(page, taxonomy.page_heading % term, groups[term],
                                         nav=[(taxonomy.index_heading, taxonomy.index_page)])
            yield from self._term_index(taxonomy, groups)

    def _nav(self, page: str, items: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [{"text": text, "url": self.links.to_page(page, target)}
                for text, target in items]

    def _page(self, page: str, heading: str, template: str, title: str | None = None,
              **context: Any) -> Iterator[Page]:
        if page in self.documents:
            warn(f"the document {page!r} has the name of a generated archive page; "
                 "the archive page is not written", PostlogWarning.ARCHIVE)
            return
        body = self.renderer.render(template, heading=heading, labels=labels(),
                                    section_id=page.replace("/", "-"), **context)
        yield page, {"title": html.escape(title or heading), "body": body}, "page.html"

    def _archive(self, first_page: str, heading: str, posts: list[Post],
                 nav: list[tuple[str, str]], group_by_year: bool = False) -> Iterator[Page]:
        """One list of posts, over as many numbered pages as it takes."""
        layout = self.layout
        count = layout.page_count(len(posts))
        size = layout.page_size or max(len(posts), 1)
        for number in range(1, count + 1):
            page = layout.numbered(first_page, number)
            views = [self.presenter.view(post, page, self.links)
                     for post in posts[(number - 1) * size: number * size]]
            sections: list[dict[str, Any]] = []
            for view in views:
                year = view.year if group_by_year else None
                if not sections or sections[-1]["year"] != year:
                    sections.append({"year": year, "posts": []})
                sections[-1]["posts"].append(view)
            pagination = self._pagination(page, first_page, number, count)
            title = f"{heading} ({pagination['label']})" if pagination else heading
            yield from self._page(page, heading, "postlog/archive.html", title=title,
                                  sections=sections, show=ARCHIVE_SHOW,
                                  nav=self._nav(page, nav), pagination=pagination)

    def _pagination(self, page: str, first_page: str, number: int,
                    count: int) -> dict[str, Any] | None:
        """Links between the numbered pages of one list (None when there is one page)."""
        if count == 1:
            return None

        def url(n: int) -> str | None:
            return self.links.to_page(page, self.layout.numbered(first_page, n))

        return {
            "number": number,
            "count": count,
            "label": _("page %(number)d of %(count)d") % {"number": number, "count": count},
            "newer": url(number - 1) if number > 1 else None,
            "older": url(number + 1) if number < count else None,
            "pages": [{"number": n, "url": None if n == number else url(n)}
                      for n in range(1, count + 1)],
        }

    def _blog_index(self, posts: list[Post], taxonomies: list[Taxonomy]) -> Iterator[Page]:
        page = self.layout.blog_index
        if page in self.documents:
            logger.info("postlog: %s is a document of the site; no blog index generated", page)
            return
        nav = [(taxonomy.index_heading, taxonomy.index_page) for taxonomy in taxonomies]
        yield from self._archive(page, self.app.config.postlog_blog_title, posts, nav,
                                 group_by_year=True)

    def _term_index(self, taxonomy: Taxonomy, groups: dict[str, list[Post]]) -> Iterator[Page]:
        page = taxonomy.index_page
        terms = [
            {"name": term, "count": len(groups[term]),
             "url": self.links.to_page(page, taxonomy.page_of(taxonomy.slugs[term]))}
            for term in sorted(groups, key=lambda name: (name.casefold(), name))
        ]
        nav = [(self.app.config.postlog_blog_title, self.layout.blog_index)]
        yield from self._page(page, taxonomy.index_heading, "postlog/terms.html",
                              terms=terms, nav=self._nav(page, nav))


def collect_archive_pages(app: Sphinx) -> Iterator[Page]:
    """``html-collect-pages``: the archive pages whose content changed, for builders that
    write archive pages."""
    if not builds_archives(app.builder):
        return iter(())
    registry = get_registry(app.env)
    layout = ArchiveLayout.from_config(app.config)
    inputs = hashlib.sha256(repr((
        registry.digest(), rendering_fingerprint(app), layout,
        sorted(app.env.found_docs))).encode("utf-8")).hexdigest()
    if nothing_changed(app, inputs):
        return iter(())
    return pages_to_write(app, ArchiveWriter(app).pages(), inputs,
                          layout.page_names(registry))
