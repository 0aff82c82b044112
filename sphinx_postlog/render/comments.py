"""The comments widget under a post: which pages show it, and its HTML.

The provider's embed snippet (exactly its markup, every value escaped) waits in a
``<template>``, so the page makes no request to the provider until the reader nears the
comments or asks for them; ``postlog/comments.html`` holds the snippet and the few lines
of script that load it and keep giscus's and utterances' colours with the page's.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sphinx_postlog.i18n import _
from sphinx_postlog.normalise import read_flag

if TYPE_CHECKING:
    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.comments import CommentSettings
    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.context import WriteContext

TEMPLATE = "postlog/comments.html"
#: The attribute of each provider's script that names its colour theme.
THEME_ATTRIBUTES = {"giscus": "data-theme", "utterances": "theme"}


def comment_labels() -> dict[str, str]:
    """The widget's words, translated."""
    return {"comments": _("Comments"), "show": _("Show comments"),
            "on_github": _("Read the comments on GitHub"),
            "disqus": _("Please enable JavaScript to view the comments powered by Disqus."),
            "isso": _("JavaScript needs to be activated to view comments.")}


def shows_comments(settings: CommentSettings, registry: Registry, docname: str,
                   metadata: dict[str, Any]) -> bool:
    """True if the document's page shows the widget: a published post (a draft's or a
    scheduled post's too with ``drafts``) that does not say ``comments: false``, or,
    with ``pages``, any other document that does not."""
    post = registry.posts.get(docname)
    if post is not None:
        return post.comments and (settings.drafts or registry.status(post) is None)
    if docname in registry.unpublished or docname in registry.undated:
        return settings.drafts and _page_wants_comments(metadata)
    return settings.pages and _page_wants_comments(metadata)


def _page_wants_comments(metadata: dict[str, Any]) -> bool:
    """A page's own ``comments: false`` (or ABlog's ``nocomments``) in its metadata."""
    if read_flag(metadata.get("comments")) is False:
        return False
    return "nocomments" not in metadata or metadata["nocomments"] is False


def ablog_page_id(pagename: str) -> str:
    """The Disqus identifier ABlog gives a page (``/posts/hello/``), so threads started
    on an ABlog site stay with their posts."""
    if pagename.endswith("index"):
        pagename = pagename[:-5]
    pagename = pagename.strip("/")
    return "/" + pagename + ("/" if pagename else "")


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_value(value: Any) -> Markup:
    """``value`` as a JavaScript literal that cannot end its ``<script>`` early."""
    return Markup(json.dumps(value, ensure_ascii=False).translate(_SCRIPT_UNSAFE))


def _discussion(settings: CommentSettings) -> str | None:
    """Where readers without JavaScript find the comments, if the provider has a page
    for them: the repository's discussions (giscus) or issues (utterances)."""
    repo = settings.get("repo")
    if settings.provider == "giscus":
        number = settings.get("term") if settings.get("mapping") == "number" else None
        return f"https://github.com/{repo}/discussions" + (f"/{number}" if number else "")
    if settings.provider == "utterances":
        number = settings.get("issue_number")
        return f"https://github.com/{repo}/issues" + (f"/{number}" if number else "")
    return None


def widget_html(write: WriteContext, settings: CommentSettings, pagename: str,
                title: str, post: Post | None, page_url: str | None,
                language: str | None) -> str:
    """The comments section of one page."""
    options = dict(settings.options)
    themes = ((options["light_theme"], options["dark_theme"])
              if settings.follows_page_theme else None)
    context: dict[str, Any] = {
        "provider": settings.provider, "load": settings.load, "options": options,
        "attributes": settings.attributes(language), "themes": themes,
        "theme_attribute": THEME_ATTRIBUTES.get(settings.provider, ""),
        "discussion": _discussion(settings), "title": title, "page_url": page_url,
        "identifier": ablog_page_id(pagename), "pagename": pagename,
        "comment_labels": comment_labels(), "script_value": script_value,
        "post": None if post is None else write.presenter.view(post, pagename, write.links),
    }
    if settings.provider == "template":
        context["custom"] = Markup(write.renderer.render(options["template"], **context))
    return write.renderer.render(TEMPLATE, **context)
