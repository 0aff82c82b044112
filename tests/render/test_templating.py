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


def test_compiled_templates_are_kept_and_follow_changes(tmp_path: Path) -> None:
    from conftest import build_site, copy_root, read_html

    srcdir = copy_root("incremental", tmp_path)
    app = build_site(srcdir)
    cache = Path(app.doctreedir) / "postlog-templates"
    assert sorted(cache.glob("*.cache"))  # compiled once, kept for the next build
    folder = srcdir / "_templates" / "postlog"
    folder.mkdir(parents=True)
    (folder / "post-footer.html").write_text(
        '<p class="my-footer">{{ older.title if older else "" }}</p>', encoding="utf-8")
    (srcdir / "conf.py").write_text((srcdir / "conf.py").read_text(encoding="utf-8")
                                    + 'templates_path = ["_templates"]\n', encoding="utf-8")
    app = build_site(srcdir)
    page = read_html(app.outdir, "posts/post5.html")
    assert page.select_one(".my-footer").get_text() == "Post number 4"
    (folder / "post-footer.html").write_text(
        '<p class="my-footer">changed</p>', encoding="utf-8")
    app = build_site(srcdir)
    assert read_html(app.outdir, "posts/post5.html").select_one(".my-footer").get_text() \
        == "changed"


def test_list_items_are_made_once_per_post_while_remembering(tmp_path: Path) -> None:
    """Archive pages list each post several times: its HTML is made once (the macro
    sees only its arguments); outside, or with an argument that cannot be a key, the
    macro runs each time."""
    from markupsafe import Markup

    from sphinx_postlog.render.templating import Renderer

    folder = tmp_path / "_templates" / "postlog"
    folder.mkdir(parents=True)
    (folder / "item.html").write_text(
        '{% macro item(post, extra) %}<li>{{ made(post) }} {{ post }} {{ extra }} é</li>'
        '{% endmacro %}',
        encoding="utf-8")
    (folder / "items.html").write_text(
        '{% from "postlog/item.html" import item %}'
        '{% for post in posts %}{{ list_item(item, post, extra) }}{% endfor %}',
        encoding="utf-8")
    made: list[str] = []
    renderer = Renderer(tmp_path, ["_templates"], {"made": made.append})
    first, second = "<a>", "b"

    def render(extra: object = "x") -> str:
        return renderer.render("postlog/items.html", posts=[first, second, first],
                               extra=extra)

    def expected(extra: str = "x") -> str:
        shown = ("&lt;a&gt;", "b", "&lt;a&gt;")
        return "".join(f"<li>None {post} {extra} é</li>" for post in shown)

    assert render() == expected()
    assert made == [first, second, first]
    made.clear()
    with renderer.remembering_items():
        assert render() == expected() and render() == expected()
        assert made == [first, second]
        assert render(extra="y") == expected("y")  # other arguments: made again
        assert made == [first, second, first, second]
        made.clear()
        assert render(extra=["a list"]) == expected("[&#39;a list&#39;]")
        assert made == [first, second, first]
    made.clear()
    assert render() == expected()
    assert made == [first, second, first]
    assert isinstance(renderer.environment.globals["list_item"](
        lambda post: "<b>", "post"), Markup)


def test_templates_loaded_ahead_are_kept(tmp_path: Path) -> None:
    """``load`` compiles templates and makes the macros module at once (processes that
    ``-j`` forks later find them ready): changing the files afterwards changes nothing."""
    from sphinx_postlog.render.templating import MACROS, Renderer

    folder = tmp_path / "_templates" / "postlog"
    folder.mkdir(parents=True)
    (folder / "page.html").write_text("{% from 'postlog/macros.html' import hello %}"
                                      "{{ hello() }} page", encoding="utf-8")
    (folder / "macros.html").write_text("{% macro hello() %}hello{% endmacro %}",
                                        encoding="utf-8")
    renderer = Renderer(tmp_path, ["_templates"])
    renderer.load("postlog/page.html")
    (folder / "page.html").write_text("changed", encoding="utf-8")
    (folder / "macros.html").write_text("{% macro hello() %}changed{% endmacro %}",
                                        encoding="utf-8")
    assert renderer.render("postlog/page.html") == "hello page"
    assert MACROS == "postlog/macros.html"
