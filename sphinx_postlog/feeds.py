"""Atom feeds (RFC 4287), written with ElementTree so every value is escaped.

Timestamps come from the posts, never from the clock, so the same sources always give
the same bytes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import PostlogWarning, contained, logger, warn
from .facets import CATEGORY, FACET, FACETS, TAG
from .feed_content import PostContent, remove_kept_texts
from .links import ArchiveLayout, builds_archives
from .outputs import keep_only_feeds, write_if_changed
from .registry import Registry, group_by
from .views import AuthorView, Presenter, rfc3339
from .writing import write_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .posts import Post

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 forbids even when escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_UNSET_AUTHORS = frozenset({"", "unknown", "Author name not set"})


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (control characters)."""
    return _NOT_XML.sub("", text)


def base_url(config: Config) -> str | None:
    """``html_baseurl`` ending with ``/``, or None if it is not set."""
    url = (config.html_baseurl or "").strip()
    if not url:
        return None
    return url if url.endswith("/") else url + "/"


def default_author(config: Config) -> str:
    """Author of posts that name none: ``postlog_default_author``, Sphinx's ``author``,
    else the project name."""
    if config.postlog_default_author:
        return str(config.postlog_default_author)
    if config.author and config.author not in _UNSET_AUTHORS:
        return str(config.author)
    return str(config.project)


@dataclass(frozen=True)
class FeedSite:
    """What a feed says about the site, as absolute URLs."""

    title: str
    feed_url: str
    site_url: str
    default_author: AuthorView
    subtitle: str | None = None


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _author(parent: ET.Element, author: AuthorView) -> None:
    element = _sub(parent, "author")
    _sub(element, "name", author.name)
    if author.homepage:
        _sub(element, "uri", author.homepage)


def _entry(post: Post, url: str, site: FeedSite, presenter: Presenter,
           content: PostContent | None) -> ET.Element:
    entry = ET.Element("entry")
    if post.language:
        entry.set("{http://www.w3.org/XML/1998/namespace}lang", xml_text(post.language))
    _sub(entry, "id", url)
    _sub(entry, "title", post.title, type="text")
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "published", rfc3339(post.date))
    _sub(entry, "updated", rfc3339(post.last_modified))
    authors = [presenter.author(name) for name in post.authors] or [site.default_author]
    for author in authors:
        _author(entry, author)
    for term in dict.fromkeys(post.tags + post.categories):
        _sub(entry, "category", term=term)
    if post.excerpt:
        _sub(entry, "summary", post.excerpt, type="text")
    text = content.html(post.docname, url) if content is not None else None
    if text is not None:
        _sub(entry, "content", text, type="html")
    elif content is not None:
        warn(f"the text of {post.docname!r} was not kept when its page was written, so "
             "its feed entry has no content",
             PostlogWarning.FEED, location=post.docname)
    return entry


