"""The post registry: every post of the site, kept in the build environment.

Plain data keyed by docname, so it pickles with the environment and merges across
parallel readers. Queries are single passes over the posts.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sphinx_postlog.facets import FACET, FACETS, SERIES
from sphinx_postlog.read.posts import Post
from sphinx_postlog.read.schedule import Visibility
from sphinx_postlog.read.slugs import Conventions

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

_ENV_ATTRIBUTE = "postlog_registry"

T = TypeVar("T")


@dataclass
class Registry:
    """Posts by docname, and the pages whose output depends on them."""

    posts: dict[str, Post] = field(default_factory=dict)
    #: The post lists of each document that holds some.
    listings: dict[str, list[Listing]] = field(default_factory=dict)
    #: ABlog posts without a date (drafts) that were read (postlog_show_drafts): their
    #: titles, by docname.
    undated: dict[str, str] = field(default_factory=dict)
    #: Pages this build does not publish (drafts, scheduled posts), and why; worked out
    #: anew by every build before reading (see ``publication``).
    unpublished: dict[str, str] = field(default_factory=dict)
    #: The labels this build gave posts in Sphinx's standard domain, and their posts
    #: (see ``labels``).
    labels: dict[str, str] = field(default_factory=dict)
    #: What the cross-references of excerpts were last resolved with and when (see
    #: ``excerpt_links``), and for each post what they depend on: the paths they lead
    #: to, and whether one of them is unresolved.
    excerpt_links_key: str = ""
    excerpt_links_time: int = 0
    excerpt_targets: dict[str, tuple[frozenset[str], bool]] = field(default_factory=dict)

    #: Values derived from ``posts`` (sorted list, slugs, digest), computed once per
    #: change of the posts; not pickled.
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: Set for each build (``configure``); not pickled.
    visibility: Visibility = field(default_factory=Visibility, repr=False, compare=False)
    conventions: Conventions = field(default_factory=Conventions, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_derived": {}, "visibility": Visibility(),
                "conventions": Conventions()}

    def configure(self, visibility: Visibility) -> None:
        """Decide which posts this build shows."""
        if visibility != self.visibility:
            self.visibility = visibility
            self._derived.clear()

    def set_conventions(self, conventions: Conventions) -> None:
        """Decide how this build names the files of terms."""
        if conventions != self.conventions:
            self.conventions = conventions
            self._derived.clear()

    def status(self, post: Post) -> str | None:
        """``draft``, ``scheduled`` or None (published), for this build."""
        return self.visibility.status(post)

    def _cached(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, made once until the posts or the build's rules change."""
        if name not in self._derived:
            self._derived[name] = compute()
        return cast(T, self._derived[name])

    def of_blog(self, name: str) -> Registry:
        """The posts of one blog (``postlog_blogs``) as a registry of their own, for the
        pages, lists and feeds of that blog; the whole registry when every post is in
        it (a site of one blog). Made once until the posts or the build's rules change."""
        def compute() -> Registry:
            posts = {docname: post for docname, post in self.posts.items()
                     if post.blog == name}
            if len(posts) == len(self.posts):
                return self
            blog = Registry(posts, self.listings, self.undated, self.unpublished,
                            self.labels)
            blog.visibility, blog.conventions = self.visibility, self.conventions
            return blog
        return self._cached(f"blog:{name}", compute)

    def add(self, post: Post) -> None:
        """Register ``post`` (replacing an older record of the same page)."""
        self.posts[post.docname] = post
        self._derived.clear()

    def forget(self, docname: str) -> None:
        """Drop everything known about ``docname`` (before it is re-read or removed)."""
        if self.posts.pop(docname, None) is not None:
            self._derived.clear()
        self.listings.pop(docname, None)
        self.undated.pop(docname, None)
        self.excerpt_targets.pop(docname, None)

    def merge(self, docnames: Collection[str], other: Registry) -> None:
        """Take over what a parallel reader learnt about ``docnames``."""
        for docname in docnames:
            if docname in other.posts:
                self.add(other.posts[docname])
            if docname in other.listings:
                self.listings[docname] = other.listings[docname]
            if docname in other.undated:
                self.undated[docname] = other.undated[docname]

    def add_listing(self, docname: str, listing: Listing) -> None:
        """Note that ``docname`` shows ``listing``."""
        self.listings.setdefault(docname, []).append(listing)

    def select(self, listing: Listing) -> list[Post]:
        """The posts a listing shows: the newest (``limit`` of them), newest first or
        oldest first."""
        posts = [post for post in self.newest_first() if listing.filter.matches(post)]
        posts = posts[: listing.limit] if listing.limit else posts
        if not listing.oldest_first:
            return posts
        if self.conventions.ablog:  # ABlog sorts them again: posts that tie stay put
            return sorted(posts, key=_moment_and_title)
        return posts[::-1]

    def newest_first(self) -> list[Post]:
        """The posts lists show, newest first: published ones, and drafts and scheduled
        ones too with ``postlog_show_drafts`` (do not modify the list: it is shared)."""
        show_all = self.visibility.show_drafts
        shown = (post for post in self.posts.values() if show_all or self.status(post) is None)
        if self.conventions.ablog:
            # ABlog's order: by date and title, Z to A, in a stable sort of the posts
            # in the order it read them (docname order), so that posts of the same
            # moment and title stay in docname order
            return self._cached("newest_first", lambda: sorted(
                sorted(shown, key=lambda post: post.docname), key=_moment_and_title,
                reverse=True))
        return self._cached(
            "newest_first", lambda: sorted(shown, key=lambda post: post.sort_key))

    def shown(self, docname: str) -> Post | None:
        """The post of ``docname`` if lists show it (so it has a page), else None."""
        return self.posts[docname] if docname in self._order() else None

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """A value a later stage works out from the posts (``compute()``), made once
        until the posts or the build's rules change."""
        return self._cached(f"derived:{name}", compute)

    def published(self) -> list[Post]:
        """Published posts only, newest first: what feeds carry."""
        return self._cached(
            "published",
            lambda: [post for post in self.newest_first() if self.status(post) is None])

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """The (older, newer) posts next to ``post`` (in the lists' order but for ABlog's
        posts of the same moment and title, see ``_chain``); None at either end or for a
        post lists do not show."""
        index = self._chain_order().get(post.docname)
        if index is None:
            return None, None
        chain = self._chain()
        older = chain[index - 1] if index > 0 else None
        newer = chain[index + 1] if index + 1 < len(chain) else None
        return older, newer

    def _chain(self) -> list[Post]:
        """The shown posts from the oldest, as posts link to their older and newer
        neighbours: the lists' order turned round; on ABlog sites, ABlog's sort from
        the oldest, where posts of the same moment and title go in docname order, as in
        its lists (so of two such posts the newer is the one listed below)."""
        if self.conventions.ablog:
            return self._cached("chain", lambda: sorted(
                self.newest_first(), key=lambda post: (*_moment_and_title(post),
                                                       post.docname)))
        return self._cached("chain", lambda: self.newest_first()[::-1])

    def _chain_order(self) -> dict[str, int]:
        """Each shown post's place in ``_chain``."""
        return self._cached(
            "chain_order", lambda: {p.docname: i for i, p in enumerate(self._chain())})

    def _order(self) -> dict[str, int]:
        """Each shown post's place in ``newest_first``."""
        return self._cached(
            "order", lambda: {p.docname: i for i, p in enumerate(self.newest_first())})

    def related(self, post: Post, limit: int) -> list[Post]:
        """Up to ``limit`` other shown posts sharing the most tags with ``post``, then the
        closest to it in date (the newer of two as close); posts sharing no tag are not
        related. Computed once per post.

        Closeness, not recency, breaks ties so that a new post joins the related lists of
        the posts written about the same time, not those of every post sharing a tag."""
        return self._cached(f"related:{limit}:{post.docname}",
                            lambda: self._related(post, limit))

    def _related(self, post: Post, limit: int) -> list[Post]:
        """Posts sharing two tags or more (found from the lists of each two tags) are
        few and ranked whole. Among those sharing one, the closest in date are found by
        walking each tag's list outwards from the post's date: about ``limit`` steps
        however long the lists are. Ranking every post sharing a tag made the footers of
        a site cost the square of its posts (30 s at 10,000 posts)."""
        if limit <= 0 or not post.tags:
            return []
        by_tag = self._by_tag()
        order, date = self._order(), post.date.timestamp()
        tags = [tag for tag in dict.fromkeys(post.tags) if tag in by_tag]
        # a post sharing n tags is in n·(n-1)/2 of the lists of pairs
        in_pairs = Counter(chain.from_iterable(self._by_pair().get(pair, ())
                                               for pair in _pairs(tags)))
        in_pairs.pop(post.docname, None)
        times = self._times()
        ranked = heapq.nsmallest(limit, in_pairs, key=lambda name: (
            -in_pairs[name], abs(times[name] - date), order[name]))
        if len(ranked) < limit:
            skip = {post.docname, *in_pairs}
            ranked += _closest((by_tag[tag] for tag in tags), date, limit - len(ranked),
                               skip, order)
        return [self.posts[name] for name in ranked]

    def _by_pair(self) -> dict[tuple[str, str], list[str]]:
        """The shown posts of every two tags posts have together."""
        def compute() -> dict[tuple[str, str], list[str]]:
            pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
            for post in self.newest_first():
                for pair in _pairs(post.tags):
                    pairs[pair].append(post.docname)
            return pairs
        return self._cached("by_pair", compute)

    def _by_tag(self) -> dict[str, _TagPosts]:
        def compute() -> dict[str, _TagPosts]:
            times = self._times()
            return {tag: _TagPosts(posts, times) for tag, posts in
                    group_by(self.newest_first(), lambda p: p.tags).items()}
        return self._cached("by_tag", compute)

    def _times(self) -> dict[str, float]:
        """Each shown post's time as a number, for distances in time."""
        return self._cached("times", lambda: {post.docname: post.date.timestamp()
                                              for post in self.newest_first()})

    def series(self) -> dict[str, list[Post]]:
        """The published posts of every series, in series order: by ``series_order``
        (posts that give one first), then by date, oldest first. Drafts and scheduled
        posts are no part (not even with ``postlog_show_drafts``)."""
        def compute() -> dict[str, list[Post]]:
            groups = group_by(self.published(), FACET[SERIES].terms_of)
            return {name: sorted(posts, key=series_key) for name, posts in groups.items()}
        return self._cached("series", compute)

    def series_of(self, post: Post) -> list[Post]:
        """The parts of ``post``'s series, ``post`` among them ([] when it is in none,
        or is not published)."""
        parts = self.series().get(post.series, []) if post.series else []
        return parts if any(part.docname == post.docname for part in parts) else []

    def footer_related(self, post: Post, limit: int, navigation: bool = True
                       ) -> list[Post]:
        """The related posts a post's page shows: with ``navigation``, those that are
        not its newer or older post, which the page links already (a post's neighbours
        are often its closest relatives)."""
        if limit <= 0:
            return []
        shown = {other.docname for other in self.neighbours(post)
                 if navigation and other is not None}
        ranked = self.related(post, limit + len(shown))
        return [other for other in ranked if other.docname not in shown][:limit]

    def slugs(self, kind: str) -> dict[str, str]:
        """A unique file-name slug for every term of a facet (``tag``, ``author`` …) of
        the posts lists show (computed once per change)."""
        terms_of = FACET[kind].terms_of
        return self._cached(
            f"slugs:{kind}",
            lambda: self.conventions.slugs(
                kind, (term for post in self.newest_first() for term in terms_of(post))))

    def all_slugs(self) -> dict[str, str]:
        """Every facet's slugs in one map, keyed ``<kind>:<term>`` (do not modify it: it
        is shared)."""
        return self._cached("all_slugs", lambda: {
            slug_key(facet.kind, term): slug
            for facet in FACETS for term, slug in self.slugs(facet.kind).items()})

    def digest(self) -> str:
        """A fingerprint of everything listings, archives and feeds show."""
        return self._cached(
            "digest",
            lambda: hashlib.sha256(repr([(post.shown_key, self.status(post))
                                         for post in self.newest_first()]).encode("utf-8")
                                   ).hexdigest())


