"""The common themes show archive pages, post headers and feed links, with no warning."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import build_site, copy_root, read_html, warning_lines

THEMES = {
    "alabaster": "alabaster.css",
    "furo": "furo.css",
    "pydata_sphinx_theme": "pydata-sphinx-theme.css",
    "sphinx_book_theme": "sphinx-book-theme.css",
    "sphinx_rtd_theme": "css/theme.css",
}


@pytest.mark.parametrize("theme", [pytest.param(theme, marks=pytest.mark.skipif(
    importlib.util.find_spec(theme) is None, reason=f"{theme} is not installed"))
    for theme in sorted(THEMES)])
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
    assert meta is not None and meta.select_one(".postlog-date").get_text() == "Jan 1, 2020"


#: Each theme's main navigation (its links to the root toctree's entries), and where it
#: shows a page's parents (None: it shows none).
NAVIGATION = {
    "alabaster": ("div.sphinxsidebar li.toctree-l1", "div.relations li a"),
    "furo": (".sidebar-tree li.toctree-l1", None),
    "pydata_sphinx_theme": (".navbar-header-items ul.bd-navbar-elements li.nav-item",
                            ".bd-breadcrumbs li a"),
    "sphinx_book_theme": ("nav.bd-links li.toctree-l1", None),
    "sphinx_rtd_theme": (".wy-menu-vertical li.toctree-l1", ".wy-breadcrumbs li a"),
}
NAV_THEMES = [pytest.param(theme, marks=pytest.mark.skipif(
    importlib.util.find_spec(theme) is None, reason=f"{theme} is not installed"))
    for theme in NAVIGATION]
BLOG = "Field & notes"
#: Pages a reader can be on, with the link to the blog index from each.
PAGES = {"index.html": "blog/index.html", "about.html": "blog/index.html",
         "posts/post1.html": "../blog/index.html", "blog/tags/python.html": "../index.html",
         "blog/page/1.html": "../index.html", "blog/index.html": "#"}


def _entry(page, theme: str):
    """The navigation entry of the blog on ``page``: its <li>."""
    entries = [li for li in page.select(NAVIGATION[theme][0])
               if li.find("a").get_text(strip=True) == BLOG]
    assert len(entries) == 1, [li.get_text(strip=True) for li in page.select(
        NAVIGATION[theme][0])]
    return entries[0]


@pytest.mark.parametrize("theme", NAV_THEMES)
def test_a_toctree_names_the_blog_index(built_root, theme: str) -> None:
    """``blog/index`` in the home page's toctree is accepted as ``genindex`` is: each
    theme's navigation has an entry titled ``postlog_blog_title``, linking to the blog
    from every page, the current one on the blog index, and on posts and archive pages
    where the theme marks what Sphinx's toctree marks (pydata-sphinx-theme's navbar
    marks a page's toctree ancestors only)."""
    app = built_root("navigation", confoverrides={"html_theme": theme})
    assert warning_lines(app) == []
    for name, href in PAGES.items():
        page = read_html(app.outdir, name)
        entry = _entry(page, theme)
        assert entry.find("a")["href"] == href, name
        current = "current" in entry.get("class", [])
        in_blog = name.startswith(("blog/", "posts/"))
        assert current == (name == "blog/index.html" if theme == "pydata_sphinx_theme"
                           else in_blog), name
        others = [li for li in page.select(NAVIGATION[theme][0]) if li is not entry]
        assert any("current" in li.get("class", []) for li in others) == (
            name == "about.html"), name
    about = [li for li in read_html(app.outdir, "index.html").select(NAVIGATION[theme][0])
             if li.find("a")["href"] == "about.html"]
    assert about, "the user's pages are still listed"


