"""Checks of series that need every post: two parts given the same ``series_order``.

Such parts go by date (see ``registry.series_key``); the warning points at the later
part's ``series_order`` line, so the author sees which number to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def check_series_order(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: one warning for each published part whose
    ``series_order`` an earlier part of its series has already."""
    for name, parts in sorted(get_registry(env).series().items()):
        first: dict[int, str] = {}
        for post in parts:
            if post.series_order is None:
                continue
            earlier = first.setdefault(post.series_order, post.docname)
            if earlier != post.docname:
                warn(f"'series_order': {post.series_order} is the place of {earlier!r} in "
                     f"the series {name!r} already; the two go by date",
                     PostlogWarning.FIELD, location=(post.docname,
                                                     post.line_of("series_order")))
