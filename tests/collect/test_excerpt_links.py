"""Cross-references in excerpts are resolved as Sphinx resolves them on the post's page,
and link from wherever the excerpt is shown: lists in any folder, cards, archive pages,
the three feeds (absolute links), with ``html``, ``dirhtml`` and ``-j 2``."""

from __future__ import annotations

import json

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_root, read_html, warning_lines, write_site

#: The links of the two excerpts with cross-references, from the site's root.
LINKED = [  # MyST: {doc}, {ref}, an absolute path, {term}, {any}, a label of the post,
    # a page that does not exist (no link), intersphinx, a link to a page's file
    ("Upgrading Kubernetes", "k8s-upgrade.html"), ("The plan", "k8s-upgrade.html#the-plan"),
    ("the team", "people.html"), ("blog", "glossary.html#term-blog"),
    ("The plan", "k8s-upgrade.html#the-plan"), ("a part", "posts/linked.html#own-part"),
    ("Thing", "https://ext.example.org/api.html#Thing"), ("written words", "people.html")]
LINKED_RST = [  # :doc:, :ref:, an external link, :term:, :any:, a label of the post,
    # intersphinx's :external: role
    ("Upgrading Kubernetes", "k8s-upgrade.html"), ("The plan", "k8s-upgrade.html#the-plan"),
    ("the site", "https://example.com/a?b=1&c=2"), ("blog", "glossary.html#term-blog"),
    ("The plan", "k8s-upgrade.html#the-plan"), ("below", "posts/linked-rst.html#rst-part"),
    ("Thing", "https://ext.example.org/api.html#Thing")]
TEXT = ("Read Upgrading Kubernetes, The plan, the team, blog, The plan, a part, gone, Thing "
        "and written words.")


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("excerpts")
    missing = [line for line in warning_lines(app) if "missing-page" in line]
    assert len(missing) == 1 and "posts/linked.md:7:" in missing[0]  # Sphinx's, once
    return app


def _from(page: str, links: list[tuple[str, str]], root: str = "") -> list[tuple[str, str]]:
    """``links`` as written on ``page`` (relative to it), or absolute under ``root``."""
    up = root or "../" * page.count("/")
    return [(text, url if "://" in url else up + url) for text, url in links]


def _links(excerpt) -> list[tuple[str, str]]:
    return [(" ".join(a.get_text().split()), a["href"]) for a in excerpt.find_all("a")]


def _excerpts(outdir, page: str) -> dict[str, object]:
    soup = read_html(outdir, page)
    return {item.select_one("a.postlog-post-title").get_text(): item.select_one(
        ".postlog-excerpt") for item in soup.select("li.postlog-post")}


@pytest.mark.parametrize("page", ["index.html", "sub/list.html", "sub/cards.html",
                                  "blog/index.html", "blog/tags/rich.html",
                                  "blog/archive/2020.html"])
def test_every_kind_of_reference_links_from_every_page(site, page) -> None:
    excerpts = _excerpts(site.outdir, page)
    assert _links(excerpts["Linked excerpt"]) == _from(page, LINKED)
    assert _links(excerpts["Linked in reStructuredText"]) == _from(page, LINKED_RST)
    assert excerpts["Linked excerpt"].get_text(" ", strip=True).replace(
        " ,", ",").replace(" .", ".") == TEXT
    for _words, url in _links(excerpts["Linked excerpt"]):
        if "://" not in url:  # each leads to a page that is there
            assert (site.outdir / page).parent.joinpath(url.split("#")[0]).resolve().is_file()


def test_a_reference_that_does_not_resolve_is_its_text(site) -> None:
    excerpt = _excerpts(site.outdir, "index.html")["Linked excerpt"]
    assert "gone" in excerpt.get_text()
    assert not [a for a in excerpt.find_all("a") if a.get_text() == "gone"]


def test_cards_keep_the_links(site) -> None:
    card = read_html(site.outdir, "sub/cards.html").select_one(
        "li.postlog-card:has(a[href='../posts/linked.html'])")
    assert _links(card.select_one(".postlog-excerpt")) == _from("sub/cards.html", LINKED)


def test_feeds_carry_the_links_absolute(site) -> None:
    root = "https://example.org/"
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((site.outdir / "blog" / name).read_bytes())
        assert feed.bozo == 0
        entries = {entry.title: entry for entry in feed.entries}
        for title, links in (("Linked excerpt", LINKED), ("Linked in reStructuredText",
                                                          LINKED_RST)):
            summary = BeautifulSoup(entries[title].summary, "html.parser")
            assert _links(summary) == _from("", links, root), (name, title)
    items = {item["title"]: item for item in json.loads(
        (site.outdir / "blog/feed.json").read_text(encoding="utf-8"))["items"]}
    linked = items["Linked excerpt"]
    assert linked["summary"] == TEXT  # JSON Feed's summary is text; its content is HTML
    assert _links(BeautifulSoup(linked["content_html"], "html.parser")) == _from(
        "", LINKED, root)


def test_the_post_page_describes_itself_with_the_titles(site) -> None:
    meta = read_html(site.outdir, "posts/linked.html").select_one('meta[name="description"]')
    assert meta["content"] == TEXT


def test_other_builders(tmp_path) -> None:
    srcdir = copy_root("excerpts", tmp_path)
    text = build_site(srcdir, "text")
    assert TEXT in " ".join((text.outdir / "index.txt").read_text(encoding="utf-8").split())
    for name in ("latex", "changes"):  # no links, and nothing goes wrong
        assert not [line for line in warning_lines(build_site(srcdir, name))
                    if "postlog" in line]
    dirhtml = build_site(srcdir, "dirhtml")
    excerpts = _excerpts(dirhtml.outdir, "blog/tags/rich/index.html")
    assert _links(excerpts["Linked excerpt"]) == [
        (words, url.replace(".html", "/") if "://" not in url else url)
        for words, url in _from("blog/tags/rich/", LINKED)]


def test_parallel_build_resolves_the_same(site, tmp_path) -> None:
    app = build_site(copy_root("excerpts", tmp_path), parallel=2)
    for page in ("index.html", "blog/tags/rich.html", "blog/atom.xml"):
        assert (app.outdir / page).read_bytes() == (site.outdir / page).read_bytes(), page


def test_an_excerpt_only_on_lists_has_its_references_checked_once(tmp_path) -> None:
    """ABlog's ``:exclude:`` keeps the excerpt off the post's page, so Sphinx never sees
    its references: a broken one is reported once, where it is written."""
    srcdir = write_site(tmp_path / "site", {
        "guide.md": "---\norphan: true\n---\n# The guide\n",
        "posts/only.rst": "Only listed\n===========\n\n.. post:: 2024-01-01\n   :exclude:\n\n"
                          "   See :doc:`../guide` and :doc:`../nowhere`.\n\nThe body.\n"},
        'postlog_postlist_links = []\n')
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n:show: excerpt\n```\n")
    app = build_site(srcdir)
    warnings = warning_lines(app)
    assert len(warnings) == 1 and "posts/only.rst:7:" in warnings[0]
    assert "unknown document: '../nowhere'" in warnings[0]
    excerpt = _excerpts(app.outdir, "index.html")["Only listed"]
    assert _links(excerpt) == [("The guide", "guide.html")]
    assert " ".join(excerpt.get_text().split()) == "See The guide and ../nowhere."
    assert "See" not in read_html(app.outdir, "posts/only.html").select_one("section").get_text()
