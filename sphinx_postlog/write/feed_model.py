"""A feed as plain data, the same for every format (Atom, RSS 2.0, JSON Feed 1.1): each
format's writer only arranges these values its own way.

Timestamps come from the posts, never from the clock, so the same sources always give
the same bytes. Entry ids never change with the builder, the page suffix or the theme:
they are ``postlog_feed_id_base`` (else ``html_baseurl``) followed by the post's docname.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from sphinx_postlog.render.views import AuthorView

#: Where the feeds' generator element points (Atom's uri, RSS's text).
GENERATOR_URI = "https://pypi.org/project/sphinx-postlog/"

#: The formats, each with its MIME type.
MIME_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml",
              "json": "application/feed+json"}
FORMATS = tuple(MIME_TYPES)
#: Characters XML 1.0 forbids even when escaped (JSON carries them, but no reader wants
#: them): the complement of its ``Char``, written as the few ranges it leaves out (the
#: complement itself takes 10 ms to compile, on every build).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry (control characters)."""
    return _NOT_XML.sub("", text)


def xml_bytes(root: ET.Element) -> bytes:
    """The XML document of ``root``, indented, with its declaration and a final newline."""
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def xml_sub(parent: ET.Element, tag: str, text: str | None = None,
            **attributes: str) -> ET.Element:
    """A child element of ``parent``, every value made fit for XML (ElementTree escapes
    them)."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


@dataclass(frozen=True)
class FeedTerm:
    """A tag, category or series of an entry, with the absolute URL of its kind's index
    page as the scheme that tells them apart."""

    name: str
    kind: str
    scheme: str


@dataclass(frozen=True)
class FeedEntry:
    """One post in a feed."""

    id: str
    url: str
    title: str
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[AuthorView, ...]
    terms: tuple[FeedTerm, ...]
    summary: str
    content_html: str | None
    language: str
    #: The cover image's absolute URL.
    image: str | None = None
    #: The summary as HTML (emphasis, code and links kept, links absolute).
    summary_html: str = ""


@dataclass(frozen=True)
class FeedDocument:
    """One feed: what it says about the site, and its entries, newest first."""

    title: str
    subtitle: str | None
    home_url: str
    #: The absolute URL of this feed in each format written.
    urls: dict[str, str]
    language: str
    author: AuthorView
    updated: dt.datetime
    icon: str | None
    logo: str | None
    rights: str | None
    version: str
    entries: tuple[FeedEntry, ...]
