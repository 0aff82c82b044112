"""ABlog's reference names, resolved to this blog's pages, so that ``{ref}`` links of an
ABlog site keep working: a post by its file stem (its folder for an ``index`` page),
``blog-posts``, ``blog-tags`` … for the archive indexes, ``blog-feed``, and one name per
term (``tag-<slug>``, ``category-<slug>``, ``author-<key>``, ``location-<key>``,
``language-<key>``, ``archive-<year>``, with ABlog's slugs).

They are tried only for references Sphinx could not resolve (``missing-reference``), so
a label of the site's own always wins. Sphinx does not know that a document using them
depends on the blog, so the output record keeps the documents that do, and where the
names led: when that changes (a post retitled, a term's page moved), they are written
again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from sphinx_postlog.collect.labels import post_label
from sphinx_postlog.diagnostics import logger
from sphinx_postlog.facets import AUTHOR, CATEGORY, FACETS, LANGUAGE, LOCATION, TAG, YEAR
from sphinx_postlog.i18n import _, blog_title
from sphinx_postlog.read.slugs import ablog_slug
from sphinx_postlog.record.saved_record import last_record, next_record
from sphinx_postlog.render.context import WriteContext, every_blog, write_context
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.write.feeds import feed_url

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class Target:
    """Where a reference name leads: a document, a generated page or a URL."""

    title: str
    docname: str | None = None
    page: str | None = None
    url: str | None = None


#: ABlog's names of the archive indexes, and their link texts (translated when used).
INDEX_NAMES: dict[str, tuple[str, Callable[[], str]]] = {
    TAG: ("blog-tags", lambda: _("Tags")), CATEGORY: ("blog-categories", lambda: _("Categories")),
    AUTHOR: ("blog-authors", lambda: _("Authors")), YEAR: ("blog-archives", lambda: _("Archives")),
    LOCATION: ("blog-locations", lambda: _("Locations")),
    LANGUAGE: ("blog-languages", lambda: _("Languages"))}
#: ABlog's prefix of each term's name.
TERM_PREFIX = {TAG: "tag", CATEGORY: "category", AUTHOR: "author", YEAR: "archive",
               LOCATION: "location", LANGUAGE: "language"}


def targets(context: WriteContext, env: BuildEnvironment) -> dict[str, Target]:
    """Every ABlog reference name of the blog, lower case (as ``{ref}`` looks them up)."""
    config, layout, registry = env.config, context.layout, context.registry
    found: dict[str, Target] = {}
    titles = {**registry.undated, **{name: post.title for name, post in registry.posts.items()}}
    for docname in sorted(titles):
        found.setdefault(post_label(docname).lower(), Target(titles[docname], docname=docname))
    for docname in sorted(registry.unpublished):  # no page to link to: the text alone
        found.setdefault(post_label(docname).lower(), Target(post_label(docname)))
    blog = Target(_("Posts"), page=layout.blog_index)
    found.update({"blog-posts": blog, "blog-post": blog})
    drafts = Target(_("Drafts"), page=layout.drafts or layout.blog_index)
    found.update({"blog-drafts": drafts, "blog-draft": drafts})
    url = feed_url(config)
    if url:
        found["blog-feed"] = Target(_("%s Feed") % blog_title(config),
                                    url=url)
    pages = layout.page_names(registry)
    for facet in FACETS:
        kind = facet.kind
        if kind not in INDEX_NAMES:  # series: ABlog has none, so no names of its own
            continue
        name, title = INDEX_NAMES[kind]
        if layout.index(kind) in pages:
            found[name] = Target(title(), page=layout.index(kind))
        # of terms whose names collide (tag-c for C++ and c), the one that kept the
        # plain slug, shorter than the others' (on ABlog sites, at ABlog's URL)
        for term, slug in sorted(registry.slugs(kind).items(),
                                 key=lambda item: (len(item[1]), item[0])):
            found.setdefault(f"{TERM_PREFIX[kind]}-{ablog_slug(term)}".lower(), Target(
                context.presenter.term_name(kind, term), page=layout.term_page(kind, slug)))
    return found


#: What ABlog's names of terms and indexes start with: a ``{ref}`` to such a name that
#: leads nowhere now may lead somewhere once a post has the term.
_NAME_PREFIXES = tuple(f"{prefix}-" for prefix in (*TERM_PREFIX.values(), "blog"))


def _known_targets(app: Sphinx, env: BuildEnvironment) -> dict[str, Target]:
    """``targets`` of every blog (of names several blogs have, the first blog's),
    worked out once per build."""
    memo = write_context(app.builder, env).memo
    known: dict[str, Target] | None = memo.get("ablog_targets")
    if known is None:
        known = memo["ablog_targets"] = {}
        for context in every_blog(app.builder, env):
            for name, target in targets(context, env).items():
                known.setdefault(name, target)
    return known


def _targets_digest(app: Sphinx, env: BuildEnvironment) -> str:
    """A digest of where every name leads, worked out once per build."""
    memo = write_context(app.builder, env).memo
    if "ablog_targets_digest" not in memo:
        known = sorted(_known_targets(app, env).items())
        memo["ablog_targets_digest"] = hashlib.sha256(repr(known).encode("utf-8")).hexdigest()
    return str(memo["ablog_targets_digest"])


def documents_with_moved_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the documents linking with ABlog's names, when where any of
    the names leads changed since they were written into this output folder (nothing
    is worked out for sites that do not use the names)."""
    last, record = last_record(app), next_record(app)
    record.ablog_refs = [docname for docname in last.ablog_refs if docname in env.found_docs]
    if not record.ablog_refs:
        record.ablog_targets = ""
        return []
    record.ablog_targets = _targets_digest(app, env)
    return [] if record.ablog_targets == last.ablog_targets else list(record.ablog_refs)


def resolve_ablog_reference(app: Sphinx, env: BuildEnvironment, node: pending_xref,
                            contnode: nodes.TextElement) -> nodes.Element | None:
    """``missing-reference``: a ``{ref}`` to one of ABlog's names."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    name = str(node["reftarget"]).lower()
    target = _known_targets(app, env).get(name)
    fromdocname = node["refdoc"]
    if target is not None or name.startswith(_NAME_PREFIXES):
        record = next_record(app)
        if fromdocname not in record.ablog_refs:
            record.ablog_refs = sorted({*record.ablog_refs, fromdocname})
            record.ablog_targets = _targets_digest(app, env)
    if target is None:
        return None
    text: nodes.Element = (contnode if node.get("refexplicit")
                           else nodes.inline(target.title, target.title,
                                             classes=["std", "std-ref"]))
    if target.docname is not None:
        return make_refnode(app.builder, fromdocname, target.docname, "", text, target.title)
    if target.url is not None:
        return nodes.reference("", "", text, refuri=target.url, reftitle=target.title)
    if target.page is None:
        logger.info("postlog: %s links to a post that is not published; no link",
                    fromdocname, location=node)
        return text
    if not builds_archives(app.builder):
        return text
    url = write_context(app.builder, env).links.to_page(fromdocname, target.page) or ""
    return nodes.reference("", "", text, internal=True, refuri=url, reftitle=target.title)
