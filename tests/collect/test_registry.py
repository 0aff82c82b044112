"""Which pages become posts, and what the registry records for them (built sites)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import read_html, warning_lines
from sphinx_postlog.collect.registry import get_registry

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def registry_app(built_root):
    return built_root("frontmatter")


def test_posts_are_the_dated_markdown_pages(registry_app) -> None:
    posts = get_registry(registry_app.env).posts
    assert sorted(posts) == [
        "forced",
        "posts/comma",
        "posts/naive",
        "posts/quoted-zoned",
        "posts/space",
        "posts/titled",
        "posts/yamllist",
    ]


def test_space_separated_terms(registry_app) -> None:
    post = get_registry(registry_app.env).posts["posts/space"]
    assert post.tags == ("python", "open-science", "dev-ops")
    assert post.categories == ("dev-ops", "jupyterhub", "teams")
    assert post.date == dt.datetime(2018, 5, 18, tzinfo=UTC)
    assert post.title == "An academic goes to a conference"
    assert post.excerpt == "The first paragraph, with emphasis and a link."


def test_comma_separated_terms_and_zoned_datetime(registry_app) -> None:
    post = get_registry(registry_app.env).posts["posts/comma"]
    assert post.tags == ("open science", "python", "dev-ops")
    assert post.categories == ("research", "teams")
    assert post.authors == ("jane",)  # a known author's name files the post under her key
    assert post.date.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert post.date == dt.datetime(2019, 3, 4, 4, 50, tzinfo=UTC)


def test_yaml_lists_quoted_dates_and_updated(registry_app) -> None:
    post = get_registry(registry_app.env).posts["posts/yamllist"]
    assert post.tags == ("open science", "python", "2018")
    assert post.categories == ("teams",)
    assert post.authors == ("jane", "sam")
    assert post.date == dt.datetime(2020, 1, 2, tzinfo=UTC)
    assert post.updated == dt.datetime(2020, 2, 3, 8, tzinfo=UTC)


def test_naive_datetimes_and_author_keys(registry_app) -> None:
    post = get_registry(registry_app.env).posts["posts/naive"]
    assert post.date == dt.datetime(2021, 6, 1, 12, 30, tzinfo=UTC)
    assert post.authors == ("jane", "sam")
    assert post.tags == ()


def test_front_matter_title_and_description_win(registry_app) -> None:
    post = get_registry(registry_app.env).posts["posts/titled"]
    assert post.title == "Title from front matter"
    assert post.excerpt == "An explicit excerpt."


def test_unknown_keys_are_left_to_myst(registry_app) -> None:
    metadata = registry_app.env.metadata["posts/titled"]
    assert "some_other_key" in metadata
    page = read_html(registry_app.outdir, "posts/titled.html")
    assert page.find("meta", attrs={"name": "keywords"})["content"] == "kept for other extensions"


def test_no_warnings_for_good_input(registry_app) -> None:
    assert warning_lines(registry_app) == []


def test_posts_are_not_reported_as_outside_every_toctree(registry_app) -> None:
    assert registry_app.env.metadata["posts/space"]["orphan"] is True
    assert "orphan" not in registry_app.env.metadata["posts/optout"]


@pytest.mark.sphinx("html", testroot="frontmatter",
                    confoverrides={"postlog_post_pattern": ["posts/*"]})
def test_post_pattern_narrows_which_pages_are_posts(app) -> None:
    app.build()
    posts = get_registry(app.env).posts
    assert "posts/space" in posts
    assert "forced" in posts  # post: true wins over the pattern
    assert all(name.startswith("posts/") for name in posts if name != "forced")


@pytest.mark.sphinx("html", testroot="frontmatter",
                    confoverrides={"postlog_timezone": "America/New_York"})
def test_unzoned_dates_use_postlog_timezone(app) -> None:
    app.build()
    posts = get_registry(app.env).posts
    assert posts["posts/space"].date.utcoffset() == dt.timedelta(hours=-4)
    assert posts["posts/comma"].date.utcoffset() == dt.timedelta(hours=5, minutes=30)
    ordered = [post.docname for post in get_registry(app.env).newest_first()]
    assert ordered.index("posts/quoted-zoned") < ordered.index("posts/naive")


def test_the_post_pattern_decides_which_dated_pages_are_posts(tmp_path) -> None:
    from conftest import build_site, copy_root

    srcdir = copy_root("frontmatter", tmp_path)
    (srcdir / "notes").mkdir()
    (srcdir / "notes/dated.md").write_text("---\ndate: 2021-01-01\n---\n# A dated note\n\nN.\n")
    everything = build_site(srcdir)
    assert "notes/dated" in get_registry(everything.env).posts
    (tmp_path / "again").mkdir()
    shutil.copytree(srcdir, tmp_path / "again/site", ignore=shutil.ignore_patterns("_build"))
    only_posts = build_site(tmp_path / "again/site",
                            confoverrides={"postlog_post_pattern": ["posts/*"]})
    posts = get_registry(only_posts.env).posts
    assert "notes/dated" not in posts
    # what the pattern names, and "forced", which says post: true
    assert sorted(name for name in posts if not name.startswith("posts/")) == ["forced"]
