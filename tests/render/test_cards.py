"""Post cards in {postlist} and on archive pages; the links after a list; one template
for each piece of post markup, so one override changes it everywhere."""

from __future__ import annotations

import shutil

import pytest

from conftest import PACKAGE, build_site, copy_root, read_html, warning_lines

PACKAGE_TEMPLATES = PACKAGE / "templates"


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("cards")
    assert warning_lines(app) == []
    return app


def _cards(page):
    return page.select("ul.postlog-postlist.postlog-cards > li.postlog-card")


def test_a_postlist_in_cards(site) -> None:
    page = read_html(site.outdir, "index.html")
    sea, plain = _cards(page)
    assert sea.select_one(".postlog-card-title a.postlog-post-title")["href"] == "posts/sea.html"
    image = sea.select_one("img.postlog-card-image")
    assert image["alt"] == "" and image["loading"] == "lazy"
    assert (site.outdir / image["src"]).is_file()
    assert plain.select_one("img") is None  # no placeholder without a cover image
    assert sea.select_one(".postlog-card-title").name == "p"  # no heading inside a page
    assert [a.get_text() for a in sea.select(".postlog-card-categories a")] == ["research"]
    assert plain.select_one(".postlog-card-categories") is None
    chips = {a.get_text(): a["href"] for a in sea.select(".postlog-card-tags a.postlog-chip")}
    assert chips == {"python": "blog/tags/python.html",
                     "open-science": "blog/tags/open-science.html"}
    meta = sea.select_one(".postlog-card-meta")
    assert [d.select_one("time, .postlog-reading-time, .postlog-authors")["class"][0]
            for d in meta.select(".postlog-detail")] == [
        "postlog-date", "postlog-reading-time", "postlog-authors"]
    assert meta.select(".postlog-tags, .postlog-categories") == []  # shown apart on cards
    assert sea.select_one(".postlog-excerpt em").get_text() == "bucket"


def test_postlist_cards_show_what_archive_cards_show_unless_told(site) -> None:
    """``:style: cards`` alone shows what archive cards show: cover image, categories,
    title, date, reading time, authors, excerpt and tags (see the test above); ``:hide:``
    leaves parts out, ``:show:`` chooses them."""
    page = read_html(site.outdir, "parts.html")
    hidden, chosen = (_cards(cards)[0] for cards in page.select(".postlog-cards"))
    for card in (hidden, chosen):
        assert card.select_one(".postlog-card-title a").get_text() == "Measuring the tide"
        assert card.select("img, .postlog-excerpt, .postlog-reading-time") == []
        assert card.select_one(".postlog-card-meta time") is not None
    assert [a.get_text() for a in hidden.select(".postlog-card-categories a")] == ["research"]
    assert hidden.select_one(".postlog-authors") is not None
    assert len(hidden.select(".postlog-card-tags a.postlog-chip")) == 2
    assert chosen.select(".postlog-card-categories, .postlog-authors, .postlog-card-tags") == []
    archive = _cards(read_html(site.outdir, "blog/tags/python.html"))[0]
    listed = _cards(read_html(site.outdir, "index.html"))[0]
    parts = ("img.postlog-card-image", ".postlog-card-categories", ".postlog-card-title",
             ".postlog-date", ".postlog-reading-time", ".postlog-authors", ".postlog-excerpt",
             ".postlog-card-tags")
    assert [bool(listed.select_one(part)) for part in parts] == [
        bool(archive.select_one(part)) for part in parts] == [True] * len(parts)


def test_archive_pages_in_cards(site) -> None:
    index = read_html(site.outdir, "blog/index.html")
    groups = index.select("section.postlog-group")
    assert [g.find("h2").get_text() for g in groups] == ["2024", "2023"]
    assert [len(_cards(g)) for g in groups] == [1, 1]
    assert groups[0].select_one(".postlog-card-title").name == "h3"  # under the year
    tag = read_html(site.outdir, "blog/tags/python.html")
    titles = [card.select_one(".postlog-card-title") for card in _cards(tag)]
    assert [t.name for t in titles] == ["h2", "h2"]
    assert titles[0].get_text() == "Measuring the tide"
    assert _cards(tag)[0].select_one(".postlog-reading-time").get_text() == "1 min read"


