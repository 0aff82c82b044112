"""reStructuredText posts: the file-wide field list is front matter."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from conftest import parsed_warnings, read_html
from sphinx_postlog.collect.registry import get_registry

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("rst")


def test_field_lists_directives_and_myst_make_posts(site) -> None:
    posts = get_registry(site.env).posts
    assert sorted(posts) == ["posts/directive", "posts/fields", "posts/myst"]
    fields = posts["posts/fields"]
    assert (fields.date, fields.tags, fields.categories, fields.authors, fields.title) == (
        dt.datetime(2024, 1, 8, tzinfo=UTC), ("sphinx", "restructuredtext"), ("Guides",),
        ("Rita Rest",), "Fields make a post")
    assert fields.excerpt == "The file-wide field list is the front matter of an rST page."
    # ":draft:" with no value: a draft, so not published
    assert get_registry(site.env).unpublished == {"posts/blogpost": "a draft"}
    directive = posts["posts/directive"]
    assert (directive.date, directive.tags, directive.categories) == (
        dt.datetime(2023, 6, 15, tzinfo=UTC), ("ablog", "directive"), ("Guides",))


def test_bad_fields_are_located_warnings(site) -> None:
    assert sorted(parsed_warnings(site)) == [
        ("posts/bad.rst", 2, "postlog.date"),
        ("posts/bad.rst", 3, "postlog.field"),
    ]


def test_posts_need_no_toctree(site) -> None:
    assert "not included in any toctree" not in site.warning.getvalue()


def test_rst_and_myst_posts_are_listed_together(site) -> None:
    index = read_html(site.outdir, "index.html")
    assert [a.get_text() for a in index.select("a.postlog-post-title")] == [
        "Fields make a post", "A MyST post among rST posts", "The post directive"]
    guides = read_html(site.outdir, "blog/categories/guides.html")
    assert len(guides.select("a.postlog-post-title")) == 3
    feed = feedparser.parse((site.outdir / "blog/atom.xml").read_bytes())
    assert feed.bozo == 0
    assert sorted(entry.title for entry in feed.entries) == [
        "A MyST post among rST posts", "Fields make a post", "The post directive"]
    fields = next(e for e in feed.entries if e.title == "Fields make a post")
    assert "file-wide field list" in fields.content[0].value
    assert "restructuredtext" in [tag.term for tag in fields.tags]


def test_a_draft_field_list_post_is_read_when_drafts_are_shown(built_root) -> None:
    app = built_root("rst", confoverrides={"postlog_show_drafts": True})
    blogpost = get_registry(app.env).posts["posts/blogpost"]
    assert (blogpost.date, blogpost.tags, blogpost.draft) == (
        dt.datetime(2023, 11, 2, 9, 30, tzinfo=UTC), ("ablog",), True)
