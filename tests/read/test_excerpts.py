"""Excerpts: the description field, the text before <!-- more -->, or the first
paragraph; emphasis, code and links kept, links resolved from the listing page."""

from __future__ import annotations

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import read_html, warning_lines


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("excerpts")
    # Sphinx's own, for the post whose excerpt refers to a page that does not exist
    assert [line.split("WARNING: ")[1] for line in warning_lines(app)] == [
        "unknown document: '../missing-page' [ref.doc]"]
    return app


def excerpts(outdir, page: str) -> dict[str, object]:
    soup = read_html(outdir, page)
    return {item.select_one("a.postlog-post-title").get_text(): item.select_one(
        ".postlog-excerpt") for item in soup.select("li.postlog-post")}


def test_text_before_more_marker_keeps_its_markup(site) -> None:
    rich = excerpts(site.outdir, "index.html")["Rich excerpt"]
    assert len(rich.find_all("p")) == 2
    assert rich.find("em").get_text() == "emphasis"
    assert rich.find("strong").get_text() == "strong"
    assert rich.find("code").get_text() == "code"
    links = {a.get_text(): a["href"] for a in rich.find_all("a")}
    assert links == {"a link": "https://example.org/x?a=1&b=2", "a post": "posts/plain.html",
                     "a section": "posts/plain.html#section-two"}
    assert "Not in the excerpt" not in rich.get_text()


def test_links_are_relative_to_the_listing_page(site) -> None:
    rich = excerpts(site.outdir, "sub/list.html")["Rich excerpt"]
    assert rich.find("a", string="a post")["href"] == "../posts/plain.html"
    archive = excerpts(site.outdir, "blog/tags/rich.html")["Rich excerpt"]
    assert archive.find("a", string="a post")["href"] == "../../posts/plain.html"


def test_first_paragraph_or_description(site) -> None:
    found = excerpts(site.outdir, "blog/index.html")
    assert found["Plain post"].get_text(strip=True) == "Only the first paragraph."
    described = found["Described post"]
    assert described.get_text(strip=True) == (
        "An explicit excerpt, with <b>markup</b> shown as text.")
    assert described.find("b") is None


def test_feed_summaries_keep_markup_with_absolute_links(site) -> None:
    entries = {e.title: e for e in feedparser.parse(
        (site.outdir / "blog/atom.xml").read_bytes()).entries}
    rich = entries["Rich excerpt"]
    assert rich.summary_detail.type == "text/html"
    summary = BeautifulSoup(rich.summary, "html.parser")
    assert summary.get_text(" ", strip=True).replace(" ,", ",").replace(" .", ".") == (
        "First emphasis and strong with code, a link, a post and a section. "
        "Second paragraph, also in the excerpt.")
    assert summary.find("em").get_text() == "emphasis"
    assert {a.get_text(): a["href"] for a in summary.find_all("a")} == {
        "a link": "https://example.org/x?a=1&b=2",
        "a post": "https://example.org/posts/plain.html",
        "a section": "https://example.org/posts/plain.html#section-two"}
    described = BeautifulSoup(entries["Described post"].summary, "html.parser")
    assert described.get_text() == "An explicit excerpt, with <b>markup</b> shown as text."


def test_text_builder_shows_text(built_root) -> None:
    app = built_root("excerpts", "text")
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "First emphasis and strong with code" in text
    assert "<em>" not in text


def test_a_paragraph_with_only_an_image_is_not_the_excerpt() -> None:
    from docutils.core import publish_doctree

    from sphinx_postlog.read.excerpts import excerpt_paragraphs

    doctree = publish_doctree("|pic|\n\nFirst words.\n\n.. |pic| image:: pic.png\n")
    assert [p.astext() for p in excerpt_paragraphs(doctree)] == ["First words."]
    assert [p.astext() for p in excerpt_paragraphs(doctree, anywhere=True)] == [
        "First words."]


def test_a_parser_message_is_not_the_excerpt() -> None:
    """A page whose title is repeated as a heading gets an informational message in
    its doctree ("Duplicate implicit target name"); counting paragraphs anywhere, as
    ABlog-configured sites do, must not take its text for the excerpt."""
    from docutils import nodes

    from sphinx_postlog.read.excerpts import excerpt_paragraphs

    doctree = nodes.document(None, None)
    section = nodes.section()
    message = nodes.system_message("", nodes.paragraph("", "Duplicate implicit target name."),
                                   level=1, type="INFO")
    subsection = nodes.section()
    subsection += [nodes.title("", "Again"), nodes.paragraph("", "The first words."),
                   nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "A point.")))]
    section += [nodes.title("", "A post"), message, subsection]
    doctree += section
    assert [p.astext() for p in excerpt_paragraphs(doctree, 2, anywhere=True)] == [
        "The first words.", "A point."]
    assert [p.astext() for p in excerpt_paragraphs(doctree, 2)] == ["The first words."]


def test_excerpt_paragraphs_from_a_post_directive_a_quote_or_none() -> None:
    """The content of ABlog's ``{post}`` directive is the excerpt; a page whose text
    opens with a quote has its first quoted paragraph with words (not a parser's
    message, not an image alone); ``count`` 0 asks for none."""
    from docutils import nodes

    from sphinx_postlog.read.excerpts import EXCERPT_CLASS, excerpt_paragraphs

    def page(*children: nodes.Node) -> nodes.document:
        doctree = nodes.document(None, None)
        section = nodes.section()
        section += [nodes.title("", "A post"), *children]
        doctree += section
        return doctree

    box = nodes.container("", nodes.paragraph("", "From the directive."),
                          classes=[EXCERPT_CLASS])
    other = nodes.container("", nodes.paragraph("", "In another box."), classes=["note"])
    doctree = page(nodes.paragraph("", "Before."), other, box)
    assert [p.astext() for p in excerpt_paragraphs(doctree)] == ["From the directive."]

    message = nodes.system_message("", nodes.paragraph("", "A parser's note."),
                                   level=1, type="INFO")
    image_only = nodes.paragraph("", "", nodes.image(uri="pic.png"))
    quote = nodes.block_quote("", image_only, nodes.paragraph("", "Quoted words."),
                              nodes.paragraph("", "More quoted words."))
    doctree = page(message, quote)
    assert [p.astext() for p in excerpt_paragraphs(doctree)] == ["Quoted words."]
    assert [p.astext() for p in excerpt_paragraphs(doctree, 2)] == [
        "Quoted words.", "More quoted words."]
    assert excerpt_paragraphs(doctree, 0) == []
    assert excerpt_paragraphs(page(nodes.paragraph("", "Words.")), 0) == []
    # Raw HTML other than the <!-- more --> marker marks nothing.
    doctree = page(nodes.paragraph("", "One."), nodes.paragraph("", "Two."),
                   nodes.raw("", "<hr/>", format="html"))
    assert [p.astext() for p in excerpt_paragraphs(doctree)] == ["One."]
    doctree = page(nodes.paragraph("", "One."), nodes.paragraph("", "Two."),
                   nodes.raw("", "<!-- more -->", format="html"))
    assert [p.astext() for p in excerpt_paragraphs(doctree)] == ["One.", "Two."]
