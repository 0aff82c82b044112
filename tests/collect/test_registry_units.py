"""Unit tests of sphinx_postlog.collect.registry: which posts a build shows, in which order, the
lists, neighbours, related posts and slugs, and the digest that changes with them."""

from __future__ import annotations

import datetime as dt
import pickle
from types import SimpleNamespace

import pytest

from sphinx_postlog.collect.registry import (
    Listing,
    PostFilter,
    Registry,
    get_registry,
    group_by,
    pinned_first,
)
from sphinx_postlog.read.posts import Post
from sphinx_postlog.read.schedule import DRAFT, SCHEDULED, Visibility
from sphinx_postlog.read.slugs import Conventions

UTC = dt.timezone.utc


def day(n: int) -> dt.datetime:
    return dt.datetime(2024, 1, n, tzinfo=UTC)


def post(docname: str, n: int, **kwargs: object) -> Post:
    return Post(docname=docname, title=kwargs.pop("title", docname.upper()),  # type: ignore[arg-type]
                date=day(n), **kwargs)  # type: ignore[arg-type]


def registry_of(*posts: Post) -> Registry:
    registry = Registry()
    for p in posts:
        registry.add(p)
    return registry


def names(posts: list[Post | None] | tuple[Post | None, ...]) -> list[str | None]:
    return [p.docname if p else None for p in posts]


def test_visibility_status() -> None:
    assert Visibility().status(post("a", 5, draft=True)) == DRAFT
    assert Visibility().status(post("a", 5)) is None
    now = Visibility(now=day(5))
    assert now.status(post("a", 6)) == SCHEDULED
    assert now.status(post("a", 5)) is None
    assert now.status(post("a", 4)) is None
    assert now.status(post("a", 9, draft=True)) == DRAFT


def test_newest_first_hides_drafts_and_scheduled_unless_shown() -> None:
    registry = registry_of(post("old", 1), post("new", 3), post("draft", 2, draft=True),
                           post("later", 9))
    assert names(registry.newest_first()) == ["later", "new", "old"]
    registry.configure(Visibility(now=day(5)))
    assert names(registry.newest_first()) == ["new", "old"]
    assert registry.status(registry.posts["later"]) == SCHEDULED
    assert names(registry.published()) == ["new", "old"]
    registry.configure(Visibility(show_drafts=True, now=day(5)))
    assert names(registry.newest_first()) == ["later", "new", "draft", "old"]
    assert names(registry.published()) == ["new", "old"]


def test_same_moment_order_ours_and_ablogs() -> None:
    registry = registry_of(post("b", 1, title="Apple"), post("a", 1, title="Zebra"),
                           post("c", 1, title="Mango"))
    assert names(registry.newest_first()) == ["a", "b", "c"]
    registry.set_conventions(Conventions(ablog=True))
    assert names(registry.newest_first()) == ["a", "c", "b"]
    registry.set_conventions(Conventions())
    assert names(registry.newest_first()) == ["a", "b", "c"]


def test_same_moment_and_title_in_docname_order() -> None:
    """Ours and ABlog's lists both keep posts of the same moment and title in docname
    order; ABlog links them as previous and next from the oldest in docname order too,
    so there the newer of the two is the one listed below."""
    posts = (post("x/d", 2, title="Same"), post("x/e", 2, title="Same"), post("old", 1),
             post("new", 3))
    ours = registry_of(*reversed(posts))
    assert names(ours.newest_first()) == ["new", "x/d", "x/e", "old"]
    assert names(ours.neighbours(ours.posts["x/d"])) == ["x/e", "new"]
    assert names(ours.select(Listing(PostFilter(), oldest_first=True))) == [
        "old", "x/e", "x/d", "new"]
    ablog = registry_of(*reversed(posts))
    ablog.set_conventions(Conventions(ablog=True))
    assert names(ablog.newest_first()) == ["new", "x/d", "x/e", "old"]
    assert names(ablog.neighbours(ablog.posts["x/d"])) == ["old", "x/e"]
    assert names(ablog.neighbours(ablog.posts["x/e"])) == ["x/d", "new"]
    assert names(ablog.select(Listing(PostFilter(), oldest_first=True))) == [
        "old", "x/d", "x/e", "new"]


