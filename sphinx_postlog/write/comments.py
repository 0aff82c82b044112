"""Comments written into pages: the widget at the end of each page that shows one, and
which pages a build writes again because what they show of comments changed.

``postlog_comments`` needs no rewrite of every page from Sphinx: the output record keeps,
for each page with comments, a fingerprint of the settings it was written with, so
turning comments on or off, or changing them, rewrites exactly those pages.
"""

from __future__ import annotations

from html import unescape
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.comments import SETTING_NAME, CommentSettings, comment_settings
from sphinx_postlog.config import blog_index_page, config_location
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.record.saved_record import last_record, next_record
from sphinx_postlog.render.comments import TEMPLATE, shows_comments, widget_html
from sphinx_postlog.render.context import write_context
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.render.postpage import FURNITURE_END, FURNITURE_START
from sphinx_postlog.write.feeds import base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _settings(app: Sphinx) -> CommentSettings | None:
    """The comment settings, read once per build; None where no page shows comments
    (no settings, or a builder other than ``html`` and ``dirhtml``)."""
    if not builds_archives(app.builder):
        return None
    memo = write_context(app.builder, app.env).memo
    if "comments" not in memo:
        memo["comments"] = comment_settings(app.config)
    settings: CommentSettings | None = memo["comments"]
    return settings


def _shows(app: Sphinx, settings: CommentSettings, docname: str) -> bool:
    """True if the document's page shows comments; a document where the blog index goes
    (ABlog's ``blog.md``, which shows the blog index) is an archive page, without."""
    style = str(app.config.postlog_url_layout)
    if any(docname == blog_index_page(style, blog.config(app.config).postlog_blog_path)
           for blog in site_blogs(app.config)):
        return False
    return shows_comments(settings, get_registry(app.env), docname,
                          app.env.metadata.get(docname, {}))


def shown_comments(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """Each document whose page shows comments, and the fingerprint of the settings."""
    settings = _settings(app)
    if settings is None:
        return {}
    return {docname: settings.digest for docname in sorted(env.found_docs)
            if _shows(app, settings, docname)}


def pages_with_new_comments(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the documents whose comments changed since their page was
    written into this output folder (comments turned on, off or changed)."""
    if not hasattr(app.builder, "get_outfilename"):
        return []
    shown = shown_comments(app, env)
    last = last_record(app).comments
    next_record(app).comments = shown
    return sorted(docname for docname in shown.keys() | last.keys()
                  if shown.get(docname) != last.get(docname) and docname in env.found_docs)


def add_comments(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """``html-page-context``: the comments section after the page's text (and after the
    post's footer), marked as furniture so feeds leave it out."""
    settings = _settings(app)
    if settings is None or doctree is None or not isinstance(context.get("body"), str):
        return
    if not _shows(app, settings, pagename):
        return
    post = get_registry(app.env).posts.get(pagename)
    root = base_url(app.config)
    title = post.title if post is not None else _plain_title(context)
    try:
        html = widget_html(write_context(app.builder, app.env), settings, pagename, title,
                           post, root + app.builder.get_target_uri(pagename) if root else None,
                           app.config.language)
    except jinja2.TemplateError as error:
        template = settings.get("template", TEMPLATE)
        _warn_once(app, f"{SETTING_NAME}: the template {template!r} "
                        f"failed ({type(error).__name__}: {error}); no comments on the pages "
                        "where it fails")
        return
    context["body"] += f"{FURNITURE_START}{html}{FURNITURE_END}"


def _plain_title(context: dict[str, Any]) -> str:
    """The page's title as text (Sphinx gives it as HTML)."""
    return unescape(Markup(str(context.get("title", ""))).striptags())


def _warn_once(app: Sphinx, message: str) -> None:
    memo = write_context(app.builder, app.env).memo
    if message not in memo.setdefault("comment_warnings", set()):
        memo["comment_warnings"].add(message)
        warn(message, PostlogWarning.CONFIG, location=config_location(app, SETTING_NAME))
