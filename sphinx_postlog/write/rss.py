"""RSS 2.0, written with ElementTree so every value is escaped.

Authors are Dublin Core ``dc:creator`` (RSS's own ``author`` must be an e-mail address),
full content is ``content:encoded``, and ``atom:link rel="self"`` names the feed's URL, as
the RSS Advisory Board recommends.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from email.utils import format_datetime

from sphinx_postlog.write.feed_model import (
    GENERATOR_URI,
    FeedDocument,
    FeedEntry,
    xml_bytes,
    xml_sub,
)

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
for _prefix, _uri in (("atom", ATOM), ("content", CONTENT), ("dc", DC), ("media", MEDIA)):
    ET.register_namespace(_prefix, _uri)


def _item(channel: ET.Element, entry: FeedEntry) -> None:
    item = xml_sub(channel, "item")
    xml_sub(item, "title", entry.title)
    xml_sub(item, "link", entry.url)
    xml_sub(item, "guid", entry.id, isPermaLink="true" if entry.id == entry.url else "false")
    xml_sub(item, "pubDate", format_datetime(entry.published))
    for author in entry.authors:
        xml_sub(item, f"{{{DC}}}creator", author.name)
    for term in entry.terms:
        xml_sub(item, "category", term.name, domain=term.scheme)
    if entry.summary_html or entry.summary:
        xml_sub(item, "description", entry.summary_html or entry.summary)
    if entry.image:
        xml_sub(item, f"{{{MEDIA}}}content", url=entry.image, medium="image")
    if entry.content_html is not None:
        xml_sub(item, f"{{{CONTENT}}}encoded", entry.content_html)


def render(document: FeedDocument) -> bytes:
    """The RSS 2.0 document."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = xml_sub(rss, "channel")
    xml_sub(channel, "title", document.title)
    xml_sub(channel, "link", document.home_url)
    xml_sub(channel, "description", document.subtitle or document.title)
    xml_sub(channel, f"{{{ATOM}}}link", href=document.urls["rss"], rel="self",
         type="application/rss+xml")
    if document.language:
        xml_sub(channel, "language", document.language)
    if document.rights:
        xml_sub(channel, "copyright", document.rights)
    xml_sub(channel, "lastBuildDate", format_datetime(document.updated))
    xml_sub(channel, "generator", f"sphinx-postlog {document.version} ({GENERATOR_URI})")
    if document.logo or document.icon:
        image = xml_sub(channel, "image")
        xml_sub(image, "url", str(document.logo or document.icon))
        xml_sub(image, "title", document.title)
        xml_sub(image, "link", document.home_url)
    for entry in document.entries:
        _item(channel, entry)
    return xml_bytes(rss)
