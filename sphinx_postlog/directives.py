"""The ``postlist`` directive: a filtered list of posts, resolved when all posts are
known, so it works on any page and follows every change to the posts."""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.nodes import raw
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_postlog.blogs import several_blogs, site_blogs
from sphinx_postlog.collect.collector import listing_of
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, contained, warn
from sphinx_postlog.i18n import _, blog_title
from sphinx_postlog.nodes import postlist
from sphinx_postlog.normalise import split_ablog_terms, split_terms
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.render.context import WriteContext, write_context
from sphinx_postlog.render.doctree_render import FORMAT_FIELDS, SHOWABLE, post_list
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.render.views import ListStyle, PostView
from sphinx_postlog.write.archives import CARD_SHOW
from sphinx_postlog.write.feeds import feed_url, first_format, site_feed_paths

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_postlog.read.posts import Post


#: What a list shows of each post unless ``:show:`` says otherwise: its date; on cards,
#: what archive cards show (cover image, categories, date, reading time, authors,
#: excerpt, tags).
DEFAULT_SHOW, DEFAULT_CARD_SHOW = ("date",), CARD_SHOW
#: How a list shows its posts, and the links it can end with.
LIST_LAYOUTS = ("list", "cards")
LIST_LINKS = ("blog", "tags", "categories", "feed")


def _years_option(argument: str | None) -> list[int]:
    return [int(word) for word in split_terms(argument or "") if word.strip()]


def _words_option(argument: str | None, allowed: tuple[str, ...]) -> list[str]:
    """Words among ``allowed`` (comma- or space-separated); ``none`` for none."""
    words = [word.strip().lower() for word in split_terms(argument or "") if word.strip()]
    if words == ["none"]:
        return []
    unknown = sorted(set(words) - set(allowed))
    if unknown:
        raise ValueError(f"unknown {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return words


def _show_option(argument: str | None) -> list[str]:
    return _words_option(argument, SHOWABLE)


def _text_option(argument: str | None) -> str:
    return (argument or "").strip()


def _style_option(argument: str | None) -> str:
    return directives.choice((argument or "").strip().lower(), LIST_LAYOUTS)


def _links_option(argument: str | None) -> list[str]:
    return _words_option(argument, LIST_LINKS)


#: Filter options (and their aliases) → the node attribute they fill.
FILTERS = {"tags": "tags", "tag": "tags", "category": "categories",
           "categories": "categories", "author": "authors", "authors": "authors",
           "location": "locations", "language": "languages"}
#: Filters whose values are keys of a setting (by key or by name, as in front matter).
_NAMED = {"authors": "postlog_authors", "locations": "postlog_locations",
          "languages": "postlog_languages"}
#: How ABlog lists posts unless told otherwise.
ABLOG_FORMAT, ABLOG_LIST_DATE = "{date} - {title}", "%d %B"


class PostListDirective(SphinxDirective):
    """List posts newest first, optionally filtered by tag, category, author, year,
    location and language, or featured posts only (``:featured:``).

    ABlog's form is understood too: ``{postlist} 5`` (the limit as argument), and its
    options ``:excerpts:``, ``:format:`` (fields ``title``, ``date``, ``author``,
    ``location``, ``language``, ``category``, ``tags``), ``:date:``, ``:list-style:``,
    ``:sort:`` (oldest first) and ``:expand:`` (a "read more" link).

    ``:style: cards`` shows posts as cards, with all archive cards show unless ``:show:``
    chooses (``:hide:`` leaves parts out of the default); ``:links:`` chooses the links
    after the list (to the blog index, the tag and category indexes, the feed).
    """

    has_content = False
    optional_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        **dict.fromkeys(FILTERS, _text_option),
        "year": _years_option,
        "limit": directives.positive_int,
        "show": _show_option,
        "hide": _show_option,
        "style": _style_option,
        "links": _links_option,
        "featured": directives.flag,
        "blog": _text_option,
        # ABlog's
        "excerpts": directives.flag, "sort": directives.flag,
        "date": _text_option, "format": _text_option, "list-style": _text_option,
        "expand": _text_option,
    }

    def run(self) -> list[nodes.Node]:
        options, config = self.options, self.config
        ablog = bool(config.postlog_ablog_compat)
        node = postlist()
        for attribute in set(FILTERS.values()):
            node[attribute] = []
        for option, attribute in FILTERS.items():
            text = options.get(option, "")
            values = (split_ablog_terms(text) if attribute in _NAMED or ablog
                      else split_terms(text)) if text else []
            book = AuthorBook(config[_NAMED[attribute]]) if attribute in _NAMED else None
            kept = [value.strip() for value in values if value.strip()]
            node[attribute] += [book.key(value) if book else value for value in kept]
        node["years"] = options.get("year", [])
        node["featured"] = "featured" in options
        node["blogs"] = self._checked_blogs(options.get("blog", ""))
        node["limit"] = options.get("limit", 0)
        if self.arguments:  # ABlog: {postlist} 5
            node["limit"] = directives.positive_int(self.arguments[0])
        node["match_all"] = ablog  # ABlog: a post must have every value asked for
        node["oldest_first"] = "sort" in options
        layout = options.get("style", "list")
        shown = options.get("show", list(DEFAULT_CARD_SHOW if layout == "cards"
                                         else DEFAULT_SHOW))
        if "excerpts" in options:  # ABlog
            shown = [*shown, "excerpt"]
        hidden = set(options.get("hide", ()))
        node["show"] = [part for part in dict.fromkeys(shown) if part not in hidden]
        entry_format = options.get("format") or (
            ABLOG_FORMAT if ablog and "show" not in options else None)
        node["format"] = self._checked_format(entry_format)
        node["date_format"] = (options.get("date") or config.postlog_list_date_format
                               or ABLOG_LIST_DATE)
        node["list_style"] = options.get("list-style") or ("none" if ablog else "")
        node["expand"] = options.get("expand", "")
        node["layout"] = layout
        node["links"] = options.get("links", list_links_setting(config))
        self.set_source_info(node)
        return [node]

    def _checked_blogs(self, text: str) -> list[str]:
        """The blogs named by ``:blog:`` that the site has (a warning for others)."""
        names = [name for name in split_terms(text) if name.strip()]
        known = {blog.name for blog in site_blogs(self.config)}
        unknown = [name for name in names if name not in known]
        if unknown:
            warn(f"postlist :blog: {', '.join(map(repr, unknown))}: no such blog in "
                 f"postlog_blogs (known: {', '.join(map(repr, sorted(known)))}); ignored",
                 PostlogWarning.FIELD, location=(self.env.docname, self.lineno))
        return [name for name in names if name in known]

    def _checked_format(self, entry_format: str | None) -> str | None:
        """``entry_format`` if every field in it is known; else a warning and None."""
        if not entry_format:
            return None
        try:
            fields = {name for _, name, _, _ in Formatter().parse(entry_format) if name}
        except ValueError as error:
            fields, problem = set(), str(error)
        else:
            unknown = sorted(fields - set(FORMAT_FIELDS))
            problem = (f"unknown field {', '.join(unknown)}; use "
                       f"{', '.join(FORMAT_FIELDS)}") if unknown else ""
        if problem:
            warn(f"postlist :format: {entry_format!r}: {problem}; the usual form is used",
                 PostlogWarning.FIELD, location=(self.env.docname, self.lineno))
            return None
        return entry_format


