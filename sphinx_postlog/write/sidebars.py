"""The blog for sidebar templates: recent posts and the tags, categories, authors and
years with their pages, as seen from the page being written.

It is in every HTML page's template context as ``postlog_site``; nothing is computed
unless a template asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_postlog.collect.registry import group_by
from sphinx_postlog.render.context import WriteContext, write_context
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.write.archives import FACET_PAGES_OF, ordered_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.render.views import PostView


class SiteView:
    """The blog from one page."""

    def __init__(self, context: WriteContext, pagename: str) -> None:
        self._context = context
        self._pagename = pagename

    @property
    def blog_url(self) -> str | None:
        """Link to the blog index."""
        return self._context.links.to_page(self._pagename, self._context.layout.blog_index)

    @property
    def labels(self) -> dict[str, str]:
        """Translated labels (from sphinx-postlog's own catalog, which Sphinx's ``_``
        in templates does not read)."""
        return self._context.labels

    @staticmethod
    def heading(kind: str) -> str:
        """The translated heading of the tags, categories … (``kind``) sidebar."""
        return FACET_PAGES_OF[kind].index_heading()

    def recent(self, count: int = 5) -> list[PostView]:
        """The newest ``count`` posts."""
        context = self._context
        return [context.presenter.view(post, self._pagename, context.links)
                for post in context.registry.newest_first()[:count]]

    def terms(self, kind: str) -> list[dict[str, Any]]:
        """Every tag, category, author or year (``kind``) with its post count and link,
        ordered as its index page orders them."""
        context = self._context
        pages = FACET_PAGES_OF[kind]
        groups = group_by(context.registry.newest_first(), pages.facet.terms_of)
        slugs = context.registry.slugs(kind)
        return [{"name": context.presenter.term_name(kind, term), "count": len(groups[term]),
                 "url": context.links.to_term(self._pagename, kind, term),
                 "current": context.layout.is_page_of(
                     self._pagename, context.layout.term_page(kind, slugs[term]))}
                for term in ordered_terms(pages, groups, context.presenter)]

    @staticmethod
    def is_current(post: PostView) -> bool:
        """Whether ``post`` is the page being written (its link from itself is empty)."""
        return post.url == ""


def site_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """``html-page-context``: ``postlog_site`` for sidebar templates."""
    if builds_archives(app.builder):
        context["postlog_site"] = SiteView(write_context(app.builder, app.env), pagename)
