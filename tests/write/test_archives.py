"""Archive pages: blog index, tag and category pages and indexes, post headers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import pytest

from conftest import build_site, copy_root, read_html, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.facets import AUTHOR, CATEGORY, TAG
from sphinx_postlog.render.layout import ArchiveLayout


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("archives")
    assert warning_lines(app) == []
    return app


def tag_pages(site) -> dict[str, Path]:
    """Tag name (as the tag index shows it) -> file of its page."""
    index = read_html(site.outdir, "blog/tags/index.html")
    base = site.outdir / "blog/tags"
    return {a.get_text(): base / unquote(a["href"]) for a in index.select("a.postlog-term")}


def test_every_tag_has_a_page_of_its_own(site) -> None:
    pages = tag_pages(site)
    assert set(pages) == {"C++", "C#", "Python", "python", "café", "日本語",
                          "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'}
    assert len({str(path).casefold() for path in pages.values()}) == len(pages)
    for name, path in pages.items():
        assert path.is_file(), name
        assert path.resolve().is_relative_to(site.outdir.resolve())
        heading = read_html(site.outdir, path.relative_to(site.outdir)).find("h1")
        assert heading.get_text() == f"Posts tagged “{name}”"


def test_tag_pages_list_their_posts_newest_first(site) -> None:
    page = read_html(site.outdir, tag_pages(site)["python"].relative_to(site.outdir))
    titles = [a.get_text() for a in page.select("a.postlog-post-title")]
    assert titles == ["Writing C#", "<b>Bold</b> & friends", "An older post"]


def test_tag_index_counts(site) -> None:
    index = read_html(site.outdir, "blog/tags/index.html")
    counts = {li.select_one("a").get_text(): li.select_one(".postlog-count").get_text()
              for li in index.select("ul.postlog-term-list li")}
    assert counts["python"] == "(3)"
    assert counts["Python"] == "(1)"


def test_categories_pages_and_index(site) -> None:
    index = read_html(site.outdir, "blog/categories/index.html")
    names = [a.get_text() for a in index.select("a.postlog-term")]
    assert names == ["Languages", "languages", "Tips & Tricks"]
    for link in index.select("a.postlog-term"):
        assert (site.outdir / "blog/categories" / unquote(link["href"])).is_file()


def test_blog_index_groups_by_year(site) -> None:
    page = read_html(site.outdir, "blog/index.html")
    years = [h.get_text() for h in page.select("section.postlog-group h2")]
    assert years == ["2020", "2019", "2018"]
    first_year = page.select_one("section.postlog-group")
    assert [a.get_text() for a in first_year.select("a.postlog-post-title")] == [
        "Writing C#", "Writing C++"]


def test_hostile_names_are_escaped(site) -> None:
    for path in site.outdir.rglob("*.html"):
        soup = read_html(site.outdir, path.relative_to(site.outdir))
        for script in soup.find_all("script"):
            if script.get("type") != "application/ld+json":  # structured data: only data
                assert "alert" not in script.get_text(), path
        assert soup.find("img", onerror=True) is None, path
        assert soup.find("b", string="Bold") is None or path.name == "hostile.html", path


def test_post_pages_show_date_and_link_their_terms(site) -> None:
    page = read_html(site.outdir, "posts/cpp.html")
    meta = page.select_one("p.postlog-post-meta")
    assert meta.find_previous("h1").get_text().startswith("Writing C++")
    assert meta.select_one(".postlog-date").get_text() == "Jan 1, 2020"
    links = {a.get_text(): a["href"] for a in meta.select("a.postlog-term")}
    assert set(links) == {"C++", "Python", "café", "Languages"}
    for href in links.values():
        target = (site.outdir / "posts" / unquote(href)).resolve()
        assert target.is_file(), href


def test_posts_link_back_from_archives(site) -> None:
    page = read_html(site.outdir, "blog/index.html")
    for link in page.select("a.postlog-post-title"):
        assert (site.outdir / "blog" / unquote(link["href"])).resolve().is_file()


def test_dirhtml_links_resolve(built_root) -> None:
    app = built_root("archives", "dirhtml")
    outdir = app.outdir
    pages = list(outdir.rglob("index.html"))
    checked = 0
    for path in pages:
        soup = read_html(outdir, path.relative_to(outdir))
        base = "file://" + str(path.parent) + "/"
        for link in soup.select("a.postlog-term, a.postlog-post-title"):
            target = Path(unquote(urljoin(base, link["href"]).removeprefix("file://")))
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (path, link["href"])
            checked += 1
    assert checked > 20
    assert (outdir / "blog/tags/python/index.html").is_file()


@pytest.mark.sphinx("html", testroot="archives", srcdir="archives-clash")
def test_clash_with_a_document_warns(app) -> None:
    (app.srcdir / "blog").mkdir()
    (app.srcdir / "blog/tags").mkdir()
    (app.srcdir / "blog/tags/python.md").write_text("---\norphan: true\n---\n# Mine\n",
                                                     encoding="utf-8")
    app.build()
    warnings = [line for line in warning_lines(app) if "postlog.archive" in line]
    assert len(warnings) == 1 and "blog/tags/python" in warnings[0]
    assert read_html(app.outdir, "blog/tags/python.html").find("h1").get_text().startswith("Mine")


@pytest.mark.sphinx("latex", testroot="archives")
def test_latex_builds_without_archives(app) -> None:
    app.build()
    assert warning_lines(app) == []
    assert not (app.outdir / "blog").exists()


def test_links_to_archive_pages_and_tags_resolve(site) -> None:
    page = read_html(site.outdir, "index.html")
    links = {a.get_text(): a["href"] for a in page.select(".body a.reference")}
    slugs = get_registry(site.env).slugs("tag")
    assert links["The blog"] == "blog/index.html"
    assert links["all tags"] == "blog/tags/index.html"
    assert links["feed"] == "blog/atom.xml"
    assert links["C++"] == f"blog/tags/{slugs['C++']}.html"
    assert links["the python tag"] == "blog/tags/python.html"
    assert links["languages"] == "blog/categories/languages.html"
    sub = read_html(site.outdir, "sub/page.html")
    sub_links = {a.get_text(): a["href"] for a in sub.select(".body a.reference")}
    assert sub_links["Blog from a folder"] == "../blog/index.html"
    assert sub_links["absolute"] == "../blog/tags/index.html"
    assert unquote(sub_links["café"]) == "../blog/tags/café.html"


@pytest.mark.sphinx("html", testroot="archives", srcdir="archives-role")
def test_unknown_tag_in_role_warns(app) -> None:
    (app.srcdir / "index.md").write_text(
        "# Home\n\n{postlog:tag}`no-such-tag`\n\n```{toctree}\n:hidden:\nsub/page\n```\n",
                                        encoding="utf-8")
    app.build()
    warnings = warning_lines(app)
    assert len(warnings) == 1 and "no post has the tag 'no-such-tag'" in warnings[0]


@pytest.mark.parametrize("buildername", ["text", "singlehtml", "epub", "linkcheck", "man"])
def test_other_builders_build_cleanly(built_root, buildername: str) -> None:
    app = built_root("archives", buildername)
    assert warning_lines(app) == []
    assert not (app.outdir / "blog" / "atom.xml").exists()


def test_each_post_is_made_once_for_all_archive_pages(tmp_path, monkeypatch) -> None:
    """A post is on the blog index, its year's page and the page of each of its tags
    and categories: its view is made once, its line once for each heading level, and
    each page links from where it is (see test_dirhtml_links_resolve)."""
    from jinja2.runtime import Macro

    from conftest import build_site, copy_root
    from sphinx_postlog.render.views import Presenter

    lines: list[str] = []
    views: list[str] = []
    call, view = Macro.__call__, Presenter.view

    def counted_call(self, *args, **kwargs):
        if self.name == "post_line":
            lines.append(args[0].title)
        return call(self, *args, **kwargs)

    def counted_view(self, post, from_page, links):
        views.append(post.docname)
        return view(self, post, from_page, links)

    monkeypatch.setattr(Macro, "__call__", counted_call)
    monkeypatch.setattr(Presenter, "view", counted_view)
    app = build_site(copy_root("archives", tmp_path))
    posts = get_registry(app.env).posts
    listed = [a.get_text() for path in (app.outdir / "blog").rglob("*.html")
              for a in read_html(app.outdir, path.relative_to(app.outdir)).select(
                  "li.postlog-post a.postlog-post-title")]
    assert len(listed) >= 4 * len(posts)
    # once for the pages grouped by year (titles under the years' h2: h3), once for
    # the others (h2)
    assert sorted(set(lines)) == sorted(post.title for post in posts.values())
    assert max(Counter(lines).values()) == 2
    # one view each for the archive pages, one for each post's own header
    assert sorted(views) == sorted([*posts, *posts])


def test_terms_and_dates_link_to_their_pages_on_those_pages_too(site) -> None:
    """A post's line is the same on every archive page: on the python tag's page its
    "python" links to that page, on its year's page its date to that page."""
    outdir = site.outdir
    for page, selector, text in [
        ("blog/tags/python.html", ".postlog-tags a.postlog-term", "python"),
        ("blog/archive/2020.html", "time.postlog-date a", None),
    ]:
        soup = read_html(outdir, page)
        posts = soup.select("li.postlog-post")
        assert posts
        for post in posts:
            links = [a for a in post.select(selector) if text in (None, a.get_text())]
            assert len(links) == 1
            href = links[0]["href"]
            assert href and (outdir / page).parent.joinpath(unquote(href)).resolve() == (
                outdir / page).resolve()


