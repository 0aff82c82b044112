"""The public API for a site's own extensions (``sphinx_postlog.api``): which pages are
posts and what they say, as a stable public type, in the blog's order; the supported
replacement for ABlog's ``env.ablog_posts``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTS, build_site, copy_root, read_html, warning_lines, write_site
from sphinx_postlog import api
from sphinx_postlog.read.posts import Post

CONF = """
postlog_authors = {"ada": {"name": "Ada Lovelace", "url": "https://example.org/ada"}}
postlog_timezone = "Europe/Paris"
"""
PAGES = {
    "posts/engines.md": """---
date: 2024-03-01 09:30
updated: 2024-03-05
tags: [engines, history]
category: notes
author: ada, Guest Writer
image: https://example.org/cover.png
redirect: old/engines
---
# Engines

The analytical engine weaves algebraic patterns.

More text.
""",
    "posts/older.md": "---\ndate: 2023-01-01\ncanonical_link: https://elsewhere.example/older\n"
                      "---\n# Older\n\nOld news.\n",
    "posts/draft.md": "---\ndate: 2024-02-01\ndraft: true\n---\n# Draft\n\nNot yet.\n",
    "posts/later.md": "---\ndate: 2999-01-01\n---\n# Later\n\nOne day.\n",
    "about.md": "---\norphan: true\n---\n# About\n\nNot a post.\n",
}


def _site(tmp_path: Path, conf: str = CONF) -> Path:
    return write_site(tmp_path / "site", PAGES, conf)


def mark_posts(app: Any, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    """The example of the migration guide: a ``<meta>`` on post pages only."""
    info = api.post(app.env, pagename)
    if info is not None:
        context["metatags"] += (f'<meta name="x-post" content="{info.title}, '
                                f'{info.date.date().isoformat()}">')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_site(_site(tmp_path_factory.mktemp("api")),
                     hooks=[("html-page-context", mark_posts)])
    assert warning_lines(app) == []
    return app


def test_is_post_takes_the_application_or_its_environment(site) -> None:
    assert api.is_post(site, "posts/engines") and api.is_post(site.env, "posts/engines")
    assert not api.is_post(site, "about")
    assert not api.is_post(site.env, "index")
    assert not api.is_post(site, "posts/draft")  # a draft has no page
    assert not api.is_post(site, "posts/later")  # nor a post dated later
    assert not api.is_post(site, "no/such/page")


def test_a_post_as_a_public_frozen_type(site) -> None:
    info = api.post(site.env, "posts/engines")
    assert isinstance(info, api.PostInfo) and not isinstance(info, Post)
    paris = dt.timezone(dt.timedelta(hours=1))
    assert info == api.PostInfo(
        docname="posts/engines", title="Engines",
        date=dt.datetime(2024, 3, 1, 9, 30, tzinfo=paris),
        updated=dt.datetime(2024, 3, 5, tzinfo=paris),
        tags=("engines", "history"), categories=("notes",),
        authors=("ada", "Guest Writer"), author_names=("Ada Lovelace", "Guest Writer"),
        locations=(), languages=(),
        excerpt="The analytical engine weaves algebraic patterns.",
        image="https://example.org/cover.png", status="published",
        redirects=("old/engines",), canonical_link=None, reading_minutes=1)
    assert info.published and not info.draft
    assert info.last_modified == info.updated
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.title = "Changed"  # type: ignore[misc]
    assert api.post(site, "about") is None
    assert api.post(site, "posts/draft") is None


def test_posts_newest_first(site) -> None:
    assert [info.docname for info in api.posts(site)] == ["posts/engines", "posts/older"]
    assert api.posts(site.env, drafts=True) == api.posts(site)  # none are previewed
    older = api.posts(site)[1]
    assert (older.updated, older.image, older.last_modified) == (None, None, older.date)
    assert older.canonical_link == "https://elsewhere.example/older"


def test_an_html_page_context_handler_sees_post_pages_only(site) -> None:
    def marked(page: str) -> list[str]:
        return [meta["content"] for meta in read_html(site.outdir, page)
                .find_all("meta", attrs={"name": "x-post"})]

    assert marked("posts/engines.html") == ["Engines, 2024-03-01"]
    assert marked("posts/older.html") == ["Older, 2023-01-01"]
    assert marked("about.html") == marked("index.html") == []


def test_the_same_in_a_parallel_build(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path), hooks=[("html-page-context", mark_posts)], parallel=2)
    assert warning_lines(app) == []
    meta = read_html(app.outdir, "posts/engines.html").find("meta", attrs={"name": "x-post"})
    assert meta["content"] == "Engines, 2024-03-01"
    assert [info.docname for info in api.posts(app)] == ["posts/engines", "posts/older"]


def test_previewed_drafts_and_scheduled_posts(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path, CONF + "postlog_show_drafts = True\n"))
    assert [info.docname for info in api.posts(app)] == ["posts/engines", "posts/older"]
    previewed = {info.docname: info.status for info in api.posts(app, drafts=True)}
    assert list(previewed) == ["posts/later", "posts/engines", "posts/draft", "posts/older"]
    assert previewed["posts/draft"] == "draft" and previewed["posts/later"] == "scheduled"
    draft = api.post(app, "posts/draft")
    assert draft is not None and draft.draft and not draft.published
    assert api.is_post(app, "posts/draft")


def test_an_ablog_site_in_ablogs_order(tmp_path: Path) -> None:
    """An extension written for ``env.ablog_posts`` finds the same posts, in the order
    ABlog's blog.html shows them."""
    srcdir = copy_root("ablogties", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    app = build_site(srcdir)
    reference = json.loads((TESTS / "ablog_reference/ablog-0.11.13-ties.json")
                           .read_text(encoding="utf-8"))
    assert [info.docname for info in api.posts(app)] == [
        recorded["docname"] for recorded in reference["posts"]]
    info = api.post(app, "posts/c-beta")
    assert info is not None
    assert (info.authors, info.author_names) == (("gh",), ("Guaya Hack",))


def test_the_reference_names_every_field_and_function() -> None:
    text = (TESTS.parent / "docs/reference/api.md").read_text(encoding="utf-8")
    names = [field.name for field in dataclasses.fields(api.PostInfo)]
    names += ["published", "draft", "last_modified", *api.__all__]
    assert [name for name in names if f"`{name}" not in text] == []