def series_key(post: Post) -> tuple[bool, int, float, str]:
    """A post's place in its series: posts with a ``series_order`` first, in that
    order; then by date, oldest first (and by docname, for posts of one moment)."""
    order = post.series_order
    return (order is None, order or 0, post.date.timestamp(), post.docname)


def pinned_first(posts: list[Post]) -> list[Post]:
    """``posts`` (newest first) with the pinned ones first, newest first among them:
    the order of the blog index and of tag and category pages."""
    pinned = [post for post in posts if post.pinned]
    if not pinned:
        return posts
    return pinned + [post for post in posts if not post.pinned]


def _moment_and_title(post: Post) -> tuple[float, str]:
    """What ABlog sorts posts by (its ``Post.__lt__``): their date, then their title."""
    return (post.date.timestamp(), post.title)


def slug_key(kind: str, term: str) -> str:
    """A term's key in ``Registry.all_slugs``: ``<kind>:<term>``."""
    return f"{kind}:{term}"


def slug_keys(post: Post) -> list[str]:
    """The ``all_slugs`` keys of every term of ``post`` (the pages it links to)."""
    return [slug_key(facet.kind, term) for facet in FACETS for term in facet.terms_of(post)]


def group_by(posts: Iterable[Post], keys: Callable[[Post], Iterable[str]]) -> dict[str, list[Post]]:
    """Posts under each of their keys (tags, categories …), keeping the input order."""
    groups: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for key in keys(post):
            groups[key].append(post)
    return dict(groups)


