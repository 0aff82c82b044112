"""Atom (RFC 4287), written with ElementTree so every value is escaped."""

from __future__ import annotations

import mimetypes
import xml.etree.ElementTree as ET

from sphinx_postlog.render.views import AuthorView, rfc3339
from sphinx_postlog.write.feed_model import (
    GENERATOR_URI,
    FeedDocument,
    FeedEntry,
    xml_bytes,
    xml_sub,
    xml_text,
)

NAMESPACE = "http://www.w3.org/2005/Atom"


def _author(parent: ET.Element, author: AuthorView) -> None:
    element = xml_sub(parent, "author")
    xml_sub(element, "name", author.name)
    if author.homepage:
        xml_sub(element, "uri", author.homepage)


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    element = xml_sub(feed, "entry")
    if entry.language:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", xml_text(entry.language))
    xml_sub(element, "id", entry.id)
    xml_sub(element, "title", entry.title, type="text")
    xml_sub(element, "link", rel="alternate", type="text/html", href=entry.url)
    xml_sub(element, "published", rfc3339(entry.published))
    xml_sub(element, "updated", rfc3339(entry.updated))
    for author in entry.authors:
        _author(element, author)
    for term in entry.terms:
        xml_sub(element, "category", term=term.name, scheme=term.scheme, label=term.name)
    if entry.image:
        xml_sub(element, "link", rel="enclosure", href=entry.image,
                type=mimetypes.guess_type(entry.image)[0] or "image/*")
    if entry.summary_html:
        xml_sub(element, "summary", entry.summary_html, type="html")
    elif entry.summary:
        xml_sub(element, "summary", entry.summary, type="text")
    if entry.content_html is not None:
        xml_sub(element, "content", entry.content_html, type="html")


def render(document: FeedDocument) -> bytes:
    """The Atom document."""
    feed = ET.Element("feed", {"xmlns": NAMESPACE})
    if document.language:
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", xml_text(document.language))
    self_url = document.urls["atom"]
    xml_sub(feed, "id", self_url)
    xml_sub(feed, "title", document.title)
    if document.subtitle:
        xml_sub(feed, "subtitle", document.subtitle)
    xml_sub(feed, "updated", rfc3339(document.updated))
    xml_sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    xml_sub(feed, "link", rel="alternate", type="text/html", href=document.home_url)
    _author(feed, document.author)
    xml_sub(feed, "generator", "sphinx-postlog", uri=GENERATOR_URI, version=document.version)
    if document.icon:
        xml_sub(feed, "icon", document.icon)
    if document.logo:
        xml_sub(feed, "logo", document.logo)
    if document.rights:
        xml_sub(feed, "rights", document.rights)
    for entry in document.entries:
        _entry(feed, entry)
    return xml_bytes(feed)
