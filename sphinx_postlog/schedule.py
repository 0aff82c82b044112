"""Drafts and scheduled posts: which posts this build shows.

"Now" is ``SOURCE_DATE_EPOCH`` when it is set, so that builds are reproducible; posts
dated later are scheduled and hidden until a build after their date.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from .diagnostics import PostlogWarning, logger, warn
from .registry import DRAFT, Visibility, get_registry

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def build_time() -> dt.datetime:
    """The time of this build: ``SOURCE_DATE_EPOCH`` if set, else the clock (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(float(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            warn(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; using the clock",
                 PostlogWarning.CONFIG)
    return dt.datetime.now(tz=dt.timezone.utc)


def configure_visibility(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: decide which posts this build shows, and say which it hides."""
    show_drafts = bool(app.config.postlog_show_drafts)
    registry = get_registry(env)
    registry.configure(Visibility(show_drafts=show_drafts, now=build_time()))
    for post in sorted(registry.posts.values(), key=lambda post: post.docname):
        status = registry.status(post)
        if status is None:
            continue
        what = ("is a draft" if status == DRAFT
                else f"is scheduled for {post.date.isoformat()}")
        effect = "listed with a badge" if show_drafts else "left out of lists and feeds"
        logger.info("postlog: %s %s; %s", post.docname, what, effect,
                    location=(post.docname, 1))
