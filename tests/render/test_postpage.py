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


def test_neighbours_are_two_labelled_blocks_newer_first(site) -> None:
    """"← Newer" and "Older →", each block with its label and the post's title."""
    navigation = read_html(site.outdir, "posts/post5.html").select_one(
        ".postlog-post-footer .postlog-post-navigation")
    blocks = navigation.find_all(recursive=False)
    assert [block["class"] for block in blocks] == [["postlog-neighbour", "postlog-newer"],
                                                    ["postlog-neighbour", "postlog-older"]]
    assert [block.select_one(".postlog-label").get_text() for block in blocks] == [
        "← Newer", "Older →"]
    assert [block.select_one(".postlog-label [aria-hidden=true]").get_text(strip=True)
            for block in blocks] == ["←", "→"]
    assert [block.a.get_text() for block in blocks] == ["Post number 6", "Post number 4"]
    oldest = read_html(site.outdir, "posts/post1.html").select_one(".postlog-post-navigation")
    assert [block["class"][-1] for block in oldest.find_all(recursive=False)] == [
        "postlog-newer"]


def test_related_posts_leave_out_the_neighbours(site) -> None:
    """Post 5 (python) is related most closely to posts 6 and 4, its neighbours: the
    footer lists the next closest instead, still three of them."""
    footer = read_html(site.outdir, "posts/post5.html").select_one(".postlog-post-footer")
    neighbours = {a.get_text() for a in footer.select(".postlog-neighbour a")}
    related = [a.get_text() for a in footer.select(".postlog-related a")]
    assert neighbours == {"Post number 6", "Post number 4"}
    assert len(related) == 3 and not neighbours & set(related)
    assert footer.select_one(".postlog-related-heading").get_text() == "Related posts"
    assert "rubric" not in footer.select_one(".postlog-related-heading")["class"]


def test_related_posts_keep_the_neighbours_without_navigation(tmp_path) -> None:
    app = build_site(copy_root("incremental", tmp_path),
                     confoverrides={"postlog_post_navigation": False})
    footer = read_html(app.outdir, "posts/post5.html").select_one(".postlog-post-footer")
    assert footer.select(".postlog-neighbour") == []
    assert [a.get_text() for a in footer.select(".postlog-related a")][:1] == [
        "Post number 6"]


def _with_cover(tmp_path):
    root = copy_root("incremental", tmp_path)
    post = root / "posts" / "post5.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "category: solo\n", "category: solo\nimage: cover.png\n"), encoding="utf-8")
    (root / "posts" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def test_the_cover_image_is_under_the_title(tmp_path) -> None:
    app = build_site(_with_cover(tmp_path))
    assert warning_lines(app) == []
    page = read_html(app.outdir, "posts/post5.html")
    cover = page.select_one("img.postlog-post-cover")
    assert cover is not None and cover["alt"] == ""
    assert (app.outdir / "posts" / cover["src"]).resolve().is_file()
    assert cover["src"].startswith("../_images/postlog/")
    # after the title and its details line, before the post's text
    assert cover.find_previous("h1").get_text().startswith("Post number 5")
    assert cover.find_previous(class_="postlog-post-meta") is not None
    assert cover.find_next("p").get_text() == "Excerpt of post 5."
    assert read_html(app.outdir, "posts/post4.html").select("img.postlog-post-cover") == []


def test_the_cover_image_can_be_switched_off(tmp_path) -> None:
    app = build_site(_with_cover(tmp_path), confoverrides={"postlog_post_cover": False})
    assert read_html(app.outdir, "posts/post5.html").select("img.postlog-post-cover") == []


def test_the_cover_image_shows_without_the_details_line(tmp_path) -> None:
    app = build_site(_with_cover(tmp_path), confoverrides={"postlog_post_meta": False})
    page = read_html(app.outdir, "posts/post5.html")
    assert page.select(".postlog-post-meta") == []
    assert page.select_one("img.postlog-post-cover") is not None


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
    # post 6 shares python with post 5 but is its newer post, linked already
    assert [view.title for view in post["related"]][:1] == ["Post number 7"]
    assert captured["index"] is None
