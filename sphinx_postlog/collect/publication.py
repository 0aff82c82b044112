"""Which pages this build publishes: drafts and scheduled posts are not, unless
``postlog_show_drafts`` asks for them (to preview them while writing) or the builder
reports on every post (``postlog-report``).

A page that is not published is taken out of the build before it is read: Sphinx then
writes no page for it, and it is in no search index, toctree glob or sitemap. Whether a
page is a draft is known from its front matter, so the source of each page about to be
read is read here first, by ``read.page_source``, which the reading uses too (and is
handed what was read here), so that both come to the same verdict; pages read before are
judged by the registry. A page that was published and no longer is loses its output too
(see ``record.stale_files``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import logger
from sphinx_postlog.normalise import read_datetime, read_flag
from sphinx_postlog.read.page_source import ReadAhead, markdown_config, read_ahead
from sphinx_postlog.read.posts import ReadingRules, wants_to_be_post
from sphinx_postlog.read.schedule import DRAFT, Visibility, build_time
from sphinx_postlog.read.source_files import notebook_outputs
from sphinx_postlog.read.sources import page_kind
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.read.frontmatter import FrontMatter


def _front_matter(app: Sphinx, docname: str, ahead: ReadAhead) -> FrontMatter | None:
    """The front matter the page will be read with, from its source (see
    ``read.page_source``; kept in ``ahead`` for the reading)."""
    try:
        text = Path(app.env.doc2path(docname)).read_text(encoding=app.config.source_encoding)
    except (OSError, UnicodeError, LookupError):
        return None  # Sphinx reports it when it reads the page
    return ahead.read(docname, page_kind(app, docname), text,
                      markdown_config(app.env)).judged


def _quiet(message: str, subtype: object, line: int) -> None:
    """Problems are reported when the page is read."""


def unpublished_reason(docname: str, front_matter: FrontMatter, rules: ReadingRules,
                       now: dt.datetime) -> str | None:
    """Why a page is not published ("a draft", "scheduled for …"), or None: the
    decisions ``read.posts.read_post`` and ``Visibility`` make, in their order."""
    if not wants_to_be_post(docname, front_matter, rules, _quiet):
        return None
    date = front_matter.get("date")
    ablog = rules.reads_as_ablog(front_matter)
    if date is None or (ablog and date.value in (None, "")):  # ABlog's draft; else not a post
        return "an ABlog post without a date, so a draft" if ablog else None
    try:
        moment = read_datetime(date.value, rules.timezone, rules.date_formats, ablog,
                               rules.language)
    except ValueError:
        return None  # not a post: reported when the page is read
    draft = front_matter.get("draft")
    if draft is not None and read_flag(draft.value) is True:
        return "a draft"
    return f"scheduled for {moment.isoformat()}" if moment > now else None


def keep_unpublished_out(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: take drafts and scheduled posts out of the build
    (unless they are shown, or the builder reports on every post)."""
    if settings_of(app).show_drafts or getattr(app.builder, "reads_unpublished", False):
        get_registry(env).unpublished = {}
        return
    ahead = read_ahead(env, fresh=True)
    rules = ReadingRules.from_config(app.config, app.srcdir, notebook_outputs(env))
    now = build_time()
    registry, to_read = get_registry(env), set(docnames)
    hidden: dict[str, str] = {}
    for docname in sorted(env.found_docs):
        if docname in to_read:
            front_matter = _front_matter(app, docname, ahead)
            reason = (unpublished_reason(docname, front_matter, rules, now)
                      if front_matter is not None else None)
        elif docname in registry.posts:
            post = registry.posts[docname]
            status = Visibility(now=now).status(post)
            reason = (None if status is None else "a draft" if status == DRAFT
                      else f"scheduled for {post.date.isoformat()}")
        else:
            reason = None
        if reason is not None:
            hidden[docname] = reason
    registry.unpublished = hidden
    for docname, reason in hidden.items():
        logger.info("postlog: %s is %s: not published (postlog_show_drafts shows it)",
                    docname, reason, location=docname)
        env.found_docs.discard(docname)
        if docname in to_read:
            docnames.remove(docname)
        if docname in env.all_docs:  # published before: as if it were removed
            app.events.emit("env-purge-doc", env, docname)
            env.clear_doc(docname)
