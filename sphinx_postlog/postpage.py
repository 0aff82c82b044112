"""What a post's own page shows around its text: a header line under the title (date,
updated date, reading time, authors, tags, categories) and a footer (previous and next
post, related posts).

Both are added to the doctree, so every builder and theme shows them; HTML templates
also get them as ``postlog_post`` to place them elsewhere (see the docs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .doctree_render import badge, link, post_details
from .i18n import _
from .registry import get_registry
from .writing import WriteContext, write_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts import Post
    from .views import PostView


def _header(view: PostView, show: list[str]) -> nodes.paragraph:
    meta = nodes.paragraph(classes=["postlog-post-meta"])
    if view.status_label:
        meta += badge(view)
        meta += nodes.Text(" ")
    meta.extend(post_details(view, show))
    return meta


def _footer(context: WriteContext, post: Post, docname: str, app: Sphinx) -> nodes.Element:
    footer = nodes.container(classes=["postlog-post-footer"])
    config = app.config
    if config.postlog_post_navigation:
        older, newer = context.registry.neighbours(post)
        navigation = nodes.paragraph(classes=["postlog-post-navigation"])
        for other, label, css in ((newer, _("Newer:"), "postlog-newer"),
                                  (older, _("Older:"), "postlog-older")):
            if other is not None:
                if len(navigation):
                    navigation += nodes.Text(" · ")
                part = nodes.inline("", "", classes=[css])
                part += nodes.inline(label, label, classes=["postlog-label"])
                part += nodes.Text(" ")
                part += link(other.title, context.links.to_doc(docname, other.docname))
                navigation += part
        if len(navigation):
            footer += navigation
    related = context.registry.related(post, max(config.postlog_related_posts, 0))
    if related:
        heading = _("Related posts")
        footer += nodes.rubric(heading, heading, classes=["postlog-related-heading"])
        items = nodes.bullet_list(classes=["postlog-related"])
        for other in related:
            item = nodes.list_item()
            item += nodes.paragraph("", "", link(other.title, context.links.to_doc(
                docname, other.docname)))
            items += item
        footer += items
    return footer


def add_post_furniture(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the header after a post's first heading, the footer at the
    end of the page."""
    post = get_registry(app.env).posts.get(docname)
    if post is None:
        return
    context = write_context(app.builder, app.env)
    if app.config.postlog_post_meta:
        view = context.presenter.view(post, docname, context.links)
        header = _header(view, list(app.config.postlog_post_details))
        heading = next(doctree.findall(nodes.title), None)
        if heading is not None and isinstance(heading.parent, nodes.section):
            heading.parent.insert(heading.parent.index(heading) + 1, header)
        else:
            doctree.insert(0, header)
    footer = _footer(context, post, docname, app)
    if len(footer):
        section = next(doctree.findall(nodes.section), None)
        (section if section is not None else doctree).append(footer)


def post_page_context(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``: ``postlog_post`` for templates: the post's view, its older
    and newer neighbours and related posts (views), or nothing on other pages."""
    post = get_registry(app.env).posts.get(pagename)
    if post is None:
        return
    write = write_context(app.builder, app.env)
    older, newer = write.registry.neighbours(post)

    def view(other: Post | None) -> PostView | None:
        return None if other is None else write.presenter.view(other, pagename, write.links)

    context["postlog_post"] = {
        "post": view(post),
        "older": view(older),
        "newer": view(newer),
        "related": [view(other) for other in write.registry.related(
            post, max(app.config.postlog_related_posts, 0))],
    }
