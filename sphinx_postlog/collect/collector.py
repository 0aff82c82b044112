"""The registry's life in the build environment: register the post each page read is
(made by ``read.page_reading``), purge and merge it for incremental and parallel
builds."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from sphinx_postlog.collect.registry import Listing, PostFilter, get_registry
from sphinx_postlog.diagnostics import guarded, logger
from sphinx_postlog.facets import AUTHOR, LANGUAGE, LOCATION
from sphinx_postlog.nodes import postlist
from sphinx_postlog.normalise import is_url
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.read.page_reading import read_page
from sphinx_postlog.read.posts import ReadingRules, UndatedDraft
from sphinx_postlog.read.schedule import DRAFT, Visibility, build_time
from sphinx_postlog.read.slugs import Conventions
from sphinx_postlog.read.source_files import cover_file, notebook_outputs
from sphinx_postlog.settings import settings_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class PostCollector(EnvironmentCollector):
    """Keeps the post registry in the environment, correct under parallel and
    incremental builds."""

    _reading_rules: ReadingRules | None = None

    def _rules(self, app: Sphinx) -> ReadingRules:
        """The configuration that decides how posts are read, built once."""
        if self._reading_rules is None:
            self._reading_rules = ReadingRules.from_config(app.config, app.srcdir,
                                                           notebook_outputs(app.env))
        return self._reading_rules

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        get_registry(env).forget(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str],
                    other: BuildEnvironment) -> None:
        get_registry(env).merge(docnames, get_registry(other))

    @guarded("reading the post", lambda self, app, doctree: app.env.docname)
    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        registry = get_registry(env)
        for node in doctree.findall(postlist):
            registry.add_listing(docname, listing_of(node))
        post = read_page(env, docname, doctree, self._rules(app))
        if isinstance(post, UndatedDraft):
            registry.undated[docname] = post.title
        elif post is not None:
            registry.add(post)


def posts_to_read_again(app: Sphinx, env: BuildEnvironment, added: Set[str],
                        changed: Set[str], removed: Set[str]) -> list[str]:
    """``env-get-outdated``: posts that a clean build would read otherwise, though their
    page did not change: one whose cover file can no longer be published (gone, or now a
    symbolic link, whatever its date says), and, when a page comes or goes, each whose
    excerpt has cross-references."""
    srcdir, pages_moved = Path(app.srcdir), bool(added or removed)
    outputs = notebook_outputs(env)
    return sorted(post.docname for post in get_registry(env).posts.values()
                  if (pages_moved and post.excerpt_refers)
                  or (post.image and not is_url(post.image)
                      and cover_file(srcdir, post.image, outputs) is None))


def listing_of(node: postlist) -> Listing:
    """The posts a ``postlist`` node asks for."""
    return Listing(
        PostFilter(
            tags=frozenset(node["tags"]),
            categories=frozenset(node["categories"]),
            authors=frozenset(node["authors"]),
            years=frozenset(node["years"]),
            locations=frozenset(node.get("locations", ())),
            languages=frozenset(node.get("languages", ())),
            featured=bool(node.get("featured", False)),
            blogs=frozenset(node.get("blogs", ())),
            match_all=node.get("match_all", False),
        ),
        limit=node["limit"],
        oldest_first=node.get("oldest_first", False),
    )



#: Facets whose terms are keys of a setting that gives their names.
NAMED_BY = {AUTHOR: "postlog_authors", LOCATION: "postlog_locations",
            LANGUAGE: "postlog_languages"}


def set_conventions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: how this build names term pages and orders posts of the same
    moment (``postlog_url_layout``)."""
    settings = settings_of(env)
    if settings.url_layout != "ablog":
        get_registry(env).set_conventions(Conventions())
        return
    names = []
    for kind, setting in NAMED_BY.items():
        book = AuthorBook(dict(settings.value(setting)))
        names.append((kind, tuple(sorted((key, entry.name)
                                         for key, entry in book.by_key.items()))))
    get_registry(env).set_conventions(Conventions(ablog=True, names=tuple(names)))


def configure_visibility(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: decide which posts this build shows, and say which it hides."""
    show_drafts = settings_of(app).show_drafts
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
