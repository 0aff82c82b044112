"""Places and languages are split on commas, as ABlog splits them, and feeds carry a
language only as a valid BCP 47 tag, whatever a post says."""

from __future__ import annotations

import json

import feedparser
import pytest
from lxml import etree

from conftest import build_site, copy_root
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.i18n import language_tag

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("ablog", tmp_path_factory.mktemp("languages"))
    first = srcdir / "posts/first.md"
    text = first.read_text()
    for key in ("location", "language"):
        text = "\n".join(line for line in text.splitlines()
                         if not line.startswith(f"{key}:")) + "\n"
    first.write_text(text.replace(
        "---\n", "---\nlocation: Dover, Delaware\nlanguage: English, Español\n", 1))
    second = srcdir / "posts/second.md"
    second.write_text(second.read_text().replace(":category: Release\n",
                                                 ":category: Release\n:language: Español\n"))
    return build_site(srcdir, confoverrides={"language": "pt_BR"})


def test_places_and_languages_are_split_on_commas(site) -> None:
    post = get_registry(site.env).posts["posts/first"]
    assert post.locations == ("Dover", "Delaware")
    assert post.languages == ("English", "Español")
    for page in ("news/location/dover.html", "news/location/delaware.html",
                 "news/language/english.html", "news/language/espanol.html"):
        assert (site.outdir / page).is_file(), page


def test_every_feed_is_valid_and_its_languages_are_tags(site, atom_schema) -> None:
    feeds = sorted(site.outdir.rglob("atom.xml"))
    assert len(feeds) > 5  # a feed for every archive page
    for path in feeds:
        document = etree.parse(str(path))
        assert atom_schema.validate(document), (path, atom_schema.error_log)
        assert document.getroot().get(XML_LANG) == "pt-BR"
    entries = {entry.findtext("{http://www.w3.org/2005/Atom}title"): entry.get(XML_LANG)
               for entry in etree.parse(str(site.outdir / "news/atom.xml")).getroot()
               .iter("{http://www.w3.org/2005/Atom}entry")}
    assert entries["Second ABlog post"] == "es"  # one language, named: its tag
    assert entries["First ABlog post"] is None  # two languages: the feed's holds
    rss = feedparser.parse((site.outdir / "news/rss.xml").read_bytes()) \
        if (site.outdir / "news/rss.xml").exists() else None
    if rss is not None:
        assert rss.feed.language == "pt-BR"
    for path in site.outdir.rglob("feed.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("language") in (None, "pt-BR")
        assert {item.get("language") for item in data["items"]} <= {None, "es", "en"}


@pytest.mark.parametrize(("text", "tag"), [
    ("en", "en"), ("pt_BR", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"),
    ("English", "en"), ("español", "es"), ("Deutsch", "de"), ("日本語", "ja"),
    ("English, Español", ""), ("xx", ""), ("", ""), ("en-", ""), ("e", ""),
])
def test_language_tags(text, tag) -> None:
    assert language_tag(text) == tag
