"""The site-wide Atom feed: valid (RFC 4287 schema, feedparser), complete, stable."""

from __future__ import annotations

import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import build_site, copy_root, read_html, warning_lines

ATOM = "{http://www.w3.org/2005/Atom}"
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


def entry_titled(document, title: str):
    return next(e for e in document.iter(ATOM + "entry") if e.findtext(ATOM + "title") == title)


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("feed")
    assert warning_lines(app) == []
    return app


@pytest.fixture(scope="module")
def feed_bytes(site) -> bytes:
    return (site.outdir / "blog/atom.xml").read_bytes()


def test_feed_is_valid_atom(feed_bytes, atom_schema) -> None:
    document = etree.fromstring(feed_bytes)
    assert atom_schema.validate(document), atom_schema.error_log
    parsed = feedparser.parse(feed_bytes)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"


def test_feed_holds_the_newest_posts(feed_bytes) -> None:
    parsed = feedparser.parse(feed_bytes)
    assert [entry.title for entry in parsed.entries] == [
        "No author given", "Zoned and updated", "Two authors & a naive time"]


def test_urls_are_absolute_and_ids_stable(feed_bytes) -> None:
    parsed = feedparser.parse(feed_bytes)
    assert parsed.feed.id == "https://example.org/blog-site/blog/atom.xml"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == "https://example.org/blog-site/blog/atom.xml"
    assert links["alternate"] == "https://example.org/blog-site/blog/index.html"
    for entry in parsed.entries:
        # The id is the docname under the base URL: no builder suffix in it.
        assert entry.id == entry.link.removesuffix(".html")
        assert entry.link.startswith("https://example.org/blog-site/posts/")


def test_every_timestamp_has_a_zone_offset(feed_bytes) -> None:
    document = etree.fromstring(feed_bytes)
    stamps = [element.text for tag in ("updated", "published")
              for element in document.iter(ATOM + tag)]
    assert len(stamps) == 7
    for stamp in stamps:
        assert OFFSET.match(stamp), stamp


def test_naive_times_use_postlog_timezone(feed_bytes) -> None:
    document = etree.fromstring(feed_bytes)
    entry = entry_titled(document, "Two authors & a naive time")
    assert entry.findtext(ATOM + "published") == "2019-01-01T10:00:00+01:00"


def test_feed_updated_is_the_newest_post_change_not_the_clock(feed_bytes) -> None:
    document = etree.fromstring(feed_bytes)
    # "Zoned and updated" was updated 2021-04-04 (Paris), later than any date.
    assert document.findtext(ATOM + "updated") == "2021-04-04T00:00:00+02:00"
    entry = entry_titled(document, "Zoned and updated")
    assert entry.findtext(ATOM + "published") == "2020-03-03T08:00:00+09:00"
    assert entry.findtext(ATOM + "updated") == "2021-04-04T00:00:00+02:00"


def test_every_entry_has_authors(feed_bytes) -> None:
    parsed = feedparser.parse(feed_bytes)
    by_title = {entry.title: entry for entry in parsed.entries}
    two = by_title["Two authors & a naive time"]
    assert [a.name for a in two.authors] == ["Jane Doe", "Bob Smith"]
    assert two.authors[0].href == "https://jane.example/"
    assert [a.name for a in by_title["No author given"].authors] == ["Site Owner"]


def test_entries_carry_summary_and_categories(feed_bytes) -> None:
    parsed = feedparser.parse(feed_bytes)
    by_title = {entry.title: entry for entry in parsed.entries}
    summary = by_title["Two authors & a naive time"].summary_detail
    assert summary.type == "text/html"  # the excerpt's HTML, as lists show it: the
    # raw HTML "<post>" left out
    text = BeautifulSoup(summary.value, "html.parser")
    assert text.get_text() == "Second ." and text.find("post") is None
    assert [t.term for t in by_title["Zoned and updated"].tags] == ["news", "a & b", "updates"]


def test_pages_advertise_the_feed(site) -> None:
    page = read_html(site.outdir, "index.html")
    link = page.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == "https://example.org/blog-site/blog/atom.xml"
    assert link["title"] == "Feed & Co"


def test_two_builds_give_the_same_bytes(built_root, feed_bytes) -> None:
    again = built_root("feed")
    assert (again.outdir / "blog/atom.xml").read_bytes() == feed_bytes


@pytest.mark.sphinx("html", testroot="feed", confoverrides={"html_baseurl": ""})
def test_no_baseurl_means_one_warning_and_no_feed(app) -> None:
    app.build()
    warnings = warning_lines(app)
    assert len(warnings) == 1
    assert "html_baseurl" in warnings[0] and "[postlog.feed]" in warnings[0]
    assert not (app.outdir / "blog/atom.xml").exists()
    assert read_html(app.outdir, "index.html").find(
        "link", type="application/atom+xml") is None


@pytest.mark.sphinx("html", testroot="feed",
                    confoverrides={"html_baseurl": "", "postlog_feed_path": None})
def test_feed_can_be_switched_off_quietly(app) -> None:
    app.build()
    assert warning_lines(app) == []
    assert not (app.outdir / "blog/atom.xml").exists()


@pytest.fixture(scope="module")
def rich_site(built_root):
    app = built_root("feed", confoverrides={"postlog_feed_tags": True,
                                            "postlog_feed_categories": True,
                                            "postlog_feed_full_content": True})
    assert warning_lines(app) == []
    return app


