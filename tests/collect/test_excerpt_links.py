"""Cross-references in excerpts are resolved as Sphinx resolves them on the post's page,
and link from wherever the excerpt is shown: lists in any folder, cards, archive pages,
the three feeds (absolute links), with ``html``, ``dirhtml`` and ``-j 2``."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import NoUri

from conftest import build_site, copy_root, read_html, warning_lines, write_site
from sphinx_postlog.collect import excerpt_links
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.read.excerpts import path_marker

#: The links of the two excerpts with cross-references, from the site's root.
LINKED = [  # MyST: {doc}, {ref}, an absolute path, {term}, {any}, a label of the post,
    # a page that does not exist (no link), intersphinx, a link to a page's file
    ("Upgrading Kubernetes", "k8s-upgrade.html"), ("The plan", "k8s-upgrade.html#the-plan"),
    ("the team", "people.html"), ("blog", "glossary.html#term-blog"),
    ("The plan", "k8s-upgrade.html#the-plan"), ("a part", "posts/linked.html#own-part"),
    ("Thing", "https://ext.example.org/api.html#Thing"), ("written words", "people.html")]
LINKED_RST = [  # :doc:, :ref:, an external link, :term:, :any:, a label of the post,
    # intersphinx's :external: role
    ("Upgrading Kubernetes", "k8s-upgrade.html"), ("The plan", "k8s-upgrade.html#the-plan"),
    ("the site", "https://example.com/a?b=1&c=2"), ("blog", "glossary.html#term-blog"),
    ("The plan", "k8s-upgrade.html#the-plan"), ("below", "posts/linked-rst.html#rst-part"),
    ("Thing", "https://ext.example.org/api.html#Thing")]
TEXT = ("Read Upgrading Kubernetes, The plan, the team, blog, The plan, a part, gone, Thing "
        "and written words.")


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("excerpts")
    missing = [line for line in warning_lines(app) if "missing-page" in line]
    assert len(missing) == 1 and "posts/linked.md:7:" in missing[0]  # Sphinx's, once
    return app


def _from(page: str, links: list[tuple[str, str]], root: str = "") -> list[tuple[str, str]]:
    """``links`` as written on ``page`` (relative to it), or absolute under ``root``."""
    up = root or "../" * page.count("/")
    return [(text, url if "://" in url else up + url) for text, url in links]


def _links(excerpt) -> list[tuple[str, str]]:
    return [(" ".join(a.get_text().split()), a["href"]) for a in excerpt.find_all("a")]


def _excerpts(outdir, page: str) -> dict[str, object]:
    soup = read_html(outdir, page)
    return {item.select_one("a.postlog-post-title").get_text(): item.select_one(
        ".postlog-excerpt") for item in soup.select("li.postlog-post")}


@pytest.mark.parametrize("page", ["index.html", "sub/list.html", "sub/cards.html",
                                  "blog/index.html", "blog/tags/rich.html",
                                  "blog/archive/2020.html"])
def test_every_kind_of_reference_links_from_every_page(site, page) -> None:
    excerpts = _excerpts(site.outdir, page)
    assert _links(excerpts["Linked excerpt"]) == _from(page, LINKED)
    assert _links(excerpts["Linked in reStructuredText"]) == _from(page, LINKED_RST)
    assert excerpts["Linked excerpt"].get_text(" ", strip=True).replace(
        " ,", ",").replace(" .", ".") == TEXT
    for _words, url in _links(excerpts["Linked excerpt"]):
        if "://" not in url:  # each leads to a page that is there
            assert (site.outdir / page).parent.joinpath(url.split("#")[0]).resolve().is_file()


def test_a_reference_that_does_not_resolve_is_its_text(site) -> None:
    excerpt = _excerpts(site.outdir, "index.html")["Linked excerpt"]
    assert "gone" in excerpt.get_text()
    assert not [a for a in excerpt.find_all("a") if a.get_text() == "gone"]


def test_cards_keep_the_links(site) -> None:
    card = read_html(site.outdir, "sub/cards.html").select_one(
        "li.postlog-card:has(a[href='../posts/linked.html'])")
    assert _links(card.select_one(".postlog-excerpt")) == _from("sub/cards.html", LINKED)


def test_feeds_carry_the_links_absolute(site) -> None:
    root = "https://example.org/"
    for name in ("atom.xml", "rss.xml"):
        feed = feedparser.parse((site.outdir / "blog" / name).read_bytes())
        assert feed.bozo == 0
        entries = {entry.title: entry for entry in feed.entries}
        for title, links in (("Linked excerpt", LINKED), ("Linked in reStructuredText",
                                                          LINKED_RST)):
            summary = BeautifulSoup(entries[title].summary, "html.parser")
            assert _links(summary) == _from("", links, root), (name, title)
    items = {item["title"]: item for item in json.loads(
        (site.outdir / "blog/feed.json").read_text(encoding="utf-8"))["items"]}
    linked = items["Linked excerpt"]
    assert linked["summary"] == TEXT  # JSON Feed's summary is text; its content is HTML
    assert _links(BeautifulSoup(linked["content_html"], "html.parser")) == _from(
        "", LINKED, root)


def test_the_post_page_describes_itself_with_the_titles(site) -> None:
    meta = read_html(site.outdir, "posts/linked.html").select_one('meta[name="description"]')
    assert meta["content"] == TEXT


def test_other_builders(tmp_path) -> None:
    srcdir = copy_root("excerpts", tmp_path)
    text = build_site(srcdir, "text")
    assert TEXT in " ".join((text.outdir / "index.txt").read_text(encoding="utf-8").split())
    for name in ("latex", "changes"):  # no links, and nothing goes wrong
        assert not [line for line in warning_lines(build_site(srcdir, name))
                    if "postlog" in line]
    dirhtml = build_site(srcdir, "dirhtml")
    excerpts = _excerpts(dirhtml.outdir, "blog/tags/rich/index.html")
    assert _links(excerpts["Linked excerpt"]) == [
        (words, url.replace(".html", "/") if "://" not in url else url)
        for words, url in _from("blog/tags/rich/", LINKED)]


def test_singlehtml_links_as_sphinx_does_on_its_one_page(tmp_path) -> None:
    """On ``singlehtml``'s one page a link to another document's section is its last
    fragment alone (``#the-plan``), as Sphinx writes its own, not ``#document-…#…``."""
    app = build_site(copy_root("excerpts", tmp_path), "singlehtml")
    page = read_html(app.outdir, "index.html")
    excerpt = {a.get_text(): a["href"] for a in page.select(".postlog-excerpt a")}
    assert excerpt["The plan"] == "#the-plan" and page.find(id="the-plan") is not None
    assert [href for href in excerpt.values() if href.count("#") > 1] == []


def test_parallel_build_resolves_the_same(site, tmp_path) -> None:
    app = build_site(copy_root("excerpts", tmp_path), parallel=2)
    for page in ("index.html", "blog/tags/rich.html", "blog/atom.xml"):
        assert (app.outdir / page).read_bytes() == (site.outdir / page).read_bytes(), page


def test_an_excerpt_only_on_lists_has_its_references_checked_once(tmp_path) -> None:
    """ABlog's ``:exclude:`` keeps the excerpt off the post's page, so Sphinx never sees
    its references: a broken one is reported once, where it is written."""
    srcdir = write_site(tmp_path / "site", {
        "guide.md": "---\norphan: true\n---\n# The guide\n",
        "posts/only.rst": "Only listed\n===========\n\n.. post:: 2024-01-01\n   :exclude:\n\n"
                          "   See :doc:`../guide` and :doc:`../nowhere`.\n\nThe body.\n"},
        'postlog_postlist_links = []\n')
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n:show: excerpt\n```\n")
    app = build_site(srcdir)
    warnings = warning_lines(app)
    assert len(warnings) == 1 and "posts/only.rst:7:" in warnings[0]
    assert "unknown document: '../nowhere'" in warnings[0]
    excerpt = _excerpts(app.outdir, "index.html")["Only listed"]
    assert _links(excerpt) == [("The guide", "guide.html")]
    assert " ".join(excerpt.get_text().split()) == "See The guide and ../nowhere."
    assert "See" not in read_html(app.outdir, "posts/only.html").select_one("section").get_text()


def test_which_excerpts_are_resolved_again() -> None:
    """After pages were only read again: those of the pages read, those leading to
    them, those with a reference left unresolved, and those never resolved."""
    post = SimpleNamespace(docname="posts/a")
    to_guide = (frozenset({"guide.html"}), False)
    assert excerpt_links._affected(post, {"other"}, {"other.html"}, None)
    assert excerpt_links._affected(post, {"posts/a"}, {"posts/a.html"}, to_guide)
    assert excerpt_links._affected(post, {"guide"}, {"guide.html"}, to_guide)
    assert excerpt_links._affected(post, {"other"}, {"other.html"}, (frozenset(), True))
    assert not excerpt_links._affected(post, {"other"}, {"other.html"}, to_guide)


def test_urls_found_from_the_post_become_paths_of_the_site() -> None:
    paths: set[str] = set()
    relocate = excerpt_links._relocator("posts/a.html", paths)
    assert relocate("../guide.html#part") == path_marker("guide.html#part")
    assert relocate("b.html") == path_marker("posts/b.html")
    assert relocate("#own") == path_marker("posts/a.html#own")
    assert paths == {"guide.html", "posts/b.html", "posts/a.html"}
    for url in ("https://example.com/a?b=1&c=2", "mailto:x@example.org", "/root.html",
                "//cdn.example.org/x.js"):  # off the site: as written, escaped
        assert relocate(url) == html.escape(url), url
    assert len(paths) == 3


class _Builder:
    """A builder whose URIs are given."""

    def __init__(self, uri: Callable[[str], str], name: str = "html") -> None:
        self.name, self._uri = name, uri
        self.config = SimpleNamespace(root_doc="index")

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return self._uri(docname)


def _raise(error: type[Exception]) -> Callable[[str], str]:
    def uri(docname: str) -> str:
        raise error
    return uri


def test_builders_without_uris() -> None:
    html_like = _Builder(lambda docname: f"{docname}.html")
    latex_like, changes_like = _Builder(_raise(NoUri)), _Builder(_raise(NotImplementedError))
    assert excerpt_links._links_pages(html_like) and excerpt_links._links_pages(latex_like)
    assert not excerpt_links._links_pages(changes_like)
    assert excerpt_links._target_uri(html_like, "a") == "a.html"
    assert excerpt_links._target_uri(latex_like, "a") == ""
    assert excerpt_links._relocatable(StandaloneHTMLBuilder.__new__(StandaloneHTMLBuilder))
    assert not excerpt_links._relocatable(SingleFileHTMLBuilder.__new__(SingleFileHTMLBuilder))


def test_what_resolving_depends_on() -> None:
    def key(name: str = "html", suffix: str = ".html", docs: tuple[str, ...] = ("a", "b"),
            cache: dict | None = None) -> str:
        builder = _Builder(lambda docname: docname + suffix, name)
        env = SimpleNamespace(all_docs=dict.fromkeys(docs, 1), intersphinx_cache=cache)
        return excerpt_links._inputs_key(SimpleNamespace(builder=builder), env)

    inventory = {"https://ext.example.org/objects.inv": ("ext", 1, {})}
    keys = [key(), key("dirhtml"), key(suffix="/"), key(docs=("a",)),
            key(cache=inventory), key(cache={"https://ext.example.org/objects.inv": ("x", 1)}),
            key(cache={"https://other.example.org/objects.inv": ("ext", 1, {})})]
    assert len(set(keys)) == len(keys) and all(len(k) == 64 for k in keys)
    assert key() == key(docs=("b", "a")) == key(cache={})


def test_the_current_document_is_set_and_restored() -> None:
    current = SimpleNamespace(docname="before")
    env = SimpleNamespace(current_document=current)
    with excerpt_links._reading(env, "posts/a"):
        assert current.docname == "posts/a"
    assert current.docname == "before"
    old = SimpleNamespace(current_document=None, temp_data={})  # Sphinx before 8.2
    with excerpt_links._reading(old, "posts/a"):
        assert old.temp_data == {"docname": "posts/a"}
    assert old.temp_data == {}
    old.temp_data["docname"] = "x"
    with excerpt_links._reading(old, "posts/a"):
        assert old.temp_data["docname"] == "posts/a"
    assert old.temp_data == {"docname": "x"}


def test_a_link_to_an_anchor_of_the_post_is_myst_s_last_resort() -> None:
    own = nodes.paragraph("", "", nodes.reference("", "x", refid="gone"))
    away = nodes.paragraph("", "", nodes.reference("", "x", refuri="other.html"))
    text = nodes.paragraph("", "x")
    assert excerpt_links._same_page_only(own)
    assert not excerpt_links._same_page_only(away) and not excerpt_links._same_page_only(text)


def test_only_what_a_read_may_change_is_resolved_again(tmp_path, monkeypatch) -> None:
    app = build_site(copy_root("excerpts", tmp_path))
    registry, env = get_registry(app.env), app.env
    resolved: list[list[str]] = []
    real = excerpt_links.resolved_excerpts

    def recording(app, env, posts):
        resolved.append([post.docname for post in posts])
        return real(app, env, posts)

    monkeypatch.setattr(excerpt_links, "resolved_excerpts", recording)
    before = dict(registry.posts)
    excerpt_links.resolve_excerpt_links(app, env)  # nothing read again: nothing to do
    assert resolved == [] and registry.posts == before
    newest = max(env.all_docs.values())
    env.all_docs["glossary"] = newest + 1  # read again; both excerpts link to it
    excerpt_links.resolve_excerpt_links(app, env)
    assert resolved == [["posts/linked", "posts/linked-rst"]]
    assert registry.posts == before and registry.excerpt_links_time == newest + 1
    env.all_docs["posts/plain"] = newest + 2  # no excerpt leads there
    excerpt_links.resolve_excerpt_links(app, env)
    # the one with a reference not resolved, and the one linking to the page
    assert resolved[1:] == [["posts/linked", "posts/rich"]]
    registry.excerpt_links_key = "other"  # pages came or went: all again
    excerpt_links.resolve_excerpt_links(app, env)
    assert resolved[2:] == [["posts/linked", "posts/linked-rst", "posts/rich"]]


def test_a_myst_link_to_no_page_is_text_beside_an_excerpt_off_its_page(
        tmp_path, monkeypatch) -> None:
    """A link MyST finds no page for is shown as its text, as on the post's page, also
    when another excerpt (off its post's page) is resolved apart from it; it is tried
    again whenever a page is read again."""
    srcdir = write_site(tmp_path / "site", {
        "guide.md": "---\norphan: true\n---\n# The guide\n",
        "posts/md.md": "---\ndate: 2024-01-02\n---\n# In Markdown\n\n"
                       "See [the team](/people) and {doc}`/guide`.\n\nThe body.\n",
        "posts/only.rst": "Only listed\n===========\n\n.. post:: 2024-01-01\n   :exclude:\n\n"
                          "   See :doc:`../guide`.\n\nThe body.\n"},
        'postlog_postlist_links = []\n')
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n:show: excerpt\n```\n")
    app = build_site(srcdir)
    excerpts = _excerpts(app.outdir, "index.html")
    assert _links(excerpts["In Markdown"]) == [("The guide", "guide.html")]
    assert " ".join(excerpts["In Markdown"].get_text().split()) == "See the team and The guide."
    assert _links(excerpts["Only listed"]) == [("The guide", "guide.html")]
    missing = [line for line in warning_lines(app) if "people" in line]
    assert len(missing) == 1 and "posts/md.md:6" in missing[0]  # MyST's, on the post's page
    resolved: list[list[str]] = []
    real = excerpt_links.resolved_excerpts
    monkeypatch.setattr(excerpt_links, "resolved_excerpts", lambda app, env, posts: (
        resolved.append([post.docname for post in posts]) or real(app, env, posts)))
    app.env.all_docs["index"] = max(app.env.all_docs.values()) + 1  # no excerpt leads there
    excerpt_links.resolve_excerpt_links(app, app.env)
    assert resolved == [["posts/md"]]
