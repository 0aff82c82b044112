"""Series: the box on each part, series pages and their index, feed categories, and
the warnings of series_order."""

from __future__ import annotations

import json

import feedparser
import pytest
from lxml import etree

from conftest import build_site, parsed_warnings, read_html, warning_lines, write_site
from sphinx_postlog import api
from sphinx_postlog.collect.registry import get_registry

PARSER = "Building a <Parser>"
PARTS = ["Lexing", "Parsing expressions", "Error recovery", "Code generation"]


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("series")
    assert warning_lines(app) == []
    return app


def box(site, page: str):
    return read_html(site.outdir, page).select_one("aside.postlog-series")


def test_each_part_shows_the_whole_series_with_its_own_part_marked(site) -> None:
    series = box(site, "posts/part2.html")
    assert series.select_one(".postlog-series-position").get_text() == "Part 2 of 4"
    title = series.select_one(".postlog-series-title a")
    assert title.get_text() == PARSER  # escaped, shown as written
    assert title["href"] == "../blog/series/building-a-parser.html"
    items = series.select("ol.postlog-series-parts > li")
    assert [item.get_text() for item in items] == PARTS
    current = [item for item in items if item.get("aria-current") == "page"]
    assert [item.get_text() for item in current] == ["Parsing expressions"]
    assert current[0].find("a") is None  # the page itself is not linked
    assert [a["href"] for a in series.select("ol a")] == ["part1.html", "part3.html",
                                                          "part4.html"]


def test_previous_and_next_go_within_the_series(site) -> None:
    second = box(site, "posts/part2.html")
    assert second.select_one("a.postlog-series-previous")["href"] == "part1.html"
    assert second.select_one("a.postlog-series-next")["href"] == "part3.html"
    first, last = box(site, "posts/part1.html"), box(site, "posts/part4.html")
    assert first.select_one("a.postlog-series-previous") is None
    assert first.select_one("a.postlog-series-next")["href"] == "part2.html"
    assert last.select_one("a.postlog-series-next") is None
    assert "Part 4 of 4" in last.get_text()
    # the footer's neighbours stay the posts next in date, whatever the series
    footer = read_html(site.outdir, "posts/part1.html").select_one(".postlog-post-footer")
    assert footer.select_one(".postlog-older a").get_text() == "Ordered one"


def test_the_box_is_at_the_top_of_the_post_under_its_details(site) -> None:
    page = read_html(site.outdir, "posts/part3.html")
    section = page.select_one("section")
    children = [child for child in section.children if getattr(child, "name", None)]
    names = [(child.name, " ".join(child.get("class", []))) for child in children][:3]
    assert names[0][0] == "h1"
    assert "postlog-post-meta" in names[1][1]
    assert "postlog-series-block" in names[2][1]
    assert children[2].find("aside")["class"] == ["postlog-series"]
    assert "<!--postlog:series" not in str(page)


def test_drafts_are_no_part(site) -> None:
    assert not (site.outdir / "posts/draft.html").exists()
    registry = get_registry(site.env)
    assert [post.title for post in registry.series()[PARSER]] == PARTS


def test_with_drafts_shown_a_draft_gets_no_box_and_counts_no_part(tmp_path) -> None:
    srcdir = write_site(tmp_path / "drafts", {
        "posts/a.md": "---\ndate: 2024-01-01\nseries: Trip\n---\n# Day one\n",
        "posts/b.md": "---\ndate: 2024-01-02\nseries: Trip\ndraft: true\n---\n# Day two\n"},
        conf="postlog_show_drafts = True\npostlog_lint = []\n")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    assert read_html(app.outdir, "posts/b.html").select_one("aside.postlog-series") is None
    assert "Part 1 of 1" in box(app, "posts/a.html").get_text()


def test_series_order_comes_before_the_date(site) -> None:
    series = box(site, "posts/ordered-b.html")
    assert [li.get_text() for li in series.select("ol > li")] == ["Ordered one", "Ordered two"]
    assert "Part 2 of 2" in series.get_text()


def test_the_api_tells_series_and_flags(site) -> None:
    info = api.post(site, "posts/ordered-a")
    assert info is not None
    assert (info.series, info.series_order, info.featured, info.pinned) == (
        "Ordered", 1, False, False)
    first = api.post(site, "posts/part1")
    assert first is not None and (first.series, first.series_order, first.featured) == (
        PARSER, None, True)
    pinned = api.post(site, "posts/pinned")
    assert pinned is not None and (pinned.series, pinned.pinned) == (None, True)


def test_posts_in_no_series_have_no_box(site) -> None:
    assert box(site, "posts/newest.html") is None


def test_series_page_lists_the_parts_in_order(site) -> None:
    page = read_html(site.outdir, "blog/series/building-a-parser.html")
    assert page.find("h1").get_text() == f"Series “{PARSER}”"
    assert [a.get_text() for a in page.select("a.postlog-post-title")] == PARTS
    ordered = read_html(site.outdir, "blog/series/ordered.html")
    assert [a.get_text() for a in ordered.select("a.postlog-post-title")] == [
        "Ordered one", "Ordered two"]


def test_series_index_lists_every_series_with_its_count(site) -> None:
    index = read_html(site.outdir, "blog/series/index.html")
    entries = {li.select_one("a").get_text(): li.select_one(".postlog-count").get_text()
               for li in index.select("ul.postlog-term-list li")}
    assert entries == {PARSER: "(4)", "Ordered": "(2)"}
    blog = read_html(site.outdir, "blog/index.html")
    nav = {a.get_text(): a["href"] for a in blog.select(".postlog-archive-nav a")}
    assert nav["Series"] == "series/index.html"


