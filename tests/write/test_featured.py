"""Featured posts (a badge, the ``:featured:`` filter, their page) and pinned posts
(first on the blog index and on tag pages, in date order everywhere else)."""

from __future__ import annotations

import feedparser
import pytest

from conftest import build_site, parsed_warnings, read_html, warning_lines, write_site
from sphinx_postlog.collect.registry import get_registry


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("series")
    assert warning_lines(app) == []
    return app


def titles(page) -> list[str]:
    return [a.get_text() for a in page.select("a.postlog-post-title")]


def featured_badges(element) -> list:
    return element.select(".postlog-badge.postlog-featured")


def test_lists_show_the_featured_badge(site) -> None:
    blog = read_html(site.outdir, "blog/index.html")
    badged = [item.select_one("a.postlog-post-title").get_text()
              for item in blog.select("li.postlog-post") if featured_badges(item)]
    assert badged == ["Lexing"]
    assert featured_badges(blog)[0].get_text() == "Featured"


def test_cards_show_the_featured_badge(tmp_path) -> None:
    srcdir = write_site(tmp_path / "cards", {
        "posts/a.md": "---\ndate: 2024-01-01\nfeatured: true\n---\n# Star\n\nText.\n",
        "posts/b.md": "---\ndate: 2024-01-02\n---\n# Plain\n\nText.\n"},
        conf='postlog_archive_style = "cards"\n')
    app = build_site(srcdir)
    assert warning_lines(app) == []
    cards = read_html(app.outdir, "blog/index.html").select("li.postlog-card")
    assert {card.select_one(".postlog-card-title").get_text(): len(featured_badges(card))
            for card in cards} == {"Star": 1, "Plain": 0}
    assert featured_badges(cards[1])[0].find_parent(class_="postlog-card-meta") is not None


def test_the_post_header_shows_the_featured_badge(site) -> None:
    meta = read_html(site.outdir, "posts/part1.html").select_one(".postlog-post-meta")
    assert [badge.get_text() for badge in featured_badges(meta)] == ["Featured"]
    other = read_html(site.outdir, "posts/part2.html").select_one(".postlog-post-meta")
    assert featured_badges(other) == []


def test_postlist_featured_lists_featured_posts_only(site) -> None:
    home = read_html(site.outdir, "index.html")
    lists = home.select("ul.postlog-postlist")
    assert titles(lists[0]) == ["Lexing"]
    assert len(titles(lists[1])) == 3  # the unfiltered list beside it


def test_the_featured_page(site) -> None:
    page = read_html(site.outdir, "blog/featured.html")
    assert page.find("h1").get_text() == "Featured posts"
    assert titles(page) == ["Lexing"]
    nav = {a.get_text(): a["href"] for a in
           read_html(site.outdir, "blog/index.html").select(".postlog-archive-nav a")}
    assert nav["Featured"] == "featured.html"


def test_no_featured_page_without_featured_posts(tmp_path) -> None:
    srcdir = write_site(tmp_path / "none", {
        "posts/a.md": "---\ndate: 2024-01-01\n---\n# Plain\n\nText.\n"})
    app = build_site(srcdir)
    assert not (app.outdir / "blog/featured.html").exists()
    nav = [a.get_text() for a in
           read_html(app.outdir, "blog/index.html").select(".postlog-archive-nav a")]
    assert "Featured" not in nav and "Series" not in nav


def test_pinned_posts_come_first_on_the_blog_index(site) -> None:
    blog = read_html(site.outdir, "blog/index.html")
    assert titles(blog)[:2] == ["Start here", "The newest post"]
    first = blog.select_one("section.postlog-group")
    assert first["id"] == "pinned" and first.find("h2").get_text() == "Pinned"


def test_pinned_posts_come_first_on_tag_pages(site) -> None:
    page = read_html(site.outdir, "blog/tags/parsing.html")
    assert titles(page) == ["Start here", "The newest post", "Parsing expressions", "Lexing"]
    # a badge says why it is first, above newer posts
    pinned = [item.select_one("a.postlog-post-title").get_text()
              for item in page.select("li.postlog-post")
              if item.select(".postlog-badge.postlog-pinned")]
    assert pinned == ["Start here"]
    assert page.select_one(".postlog-pinned").get_text() == "Pinned"


def test_the_pinned_badge_is_for_lists_only(site) -> None:
    assert read_html(site.outdir, "posts/pinned.html").select(
        ".postlog-post-meta .postlog-pinned") == []


def test_pinned_posts_keep_their_date_order_elsewhere(site) -> None:
    year = read_html(site.outdir, "blog/archive/2020.html")
    assert titles(year) == ["Start here"]
    feed = feedparser.parse((site.outdir / "blog/atom.xml").read_bytes())
    assert feed.entries[0].title == "The newest post"
    assert feed.entries[-1].title == "Start here"
    registry = get_registry(site.env)
    pinned = registry.posts["posts/pinned"]
    older, newer = registry.neighbours(pinned)
    assert older is None and newer is not None and newer.title == "Ordered two"


def test_several_pinned_posts_newest_first_on_the_first_page_only(tmp_path) -> None:
    pages = {f"posts/p{n}.md": f"---\ndate: 2024-01-{n:02d}\n---\n# Post {n}\n\nText.\n"
             for n in range(1, 7)}
    pages["posts/p1.md"] = "---\ndate: 2024-01-01\npinned: true\n---\n# Post 1\n\nText.\n"
    pages["posts/p2.md"] = "---\ndate: 2024-01-02\npinned: true\n---\n# Post 2\n\nText.\n"
    srcdir = write_site(tmp_path / "paged", pages, conf="postlog_archive_page_size = 2\n")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    first = read_html(app.outdir, "blog/index.html")
    assert titles(first)[:2] == ["Post 2", "Post 1"]
    numbered = sorted((app.outdir / "blog/page").glob("*.html"))
    later = [title for path in numbered
             for title in titles(read_html(app.outdir, path.relative_to(app.outdir)))]
    assert "Post 1" not in later and "Post 2" not in later
    assert sorted(titles(first) + later) == [f"Post {n}" for n in range(1, 7)]


def test_bad_flags_are_one_located_warning_each(tmp_path) -> None:
    srcdir = write_site(tmp_path / "bad", {
        "posts/a.md": "---\ndate: 2024-01-01\nfeatured: maybe\npin: [1]\n---\n# A\n\nText.\n",
        "posts/b.rst": ":date: 2024-01-02\n:featured: yes\n:pinned: true\n\nB\n=\n\nText.\n"})
    app = build_site(srcdir)
    assert sorted(parsed_warnings(app)) == [("posts/a.md", 3, "postlog.field"),
                                            ("posts/a.md", 4, "postlog.field")]
    text = "\n".join(warning_lines(app))
    assert "'featured' must be true or false, not 'maybe'" in text
    assert "'pin' must be true or false, not a list" in text
    registry = get_registry(app.env)
    assert (registry.posts["posts/a"].featured, registry.posts["posts/a"].pinned) == (
        False, False)
    assert (registry.posts["posts/b"].featured, registry.posts["posts/b"].pinned) == (
        True, True)
