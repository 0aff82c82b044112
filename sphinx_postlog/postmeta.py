"""The line under a post's title: its date, authors, tags and categories, linked to
their archive pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .doctree_render import badge, post_details
from .registry import get_registry
from .writing import write_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

POST_META_SHOWS = ("date", "authors", "tags", "categories")


def add_post_meta(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: put the post's details right after its first heading."""
    if not app.config.postlog_post_meta:
        return
    post = get_registry(app.env).posts.get(docname)
    if post is None:
        return
    context = write_context(app.builder, app.env)
    view = context.presenter.view(post, docname, context.links)
    meta = nodes.paragraph(classes=["postlog-post-meta"])
    if view.status_label:
        meta += badge(view)
        meta += nodes.Text(" ")
    meta.extend(post_details(view, POST_META_SHOWS))
    heading = next(doctree.findall(nodes.title), None)
    if heading is not None and isinstance(heading.parent, nodes.section):
        heading.parent.insert(heading.parent.index(heading) + 1, meta)
    else:
        doctree.insert(0, meta)
