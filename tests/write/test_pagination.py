"""Long archive pages continue on numbered pages, linked newer/older, counted from the
oldest so that a page keeps its posts when new ones come."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import build_site, read_html, warning_lines, write_site
from sphinx_postlog.render.layout import ArchiveLayout, page_window

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
    # Numbered from the oldest: page 1 holds the three oldest posts; the first page the
    # newest ones that fill no numbered page.
    assert [name for name, _ in pages] == [
        "blog/index.html", "blog/page/2.html", "blog/page/1.html"]
    assert [title for _, titles in pages for title in titles] == NEWEST_FIRST
    assert [len(titles) for _, titles in pages] == [4, 3, 3]


def test_numbered_pages_link_back_and_say_where_they_are(site) -> None:
    soup = read_html(site.outdir, "blog/page/2.html")
    nav = soup.select_one("nav.postlog-pagination")
    assert nav.select_one("a.postlog-newer")["href"] == "../index.html"
    assert nav.select_one("a.postlog-older")["href"] == "1.html"
    # numbered in reading order (page/2 is the second page of three), newest first, as
    # the newer/older links go, the current page marked
    current = nav.select_one(".postlog-page-numbers [aria-current=page]")
    assert current.name == "span" and "postlog-current-page" in current["class"]
    assert current.get_text() == "2"
    assert [a.get_text() for a in nav.select(".postlog-page-numbers a")] == ["1", "3"]
    assert [a["href"] for a in nav.select(".postlog-page-numbers a")] == [
        "../index.html", "1.html"]
    assert soup.title.get_text().startswith("Blog (Page 2 of 3)")
    # one row: newer, the numbers, older
    assert [child["class"][0] for child in nav.find_all(recursive=False)] == [
        "postlog-newer", "postlog-page-numbers", "postlog-older"]
    assert nav.select_one("a.postlog-newer").get_text() == "← Newer posts"
    assert nav.select_one("a.postlog-older").get_text() == "Older posts →"
    assert len(soup.select("nav.postlog-pagination")) == 1
    first = read_html(site.outdir, "blog/index.html")
    assert first.select_one("nav.postlog-pagination a.postlog-newer") is None
    assert first.select_one(".postlog-current-page").get_text() == "1"
    assert first.title.get_text().startswith("Blog ") and "Page" not in first.title.get_text()
    last = read_html(site.outdir, "blog/page/1.html").select_one("nav.postlog-pagination")
    assert last.select_one("a.postlog-older") is None
    assert last.select_one("a.postlog-newer")["href"] == "2.html"


def test_tag_pages_are_split_too(site) -> None:
    pages = follow_older(site.outdir, "blog/tags/python.html")
    assert [name for name, _ in pages] == ["blog/tags/python.html",
                                           "blog/tags/python/page/1.html"]
    assert [t for _, titles in pages for t in titles] == [
        "Post number 9", "Post number 7", "Post number 6", "Post number 5", "Post number 3",
        "Post number 1"]
    # short lists have no pagination at all
    assert read_html(site.outdir, "blog/tags/go.html").select("nav.postlog-pagination") == []


@pytest.mark.parametrize(("posts", "expected"), [
    (0, [("first", 1, 0, 0)]),
    (3, [("first", 1, 0, 3)]),
    (5, [("first", 1, 0, 5)]),  # up to twice the size less one on the first page
    (6, [("first", 2, 0, 3), ("first/page/1", 1, 3, 6)]),
    (8, [("first", 2, 0, 5), ("first/page/1", 1, 5, 8)]),
    (9, [("first", 3, 0, 3), ("first/page/2", 2, 3, 6), ("first/page/1", 1, 6, 9)]),
])
def test_pages_count_from_the_oldest(posts: int, expected: list) -> None:
    layout = ArchiveLayout("blog/index", (), page_size=3)
    pages = layout.list_pages("first", posts)
    assert [(p.name, p.number, p.posts.start, p.posts.stop) for p in pages] == expected


def test_a_new_post_leaves_numbered_pages_as_they_were() -> None:
    layout = ArchiveLayout("blog/index", (), page_size=25)
    for count in range(50, 200):
        before = list(range(count - 1, -1, -1))  # posts by age, newest first
        after = [count, *before]  # one newer post
        shown = {p.name: before[p.posts] for p in layout.list_pages("b", count)}
        now = {p.name: after[p.posts] for p in layout.list_pages("b", count + 1)}
        changed = {name for name in now if shown.get(name) != now[name]}
        assert changed == ({"b"} if count % 25 != 24 else {"b", f"b/page/{count // 25}"})
        assert set(shown) <= set(now)
        sizes = [len(before[p.posts]) for p in layout.list_pages("b", count)]
        assert 25 <= sizes[0] < 50 and set(sizes[1:]) == {25}
        assert sorted(post for name in shown for post in shown[name]) == sorted(before)


def test_newest_order_numbers_pages_from_the_first(built_root) -> None:
    app = built_root("incremental", confoverrides={"postlog_archive_page_size": 3,
                                                   "postlog_archive_page_order": "newest"})
    pages = follow_older(app.outdir, "blog/index.html")
    assert [name for name, _ in pages] == [
        "blog/index.html", "blog/page/2.html", "blog/page/3.html", "blog/page/4.html"]
    assert [title for _, titles in pages for title in titles] == NEWEST_FIRST
    assert [len(titles) for _, titles in pages] == [3, 3, 3, 1]
    nav = read_html(app.outdir, "blog/page/2.html").select_one("nav.postlog-pagination")
    assert [a.get_text() for a in nav.select(".postlog-page-numbers a")] == ["1", "3", "4"]
    assert ArchiveLayout("b", (), 3, page_order="newest").list_pages("x", 0)[0].name == "x"


def test_dirhtml_pagination_links_resolve(built_root) -> None:
    app = built_root("incremental", "dirhtml", confoverrides={"postlog_archive_page_size": 3})
    outdir = app.outdir
    soup = read_html(outdir, "blog/page/2/index.html")
    assert len(soup.select("nav.postlog-pagination a")) == 4
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


@pytest.mark.parametrize(("count", "position", "expected"), [
    (1, 0, [0]),
    (3, 1, [0, 1, 2]),
    (7, 0, [0, 1, 2, None, 6]),
    (7, 3, [0, 1, 2, 3, 4, 5, 6]),  # one page left out on either side: shown instead
    (8, 3, [0, 1, 2, 3, 4, 5, 6, 7]),
    (9, 3, [0, 1, 2, 3, 4, 5, None, 8]),
    (400, 200, [0, None, 198, 199, 200, 201, 202, None, 399]),
    (400, 399, [0, None, 397, 398, 399]),
])
def test_page_numbers_shown_are_the_ends_and_those_around(count, position, expected) -> None:
    assert page_window(count, position) == expected


def test_long_lists_link_a_few_pages_by_number(built_root) -> None:
    app = built_root("incremental", confoverrides={"postlog_archive_page_size": 1})
    assert warning_lines(app) == []
    # ten posts: the first page and numbered pages 9 to 1, shown as pages 1 to 10
    page = read_html(app.outdir, "blog/page/5.html")
    nav = page.select_one("nav.postlog-pagination")
    numbers = nav.select_one(".postlog-page-numbers")
    assert [a.get_text() for a in numbers.select("a")] == ["1", "4", "5", "7", "8", "9", "10"]
    assert [a["href"] for a in numbers.select("a")][:2] == ["../index.html", "7.html"]
    assert numbers.select_one(".postlog-current-page").get_text() == "6"
    assert [tag.get_text() for tag in numbers.find_all(recursive=False)] == [
        "1", "…", "4", "5", "6", "7", "8", "9", "10"]
    assert page.title.get_text().startswith("Blog (Page 6 of 10)")
    assert numbers.select_one(".postlog-page-gap").get_text() == "…"


#: ABlog's settings, as an ABlog site's conf.py has them, with 60 posts: numbered pages
#: by sphinx-postlog's own default (25 a page, the first holding up to 49).
ABLOG_CONF = 'blog_path = "blog"\nblog_post_pattern = "posts/*"\n'
ABLOG_POSTS = {
    f"posts/post{n:02}.md":
    f"---\ndate: {dt.date(2024, 1, 1) + dt.timedelta(days=n)}\n---\n# Post {n}\n\nText.\n"
    for n in range(1, 61)}
NEWEST_FIRST_60 = [f"Post {n}" for n in range(60, 0, -1)]


def _blog_index_titles(outdir: Path) -> list[str]:
    return [a.get_text() for a in read_html(outdir, "blog.html").select("a.postlog-post-title")]


def _numbered_pages(outdir: Path) -> list[str]:
    return sorted(path.relative_to(outdir).as_posix() for path in outdir.rglob("page/*"))


def test_an_ablog_site_shows_every_post_on_one_page(tmp_path: Path) -> None:
    """As ABlog's blog.html and archive pages do, unless the site asks for pages."""
    app = build_site(write_site(tmp_path / "site", ABLOG_POSTS, ABLOG_CONF))
    assert warning_lines(app) == []
    assert _blog_index_titles(app.outdir) == NEWEST_FIRST_60
    assert _numbered_pages(app.outdir) == []
    assert read_html(app.outdir, "blog.html").select("nav.postlog-pagination") == []


