"""The ways posts are grouped into archive pages: by tag, category, author, year,
location, language and series.

Each facet says how to read its terms off a post and which setting names its folder;
everything else (slugs, pages, links, indexes) is the same code for all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class PostTerms(Protocol):
    """What facets read of a post (``read.posts.Post`` has it): its terms and date."""

    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def categories(self) -> tuple[str, ...]: ...
    @property
    def authors(self) -> tuple[str, ...]: ...
    @property
    def date(self) -> dt.datetime: ...
    @property
    def locations(self) -> tuple[str, ...]: ...
    @property
    def languages(self) -> tuple[str, ...]: ...
    @property
    def series(self) -> str: ...

TAG, CATEGORY, AUTHOR, YEAR = "tag", "category", "author", "year"
LOCATION, LANGUAGE, SERIES = "location", "language", "series"


@dataclass(frozen=True)
class Facet:
    """One way of grouping posts."""

    kind: str
    terms_of: Callable[[PostTerms], tuple[str, ...]]
    #: The configuration value naming the folder of its pages.
    path_setting: str
    #: Pages (and index) only when some post has such a term; others always have an
    #: index ("No posts yet").
    optional: bool = False


FACETS: tuple[Facet, ...] = (
    Facet(TAG, lambda post: post.tags, "postlog_tags_path"),
    Facet(CATEGORY, lambda post: post.categories, "postlog_categories_path"),
    Facet(AUTHOR, lambda post: post.authors, "postlog_authors_path"),
    Facet(YEAR, lambda post: (str(post.date.year),), "postlog_years_path"),
    Facet(LOCATION, lambda post: post.locations, "postlog_locations_path", optional=True),
    Facet(LANGUAGE, lambda post: post.languages, "postlog_languages_path", optional=True),
    Facet(SERIES, lambda post: (post.series,) if post.series else (), "postlog_series_path",
          optional=True),
)
FACET = {facet.kind: facet for facet in FACETS}
