"""An ABlog site restyled by overriding ABlog's templates keeps its look: its
``ablog/collection.html``, ``catalog.html``, ``postcard.html``, ``postnavy.html``,
``recentposts.html`` and a ``layout.html`` reading ``ablog`` render as ABlog 0.11.13
rendered them (tests/ablog_reference/ablog-0.11.13-templates.json, recorded with
``record_templates.py``), and a broken one gives one warning and sphinx-postlog's
markup."""

from __future__ import annotations

import json

import pytest
from ablog_reference.record_templates import parse_site

from conftest import TESTS, build_site, copy_root, read_html, warning_lines

REFERENCE = json.loads((TESTS / "ablog_reference/ablog-0.11.13-templates.json")
                       .read_text(encoding="utf-8"))


def _as_ours(srcdir, templates: dict[str, str] | None = None):
    """The root with ``extensions`` changed (and ``templates`` written), built."""
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    for name, text in (templates or {}).items():
        (srcdir / "_templates" / name).write_text(text, encoding="utf-8")
    return build_site(srcdir)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return _as_ours(copy_root("ablogtemplates", tmp_path_factory.mktemp("tpl")))


def test_builds_without_warnings(site) -> None:
    assert warning_lines(site) == []


def test_pages_read_as_ablogs(site) -> None:
    """Every page ABlog wrote shows the same cards, catalogs, previous/next links,
    sidebars, breadcrumb, post tags and feed link."""
    ours = parse_site(site.outdir)
    for page, expected in REFERENCE["pages"].items():
        assert page in ours, page
        assert ours[page] == expected, page


def test_the_overrides_are_shown(site) -> None:
    """The comparison above compares something: the site's markup is on the pages."""
    pages = REFERENCE["pages"]
    assert len(pages["blog.html"]["collection"]["cards"]) == 5
    assert [t["term"][0]["text"] for t in pages["blog/tag.html"]["catalog"]["terms"]] == [
        "myst", "python", "rst", "sphinx"]
    beta = pages["posts/beta.html"]
    assert [link["href"] for link in beta["prevnext"]["links"]] == [
        "posts/alpha.html", "posts/gamma.html"]
    assert beta["breadcrumb"]["text"] == "Blog \u203a Beta news"
    assert beta["feed"]["links"] == [{"href": "blog/atom.xml", "text": "Subscribe"}]
    assert beta["postcard"]["categories"][0]["text"] == "News"
    ours = read_html(site.outdir, "posts/beta.html")
    # the site's previous/next bar takes the place of ours
    assert ours.select(".postlog-post-navigation") == []
    assert ours.select_one("div.ablog__blog_comments nav.my-prevnext") is not None


def test_ablog_sidebars_not_overridden_stay_ours(site) -> None:
    page = read_html(site.outdir, "index.html")
    assert page.select_one(".postlog-sidebar-tag") is not None


def test_feed_text_leaves_out_the_site_navigation(site) -> None:
    feed = (site.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    assert "my-prevnext" not in feed


BROKEN = {
    "ablog/collection.html": '{% extends "page.html" %}{% block body %}'
                             '{{ post.date.strftime("%Y") }}{% endblock %}',
    "ablog/recentposts.html": "<div>{{ no_such_thing.title }}</div>",
}


def test_a_broken_template_gives_one_warning_and_our_markup(tmp_path) -> None:
    app = _as_ours(copy_root("ablogtemplates", tmp_path), BROKEN)
    warnings = warning_lines(app)
    assert len(warnings) == 2, warnings
    for template, warning in zip(sorted(BROKEN), sorted(warnings), strict=True):
        assert f"the site's template {template!r} failed on page" in warning
        assert "UndefinedError" in warning and warning.endswith("[postlog.ablog]")
    blog = read_html(app.outdir, "blog.html")
    assert blog.select_one(".my-collection") is None
    assert len(blog.select(".postlog-archive a.postlog-post-title")) == 5
    # our recent posts in place of the broken sidebar, on every page
    for page in ("index.html", "blog.html", "posts/beta.html"):
        sidebar = read_html(app.outdir, page).select_one("div.sphinxsidebarwrapper")
        assert sidebar.select_one(".my-recent") is None
        assert sidebar.select(".postlog-recent a"), page
    # the catalog override still works
    assert read_html(app.outdir, "blog/tag.html").select_one(".my-catalog") is not None


def test_a_sidebar_by_ablogs_old_name_gets_the_context(tmp_path) -> None:
    """``tagcloud.html`` at the top of ``templates_path``, as ABlog 0.11 still serves it;
    a broken one is one warning and our tag cloud."""
    srcdir = copy_root("ablogtemplates", tmp_path / "good")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_sidebars = {"**": ["tagcloud.html", "archives.html"]}\n')
    (srcdir / "_templates/tagcloud.html").write_text(
        '<div class="my-cloud">{% for tag in ablog.tags %}<a href="{{ pathto(tag.docname) }}">'
        "{{ tag }}</a>{% endfor %}</div>", encoding="utf-8")
    (srcdir / "_templates/archives.html").write_text(
        "<div>{{ ablog.archive.no_such_method() }}</div>", encoding="utf-8")
    app = _as_ours(srcdir)
    warnings = warning_lines(app)
    assert len(warnings) == 1 and "'archives.html' failed on page" in warnings[0], warnings
    page = read_html(app.outdir, "posts/beta.html")
    assert [a["href"] for a in page.select(".my-cloud a")] == [
        "../blog/tag/myst.html", "../blog/tag/python.html", "../blog/tag/rst.html",
        "../blog/tag/sphinx.html"]
    assert page.select_one(".postlog-sidebar-year") is not None


def _pages(outdir) -> dict[str, str]:
    return {path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(outdir.rglob("*.html"))
            if not path.relative_to(outdir).as_posix().startswith(("_", "."))}


def test_parallel_and_incremental_builds_write_what_a_clean_one_does(tmp_path) -> None:
    srcdir = copy_root("ablogtemplates", tmp_path)
    app = _as_ours(srcdir)
    post = srcdir / "posts/beta.md"
    post.write_text(post.read_text(encoding="utf-8").replace("# Beta news", "# Beta headlines"),
                    encoding="utf-8")
    again = build_site(srcdir)
    assert warning_lines(again) == []
    incremental = _pages(app.outdir)
    assert not [page for page, html in incremental.items() if "Beta news" in html]
    assert "Beta headlines" in read_html(app.outdir, "blog.html").select_one(
        ".my-collection").get_text()
    clean = copy_root("ablogtemplates", tmp_path / "clean")
    (clean / "posts/beta.md").write_text(post.read_text(encoding="utf-8"), encoding="utf-8")
    serial = _pages(_as_ours(clean).outdir)
    assert incremental == serial
    parallel = copy_root("ablogtemplates", tmp_path / "parallel")
    (parallel / "posts/beta.md").write_text(post.read_text(encoding="utf-8"), encoding="utf-8")
    conf = parallel / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    assert _pages(build_site(parallel, parallel=2).outdir) == serial
