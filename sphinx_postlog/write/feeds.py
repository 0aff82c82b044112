"""Feeds: which ones a build writes (the site's, and those of tags, categories or every
archive page), in which formats (``postlog_feed_formats``: Atom, RSS 2.0, JSON Feed), and
the links to them in every page's ``<head>``. Each format's writer is a module of its
own (``atom``, ``rss``, ``jsonfeed``), fed the same ``FeedDocument``.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import Registry, get_registry, group_by
from sphinx_postlog.config import config_location, site_author, site_feed_files
from sphinx_postlog.diagnostics import PostlogWarning, contained, logger, warn
from sphinx_postlog.facets import CATEGORY, FACET, FACETS, LANGUAGE, SERIES, TAG
from sphinx_postlog.i18n import language_tag
from sphinx_postlog.read.excerpts import resolve_links
from sphinx_postlog.record.fingerprints import feed_fingerprint
from sphinx_postlog.record.output_files import write_if_changed
from sphinx_postlog.record.rewrites import feeds_unchanged
from sphinx_postlog.record.saved_record import last_record
from sphinx_postlog.record.stale_files import keep_only_feeds
from sphinx_postlog.render.context import WriteContext, every_blog
from sphinx_postlog.render.covers import absolute_url
from sphinx_postlog.render.layout import ArchiveLayout, builds_archives
from sphinx_postlog.write.feed_content import PostContent, kept_text_stamps, remove_kept_texts
from sphinx_postlog.write.feed_model import FORMATS, MIME_TYPES, FeedDocument, FeedEntry, FeedTerm

from . import atom, jsonfeed, rss

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_postlog.read.posts import Post

WRITERS: dict[str, Callable[[FeedDocument], bytes]] = {
    "atom": atom.render, "rss": rss.render, "json": jsonfeed.render}


def base_url(config: Config) -> str | None:
    """``html_baseurl`` ending with ``/``, or None if it is not set."""
    url = (config.html_baseurl or "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def default_author(config: Config) -> str:
    """Author of posts that name none: ``postlog_default_author``, Sphinx's ``author``,
    else the project name."""
    return site_author(config) or str(config.project)


def entry_id(config: Config, docname: str, url: str) -> str:
    """A post's id in every feed: ``postlog_feed_id_base`` (else ``html_baseurl``) and its
    docname, whatever the builder; on ABlog sites without that setting, the post's URL,
    as ABlog made its ids (so readers do not see every post again)."""
    base = config.postlog_feed_id_base
    if base is None and config.postlog_ablog_compat:
        return url
    return f"{base if base is not None else base_url(config)}{docname}"


def _static_url(root: str, value: object) -> str | None:
    """The absolute URL of ``html_logo`` or ``html_favicon`` (Sphinx copies a file to
    ``_static/``)."""
    if not value:
        return None
    text = str(value)
    if "://" in text:
        return text
    return f"{root}_static/{posixpath.basename(text.replace(chr(92), '/'))}"


def warn_if_feed_impossible(app: Sphinx) -> None:
    """``builder-inited``: one clear warning when a feed is wanted but cannot be made."""
    if builds_archives(app.builder) and app.config.postlog_feed_path and not base_url(
        app.config
    ):
        warn("html_baseurl is not set, so no feed is written (feeds need absolute URLs); "
             "set html_baseurl, or postlog_feed_path = None to go without a feed",
             PostlogWarning.FEED)


#: Sphinx's ``project`` when ``conf.py`` does not set it.
_UNSET_PROJECT = "Project name not set"


def warn_if_feed_unnamed(app: Sphinx) -> None:
    """``builder-inited``: a feed titled, or posts credited to, Sphinx's placeholder
    "Project name not set" gets one warning saying so (a first site often has no
    ``project``)."""
    config = app.config
    if not builds_archives(app.builder) or feed_url(config) is None:
        return
    if str(config.project) != _UNSET_PROJECT:
        return
    shows = [part for part, used in (
        ("the feeds' title", not config.postlog_feed_title),
        ("the author of posts that name none",
         default_author(config) == _UNSET_PROJECT)) if used]
    if shows:
        warn(f"project is not set in conf.py, so {' and '.join(shows)} will read "
             f"{_UNSET_PROJECT!r}; set project (and author, or postlog_default_author)",
             PostlogWarning.CONFIG, location=config_location(app, "html_baseurl"))


def site_feed_paths(config: Config) -> dict[str, str]:
    """Where the site-wide feed goes in each format: Atom at ``postlog_feed_path``, RSS
    (``rss.xml``) and JSON Feed (``feed.json``) beside it."""
    if not config.postlog_feed_path:
        return {}
    return _chosen(config, site_feed_files(str(config.postlog_feed_path)))


def _chosen(config: Config, paths: dict[str, str]) -> dict[str, str]:
    """The formats ``postlog_feed_formats`` asks for, one file each."""
    chosen: dict[str, str] = {}
    for name in FORMATS:
        if name in config.postlog_feed_formats and paths[name] not in chosen.values():
            chosen[name] = paths[name]
    return chosen


def first_format(paths: dict[str, str]) -> dict[str, str]:
    """What a page's link to a feed needs: the format, path and MIME type of the first
    of its formats (``paths`` is not empty)."""
    kind, path = next(iter(paths.items()))
    return {"format": kind, "path": path, "type": MIME_TYPES[kind]}


def feed_url(config: Config) -> str | None:
    """The absolute URL of the site-wide feed (its first format), or None."""
    root, paths = base_url(config), site_feed_paths(config)
    if root is None or not paths:
        return None
    return root + first_format(paths)["path"]


@dataclass(frozen=True)
class Feed:
    """One feed to write: where in each format, its title, its posts, and the page it
    stands for."""

    paths: dict[str, str]
    title: str
    posts: list[Post]
    alternate: str


def feed_title(config: Config) -> str:
    """The site-wide feed's title: ``postlog_feed_title``, else the project name."""
    return str(config.postlog_feed_title or config.project)


