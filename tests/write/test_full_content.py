"""Full-content feeds carry each post as Sphinx wrote it, whatever it contains."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import build_site, copy_root, kept_state, warning_lines


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("kitchensink")


def _entries(outdir, path="blog/atom.xml"):
    data = (outdir / path).read_bytes()
    return data, {entry.title: entry for entry in feedparser.parse(data).entries}


def test_no_warning(site) -> None:
    assert warning_lines(site) == []


def test_every_feed_is_valid_atom(site, atom_schema) -> None:
    for path in ("blog/atom.xml", "blog/tags/directives.xml", "blog/tags/rst.xml"):
        data = (site.outdir / path).read_bytes()
        assert atom_schema.validate(etree.fromstring(data)), (path, atom_schema.error_log)
        assert feedparser.parse(data).bozo == 0


@pytest.mark.parametrize("title", ["Every directive", "Everything in MyST"])
def test_entries_hold_the_whole_post(site, title) -> None:
    _, entries = _entries(site.outdir)
    html = entries[title].content[0].value
    page = BeautifulSoup(html, "html.parser")
    text = page.get_text(" ")
    for words in ("See also", "Another page.", "Something new.", "Something old.",
                  "A caption.", "The footnote.", "A definition.", "A rubric", "Topic text."):
        assert words in text, words
    assert page.find("h1") is None  # the entry has its own title
    assert page.select(".headerlink") == []
    assert page.select(".postlog-post-meta, .postlog-post-footer") == []
    for element in page.find_all(["a", "img"]):
        url = element.get("href") or element.get("src")
        assert url.startswith("https://example.org/site/"), url


def test_rst_entry_keeps_what_sphinx_wrote(site) -> None:
    _, entries = _entries(site.outdir)
    page = BeautifulSoup(entries["Every directive"].content[0].value, "html.parser")
    assert page.select_one(".versionchanged") is not None
    assert page.select_one("div.raw-html b").get_text() == "HTML"
    assert page.select_one("img")["src"] == "https://example.org/site/_images/pic.png"
    link = page.find("a", string="the MyST post")
    assert link["href"] == "https://example.org/site/posts/everything-myst.html"
    assert "Only in HTML." in page.get_text()
    assert page.select_one("table") is not None


def test_content_follows_edits_and_deleted_posts(tmp_path) -> None:
    srcdir = copy_root("kitchensink", tmp_path)
    app = build_site(srcdir)
    kept = kept_state(app.outdir) / "content/posts"
    assert sorted(p.name for p in kept.iterdir()) == ["every-directive.html",
                                                       "everything-myst.html"]
    myst = srcdir / "posts/everything-myst.md"
    myst.write_text(myst.read_text().replace("Another page.", "An edited page."))
    (srcdir / "posts/every-directive.rst").unlink()
    app = build_site(srcdir)
    _, entries = _entries(app.outdir)
    assert list(entries) == ["Everything in MyST"]
    assert "An edited page." in entries["Everything in MyST"].content[0].value
    assert sorted(p.name for p in kept.iterdir()) == ["everything-myst.html"]
    # An edit after the excerpt changes nothing lists show, only the entry's content.
    myst.write_text(myst.read_text().replace("Something new.", "Something newer."))
    app = build_site(srcdir)
    _, entries = _entries(app.outdir)
    assert "Something newer." in entries["Everything in MyST"].content[0].value
    # A lost copy is made again by writing the post again.
    (kept / "everything-myst.html").unlink()
    app = build_site(srcdir)
    _, entries = _entries(app.outdir)
    assert "An edited page." in entries["Everything in MyST"].content[0].value
    # Switched off: no entry content, and nothing kept.
    app = build_site(srcdir, confoverrides={"postlog_feed_full_content": False})
    _, entries = _entries(app.outdir)
    assert "content" not in entries["Everything in MyST"]
    assert not (kept_state(app.outdir) / "content").exists()


def test_control_characters_in_a_post_cannot_break_a_feed(tmp_path) -> None:
    """A post's text can hold characters XML cannot carry (a bell in a code block)."""
    srcdir = copy_root("kitchensink", tmp_path)
    (srcdir / "posts/control.md").write_text(
        "---\ndate: 2024-03-01\n---\n# Control\n\nBell \x07 here.\n\n```\ncode \x07\n```\n",
        encoding="utf-8")
    app = build_site(srcdir)
    assert b"\x07" in (app.outdir / "posts/control.html").read_bytes()
    for name in ("atom.xml", "rss.xml"):
        etree.fromstring((app.outdir / "blog" / name).read_bytes())  # well-formed XML
    assert "\x07" not in (app.outdir / "blog/feed.json").read_text(encoding="utf-8")


def test_a_post_whose_text_was_not_kept_gets_an_entry_without_content(tmp_path) -> None:
    """Its page written but its text gone (another extension removed it): one warning,
    and the feeds are still made."""
    srcdir = copy_root("kitchensink", tmp_path)

    def lose_text(app, pagename, *arguments) -> None:
        if pagename == "posts/everything-myst":
            (kept_state(app.outdir) / "content/posts/everything-myst.html").unlink()

    app = build_site(srcdir, hooks=[("html-page-context", lose_text)])
    (warning,) = warning_lines(app)
    assert "'posts/everything-myst' was not kept when its page was written" in warning
    _, entries = _entries(app.outdir)
    assert "content" not in entries["Everything in MyST"]
    assert entries["Every directive"].content[0].value
