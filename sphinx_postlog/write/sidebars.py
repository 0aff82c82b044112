"""The blog for sidebar templates: recent posts and the tags, categories, authors and
years with their pages, as seen from the page being written.

It is in every HTML page's template context as ``postlog_site``; nothing is computed
unless a template asks. A sidebar shows the ``postlog_sidebar_terms`` most used terms of
its kind (the newest years), in the order of their index page, and links to that index
for the rest: 26 tags would take a screen of sidebar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_postlog.collect.registry import group_by
from sphinx_postlog.i18n import with_blog_title
from sphinx_postlog.render.context import WriteContext, page_context
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.write.archives import FACET_PAGES_OF, ordered_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.render.views import PostView


class SiteView:
    """The blog from one page."""

    def __init__(self, context: WriteContext, pagename: str, sidebar_terms: int = 0) -> None:
        self._context = context
        self._pagename = pagename
        self._sidebar_terms = sidebar_terms

    @property
    def blog_url(self) -> str | None:
        """Link to the blog index."""
        return self._context.links.to_page(self._pagename, self._context.layout.blog_index)

    @property
    def labels(self) -> dict[str, str]:
        """Translated labels (from sphinx-postlog's own catalog, which Sphinx's ``_``
        in templates does not read)."""
        return self._context.labels

    def of_blog(self, heading: str) -> str:
        """``heading`` naming the page's blog on a site of several blogs ("Recent posts
        · News"), as it is alone otherwise: a page of no blog shows the first blog's."""
        return with_blog_title(heading, self._context.config)

    @staticmethod
    def heading(kind: str) -> str:
        """The translated heading of the tags, categories … (``kind``) sidebar."""
        return FACET_PAGES_OF[kind].index_heading()

    def recent(self, count: int = 5) -> list[PostView]:
        """The newest ``count`` posts."""
        context = self._context
        return [context.presenter.view(post, self._pagename, context.links)
                for post in context.registry.newest_first()[:count]]

    def terms(self, kind: str, limit: int | None = None) -> list[dict[str, Any]]:
        """The tags, categories, authors or years (``kind``) a sidebar shows, with their
        post count and link, ordered as their index page orders them: the ``limit``
        (``postlog_sidebar_terms`` if None; 0: every one) most used, ties by name, or
        the newest years."""
        context = self._context
        slugs = context.registry.slugs(kind)
        return [{"name": name, "count": count,
                 "url": context.links.to_term(self._pagename, kind, term),
                 "current": context.layout.is_page_of(
                     self._pagename, context.layout.term_page(kind, slugs[term]))}
                for term, name, count in self._shown_terms(kind, self._limit(limit))]

    def _limit(self, limit: object) -> int:
        """How many terms to show: ``limit`` if a template gave a number, else the
        setting's."""
        if isinstance(limit, int) and not isinstance(limit, bool):
            return max(limit, 0)
        return self._sidebar_terms

    def _shown_terms(self, kind: str, limit: int) -> list[tuple[str, str, int]]:
        """(term, name, count) of the terms shown, the same on every page of a build."""
        memo = self._context.memo
        key = f"sidebar-terms:{kind}:{limit}"
        if key not in memo:
            context = self._context
            pages = FACET_PAGES_OF[kind]
            groups = group_by(context.registry.newest_first(), pages.facet.terms_of)
            ordered = ordered_terms(pages, groups, context.presenter)
            if limit and not pages.newest_first:
                rank = {term: index for index, term in enumerate(ordered)}  # by name
                kept = set(sorted(ordered, key=lambda term: (-len(groups[term]),
                                                             rank[term]))[:limit])
                ordered = [term for term in ordered if term in kept]
            elif limit:
                ordered = ordered[:limit]
            memo[key] = [(term, context.presenter.term_name(kind, term), len(groups[term]))
                         for term in ordered]
        shown: list[tuple[str, str, int]] = memo[key]
        return shown

    def index_url(self, kind: str) -> str | None:
        """Link to the page of every tag, category … (``kind``)."""
        layout = self._context.layout
        return (self._context.links.to_page(self._pagename, layout.index(kind))
                if kind in layout.kinds else None)

    @staticmethod
    def all_terms(kind: str) -> str:
        """The translated text of that link ("All tags")."""
        return FACET_PAGES_OF[kind].all_terms()

    @staticmethod
    def is_current(post: PostView) -> bool:
        """Whether ``post`` is the page being written (its link from itself is empty)."""
        return post.url == ""


def site_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """``html-page-context``: ``postlog_site`` for sidebar templates."""
    if builds_archives(app.builder):
        context["postlog_site"] = SiteView(page_context(app.builder, app.env, pagename, context),
                                           pagename,
                                           app.config.postlog_sidebar_terms)
