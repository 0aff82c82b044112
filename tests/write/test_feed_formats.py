"""Feeds in three formats (Atom, RSS 2.0, JSON Feed 1.1), each valid by its own
specification, with the same stable entry ids, linked from every page's head."""

from __future__ import annotations

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from lxml import etree

from conftest import SCHEMAS, build_site, copy_root, read_html, write_site

SETTINGS = {"postlog_feed_tags": True, "postlog_feed_categories": True,
            "html_favicon": "pic.png", "copyright": "2026, Site Owner",
            "postlog_feed_subtitle": "Notes & news"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The feed test site built with html and with dirhtml."""
    built = {}
    for builder in ("html", "dirhtml"):
        srcdir = copy_root("feed", tmp_path_factory.mktemp(builder))
        (srcdir / "pic.png").write_bytes((srcdir / "posts/pic.png").read_bytes())
        built[builder] = build_site(srcdir, builder, confoverrides=SETTINGS)
    return built


@pytest.fixture(scope="module")
def jsonfeed_validator():
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _feeds(outdir, stem="blog/"):
    atom = feedparser.parse((outdir / f"{stem}atom.xml").read_bytes())
    rss = feedparser.parse((outdir / f"{stem}rss.xml").read_bytes())
    data = json.loads((outdir / f"{stem}feed.json").read_text(encoding="utf-8"))
    return atom, rss, data


def test_rss_is_valid_rss_2(sites) -> None:
    _, rss, _ = _feeds(sites["html"].outdir)
    assert rss.version == "rss20" and rss.bozo == 0, rss.get("bozo_exception")
    assert rss.feed.title == "Feed & Co" and rss.feed.subtitle == "Notes & news"
    assert rss.feed.language == "en"
    self_link = [link.href for link in rss.feed.links if link.rel == "self"]
    assert self_link == ["https://example.org/blog-site/blog/rss.xml"]
    three = next(entry for entry in rss.entries if entry.id.endswith("/three"))
    assert three.published_parsed is not None
    assert [tag.term for tag in three.tags] == ["news", "a & b", "updates"]
    four = next(entry for entry in rss.entries if entry.id.endswith("/four"))
    assert four.author == "Site Owner"  # the default author


def test_json_feed_is_valid_json_feed_1_1(sites, jsonfeed_validator) -> None:
    _, _, data = _feeds(sites["html"].outdir)
    assert sorted(error.message for error in jsonfeed_validator.iter_errors(data)) == []
    assert data["feed_url"] == "https://example.org/blog-site/blog/feed.json"
    assert data["home_page_url"] == "https://example.org/blog-site/blog/index.html"
    assert data["favicon"] == "https://example.org/blog-site/_static/pic.png"
    item = next(item for item in data["items"] if item["id"].endswith("/three"))
    assert item["tags"] == ["news", "a & b", "updates"]
    # without the whole post, the content is the excerpt's HTML; the summary its text
    assert "content_text" not in item
    assert BeautifulSoup(item["content_html"], "html.parser").get_text() == item["summary"]


def test_the_same_ids_in_every_format_and_for_every_builder(sites) -> None:
    ids = []
    for builder in ("html", "dirhtml"):
        atom, rss, data = _feeds(sites[builder].outdir)
        formats = ([e.id for e in atom.entries], [e.id for e in rss.entries],
                   [item["id"] for item in data["items"]])
        assert formats[0] == formats[1] == formats[2]
        ids.append(formats[0])
    assert ids[0] == ids[1]
    assert "https://example.org/blog-site/posts/three" in ids[0]
    # while the links follow the builder
    atom, _, _ = _feeds(sites["dirhtml"].outdir)
    assert "https://example.org/blog-site/posts/three/" in [e.link for e in atom.entries]


def test_atom_tells_tags_from_categories_and_names_the_site(sites, atom_schema) -> None:
    outdir = sites["html"].outdir
    document = etree.fromstring((outdir / "blog/atom.xml").read_bytes())
    assert atom_schema.validate(document), atom_schema.error_log
    atom, _, _ = _feeds(outdir)
    three = next(entry for entry in atom.entries if entry.id.endswith("/three"))
    schemes = {tag.term: tag.scheme for tag in three.tags}
    assert schemes == {"news": "https://example.org/blog-site/blog/tags/index.html",
                       "a & b": "https://example.org/blog-site/blog/tags/index.html",
                       "updates": "https://example.org/blog-site/blog/categories/index.html"}
    assert atom.feed.rights == "2026, Site Owner"
    assert atom.feed.icon == "https://example.org/blog-site/_static/pic.png"
    assert atom.feed.generator_detail.version


def test_term_feeds_in_every_format(sites, atom_schema, jsonfeed_validator) -> None:
    outdir = sites["html"].outdir
    atom = etree.fromstring((outdir / "blog/tags/news.xml").read_bytes())
    assert atom_schema.validate(atom), atom_schema.error_log
    rss = feedparser.parse((outdir / "blog/tags/news.rss.xml").read_bytes())
    assert rss.version == "rss20" and [e.title for e in rss.entries] == ["Zoned and updated"]
    data = json.loads((outdir / "blog/tags/news.json").read_text(encoding="utf-8"))
    assert not list(jsonfeed_validator.iter_errors(data))


def test_every_page_links_every_format(sites) -> None:
    page = read_html(sites["html"].outdir, "blog/tags/news.html")
    links = {(link["type"], link["href"]) for link in page.select('link[rel="alternate"]')}
    base = "https://example.org/blog-site/blog/"
    assert links == {("application/atom+xml", base + "atom.xml"),
                     ("application/rss+xml", base + "rss.xml"),
                     ("application/feed+json", base + "feed.json"),
                     ("application/atom+xml", base + "tags/news.xml"),
                     ("application/rss+xml", base + "tags/news.rss.xml"),
                     ("application/feed+json", base + "tags/news.json")}


def test_formats_can_be_chosen_and_ids_kept_after_a_move(tmp_path) -> None:
    srcdir = copy_root("feed", tmp_path)
    app = build_site(srcdir, confoverrides={
        "postlog_feed_formats": ["json"], "html_baseurl": "https://new.example/",
        "postlog_feed_id_base": "https://example.org/blog-site/"})
    assert not (app.outdir / "blog/atom.xml").exists()
    assert not (app.outdir / "blog/rss.xml").exists()
    data = json.loads((app.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    item = data["items"][0]
    assert item["id"] == "https://example.org/blog-site/posts/four"
    assert item["url"] == "https://new.example/posts/four.html"


def test_feeds_drop_exactly_the_characters_xml_forbids() -> None:
    """XML 1.0's Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
    [#x10000-#x10FFFF]; every other code point is dropped, every one of these kept."""
    from sphinx_postlog.write.feed_model import xml_text

    def allowed(code: int) -> bool:
        return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF
                or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF)

    every = "".join(map(chr, range(0x110000)))
    assert xml_text(every) == "".join(c for c in every if allowed(ord(c)))


def test_offsets_with_seconds_are_written_to_the_minute(tmp_path, atom_schema,
                                                        jsonfeed_validator) -> None:
    """Local mean time, before 1900, has offsets with seconds (Europe/Amsterdam:
    +00:19:32) that RFC 3339 and RFC 822 cannot write: each writer gets the same moment
    with its offset rounded to the minute."""
    app = build_site(write_site(
        tmp_path / "site", {"posts/old.md": "---\ndate: 1900-01-01 12:00\n---\n# Old\n\nText.\n"},
        'postlog_timezone = "Europe/Amsterdam"\n'))
    written = "1900-01-01T12:00:28+00:20"  # 12:00 at +00:19:32, the same instant
    document = etree.fromstring((app.outdir / "blog/atom.xml").read_bytes())
    assert atom_schema.validate(document), atom_schema.error_log
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    assert document.findtext("a:entry/a:published", namespaces=namespace) == written
    assert document.findtext("a:updated", namespaces=namespace) == written
    atom, rss, data = _feeds(app.outdir)
    assert rss.bozo == 0, rss.get("bozo_exception")
    assert rss.entries[0].published == "Mon, 01 Jan 1900 12:00:28 +0020"
    assert rss.entries[0].published_parsed == atom.entries[0].published_parsed
    assert tuple(atom.entries[0].published_parsed)[:6] == (1900, 1, 1, 11, 40, 28)
    assert sorted(error.message for error in jsonfeed_validator.iter_errors(data)) == []
    assert data["items"][0]["date_published"] == written
    page = read_html(app.outdir, "posts/old.html")
    assert page.find("meta", property="article:published_time")["content"] == written
    (json_ld,) = page.find_all("script", type="application/ld+json")
    assert json.loads(json_ld.get_text())["datePublished"] == written
