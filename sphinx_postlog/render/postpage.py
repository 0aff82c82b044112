"""What a post's own page shows around its text: a header line under the title (date,
updated date, reading time, authors, tags, categories), the box of its series (see
``series``) and a footer (previous and next post, related posts, a link to the blog
index).

One ``PostFurniture`` per page decides what they show. By default both are added to the
doctree, so every builder and theme shows them; HTML templates get the same object as
``postlog_post``, to place them elsewhere (``postlog_post_furniture = 'template'``).

On HTML pages the doctree gets a placeholder, filled with the template's HTML when the
page is written (``html-page-context``): in a parallel build that work is done by the
processes writing pages, and doctrees do not carry it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from markupsafe import Markup

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.i18n import _, blog_title
from sphinx_postlog.render.context import WriteContext, context_is_written_out, write_context
from sphinx_postlog.render.doctree_render import badge, link, post_details
from sphinx_postlog.render.series import SeriesBox
from sphinx_postlog.render.views import LinkView
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.views import PostView


#: Kept out of Sphinx's search index: it is not the page's own text.
NO_SEARCH = "no-search"
#: Marks the HTML of the header and footer, which feeds leave out of a post's text.
FURNITURE_START, FURNITURE_END = "<!--postlog:furniture-->", "<!--/postlog:furniture-->"


def _header_nodes(view: PostView, show: list[str]) -> nodes.Element:
    meta = nodes.paragraph(classes=["postlog-post-meta", NO_SEARCH])
    if view.badged:
        meta += badge(view)
        meta += nodes.Text(" ")
    meta.extend(post_details(view, show))
    return meta


def _footer_nodes(newer: LinkView | None, older: LinkView | None,
                  related: list[LinkView], blog: LinkView | None = None) -> nodes.Element:
    footer = nodes.container(classes=["postlog-post-footer", NO_SEARCH])
    if blog is not None:
        footer += nodes.paragraph("", "", link(blog.title, blog.url),
                                  classes=["postlog-post-blog"])
    navigation = nodes.paragraph(classes=["postlog-post-navigation"])
    for other, label, css in ((newer, "← " + _("Newer"), "postlog-newer"),
                              (older, _("Older") + " →", "postlog-older")):
        if other is not None:
            if len(navigation):
                navigation += nodes.Text(" · ")
            part = nodes.inline("", "", classes=[css])
            part += nodes.inline(label, label, classes=["postlog-label"])
            part += nodes.Text(" ")
            part += link(other.title, other.url)
            navigation += part
    if len(navigation):
        footer += navigation
    if related:
        heading = _("Related posts")
        footer += nodes.rubric(heading, heading, classes=["postlog-related-heading"])
        items = nodes.bullet_list(classes=["postlog-related"])
        for other in related:
            item = nodes.list_item()
            item += nodes.paragraph("", "", link(other.title, other.url))
            items += item
        footer += items
    return footer


#: Where the header's and the footer's HTML go on an HTML page, until it is written.
HEADER_PLACE, FOOTER_PLACE = "<!--postlog:header-->", "<!--postlog:footer-->"
SERIES_PLACE = "<!--postlog:series-->"


def _placeholder(place: str, classes: str) -> nodes.raw:
    """A raw node the page's HTML fills when the page is written (much cheaper than
    docutils nodes to write)."""
    return nodes.raw("", f"{FURNITURE_START}{place}{FURNITURE_END}", format="html",
                     classes=[f"{classes}-block", NO_SEARCH])


class PostFurniture:
    """What a post's page shows around its text, as the settings choose: the post's
    view and details line (``postlog_post_meta``, ``postlog_post_details``), its newer
    and older neighbours (``postlog_post_navigation``) and its related posts
    (``postlog_related_posts``). Each part is made only if asked for.

    The page's text gets it from ``add_post_furniture``; templates get it as
    ``postlog_post``, so a theme layout shows exactly what the page would."""

    def __init__(self, write: WriteContext, post: Post, pagename: str,
                 config: Config, navigation: bool = True, header: bool = True) -> None:
        """``navigation``: False where something else links the newer and older posts
        (a site's own ABlog ``postnavy.html``); ``header``: False where a sidebar shows
        the post's details (ABlog's ``postcard.html``), so the text does not repeat
        them."""
        self._write, self._post, self._pagename = write, post, pagename
        self._header_in_text = header
        self.show: list[str] = list(config.postlog_post_details) if config.postlog_post_meta \
            else []
        self._navigation = navigation and bool(config.postlog_post_navigation)
        self._blog_title = blog_title(config)
        self._related_limit = max(config.postlog_related_posts, 0)
        #: The box of the post's series (``series.html`` in templates).
        self.series = SeriesBox(write, post, pagename)
        self._cover = bool(config.postlog_post_cover)

    def _view(self, post: Post | None) -> PostView | None:
        write = self._write
        return None if post is None else write.presenter.view(post, self._pagename,
                                                              write.links)

    @cached_property
    def post(self) -> PostView:
        return cast("PostView", self._view(self._post))

    @cached_property
    def _neighbours(self) -> tuple[Post | None, Post | None]:
        return (self._write.registry.neighbours(self._post) if self._navigation
                else (None, None))

    @cached_property
    def newer(self) -> PostView | None:
        return self._view(self._neighbours[1])

    @cached_property
    def older(self) -> PostView | None:
        return self._view(self._neighbours[0])

    @cached_property
    def related(self) -> list[PostView]:
        return [cast("PostView", self._view(other)) for other in self._related_posts]

    @cached_property
    def _related_posts(self) -> list[Post]:
        return self._write.registry.footer_related(self._post, self._related_limit,
                                                   self._navigation)

    def _link(self, post: Post | None) -> LinkView | None:
        write = self._write
        return None if post is None else write.presenter.link(post, self._pagename,
                                                              write.links)

    @cached_property
    def blog(self) -> LinkView | None:
        """The link back to the blog index (with ``postlog_post_navigation``, for
        builders that write it)."""
        write = self._write
        url = write.links.to_page(self._pagename, write.layout.blog_index)
        return LinkView(self._blog_title, url) if self._navigation and url else None

    @cached_property
    def _footer_links(self) -> tuple[LinkView | None, LinkView | None, list[LinkView],
                                     LinkView | None]:
        """The newer, older and related posts as the footer shows them, as links,
        and the blog index."""
        older, newer = self._neighbours
        return (self._link(newer), self._link(older),
                [cast("LinkView", self._link(other)) for other in self._related_posts],
                self.blog)

    @property
    def has_footer(self) -> bool:
        return bool(self._neighbours[0] or self._neighbours[1] or self._related_posts
                    or self.blog)

    @property
    def cover(self) -> str | None:
        """The post's cover image, as a link from its page (``postlog_post_cover``)."""
        return self.post.image_url if self._cover else None

    @property
    def has_header(self) -> bool:
        return bool(self.show or self.cover)

    @cached_property
    def header_html(self) -> Markup:
        """The line of details under the title and the cover image (empty when both
        are switched off)."""
        if not self.has_header:
            return Markup("")
        return Markup(self._write.renderer.render(
            "postlog/post-header.html", post=self.post, show=self.show, cover=self.cover))

    @cached_property
    def card_html(self) -> Markup:
        """The post's details as a sidebar (ABlog's post card): every detail the post
        has, whatever the details line shows."""
        return Markup(self._write.renderer.render("postlog/post-card.html", post=self.post))

    @cached_property
    def footer_html(self) -> Markup:
        """The blog index, the newer and older posts and the related posts (empty
        when there are none)."""
        newer, older, related, blog = self._footer_links
        return Markup(self._write.renderer.render(
            "postlog/post-footer.html", newer=newer, older=older, related=related,
            blog=blog))

    def header_node(self, as_html: bool) -> nodes.Element:
        return (_placeholder(HEADER_PLACE, "postlog-post-meta") if as_html
                else _header_nodes(self.post, self.show))

    def footer_node(self, as_html: bool) -> nodes.Element:
        return (_placeholder(FOOTER_PLACE, "postlog-post-footer") if as_html
                else _footer_nodes(*self._footer_links))

    def series_node(self, as_html: bool) -> nodes.Element:
        return (_placeholder(SERIES_PLACE, "postlog-series") if as_html
                else self.series.nodes())

    def fill(self, body: str) -> str:
        """``body`` with the header's, the series box's and the footer's HTML in their
        places."""
        if HEADER_PLACE in body:
            body = body.replace(HEADER_PLACE,
                                self.header_html if self._header_in_text else Markup(""), 1)
        if SERIES_PLACE in body:
            body = body.replace(SERIES_PLACE, self.series.html, 1)
        if FOOTER_PLACE in body:
            body = body.replace(FOOTER_PLACE, self.footer_html, 1)
        return body

    def __getitem__(self, name: str) -> Any:
        """``postlog_post["post"]`` works as ``postlog_post.post`` does."""
        if name not in {"post", "newer", "older", "related", "blog", "cover",
                        "header_html", "footer_html", "card_html", "series"}:
            raise KeyError(name)
        return getattr(self, name)


