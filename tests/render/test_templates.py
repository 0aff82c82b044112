"""Templates: theme layouts can place a post's details; users override ours."""

from __future__ import annotations

import pytest

from conftest import build_site, copy_root, read_html, warning_lines


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("theming")
    assert warning_lines(app) == []
    return app


def test_layout_places_the_post_details(site) -> None:
    page = read_html(site.outdir, "posts/a.html")
    details = page.select_one(".postlog-post-details")
    assert details is not None
    assert page.select(".body .postlog-post-meta") == [details.select_one(".postlog-post-meta")]
    tags = {a.get_text(): a["href"] for a in details.select("a.postlog-term")}
    assert tags["plain"] == "../blog/tags/plain.html"
    assert "<script>alert(1)</script>" in tags  # shown as text, escaped
    assert all("alert" not in s.get_text() for s in page.find_all("script")
               if s.get("type") != "application/ld+json")  # structured data: only data
    assert details.select_one(".postlog-newer a").get_text() == "Post B"
    assert details.select(".postlog-related") == []  # postlog_related_posts = 0
    # the page's text has none of it: the layout's details are the only ones
    assert page.select(".postlog-post-meta") == [details.select_one(".postlog-post-meta")]
    assert page.select(".postlog-post-footer") == [details.select_one(".postlog-post-footer")]


def test_the_layout_shows_what_the_settings_choose(tmp_path) -> None:
    app = build_site(copy_root("theming", tmp_path), confoverrides={
        "postlog_post_navigation": False, "postlog_related_posts": 3,
        "postlog_post_details": ["date"]})
    details = read_html(app.outdir, "posts/a.html").select_one(".postlog-post-details")
    assert details.select(".postlog-post-navigation") == []
    assert details.select_one(".postlog-related a").get_text() == "Post B"
    assert details.select(".postlog-tags") == [] and details.select(".postlog-date")
    off = build_site(copy_root("theming", tmp_path / "off"),
                     confoverrides={"postlog_post_meta": False})
    page = read_html(off.outdir, "posts/a.html")
    assert page.select(".postlog-post-meta") == []
    assert page.select_one(".postlog-post-details .postlog-newer a").get_text() == "Post B"


def test_user_templates_override_ours(site) -> None:
    page = read_html(site.outdir, "blog/tags/index.html")
    assert [a.get_text() for a in page.select(".my-own-terms a.my-term")] == [
        "<script>alert(1)</script> [1]", "plain [2]"]
    assert page.select(".postlog-terms") == []
