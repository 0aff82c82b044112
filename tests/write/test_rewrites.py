"""Unit tests of sphinx_postlog.write.rewrites: the fingerprints of what a post's page
shows of other posts, by which the posts whose footer changed are written again."""

from __future__ import annotations

import datetime as dt

from sphinx_postlog.collect.registry import Registry
from sphinx_postlog.read.posts import Post
from sphinx_postlog.write.rewrites import footer_key, footer_posts, furniture_digest


def _post(docname: str, day: int, **fields: object) -> Post:
    return Post(docname=docname, title=str(fields.pop("title", docname.upper())),
                date=dt.datetime(2024, 1, day, tzinfo=dt.timezone.utc),
                **fields)  # type: ignore[arg-type]


def _registry(*posts: Post) -> Registry:
    registry = Registry()
    for one in posts:
        registry.add(one)
    return registry


def test_furniture_digest_follows_the_other_posts_a_page_shows() -> None:
    registry = _registry(_post("a", 1, words=100), _post("b", 2))
    furniture = furniture_digest(registry, registry.posts["a"], 3)
    assert len(furniture) == 64
    registry.add(_post("a", 1, words=110, title="New title"))  # its own title: not furniture
    assert furniture_digest(registry, registry.posts["a"], 3) == furniture
    registry.add(_post("b", 2, title="B renamed"))
    assert furniture_digest(registry, registry.posts["a"], 3) != furniture


def test_furniture_digest_ignores_related_posts_beyond_the_limit() -> None:
    registry = _registry(_post("me", 9, tags=("a", "b")), _post("top", 1, tags=("a", "b")),
                         _post("next", 2, tags=("a",)), _post("neighbour", 5))
    digest = furniture_digest(registry, registry.posts["me"], 1)
    registry.add(_post("next", 2, tags=("a",), title="Renamed"))
    assert furniture_digest(registry, registry.posts["me"], 1) == digest
    assert furniture_digest(registry, registry.posts["me"], 2) != digest


def test_a_new_part_changes_every_part_s_furniture_digest() -> None:
    registry = _registry(_post("a", 1, series="S"), _post("b", 2, series="S"),
                         _post("c", 3, series="T"))
    before = {name: furniture_digest(registry, registry.posts[name], 0) for name in "abc"}
    keys = {name: footer_key(registry, registry.posts[name]) for name in "abc"}
    registry.add(_post("d", 9, series="S"))
    registry.add(_post("c", 3, series="S"))  # moved to S
    after = {name: furniture_digest(registry, registry.posts[name], 0) for name in "abc"}
    assert before["a"] != after["a"] and before["b"] != after["b"]
    assert keys["c"] != footer_key(registry, registry.posts["c"])


def test_footer_posts_are_neighbours_related_posts_and_series_parts() -> None:
    registry = _registry(_post("old", 1, tags=("x",), series="S"), _post("me", 5, tags=("x",),
                         series="S"), _post("new", 9))
    shown = footer_posts(registry, registry.posts["me"], 3)
    assert [other.docname if other else None for other in shown] == [
        "old", "new", None, "old", "old", "me"]
