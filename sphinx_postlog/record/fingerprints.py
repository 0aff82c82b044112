"""Fingerprints of what generated pages (archive pages, redirects, feeds) are made
from, besides their own posts: the settings, templates and navigation every page shows,
and what blog sidebars show; the same inputs give the same digest, so a page whose
digest is the last build's is not made again (see ``rewrites``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sphinx_postlog.collect.registry import get_registry, slug_keys
from sphinx_postlog.config import PACKAGE_TEMPLATES
from sphinx_postlog.facets import FACETS
from sphinx_postlog.render.context import write_context
from sphinx_postlog.render.templating import pages_show_the_blog

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.planned_pages import PlannedPage


#: Sphinx settings that generated pages show, which Sphinx does not count as HTML
#: settings (it reads every document again when they change): the posts' default author
#: (Sphinx's ``author``) and what themes write around every page.
FRAME_SETTINGS = frozenset({"project", "author", "copyright", "version", "release",
                            "language", "today_fmt"})


def rendering_fingerprint(app: Sphinx) -> str:
    """What every generated page depends on besides its own content: configuration
    (Sphinx's HTML settings, those in ``FRAME_SETTINGS`` and ours, but not those no
    generated page shows, such as comments), tags, templates (theme, user and ours), the
    package version, and the toctrees and their documents' titles (the theme's
    navigation)."""
    from sphinx_postlog import __version__

    builder: Any = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0.0
    ours = max((p.stat().st_mtime for p in PACKAGE_TEMPLATES.rglob("*.html")), default=0.0)
    toctrees = sorted(app.env.toctree_includes.items())
    titles = _toctree_titles(app)
    ours_config = sorted((item.name, repr(item.value)) for item in app.config
                         if (item.name.startswith("postlog_") and item.rebuild)
                         or item.name in FRAME_SETTINGS)
    site = site_shown(app)
    parts = (__version__, getattr(info, "config_hash", ""), getattr(info, "tags_hash", ""),
             ours_config, newest, ours, toctrees, titles, site)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


#: Sphinx's settings that feeds show or that make their addresses (HTML settings of the
#: page frame, such as ``html_title`` or the theme's, are not among them).
FEED_SETTINGS = ("project", "author", "copyright", "language", "today_fmt", "locale_dirs",
                 "html_baseurl", "html_favicon", "html_logo", "html_file_suffix",
                 "html_link_suffix")


def feed_fingerprint(app: Sphinx) -> str:
    """What feeds depend on besides the posts: our settings, ``FEED_SETTINGS`` and the
    package version. Not the theme, templates or navigation, which only pages show: a
    new ``html_title`` makes no feed again."""
    from sphinx_postlog import __version__

    ours = sorted((item.name, repr(item.value)) for item in app.config
                  if item.name.startswith("postlog_") and item.rebuild)
    sphinx = [repr(app.config[name]) if name in app.config else None
              for name in FEED_SETTINGS]
    return hashlib.sha256(repr((__version__, ours, sphinx)).encode("utf-8")).hexdigest()


def _toctree_titles(app: Sphinx) -> str:
    """A digest of the titles of the documents in toctrees, which the theme's navigation
    shows on generated pages too (a page retitled is read again, not the pages that
    list it); worked out once per build."""
    memo = write_context(app.builder, app.env).memo
    if "toctree_titles" not in memo:
        env = app.env
        included = sorted({docname for entries in env.toctree_includes.values()
                           for docname in entries if docname in env.titles})
        memo["toctree_titles"] = hashlib.sha256(repr(
            [(docname, env.titles[docname].astext()) for docname in included]
        ).encode("utf-8")).hexdigest()
    return str(memo["toctree_titles"])


def site_shown(app: Sphinx) -> str:
    """What blog sidebars show, if pages show them; else nothing. Worked out once per
    build: deciding which documents to write and fingerprinting archive pages both
    ask, and the answer reads the site's templates."""
    memo = write_context(app.builder, app.env).memo
    if "site_shown" not in memo:
        memo["site_shown"] = (site_digest(get_registry(app.env))
                              if pages_show_the_blog(app.config, app.confdir) else "")
    return str(memo["site_shown"])


def shown_digest(registry: Registry, posts: Iterable[Post]) -> str:
    """A fingerprint of ``posts`` as a page shows them, links to their terms included."""
    return hashlib.sha256(
        "".join(_shown_digest(registry, post) for post in posts).encode("ascii")).hexdigest()


def _shown_digest(registry: Registry, post: Post) -> str:
    """One post's part of ``shown_digest``, made once until the posts or the build's
    rules change: a post is on several pages."""
    digests: dict[str, str] = registry.derived("shown_digests", dict)
    if post.docname not in digests:
        slugs = registry.all_slugs()
        shown = (post.shown_key, registry.status(post),
                 [slugs.get(key) for key in slug_keys(post)])
        digests[post.docname] = hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()
    return digests[post.docname]


def site_digest(registry: Registry) -> str:
    """A fingerprint of what sidebars show of the blog: the posts shown, in order,
    with their titles, dates, status and terms (not their excerpts); made once until
    the posts or the build's rules change."""
    return registry.derived(
        "site_digest",
        lambda: hashlib.sha256(repr([
            (post.docname, post.title, post.date, registry.status(post),
             [facet.terms_of(post) for facet in FACETS])
            for post in registry.newest_first()]).encode("utf-8")).hexdigest())


def page_digest(fingerprint: str, page: PlannedPage) -> str:
    """A digest of what one generated page is made from."""
    content = repr((fingerprint, page.name, page.inputs))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
