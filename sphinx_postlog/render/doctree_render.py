"""Docutils nodes for posts and terms, so post lists and post headers work with every
builder (HTML, LaTeX, text) and take the theme's styling."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape as html_escape

from docutils import nodes

from sphinx_postlog.i18n import _, reading_time
from sphinx_postlog.render.views import (
    AuthorView,
    ListStyle,
    PostView,
    TermView,
    detail_fields,
    format_terms,
)

#: What a post list or a post's header can show besides the title.
SHOWABLE = ("date", "updated", "authors", "location", "tags", "categories", "reading_time",
            "excerpt", "image")


def link(text: str, url: str | None, classes: Sequence[str] = ()) -> nodes.Node:
    """A reference to ``url``, or plain text where there is no page to link to."""
    if url is None:
        return nodes.inline(text, text, classes=list(classes))
    return nodes.reference(text, text, internal=True, refuri=url, classes=list(classes))


def _joined(label: str, items: Sequence[nodes.Node], classes: list[str]) -> nodes.inline:
    container = nodes.inline("", "", classes=classes)
    container += nodes.inline(label, label, classes=["postlog-label"])
    container += nodes.Text(" ")
    for index, item in enumerate(items):
        if index:
            container += nodes.Text(", ")
        container += item
    return container


def terms_inline(label: str, terms: Sequence[TermView], css_class: str) -> nodes.inline:
    """``Tags: a, b`` with each term linked to its archive page."""
    return _joined(label, [link(t.name, t.url, ["postlog-term"]) for t in terms], [css_class])


def authors_inline(authors: Sequence[AuthorView]) -> nodes.inline:
    """``By: Jane Doe, …`` with authors linked to their pages when known."""
    items = [link(a.name, a.url, ["postlog-author"]) for a in authors]
    return _joined(_("By"), items, ["postlog-authors"])


def badge(view: PostView) -> nodes.inline:
    """"Draft" or "Scheduled", for posts shown before they are published, and
    "Featured" for featured posts."""
    badges = nodes.inline("", "", classes=["postlog-badges"])
    for label, css in ((view.status_label, view.status), (view.featured_label, "featured")):
        if label:
            if len(badges):
                badges += nodes.Text(" ")
            badges += nodes.inline(label, label, classes=["postlog-badge", f"postlog-{css}"])
    return badges


def date_inline(view: PostView, with_updated: bool) -> nodes.inline:
    """The post's date, linked to its year's archive page, and its updated date."""
    date = nodes.inline("", "", classes=["postlog-date"])
    date += link(view.date_text, view.date_url)
    if with_updated and view.updated_text and view.updated_text != view.date_text:
        updated = " " + _("(updated %s)") % view.updated_text
        date += nodes.inline(updated, updated, classes=["postlog-updated"])
    return date


def _detail_node(field: str, view: PostView, show: Collection[str]) -> nodes.Node:
    """One detail of a post (a field named by ``detail_fields``) as a node."""
    if field == "date":
        return date_inline(view, with_updated="updated" in show)
    if field == "reading_time":
        minutes = reading_time(view.reading_minutes)
        return nodes.inline(minutes, minutes, classes=["postlog-reading-time"])
    if field == "authors":
        return authors_inline(view.authors)
    if field == "location":
        return nodes.inline(view.location, view.location, classes=["postlog-location"])
    if field == "tags":
        return terms_inline(_("Tags"), view.tags, "postlog-tags")
    return terms_inline(_("Categories"), view.categories, "postlog-categories")


def post_details(view: PostView, show: Collection[str]) -> list[nodes.Node]:
    """The chosen details of a post, in the shared order, separated by ``·``."""
    separated: list[nodes.Node] = []
    for index, field in enumerate(detail_fields(view, show)):
        if index:
            separated.append(nodes.Text(" · "))
        separated.append(_detail_node(field, view, show))
    return separated


def cover_node(view: PostView) -> nodes.raw:
    """The post's cover image, for HTML builders (decorative: the title follows)."""
    url = html_escape(view.image_url or "")
    return nodes.raw("", f'<img class="postlog-cover" src="{url}" alt="" loading="lazy" />',
                     format="html")


def excerpt_node(view: PostView, html: bool) -> nodes.Element:
    """The excerpt: its HTML (links and emphasis kept) for HTML builders, else text."""
    if html:
        excerpt = nodes.container(classes=["postlog-excerpt"])
        excerpt += nodes.raw("", str(view.excerpt_html), format="html")
        return excerpt
    return nodes.paragraph(view.excerpt, view.excerpt, classes=["postlog-excerpt"])


#: Fields of ABlog's ``{postlist}`` ``:format:``.
FORMAT_FIELDS = ("title", "date", "author", "location", "language", "category", "tags")


def _field_nodes(field: str, view: PostView, date: str) -> list[nodes.Node]:
    """One ``:format:`` field of a post, linked where it has a page."""
    if field == "title":
        return [link(view.title, view.url, ["postlog-post-title"])]
    if field == "date":
        return [nodes.inline(date, date, classes=["postlog-date"])]
    items: list[nodes.Node] = []
    for index, term in enumerate(format_terms(view, field)):
        if index:
            items.append(nodes.Text(", "))
        items.append(link(term.name, term.url, [f"postlog-{field}"]))
    return items


def formatted_entry(pieces: list[dict[str, str]], view: PostView,
                    date: str) -> nodes.paragraph:
    """A post as one line of ABlog's ``:format:`` (``{date} - {title}``), from the
    format's pieces (``ListStyle.format``)."""
    line = nodes.paragraph(classes=["postlog-post-header"])
    for piece in pieces:
        if piece["text"]:
            line += nodes.Text(piece["text"])
        if piece["field"]:
            line.extend(_field_nodes(piece["field"], view, date))
    return line


def _header(view: PostView, show: Collection[str]) -> nodes.paragraph:
    header = nodes.paragraph(classes=["postlog-post-header"])
    header += link(view.title, view.url, ["postlog-post-title"])
    if view.badged:
        header += nodes.Text(" ")
        header += badge(view)
    details = post_details(view, show)
    if details:
        header += nodes.Text(" — ")
        header.extend(details)
    return header


def post_list(views: Sequence[PostView], style: ListStyle,
              html: bool = False) -> nodes.Element:
    """A bullet list of posts, or a short paragraph when there are none; ``html`` when
    the builder writes HTML (excerpts then keep their markup)."""
    if not views:
        text = _("No posts yet.")
        return nodes.paragraph(text, text, classes=["postlog-empty"])
    classes = ["postlog-postlist"]
    if style.list_style:
        classes.append(f"postlist-style-{style.list_style}")
    bullets = nodes.bullet_list(classes=classes)
    for index, view in enumerate(views):
        item = nodes.list_item(classes=["postlog-post"])
        if "image" in style.show and view.image_url and html:
            item += cover_node(view)
        if style.format:
            item += formatted_entry(style.format, view, style.dates[index])
        else:
            item += _header(view, style.show)
        if "excerpt" in style.show and view.excerpt:
            item += excerpt_node(view, html)
            if style.expand:
                more = nodes.paragraph(classes=["postlog-read-more"])
                more += link(style.expand, view.url)
                item += more
        bullets += item
    return bullets
