"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with the json module."""

from __future__ import annotations

import json
from typing import Any

from sphinx_postlog.render.views import AuthorView, rfc3339
from sphinx_postlog.write.feed_model import FeedDocument, FeedEntry, xml_text

VERSION = "https://jsonfeed.org/version/1.1"


def _author(author: AuthorView) -> dict[str, str]:
    found = {"name": xml_text(author.name)}
    if author.homepage:
        found["url"] = author.homepage
    return found


def _item(entry: FeedEntry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "url": entry.url,
        "title": xml_text(entry.title),
        "date_published": rfc3339(entry.published),
        "date_modified": rfc3339(entry.updated),
        "authors": [_author(author) for author in entry.authors],
    }
    if entry.summary:
        item["summary"] = xml_text(entry.summary)
    # An item needs content: the whole post if the feed carries it, else its excerpt.
    if entry.content_html is not None:
        item["content_html"] = xml_text(entry.content_html)
    elif entry.summary_html:
        item["content_html"] = xml_text(entry.summary_html)
    else:
        item["content_text"] = xml_text(entry.summary)
    if entry.terms:
        item["tags"] = list(dict.fromkeys(xml_text(term.name) for term in entry.terms))
    if entry.language:
        item["language"] = entry.language
    if entry.image:
        item["image"] = entry.image
    return item


def render(document: FeedDocument) -> bytes:
    """The JSON Feed document."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": xml_text(document.title),
        "home_page_url": document.home_url,
        "feed_url": document.urls["json"],
    }
    if document.subtitle:
        feed["description"] = xml_text(document.subtitle)
    if document.logo or document.icon:
        feed["icon"] = document.logo or document.icon
    if document.icon:
        feed["favicon"] = document.icon
    feed["authors"] = [_author(document.author)]
    if document.language:
        feed["language"] = document.language
    feed["items"] = [_item(entry) for entry in document.entries]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
