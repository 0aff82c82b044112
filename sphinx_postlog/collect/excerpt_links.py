"""Cross-references in excerpts, resolved as Sphinx resolves them once every page is
read.

An excerpt is shown away from its post (lists, archive pages, feeds), so its
``pending_xref`` nodes never meet Sphinx's resolver there. Reading keeps each as plain
data (``read.excerpts.ExcerptSource``); here (``env-updated``) each is made a node
again and given to the post-transforms that resolve references (Sphinx's own, MyST's,
intersphinx's), from the post, as on the post's own page: ``{doc}`` gets the page's
title, ``{ref}`` the section's, a target that does not exist stays text. Sphinx warns
about those when it writes the post's page, so they are resolved quietly here, unless
the excerpt is not on that page (ABlog's ``:exclude:``).

Links come out as markers (``read.excerpts``) that each page showing the excerpt makes
relative to itself, so an excerpt is resolved once per build, not once per page. It is
resolved on every build: a page's title or a label can change without the post being
read again; a post whose excerpt then reads otherwise is a changed post for every page
that shows it.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransformer
from sphinx.transforms.post_transforms import ReferencesResolver
from sphinx.util.docutils import new_document
from sphinx.util.logging import NAMESPACE, suppress_logging

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.read.excerpts import HtmlWriter, path_marker

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.read.posts import Post

#: A URL's scheme (``https:``, ``mailto:``).
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
#: A stand-in for the site's root, to resolve relative URLs against.
_ROOT = "http://postlog.invalid/"


def resolve_excerpt_links(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: give each post whose excerpt has cross-references its excerpt
    with them resolved (unchanged posts are left as they are).

    Resolving them all again is needed only when pages came or went, or the builder
    or intersphinx's inventories changed; when pages were only read again, only the
    excerpts of those pages, those leading to them and those with a reference not
    resolved (it may resolve now) are. (A page read again that adds a second target
    of a name already resolved elsewhere, which Sphinx warns about, is not followed.)"""
    registry = get_registry(env)
    if not _links_pages(app.builder):
        return
    key, newest = _inputs_key(app, env), max(env.all_docs.values(), default=0)
    posts = sorted((post for post in registry.posts.values()
                    if post.excerpt_source is not None), key=lambda post: post.docname)
    if key == registry.excerpt_links_key:
        read = {docname for docname, when in env.all_docs.items()
                if when > registry.excerpt_links_time}
        if not read:
            return
        uris = {_target_uri(app.builder, docname) for docname in read}
        posts = [post for post in posts if _affected(
            post, read, uris, registry.excerpt_targets.get(post.docname))]
    if posts:
        for post, (text, markup, targets) in zip(
                posts, resolved_excerpts(app, env, posts), strict=True):
            registry.excerpt_targets[post.docname] = targets
            if (text, markup) != (post.excerpt, post.excerpt_html):
                registry.add(replace(post, excerpt=text, excerpt_html=markup))
    registry.excerpt_links_key, registry.excerpt_links_time = key, newest


def _affected(post: Post, read: set[str], uris: set[str],
              targets: tuple[frozenset[str], bool] | None) -> bool:
    """True if the excerpt of ``post`` may read otherwise now that ``read`` were read
    again (``uris``: theirs)."""
    if targets is None or post.docname in read:
        return True
    paths, unresolved = targets
    return unresolved or not paths.isdisjoint(uris)


def _inputs_key(app: Sphinx, env: BuildEnvironment) -> str:
    """A digest of what resolving references depends on besides the pages' content:
    which pages there are, the builder and its URIs, intersphinx's inventories."""
    builder = app.builder
    cache = getattr(env, "intersphinx_cache", None) or {}
    inventories = sorted((str(uri), repr(entry[:2]) if isinstance(entry, tuple) else "")
                         for uri, entry in cache.items())
    key = repr((builder.name, _target_uri(builder, "postlog/a"), sorted(env.all_docs),
                inventories))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _links_pages(builder: Builder) -> bool:
    """False for a builder that writes no pages to link (``changes``): Sphinx resolves
    no reference for it, and it has no URIs."""
    try:
        builder.get_target_uri(builder.config.root_doc)
    except NotImplementedError:
        return False
    except NoUri:
        pass
    return True


def _target_uri(builder: Builder, docname: str) -> str:
    """The builder's URI of a document; "" if it has none (LaTeX's of most pages)."""
    try:
        return builder.get_target_uri(docname)
    except NoUri:
        return ""


