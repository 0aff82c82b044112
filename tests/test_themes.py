"""The common themes show archive pages, post headers and feed links, with no warning."""

from __future__ import annotations

import pytest

from conftest import read_html, warning_lines

THEMES = {
    "alabaster": "alabaster.css",
    "furo": "furo.css",
    "pydata_sphinx_theme": "pydata-sphinx-theme.css",
    "sphinx_book_theme": "sphinx-book-theme.css",
}


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_theme_shows_the_blog(built_root, theme: str) -> None:
    app = built_root("archives", confoverrides={"html_theme": theme})
    assert warning_lines(app) == []
    page = read_html(app.outdir, "blog/tags/python.html")
    stylesheets = [link.get("href", "") for link in page.find_all("link", rel="stylesheet")]
    assert any(THEMES[theme] in href for href in stylesheets), stylesheets
    assert any("postlog.css" in href for href in stylesheets)
    titles = [a.get_text() for a in page.select(".postlog-archive a.postlog-post-title")]
    assert titles == ["Writing C#", "<b>Bold</b> & friends", "An older post"]
    assert page.find("title").get_text().startswith("Posts tagged “python”")
    assert page.find("link", type="application/atom+xml")["href"] == (
        "https://example.org/blog/atom.xml")
    post = read_html(app.outdir, "posts/cpp.html")
    meta = post.select_one(".postlog-post-meta")
    assert meta is not None and meta.select_one(".postlog-date").get_text() == "Jan 01, 2020"
