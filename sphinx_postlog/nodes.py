"""Doctree nodes left by directives while reading, replaced once all posts are known."""

from __future__ import annotations

from docutils import nodes


class postlist(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Placeholder for a post list; attributes hold the directive's options as plain
    lists and numbers (so doctrees pickle)."""
