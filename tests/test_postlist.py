"""The postlist directive: filters, limits, what it shows, on a page that is no post."""

from __future__ import annotations

import pytest

from conftest import build_site, copy_root, read_html, warning_lines


@pytest.fixture(scope="module")
def index(built_root):
    app = built_root("postlist")
    assert warning_lines(app) == []
    return read_html(app.outdir, "index.html")


def titles(index, section_id: str) -> list[str]:
    section = index.find("section", id=section_id)
    return [a.get_text() for a in section.select("a.postlog-post-title")]


def test_all_posts_newest_first(index) -> None:
    assert titles(index, "all") == ["Post C", "Post D", "Post B", "Post A"]


def test_filter_by_tag_and_show_tags_and_excerpt(index) -> None:
    assert titles(index, "python") == ["Post C", "Post A"]
    section = index.find("section", id="python")
    first = section.select_one("li.postlog-post")
    assert [a.get_text() for a in first.select(".postlog-tags a")] == ["python", "sphinx"]
    assert first.select_one(".postlog-excerpt").get_text(strip=True) == "Excerpt of C."
    assert first.select_one(".postlog-date").get_text() == "Feb 20, 2020"


def test_several_tags_mean_any_of_them(index) -> None:
    assert titles(index, "python-or-rust") == ["Post C", "Post B", "Post A"]
    section = index.find("section", id="python-or-rust")
    assert section.select(".postlog-date") == []
    assert section.select(".postlog-excerpt") == []


def test_limit(index) -> None:
    assert titles(index, "limit") == ["Post C", "Post D"]


def test_year_is_the_year_the_post_was_written_in(index) -> None:
    # Post D is 2019-12-31T23:00-05:00: still 2019 where it was written.
    assert titles(index, "year") == ["Post D", "Post B"]


def test_category_filter_shows_category_links(index) -> None:
    assert titles(index, "category") == ["Post C", "Post B"]
    links = index.find("section", id="category").select(".postlog-categories a")
    assert links[0]["href"] == "blog/categories/releases.html"


def test_author_filter(index) -> None:
    assert titles(index, "author") == ["Post C", "Post A"]
    authors = index.find("section", id="author").select_one(".postlog-authors")
    assert [a.get_text() for a in authors.select(".postlog-author")] == [
        "Jane Doe", "Max Mustermann"]


def test_filters_combine(index) -> None:
    assert titles(index, "combined") == ["Post C"]


def test_empty_result_says_so(index) -> None:
    section = index.find("section", id="nothing")
    assert section.select("li") == []
    assert section.select_one(".postlog-empty").get_text() == "No posts yet."


def test_links_point_at_the_posts(index) -> None:
    hrefs = [a["href"] for a in index.find("section", id="all").select("a.postlog-post-title")]
    assert hrefs == ["posts/c.html", "posts/d.html", "posts/b.html", "posts/a.html"]


@pytest.mark.sphinx("html", testroot="postlist", srcdir="postlist-bad-options")
def test_bad_options_are_reported(app) -> None:
    (app.srcdir / "bad.md").write_text(
        "---\norphan: true\n---\n# Bad\n\n```{postlist}\n:limit: -1\n```\n\n"
        "```{postlist}\n:show: colour\n```\n", encoding="utf-8")
    app.build()
    warnings = [line for line in warning_lines(app) if "bad.md" in line]
    assert len(warnings) == 2
    assert "colour" in warnings[1]


@pytest.mark.sphinx("text", testroot="postlist")
def test_other_builders_get_plain_lists(app) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Post C" in text and "Excerpt of C." in text
    assert warning_lines(app) == []


def test_a_format_line_shows_its_text_and_fields(tmp_path) -> None:
    """ABlog's ``:format:``: the text between the fields as written, each field filled in
    (the title linked; the date short, as ABlog writes it), nothing else on the line."""
    srcdir = copy_root("postlist", tmp_path)
    (srcdir / "formatted.md").write_text(
        "---\norphan: true\n---\n# Formatted\n\n```{postlist}\n:tags: python\n:limit: 1\n"
        ':format: "{date} | {title}, by {author}!"\n```\n', encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    header = read_html(app.outdir, "formatted.html").select_one(".postlog-post-header")
    assert header.get_text() == "20 February | Post C, by Jane Doe, Max Mustermann!"
    assert header.select_one("a.postlog-post-title").get_text() == "Post C"
