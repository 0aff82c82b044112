"""A corpus of 30 malformed pages: each gives exactly one located, typed warning;
every post that can be kept is kept, with its good values."""

from __future__ import annotations

import pytest

from conftest import ROOTS, parsed_warnings, warning_lines
from sphinx_postlog.diagnostics import PostlogWarning

#: file -> (line, subtype) of its one warning
EXPECTED = {
    "posts/01-broken-yaml.md": (4, "frontmatter"),
    "posts/02-yaml-list.md": (1, "frontmatter"),
    "posts/03-yaml-scalar.md": (1, "frontmatter"),
    "posts/04-tabs.md": (4, "frontmatter"),
    "notposts/05-empty.md": (1, "frontmatter"),
    "notposts/06-rst-front-matter.rst": (1, "frontmatter"),
    "posts/07-impossible-date.md": (3, "date"),
    "posts/08-yesterday.md": (3, "date"),
    "posts/09-epoch.md": (3, "date"),
    "posts/10-time-only.md": (3, "date"),
    "posts/11-date-list.md": (3, "date"),
    "posts/12-bom.md": (3, "date"),
    "posts/13-crlf.md": (4, "date"),
    "posts/14-bad-updated.md": (3, "date"),
    "posts/15-post-maybe.md": (3, "field"),
    "posts/16-title-list.md": (3, "field"),
    "posts/17-description-dict.md": (3, "field"),
    "posts/18-nested-tags.md": (3, "term"),
    "posts/19-dict-tags.md": (3, "term"),
    "posts/20-empty-tag-string.md": (3, "term"),
    "posts/21-empty-tag-item.md": (3, "term"),
    "posts/22-long-tag.md": (3, "term"),
    "posts/23-case-duplicates.md": (3, "term"),
    "posts/24-nested-category.md": (3, "term"),
    "posts/25-author-dict.md": (3, "term"),
    "posts/26-duplicate-key.md": (4, "frontmatter"),
    "posts/27-no-date.md": (1, "not_a_post"),
    "posts/28-comma-empties.md": (3, "term"),
    "posts/29-null-date.md": (3, "date"),
    "posts/30-empty-author.md": (3, "term"),
}

#: posts kept despite their problem -> (tags, categories) they keep
KEPT = {
    "posts/14-bad-updated": ((), ()),
    "posts/15-post-maybe": ((), ()),
    "posts/16-title-list": ((), ()),
    "posts/17-description-dict": ((), ()),
    "posts/18-nested-tags": (("good",), ()),
    "posts/19-dict-tags": ((), ()),
    "posts/20-empty-tag-string": ((), ()),
    "posts/21-empty-tag-item": (("good",), ()),
    "posts/22-long-tag": (("good",), ()),
    "posts/23-case-duplicates": (("Python",), ()),
    "posts/24-nested-category": ((), ("news",)),
    "posts/25-author-dict": ((), ()),
    "posts/26-duplicate-key": (("second",), ()),
    "posts/28-comma-empties": ((), ("news", "notes")),
    "posts/30-empty-author": ((), ()),
}


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("badcorpus")


def test_corpus_is_large_enough() -> None:
    """At least 25 malformed pages, every one of them on disk and expected to warn."""
    root = ROOTS / "test-badcorpus"
    pages = {str(path.relative_to(root)) for path in root.rglob("*")
             if path.suffix in {".md", ".rst"} and path.name != "index.md"}
    assert len(pages) >= 25
    assert pages == set(EXPECTED)


def test_each_malformed_page_gives_exactly_one_located_warning(site) -> None:
    found = parsed_warnings(site)
    by_file: dict[str, list[tuple[int, str]]] = {}
    for file, line, kind in found:
        by_file.setdefault(file, []).append((line, kind))
    assert set(by_file) == set(EXPECTED)
    for file, (line, subtype) in EXPECTED.items():
        assert by_file[file] == [(line, f"postlog.{subtype}")], file


def test_every_subtype_used_is_documented(site) -> None:
    documented = {f"postlog.{subtype.value}" for subtype in PostlogWarning}
    assert {kind for _, _, kind in parsed_warnings(site)} <= documented


def test_posts_that_can_be_kept_are_kept(site) -> None:
    from sphinx_postlog.collect.registry import get_registry

    posts = get_registry(site.env).posts
    assert set(posts) == set(KEPT)
    for docname, (tags, categories) in KEPT.items():
        assert (posts[docname].tags, posts[docname].categories) == (tags, categories), docname
    assert posts["posts/16-title-list"].title == "Title is a list"
    assert posts["posts/17-description-dict"].excerpt == "Body."


def test_suppressing_every_subtype_silences_the_corpus(built_root) -> None:
    subtypes = [f"postlog.{subtype.value}" for subtype in PostlogWarning]
    app = built_root("badcorpus", confoverrides={"suppress_warnings": subtypes})
    assert warning_lines(app) == []
