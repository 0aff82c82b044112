"""ABlog's template API over the registry (``render.ablog_api``): what ABlog's ``Blog``,
catalogs, collections and posts give templates."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_root, write_site
from sphinx_postlog.render.ablog_api import AblogBlog, anchor, rebased
from sphinx_postlog.render.context import write_context
from sphinx_postlog.write.ablog_templates import ablog_blog


def _blog(app) -> AblogBlog:
    return AblogBlog(write_context(app.builder, app.env), app.config)


@pytest.fixture(scope="module")
def blog(tmp_path_factory) -> AblogBlog:
    srcdir = copy_root("ablogtemplates", tmp_path_factory.mktemp("api"))
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    return _blog(build_site(srcdir))


def test_settings_as_ablog_has_them(blog) -> None:
    assert (blog.blog_path, blog.blog_title, blog.blog_baseurl) == (
        "blog", "Restyled Blog", "https://example.org/")
    assert (blog.post_date_format, blog.post_date_format_short) == ("%Y-%m-%d", "%d %b")
    assert blog.post_show_prev_next is True and blog.fontawesome is False
    assert blog.feed_path == "blog/atom.xml"
    assert blog.page_url("blog/tag/index") == "https://example.org/blog/tag/"
    with pytest.raises(AttributeError):
        blog.no_such_setting  # noqa: B018 (a template sees it undefined)


def test_posts_by_pagename(blog) -> None:
    assert "posts/beta" in blog and "index" not in blog
    assert blog["index"] is None
    beta = blog["posts/beta"]
    assert (beta.title, beta.docname, beta.published, beta.draft) == (
        "Beta news", "posts/beta", True, False)
    assert beta.date.strftime(blog.post_date_format) == "2023-03-05"
    assert beta.update == beta.date  # no update: ABlog's update is the date
    assert [str(tag) for tag in beta.tags] == ["python"]
    assert [c.name for c in beta.category] == ["News"]
    assert [a.docname for a in beta.author] == ["blog/author/ben-okafor"]
    assert str(beta.archive) == "2023"
    assert blog["posts/beta"] is beta  # made once
    assert anchor(beta) == ""


def test_neighbours_in_time(blog) -> None:
    beta = blog["posts/beta"]
    assert (beta.prev.docname, beta.next.docname) == ("posts/alpha", "posts/gamma")
    assert blog["posts/alpha"].prev is None and blog["posts/epsilon"].next is None


def test_recent_leaves_the_page_out(blog) -> None:
    assert [post.docname for post in blog.recent(2, "posts/epsilon")] == [
        "posts/delta", "posts/gamma"]
    assert len(list(blog.recent(None))) == len(blog) == 5


def test_catalogs_in_ablogs_order(blog) -> None:
    assert [c.label for c in blog.author] == ["ana", "ben"]  # by key
    assert [c.name for c in blog.archive] == ["2024", "2023"]  # years newest first
    assert blog.category is blog.categories
    python = blog.tags["python"]
    assert (str(python), len(python), python.docname, python.path) == (
        "python", 3, "blog/tag/python", "blog/tag/python")
    assert [post.docname for post in python] == ["posts/delta", "posts/beta", "posts/alpha"]
    assert "posts/beta" in python and python["posts/gamma"] is None
    assert blog.author["ana"].href == "https://example.org/ana"
    assert blog.tags["nope"] is None and len(blog.tags) == 7
    assert [c.relsize(5, 1) for c in blog.tags] == [1, 5, 1, 3]
    assert next(post.docname for post in blog.posts) == "posts/epsilon"
    assert blog.posts.docname == "blog" and len(blog.drafts) == 0


def test_to_html_is_the_excerpt_with_links_from_the_page(blog) -> None:
    html = blog["posts/alpha"].to_html("blog/tag/python")
    assert html.startswith('<div class="ablog-post-excerpt">')
    assert "<em>Sphinx</em>" in html and "More text" not in html


def test_text_is_escaped_and_drafts_are_not_published(tmp_path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "a.md": "---\ndate: 2024-01-01\ntags: x\n---\n# A <b> & c\n\nText.\n",
        "b.md": "---\ndate: 2024-01-02\ndraft: true\ntags: y\n---\n# Draft\n\nText.\n",
    }, conf='blog_path = "blog"\npostlog_show_drafts = True\n')
    blog = _blog(build_site(srcdir))
    assert blog["a"].title == "A &lt;b&gt; &amp; c"
    draft = blog["b"]
    assert draft.draft and draft.prev is None and draft.archive == []
    assert [str(tag) for tag in draft.tags] == ["y"] and len(draft.tags[0]) == 0
    assert [post.docname for post in blog.drafts] == ["b"]
    assert [post.docname for post in blog.posts] == ["a"]


def test_to_html_fulltext_is_the_kept_text(tmp_path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "a.md": "---\ndate: 2024-01-01\n---\n# A\n\nFirst.\n\nSecond, with ![x](pic.png).\n",
    }, conf='blog_path = "blog"\npostlog_feed_full_content = True\n')
    (srcdir / "pic.png").write_bytes(b"")
    app = build_site(srcdir)
    post = ablog_blog(app)["a"]
    full = post.to_html("blog/tag/x", fulltext=True)
    assert "First." in full and "Second" in full and "<h1" not in full
    assert 'src="../../_images/pic.png"' in full  # from the page it is shown on
    assert "Second" not in post.to_html("blog/tag/x")


@pytest.mark.parametrize(("html", "link", "expected"), [
    ('<img src="_images/p.png">', "../../a.html", '<img src="../../_images/p.png">'),
    ('<a href="#part">', "../posts/a.html", '<a href="../posts/a.html#part">'),
    ('<a href="other.html#x">', "../posts/a.html", '<a href="../posts/other.html#x">'),
    ('<a href="../b/">', "../../posts/a/", '<a href="../../posts/b/">'),
    ('<a href="https://example.org/x">', "../a.html", '<a href="https://example.org/x">'),
    ('<a href="/root.html">', "../a.html", '<a href="/root.html">'),
    ('<img src="p.png">', "a.html", '<img src="p.png">'),
    ('<a href="#x">', "../a.html#top", '<a href="../a.html#x">'),  # the page, not its part
    ('<a href="b.html#a/../c">', "../p/a.html", '<a href="../p/b.html#a/../c">'),
])
def test_rebased_links(html: str, link: str, expected: str) -> None:
    assert rebased(html, link) == expected


def test_catalogs_and_collections_as_ablog_names_them(blog) -> None:
    assert [(str(c), c.title, c.docname, c.path) for c in (blog.tags, blog.archive,
                                                           blog.author)] == [
        ("tags", "tags", "blog/tag", "blog/tag"),
        ("archive", "archive", "blog/archive", "blog/archive"),
        ("author", "author", "blog/author", "blog/author")]
    assert "python" in blog.tags and "nope" not in blog.tags and 2023 in blog.archive
    assert bool(blog.tags) and not blog.location and blog.location.sizes() == (0, 0)
    python = blog.tags["python"]
    assert (python.xref, python.page, python.catalog) == ("tag-python", 0, blog.tags)
    assert python and len(python) == 3
    assert (blog.posts.xref, blog.posts.catalog) == ("blog-post", None)
    assert python["posts/beta"] is blog["posts/beta"]
    assert python == blog["posts/beta"].tags[0] and python != blog.tags["myst"]
    assert python != "python"  # only a collection equals a collection
    assert blog.tags["myst"] < python and not python < python
    assert sorted(blog.tags, reverse=True)[0] is blog.tags["sphinx"]


def test_relsize_for_tag_clouds(blog) -> None:
    assert [c.relsize() for c in blog.tags] == [1, 5, 1, 3]  # ABlog's defaults: 5, 1
    # Every author has as many posts: ABlog gives each the middle size.
    assert [c.relsize() for c in blog.author] == [3, 3]
    assert blog.author["ana"].relsize(9, 2) == 6
    assert blog.posts.relsize() == 3  # a collection of no catalog is its own range


def test_page_collection_is_the_share_an_archive_page_shows(blog) -> None:
    newest = blog.published[:2]
    page = blog.page_collection("", "post", "blog/page/2", newest)
    assert (page.label, str(page.name), page.docname, page.catalog) == (
        "post", "Posts", "blog/page/2", None)
    assert [post.docname for post in page] == [post.docname for post in newest]
    drafts = blog.page_collection("", "draft", "blog/drafts", [])
    assert (drafts.label, str(drafts.name), drafts.docname, len(drafts)) == (
        "draft", "Drafts", "blog/drafts", 0)
    ana = blog.page_collection("author", "ana", "blog/author/ana/2", newest[1:])
    assert (ana.label, str(ana.name), ana.docname, ana.href, ana.xref) == (
        "ana", "Ana Lima", "blog/author/ana/2", "https://example.org/ana", "author-ana")
    assert ana.catalog is blog.author and [post.docname for post in ana] == [
        post.docname for post in newest[1:]]
    assert blog.page_collection("tag", "gone", "blog/tag/gone", []).href is None


def test_page_ids_and_urls_for_comment_services(blog) -> None:
    assert [blog.page_id(name) for name in ("blog/tag/index", "index", "posts/beta",
                                            "XML/index")] == [
        "/blog/tag/", "/", "/posts/beta/", "/XML/"]
    assert blog.page_url("posts/beta") == "https://example.org/posts/beta"


def test_anchor_is_the_section_of_a_post_that_has_one() -> None:
    assert anchor(SimpleNamespace(section="intro")) == "#intro"
    assert anchor(SimpleNamespace(section=None)) == anchor(object()) == ""


def test_unknown_names_are_undefined_and_the_object_copies(blog) -> None:
    with pytest.raises(AttributeError, match="'no_such_setting'"):
        blog.no_such_setting  # noqa: B018
    post = blog["posts/beta"]
    with pytest.raises(AttributeError, match="no_such_field"):
        post.no_such_field  # noqa: B018
    assert getattr(post, "nope", "absent") == "absent"
    with pytest.raises(AttributeError, match="_hidden"):
        blog._hidden  # noqa: B018
    assert copy.copy(blog).blog_title == blog.blog_title  # no recursion on a bare object
    assert copy.copy(post).title == post.title


def test_a_posts_fields_and_its_excerpts_links(tmp_path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "a.md": "---\ndate: 2024-01-01\ncanonical_link: https://elsewhere.example/a\n"
                "redirect: old/a\n---\n# A\n\nSee [the notes](notes.md).\n\nMore.\n",
        "notes.md": "---\norphan: true\n---\n# Notes\n",
        "c.rst": "C\n=\n\n.. post:: 2023-12-01\n\nSee below_.\n\n.. _below:\n\nLater.\n",
        "b.md": "---\ndate: 2024-01-02\ndraft: true\nauthor: ada\n---\n# B\n\nText.\n",
    }, conf='postlog_show_drafts = True\n'
            'postlog_authors = {"ada": {"name": "Ada Lovelace"}}\n')
    blog = _blog(build_site(srcdir))
    a = blog["a"]
    assert (a.canonical_link, a.external_link, a.redirect, a.excerpt) == (
        "https://elsewhere.example/a", None, ["old/a"], "See the notes.")
    assert blog["b"].canonical_link is None
    links = BeautifulSoup(a.to_html("blog/tag/x"), "html.parser").find_all("a")
    assert [(link.get_text(), link["href"]) for link in links] == [
        ("the notes", "../../notes.html")]
    links = BeautifulSoup(blog["c"].to_html("blog/tag/x"), "html.parser").find_all("a")
    assert [(link.get_text(), link["href"]) for link in links] == [
        ("below", "../../c.html#below")]  # a target of its own page
    ada = blog["b"].author[0]  # a draft's author no published post has
    assert (ada.label, str(ada), ada.catalog, ada.docname, ada.href, len(ada)) == (
        "ada", "Ada Lovelace", blog.author, "", None, 0)
    assert not ada


@pytest.mark.parametrize(("conf", "expected"), [
    ('postlog_blog_path = "news"\npostlog_blog_title = "The News"\n'
     'fontawesome_link_cdn = "https://cdn.example.org/fa.css"\npostlog_feed_path = None\n',
     ("news", "The News", "https://example.org/", True, "news/atom.xml")),
    ('blog_baseurl = "https://blog.example/"\nfontawesome_css_file = "fa.css"\n',
     ("blog", "Blog", "https://blog.example/", True, "blog/atom.xml")),
    ('html_baseurl = ""\nfontawesome_included = True\n',
     ("blog", "Blog", "", True, "blog/atom.xml")),
])
def test_settings_from_ours_or_ablogs(tmp_path, conf: str, expected: tuple) -> None:
    srcdir = write_site(tmp_path / "site", {"a.md": "---\ndate: 2024-01-01\n---\n# A\n"},
                        conf)
    blog = _blog(build_site(srcdir))
    assert (blog.blog_path, blog.blog_title, blog.blog_baseurl, blog.fontawesome,
            blog.feed_path) == expected
    if not blog.blog_baseurl:
        assert blog.page_id("index") is None and blog.page_url("index") is None
