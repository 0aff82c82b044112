"""Sidebars: translated headings from sphinx-postlog's own catalog, each theme's look."""

from __future__ import annotations

import pytest

from conftest import build_site, read_html, warning_lines, write_site

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
            for a in sidebar.select(".postlog-sidebar-tag a:has(.postlog-term-name)")]
    assert tags == [("open-science", "(1)", "blog/tags/open-science.html"),
                    ("python", "(2)", "blog/tags/python.html")]
    more = sidebar.select(".postlog-sidebar-tag li")[-1]
    assert "postlog-sidebar-more" in more["class"]
    assert (more.a.get_text(), more.a["href"]) == ("All tags", "blog/tags/index.html")
    recent = sidebar.select(".postlog-recent a")
    assert recent[0].get_text() == "Measuring the tide"
    assert (recent[-1].get_text(), recent[-1]["href"]) == ("All posts", "blog/index.html")
    assert "postlog-sidebar-more" in recent[-1].parent["class"]


def _tagged(tags: str, year: int) -> str:
    return f"---\ndate: {year}-05-01\ntags: {tags}\n---\n# Post of {year} {tags}\n\nText.\n"


SIDEBAR_CONF = ('html_sidebars = {"**": ["postlog/recent-posts.html", '
                '"postlog/sidebar-tags.html", "postlog/sidebar-archives.html"]}\n')
#: zeta 3 posts, alpha and mid 2, beta, delta and gamma 1 each.
TAGGED = {"posts/p1.md": _tagged("zeta, alpha, mid", 2020),
          "posts/p2.md": _tagged("zeta, alpha", 2021),
          "posts/p3.md": _tagged("zeta, mid, beta", 2022),
          "posts/p4.md": _tagged("gamma", 2023),
          "posts/p5.md": _tagged("delta", 2024)}


def _sidebar_terms(outdir, page: str, kind: str) -> list[str]:
    sidebar = read_html(outdir, page).select_one(".sphinxsidebar")
    return [a.select_one(".postlog-term-name").get_text()
            for a in sidebar.select(f".postlog-sidebar-{kind} a:has(.postlog-term-name)")]


def test_a_sidebar_shows_the_most_used_terms_in_name_order(tmp_path) -> None:
    srcdir = write_site(tmp_path / "src", TAGGED, SIDEBAR_CONF + "postlog_sidebar_terms = 4\n")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    # the four most used, the last place going to the first name of the three tied
    assert _sidebar_terms(app.outdir, "index.html", "tag") == ["alpha", "beta", "mid", "zeta"]
    assert _sidebar_terms(app.outdir, "index.html", "year") == [
        "2024", "2023", "2022", "2021"]  # the newest years
    index = read_html(app.outdir, "blog/tags/index.html").select_one(".sphinxsidebar")
    more = index.select_one(".postlog-sidebar-tag .postlog-sidebar-more a")
    assert more.get_text() == "All tags" and more.get("aria-current") == "page"
    assert read_html(app.outdir, "index.html").select_one(
        ".postlog-sidebar-year .postlog-sidebar-more a")["href"] == "blog/archive/index.html"


def test_no_limit_shows_every_term(tmp_path) -> None:
    srcdir = write_site(tmp_path / "src", TAGGED, SIDEBAR_CONF + "postlog_sidebar_terms = 0\n")
    app = build_site(srcdir)
    assert _sidebar_terms(app.outdir, "index.html", "tag") == [
        "alpha", "beta", "delta", "gamma", "mid", "zeta"]
    assert len(_sidebar_terms(app.outdir, "index.html", "year")) == 5


def test_the_limit_is_twenty_by_default(tmp_path) -> None:
    pages = {f"posts/p{n:02d}.md": _tagged(f"t{n:02d}" + (", common" if n % 2 else ""), 2000 + n)
             for n in range(1, 26)}
    app = build_site(write_site(tmp_path / "src", pages, SIDEBAR_CONF))
    shown = _sidebar_terms(app.outdir, "index.html", "tag")
    assert len(shown) == 20 and shown[0] == "common" and shown[1:] == [
        f"t{n:02d}" for n in range(1, 20)]  # ties (one post each) by name


def test_a_sites_own_sidebar_asks_for_as_many_terms_as_it_likes(tmp_path) -> None:
    mine = ('<ul class="mine">{% for t in postlog_site.terms("tag", 2) %}<li>{{ t.name }}</li>'
            '{% endfor %}</ul><ul class="every">{% for t in postlog_site.terms("tag", 0) %}'
            '<li>{{ t.name }}</li>{% endfor %}</ul>'
            '<a class="index" href="{{ postlog_site.index_url("tag") }}">'
            '{{ postlog_site.all_terms("tag") }}</a>')
    srcdir = write_site(tmp_path / "src", TAGGED, 'templates_path = ["_templates"]\n'
                        'html_sidebars = {"**": ["mine.html"]}\npostlog_sidebar_terms = 1\n')
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates" / "mine.html").write_text(mine, encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    page = read_html(app.outdir, "posts/p1.html")
    assert [li.get_text() for li in page.select("ul.mine li")] == ["alpha", "zeta"]
    assert len(page.select("ul.every li")) == 6
    index = page.select_one("a.index")
    assert (index.get_text(), index["href"]) == ("All tags", "../blog/tags/index.html")


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_the_links_to_every_term_are_translated(built_root, language: str) -> None:
    app = built_root("cards", confoverrides={"language": language})
    sidebar = read_html(app.outdir, "index.html").select_one(".sphinxsidebar")
    texts = [a.get_text() for a in sidebar.select(".postlog-sidebar-more a")]
    assert texts == {"fr": ["Tous les billets", "Toutes les étiquettes",
                            "Toutes les catégories", "Tous les auteurs",
                            "Toutes les années"],
                     "ja": ["すべての記事", "すべてのタグ", "すべてのカテゴリー", "すべての著者",
                            "すべての年"]}[language]


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
