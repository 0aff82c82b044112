"""Long archive pages continue on numbered pages, linked newer/older."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import read_html, warning_lines

NEWEST_FIRST = [f"Post number {n}" for n in range(10, 0, -1)]


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("incremental", confoverrides={"postlog_archive_page_size": 3})
    assert warning_lines(app) == []
    return app


def follow_older(outdir: Path, first: str) -> list[tuple[str, list[str]]]:
    """Walk a paginated list by its "older" links: (page file, post titles) per page."""
    pages = []
    current: str | None = first
    while current:
        soup = read_html(outdir, current)
        titles = [a.get_text() for a in soup.select("a.postlog-post-title")]
        pages.append((current, titles))
        older = soup.select_one("nav.postlog-pagination a.postlog-older")
        current = (str(Path(unquote(urljoin(f"/{current}", older["href"]))).relative_to("/"))
                   if older else None)
    return pages


def test_blog_index_is_split_and_walkable(site) -> None:
    pages = follow_older(site.outdir, "blog/index.html")
    assert [name for name, _ in pages] == [
        "blog/index.html", "blog/page/2.html", "blog/page/3.html", "blog/page/4.html"]
    assert [title for _, titles in pages for title in titles] == NEWEST_FIRST
    assert [len(titles) for _, titles in pages] == [3, 3, 3, 1]


def test_numbered_pages_link_back_and_say_where_they_are(site) -> None:
    soup = read_html(site.outdir, "blog/page/2.html")
    nav = soup.select_one("nav.postlog-pagination")
    assert nav.select_one("a.postlog-newer")["href"] == "../index.html"
    assert nav.select_one(".postlog-current-page").get_text() == "2"
    assert [a.get_text() for a in nav.select(".postlog-page-numbers a")] == ["1", "3", "4"]
    assert soup.title.get_text().startswith("Blog (page 2 of 4)")
    first = read_html(site.outdir, "blog/index.html").select_one("nav.postlog-pagination")
    assert first.select_one("a.postlog-newer") is None


def test_tag_pages_are_split_too(site) -> None:
    pages = follow_older(site.outdir, "blog/tags/python.html")
    assert [name for name, _ in pages] == ["blog/tags/python.html",
                                           "blog/tags/python/page/2.html"]
    assert [t for _, titles in pages for t in titles] == [
        "Post number 9", "Post number 7", "Post number 6", "Post number 5", "Post number 3",
        "Post number 1"]
    # short lists have no pagination at all
    assert read_html(site.outdir, "blog/tags/go.html").select("nav.postlog-pagination") == []


def test_dirhtml_pagination_links_resolve(built_root) -> None:
    app = built_root("incremental", "dirhtml", confoverrides={"postlog_archive_page_size": 3})
    outdir = app.outdir
    soup = read_html(outdir, "blog/page/2/index.html")
    for link in soup.select("nav.postlog-pagination a"):
        target = Path(unquote(urljoin(f"file://{outdir}/blog/page/2/", link["href"])
                              .removeprefix("file://")))
        assert (target / "index.html").is_file(), link["href"]


def test_zero_means_one_page(built_root) -> None:
    app = built_root("incremental", confoverrides={"postlog_archive_page_size": 0})
    titles = [a.get_text() for a in read_html(app.outdir, "blog/index.html").select(
        "a.postlog-post-title")]
    assert titles == NEWEST_FIRST
    assert not (app.outdir / "blog/page").exists()
