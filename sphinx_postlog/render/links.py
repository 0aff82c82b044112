"""Relative links to posts and archive pages.

Links go through the builder, so ``html`` (``a/b.html``) and ``dirhtml`` (``a/b/``) both
come out right, and builders without archive pages get plain text instead of dead links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.errors import NoUri
from sphinx.util.osutil import relative_uri

from sphinx_postlog.facets import FACETS
from sphinx_postlog.render.layout import ArchiveLayout, builds_archives

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from sphinx_postlog.collect.registry import Registry


class Links:
    """Relative URLs from one page to posts and archive pages for the current builder."""

    def __init__(self, builder: Builder, layout: ArchiveLayout, registry: Registry) -> None:
        self.builder = builder
        self.layout = layout
        self.archives = builds_archives(builder)
        self.slugs = {facet.kind: registry.slugs(facet.kind) for facet in FACETS}
        self._cache: dict[tuple[str, str], str] = {}
        self._uris: dict[str, str] = {}

    def to_doc(self, from_page: str, docname: str) -> str | None:
        """Link to a document, or None where the builder has no URI for it."""
        try:
            return self.builder.get_relative_uri(from_page, docname)
        except NoUri:
            return None

    def _to_page_from_folder(self, from_page: str, pagename: str) -> str | None:
        """Link to an archive page, remembered per folder of the linking page (a link to
        the page itself aside): archive pages link to the same few term pages many
        times over. Links to posts are not remembered: each is made a few times only,
        and there are as many as posts times folders."""
        try:
            from_uri = self._uri(from_page)
            if self._uri(pagename) == from_uri:
                return self.builder.get_relative_uri(from_page, pagename)
            key = (from_uri.rpartition("/")[0], pagename)
            url = self._cache.get(key)
            if url is None:
                url = self._cache[key] = self.builder.get_relative_uri(from_page, pagename)
            return url
        except NoUri:
            return None

    def _uri(self, name: str) -> str:
        uri = self._uris.get(name)
        if uri is None:
            uri = self._uris[name] = self.builder.get_target_uri(name)
        return uri

    def to_file(self, from_page: str, path: str) -> str | None:
        """Link to a file of the output folder (an image), or None if this builder writes
        no archive pages."""
        if not self.archives:
            return None
        return relative_uri(self._uri(from_page), path)

    def to_page(self, from_page: str, pagename: str) -> str | None:
        """Link to a generated archive page, or None if this builder writes none."""
        return self._to_page_from_folder(from_page, pagename) if self.archives else None

    def to_term(self, from_page: str, kind: str, term: str) -> str | None:
        """Link to the page of a tag, category, author or year; None if it has none (a
        tag only drafts have, or a builder without archive pages)."""
        slug = self.slugs[kind].get(term)
        return self.to_page(from_page, self.layout.term_page(kind, slug)) if slug else None
