"""The blog in the site's navigation: a toctree may name the blog index, and posts and
archive pages have the blog as their parent (breadcrumbs, "up" links, and the blog's
entry marked as current in the navigation).

The blog index is a page Sphinx does not read: it is written at ``html-collect-pages``.
Sphinx knows a few such pages of its own (``genindex``, ``search``): a toctree may name
them, and every theme shows them as an entry of its navigation. Their names are in
``StandardDomain._virtual_doc_names``, which the toctree directive reads when a page is
read and the toctree resolver when a page is written, in Sphinx 7.4, 8 and 9 alike. The
blog index joins them for the length of a build (Sphinx has no public way to add one),
unless a document of the site is there (an ABlog site's placeholder ``blog`` page).
Its title is in ``env.titles`` and its (empty) table of contents in ``env.tocs``, as a
page without sections would have them, for themes that read toctree entries there
(pydata-sphinx-theme's navbar and sidebar) and for the "next" and "previous" links of
the documents beside it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains.std import StandardDomain
from sphinx.environment.adapters.toctree import TocTree

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.i18n import blog_title
from sphinx_postlog.render.context import page_context
from sphinx_postlog.render.layout import ArchiveLayout, builds_archives

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Sphinx's own generated pages, never replaced.
_SPHINX_OWN = frozenset(StandardDomain._virtual_doc_names)
#: The names this process added to Sphinx's, so that each build adds its own only.
_ADDED: set[str] = set()
#: Where the environment keeps the names of the blog indexes whose titles it holds.
_TITLED = "postlog_titled_blog_index"


def _forget_blog_index() -> None:
    for name in _ADDED:
        StandardDomain._virtual_doc_names.pop(name, None)
    _ADDED.clear()


def name_blog_index(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: toctrees may name each blog's index (``blog/index``),
    as they name ``genindex``; its entry reads the blog's title (``postlog_blog_title``)
    unless the toctree gives one."""
    _forget_blog_index()
    for titled in getattr(env, _TITLED, None) or ():
        if titled not in env.found_docs:
            env.titles.pop(titled, None)
            env.tocs.pop(titled, None)
    added = []
    for blog in site_blogs(app.config):
        config = blog.config(app.config)
        page = ArchiveLayout.from_config(config).blog_index
        if page in env.found_docs or page in _SPHINX_OWN:
            continue
        title = blog_title(config)
        StandardDomain._virtual_doc_names[page] = (page, title)
        _ADDED.add(page)
        env.titles[page] = nodes.title(title, title)
        env.tocs[page] = nodes.bullet_list("")
        added.append(page)
    setattr(env, _TITLED, tuple(added))


def forget_blog_index(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the blog index is a page of this build only (another site
    built in the same process has its own)."""
    _forget_blog_index()


def blog_parents(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """``html-page-context``: a post that Sphinx finds in no toctree has the blog index
    as its parent, so themes show "Home > Blog > post" in their breadcrumbs and link
    "up" to the blog. On such posts and on archive pages, the navigation marks the
    blog's entry as current, as Sphinx marks a page's ancestors."""
    if not builds_archives(app.builder):
        return
    write = page_context(app.builder, app.env, pagename, context)
    blog_index = write.layout.blog_index
    link = write.links.to_page(pagename, blog_index)
    if link is None or pagename == blog_index:
        return
    if context.get("postlog_archive"):
        context["toctree"] = _toctree_with_current(app, pagename, link)
    elif not context.get("parents") and pagename in get_registry(app.env).posts:
        context["parents"] = [parent_link(link, blog_title(write.config))]
        context["toctree"] = _toctree_with_current(app, pagename, link)


def parent_link(link: str, title: str) -> dict[str, str]:
    """One parent as Sphinx gives them to templates: a link and a title as HTML."""
    return {"link": link, "title": html.escape(title)}


def _toctree_with_current(app: Sphinx, pagename: str, link: str) -> Callable[..., str]:
    """Sphinx's ``toctree()`` for templates, as its HTML builder makes it, with the
    entries linking to ``link`` marked as current (as Sphinx marks the entry of the
    page itself): furo, alabaster, the book theme's and Read the Docs' sidebars."""

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        tree = TocTree(app.env).get_toctree_for(pagename, app.builder, collapse, **kwargs)
        if tree is not None:
            for reference in tree.findall(nodes.reference):
                if reference.get("refuri") == link:
                    branch: nodes.Element | None = reference
                    while branch is not None:
                        if "current" not in branch["classes"]:
                            branch["classes"].append("current")
                        branch = branch.parent
        return str(app.builder.render_partial(tree)["fragment"])  # type: ignore[attr-defined]

    return toctree
