"""Author and year archives, with their indexes, links and roles."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from conftest import read_html, warning_lines


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("frontmatter")
    assert warning_lines(app) == []
    return app


def index_entries(site, page: str) -> list[tuple[str, str]]:
    soup = read_html(site.outdir, page)
    entries = []
    for item in soup.select("ul.postlog-term-list li"):
        link = item.select_one("a")
        assert (site.outdir / page).parent.joinpath(unquote(link["href"])).is_file()
        entries.append((link.get_text(), item.select_one(".postlog-count").get_text()))
    return entries


def titles(site, page: str) -> list[str]:
    return [a.get_text() for a in read_html(site.outdir, page).select("a.postlog-post-title")]


def test_author_index_shows_names_and_counts(site) -> None:
    assert index_entries(site, "blog/authors/index.html") == [("Jane Doe", "(3)"),
                                                               ("Sam Roe", "(2)")]


def test_author_pages_list_their_posts(site) -> None:
    page = read_html(site.outdir, "blog/authors/jane.html")
    assert page.find("h1").get_text() == "Posts by Jane Doe"
    assert titles(site, "blog/authors/jane.html") == [
        "A naive datetime", "YAML lists", "Comma separated"]


def test_year_index_is_newest_first(site) -> None:
    assert index_entries(site, "blog/archive/index.html") == [
        ("2021", "(2)"), ("2020", "(1)"), ("2019", "(1)"), ("2018", "(1)"), ("2017", "(1)"),
        ("2016", "(1)")]


def test_year_pages_group_posts_by_month(site) -> None:
    page = read_html(site.outdir, "blog/archive/2021.html")
    assert page.find("h1").get_text() == "Posts from 2021"
    months = [(section.find("h2").get_text(),
               [a.get_text() for a in section.select("a.postlog-post-title")])
              for section in page.select("section.postlog-group")]
    assert months == [("July 2021", ["A quoted zoned datetime"]),
                      ("June 2021", ["A naive datetime"])]


def test_post_pages_link_authors_and_date_to_their_archives(site) -> None:
    meta = read_html(site.outdir, "posts/naive.html").select_one(".postlog-post-meta")
    authors = {a.get_text(): a["href"] for a in meta.select("a.postlog-author")}
    assert authors == {"Jane Doe": "../blog/authors/jane.html",
                       "Sam Roe": "../blog/authors/sam.html"}
    assert meta.select_one(".postlog-date a")["href"] == "../blog/archive/2021.html"


def test_author_and_year_roles(site) -> None:
    page = read_html(site.outdir, "index.html")
    links = {a.get_text(): a["href"] for a in page.select(".body a.reference")}
    assert links["jane"] == "blog/authors/jane.html"
    assert links["2021"] == "blog/archive/2021.html"
    assert links["Sam"] == "blog/authors/sam.html"


def test_blog_index_links_every_index(site) -> None:
    nav = read_html(site.outdir, "blog/index.html").select_one(".postlog-archive-nav")
    assert [a.get_text() for a in nav.select("a")] == ["Tags", "Categories", "Authors",
                                                       "Archive"]
    for link in nav.select("a"):
        assert (site.outdir / "blog" / link["href"]).is_file()