def term_feed_kinds(config: Config) -> list[str]:
    """The facets whose terms get feeds of their own (beside their pages: none for a
    facet without pages, see ``postlog_archives``)."""
    if config.postlog_feed_archives:
        kinds = [facet.kind for facet in FACETS]
    else:
        kinds = [kind for kind, wanted in ((TAG, config.postlog_feed_tags),
                                           (CATEGORY, config.postlog_feed_categories))
                 if wanted]
    return [kind for kind in kinds if kind in config.postlog_archives]


def term_feed_paths(config: Config, layout: ArchiveLayout, kind: str,
                    slug: str) -> dict[str, str]:
    """Where the feed of one term goes in each format."""
    return _chosen(config, {name: layout.term_feed(kind, slug, name) for name in FORMATS})


def planned_feeds(config: Config, registry: Registry, layout: ArchiveLayout,
                  names: Callable[[str, str], str]) -> list[Feed]:
    """Every feed this build writes; ``names(kind, term)`` gives a term's display name."""
    length = (None if config.postlog_feed_length is None
              else max(config.postlog_feed_length, 0))
    published = registry.published()
    title = feed_title(config)
    feeds = [Feed(site_feed_paths(config), title, published[:length], layout.blog_index)]
    for kind in term_feed_kinds(config):
        groups = group_by(published, FACET[kind].terms_of)
        for term, slug in sorted(registry.slugs(kind).items()):
            if groups.get(term):
                feeds.append(Feed(term_feed_paths(config, layout, kind, slug),
                                  f"{title}: {names(kind, term)}", groups[term][:length],
                                  layout.term_page(kind, slug)))
    return feeds


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write every feed in every chosen format into the output folder
    (files whose content did not change are left alone), and remove the feeds earlier
    builds wrote that this one does not. When nothing feeds are made of has changed and the
    last build's feeds are all there, none is made."""
    if exception is not None or not builds_archives(app.builder):
        return
    config = app.config
    if not config.postlog_feed_full_content:
        remove_kept_texts(app)
    written: list[str] = []
    inputs = ""
    if base_url(config) and any(blog.config(config).postlog_feed_path
                                for blog in site_blogs(config)):
        inputs = _feed_inputs(app)
        if feeds_unchanged(app, inputs):
            written = list(last_record(app).feeds)
        else:
            written, complete = _write_feeds(app)
            inputs = inputs if complete else ""  # made again next time, with its warning
    keep_only_feeds(app, written, inputs)


def _feed_inputs(app: Sphinx) -> str:
    """A digest of what feeds are made of: the posts they show, the settings (see
    ``feed_fingerprint``), the file names of terms, the builder's URLs and, with full
    content, each post's kept body."""
    config, registry = app.config, get_registry(app.env)
    texts = kept_text_stamps(app) if config.postlog_feed_full_content else []
    return hashlib.sha256(repr((
        feed_fingerprint(app), registry.digest(), sorted(registry.all_slugs().items()),
        app.builder.name, texts,
    )).encode("utf-8")).hexdigest()


