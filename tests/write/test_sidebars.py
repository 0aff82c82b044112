"""Sidebars: translated headings from sphinx-postlog's own catalog, each theme's look."""

from __future__ import annotations

import pytest

from conftest import read_html, warning_lines

HEADINGS = {
    "en": ["Recent posts", "Tags", "Categories", "Authors", "Archive"],
    "fr": ["Billets récents", "Étiquettes", "Catégories", "Auteurs", "Archives"],
    "de": ["Neueste Beiträge", "Schlagwörter", "Kategorien", "Autoren", "Archiv"],
}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_sidebar_headings_are_translated(built_root, language: str) -> None:
    app = built_root("cards", confoverrides={"language": language})
    assert warning_lines(app) == []
    sidebar = read_html(app.outdir, "posts/sea.html").select_one(".sphinxsidebar")
    navs = sidebar.select("nav.postlog-sidebar")
    assert [nav.select_one("h3.postlog-sidebar-heading").get_text() for nav in navs] == (
        HEADINGS[language])
    assert [nav["aria-label"] for nav in navs] == HEADINGS[language]


def test_sidebar_terms_link_their_pages_with_counts(built_root) -> None:
    app = built_root("cards")
    sidebar = read_html(app.outdir, "index.html").select_one(".sphinxsidebar")
    tags = [(a.select_one(".postlog-term-name").get_text(),
             a.select_one(".postlog-count").get_text(), a["href"])
            for a in sidebar.select(".postlog-sidebar-tag a")]
    assert tags == [("open-science", "(1)", "blog/tags/open-science.html"),
                    ("python", "(2)", "blog/tags/python.html")]
    recent = [a.get_text() for a in sidebar.select(".postlog-recent a")]
    assert recent[0] == "Measuring the tide"


@pytest.mark.parametrize(("theme", "container"), [
    ("furo", ".sidebar-drawer"), ("pydata_sphinx_theme", ".bd-sidebar-primary"),
    ("sphinx_book_theme", ".bd-sidebar-primary")])
def test_sidebars_sit_where_each_theme_styles_them(built_root, theme: str,
                                                   container: str) -> None:
    """postlog.css styles the sidebars inside each theme's own sidebar container, from
    the theme's variables; the markup must land in that container."""
    sidebars = {"furo": ["sidebar/brand.html", "postlog/sidebar-tags.html"],
                "pydata_sphinx_theme": ["postlog/sidebar-tags.html"],
                "sphinx_book_theme": ["postlog/sidebar-tags.html"]}[theme]
    app = built_root("cards", confoverrides={"html_theme": theme,
                                             "html_sidebars": {"**": sidebars}})
    assert warning_lines(app) == []
    page = read_html(app.outdir, "index.html")
    assert page.select(f"{container} nav.postlog-sidebar-tag h3.postlog-sidebar-heading")
    css = (app.outdir / "_static" / "postlog.css").read_text()
    assert f"{container} .postlog-sidebar-heading" in css


def test_the_page_being_read_is_marked(built_root) -> None:
    app = built_root("cards")
    post = read_html(app.outdir, "posts/sea.html").select_one(".sphinxsidebar")
    assert [a.get_text() for a in post.select('.postlog-recent a[aria-current="page"]')] == [
        "Measuring the tide"]
    assert post.select('.postlog-sidebar-tag a[aria-current="page"]') == []
    tag = read_html(app.outdir, "blog/tags/python.html").select_one(".sphinxsidebar")
    assert [a.select_one(".postlog-term-name").get_text()
            for a in tag.select('.postlog-sidebar-tag a[aria-current="page"]')] == ["python"]
    assert tag.select('.postlog-recent a[aria-current="page"]') == []


def test_every_page_of_a_term_marks_it(built_root) -> None:
    app = built_root("cards", confoverrides={"postlog_archive_page_size": 1})
    page = read_html(app.outdir, "blog/tags/python/page/1.html").select_one(".sphinxsidebar")
    assert [a.select_one(".postlog-term-name").get_text()
            for a in page.select('.postlog-sidebar-tag a[aria-current="page"]')] == ["python"]
    other = read_html(app.outdir, "blog/tags/open-science.html").select_one(".sphinxsidebar")
    assert [a.select_one(".postlog-term-name").get_text()
            for a in other.select('a[aria-current="page"]')] == ["open-science"]