def test_add_replaces_and_forget_drops() -> None:
    registry = registry_of(post("a", 1), post("b", 2))
    assert names(registry.newest_first()) == ["b", "a"]
    registry.add(post("a", 3))
    assert names(registry.newest_first()) == ["a", "b"]
    registry.add_listing("index", Listing(PostFilter()))
    registry.undated["a"] = "Undated"
    registry.listings["a"] = [Listing(PostFilter())]
    registry.forget("a")
    assert names(registry.newest_first()) == ["b"]
    assert "a" not in registry.listings and "a" not in registry.undated
    assert "index" in registry.listings
    registry.forget("nothing")
    assert names(registry.newest_first()) == ["b"]


def test_merge_takes_only_the_given_documents() -> None:
    mine = registry_of(post("a", 1))
    other = registry_of(post("b", 2), post("c", 3))
    other.listings["b"] = [Listing(PostFilter(), limit=2)]
    other.listings["c"] = [Listing(PostFilter())]
    other.undated["b"] = "Draft B"
    other.undated["c"] = "Draft C"
    mine.merge({"b", "x"}, other)
    assert names(mine.newest_first()) == ["b", "a"]
    assert mine.listings == {"b": [Listing(PostFilter(), limit=2)]}
    assert mine.undated == {"b": "Draft B"}


def test_add_listing_keeps_every_listing_of_a_page() -> None:
    registry = Registry()
    first, second = Listing(PostFilter(), limit=1), Listing(PostFilter(), oldest_first=True)
    registry.add_listing("index", first)
    registry.add_listing("index", second)
    assert registry.listings == {"index": [first, second]}


def test_select_limits_to_the_newest_and_orders() -> None:
    registry = registry_of(*(post(f"p{n}", n, tags=("x",) if n % 2 else ()) for n in range(1, 6)))
    assert names(registry.select(Listing(PostFilter()))) == ["p5", "p4", "p3", "p2", "p1"]
    assert names(registry.select(Listing(PostFilter(), limit=2))) == ["p5", "p4"]
    assert names(registry.select(Listing(PostFilter(), limit=2, oldest_first=True))) == [
        "p4", "p5"]
    assert names(registry.select(Listing(PostFilter(tags=frozenset({"x"}))))) == [
        "p5", "p3", "p1"]


@pytest.mark.parametrize(
    ("post_filter", "expected"),
    [
        (PostFilter(), True),
        (PostFilter(tags=frozenset({"a"})), True),
        (PostFilter(tags=frozenset({"a", "z"})), True),
        (PostFilter(tags=frozenset({"a", "z"}), match_all=True), False),
        (PostFilter(tags=frozenset({"a", "b"}), match_all=True), True),
        (PostFilter(tags=frozenset({"z"})), False),
        (PostFilter(categories=frozenset({"c"})), True),
        (PostFilter(categories=frozenset({"z"})), False),
        (PostFilter(authors=frozenset({"jane"})), True),
        (PostFilter(authors=frozenset({"sam"})), False),
        (PostFilter(years=frozenset({2024})), True),
        (PostFilter(years=frozenset({2023})), False),
        (PostFilter(locations=frozenset({"Paris"})), True),
        (PostFilter(locations=frozenset({"Rome"})), False),
        (PostFilter(languages=frozenset({"fr"})), True),
        (PostFilter(languages=frozenset({"en"})), False),
        (PostFilter(tags=frozenset({"a"}), years=frozenset({2023})), False),
    ],
)
def test_filters(post_filter: PostFilter, expected: bool) -> None:
    candidate = post("p", 1, tags=("a", "b"), categories=("c",), authors=("jane",),
                     locations=("Paris",), languages=("fr",))
    assert post_filter.matches(candidate) is expected