@dataclass(frozen=True)
class Listing:
    """One post list on a page: which posts, how many at most (0: all; the newest), and
    in which order."""

    filter: PostFilter
    limit: int = 0
    oldest_first: bool = False


@dataclass(frozen=True)
class PostFilter:
    """Which posts a list shows: any of the given values per field (every one, with
    ``match_all``, as ABlog filters), all fields at once."""

    tags: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    authors: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    locations: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    #: Featured posts only (``:featured:``).
    featured: bool = False
    #: Posts of these blogs only (``:blog:``; see ``postlog_blogs``).
    blogs: frozenset[str] = frozenset()
    match_all: bool = False

    def matches(self, post: Post) -> bool:
        """True if ``post`` passes every filter that is set."""
        return (
            self._has(self.tags, post.tags)
            and self._has(self.categories, post.categories)
            and self._has(self.authors, post.authors)
            and (not self.years or post.date.year in self.years)
            and self._has(self.locations, post.locations)
            and self._has(self.languages, post.languages)
            and (post.featured or not self.featured)
            and (not self.blogs or post.blog in self.blogs)
        )

    def _has(self, wanted: frozenset[str], values: tuple[str, ...]) -> bool:
        if not wanted:
            return True
        return wanted.issubset(values) if self.match_all else not wanted.isdisjoint(values)


