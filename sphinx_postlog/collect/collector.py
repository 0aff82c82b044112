"""The registry's life in the build environment: fill it while pages are read, purge
and merge it for incremental and parallel builds."""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from sphinx_postlog.collect.registry import Listing, PostFilter, get_registry
from sphinx_postlog.diagnostics import PostlogWarning, guarded, logger, warn
from sphinx_postlog.facets import AUTHOR, LANGUAGE, LOCATION
from sphinx_postlog.nodes import postlist
from sphinx_postlog.normalise import is_url
from sphinx_postlog.read.ablog_directives import DIRECTIVE_KEY, UPDATES_KEY
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.read.excerpts import EXCLUDED_CLASS
from sphinx_postlog.read.frontmatter import (
    FrontMatter,
    FrontMatterError,
    blank_out,
    json_less_keys,
    quote_scalars,
)
from sphinx_postlog.read.page_source import SourceReading, markdown_config, read_ahead
from sphinx_postlog.read.posts import (
    ReadingRules,
    UndatedDraft,
    meant_as_post,
    named_image,
    read_post,
)
from sphinx_postlog.read.schedule import DRAFT, Visibility, build_time
from sphinx_postlog.read.slugs import Conventions
from sphinx_postlog.read.source_files import cover_file, notebook_outputs
from sphinx_postlog.read.sources import PageKind, page_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_READING_KEY = "postlog_source_reading"
_BROKEN_KEY = "postlog_front_matter_broken"


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: read the page's front matter once, with its real types, as the
    check before reading read it (``read.page_source``; kept from that check when the
    source is the same).

    Broken front matter is reported here, once, and blanked out (line numbers kept) so
    that the page's parser does not report it a second time.
    """
    env = app.env
    reading = read_ahead(env).take(docname, page_kind(app, docname), source[0],
                                   markdown_config(env))
    env.temp_data[_READING_KEY] = reading
    if reading.kind is PageKind.NOTEBOOK:
        _read_notebook(env, docname, source, reading)
        return
    block = reading.block
    if reading.kind is PageKind.RST:
        if block is not None:
            warn("YAML front matter is not read in reStructuredText pages, so it is "
                 "ignored; write the fields as a field list (:tags: a, b) instead",
                 PostlogWarning.FRONTMATTER, location=(docname, block.first_line))
            source[0] = blank_out(source[0], block)
        return
    if block is None or reading.kind is not PageKind.MYST:
        return
    if reading.error is not None:
        _broken(env, docname, reading.error)
        source[0] = blank_out(source[0], block)
        return
    front_matter = reading.front_matter
    if front_matter is None:
        return
    _warn_problems(docname, front_matter)
    # Empty: MyST would report it again. Refused: keys that expand too far would make
    # MyST's own reading of the block as slow as ours would have been.
    if front_matter.empty or front_matter.refused:
        source[0] = blank_out(source[0], block)
        return
    untyped = json_less_keys(front_matter)
    if untyped:  # MyST-Parser 4 stops the whole build on them
        warn(f"{', '.join(map(repr, untyped))}: binary data, sets and ordered maps "
             "(!!binary, !!set, !!omap) cannot be shown to MyST, so the front matter is "
             "hidden from it (sphinx-postlog still reads it)", PostlogWarning.FRONTMATTER,
             location=(docname, block.first_line))
        source[0] = blank_out(source[0], block)
        return
    # MyST-NB stores a text notebook's front matter as JSON, which has no dates.
    to_quote = (front_matter.timestamps if "myst_nb" in app.extensions
                else front_matter.timestamps_to_quote)
    if to_quote:
        source[0] = quote_scalars(source[0], block, to_quote)


def _broken(env: BuildEnvironment, docname: str, error: FrontMatterError) -> None:
    warn(f"{error}; front matter ignored, so this page is not a post",
         PostlogWarning.FRONTMATTER, location=(docname, error.line))
    env.temp_data[_BROKEN_KEY] = True


def _warn_problems(docname: str, front_matter: FrontMatter) -> None:
    """Report the problems that do not stop reading."""
    for message, line in front_matter.problems:
        warn(message, PostlogWarning.FRONTMATTER, location=(docname, line))


def _read_notebook(env: BuildEnvironment, docname: str, source: list[str],
                   reading: SourceReading) -> None:
    if reading.notebook_source is not None:
        source[0] = reading.notebook_source
    if reading.error is not None:
        _broken(env, docname, reading.error)
    elif reading.front_matter is not None:
        _warn_problems(docname, reading.front_matter)


def _front_matter_read(env: BuildEnvironment, docname: str) -> FrontMatter | None:
    """The page's front matter as read: what the check before reading judged it by,
    with rST fields as docutils gave them and the post directive's options. A post
    directive that the page's parser ran where that check does not look (inside
    another directive, a list, a quote) is reported and ignored, so that the check and
    the reading agree."""
    reading: SourceReading | None = env.temp_data.get(_READING_KEY)
    directive_fields = env.temp_data.get(DIRECTIVE_KEY)
    if directive_fields and (reading is None or reading.directive is None):
        line = directive_fields["blogpost"].line
        warn("ABlog's post directive is read only at the top level of a page (not inside "
             "another directive, a list or a quote); this one is ignored",
             PostlogWarning.FIELD, location=(docname, line))
    if reading is None:
        return None
    rendered = env.metadata[docname] if reading.kind is PageKind.RST else None
    return reading.as_read(rendered, directive_fields)


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
        if env.temp_data.get(_BROKEN_KEY):
            # The broken front matter has had its warning; it may well have been a
            # post's, so no second warning that the page is in no toctree.
            env.metadata[docname].setdefault("orphan", True)
        front_matter = _front_matter_read(env, docname)
        if front_matter is None:
            return

        rules = self._rules(app)
        if meant_as_post(docname, front_matter, rules):
            # Posts are reached through post lists and archives, not toctrees (and a
            # post whose date failed has had its warning): no "not in any toctree".
            env.metadata[docname].setdefault("orphan", True)

        def warn_here(message: str, subtype: PostlogWarning, line: int) -> None:
            warn(message, subtype, location=(docname, line))

        post = read_post(docname, front_matter, doctree, rules, warn_here,
                         list(env.temp_data.get(UPDATES_KEY) or ()))
        image = named_image(front_matter, docname)
        if image is not None and "\x00" not in image:  # read again when it changes
            env.note_dependency(image)
        for box in list(doctree.findall(nodes.container)):
            if EXCLUDED_CLASS in box["classes"] and box.parent is not None:
                box.parent.remove(box)  # ABlog's :exclude: the excerpt is not on the page
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
    config = env.config
    if config.postlog_url_layout != "ablog":
        get_registry(env).set_conventions(Conventions())
        return
    names = []
    for kind, setting in NAMED_BY.items():
        book = AuthorBook(config[setting])
        names.append((kind, tuple(sorted((key, entry.name)
                                         for key, entry in book.by_key.items()))))
    get_registry(env).set_conventions(Conventions(ablog=True, names=tuple(names)))


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
