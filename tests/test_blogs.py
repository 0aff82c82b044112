"""Several blogs in one site (``postlog_blogs``): each blog's index, archive pages,
feeds, sidebars and post pages hold only its own posts; bad entries are warnings; an
incremental build after a post moves to the other blog equals a clean one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from test_incremental import _clean, build_and_watch, snapshot

from conftest import build_site, copy_root, parsed_warnings, read_html, warning_lines, write_site

NEWS = {"Meetup in Lyon", "Release 2.0", "Release 1.0"}
ENGINEERING = {"A faster cache", "How the parser works"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    app = build_site(copy_root("blogs", tmp_path_factory.mktemp("blogs")))
    assert warning_lines(app) == []
    return app


def titles(outdir: Path, page: str) -> set[str]:
    """The titles of the posts an archive page lists."""
    soup = read_html(outdir, page)
    return {link.get_text(strip=True)
            for link in soup.select(".postlog-archive .postlog-post-title a, "
                                    ".postlog-archive a.postlog-post-title")}


def test_each_blog_index_and_term_page_lists_only_its_own_posts(site) -> None:
    assert titles(site.outdir, "news/index.html") == NEWS
    assert titles(site.outdir, "engineering/index.html") == ENGINEERING
    # one tag, two blogs: a page in each, each with its own posts
    assert titles(site.outdir, "news/tags/python.html") == {"Meetup in Lyon", "Release 1.0"}
    assert titles(site.outdir, "engineering/tags/python.html") == ENGINEERING
    assert titles(site.outdir, "news/archive/2024.html") == {"Release 2.0", "Release 1.0"}
    assert titles(site.outdir, "engineering/archive/2024.html") == ENGINEERING
    assert not (Path(site.outdir) / "blog").exists()  # no blog of the site's defaults


def test_a_blog_writes_only_the_kinds_of_archive_pages_it_asks_for(site) -> None:
    outdir = Path(site.outdir)
    assert (outdir / "news/tags/index.html").is_file()
    assert not (outdir / "news/categories").exists()
    assert not (outdir / "news/authors").exists()
    assert (outdir / "engineering/authors/index.html").is_file()
    index = read_html(outdir, "news/index.html")
    nav = {link.get_text(strip=True) for link in index.select(".postlog-archive-nav a")}
    assert "Categories" not in nav and "Tags" in nav


def test_each_blog_has_its_own_valid_feeds(site, atom_schema) -> None:
    outdir = Path(site.outdir)
    for path, title, posts in (("news/atom.xml", "Two blogs: News", NEWS),
                               ("engineering/atom.xml", "Engineering notes", ENGINEERING)):
        assert atom_schema.validate(etree.parse(str(outdir / path))), path
        feed = feedparser.parse(str(outdir / path))
        assert feed.feed.title == title
        assert {entry.title for entry in feed.entries} == posts
        assert feed.feed.link == f"https://example.org/{path.split('/')[0]}/index.html"
        for entry in feed.entries:
            assert {tag.scheme for tag in entry.tags} == {
                f"https://example.org/{path.split('/')[0]}/tags/index.html"}
    # tag feeds only where a blog asks for them
    tag_feed = feedparser.parse(str(outdir / "engineering/tags/python.xml"))
    assert {entry.title for entry in tag_feed.entries} == ENGINEERING
    assert not (outdir / "news/tags/python.xml").exists()
    for name in ("rss.xml", "feed.json"):
        assert (outdir / "news" / name).is_file() and (outdir / "engineering" / name).is_file()


def test_every_page_advertises_every_blog_feed(site) -> None:
    head = read_html(site.outdir, "index.html").select("link[rel=alternate]")
    atom = [link["href"] for link in head if link["type"] == "application/atom+xml"]
    assert atom == ["https://example.org/news/atom.xml",
                    "https://example.org/engineering/atom.xml"]


def test_a_post_page_stays_in_its_blog(site) -> None:
    soup = read_html(site.outdir, "news/meetup.html")
    footer = soup.select_one(".postlog-post-footer")
    links = {" ".join(link.get_text().split()): link["href"] for link in footer.select("a")}
    assert links["← News"] == "index.html"
    assert "Release 2.0" in links and "A faster cache" not in links  # shares "python"
    tags = {link["href"] for link in soup.select(".postlog-post-meta a")}
    assert "tags/python.html" in tags
    soup = read_html(site.outdir, "eng/cache.html")
    footer_text = soup.select_one(".postlog-post-footer").get_text(" ", strip=True)
    assert "← Engineering" in footer_text and "Release" not in footer_text
    assert "../engineering/tags/python.html" in {
        link["href"] for link in soup.select(".postlog-post-meta a")}


def test_sidebars_show_the_blog_of_the_page(site) -> None:
    def sidebar(page: str) -> list[str]:
        return [link.get_text(strip=True)
                for link in read_html(site.outdir, page).select(".sphinxsidebar a")]

    assert {"A faster cache", "How the parser works"} <= set(sidebar("eng/parser.html"))
    assert not NEWS & set(sidebar("eng/parser.html"))
    assert set(sidebar("engineering/tags/python.html")) >= ENGINEERING
    assert not NEWS & set(sidebar("engineering/tags/python.html"))
    assert set(sidebar("index.html")) >= NEWS  # a page of no blog: the first blog's
    assert not ENGINEERING & set(sidebar("news/tags/release.html"))


def test_postlist_takes_a_blog(site) -> None:
    soup = read_html(site.outdir, "index.html")
    news, everything = (section for section in soup.select("section section"))
    assert {link.get_text(strip=True) for link in news.select("a.postlog-post-title")} == NEWS
    assert [(link.get_text(strip=True), link["href"])
            for link in news.select(".postlog-list-links a")] == [
        ("News", "news/index.html"), ("Feed", "news/atom.xml")]
    assert {link.get_text(strip=True) for link in everything.select("a.postlog-post-title")
            } == NEWS | ENGINEERING
    # each post of a list of every blog links to its own blog's pages, and the list
    # links to no one blog
    dates = {link["href"] for link in everything.select(".postlog-date a")}
    assert dates == {"news/archive/2025.html", "news/archive/2024.html",
                     "engineering/archive/2024.html"}
    assert everything.select(".postlog-list-links") == []


def test_toctrees_name_each_blog_index_with_its_title(site) -> None:
    toc = read_html(site.outdir, "index.html").select(".toctree-wrapper a")
    assert [(link.get_text(strip=True), link["href"]) for link in toc] == [
        ("News", "news/index.html"), ("Engineering", "engineering/index.html")]


def test_a_tag_role_links_to_the_tag_page_of_the_page_blog(tmp_path: Path) -> None:
    srcdir = copy_root("blogs", tmp_path)
    (srcdir / "eng/cache.md").write_text(
        "---\ndate: 2024-10-10\ntags: python performance\n---\n# A faster cache\n\n"
        "See {postlog:tag}`python` and {postlog:tag}`release`.\n", encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    body = read_html(app.outdir, "eng/cache.html").select_one("[role=main], .body")
    links = {link.get_text(strip=True): link["href"] for link in body.select("p a")}
    assert links["python"] == "../engineering/tags/python.html"
    assert links["release"] == "../news/tags/release.html"  # the one blog that has it


def test_bad_blog_entries_are_warnings_and_the_rest_is_built(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "news/a.md": "---\ndate: 2024-01-01\n---\n# A\n\nText.\n",
        "eng/b.md": "---\ndate: 2024-01-02\n---\n# B\n\nText.\n",
    }, conf="postlog_blogs = {\n"
            "    'news': {'path': 'news', 'pattern': 'news/*', 'page_size': -3,\n"
            "             'colour': 'red'},\n"
            "    'bad name': {'path': 'x'},\n"
            "    'dup': {'path': 'news/sub', 'pattern': ['x/*']},\n"
            "    'list': ['not', 'a', 'dict'],\n"
            "    'eng': {'path': '../eng', 'pattern': ['eng/*']},\n"
            "}\n")
    app = build_site(srcdir)
    text = "\n".join(warning_lines(app))
    assert "postlog_blogs['news']['page_size'] = -3 must be 0 or more" in text
    assert "postlog_blogs['news']['colour'] = 'red' is not a blog's setting" in text
    assert "postlog_blogs['bad name']: a blog's name must be" in text
    assert "postlog_blogs['dup']: path 'news/sub' is the place of the blog 'news'" in text
    assert "postlog_blogs['list'] = ['not', 'a', 'dict'] must be a dictionary" in text
    assert "postlog_blogs['eng']['path'] = '../eng' is not a relative path" in text
    assert {kind for _, _, kind in parsed_warnings(app)} == {"postlog.config"}
    assert len(warning_lines(app)) == 6
    outdir = Path(app.outdir)
    assert titles(outdir, "news/index.html") == {"A"}
    assert titles(outdir, "eng/index.html") == {"B"}  # the bad path: the blog's name


def test_postlist_with_an_unknown_blog_warns(tmp_path: Path) -> None:
    srcdir = copy_root("blogs", tmp_path)
    (srcdir / "extra.md").write_text(
        "---\norphan: true\n---\n# Extra\n\n```{postlist}\n:blog: nope news\n```\n",
        encoding="utf-8")
    app = build_site(srcdir)
    assert [(path, kind) for path, _, kind in parsed_warnings(app)] == [
        ("extra.md", "postlog.field")]
    assert "no such blog" in warning_lines(app)[0]
    listed = read_html(app.outdir, "extra.html").select(".postlog-postlist a.postlog-post-title")
    assert {link.get_text(strip=True) for link in listed} == NEWS


def test_a_post_moved_to_the_other_blog_incremental_equals_clean(tmp_path: Path) -> None:
    srcdir = copy_root("blogs", tmp_path / "moved")
    build_and_watch(srcdir)
    shutil.move(srcdir / "news/meetup.md", srcdir / "eng/meetup.md")
    read, written = build_and_watch(srcdir)
    assert read == {"eng/meetup"}
    assert {"engineering/index", "engineering/tags/python", "news/index",
            "news/tags/python", "eng/cache"} <= written
    app = build_site(srcdir)
    incremental = snapshot(app.outdir)
    clean = snapshot(_clean(srcdir, tmp_path / "clean").outdir)
    assert set(incremental) == set(clean)
    assert [page for page in clean if incremental[page] != clean[page]] == []
    assert "news/tags/community.html" not in clean
    assert "engineering/tags/community.html" in clean
    assert "Meetup in Lyon" in titles(Path(app.outdir), "engineering/index.html")


def test_a_blog_pattern_changed_moves_posts_and_equals_clean(tmp_path: Path) -> None:
    srcdir = copy_root("blogs", tmp_path / "pattern")
    build_site(srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '"pattern": ["news/*"]', '"pattern": ["news/release-*"]').replace(
        '"pattern": "eng/**"', '"pattern": ["eng/**", "news/*"]'), encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    incremental = snapshot(app.outdir)
    clean = snapshot(_clean(srcdir, tmp_path / "clean").outdir)
    assert set(incremental) == set(clean)
    assert [page for page in clean if incremental[page] != clean[page]] == []
    assert titles(Path(app.outdir), "news/index.html") == {"Release 2.0", "Release 1.0"}


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = build_site(copy_root("blogs", tmp_path / "serial"))
    parallel = build_site(copy_root("blogs", tmp_path / "parallel"), parallel=2)
    assert warning_lines(parallel) == []
    assert snapshot(parallel.outdir) == snapshot(serial.outdir)


def test_the_api_says_which_blog_a_post_is_in(site) -> None:
    from sphinx_postlog import api

    assert {info.title for info in api.posts(site, blog="eng")} == ENGINEERING
    assert {info.title for info in api.posts(site)} == NEWS | ENGINEERING
    assert api.post(site, "news/meetup").blog == "news"


def test_a_blog_pattern_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "site", {
        "news/a.md": "---\ndate: 2024-01-01\n---\n# A\n\nText.\n",
    }, conf="postlog_blogs = {'news': {'pattern': ['news/*']},\n"
            "                 'eng': {'pattern': ['engineering/*']}}\n")
    app = build_site(srcdir)
    assert [kind for _, _, kind in parsed_warnings(app)] == ["postlog.config"]
    assert ("postlog_blogs['eng']['pattern'] = ['engineering/*']: 'engineering/*' matches "
            "no document of the site") in warning_lines(app)[0]
    assert titles(Path(app.outdir), "news/index.html") == {"A"}
    assert (Path(app.outdir) / "eng/index.html").is_file()  # a blog without posts yet


def test_an_ablog_site_with_two_blogs(tmp_path: Path) -> None:
    post = ("---\nblogpost: true\ndate: {date}\ncategory: {category}\ntags: {tag}\n---\n"
            "# {title}\n\nText.\n")
    srcdir = write_site(tmp_path / "site", {
        "release/one.md": post.format(date="2024-01-01", category="Release", tag="news",
                                      title="One released"),
        "manual/how.md": post.format(date="2024-02-01", category="Manual", tag="howto",
                                     title="How to"),
        "links.md": "---\norphan: true\n---\n# Links\n\n{ref}`blog-categories`\n",
    }, conf="blog_baseurl = 'https://example.org/'\nblog_feed_archives = True\n"
            "postlog_blogs = {\n"
            "    'releases': {'path': 'blog', 'pattern': ['release/*'], 'title': 'Releases',\n"
            "                 'archives': ['tag', 'year']},\n"
            "    'manual': {'path': 'manual-posts', 'pattern': ['manual/*'],\n"
            "               'title': 'Manual'},\n"
            "}\n")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    outdir = Path(app.outdir)
    assert read_html(outdir, "blog.html").select_one("h1").get_text(strip=True) == "Releases"
    assert read_html(outdir, "manual-posts.html").select_one("h1").get_text(
        strip=True) == "Manual"
    assert not (outdir / "blog/category").exists()  # neither pages nor feeds
    assert (outdir / "manual-posts/category/manual/atom.xml").is_file()
    link = read_html(outdir, "links.html").select_one("p a")
    assert link["href"] == "manual-posts/category.html"


def test_the_report_names_each_post_blog(tmp_path: Path) -> None:
    app = build_site(copy_root("blogs", tmp_path), "postlog-report")
    outdir = Path(app.outdir)
    data = json.loads((outdir / "postlog-report.json").read_text(encoding="utf-8"))
    assert {row["docname"]: row["blog"] for row in data["posts"]} == {
        "news/meetup": "news", "news/release-1": "news", "news/release-2": "news",
        "eng/parser": "eng", "eng/cache": "eng"}
    header = (outdir / "postlog-report.txt").read_text(encoding="utf-8").splitlines()[2]
    assert header.split()[-2:] == ["Status", "Blog"]


def test_archive_pages_outside_their_blog_folder_keep_its_sidebars(tmp_path: Path) -> None:
    srcdir = copy_root("blogs", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '"feed_title": "Engineering notes"',
        '"feed_title": "Engineering notes", "tags_path": "topics"'), encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    soup = read_html(app.outdir, "topics/python.html")
    sidebar = {link.get_text(strip=True) for link in soup.select(".sphinxsidebar a")}
    assert sidebar >= ENGINEERING and not NEWS & sidebar
    assert titles(Path(app.outdir), "topics/python.html") == ENGINEERING


def test_pages_of_several_blogs_say_which_blog(site) -> None:
    soup = read_html(site.outdir, "engineering/tags/python.html")
    assert soup.title.get_text().startswith("Posts tagged “python” · Engineering")
    kicker = soup.select_one(".postlog-archive-blog a")
    assert (kicker.get_text(), kicker["href"]) == ("Engineering", "../index.html")
    assert read_html(site.outdir, "news/tags/index.html").select_one(
        ".postlog-archive-blog a").get_text() == "News"
    index = read_html(site.outdir, "news/index.html")
    assert index.select_one(".postlog-archive-blog") is None  # its heading is the blog's
    headings = [heading.get_text() for heading in
                read_html(site.outdir, "eng/cache.html").select(".postlog-sidebar-heading")]
    assert headings == ["Recent posts · Engineering", "Tags · Engineering"]
    headings = [heading.get_text() for heading in
                read_html(site.outdir, "index.html").select(".postlog-sidebar-heading")]
    assert headings == ["Recent posts · News", "Tags · News"]