def resolve_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each post list by the posts it selects (a list that
    cannot be made is dropped, with a warning). HTML builders get the list from the
    templates archive pages use; other builders get docutils nodes."""
    for node in list(doctree.findall(postlist)):
        made = False
        with contained("making a post list", (docname, node.line)):
            blogs = node.get("blogs") or []
            context = write_context(app.builder, app.env, blogs[0] if len(blogs) == 1 else "")
            posts = get_registry(app.env).select(listing_of(node))
            views = [_view(app, post, docname) for post in posts]
            dates = ([context.presenter.date_text(post.date, node.get("date_format"))
                      for post in posts] if node.get("format") else [])
            style = ListStyle(
                show=node["show"], entry_format=node.get("format"), dates=dates,
                list_style=node.get("list_style", ""), expand=node.get("expand", ""),
                layout=node.get("layout", "list"))
            if len(blogs) != 1 and several_blogs(app.config):
                node["links"] = []  # posts of several blogs: no one blog to link to
            node.replace_self(_html_list(app, context, docname, node, views, style)
                              if app.builder.format == "html" else post_list(views, style))
            made = True
        if not made and node.parent is not None:
            node.parent.remove(node)


def _view(app: Sphinx, post: Post, docname: str) -> PostView:
    """A post as a list shows it, its terms linking to its own blog's pages."""
    context = write_context(app.builder, app.env, post.blog)
    return context.presenter.view(post, docname, context.links)


def list_links_setting(config: Config) -> list[str]:
    """The links after each list unless it says otherwise (``postlog_postlist_links``;
    none on ABlog sites, whose lists never had them)."""
    chosen = config.postlog_postlist_links
    if chosen is None:
        return [] if config.postlog_ablog_compat else ["blog", "tags", "feed"]
    return list(chosen)


def list_links(app: Sphinx, context: WriteContext, docname: str,
               chosen: list[str]) -> list[dict[str, str]]:
    """The links a list ends with (text, url, MIME type for the feed), where those pages
    are written."""
    if not builds_archives(app.builder):
        return []
    layout, links = context.layout, context.links
    found: list[dict[str, str]] = []
    for name in chosen:
        if name == "feed":
            if feed_url(context.config):
                feed = first_format(site_feed_paths(context.config))
                found.append({"text": _("Feed"), "type": feed["type"],
                              "url": links.to_file(docname, feed["path"]) or ""})
            continue
        # on a site of several blogs, the blog's own name says which posts it has
        every = blog_title(context.config) if several_blogs(app.config) else _("All posts")
        page, text = {"blog": (layout.blog_index, every),
                      "tags": (layout.index("tag"), _("Tags")),
                      "categories": (layout.index("category"), _("Categories"))}[name]
        url = links.to_page(docname, page)
        if url is not None:
            found.append({"text": text, "type": "", "url": url})
    return found


def _html_list(app: Sphinx, context: WriteContext, docname: str, node: postlist,
               views: list[PostView], style: ListStyle) -> nodes.raw:
    """The list as ``postlog/postlist.html`` writes it."""
    html = context.renderer.render(
        "postlog/postlist.html", posts=views, show=style.show, style=style,
        links=list_links(app, context, docname, node.get("links", [])))
    return raw("", html, format="html")