@pytest.mark.parametrize("how", ["conf.py", "-D"])
def test_an_ablog_site_may_ask_for_numbered_pages(tmp_path: Path, how: str) -> None:
    setting = "postlog_archive_page_size = 20\n" if how == "conf.py" else ""
    overrides = {"postlog_archive_page_size": 20} if how == "-D" else {}
    app = build_site(write_site(tmp_path / "site", ABLOG_POSTS, ABLOG_CONF + setting),
                     confoverrides=overrides)
    assert len(_blog_index_titles(app.outdir)) == 20
    assert {"blog/page/1.html", "blog/page/2.html"} <= set(_numbered_pages(app.outdir))


def test_numbered_pages_go_when_an_ablog_site_stops_asking(tmp_path: Path) -> None:
    """Dropping the setting from conf.py removes the numbered pages on an incremental
    build, which then writes what a clean build writes."""
    srcdir = write_site(tmp_path / "site", ABLOG_POSTS,
                        ABLOG_CONF + "postlog_archive_page_size = 20\n")
    first = build_site(srcdir)
    assert _numbered_pages(first.outdir) != []
    (srcdir / "conf.py").write_text((srcdir / "conf.py").read_text(encoding="utf-8")
                                    .replace("postlog_archive_page_size = 20\n", ""),
                                    encoding="utf-8")
    incremental = build_site(srcdir)
    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean = build_site(fresh)
    assert _numbered_pages(incremental.outdir) == []
    assert _blog_index_titles(incremental.outdir) == NEWEST_FIRST_60
    assert _pages(incremental.outdir) == _pages(clean.outdir)


def _pages(outdir: Path) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for pattern in ("*.html", "*.xml", "*.json") for path in outdir.rglob(pattern)
            if "_static" not in path.parts}
