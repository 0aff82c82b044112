"""Atom feeds (RFC 4287), written with ElementTree so every value is escaped.

Timestamps come from the posts, never from the clock, so the same sources always give
the same bytes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import PostlogWarning, logger, warn
from .links import ArchiveLayout, builds_archives
from .outputs import write_if_changed
from .registry import get_registry
from .views import AuthorView, Presenter, rfc3339

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


def build_feed(site: FeedSite, entries: list[tuple[Post, str]], presenter: Presenter) -> bytes:
    """The Atom document for ``entries`` (post, absolute URL), newest first."""
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE})
    _sub(feed, "id", site.feed_url)
    _sub(feed, "title", site.title)
    _sub(feed, "updated", rfc3339(max(post.last_modified for post, _ in entries)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=site.feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=site.site_url)
    _author(feed, site.default_author)
    _sub(feed, "generator", "sphinx-postlog", uri="https://pypi.org/project/sphinx-postlog/")
    for post, url in entries:
        entry = _sub(feed, "entry")
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


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the site-wide feed into the output directory."""
    if exception is not None or not builds_archives(app.builder):
        return
    config = app.config
    root, url = base_url(config), feed_url(config)
    if root is None or url is None:
        return
    posts = get_registry(app.env).published()[: max(config.postlog_feed_length, 0)]
    if not posts:
        logger.info("postlog: no posts, so no feed written")
        return
    presenter = Presenter(config)
    builder = app.builder
    layout = ArchiveLayout.from_config(config)
    site = FeedSite(
        title=config.postlog_feed_title or config.project,
        feed_url=url,
        site_url=root + builder.get_target_uri(layout.blog_index),
        default_author=presenter.author(default_author(config)),
    )
    entries = [(post, root + builder.get_target_uri(post.docname)) for post in posts]
    target = Path(builder.outdir, *config.postlog_feed_path.split("/"))
    write_if_changed(target, build_feed(site, entries, presenter))


def feed_link_tag(app: Sphinx, pagename: str, templatename: str, context: dict[str, object],
                  doctree: object) -> None:
    """``html-page-context``: advertise the feed in every page's ``<head>``."""
    url = feed_url(app.config)
    if url is None or not builds_archives(app.builder):
        return
    title = app.config.postlog_feed_title or app.config.project
    tag = (f'<link rel="alternate" type="application/atom+xml" '
           f'title="{html.escape(title)}" href="{html.escape(url)}" />\n')
    context["metatags"] = str(context.get("metatags", "")) + tag