def test_neighbours_are_older_and_newer() -> None:
    registry = registry_of(post("a", 1), post("b", 2), post("c", 3))
    assert names(registry.neighbours(registry.posts["b"])) == ["a", "c"]
    assert names(registry.neighbours(registry.posts["c"])) == ["b", None]
    assert names(registry.neighbours(registry.posts["a"])) == [None, "b"]
    assert names(registry.neighbours(post("elsewhere", 2))) == [None, None]


def test_related_ranks_by_shared_tags_then_closest() -> None:
    registry = registry_of(
        post("me", 5, tags=("a", "b", "c")),
        post("two_old", 1, tags=("a", "b")),
        post("two_new", 2, tags=("b", "c")),
        post("one_newest", 4, tags=("c",)),
        post("none", 3, tags=("z",)),
    )
    me = registry.posts["me"]
    assert names(registry.related(me, 10)) == ["two_new", "two_old", "one_newest"]
    assert names(registry.related(me, 2)) == ["two_new", "two_old"]
    assert names(registry.related(me, 10)) == ["two_new", "two_old", "one_newest"]
    assert registry.related(registry.posts["none"], 5) == []


def test_slugs_cover_shown_posts_only() -> None:
    registry = registry_of(post("a", 1, tags=("C++", "Python"), authors=("jane",)),
                           post("b", 2, tags=("hidden",), draft=True))
    assert registry.slugs("tag") == {"C++": "c", "Python": "python"}
    assert registry.all_slugs() == {"tag:C++": "c", "tag:Python": "python",
                                    "author:jane": "jane", "year:2024": "2024"}


def test_ablog_slugs_use_display_names() -> None:
    registry = registry_of(post("a", 1, authors=("jd",)))
    registry.set_conventions(Conventions(ablog=True, names=(("author", (("jd", "Jane Doé"),)),)))
    assert registry.slugs("author") == {"jd": "jane-doe"}


def test_digests_change_with_what_is_shown() -> None:
    registry = registry_of(post("a", 1, words=100), post("b", 2))
    digest = registry.digest()
    assert len(digest) == 64
    # A word count that rounds to the same reading time is not shown.
    registry.add(post("a", 1, words=110))
    assert registry.digest() == digest
    registry.add(post("a", 1, words=110, title="New title"))
    assert registry.digest() != digest


def test_digest_changes_when_visibility_changes() -> None:
    registry = registry_of(post("a", 1), post("b", 9))
    digest = registry.digest()
    registry.configure(Visibility(now=day(5)))
    assert registry.digest() != digest
    again = registry.digest()
    registry.configure(Visibility(now=day(5)))
    assert registry.digest() == again


def test_pickling_drops_derived_values_and_build_settings() -> None:
    registry = registry_of(post("a", 1), post("b", 9))
    registry.configure(Visibility(now=day(5)))
    registry.set_conventions(Conventions(ablog=True))
    assert names(registry.newest_first()) == ["a"]
    restored = pickle.loads(pickle.dumps(registry))
    assert restored.visibility == Visibility()
    assert restored.conventions == Conventions()
    assert names(restored.newest_first()) == ["b", "a"]
    assert restored.posts == registry.posts


def test_group_by_keeps_input_order() -> None:
    a, b, c = post("a", 3, tags=("x", "y")), post("b", 2, tags=("y",)), post("c", 1)
    assert {k: names(v) for k, v in group_by([a, b, c], lambda p: p.tags).items()} == {
        "x": ["a"], "y": ["a", "b"]}


def test_get_registry_creates_once() -> None:
    env = SimpleNamespace()
    registry = get_registry(env)  # type: ignore[arg-type]
    assert isinstance(registry, Registry)
    assert get_registry(env) is registry  # type: ignore[arg-type]
    assert env.postlog_registry is registry


def test_related_ties_go_to_the_closest_in_date_then_the_newer() -> None:
    registry = registry_of(
        post("me", 5, tags=("a",)),
        post("much_later", 10, tags=("a",)),
        post("two_before", 3, tags=("a",)),
        post("two_after", 7, tags=("a",)),
        post("one_before_other_tag", 4, tags=("b",)),
    )
    me = registry.posts["me"]
    assert names(registry.related(me, 3)) == ["two_after", "two_before", "much_later"]
    assert names(registry.related(me, 1)) == ["two_after"]
    # a new post far in time does not enter an old post's full list
    later = registry_of(*registry.posts.values(), post("newest", 30, tags=("a",)))
    assert names(later.related(later.posts["me"], 3)) == [
        "two_after", "two_before", "much_later"]


