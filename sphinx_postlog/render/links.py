"""Relative links to posts and archive pages.

Links go through the builder, so ``html`` (``a/b.html``) and ``dirhtml`` (``a/b/``) both
come out right, and builders without archive pages get plain text instead of dead links.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from markupsafe import escape
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
        #: The slugs of the terms that have pages (none for a facet without).
        self.slugs = {facet.kind: registry.slugs(facet.kind) if facet.kind in layout.kinds
                      else {} for facet in FACETS}
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

    def to_path(self, from_page: str, path: str) -> str | None:
        """Link to a path of the output folder that a builder's own link led to (a
        resolved cross-reference of an excerpt)."""
        return relative_uri(self._uri(from_page), path)

    def to_page(self, from_page: str, pagename: str) -> str | None:
        """Link to a generated archive page, or None if this builder writes none."""
        return self._to_page_from_folder(from_page, pagename) if self.archives else None

    def to_term(self, from_page: str, kind: str, term: str) -> str | None:
        """Link to the page of a tag, category, author or year; None if it has none (a
        tag only drafts have, or a builder without archive pages)."""
        slug = self.slugs[kind].get(term)
        return self.to_page(from_page, self.layout.term_page(kind, slug)) if slug else None


#: A slot of ``LinkSlots``; NUL cannot occur in a document's text.
_SLOT = re.compile("\x00link:([0-9]+)\x00")


class LinkSlots(Links):
    """Links from whichever archive page, written as slots that ``fill`` turns into
    links from one page. A post's view, and its HTML in lists, are then the same on
    every archive page that lists the post: made once per post, not once per page.

    Where ``Links`` gives None (no URI for a document, a term without a page), so does
    this: templates test links before writing them. A link to the page itself is a
    link too (a post's tag on that tag's page), as the view is the same everywhere."""

    def __init__(self, builder: Builder, layout: ArchiveLayout, registry: Registry) -> None:
        super().__init__(builder, layout, registry)
        self._slots: dict[tuple[str, str], str] = {}
        self._targets: list[tuple[str, str]] = []

    def _slot(self, how: str, target: str) -> str:
        slot = self._slots.get((how, target))
        if slot is None:
            slot = self._slots[how, target] = f"\x00link:{len(self._targets)}\x00"
            self._targets.append((how, target))
        return slot

    def to_doc(self, from_page: str, docname: str) -> str | None:
        try:
            self._uri(docname)
        except NoUri:
            return None
        return self._slot("doc", docname)

    def to_file(self, from_page: str, path: str) -> str | None:
        return self._slot("file", path) if self.archives else None

    def to_path(self, from_page: str, path: str) -> str | None:
        return self._slot("path", path)

    def to_page(self, from_page: str, pagename: str) -> str | None:
        return self._slot("page", pagename) if self.archives else None

    def fill(self, html: str, from_page: str) -> str:
        """``html`` with each slot replaced by its link from ``from_page``, escaped as
        templates escape values (each link once per page)."""
        if "\x00" not in html:
            return html
        resolve = {"doc": super().to_doc, "file": super().to_file, "page": super().to_page,
                   "path": super().to_path}
        filled: dict[str, str] = {}

        def link(match: re.Match[str]) -> str:
            url = filled.get(match[0])
            if url is None:
                how, target = self._targets[int(match[1])]
                url = resolve[how](from_page, target)
                if url == "":  # the page itself: its own name, so it reads as a link
                    url = posixpath.basename(self._uri(from_page)) or "./"
                url = filled[match[0]] = str(escape(url or ""))
            return url

        return _SLOT.sub(link, html)