def _page_file(app, page: Path, href: str) -> Path:
    """The file a link on the page in file ``page`` goes to (a folder's index.html)."""
    target = Path(unquote(urljoin("file://" + str(page), href).removeprefix("file://")))
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("url_layout", ["postlog", "ablog"])
@pytest.mark.parametrize("buildername", ["html", "dirhtml"])
def test_terms_named_like_an_index_page_get_pages_of_their_own(
        tmp_path, buildername: str, url_layout: str) -> None:
    """``tags: index`` would share ``blog/tags/index`` with the index of tags (and, with
    dirhtml, ABlog's ``blog/tag/index.html``): the term's page gets a hashed name."""
    srcdir = copy_root("incremental", tmp_path)
    post = srcdir / "posts/post7.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "tags: python C++\ncategory: cat1", "tags: index python\ncategory: index\n"
        "author: index"), encoding="utf-8")
    app = build_site(srcdir, buildername, confoverrides={
        "postlog_url_layout": url_layout, "postlog_feed_archives": True})
    assert warning_lines(app) == []
    layout = ArchiveLayout.from_config(app.config)
    for kind, heading in [(TAG, "Tags"), (CATEGORY, "Categories"), (AUTHOR, "Authors")]:
        index = Path(app.builder.get_outfilename(layout.index(kind)))
        soup = read_html(app.outdir, index.relative_to(app.outdir))
        assert soup.find("h1").get_text() == heading
        links = {a.get_text(): a["href"] for a in soup.select("a.postlog-term")}
        page = _page_file(app, index, links["index"])
        assert page != index and page.is_file()
        shown = read_html(app.outdir, page.relative_to(app.outdir))
        assert [a.get_text() for a in shown.select("a.postlog-post-title")] == [
            "Post number 7"]
        feed = feedparser.parse(
            Path(app.outdir, layout.term_feed(kind, "index")).read_bytes())
        assert [entry.title for entry in feed.entries] == ["Post number 7"]