@pytest.mark.parametrize("theme", NAV_THEMES)
def test_posts_and_archive_pages_have_the_blog_as_parent(built_root, theme: str) -> None:
    app = built_root("navigation", confoverrides={"html_theme": theme})
    crumbs = NAVIGATION[theme][1]
    expected = {"posts/post1.html": [("../blog/index.html", BLOG)],
                "blog/tags/python.html": [("../index.html", BLOG), ("index.html", "Tags")],
                "blog/tags/python/page/1.html": [
                    ("../../../index.html", BLOG), ("../../index.html", "Tags"),
                    ("../../python.html", "Posts tagged “python”")],
                "blog/page/1.html": [("../index.html", BLOG)],
                "blog/index.html": []}
    for name, parents in expected.items():
        page = read_html(app.outdir, name)
        if crumbs is not None:
            links = [(a["href"], a.get_text(strip=True)) for a in page.select(crumbs)
                     if a.get_text(strip=True) and "View page source" not in a.get_text()
                     and a["href"] != "../" * name.count("/") + "index.html"]  # home
            assert links == parents, name
        if name.startswith("posts/"):
            footer = page.select_one(".postlog-post-footer .postlog-post-blog a")
            assert (footer["href"], footer.get_text()) == (parents[0][0], f"← {BLOG}")
    if theme == "pydata_sphinx_theme":  # the title is escaped, as Sphinx gives titles
        assert ('<li class="breadcrumb-item"><a href="../blog/index.html" class="nav-link">'
                'Field &amp; notes</a></li>') in (app.outdir / "posts/post1.html").read_text()


@pytest.mark.parametrize("theme", NAV_THEMES)
def test_posts_without_an_author_show_the_sites(built_root, theme: str) -> None:
    app = built_root("navigation", confoverrides={"html_theme": theme})
    for name, author in (("posts/post1.html", "Jane Site"), ("posts/post3.html", "Bob Other")):
        meta = read_html(app.outdir, name).select_one(".postlog-post-meta")
        assert [a.get_text() for a in meta.select(".postlog-author")] == [author]
    listed = read_html(app.outdir, "blog/index.html").select(".postlog-archive .postlog-post")
    by_title = {post.select_one(".postlog-post-title").get_text():
                [a.get_text() for a in post.select(".postlog-author")] for post in listed}
    assert by_title == {"Post 4": ["Jane Site"], "Post 3": ["Bob Other"]}
    home = read_html(app.outdir, "index.html")
    cards = {card.select_one(".postlog-post-title").get_text():
             [a.get_text() for a in card.select(".postlog-author")]
             for card in home.select(".postlog-card")}
    assert cards == {"Post 4": ["Jane Site"], "Post 3": ["Bob Other"],
                     "Post 2": ["Jane Site"], "Post 1": ["Jane Site"]}
    # The site's author is shown, not filed: only authors that posts name have pages,
    # and only theirs are links.
    assert [a.get("href") for a in home.select(".postlog-card .postlog-author")] == [
        None, "blog/authors/bob-other.html", None, None]
    authors = read_html(app.outdir, "blog/authors/index.html").select(".postlog-term-list a")
    assert [a.get_text() for a in authors] == ["Bob Other"]


#: sphinx-rtd-theme has no html_sidebars: the guide's layout.html puts ours in its menu.
RTD_LAYOUT = """{% extends "!layout.html" %}
{% block menu %}
{{ super() }}
{% include "postlog/recent-posts.html" %}
{% include "postlog/sidebar-tags.html" %}
{% endblock %}
"""


def test_sphinx_rtd_theme_shows_the_sidebars_in_its_menu_and_cards(tmp_path) -> None:
    pytest.importorskip("sphinx_rtd_theme")
    srcdir = copy_root("cards", tmp_path)
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "layout.html").write_text(RTD_LAYOUT, encoding="utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_theme = "sphinx_rtd_theme"\ntemplates_path = ["_templates"]\n')
    app = build_site(srcdir)
    assert warning_lines(app) == []
    page = read_html(app.outdir, "posts/sea.html")
    menu = page.select_one(".wy-nav-side .wy-menu-vertical")
    assert [h.get_text() for h in menu.select("nav.postlog-sidebar h3")] == [
        "Recent posts", "Tags"]
    assert menu.select_one(".postlog-recent a[aria-current=page]").get_text() == (
        "Measuring the tide")
    assert menu.select_one(".postlog-sidebar-tag .postlog-sidebar-more a")["href"] == (
        "../blog/tags/index.html")
    assert page.select_one(".rst-content .postlog-post-meta .postlog-date") is not None
    cards = read_html(app.outdir, "blog/tags/python.html").select(
        ".rst-content ul.postlog-cards > li.postlog-card")
    assert len(cards) == 2
    css = (app.outdir / "_static" / "postlog.css").read_text(encoding="utf-8")
    # its menu's captions and links, and no disc on the items of post lists in its pages
    assert ".wy-menu-vertical .postlog-sidebar-heading" in css
    assert ".rst-content ul.postlog-postlist > li" in css