def _related_by_definition(registry: Registry, me: Post, limit: int) -> list[str]:
    """Every shown post sharing a tag, ranked whole: most tags shared, then closest in
    date, then newer."""
    order = [p.docname for p in registry.newest_first()]
    shared = {p.docname: len(set(me.tags) & set(p.tags)) for p in registry.newest_first()
              if p.docname != me.docname}
    ranked = sorted((name for name, count in shared.items() if count),
                    key=lambda name: (-shared[name],
                                      abs(registry.posts[name].date - me.date),
                                      order.index(name)))
    return ranked[:limit]


@pytest.mark.parametrize("seed", range(40))
def test_related_is_the_ranking_of_every_post_sharing_a_tag(seed: int) -> None:
    import random

    rng = random.Random(seed)
    tags = [f"t{n}" for n in range(rng.randint(1, 6))]
    posts = [Post(docname=f"p{n}", title=f"P{n}",
                  date=dt.datetime(2024, 1, 1, tzinfo=UTC)
                  + dt.timedelta(hours=rng.randint(0, 40 * 24)),  # some at the same time
                  tags=tuple(rng.sample(tags, rng.randint(0, len(tags)))),
                  draft=rng.random() < 0.1)
             for n in range(rng.randint(1, 60))]
    registry = registry_of(*posts)
    registry.configure(Visibility(show_drafts=seed % 2 == 0))
    for me in posts:
        for limit in (0, 1, 3, 7):
            assert names(registry.related(me, limit)) == _related_by_definition(
                registry, me, limit), (me.docname, limit)


def test_a_hidden_post_has_no_related_posts() -> None:
    registry = registry_of(post("shown", 1, tags=("a",)),
                           post("draft", 2, tags=("a", "only-here"), draft=True))
    assert names(registry.related(registry.posts["draft"], 3)) == ["shown"]


def test_series_parts_go_by_series_order_then_by_date() -> None:
    registry = registry_of(
        post("late-first", 9, series="S", series_order=1),
        post("early-second", 1, series="S", series_order=2),
        post("unnumbered-old", 2, series="S"), post("unnumbered-new", 5, series="S"),
        post("tie-b", 4, series="S", series_order=3), post("tie-a", 3, series="S",
                                                            series_order=3),
        post("other", 6, series="T"), post("alone", 7))
    assert names(registry.series()["S"]) == ["late-first", "early-second", "tie-a", "tie-b",
                                             "unnumbered-old", "unnumbered-new"]
    assert set(registry.series()) == {"S", "T"}
    assert names(registry.series_of(registry.posts["tie-b"]))[0] == "late-first"
    assert registry.series_of(registry.posts["alone"]) == []


def test_drafts_are_no_part_of_their_series() -> None:
    registry = registry_of(post("a", 1, series="S"), post("b", 2, series="S", draft=True))
    registry.configure(Visibility(show_drafts=True, now=day(20)))
    assert names(registry.series()["S"]) == ["a"]
    assert registry.series_of(registry.posts["b"]) == []
    assert "b" in names(registry.newest_first())  # still listed, as drafts are


def test_pinned_first_keeps_the_order_within_pinned_and_others() -> None:
    posts = [post("new", 5), post("pin-new", 4, pinned=True), post("mid", 3),
             post("pin-old", 1, pinned=True)]
    assert names(pinned_first(posts)) == ["pin-new", "pin-old", "new", "mid"]
    plain = [post("a", 2), post("b", 1)]
    assert pinned_first(plain) is plain


def test_the_featured_filter() -> None:
    registry = registry_of(post("star", 1, featured=True), post("plain", 2))
    assert names(registry.select(Listing(PostFilter(featured=True)))) == ["star"]
    assert names(registry.select(Listing(PostFilter()))) == ["plain", "star"]
