"""The blog in the site's navigation: the blog index named in a toctree, for every URL
layout and builder, and only in the build of a site that has it."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site, read_html, warning_lines, write_site

POST = "---\ndate: 2024-01-01\n---\n# A post\n\nText.\n"
#: Sphinx's test applications use the basic theme unless told otherwise.
ALABASTER = {"html_theme": "alabaster"}


def _pages(outdir: Path) -> dict[str, bytes]:
    return {str(path.relative_to(outdir)): path.read_bytes()
            for path in sorted(outdir.rglob("*.html")) if "_static" not in path.parts}


def _home(entries: str) -> str:
    return f"# Home\n\n```{{toctree}}\n{entries}\n```\n"


def _nav(page) -> dict[str, tuple[str, list[str]]]:
    """alabaster's navigation: each entry's text, link and classes."""
    return {li.a.get_text(): (li.a["href"], li.get("class", []))
            for li in page.select("div.sphinxsidebar li.toctree-l1")}


def test_an_entry_with_its_own_title_with_dirhtml(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {"posts/one.md": POST})
    (srcdir / "index.md").write_text(_home("All posts <blog/index>"), encoding="utf-8")
    app = build_site(srcdir, "dirhtml", confoverrides=ALABASTER)
    assert warning_lines(app) == []
    assert _nav(read_html(app.outdir, "index.html")) == {
        "All posts": ("blog/", ["toctree-l1"])}
    assert _nav(read_html(app.outdir, "posts/one/index.html"))["All posts"][0] == (
        "../../blog/")
    assert _nav(read_html(app.outdir, "blog/index.html"))["All posts"] == (
        "#", ["toctree-l1", "current"])
    footer = read_html(app.outdir, "posts/one/index.html").select_one(".postlog-post-blog a")
    assert (footer["href"], footer.get_text()) == ("../../blog/", "← Blog")


def test_ablog_layout_names_its_blog_index_blog(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {"posts/one.md": POST},
                        'postlog_url_layout = "ablog"\n')
    (srcdir / "index.md").write_text(_home("blog"), encoding="utf-8")
    app = build_site(srcdir, confoverrides=ALABASTER)
    assert warning_lines(app) == []
    assert _nav(read_html(app.outdir, "posts/one.html")) == {
        "Blog": ("../blog.html", ["toctree-l1", "current"])}
    assert _nav(read_html(app.outdir, "index.html")) == {
        "Blog": ("blog.html", ["toctree-l1"])}
    assert _nav(read_html(app.outdir, "blog.html"))["Blog"][1] == ["toctree-l1", "current"]


def test_a_document_at_the_blog_index_is_linked_as_itself(tmp_path: Path) -> None:
    """An ABlog site's placeholder ``blog`` page is a document: its toctree entry is the
    document's (with its title), which shows the blog index."""
    srcdir = write_site(tmp_path / "site", {"posts/one.md": POST, "blog.md": "# Our blog\n"},
                        'postlog_url_layout = "ablog"\n')
    (srcdir / "index.md").write_text(_home("blog"), encoding="utf-8")
    app = build_site(srcdir, confoverrides=ALABASTER)
    assert warning_lines(app) == []
    assert _nav(read_html(app.outdir, "index.html")) == {"Our blog": ("blog.html",
                                                                      ["toctree-l1"])}
    blog = read_html(app.outdir, "blog.html")
    assert [a.get_text() for a in blog.select(".postlog-archive a.postlog-post-title")] == [
        "A post"]


def test_the_blog_index_is_known_only_to_the_site_that_has_it(tmp_path: Path) -> None:
    with_blog = write_site(tmp_path / "blog", {"posts/one.md": POST})
    (with_blog / "index.md").write_text(_home("blog/index"), encoding="utf-8")
    assert warning_lines(build_site(with_blog)) == []
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "conf.py").write_text("show_warning_types = True\n", encoding="utf-8")
    (plain / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   blog/index\n",
                                     encoding="utf-8")
    warnings = warning_lines(build_site(plain))
    assert len(warnings) == 1
    assert "nonexisting document 'blog/index'" in warnings[0]


def test_other_builders_build_without_a_warning(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {"posts/one.md": POST})
    (srcdir / "index.md").write_text(_home("blog/index"), encoding="utf-8")
    app = build_site(srcdir, "text")
    assert warning_lines(app) == []
    assert "A post" in (app.outdir / "posts/one.txt").read_text(encoding="utf-8")


def test_a_new_blog_title_gives_what_a_clean_build_gives(tmp_path: Path) -> None:
    pages = {"posts/one.md": POST, "about.md": "# About\n"}
    srcdir = write_site(tmp_path / "site", pages)
    (srcdir / "index.md").write_text(_home("about\nblog/index"), encoding="utf-8")
    build_site(srcdir, confoverrides=ALABASTER)
    renamed = {"confoverrides": {**ALABASTER, "postlog_blog_title": "Notes"}}
    incremental = build_site(srcdir, **renamed)
    assert warning_lines(incremental) == []
    fresh = write_site(tmp_path / "fresh", pages)
    (fresh / "index.md").write_text(_home("about\nblog/index"), encoding="utf-8")
    clean = build_site(fresh, **renamed)
    assert _pages(incremental.outdir) == _pages(clean.outdir)
    about = read_html(incremental.outdir, "about.html")
    assert _nav(about)["Notes"][0] == "blog/index.html"
    # Sphinx's "next" link from the page before the blog index
    assert [a.get_text() for a in about.select("div.relations a[title='next chapter']")] == [
        "Notes"]
