"""ABlog's template API over the registry (``render.ablog_api``): what ABlog's ``Blog``,
catalogs, collections and posts give templates."""

from __future__ import annotations

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
])
def test_rebased_links(html: str, link: str, expected: str) -> None:
    assert rebased(html, link) == expected


def test_a_posts_fields_and_its_excerpts_links(tmp_path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "a.md": "---\ndate: 2024-01-01\ncanonical_link: https://elsewhere.example/a\n"
                "redirect: old/a\n---\n# A\n\nSee [the notes](notes.md).\n\nMore.\n",
        "notes.md": "---\norphan: true\n---\n# Notes\n",
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
    ada = blog["b"].author[0]  # a draft's author no published post has
    assert (ada.label, str(ada), ada.catalog, ada.docname, ada.href, len(ada)) == (
        "ada", "Ada Lovelace", blog.author, "", None, 0)
    assert not ada
