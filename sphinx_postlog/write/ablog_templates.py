"""The templates of sites that restyled ABlog: ABlog's template context on every HTML
page, and the site's own ``ablog/*.html`` rendered where ABlog rendered them.

On ABlog sites (``postlog_ablog_compat``) every page gets ``ablog`` and ``anchor`` (see
``render.ablog_api``). Where the site's ``templates_path`` has its own
``ablog/collection.html``, ``ablog/catalog.html``, ``ablog/postnavy.html`` or sidebars
under ``ablog/``, those are rendered with that context: archive pages with the site's
collection or catalog template, post pages with its previous/next bar, sidebars as they
are. A site template that fails gives one warning naming it, the error and the page, and
sphinx-postlog's own markup takes its place: Sphinx would stop the build with a theme
error. So each is rendered first on its own, and the page then includes what it gave
(through a loader that serves the rendered text).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BaseLoader, TemplateNotFound
from sphinx.errors import SphinxWarning

from sphinx_postlog.ablog_settings import OLD_TEMPLATE_NAMES
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.config import PACKAGE_TEMPLATES
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.render.ablog_api import AblogBlog, anchor
from sphinx_postlog.render.context import context_blog, context_is_written_out, write_context
from sphinx_postlog.render.postpage import FURNITURE_END, FURNITURE_START
from sphinx_postlog.write.feed_content import PostContent

if TYPE_CHECKING:
    from jinja2 import Environment
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: ABlog's page templates, rendered for archive pages when the site has its own.
COLLECTION, CATALOG = "ablog/collection.html", "ablog/catalog.html"
#: ABlog's previous/next bar under a post.
POSTNAVY = "ablog/postnavy.html"
#: ABlog's old sidebar names, without its folder.
OLD_SIDEBAR_NAMES = OLD_TEMPLATE_NAMES - {"collection.html", "catalog.html", "postnavy.html",
                                          "postcard2.html", "redirect.html"}
#: Names the loader serves: what a template gave, and sphinx-postlog's own templates.
RENDERED, OURS = "postlog-rendered/", "postlog-ours/"
#: Where a page's rendered templates are, in its context.
RENDERED_KEY = "postlog_rendered"
#: The template ABlog would render an archive page with, in its context.
SITE_PAGE_KEY = "postlog_ablog_page"


class RenderedLoader(BaseLoader):
    """Serves ``postlog-rendered/<name>``, the text the page's ``<name>`` gave when
    rendered on its own, and ``postlog-ours/<name>``, sphinx-postlog's own template of
    that name (empty if it has none): what a failed site template falls back to."""

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str | None, Callable[[], bool]]:
        if template.startswith(RENDERED):
            name = template.removeprefix(RENDERED)
            return f"{{{{ {RENDERED_KEY}[{name!r}] }}}}", None, lambda: True
        if template.startswith(OURS):
            path = PACKAGE_TEMPLATES / template.removeprefix(OURS)
            source = path.read_text(encoding="utf-8") if path.is_file() else ""
            return source, str(path), lambda: True
        raise TemplateNotFound(template)


def gives_ablog_context(app: Sphinx) -> bool:
    """True on ABlog sites for the builders ABlog gives its context to."""
    builder = app.builder
    return (bool(app.config.postlog_ablog_compat) and builder.format == "html"
            and not context_is_written_out(builder))


def site_templates(config: Config, confdir: str | Path) -> frozenset[str]:
    """The ``ablog/*.html`` templates the site's own ``templates_path`` has, and its
    sidebars by ABlog's old names (``tagcloud.html``, which ABlog still serves)."""
    found: set[str] = set()
    for folder in config.templates_path:
        root = Path(confdir) / folder
        if root == PACKAGE_TEMPLATES or not root.is_dir():
            continue
        found.update(f"ablog/{path.name}" for path in (root / "ablog").glob("*.html"))
        found.update(name for name in OLD_SIDEBAR_NAMES if (root / name).is_file())
    return frozenset(found)


def overridden(app: Sphinx) -> frozenset[str]:
    """``site_templates`` of this build, looked up once (empty off ABlog sites)."""
    memo = write_context(app.builder, app.env).memo
    if "ablog_overrides" not in memo:
        memo["ablog_overrides"] = (site_templates(app.config, app.confdir)
                                   if gives_ablog_context(app) else frozenset())
    return frozenset(memo["ablog_overrides"])


def ablog_blog(app: Sphinx, name: str = "") -> AblogBlog:
    """The ``ablog`` object of one blog of this build (see ``postlog_blogs``), made
    once."""
    write = write_context(app.builder, app.env, name)
    blog = write.memo.get("ablog_blog")
    if blog is None:
        content = PostContent(app) if app.config.postlog_feed_full_content else None
        blog = write.memo["ablog_blog"] = AblogBlog(
            write, write.config,
            (lambda docname: content.html(docname, "")) if content else None)
    return blog


def add_loader(app: Sphinx) -> None:
    """``builder-inited``: let pages include what their site templates gave."""
    loaders = getattr(getattr(app.builder, "templates", None), "loaders", None)
    if gives_ablog_context(app) and isinstance(loaders, list):
        loaders.append(RenderedLoader())


def _render(app: Sphinx, template: str, context: dict[str, Any], pagename: str) -> str | None:
    """``template`` rendered with the page's context, or None (with one warning) if it
    fails."""
    try:
        return str(app.builder.templates.render(template, context))
    except SphinxWarning:  # -W: the user asked to stop
        raise
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        # once per template and error: a broken collection.html fails on every page
        failed: set[tuple[str, str]] = write_context(app.builder, app.env).memo.setdefault(
            "ablog_failed", set())
        if (template, reason) not in failed:
            failed.add((template, reason))
            warn(f"the site's template {template!r} failed on page {pagename!r} ({reason}); "
                 "sphinx-postlog's own markup is shown instead (on every page where it "
                 "fails so)", PostlogWarning.ABLOG, location=_template_line(error, template))
        return None


def _template_line(error: Exception, template: str) -> str | None:
    """``file:line`` of the template where ``error`` was raised (Jinja puts the
    templates' own lines in the traceback), or None."""
    found = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if Path(filename).as_posix().endswith(template):
            found = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found


def ablog_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: object) -> None:
    """``html-page-context`` (early, before the post's furniture): ``ablog`` and
    ``anchor``; on post pages, the site's ``ablog/postnavy.html`` after the text, in
    place of the newer/older links."""
    if not gives_ablog_context(app):
        return
    context["ablog"] = ablog_blog(app, context_blog(app.env, pagename, context))
    context["anchor"] = anchor
    if (POSTNAVY in overridden(app) and pagename in get_registry(app.env).posts
            and isinstance(context.get("body"), str)):
        html = _render(app, POSTNAVY, context, pagename)
        if html is not None:
            context["body"] += (f'<div class="section ablog__blog_comments">{FURNITURE_START}'
                                f"{html}{FURNITURE_END}</div>")
            context["postlog_post_navigation"] = False


def _sort_assets(context: dict[str, Any]) -> None:
    """Scripts and style sheets in the order Sphinx puts them in just before rendering
    (the page is rendered here, before that)."""
    for key in ("script_files", "css_files"):
        with contextlib.suppress(AttributeError, TypeError):
            context[key] = sorted(context[key], key=lambda asset: asset.priority)


def render_site_templates(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: object) -> str | None:
    """``html-page-context`` (late, once the context is complete): the site's ABlog
    sidebars, and an archive page's site template, rendered on their own first."""
    overrides = overridden(app)
    if not overrides:
        return None
    rendered: dict[str, str] = context.setdefault(RENDERED_KEY, {})
    sidebars = context.get("sidebars")
    if isinstance(sidebars, list) and overrides.intersection(
            name for name in sidebars if isinstance(name, str)):
        shown = []
        for name in sidebars:
            if isinstance(name, str) and name in overrides:
                html = _render(app, name, context, pagename)
                if html is None:  # ours, by ABlog's name (``ablog/tagcloud.html``)
                    name = OURS + (f"ablog/{name}" if name in OLD_SIDEBAR_NAMES else name)
                else:
                    rendered[name] = html
                    name = RENDERED + name
            shown.append(name)
        context["sidebars"] = shown
    site_page = context.get(SITE_PAGE_KEY)
    if isinstance(site_page, str) and site_page in overrides:
        _sort_assets(context)
        html = _render(app, site_page, context, pagename)
        if html is not None:
            rendered[site_page] = html
            return RENDERED + site_page
    return None
