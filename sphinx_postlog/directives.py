"""The ``postlist`` directive: a filtered list of posts, resolved when all posts are
known, so it works on any page and follows every change to the posts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .authors import AuthorBook
from .diagnostics import contained
from .doctree_render import SHOWABLE, post_list
from .nodes import postlist
from .normalise import split_terms
from .registry import Listing, PostFilter
from .writing import write_context

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

DEFAULT_SHOW = ("date",)


def _words(argument: str | None) -> list[str]:
    return [word.strip() for word in split_terms(argument or "") if word.strip()]


def _terms_option(argument: str | None) -> list[str]:
    terms = _words(argument)
    if not terms:
        raise ValueError("give at least one value")
    return list(terms)


def _authors_option(argument: str | None) -> list[str]:
    names = [name.strip() for name in (argument or "").split(",") if name.strip()]
    if not names:
        raise ValueError("give at least one author (separate several with commas)")
    return names


def _years_option(argument: str | None) -> list[int]:
    years = [int(word) for word in _words(argument)]
    if not years:
        raise ValueError("give at least one year")
    return years


def _show_option(argument: str | None) -> list[str]:
    words = [word.lower() for word in _words(argument)]
    if words == ["none"]:
        return []
    unknown = sorted(set(words) - set(SHOWABLE))
    if unknown:
        raise ValueError(f"unknown {', '.join(unknown)}; choose from {', '.join(SHOWABLE)}")
    return words


class PostListDirective(SphinxDirective):
    """List posts newest first, optionally filtered by tag, category, author and year.

    ABlog's form is understood too: ``{postlist} 5`` (the limit as argument), its
    ``:excerpts:`` flag, and its presentation options, which are ignored.
    """

    has_content = False
    optional_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        # ABlog's
        "excerpts": directives.flag,
        "date": directives.unchanged, "format": directives.unchanged,
        "list-style": directives.unchanged, "sort": directives.flag,
        "expand": directives.unchanged, "location": directives.unchanged,
        "language": directives.unchanged,
        "tags": _terms_option,
        "tag": _terms_option,
        "category": _terms_option,
        "categories": _terms_option,
        "author": _authors_option,
        "authors": _authors_option,
        "year": _years_option,
        "limit": directives.positive_int,
        "show": _show_option,
    }

    def run(self) -> list[nodes.Node]:
        options = self.options
        node = postlist()
        node["tags"] = options.get("tags", []) + options.get("tag", [])
        node["categories"] = options.get("category", []) + options.get("categories", [])
        book = AuthorBook(self.config.postlog_authors)
        node["authors"] = [book.key(author)  # by key or by name, as in front matter
                           for author in options.get("author", []) + options.get("authors", [])]
        node["years"] = options.get("year", [])
        node["limit"] = options.get("limit", 0)
        if self.arguments:  # ABlog: {postlist} 5
            node["limit"] = directives.positive_int(self.arguments[0])
        node["show"] = options.get("show", list(DEFAULT_SHOW))
        if "excerpts" in options:  # ABlog
            node["show"] = [*node["show"], "excerpt"]
        self.set_source_info(node)
        return [node]


def listing_of(node: postlist) -> Listing:
    """The posts a ``postlist`` node asks for."""
    return Listing(
        PostFilter(
            tags=frozenset(node["tags"]),
            categories=frozenset(node["categories"]),
            authors=frozenset(node["authors"]),
            years=frozenset(node["years"]),
        ),
        limit=node["limit"],
    )


def resolve_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each post list by the posts it selects (a list that
    cannot be made is dropped, with a warning)."""
    for node in list(doctree.findall(postlist)):
        made = False
        with contained("making a post list", (docname, node.line)):
            context = write_context(app.builder, app.env)
            views = [context.presenter.view(post, docname, context.links)
                     for post in context.registry.select(listing_of(node))]
            node.replace_self(post_list(views, node["show"],
                                        html=app.builder.format == "html"))
            made = True
        if not made and node.parent is not None:
            node.parent.remove(node)
