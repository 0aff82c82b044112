"""The settings object: made once after the checks at ``config-inited``, frozen, the
same from the application, its environment and its builder, in the writer processes of
a parallel build and after an incremental build loads the environment again; a blog's
settings are the site's with its own values."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from conftest import build_site, write_site
from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.settings import PRIORITY, Settings, blog_settings, settings_of

POST = "---\ndate: 2024-0{month}-01\ntags: [python]\n---\n# Post {month}\n\nText.\n"
PAGES = {f"posts/p{month}.md": POST.format(month=month) for month in range(1, 6)}


def test_the_object_holds_the_checked_values(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", PAGES, conf=(
        'postlog_post_pattern = "posts/*"\npostlog_feed_length = "7"\n'
        'postlog_archive_page_size = -3\npostlog_timezone = "Nowhere/Else"\n'
        'html_baseurl = "https://example.org/docs"\n'))
    app = build_site(srcdir)
    settings = settings_of(app)
    assert isinstance(settings, Settings)
    assert settings.post_pattern == ("posts/*",)  # a string is a one-item list
    assert settings.feed_length == 7  # text taken as its number
    assert settings.archive_page_size == 25  # the default, with a warning
    assert settings.timezone == "UTC"
    assert settings.base_url == "https://example.org/docs/"
    assert settings.project == "Site"
    assert settings.value("postlog_feed_length") == 7
    assert settings_of(app.env) is settings
    assert settings_of(app.builder) is settings
    assert settings_of(app.config) is settings


def test_the_object_is_frozen(tmp_path: Path) -> None:
    app = build_site(write_site(tmp_path / "site", {}))
    settings = settings_of(app)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.blog_path = "elsewhere"  # type: ignore[misc]
    with pytest.raises(TypeError):
        settings.authors["someone"] = "Someone"  # type: ignore[index]


def test_the_settings_are_made_last() -> None:
    assert PRIORITY["build_settings"] == max(PRIORITY.values())
    assert PRIORITY["check_paths"] < PRIORITY["check_blogs"]


def test_a_blogs_settings_are_the_sites_with_its_own_values(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", PAGES, conf=(
        'postlog_archive_page_size = 10\n'
        'postlog_blogs = {"news": {"pattern": "posts/p1*", "title": "News",'
        ' "page_size": 3}, "rest": {"pattern": "posts/*"}}\n'))
    app = build_site(srcdir)
    site = settings_of(app)
    news, rest = (blog_settings(site, blog) for blog in site_blogs(app.config))
    assert (news.blog, news.blog_title, news.archive_page_size) == ("news", "News", 3)
    assert (rest.blog, rest.blog_title, rest.archive_page_size) == ("rest", "Rest", 10)
    assert news.blog_path == "news" and news.feed_path == "news/atom.xml"
    assert news.project == site.project and news.timezone == site.timezone
    assert site.archive_page_size == 10


def test_writer_processes_of_a_parallel_build_have_the_same_object(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {**PAGES, **{
        f"page{number}.md": f"# Page {number}\n" for number in range(20)}})
    seen = tmp_path / "seen"
    seen.mkdir()

    def record(app, pagename, *rest) -> None:
        settings = settings_of(app.builder)
        (seen / f"{os.getpid()}-{pagename.replace('/', '-')}").write_text(
            f"{id(settings)} {settings.base_url}")

    app = build_site(srcdir, hooks=[("html-page-context", record)], parallel=2)
    records = {path.read_text() for path in seen.iterdir()}
    assert records == {f"{id(settings_of(app))} https://example.org/"}
    assert len({path.name.split("-")[0] for path in seen.iterdir()}) > 1  # several writers


def test_an_incremental_build_reaches_the_new_object(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", PAGES, conf="postlog_feed_length = 5\n")
    build_site(srcdir)
    pickle = srcdir / "_build" / "doctrees" / "environment.pickle"
    first = pickle.read_bytes()
    assert b"_postlog_settings" not in first and b"sphinx_postlog.settings" not in first
    app = build_site(srcdir)
    assert settings_of(app.env) is settings_of(app)
    assert settings_of(app.env).feed_length == 5
    assert b"sphinx_postlog.settings" not in pickle.read_bytes()
