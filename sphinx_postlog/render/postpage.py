"""What a post's own page shows around its text: a header line under the title (date,
updated date, reading time, authors, tags, categories) and a footer (previous and next
post, related posts).

Both are added to the doctree, so every builder and theme shows them; HTML templates
also get them as ``postlog_post`` to place them elsewhere (see the docs).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.i18n import _, template_labels
from sphinx_postlog.render.context import WriteContext, write_context
from sphinx_postlog.render.doctree_render import badge, link, post_details

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.views import PostView


#: Kept out of Sphinx's search index: it is not the page's own text.
NO_SEARCH = "no-search"
#: Marks the HTML of the header and footer, which feeds leave out of a post's text.
FURNITURE_START, FURNITURE_END = "<!--postlog:furniture-->", "<!--/postlog:furniture-->"


def _header_nodes(view: PostView, show: list[str]) -> nodes.Element:
    meta = nodes.paragraph(classes=["postlog-post-meta", NO_SEARCH])
    if view.status_label:
        meta += badge(view)
        meta += nodes.Text(" ")
    meta.extend(post_details(view, show))
    return meta


def _footer_nodes(newer: dict[str, Any] | None, older: dict[str, Any] | None,
                  related: list[dict[str, Any]]) -> nodes.Element:
    footer = nodes.container(classes=["postlog-post-footer", NO_SEARCH])
    navigation = nodes.paragraph(classes=["postlog-post-navigation"])
    for other, label, css in ((newer, _("Newer:"), "postlog-newer"),
                              (older, _("Older:"), "postlog-older")):
        if other is not None:
            if len(navigation):
                navigation += nodes.Text(" · ")
            part = nodes.inline("", "", classes=[css])
            part += nodes.inline(label, label, classes=["postlog-label"])
            part += nodes.Text(" ")
            part += link(other["title"], other["url"])
            navigation += part
    if len(navigation):
        footer += navigation
    if related:
        heading = _("Related posts")
        footer += nodes.rubric(heading, heading, classes=["postlog-related-heading"])
        items = nodes.bullet_list(classes=["postlog-related"])
        for other in related:
            item = nodes.list_item()
            item += nodes.paragraph("", "", link(other["title"], other["url"]))
            items += item
        footer += items
    return footer


def _html(context: WriteContext, template: str, classes: str, **variables: Any) -> nodes.raw:
    """A template's HTML as a raw node (much cheaper than docutils nodes to write)."""
    html = context.renderer.render(template, labels=template_labels(), **variables)
    return nodes.raw("", f"{FURNITURE_START}{html}{FURNITURE_END}", format="html",
                     classes=[f"{classes}-block", NO_SEARCH])


def add_post_furniture(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the header after a post's first heading, the footer at the
    end of the page. HTML builders get them from templates, others as doctree nodes."""
    post = get_registry(app.env).posts.get(docname)
    if post is None:
        return
    context = write_context(app.builder, app.env)
    config = app.config
    as_html = app.builder.format == "html"
    if config.postlog_post_meta:
        view = context.presenter.view(post, docname, context.links)
        show = list(config.postlog_post_details)
        header = (_html(context, "postlog/post-header.html", "postlog-post-meta",
                        post=view, show=show) if as_html else _header_nodes(view, show))
        heading = next(doctree.findall(nodes.title), None)
        if heading is not None and isinstance(heading.parent, nodes.section):
            heading.parent.insert(heading.parent.index(heading) + 1, header)
        else:
            doctree.insert(0, header)

    def linked(other: Post | None) -> dict[str, Any] | None:
        if other is None:
            return None
        return {"title": other.title, "url": context.links.to_doc(docname, other.docname)}

    older, newer = (context.registry.neighbours(post) if config.postlog_post_navigation
                    else (None, None))
    related = [linked(other) for other in context.registry.related(
        post, max(config.postlog_related_posts, 0))]
    if not (older or newer or related):
        return
    footer = (_html(context, "postlog/post-footer.html", "postlog-post-footer",
                    newer=linked(newer), older=linked(older), related=related) if as_html
              else _footer_nodes(linked(newer), linked(older), related))  # type: ignore[arg-type]
    section = next(doctree.findall(nodes.section), None)
    (section if section is not None else doctree).append(footer)


class PostPageContext:
    """``postlog_post`` in templates: the post's view, its newer and older neighbours and
    its related posts (views), each made only if a template asks for it."""

    def __init__(self, write: WriteContext, post: Post, pagename: str,
                 related_limit: int, show: list[str]) -> None:
        self._write, self._post, self._pagename = write, post, pagename
        self._related_limit, self._show = related_limit, show

    def _view(self, post: Post | None) -> PostView | None:
        write = self._write
        return None if post is None else write.presenter.view(post, self._pagename,
                                                              write.links)

    @cached_property
    def post(self) -> PostView | None:
        return self._view(self._post)

    @cached_property
    def newer(self) -> PostView | None:
        return self._view(self._write.registry.neighbours(self._post)[1])

    @cached_property
    def older(self) -> PostView | None:
        return self._view(self._write.registry.neighbours(self._post)[0])

    @cached_property
    def related(self) -> list[PostView | None]:
        return [self._view(other) for other in self._write.registry.related(
            self._post, self._related_limit)]

    @cached_property
    def header_html(self) -> Markup:
        """The line of details under the title, as the post page shows it."""
        return Markup(self._write.renderer.render(
            "postlog/post-header.html", post=self.post, show=self._show,
            labels=template_labels()))

    @cached_property
    def footer_html(self) -> Markup:
        """The newer and older posts and the related posts, as the post page shows
        them (empty when there are none)."""
        return Markup(self._write.renderer.render(
            "postlog/post-footer.html", newer=self.newer, older=self.older,
            related=self.related, labels=template_labels()))

    def __getitem__(self, name: str) -> Any:
        """``postlog_post["post"]`` works as ``postlog_post.post`` does."""
        if name not in {"post", "newer", "older", "related", "header_html", "footer_html"}:
            raise KeyError(name)
        return getattr(self, name)


def post_page_context(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``: ``postlog_post`` for templates on post pages."""
    post = get_registry(app.env).posts.get(pagename)
    if post is not None:
        if post.canonical_link:  # themes write <link rel="canonical"> from pageurl
            context["pageurl"] = post.canonical_link
        context["postlog_post"] = PostPageContext(
            write_context(app.builder, app.env), post, pagename,
            max(app.config.postlog_related_posts, 0), list(app.config.postlog_post_details))