def add_post_furniture(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the header after a post's first heading, then the series
    box, the footer at the end of the page; HTML builders get them from templates,
    others as doctree nodes. With ``postlog_post_furniture = 'template'``, HTML pages
    leave them to the theme."""
    as_html = app.builder.format == "html"
    post = get_registry(app.env).posts.get(docname)
    if post is None or (as_html and settings_of(app).post_furniture == "template"):
        return
    context = write_context(app.builder, app.env, post.blog)
    furniture = PostFurniture(context, post, docname, context.config)
    top = ([furniture.header_node(as_html)]
           if furniture.show or (as_html and furniture.has_header) else [])
    if furniture.series.view is not None:
        top.append(furniture.series_node(as_html))
    heading = next(doctree.findall(nodes.title), None)
    if heading is not None and isinstance(heading.parent, nodes.section):
        heading.parent[heading.parent.index(heading) + 1:
                       heading.parent.index(heading) + 1] = top
    else:
        doctree[0:0] = top
    if furniture.has_footer:
        section = next(doctree.findall(nodes.section), None)
        (section if section is not None else doctree).append(furniture.footer_node(as_html))


#: ABlog's post card sidebar, which shows a post's details (``postcard.html`` is read so).
POST_CARD = "ablog/postcard.html"


def shows_post_card(context: dict[str, Any]) -> bool:
    """True if the page's sidebars show ABlog's post card."""
    sidebars = context.get("sidebars")
    return isinstance(sidebars, (list, tuple)) and POST_CARD in sidebars


def post_page_context(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``: ``postlog_post`` for templates on post pages, and the
    header and footer in the page's text (before other extensions read it)."""
    post = get_registry(app.env).posts.get(pagename)
    if post is not None:
        if post.canonical_link:  # themes write <link rel="canonical"> from pageurl
            context["pageurl"] = post.canonical_link
        write = write_context(app.builder, app.env, post.blog)
        furniture = PostFurniture(
            write, post, pagename, write.config,
            navigation=context.get("postlog_post_navigation") is not False,
            header=context_is_written_out(app.builder) or not shows_post_card(context))
        if not context_is_written_out(app.builder):
            context["postlog_post"] = furniture
        if isinstance(context.get("body"), str):
            context["body"] = furniture.fill(context["body"])