def test_the_blog_index_links_the_feed(site) -> None:
    link = read_html(site.outdir, "blog/index.html").select_one(".postlog-feed-link a")
    assert (link["href"], link["type"], link.get_text()) == (
        "atom.xml", "application/atom+xml", "Atom feed")


def test_lists_by_default(tmp_path) -> None:
    srcdir = copy_root("cards", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace('postlog_archive_style = "cards"', ""))
    app = build_site(srcdir)
    index = read_html(app.outdir, "blog/index.html")
    assert index.select(".postlog-cards") == []
    assert len(index.select("ul.postlog-postlist > li.postlog-post")) == 2


def test_details_wrap_by_item(site) -> None:
    meta = read_html(site.outdir, "posts/sea.html").select_one("p.postlog-post-meta")
    details = meta.select(".postlog-detail")
    assert details[0].find(True, recursive=False).name == "time"
    assert len(details) == 5  # date, reading time, authors, tags, categories
    assert meta.select(".postlog-sep") == []  # the CSS draws the separators
    assert details[-1].get_text() == "Categories research"
    assert details[-1].select_one("a.postlog-chip").get_text() == "research"
    css = (PACKAGE_TEMPLATES.parent / "static" / "postlog.css").read_text()
    assert ".postlog-detail + .postlog-detail::before" in css


def test_links_after_a_list(site) -> None:
    page = read_html(site.outdir, "index.html")
    first, _second = page.select(".postlog-postlist")
    links = first.find_next_sibling("p", class_="postlog-list-links")
    assert [(a.get_text(), a["href"], a.get("type")) for a in links.find_all("a")] == [
        ("All posts", "blog/index.html", None), ("Tags", "blog/tags/index.html", None),
        ("Feed", "blog/atom.xml", "application/atom+xml")]
    for a in links.find_all("a"):
        assert (site.outdir / a["href"]).is_file()
    assert len(page.select(".postlog-list-links")) == 1  # the second list says :links: none


def test_links_setting_and_builders_without_archives(tmp_path) -> None:
    srcdir = copy_root("cards", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'postlog_postlist_links = ["categories"]\n')
    app = build_site(srcdir)
    links = read_html(app.outdir, "index.html").select_one(".postlog-list-links")
    assert [a["href"] for a in links.find_all("a")] == ["blog/categories/index.html"]
    text = build_site(srcdir, "text")
    assert "All posts" not in (text.outdir / "index.txt").read_text()


def test_an_empty_term_index_says_what_is_missing(tmp_path) -> None:
    srcdir = copy_root("cards", tmp_path)
    for post in (srcdir / "posts").glob("*.md"):
        post.write_text(post.read_text().replace("author: ada\n", "")
                        .replace("category: research\n", ""))
    app = build_site(srcdir)
    assert warning_lines(app) == []
    authors = read_html(app.outdir, "blog/authors/index.html")
    assert authors.select_one(".postlog-empty").get_text() == "No post names an author yet."
    categories = read_html(app.outdir, "blog/categories/index.html")
    assert categories.select_one(".postlog-empty").get_text() == (
        "No post has a category yet.")


