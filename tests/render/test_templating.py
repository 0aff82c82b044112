"""Which sites show the blog on every page (sidebars, their own templates), so that a
new post changes every page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from sphinx_postlog.render.templating import pages_show_the_blog


def config(**values: object) -> SimpleNamespace:
    return SimpleNamespace(**{"html_sidebars": {}, "html_theme_options": {},
                              "templates_path": [], **values})


@pytest.mark.parametrize(("values", "expected"), [
    ({}, False),
    ({"html_sidebars": {"**": ["localtoc.html", "searchbox.html"]}}, False),
    ({"html_sidebars": {"**": ["postlog/recent-posts.html"]}}, True),
    ({"html_sidebars": {"posts/*": "postlog/sidebar-tags.html"}}, True),
    ({"html_sidebars": {"**": ["ablog/postcard.html"]}}, False),  # the post's own
    ({"html_sidebars": {"**": ["ablog/postcard.html", "ablog/recentposts.html"]}}, True),
    ({"html_sidebars": {"**": ["postlog/post-details.html"]}}, False),
    ({"html_theme_options": {"secondary_sidebar_items": ["postlog/recent-posts.html"]}},
     True),
    ({"html_theme_options": {"navbar_end": ["theme-switcher"]}}, False),
])
def test_sidebars_that_show_the_blog(values: dict, expected: bool) -> None:
    assert pages_show_the_blog(config(**values), ".") is expected


def test_own_templates_using_postlog_site(tmp_path: Path) -> None:
    folder = tmp_path / "_templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% extends '!page.html' %}", encoding="utf-8")
    from sphinx_postlog.config import PACKAGE_TEMPLATES

    site = config(templates_path=["_templates", "missing", str(PACKAGE_TEMPLATES)])
    assert pages_show_the_blog(site, tmp_path) is False
    (folder / "deep").mkdir()
    (folder / "deep" / "side.html").write_text("{{ postlog_site.recent(3) }}",
                                              encoding="utf-8")
    assert pages_show_the_blog(site, tmp_path) is True