def get_registry(env: BuildEnvironment) -> Registry:
    """The registry stored in ``env``, created on first use."""
    registry = getattr(env, _ENV_ATTRIBUTE, None)
    if registry is None:
        registry = Registry()
        setattr(env, _ENV_ATTRIBUTE, registry)
    return registry


def _pairs(tags: Iterable[str]) -> list[tuple[str, str]]:
    """Every two of ``tags``, each pair in one order."""
    unique = sorted(set(tags))
    return [(a, b) for index, a in enumerate(unique) for b in unique[index + 1:]]


class _TagPosts:
    """The shown posts of one tag, newest first, with what ``related`` looks up."""

    __slots__ = ("posts", "times")

    def __init__(self, posts: list[Post], times: dict[str, float]) -> None:
        self.posts = posts
        #: Minus each post's time, so that the list is in ascending order for bisect.
        self.times = [-times[post.docname] for post in posts]


def _closest(lists: Iterable[_TagPosts], time: float, wanted: int, skip: set[str],
             order: dict[str, int]) -> list[str]:
    """Up to ``wanted`` docnames from ``lists``, not in ``skip``, the closest to ``time``
    first (the newer of two as close): each list is walked from ``time`` outwards, older
    and newer, the nearest step of all lists taken first."""
    walks = list(lists)
    heap: list[tuple[float, int, int, int, int]] = []

    def push_run(walk: int, index: int, step: int) -> None:
        """Push the posts from ``index`` on that share its time (all as close, ranked by
        recency in the heap); the last of them pushes the next run when taken."""
        tag_posts = walks[walk]
        if not 0 <= index < len(tag_posts.posts):
            return
        distance = abs(-tag_posts.times[index] - time)
        while True:
            after = index + step
            last = not (0 <= after < len(tag_posts.posts)
                        and tag_posts.times[after] == tag_posts.times[index])
            heapq.heappush(heap, (distance, order[tag_posts.posts[index].docname], walk,
                                  index, step if last else 0))
            if last:
                return
            index = after

    for walk, tag_posts in enumerate(walks):
        start = bisect.bisect_left(tag_posts.times, -time)
        push_run(walk, start - 1, -1)  # newer
        push_run(walk, start, 1)  # older (or as old)
    found: list[str] = []
    seen = set(skip)
    while heap and len(found) < wanted:
        _, _, walk, index, step = heapq.heappop(heap)
        name = walks[walk].posts[index].docname
        if name not in seen:
            seen.add(name)
            found.append(name)
        if step:
            push_run(walk, index + step, step)
    return found