def test_one_override_changes_every_place(tmp_path) -> None:
    """A copy of macros.html in templates_path, with the details changed, changes the
    post header, {postlist} (lines and cards), archive pages and the theme include."""
    srcdir = copy_root("cards", tmp_path)
    (srcdir / "_templates" / "postlog").mkdir(parents=True)
    macros = (PACKAGE_TEMPLATES / "postlog" / "macros.html").read_text()
    marked = macros.replace('<span class="postlog-detail">',
                            '<span class="postlog-detail my-detail">')
    assert marked != macros
    (srcdir / "_templates" / "postlog" / "macros.html").write_text(marked)
    shutil.copy(PACKAGE_TEMPLATES.parent.parent / "tests" / "roots" / "test-theming"
                / "_templates" / "page.html", srcdir / "_templates" / "page.html")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'templates_path = ["_templates"]\n')
    app = build_site(srcdir)
    assert warning_lines(app) == []
    home = read_html(app.outdir, "index.html")
    cards, line = home.select(".postlog-postlist")
    assert cards.select(".my-detail") and line.select(".my-detail")
    assert read_html(app.outdir, "blog/tags/python.html").select(".postlog-card .my-detail")
    post = read_html(app.outdir, "posts/sea.html")
    assert post.select(".body > section > p.postlog-post-meta .my-detail, "
                       ".body p.postlog-post-meta .my-detail")
    details = post.select_one(".postlog-post-details")  # the theme include
    assert details is not None and details.select(".my-detail")


def test_a_location_is_a_detail_in_its_place(tmp_path) -> None:
    """A post's location shows between its authors and its tags; a post without one shows
    no empty detail for it."""
    srcdir = copy_root("cards", tmp_path)
    sea = srcdir / "posts" / "sea.md"
    sea.write_text(sea.read_text().replace("author: ada\n", "author: ada\nlocation: Brest\n"))
    app = build_site(srcdir)
    assert warning_lines(app) == []
    meta = read_html(app.outdir, "posts/sea.html").select_one("p.postlog-post-meta")
    kinds = [detail.find(True, recursive=False)["class"][0]
             for detail in meta.select(".postlog-detail")]
    assert kinds.index("postlog-location") == kinds.index("postlog-authors") + 1
    assert "Brest" in meta.select_one(".postlog-location").get_text()
    plain = read_html(app.outdir, "posts/plain.html").select_one("p.postlog-post-meta")
    assert plain.select(".postlog-location") == []


def test_a_cards_date_is_text(site) -> None:
    """A card links to its post as a whole: its date is not a link to the year (which
    looked like text), its tags stay links of their own."""
    sea = _cards(read_html(site.outdir, "blog/index.html"))[0]
    date = sea.select_one(".postlog-card-meta time.postlog-date")
    assert date.get_text() and date.find("a") is None
    assert sea.select(".postlog-card-tags a.postlog-chip")


def test_list_archive_pages_show_headings_and_chips(tmp_path) -> None:
    """``postlog_archive_style = 'list'``: each post's title is a heading in the page's
    outline (h3 under the year's h2 on the blog index, h2 on a tag's page), then one line
    of details with tags and categories as chips; no cover image."""
    srcdir = copy_root("cards", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace('postlog_archive_style = "cards"', ""))
    app = build_site(srcdir)
    index = read_html(app.outdir, "blog/index.html")
    group = index.select_one("section.postlog-group")
    assert group.find("h2") is not None
    titles = group.select("li.postlog-post > .postlog-post-header")
    assert {title.name for title in titles} == {"h3"}
    assert [title.a["class"] for title in titles] == [["postlog-post-title"]]
    tag = read_html(app.outdir, "blog/tags/python.html")
    item = tag.select_one("li.postlog-post")
    assert item.find(recursive=False).name == "h2"
    meta = item.select_one("p.postlog-post-meta.postlog-list-meta")
    assert [a.get_text() for a in meta.select(".postlog-tags a.postlog-chip")] == [
        "python", "open-science"]
    assert [a.get_text() for a in meta.select(".postlog-categories a.postlog-chip")] == [
        "research"]
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Tags"
    assert meta.select_one(".postlog-authors").get_text().startswith("By ")
    assert "·" not in meta.get_text()  # drawn by the CSS, never left at a line's end
    # the default date format: no zero before the day
    assert meta.select_one(".postlog-date").get_text() == "Mar 2, 2024"
    assert index.select("li.postlog-post img") == [] == tag.select("li.postlog-post img")
