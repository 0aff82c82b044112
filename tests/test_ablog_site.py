"""An ABlog site built with only ``extensions`` changed gives what ABlog 0.11.13 gave:
the same posts, dates, terms, excerpts, archive URLs, labels, redirects, post lists
and feed entries (tests/ablog_reference records ABlog's output for the same root).

Differences that are deliberate are asserted as such, each with its reason.
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urldefrag

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import TESTS, build_site, copy_root, read_html, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.render.views import Presenter

REFERENCE = json.loads((TESTS / "ablog_reference/ablog-0.11.13.json")
                       .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("ablogsite", tmp_path_factory.mktemp("ablogsite"))
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    app = build_site(srcdir)
    return app


def _text(text: str) -> str:
    """Text with white space made single, and none before punctuation."""
    return re.sub(r"( (?=[,.;:!?)])|(?<=\() )", "", " ".join(text.split()))


def _href(page: str, href: str) -> str:
    """``href`` on ``page`` as a path from the output root, without its fragment."""
    url, _ = urldefrag(href)
    if re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), url)) if url else page


def _docname(url: str) -> str:
    return url.removesuffix(".html")


def test_builds_without_warnings(site) -> None:
    assert warning_lines(site) == []


def test_same_posts_dates_terms_and_excerpts(site) -> None:
    registry = get_registry(site.env)
    presenter = Presenter(site.config)
    ours = registry.published()
    assert [post.docname for post in ours] == [post["docname"] for post in REFERENCE["posts"]]
    for post, expected in zip(ours, REFERENCE["posts"], strict=True):
        date = expected["date"]
        assert post.date.isoformat().startswith(date if "T" in date else f"{date}T00:00:00")
        assert post.title == expected["title"]
        assert list(post.tags) == expected["tags"], post.docname
        assert list(post.categories) == expected["categories"], post.docname
        assert [presenter.term_name("author", a) for a in post.authors] == expected["authors"]
        assert [presenter.term_name("location", t) for t in post.locations] == \
            expected["locations"], post.docname
        assert [presenter.term_name("language", t) for t in post.languages] == \
            expected["languages"], post.docname
        assert _text(post.excerpt) == _text(expected["excerpt"]), post.docname


def test_undated_pattern_pages_are_drafts(site) -> None:
    """ABlog writes drafts' pages and lists them on blog/drafts.html; drafts are not
    published here (see the migration guide)."""
    registry = get_registry(site.env)
    assert sorted(registry.unpublished) == REFERENCE["drafts"]
    for docname in REFERENCE["drafts"]:
        assert not (site.outdir / f"{docname}.html").exists()
        assert "is an ABlog post without a date, so a draft: not published" in \
            site.status.getvalue()
    assert "not included in any toctree" not in site.warning.getvalue()


def test_same_archive_urls_listing_the_same_posts(site) -> None:
    for path, expected in REFERENCE["archive_pages"].items():
        assert (site.outdir / path).is_file(), path
        page = read_html(site.outdir, path)
        if expected["kind"] == "collection":
            listed = [_docname(_href(path, a["href"]))
                      for a in page.select(".postlog-archive a.postlog-post-title")]
            if path == "blog/drafts.html":  # drafts are not published (see the docs)
                assert listed == []
                continue
            assert listed == expected["posts"], path
        else:  # a catalog: every term linking to its page, with all its posts
            catalog = {
                section.h2.get_text(): (_href(path, section.h2.a["href"]), [
                    _docname(_href(path, a["href"]))
                    for a in section.select("a.postlog-post-title")])
                for section in page.select(".postlog-archive section.postlog-group")}
            assert catalog == {c["name"]: (c["href"], c["posts"])
                               for c in expected["collections"]}, path


def test_blog_index_tag_and_year_pages_have_ablogs_headings(site) -> None:
    """ABlog's headings where they differ from ours ("All Posts", "Posts tagged x",
    "Posted in 2021"), in the page's h1 and title; the others were already ABlog's."""
    compared = 0
    for path, expected in REFERENCE["archive_pages"].items():
        heading = expected.get("heading")
        if heading is None or path == "blog/drafts.html":
            continue
        page = read_html(site.outdir, path)
        if path == "blog.html" or path.startswith(("blog/tag/", "blog/20", "blog/author/")):
            assert page.find("h1").get_text() == heading, path
            assert page.find("title").get_text().startswith(heading), path
            compared += 1
    assert compared > 20


def test_same_labels(site) -> None:
    page = read_html(site.outdir, "refs.html")
    items = page.select("div.body li")
    assert len(items) == len(REFERENCE["labels"])
    for item, expected in zip(items, REFERENCE["labels"], strict=True):
        link = item.select_one("a.reference")
        if expected["target"] in [label.rsplit("/", 1)[-1] for label in REFERENCE["drafts"]]:
            assert link is None and item.get_text() == expected["target"]  # unpublished
            continue
        assert link.get_text() == expected["text"], expected["target"]
        # ABlog links a post to an anchor named after its label, which no page has;
        # the page itself is where it leads.
        assert _href("refs.html", link["href"]) == _href("refs.html", expected["href"]) \
            if not expected["external"] else link["href"] == expected["href"]


def test_same_redirect_pages(site) -> None:
    for path, expected in REFERENCE["redirects"].items():
        page = read_html(site.outdir, path)
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == f"{expected['refresh']}; url={expected['meta_url']}"
        assert page.find("a")["href"] == expected["meta_url"]
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == f"https://example.org/{expected['body_href']}"


def test_same_post_lists(site) -> None:
    for path, lists in REFERENCE["postlists"].items():
        page = read_html(site.outdir, path)
        ours = page.select("ul.postlog-postlist")
        assert len(ours) == len(lists), path
        for bullets, expected in zip(ours, lists, strict=True):
            style = next(c for c in expected["classes"] if c.startswith("postlist-style-"))
            assert style in bullets["class"]
            items = bullets.find_all("li", recursive=False)
            assert [_text(item.get_text(" ")) for item in items] == [
                _text(item["text"]) for item in expected["items"]], (path, expected["section"])
            assert [_href(path, item.select_one("a.postlog-post-title")["href"])
                    for item in items] == [item["href"] for item in expected["items"]]


def test_same_feed_entries(site) -> None:
    expected = REFERENCE["feed"]
    feed = feedparser.parse((site.outdir / expected["path"]).read_bytes())
    assert feed.bozo == 0
    assert feed.feed.title == expected["title"]
    assert feed.feed.subtitle == expected["subtitle"]
    assert [e.id for e in feed.entries] == [e["id"] for e in expected["entries"]]
    for entry, reference in zip(feed.entries, expected["entries"], strict=True):
        assert entry.title == reference["title"]
        assert entry.published == reference["published"]
        assert entry.updated == reference["updated"]  # ABlog's {update} directive counts
        # ABlog writes only the last author; every author is named here.
        assert reference["authors"][-1] in [author.name for author in entry.authors]
        # ABlog files tags only; categories are there too.
        assert {tag.term for tag in entry.tags} >= {c["label"] for c in reference["categories"]}
        # ABlog glues the excerpt's paragraphs together ("weekend.The"); a space here.
        # ABlog's summary is text; here it is HTML (links kept), with the same text.
        summary = BeautifulSoup(entry.summary, "html.parser").get_text()
        assert "".join(summary.split()) == "".join(reference["summary"].split())


def test_same_neighbours_and_update_notes(site) -> None:
    for docname, expected in REFERENCE["post_pages"].items():
        if docname in REFERENCE["drafts"]:
            continue
        path = f"{docname}.html"
        page = read_html(site.outdir, path)
        for css, key in ((".postlog-newer a", "next"), (".postlog-older a", "prev")):
            link = page.select_one(css)
            assert (_href(path, link["href"]) if link else None) == expected[key], (path, key)
        text = _text(page.select_one("div.body, article").get_text(" "))
        if "Updated on" in expected.get("body_text", ""):
            assert "Updated on 10 January 2022 The packaging post now covers" in text


SIDEBARS = {"ablog__tagcloud": "tag", "ablog__categories": "category",
            "ablog__archives": "year", "ablog__authors": "author",
            "ablog__locations": "location", "ablog__languages": "language"}


def test_ablog_sidebars_link_the_same_pages(site) -> None:
    page = read_html(site.outdir, "index.html")
    for sidebar in REFERENCE["sidebars"]["index.html"]["sidebar"]:
        kind = SIDEBARS.get(sidebar["kind"])
        if kind is None:
            continue
        ours = page.select_one(f".postlog-sidebar-{kind}")
        assert ours is not None, kind
        assert {_href("index.html", a["href"]) for a in ours.select("a")} == {
            href for item in sidebar["items"] for href in item["hrefs"]} | {
            sidebar["heading_href"]}, kind  # the index ABlog's heading links, last