def test_feeds_carry_the_series_as_a_category(site, atom_schema) -> None:
    atom = (site.outdir / "blog/atom.xml").read_bytes()
    assert atom_schema.validate(etree.fromstring(atom)), atom_schema.error_log
    parsed = feedparser.parse(atom)
    assert parsed.bozo == 0
    entry = next(entry for entry in parsed.entries if entry.title == "Parsing expressions")
    terms = {(tag.term, tag.scheme, tag.label) for tag in entry.tags}
    assert terms == {("parsing", "https://example.org/blog/tags/index.html", "parsing"),
                     (PARSER, "https://example.org/blog/series/index.html", PARSER)}
    rss = feedparser.parse((site.outdir / "blog/rss.xml").read_bytes())
    assert rss.bozo == 0
    item = next(item for item in rss.entries if item.title == "Parsing expressions")
    assert {(tag.term, tag.scheme) for tag in item.tags} == {
        ("parsing", "https://example.org/blog/tags/index.html"),
        (PARSER, "https://example.org/blog/series/index.html")}
    feed = json.loads((site.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    item = next(item for item in feed["items"] if item["title"] == "Parsing expressions")
    assert item["tags"] == ["parsing", PARSER]


def test_non_html_builders_get_the_box_as_text(tmp_path) -> None:
    srcdir = write_site(tmp_path / "text", {
        "posts/a.md": "---\ndate: 2024-01-01\nseries: Trip\n---\n# Day one\n\nText.\n",
        "posts/b.md": "---\ndate: 2024-01-02\nseries: Trip\n---\n# Day two\n\nText.\n"})
    app = build_site(srcdir, "text")
    assert warning_lines(app) == []
    text = (app.outdir / "posts/b.txt").read_text(encoding="utf-8")
    assert "Series: Trip (Part 2 of 2)" in text
    assert "Previous part: Day one" in text
    assert text.index("Part 2 of 2") < text.index("Text.")


def test_the_same_series_order_twice_is_one_located_warning(tmp_path) -> None:
    srcdir = write_site(tmp_path / "dup", {
        "posts/a.md": "---\ndate: 2024-01-01\nseries: Trip\nseries_order: 1\n---\n# A\n",
        "posts/b.md": "---\ndate: 2024-01-02\nseries: Trip\nseries_order: 1\n---\n# B\n",
        "posts/c.md": "---\ndate: 2024-01-03\nseries: Trip\nseries_order: zero\n---\n# C\n",
        "posts/d.md": "---\ndate: 2024-01-04\nseries_order: 3\n---\n# D\n"},
        conf="postlog_lint = []\n")
    app = build_site(srcdir)
    assert sorted(parsed_warnings(app)) == [("posts/b.md", 4, "postlog.field"),
                                    ("posts/c.md", 4, "postlog.field"),
                                    ("posts/d.md", 3, "postlog.field")]
    text = "\n".join(warning_lines(app))
    assert "'posts/a'" in text and "go by date" in text
    parts = read_html(app.outdir, "posts/a.html").select("aside.postlog-series ol > li")
    assert [li.get_text() for li in parts] == ["A", "B", "C"]  # same place: by date


def test_series_pages_in_ablog_layout(tmp_path) -> None:
    srcdir = write_site(tmp_path / "ablog", {
        "posts/a.md": "---\ndate: 2024-01-01\nseries: Trip\n---\n# Day one\n\nText.\n"},
        conf='postlog_url_layout = "ablog"\n')
    app = build_site(srcdir)
    assert warning_lines(app) == []
    assert (app.outdir / "blog/series/trip.html").is_file()
    assert (app.outdir / "blog/series.html").is_file()
    link = read_html(app.outdir, "posts/a.html").select_one(".postlog-series-title a")
    assert link["href"] == "../blog/series/trip.html"


def test_rst_posts_and_bad_series_values(tmp_path) -> None:
    srcdir = write_site(tmp_path / "rst", {
        "posts/a.rst": ":date: 2024-01-02\n:series: Trip\n:series_order: 1\n\nDay one\n"
                       "=======\n\nText.\n",
        "posts/b.md": "---\ndate: 2024-01-01\nseries: Trip\nseries_order: 2\n---\n# Day two\n"
                      "\nText.\n",
        "posts/c.md": "---\ndate: 2024-01-03\nseries: [Trip, Other]\n---\n# Listed\n\nText.\n",
        "posts/d.md": "---\ndate: 2024-01-04\nseries: Trip\nseries_order: true\n---\n# D\n"
                      "\nText.\n"}, conf="postlog_lint = []\n")
    app = build_site(srcdir)
    assert sorted(parsed_warnings(app)) == [("posts/c.md", 3, "postlog.field"),
                                            ("posts/d.md", 4, "postlog.field")]
    text = "\n".join(warning_lines(app))
    assert "'series' must be text" in text and "'series_order' must be a whole number" in text
    parts = read_html(app.outdir, "posts/b.html").select("aside.postlog-series ol > li")
    assert [li.get_text() for li in parts] == ["Day one", "Day two", "D"]
    assert get_registry(app.env).posts["posts/c"].series == ""
