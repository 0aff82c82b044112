"""Translatable labels: a message catalog of our own, as Sphinx extensions do."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinx_postlog"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(MESSAGE_CATALOG)


def template_labels() -> dict[str, str]:
    """Translated labels the templates use."""
    return {"by": _("By:"), "tags": _("Tags:"), "categories": _("Categories:"),
            "no_posts": _("No posts yet."), "newer": _("Newer posts"),
            "older": _("Older posts"), "pages": _("Pages"), "feed": _("Atom feed"),
            "updated": _("(updated %s)"), "reading_time": _("%d min read"),
            "newer_one": _("Newer:"), "older_one": _("Older:"), "related": _("Related posts"),
            "recent_posts": _("Recent posts")}