def test_term_files_never_take_the_name_of_another_place_in_their_folder() -> None:
    """Folders set inside one another: a tag's files cannot be the folder of categories,
    the blog index, or the site feeds beside them."""
    layout = ArchiveLayout("t/blog/index", ((TAG, "t", "t/index"), (CATEGORY, "t/c", "t/c/index")),
                           feeds=("t/atom.xml", "t/rss.xml", "t/feed.json"))
    for slug in ("index", "c", "blog", "atom", "rss", "feed"):
        name = layout.file_name(TAG, slug)
        assert name.startswith(f"{slug}-") and len(name) == len(slug) + 9, slug
        assert layout.term_page(TAG, slug) == f"t/{name}"
        assert layout.term_feed(TAG, slug) == f"t/{name}.xml"
    assert layout.term_page(TAG, "python") == "t/python"
    assert layout.term_page(CATEGORY, "c") == "t/c/c"
    assert layout.file_name(CATEGORY, "index") != "index"


def test_a_redirect_never_replaces_an_archive_page(tmp_path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    post = srcdir / "posts/post8.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "---\n", "---\nredirect: blog/tags/python, blog/tags/, old/eight\n", 1),
        encoding="utf-8")
    assert warning_lines(build_site(srcdir, "dirhtml")) == []
    # The redirect pages are made again (the title they show changed), the indexes not.
    post.write_text(post.read_text(encoding="utf-8").replace("# Post number 8", "# Eight"),
                    encoding="utf-8")
    app = build_site(srcdir, "dirhtml")
    assert warning_lines(app) == []
    tags = read_html(app.outdir, "blog/tags/index.html")
    assert tags.find("h1").get_text() == "Tags"
    python = read_html(app.outdir, "blog/tags/python/index.html")
    assert python.find("h1").get_text() == "Posts tagged “python”"
    assert read_html(app.outdir, "old/eight/index.html").find("meta", {"http-equiv": "refresh"})


@pytest.mark.parametrize("root", ["archives", "ablog"])
@pytest.mark.parametrize("buildername", ["json", "pickle"])
def test_builders_that_write_the_context_out(built_root, root: str,
                                             buildername: str) -> None:
    """``json`` and ``pickle`` write each page's context out: posts keep their header
    in the page's text, and no object meant for templates is left to serialise."""
    import json
    import pickle

    app = built_root(root, buildername)  # the build ran to its end
    assert root != "archives" or warning_lines(app) == []
    docname = next(iter(get_registry(app.env).posts))
    path = app.outdir / f"{docname}{app.builder.out_suffix}"
    if buildername == "json":
        page = json.loads(path.read_text(encoding="utf-8"))
    else:
        page = pickle.loads(path.read_bytes())
    assert 'class="postlog-post-meta"' in page["body"]
    assert "postlog_post" not in page and "ablog" not in page
