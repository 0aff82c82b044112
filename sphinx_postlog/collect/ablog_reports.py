"""What a blog coming from ABlog should know after reading: ABlog keys that posts use
and that are not read, and where ABlog's rules read a post differently."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: What to do instead of each front-matter key of ABlog's that is not read.
IGNORED_KEY_ADVICE = {
    "external_link": "posts link to their own page; remove it",
}


def report_ignored_keys(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: one warning per ABlog key that posts use and that is not read,
    naming the first post that uses it."""
    posts = sorted(get_registry(env).posts.values(), key=lambda post: post.docname)
    for key, advice in IGNORED_KEY_ADVICE.items():
        users = [post.docname for post in posts if key in post.ignored_keys]
        if users:
            more = f" (and {len(users) - 1} more posts)" if len(users) > 1 else ""
            warn(f"ABlog's {key!r} is used here{more}: {advice}", PostlogWarning.FIELD,
                 location=users[0])


def report_rule_differences(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: say once where ABlog's rules read a post differently from
    sphinx-postlog's own, so a site leaving ABlog's settings behind knows what changes."""
    noted = sorted((post.docname, post.rule_note)
                   for post in get_registry(env).posts.values() if post.rule_note)
    if not noted:
        return
    docname, note = noted[0]
    more = f" (and in {len(noted) - 1} more posts)" if len(noted) > 1 else ""
    logger.info("postlog.ablog: %s%s. Posts are read as ABlog reads them because "
                "postlog_ablog_compat is on (or the post says blogpost: true).",
                note, more, location=docname)