def resolved_excerpts(app: Sphinx, env: BuildEnvironment, posts: list[Post]
                      ) -> list[tuple[str, str, tuple[frozenset[str], bool]]]:
    """Each post's excerpt as text and HTML with its cross-references resolved, and
    what they depend on (the paths they lead to; whether one is not resolved). All of
    them are resolved in two documents (one for excerpts shown on their post's page,
    resolved quietly, one for the others), each reference in a paragraph of its own."""
    documents = {quiet: new_document("<postlog excerpts>") for quiet in (True, False)}
    places: list[tuple[Post, list[addnodes.pending_xref]]] = []
    for post in posts:
        source = post.excerpt_source
        assert source is not None
        path = str(env.doc2path(post.docname))
        xrefs = [xref.node(post.docname, path) for xref in source.xrefs]
        documents[source.on_page].extend(nodes.paragraph("", "", xref) for xref in xrefs)
        places.append((post, xrefs))
    not_found: set[int] = set()
    for quiet, document in documents.items():
        if document.children:
            not_found |= _resolve(app, env, document, quiet)
    builder = app.builder
    relocatable = _relocatable(builder)
    results = []
    for post, xrefs in places:
        source = post.excerpt_source
        assert source is not None
        paths: set[str] = set()
        relocate = (_relocator(_target_uri(builder, post.docname), paths) if relocatable
                    else _one_page_link)
        texts, htmls, unresolved = [], [], not relocatable
        for read, node in zip(source.xrefs, xrefs, strict=True):
            paragraph = node.parent  # the node replaced by what resolves it
            if paragraph is None or (id(node) in not_found and _same_page_only(paragraph)):
                texts.append(read.text)
                htmls.append(read.content_html)
                unresolved = True
                continue
            unresolved = unresolved or not any(paragraph.findall(nodes.reference))
            writer = HtmlWriter(post.docname, relocate=relocate, content=read.content_html)
            texts.append(paragraph.astext())
            htmls.append(writer.children(paragraph))
        results.append((*source.filled(texts, htmls), (frozenset(paths), unresolved)))
    return results


@contextmanager
def _reading(env: BuildEnvironment, docname: str) -> Iterator[None]:
    """Sphinx's "current document" set to ``docname`` (resolvers fall back on it where a
    node does not name its document; each of ours does), as Sphinx sets it for
    post-transforms: ``current_document`` from Sphinx 8.2 on, ``temp_data`` before."""
    current = getattr(env, "current_document", None)
    if current is not None:
        before = current.docname
        current.docname = docname
        try:
            yield
        finally:
            current.docname = before
        return
    before = env.temp_data.get("docname")
    env.temp_data["docname"] = docname
    try:
        yield
    finally:
        if before is None:
            env.temp_data.pop("docname", None)
        else:
            env.temp_data["docname"] = before


def _same_page_only(paragraph: nodes.Element) -> bool:
    """True if a reference MyST did not find became a link to an anchor of the post's
    own page (its last resort), which is not there: shown as text, as Sphinx shows a
    reference it cannot resolve."""
    return any(isinstance(child, nodes.reference) and child.get("refid")
               for child in paragraph.children)


def _resolve(app: Sphinx, env: BuildEnvironment, document: nodes.document,
             quiet: bool) -> set[int]:
    """Run the post-transforms that resolve references (Sphinx's ``ReferencesResolver``
    and those built on it: MyST's, intersphinx's) over ``document``; the others
    (images, highlighting …) have nothing to do in an excerpt's text. What they report
    is kept back when ``quiet``; the ids of the nodes whose target MyST found nowhere
    are returned."""
    transformer = SphinxTransformer(document)
    transformer.set_environment(env)
    transformer.add_transforms([transform for transform in app.registry.get_post_transforms()
                                if issubclass(transform, ReferencesResolver)])
    first = next(document.findall(addnodes.pending_xref))
    with suppress_logging() as memory, _reading(env, first["refdoc"]):
        transformer.apply_transforms()
    records = memory.clear()
    if not quiet:
        sphinx_logger = logging.getLogger(NAMESPACE)
        for record in records:
            sphinx_logger.handle(record)
    return {id(getattr(record, "location", None)) for record in records
            if getattr(record, "type", None) == "myst"
            and getattr(record, "subtype", None) == "xref_missing"
            and getattr(record, "location", None) is not None}


def _relocatable(builder: Builder) -> bool:
    """True if the builder's links between pages are relative paths between their
    URIs (``html``, ``dirhtml``), so that one resolved from the post can be made again
    from any page; ``singlehtml``'s links within its one page are left as they are."""
    return type(builder).get_relative_uri is Builder.get_relative_uri


def _one_page_link(url: str) -> str:
    """A link on ``singlehtml``'s one page: to another document's section it reads
    ``#document-k8s#the-plan``, which Sphinx writes with its last fragment alone
    (``fix_refuris``), and so is it written here."""
    first = url.find("#")
    second = url.find("#", first + 1) if first >= 0 else -1
    return html.escape(url[second:] if second >= 0 else url)


def _relocator(post_uri: str, paths: set[str]) -> Callable[[str], str]:
    """How a URL found from the post's page is written: a path of the output folder (a
    marker, see ``read.excerpts``; noted in ``paths``), or as it is if it leads off
    the site."""

    def relocate(url: str) -> str:
        if _SCHEME.match(url) or url.startswith("/"):
            return html.escape(url)
        joined = urljoin(_ROOT + post_uri, url)
        if not joined.startswith(_ROOT):
            return html.escape(url)
        path = joined[len(_ROOT):]
        paths.add(path.partition("#")[0])
        return path_marker(path)

    return relocate

