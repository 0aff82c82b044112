"""Links into the blog from any page: ``{postlog:tag}`python```, ``{postlog:category}``,
``{postlog:author}``, ``{postlog:year}``, and Markdown links to archive pages and the
feed (``[Blog](blog/index.html)``).

Archive pages are not documents, so Sphinx and MyST cannot resolve links to them on their
own; this domain does, for any builder that writes them, and falls back to plain text for
the others.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.osutil import relative_uri

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.facets import AUTHOR, CATEGORY, FACET, TAG, YEAR
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.render.context import every_blog, page_context
from sphinx_postlog.render.layout import ArchiveLayout, builds_archives, site_page_names
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

def _page_candidates(fromdocname: str, target: str) -> list[str]:
    """The pages a path-like link target may name (``blog/``, ``blog/index.html``…),
    relative to the linking document unless it starts with ``/``."""
    path = target.partition("#")[0]
    base = "" if path.startswith("/") else posixpath.dirname(fromdocname)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    joined = joined.removesuffix(".html")
    return [joined, f"{joined}/index"]


def _reference(url: str, contnode: nodes.Element, title: str) -> nodes.reference:
    reference = nodes.reference("", "", internal=True, refuri=url, reftitle=title)
    reference += contnode
    return reference


class PostlogDomain(Domain):
    """Roles and link resolution for the generated blog pages."""

    name = "postlog"
    label = "Blog"
    roles: ClassVar[dict[str, Any]] = {
        TAG: XRefRole(warn_dangling=True),
        CATEGORY: XRefRole(warn_dangling=True),
        AUTHOR: XRefRole(warn_dangling=True),
        YEAR: XRefRole(warn_dangling=True),
    }
    # Read by warn_missing_reference below (as Sphinx's domains declare them).
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(kind, kind) for kind in (TAG, CATEGORY, AUTHOR, YEAR)}
    initial_data: ClassVar[dict[str, Any]] = {}
    dangling_warnings: ClassVar[dict[str, str]] = {
        TAG: "no post has the tag %(target)r",
        CATEGORY: "no post is in the category %(target)r",
        AUTHOR: "no post is by the author %(target)r",
        YEAR: "no post is from the year %(target)r",
    }

    def clear_doc(self, docname: str) -> None:
        """Nothing to purge: everything is derived from the post registry."""

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing to merge: everything is derived from the post registry."""

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Every tag, category, author and year page, for ``objects.inv``: another
        project links to them with intersphinx (``{external+blog:postlog:tag}`python```).
        The archive page is the object's "document"; authors are named by their key."""
        registry, config = get_registry(self.env), self.env.config
        seen: set[tuple[str, str]] = set()
        for blog in site_blogs(config):  # a term of several blogs: its first blog's page
            layout = ArchiveLayout.from_config(blog.config(config))
            for kind in (TAG, CATEGORY, AUTHOR, YEAR):
                if kind not in layout.kinds:
                    continue
                for term, slug in sorted(registry.of_blog(blog.name).slugs(kind).items()):
                    if (kind, term) not in seen:
                        seen.add((kind, term))
                        yield term, term, kind, layout.term_page(kind, slug), "", 1

    # Builders without archive pages get the bare link text, which is an Element rather
    # than the reference the base class announces; Sphinx accepts any node here.
    def resolve_xref(  # type: ignore[override]
            self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
            target: str, node: pending_xref, contnode: nodes.Element) -> nodes.Element | None:
        if typ == AUTHOR:  # by key or by name, as in front matter
            target = AuthorBook(dict(settings_of(env).authors)).key(target)
        if typ not in FACET or target not in get_registry(env).slugs(typ):
            return None
        if not builds_archives(builder):
            return contnode
        # the page's own blog's page of the term, else the first blog's that has one
        own = page_context(builder, env, fromdocname)
        url = own.links.to_term(fromdocname, typ, target) or next(
            (found for context in every_blog(builder, env)
             if (found := context.links.to_term(fromdocname, typ, target))), None)
        return _reference(url or "", contnode, target)

    def resolve_any_xref(  # type: ignore[override]
            self, env: BuildEnvironment, fromdocname: str, builder: Builder, target: str,
            node: pending_xref, contnode: nodes.Element) -> list[tuple[str, nodes.Element]]:
        """Resolve links such as ``blog/index.html`` or ``blog/atom.xml``; builders
        without archive pages get the link text alone."""
        candidates = _page_candidates(fromdocname, target)
        configs = [blog.config(env.config) for blog in site_blogs(env.config)]
        feeds = {str(config.postlog_feed_path) for config in configs
                 if config.postlog_feed_path}
        if candidates[0] in feeds:
            if not builds_archives(builder):
                return [("postlog:feed", contnode)]
            url = relative_uri(builder.get_target_uri(fromdocname), candidates[0])
            return [("postlog:feed", _reference(url, contnode, "Atom feed"))]
        pages = site_page_names(env.config, get_registry(env))
        for page in candidates:
            if page in pages and page not in env.all_docs:
                if not builds_archives(builder):
                    return [("postlog:page", contnode)]
                url = builder.get_relative_uri(fromdocname, page)
                return [("postlog:page", _reference(url, contnode, page))]
        return []


def warn_missing_reference(app: object, domain: Domain, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: our roles' dangling references are ``postlog``
    warnings (suppressible as ``postlog.reference``), not Sphinx's ``ref.*`` ones."""
    if domain is None or domain.name != PostlogDomain.name:
        return None
    kind = node["reftype"]
    message = PostlogDomain.dangling_warnings.get(kind, "unknown target %(target)r")
    warn(message % {"target": node["reftarget"]}, PostlogWarning.REFERENCE, location=node)
    return True
