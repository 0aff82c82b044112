"""Unit tests of sphinx_postlog.record.fingerprints: the digests of what generated pages
show of posts."""

from __future__ import annotations

import datetime as dt

from test_rewrites import post_on, registry_of

from sphinx_postlog.read.schedule import Visibility
from sphinx_postlog.record.fingerprints import shown_digest, site_digest


def test_shown_digest_changes_with_what_is_shown() -> None:
    registry = registry_of(post_on("a", 1, words=100), post_on("b", 2))
    shown = shown_digest(registry, [registry.posts["a"]])
    assert len(shown) == 64
    # A word count that rounds to the same reading time is not shown.
    registry.add(post_on("a", 1, words=110))
    assert shown_digest(registry, [registry.posts["a"]]) == shown
    registry.add(post_on("a", 1, words=110, title="New title"))
    assert shown_digest(registry, [registry.posts["a"]]) != shown


def test_shown_digest_follows_term_slugs_and_status() -> None:
    registry = registry_of(post_on("a", 1, tags=("C#",)))
    before = shown_digest(registry, [registry.posts["a"]])
    registry.add(post_on("b", 2, tags=("C++",)))  # C# now shares its slug: it gets a hash
    assert shown_digest(registry, [registry.posts["a"]]) != before
    registry = registry_of(post_on("a", 5))
    before = shown_digest(registry, [registry.posts["a"]])
    registry.configure(Visibility(show_drafts=True,
                                  now=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)))
    assert shown_digest(registry, [registry.posts["a"]]) != before


def test_shown_digest_follows_which_posts_in_which_order() -> None:
    registry = registry_of(post_on("a", 1), post_on("b", 2))
    a, b = registry.posts["a"], registry.posts["b"]
    digests = {shown_digest(registry, posts) for posts in ([a, b], [b, a], [a], [b], [])}
    assert len(digests) == 5
    assert shown_digest(registry, [a, b]) == shown_digest(registry, [a, b])


def test_site_digest_follows_titles_and_terms_not_excerpts() -> None:
    registry = registry_of(post_on("a", 1, tags=("x",), excerpt="One."))
    before = site_digest(registry)
    registry.add(post_on("a", 1, tags=("x",), excerpt="Another."))
    assert site_digest(registry) == before
    registry.add(post_on("a", 1, tags=("y",), excerpt="Another."))
    assert site_digest(registry) != before
    changed = site_digest(registry)
    registry.add(post_on("a", 1, tags=("y",), title="Renamed"))
    assert site_digest(registry) != changed
