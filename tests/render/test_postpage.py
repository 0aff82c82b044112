"""A post's own page: header details, newer/older links, related posts, and the same
for theme templates as ``postlog_post``."""

from __future__ import annotations

import pytest

from conftest import build_site, copy_root, read_html, warning_lines


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("incremental")
    assert warning_lines(app) == []
    return app


def test_header_shows_date_reading_time_and_terms(site) -> None:
    meta = read_html(site.outdir, "posts/post5.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-date a")["href"] == "../blog/archive/2020.html"
    assert meta.select_one(".postlog-reading-time").get_text() == "1 min read"
    assert [a.get_text() for a in meta.select(".postlog-tags a")] == ["python", "lonely"]
    assert [a.get_text() for a in meta.select(".postlog-categories a")] == ["solo"]


def test_footer_links_newer_and_older_posts(site) -> None:
    footer = read_html(site.outdir, "posts/post5.html").select_one(".postlog-post-footer")
    newer = footer.select_one(".postlog-newer a")
    older = footer.select_one(".postlog-older a")
    assert (newer.get_text(), newer["href"]) == ("Post number 6", "post6.html")
    assert (older.get_text(), older["href"]) == ("Post number 4", "post4.html")
    newest = read_html(site.outdir, "posts/post10.html").select_one(".postlog-post-footer")
    assert newest.select_one(".postlog-newer") is None


def test_related_posts_share_the_most_tags(site) -> None:
    footer = read_html(site.outdir, "posts/post3.html").select_one(".postlog-post-footer")
    related = [a.get_text() for a in footer.select(".postlog-related a")]
    # post 3 (January 3) is tagged python and go: 6 and 9 share both, the closer in date
    # first; then of those sharing one, 5 and 1 are as close, and 5 is newer
    assert related == ["Post number 6", "Post number 9", "Post number 5"]


def test_each_part_can_be_switched_off(tmp_path) -> None:
    app = build_site(copy_root("incremental", tmp_path), confoverrides={
        "postlog_post_details": ["date"], "postlog_post_navigation": False,
        "postlog_related_posts": 0})
    page = read_html(app.outdir, "posts/post5.html")
    meta = page.select_one(".postlog-post-meta")
    assert meta.select(".postlog-tags, .postlog-reading-time") == []
    assert meta.select_one(".postlog-date") is not None
    assert page.select(".postlog-post-footer") == []


def test_templates_get_postlog_post(tmp_path) -> None:
    captured = {}

    def capture(app, page, template, context, doctree) -> None:
        captured[page] = context.get("postlog_post")

    build_site(copy_root("incremental", tmp_path), hooks=[("html-page-context", capture)])
    post = captured["posts/post5"]
    assert post["post"].title == "Post number 5"
    assert post["newer"].title == "Post number 6" and post["newer"].url == "post6.html"
    assert post["older"].title == "Post number 4"
    assert [view.title for view in post["related"]][:1] == ["Post number 6"]
    assert captured["index"] is None
