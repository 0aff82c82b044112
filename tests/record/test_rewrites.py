"""Unit tests of sphinx_postlog.record.rewrites: the fingerprints of what a post's page
shows of other posts, by which the posts whose footer changed are written again."""

from __future__ import annotations

import datetime as dt

from sphinx_postlog.collect.registry import Registry
from sphinx_postlog.read.posts import Post
from sphinx_postlog.record.rewrites import footer_key, footer_posts, furniture_digest


def post_on(docname: str, day: int, **fields: object) -> Post:
    return Post(docname=docname, title=str(fields.pop("title", docname.upper())),
                date=dt.datetime(2024, 1, day, tzinfo=dt.timezone.utc),
                **fields)  # type: ignore[arg-type]


def registry_of(*posts: Post) -> Registry:
    registry = Registry()
    for one in posts:
        registry.add(one)
    return registry


def test_furniture_digest_follows_the_other_posts_a_page_shows() -> None:
    registry = registry_of(post_on("a", 1, words=100), post_on("b", 2))
    furniture = furniture_digest(registry, registry.posts["a"], 3)
    assert len(furniture) == 64
    registry.add(post_on("a", 1, words=110, title="New title"))  # its own title: not furniture
    assert furniture_digest(registry, registry.posts["a"], 3) == furniture
    registry.add(post_on("b", 2, title="B renamed"))
    assert furniture_digest(registry, registry.posts["a"], 3) != furniture


def test_furniture_digest_ignores_related_posts_beyond_the_limit() -> None:
    registry = registry_of(post_on("me", 9, tags=("a", "b")), post_on("top", 1, tags=("a", "b")),
                         post_on("next", 2, tags=("a",)), post_on("neighbour", 5))
    digest = furniture_digest(registry, registry.posts["me"], 1)
    registry.add(post_on("next", 2, tags=("a",), title="Renamed"))
    assert furniture_digest(registry, registry.posts["me"], 1) == digest
    assert furniture_digest(registry, registry.posts["me"], 2) != digest


def test_a_new_part_changes_every_part_s_furniture_digest() -> None:
    registry = registry_of(post_on("a", 1, series="S"), post_on("b", 2, series="S"),
                         post_on("c", 3, series="T"))
    before = {name: furniture_digest(registry, registry.posts[name], 0) for name in "abc"}
    keys = {name: footer_key(registry, registry.posts[name]) for name in "abc"}
    registry.add(post_on("d", 9, series="S"))
    registry.add(post_on("c", 3, series="S"))  # moved to S
    after = {name: furniture_digest(registry, registry.posts[name], 0) for name in "abc"}
    assert before["a"] != after["a"] and before["b"] != after["b"]
    assert keys["c"] != footer_key(registry, registry.posts["c"])


def test_footer_posts_are_neighbours_related_posts_and_series_parts() -> None:
    registry = registry_of(post_on("old", 1, tags=("x",), series="S"), post_on("me", 5, tags=("x",),
                         series="S"), post_on("new", 9))
    shown = footer_posts(registry, registry.posts["me"], 3)
    assert [other.docname if other else None for other in shown] == [
        "old", "new", None, "old", "old", "me"]
