"""Drafts and scheduled posts: which posts this build shows.

"Now" is ``SOURCE_DATE_EPOCH`` when it is set, so that builds are reproducible; posts
dated later are scheduled and hidden until a build after their date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.normalise import EARLIEST, LATEST

if TYPE_CHECKING:
    from sphinx_postlog.read.posts import Post

DRAFT, SCHEDULED = "draft", "scheduled"


def build_time() -> dt.datetime:
    """The time of this build: ``SOURCE_DATE_EPOCH`` if set, else the clock (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(float(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            warn(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; using the clock",
                 PostlogWarning.CONFIG)
        else:
            if EARLIEST <= moment <= LATEST:
                return moment
            warn(f"SOURCE_DATE_EPOCH={epoch!r} gives {moment.date()}, not a day between "
                 f"{EARLIEST.date()} and {LATEST.date()} as dates must be; using the clock",
                 PostlogWarning.CONFIG)
    return dt.datetime.now(tz=dt.timezone.utc)


@dataclass(frozen=True)
class Visibility:
    """Which posts this build shows: drafts and posts dated after ``now`` are hidden
    unless ``show_drafts``; feeds never carry them."""

    show_drafts: bool = False
    now: dt.datetime | None = None  # None: no post is in the future

    def status(self, post: Post) -> str | None:
        """``draft``, ``scheduled`` (dated after now) or None for a published post."""
        if post.draft:
            return DRAFT
        if self.now is not None and post.date > self.now:
            return SCHEDULED
        return None