class _Entries:
    """Feed entries of posts, each made once however many feeds carry the post."""

    def __init__(self, app: Sphinx, context: WriteContext) -> None:
        self.app, self.context = app, context
        config = context.config
        self.root = str(base_url(config))
        self.content = PostContent(app) if config.postlog_feed_full_content else None
        self.default_author = context.presenter.author(default_author(config))
        self.schemes = {kind: self.root + app.builder.get_target_uri(context.layout.index(kind))
                        for kind in (TAG, CATEGORY, SERIES)}
        self._made: dict[str, FeedEntry | None] = {}

    def of(self, post: Post) -> FeedEntry | None:
        """The entry of ``post`` (None, with a warning, if it cannot be made)."""
        if post.docname not in self._made:
            self._made[post.docname] = None
            with contained(f"writing the feed entry of {post.docname!r}", post.docname):
                self._made[post.docname] = self._entry(post)
        return self._made[post.docname]

    @property
    def complete(self) -> bool:
        """Whether every entry asked for could be made."""
        return None not in self._made.values()

    def _entry(self, post: Post) -> FeedEntry:
        presenter, config = self.context.presenter, self.app.config
        url = self.root + self.app.builder.get_target_uri(post.docname)
        text = self.content.html(post.docname, url) if self.content is not None else None
        if self.content is not None and text is None:
            warn(f"the text of {post.docname!r} was not kept when its page was written, so "
                 "its feed entry has no content", PostlogWarning.FEED, location=post.docname)
        terms = [FeedTerm(tag, TAG, self.schemes[TAG]) for tag in post.tags] + [
            FeedTerm(category, CATEGORY, self.schemes[CATEGORY])
            for category in post.categories]
        if post.series:  # a category of its own scheme: readers show it as they do tags
            terms.append(FeedTerm(post.series, SERIES, self.schemes[SERIES]))
        return FeedEntry(
            id=entry_id(config, post.docname, url), url=url, title=post.title,
            published=post.date, updated=post.last_modified,
            authors=tuple(presenter.author(name) for name in post.authors)
            or (self.default_author,),
            terms=tuple(terms), summary=post.excerpt, content_html=text,
            language=self._language(post), image=absolute_url(post, self.root),
            summary_html=self._summary_html(post))

    def _summary_html(self, post: Post) -> str:
        """The excerpt as HTML, every link absolute (feed readers show it away from the
        site)."""
        builder = self.app.builder
        return resolve_links(post.excerpt_html,
                             lambda docname: self.root + builder.get_target_uri(docname),
                             lambda path: self.root + path)

    def _language(self, post: Post) -> str:
        """The language tag of a post written in one language (by its key, or its name),
        else "" (the feed's language holds)."""
        if len(post.languages) != 1:
            return ""
        key = post.languages[0]
        return (language_tag(key)
                or language_tag(self.context.presenter.term_name(LANGUAGE, key)))


def _write_feeds(app: Sphinx) -> tuple[list[str], bool]:
    """Write every planned feed of every blog that has posts, in each chosen format;
    the paths written, and whether every feed and entry could be."""
    written, tried, complete = [], 0, True
    if app.config.postlog_feed_full_content:
        PostContent(app).remove_others(set(get_registry(app.env).posts))
    for context in every_blog(app.builder, app.env):
        entries = _Entries(app, context)
        paths, count = _write_blog_feeds(app, context, entries)
        written += paths
        tried += count
        complete = complete and entries.complete
    return written, complete and len(written) == tried


def _write_blog_feeds(app: Sphinx, context: WriteContext, entries: _Entries
                      ) -> tuple[list[str], int]:
    """Write one blog's feeds; the paths written, and how many were tried."""
    from sphinx_postlog import __version__

    config, builder = context.config, app.builder
    root = entries.root
    written, tried = [], 0
    for feed in planned_feeds(config, context.registry, context.layout,
                              context.presenter.term_name):
        if not feed.posts:
            logger.info("postlog: no posts, so no feed written at %s",
                        ", ".join(feed.paths.values()))
            continue
        made = tuple(entry for entry in map(entries.of, feed.posts) if entry is not None)
        if not made:
            continue
        document = FeedDocument(
            title=feed.title, subtitle=config.postlog_feed_subtitle,
            home_url=root + builder.get_target_uri(feed.alternate),
            urls={name: root + path for name, path in feed.paths.items()},
            language=language_tag(str(config.language or "")),
            author=entries.default_author,
            updated=max(entry.updated for entry in made),
            icon=_static_url(root, config.html_favicon), logo=_static_url(root, config.html_logo),
            rights=str(config.copyright) if config.copyright else None,
            version=__version__, entries=made)
        for name, path in feed.paths.items():
            tried += 1
            with contained(f"writing the feed {path}"):
                write_if_changed(Path(builder.outdir, *path.split("/")),
                                 WRITERS[name](document))
                written.append(path)
    return written, tried


def feed_links(config: Config, title: str, paths: dict[str, str]) -> list[dict[str, str]]:
    """A feed in each format: its title, MIME type and absolute URL."""
    root = str(base_url(config))
    return [{"title": title, "type": MIME_TYPES[name], "absolute_url": root + path}
            for name, path in paths.items()]


def feed_link_tag(app: Sphinx, pagename: str, templatename: str, context: dict[str, object],
                  doctree: object) -> None:
    """``html-page-context``: advertise the feeds in every page's ``<head>``: the site's,
    and on a tag or category page with feeds of its own, those too."""
    if not builds_archives(app.builder):
        return
    links = [link for blog in site_blogs(app.config)
             if feed_url(config := blog.config(app.config)) is not None
             for link in feed_links(config, feed_title(config), site_feed_paths(config))]
    if not links:
        return
    page_feed = context.get("postlog_feed")  # set on tag and category pages with feeds
    if isinstance(page_feed, dict):
        links += list(page_feed["links"])
    tags = "".join(f'<link rel="alternate" type="{link["type"]}" '
                   f'title="{html.escape(link["title"])}" '
                   f'href="{html.escape(link["absolute_url"])}" />\n' for link in links)
    context["metatags"] = str(context.get("metatags", "")) + tags