def build_feed(site: FeedSite, entries: list[tuple[Post, str]], presenter: Presenter,
               content: PostContent | None = None) -> bytes:
    """The Atom document for ``entries`` (post, absolute URL), newest first; an entry
    that cannot be made is left out, with a warning naming its post."""
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE})
    _sub(feed, "id", site.feed_url)
    _sub(feed, "title", site.title)
    if site.subtitle:
        _sub(feed, "subtitle", site.subtitle)
    _sub(feed, "updated", rfc3339(max(post.last_modified for post, _ in entries)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site.feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site.site_url)
    _author(feed, site.default_author)
    _sub(feed, "generator", "sphinx-postlog", uri="https://pypi.org/project/sphinx-postlog/")
    for post, url in entries:
        with contained(f"writing the feed entry of {post.docname!r}", post.docname):
            feed.append(_entry(post, url, site, presenter, content))
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def warn_if_feed_impossible(app: Sphinx) -> None:
    """``builder-inited``: one clear warning when a feed is wanted but cannot be made."""
    if builds_archives(app.builder) and app.config.postlog_feed_path and not base_url(
        app.config
    ):
        warn("html_baseurl is not set, so no Atom feed is written (feeds need absolute "
             "URLs); set html_baseurl, or postlog_feed_path = None to go without a feed",
             PostlogWarning.FEED)


def feed_url(config: Config) -> str | None:
    """The absolute URL of the site-wide feed, or None if there is none."""
    root = base_url(config)
    if root is None or not config.postlog_feed_path:
        return None
    return root + str(config.postlog_feed_path)


@dataclass(frozen=True)
class Feed:
    """One feed to write: where, its title, its posts, and the page it stands for."""

    path: str
    title: str
    posts: list[Post]
    alternate: str


def feed_title(config: Config) -> str:
    """The site-wide feed's title: ``postlog_feed_title``, else the project name."""
    return str(config.postlog_feed_title or config.project)


def term_feed_kinds(config: Config) -> list[str]:
    """The facets whose terms get feeds of their own."""
    if config.postlog_feed_archives:
        return [facet.kind for facet in FACETS]
    return [kind for kind, wanted in ((TAG, config.postlog_feed_tags),
                                      (CATEGORY, config.postlog_feed_categories)) if wanted]


def planned_feeds(config: Config, registry: Registry, layout: ArchiveLayout,
                  names: Callable[[str, str], str]) -> list[Feed]:
    """Every feed this build writes; ``names(kind, term)`` gives a term's display name."""
    length = (None if config.postlog_feed_length is None
              else max(config.postlog_feed_length, 0))
    published = registry.published()
    title = feed_title(config)
    feeds = [Feed(str(config.postlog_feed_path), title, published[:length], layout.blog_index)]
    for kind in term_feed_kinds(config):
        groups = group_by(published, FACET[kind].terms_of)
        for term, slug in sorted(registry.slugs(kind).items()):
            if groups.get(term):
                feeds.append(Feed(layout.term_feed(kind, slug),
                                  f"{title}: {names(kind, term)}", groups[term][:length],
                                  layout.term_page(kind, slug)))
    return feeds


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the site-wide feed, and those of tags and categories,
    into the output directory (files whose content did not change are left alone), and
    remove the feeds earlier builds wrote that this one does not."""
    if exception is not None or not builds_archives(app.builder):
        return
    config = app.config
    if not config.postlog_feed_full_content:
        remove_kept_texts(app)
    written = _write_feeds(app) if base_url(config) and config.postlog_feed_path else []
    keep_only_feeds(app, written)


def _write_feeds(app: Sphinx) -> list[str]:
    """Write every planned feed that has posts; the paths written."""
    config, builder = app.config, app.builder
    root = str(base_url(config))
    context = write_context(builder, app.env)
    presenter = context.presenter
    content = PostContent(app) if config.postlog_feed_full_content else None
    if content is not None:
        content.remove_others(set(context.registry.posts))
    written = []
    for feed in planned_feeds(config, context.registry, context.layout,
                              presenter.term_name):
        if not feed.posts:
            logger.info("postlog: no posts, so no feed written at %s", feed.path)
            continue
        with contained(f"writing the feed {feed.path}"):
            site = FeedSite(
                title=feed.title,
                feed_url=root + feed.path,
                site_url=root + builder.get_target_uri(feed.alternate),
                default_author=presenter.author(default_author(config)),
                subtitle=config.postlog_feed_subtitle,
            )
            entries = [(post, root + builder.get_target_uri(post.docname))
                       for post in feed.posts]
            target = Path(builder.outdir, *feed.path.split("/"))
            write_if_changed(target, build_feed(site, entries, presenter, content))
            written.append(feed.path)
    return written


def feed_link_tag(app: Sphinx, pagename: str, templatename: str, context: dict[str, object],
                  doctree: object) -> None:
    """``html-page-context``: advertise the feed in every page's ``<head>``."""
    url = feed_url(app.config)
    if url is None or not builds_archives(app.builder):
        return
    feeds = [(feed_title(app.config), url)]
    page_feed = context.get("postlog_feed")  # set on tag and category pages with feeds
    if isinstance(page_feed, dict):
        feeds.append((str(page_feed["title"]), str(page_feed["absolute_url"])))
    tags = "".join(f'<link rel="alternate" type="application/atom+xml" '
                   f'title="{html.escape(title)}" href="{html.escape(href)}" />\n'
                   for title, href in feeds)
    context["metatags"] = str(context.get("metatags", "")) + tags

