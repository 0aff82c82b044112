"""Posts that tie and terms that share a slug come out as ABlog 0.11.13 has them
(tests/ablog_reference/ablog-0.11.13-ties.json records ABlog's output for
tests/roots/test-ablogties): posts of the same date by title, Z to A, then in docname
order, everywhere ABlog orders posts; of the terms ABlog gives one file, the one whose
page ABlog's URL shows keeps that URL, and the others get one of their own.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import feedparser
import pytest

from conftest import TESTS, build_site, copy_root, read_html, warning_lines
from sphinx_postlog.collect.registry import get_registry

REFERENCE = json.loads((TESTS / "ablog_reference/ablog-0.11.13-ties.json")
                       .read_text(encoding="utf-8"))


def _ablog_root(tmp_path: Path) -> Path:
    srcdir = copy_root("ablogties", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(_ablog_root(tmp_path_factory.mktemp("ablogties")))


def _href(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def _listed(outdir: Path, path: str) -> list[str]:
    page = read_html(outdir, path)
    return [_href(path, a["href"]).removesuffix(".html")
            for a in page.select(".postlog-archive a.postlog-post-title")]


def test_builds_without_warnings(site) -> None:
    assert warning_lines(site) == []


def test_the_blog_index_and_archives_order_posts_as_ablog(site) -> None:
    expected = [post["docname"] for post in REFERENCE["posts"]]
    # neither docname order nor its reverse: by title, Z to A, then by docname
    assert expected[:3] == ["posts/a-gamma", "posts/c-beta", "posts/b-alpha"]
    assert expected[3:5] == ["posts/d-same", "posts/e-same"]
    assert [post.docname for post in get_registry(site.env).published()] == expected
    for path, page in REFERENCE["archive_pages"].items():
        if page["kind"] == "collection" and page["posts"]:
            assert _listed(site.outdir, path) == page["posts"], path


def test_the_feed_orders_posts_as_ablog(site) -> None:
    feed = feedparser.parse((site.outdir / "blog/atom.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == [
        entry["link"] for entry in REFERENCE["feed"]["entries"]]


def test_post_lists_order_posts_as_ablog(site) -> None:
    page = read_html(site.outdir, "listing.html")
    lists = page.select("ul.postlog-postlist")
    expected = REFERENCE["postlists"]["listing.html"]
    assert len(lists) == len(expected) == 2
    for bullets, recorded in zip(lists, expected, strict=True):
        hrefs = [li.select_one("a")["href"] for li in bullets.find_all("li", recursive=False)]
        assert hrefs == [item["href"] for item in recorded["items"]]


def test_previous_and_next_posts_as_ablog(site) -> None:
    """ABlog's chain of previous and next posts sorts from the oldest: of two posts of
    the same date and title, the newer is the one its lists show below."""
    for docname, expected in REFERENCE["post_pages"].items():
        page = read_html(site.outdir, f"{docname}.html")
        for side, ours in (("prev", "older"), ("next", "newer")):
            link = page.select_one(f".postlog-post-navigation .postlog-{ours} a")
            href = _href(f"{docname}.html", link["href"]) if link else None
            assert href == expected[side], (docname, side)
    assert REFERENCE["post_pages"]["posts/d-same"]["next"] == "posts/e-same.html"


def test_each_shared_url_shows_the_term_ablog_shows_there(site) -> None:
    registry = get_registry(site.env)
    for path, page in REFERENCE["archive_pages"].items():
        if page["kind"] != "collection" or not path.startswith("blog/") or "/" not in \
                path.removeprefix("blog/"):
            continue
        heading = read_html(site.outdir, path).select_one(".postlog-archive h1").get_text()
        shown = page["heading"].split(None, 2)[-1]  # "Posts by GuayaHack"
        assert shown in heading, path
    slugs = registry.slugs("author")
    assert slugs["GuayaHack"] == "guayahack"
    assert slugs["guaya-hack"] == "guaya-hack"  # over gh, shown as "Guaya Hack"
    assert registry.slugs("tag")["c"] == "c" and registry.slugs("tag")["python"] == "python"
    # the others keep pages of their own, with every post
    assert slugs["@guayahack"].startswith("guayahack-")
    assert _listed(site.outdir, f"blog/author/{slugs['@guayahack']}.html") == [
        "posts/b-alpha", "posts/f-old"]
    assert _listed(site.outdir, f"blog/tag/{registry.slugs('tag')['C++']}.html") == [
        "posts/a-gamma", "posts/e-same"]


def test_ablog_reference_names_lead_to_ablog_urls(site) -> None:
    """The name ABlog gives two terms leads where ABlog's did (its link text is the
    name of the term whose page that is)."""
    items = read_html(site.outdir, "refs.html").select("div.body li")
    assert len(items) == len(REFERENCE["labels"])
    for item, expected in zip(items, REFERENCE["labels"], strict=True):
        assert _href("refs.html", item.select_one("a")["href"]) == expected["href"]


def test_the_same_in_parallel_and_in_any_order(tmp_path: Path) -> None:
    """Which term keeps a shared slug depends on the terms, not on the order pages were
    read in."""
    serial = build_site(_ablog_root(tmp_path / "serial"))
    parallel = build_site(_ablog_root(tmp_path / "parallel"), parallel=2)
    for kind in ("tag", "category", "author"):
        assert get_registry(parallel.env).slugs(kind) == get_registry(serial.env).slugs(kind)
    files = {path.relative_to(serial.outdir).as_posix()
             for path in serial.outdir.rglob("blog/**/*.html")}
    assert files == {path.relative_to(parallel.outdir).as_posix()
                     for path in parallel.outdir.rglob("blog/**/*.html")}


def _output(outdir: Path) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for pattern in ("*.html", "*.xml") for path in outdir.rglob(pattern)
            if "_static" not in path.parts}


def test_a_new_term_taking_a_shared_url_over_incrementally(tmp_path: Path) -> None:
    """A tag C# comes, which sorts after c: it takes blog/tag/c.html, c moves to a file
    of its own, and every page linking to either is written again, as a clean build
    writes it."""
    srcdir = _ablog_root(tmp_path / "site")
    first = build_site(srcdir)
    assert get_registry(first.env).slugs("tag")["c"] == "c"
    refs = first.outdir / "refs.html"
    written = refs.stat().st_mtime_ns
    build_site(srcdir)  # nothing changed: refs.html is not written again
    assert refs.stat().st_mtime_ns == written
    (srcdir / "posts/g-sharp.md").write_text(
        "---\nblogpost: true\ndate: 2022-06-01\ntags: c#\n---\n\n# Sharp\n\nText.\n",
        encoding="utf-8")
    incremental = build_site(srcdir)
    slugs = get_registry(incremental.env).slugs("tag")
    assert slugs["c#"] == "c" and slugs["c"].startswith("c-")
    assert _listed(incremental.outdir, "blog/tag/c.html") == ["posts/g-sharp"]
    fresh = _ablog_root(tmp_path / "fresh")
    (fresh / "posts/g-sharp.md").write_text(
        (srcdir / "posts/g-sharp.md").read_text(encoding="utf-8"), encoding="utf-8")
    clean = _output(build_site(fresh).outdir)
    ours = _output(incremental.outdir)
    assert sorted(ours) == sorted(clean)
    assert [path for path in clean if ours[path] != clean[path]] == []