def test_tags_and_categories_get_valid_feeds(rich_site, atom_schema) -> None:
    outdir = rich_site.outdir
    for path, titles in [("blog/tags/news.xml", ["Zoned and updated"]),
                         ("blog/tags/python.xml", ["Oldest post, not in the feed"]),
                         ("blog/categories/updates.xml", ["Zoned and updated"])]:
        data = (outdir / path).read_bytes()
        assert atom_schema.validate(etree.fromstring(data)), (path, atom_schema.error_log)
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        assert [entry.title for entry in parsed.entries] == titles
        assert parsed.feed.id == f"https://example.org/blog-site/{path}"
    assert not (outdir / "blog/authors/jane.xml").exists()


def test_term_pages_link_their_feed(rich_site) -> None:
    page = read_html(rich_site.outdir, "blog/tags/news.html")
    heads = {link["href"] for link in page.find_all("link", type="application/atom+xml")}
    assert heads == {"https://example.org/blog-site/blog/atom.xml",
                     "https://example.org/blog-site/blog/tags/news.xml"}
    assert page.select_one(".postlog-feed-link a")["href"] == "news.xml"


def test_full_content_has_absolute_links_and_images(rich_site) -> None:
    parsed = feedparser.parse((rich_site.outdir / "blog/atom.xml").read_bytes())
    entry = next(e for e in parsed.entries if e.title == "No author given")
    html = entry.content[0].value
    assert "Fourth." in html and "The end." in html
    assert "postlog-post-meta" not in html and "postlog-post-footer" not in html
    assert "<h1" not in html  # the entry has its own title
    base = "https://example.org/blog-site/"
    assert f'href="{base}posts/two.html"' in html
    assert f'href="{base}posts/four.html#more"' in html
    assert re.search(rf'src="{re.escape(base)}_images/pic\.png"', html)
    assert (rich_site.outdir / "_images/pic.png").is_file()


def test_feeds_are_made_only_when_what_they_show_changed(tmp_path, monkeypatch) -> None:
    """A rebuild that changes nothing feeds show makes no feed at all (a new
    ``html_title`` either); a change to a post, to a setting feeds show (even one Sphinx
    reads again every page for), or a feed file gone makes them all again."""
    from sphinx_postlog.write import feeds

    made = []
    write = feeds._write_feeds
    monkeypatch.setattr(feeds, "_write_feeds", lambda app: made.append(1) or write(app))
    srcdir = copy_root("feed", tmp_path)
    atom = srcdir / "_build/html/blog/atom.xml"

    def build(**overrides) -> tuple[int, set[str]]:
        """How many times feeds were made, and the authors of the feed's entries."""
        made.clear()
        app = build_site(srcdir, confoverrides=overrides)
        assert warning_lines(app) == []
        entries = feedparser.parse(atom.read_bytes()).entries
        return len(made), {author.name for entry in entries for author in entry.authors}

    assert build() == (1, {"Site Owner", "Jane Doe", "Bob Smith"})
    written = atom.stat().st_mtime_ns
    assert build() == (0, {"Site Owner", "Jane Doe", "Bob Smith"})
    assert atom.stat().st_mtime_ns == written
    # The author of posts naming none: a setting Sphinx reads every page again for.
    assert build(author="Someone") == (1, {"Someone", "Jane Doe", "Bob Smith"})
    assert build(author="Someone") == (0, {"Someone", "Jane Doe", "Bob Smith"})
    # the page frame's settings are not the feeds': pages are written again, feeds not
    assert build(author="Someone", html_title="Another title") == (
        0, {"Someone", "Jane Doe", "Bob Smith"})
    assert build(author="Someone", html_baseurl="https://example.com/")[0] == 1
    assert build(author="Someone", html_baseurl="https://example.com/",
                 postlog_feed_length=2)[0] == 1
    atom.unlink()
    assert build(author="Someone") == (1, {"Someone", "Jane Doe", "Bob Smith"})
    post = srcdir / "posts/four.md"
    post.write_text(post.read_text(encoding="utf-8").replace("# ", "# Retitled ", 1),
                    encoding="utf-8")
    assert build(author="Someone")[0] == 1
    titles = [e.title for e in feedparser.parse(atom.read_bytes()).entries]
    assert any(title.startswith("Retitled ") for title in titles)


def test_a_feed_entry_that_failed_is_made_again_next_time(tmp_path, monkeypatch) -> None:
    from sphinx_postlog.write import feeds

    srcdir = copy_root("feed", tmp_path)
    entry = feeds._Entries._entry

    def failing(self, post):
        if post.docname == "posts/four":
            raise RuntimeError("no entry")
        return entry(self, post)

    monkeypatch.setattr(feeds._Entries, "_entry", failing)
    app = build_site(srcdir)
    assert "no entry" in app.warning.getvalue()
    atom = srcdir / "_build/html/blog/atom.xml"
    assert len(feedparser.parse(atom.read_bytes()).entries) == 2
    monkeypatch.setattr(feeds._Entries, "_entry", entry)
    app = build_site(srcdir)
    assert len(feedparser.parse(atom.read_bytes()).entries) == 3


def test_feeds_switched_off_and_on_again_are_made_again(tmp_path) -> None:
    srcdir = copy_root("feed", tmp_path)
    atom = srcdir / "_build/html/blog/atom.xml"
    build_site(srcdir)
    assert atom.is_file()
    build_site(srcdir, confoverrides={"postlog_feed_path": ""})
    assert not atom.exists()
    build_site(srcdir)
    assert len(feedparser.parse(atom.read_bytes()).entries) == 3
