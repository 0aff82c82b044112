"""The box a post of a series shows: the series' name (linked to its page), "Part n of
m", every part with the post's own marked, and the previous and next parts.

It goes at the top of the post, under the line of details: a reader who lands on part 3
from a search learns at once that parts 1 and 2 come first, before reading on (as Hugo
themes and Docusaurus place theirs). The page's footer keeps the date neighbours.

Only published posts are parts (see ``Registry.series``): a draft's page has no box,
and the published parts leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from docutils import nodes
from markupsafe import Markup

from sphinx_postlog.facets import SERIES
from sphinx_postlog.i18n import _
from sphinx_postlog.render.doctree_render import link

if TYPE_CHECKING:
    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.context import WriteContext


@dataclass(frozen=True)
class SeriesPart:
    """One part of a series as a post's box lists it."""

    number: int
    title: str
    url: str | None
    #: True for the post whose page this is.
    current: bool


@dataclass(frozen=True)
class SeriesView:
    """A post's series as its box shows it; every text is translated already."""

    name: str
    #: The series' page.
    url: str | None
    number: int
    count: int
    parts: tuple[SeriesPart, ...]
    previous: SeriesPart | None
    next: SeriesPart | None

    @property
    def position_text(self) -> str:
        """"Part 2 of 4"."""
        return _("Part %(number)d of %(count)d") % {"number": self.number,
                                                    "count": self.count}


class SeriesBox:
    """The series box of one post's page (nothing for a post in no series)."""

    def __init__(self, write: WriteContext, post: Post, pagename: str) -> None:
        self._write, self._post, self._pagename = write, post, pagename

    @cached_property
    def view(self) -> SeriesView | None:
        """The series as seen from this page; None if the post is in none."""
        write, page = self._write, self._pagename
        posts = write.registry.series_of(self._post)
        if not posts:
            return None
        parts = tuple(SeriesPart(number, part.title, write.links.to_doc(page, part.docname),
                                 part.docname == self._post.docname)
                      for number, part in enumerate(posts, start=1))
        index = next(index for index, part in enumerate(parts) if part.current)
        return SeriesView(
            name=self._post.series, url=write.links.to_term(page, SERIES, self._post.series),
            number=index + 1, count=len(parts), parts=parts,
            previous=parts[index - 1] if index else None,
            next=parts[index + 1] if index + 1 < len(parts) else None)

    @cached_property
    def html(self) -> Markup:
        """The box's HTML, from ``postlog/series.html`` (empty in no series)."""
        if self.view is None:
            return Markup("")
        return Markup(self._write.renderer.render("postlog/series.html", series=self.view))

    def nodes(self) -> nodes.Element:
        """The box as docutils nodes, for builders that do not write HTML."""
        view = self.view
        box = nodes.container(classes=["postlog-series"])
        if view is None:
            return box
        title = nodes.paragraph(classes=["postlog-series-title"])
        label = _("Series:")
        title += nodes.inline(label, label, classes=["postlog-label"])
        title += nodes.Text(" ")
        title += link(view.name, view.url)
        title += nodes.Text(f" ({view.position_text})")
        box += title
        items = nodes.enumerated_list(classes=["postlog-series-parts"])
        for part in view.parts:
            item = nodes.list_item(classes=["postlog-series-current"] if part.current else [])
            item += nodes.paragraph("", "", nodes.strong(part.title, part.title)
                                    if part.current else link(part.title, part.url))
            items += item
        box += items
        navigation = nodes.paragraph(classes=["postlog-series-navigation"])
        steps = ((view.previous, _("Previous part:")), (view.next, _("Next part:")))
        for step, text in steps:
            if step is not None:
                if len(navigation):
                    navigation += nodes.Text(" · ")
                navigation += nodes.inline(text, text, classes=["postlog-label"])
                navigation += nodes.Text(" ")
                navigation += link(step.title, step.url)
        if len(navigation):
            box += navigation
        return box
