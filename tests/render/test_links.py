"""Links as slots filled per page (archive pages share their posts' views): a filled
slot is the link ``Links`` makes from that page, for html and dirhtml."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from sphinx.errors import NoUri

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.facets import CATEGORY, TAG, YEAR
from sphinx_postlog.render.layout import ArchiveLayout
from sphinx_postlog.render.links import Links, LinkSlots


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def both(request, built_root) -> tuple[Links, LinkSlots, list[str], list[str]]:
    app = built_root("archives", request.param)
    registry = get_registry(app.env)
    layout = ArchiveLayout.from_config(app.config)
    posts = sorted(registry.posts)
    archive_pages = sorted(layout.page_names(registry))
    return (Links(app.builder, layout, registry), LinkSlots(app.builder, layout, registry),
            posts, archive_pages)


def get_registry_of(links: Links):
    return get_registry(links.builder.env)


def test_filled_slots_are_the_links_from_each_page(both) -> None:
    links, slots, posts, archive_pages = both
    assert len({page.rpartition("/")[0] for page in archive_pages}) >= 3  # several folders
    checked = 0
    for page in archive_pages:
        for target in posts + archive_pages:
            expected = (links.to_page(page, target) if target in archive_pages
                        else links.to_doc(page, target)) or own_name(links, page)
            slot = (slots.to_page(page, target) if target in archive_pages
                    else slots.to_doc(page, target))
            assert slot is not None and "\x00" in slot
            assert slots.fill(f'<a href="{slot}">', page) == f'<a href="{expected}">'
            checked += 1
        for kind, term in [(TAG, "python"), (TAG, "日本語"), (CATEGORY, "Tips & Tricks"),
                           (YEAR, "2019")]:
            slot = slots.to_term(page, kind, term)
            assert slot is not None
            assert slots.fill(slot, page) == (links.to_term(page, kind, term)
                                              or own_name(links, page))
    assert checked > 100


def own_name(links: Links, page: str) -> str:
    """How a page links to itself: by its file name, or ./ for dirhtml's folders."""
    uri = links.builder.get_target_uri(page)
    return uri.rpartition("/")[2] or "./"


def test_a_page_linking_itself(both) -> None:
    """Links says nothing (""); a slot is filled with the page's own name, a link."""
    links, slots, _posts, archive_pages = both
    for page in archive_pages:
        assert links.to_page(page, page) == ""
        filled = slots.fill(str(slots.to_page(page, page)), page)
        assert filled == own_name(links, page)
        assert unquote(filled) in {page.rpartition("/")[2] + ".html", "./"}


def test_the_same_slot_for_the_same_target_and_each_link_once_per_page(both) -> None:
    _links, slots, posts, archive_pages = both
    first, second = archive_pages[0], archive_pages[-1]
    assert slots.to_doc(first, posts[0]) == slots.to_doc(second, posts[0])
    assert slots.to_doc(first, posts[0]) != slots.to_doc(first, posts[1])
    slot = str(slots.to_doc(first, posts[0]))
    once = slots.fill(slot, first)
    assert slots.fill(f"{slot} and {slot}", first) == f"{once} and {once}"


def test_no_link_where_links_has_none(both) -> None:
    _links, slots, _posts, archive_pages = both
    page = archive_pages[0]
    assert slots.to_term(page, TAG, "no such tag") is None
    assert slots.fill("no slot here", page) == "no slot here"


def test_no_slot_for_a_document_without_uri(both) -> None:
    links, _slots, posts, archive_pages = both

    class Builder:
        name = "html"

        def get_target_uri(self, docname: str, typ: str | None = None) -> str:
            if docname == posts[0]:
                raise NoUri(docname)
            return docname + ".html"

    slots = LinkSlots(Builder(), links.layout, get_registry_of(links))  # type: ignore[arg-type]
    assert slots.to_doc(archive_pages[0], posts[0]) is None
    assert slots.to_doc(archive_pages[0], posts[1]) is not None


def test_files_are_linked_from_the_page_and_escaped(both) -> None:
    links, slots, _posts, archive_pages = both
    for page in archive_pages:
        slot = slots.to_file(page, "_images/a&b.png")
        expected = links.to_file(page, "_images/a&b.png")
        assert expected is not None and "&" in expected
        assert slots.fill(f'src="{slot}"', page) == f'src="{expected.replace("&", "&amp;")}"'


def test_builders_without_archive_pages_get_no_links(tmp_path) -> None:
    from conftest import build_site, copy_root

    app = build_site(copy_root("archives", tmp_path), "text")
    registry = get_registry(app.env)
    slots = LinkSlots(app.builder, ArchiveLayout.from_config(app.config), registry)
    assert slots.to_page("index", "blog/index") is None
    assert slots.to_term("index", TAG, "python") is None
    assert slots.to_file("index", "_images/a.png") is None
