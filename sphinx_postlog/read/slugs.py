"""Map names (tags, categories) to safe, unique, stable file names.

A slug is lower case, so names that differ only by case (``Python``/``python``) never
share a file on a case-insensitive file system; it keeps unicode letters; it can never
contain a path separator or be ``.``/``..``. Names whose simple slugs collide
(``C++``/``C#``) each get a short hash of the exact name appended, but one: the name
that is its own slug (``c``), or, as ABlog has it, the name that sorts last (ABlog writes
the pages of a facet's terms in sorted order, each over the one before it, so the last
one is what its URL shows).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_NOT_SLUG = re.compile(r"[^\w]+")
_MAX_LENGTH = 60
# Names Windows refuses as file names whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)


def name_hash(name: str, length: int = 8) -> str:
    """Hex digits that identify ``name`` exactly."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:length]


def shortened(slug: str) -> str:
    """``slug`` cut to a length any file system takes for a file name, without a
    ``-`` at its end."""
    return slug[:_MAX_LENGTH].strip("-")


def simple_slug(name: str) -> str:
    """Lower-case words of ``name`` joined by ``-``; never empty, reserved or a path."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    slug = _NOT_SLUG.sub("-", folded).replace("_", "-")
    slug = shortened(re.sub(r"-{2,}", "-", slug).strip("-"))
    if not slug or slug in _RESERVED:
        slug = f"{slug}-{name_hash(name)}" if slug else name_hash(name)
    return slug


_ABLOG_DROPPED = re.compile(r"[^\w\s-]")
_ABLOG_JOINED = re.compile(r"[-\s]+")


def ablog_slug(name: str) -> str:
    """ABlog's slug: accents dropped, other characters that are not letters, digits,
    ``_``, ``-`` or spaces removed, lower case, runs of spaces and ``-`` made one ``-``
    (``Sébastien Piluso`` → ``sebastien-piluso``). Where that would be empty or a name
    Windows refuses, the simple slug instead."""
    text = _ABLOG_DROPPED.sub("", unicodedata.normalize("NFKD", name)).strip().lower()
    slug = _ABLOG_JOINED.sub("-", text)
    return slug if slug.strip("-_") and slug not in _RESERVED else simple_slug(name)


def assign_slugs(names: Iterable[str],
                 slug_of: Callable[[str], str] = simple_slug,
                 *, last_keeps: bool = False) -> dict[str, str]:
    """A slug for each distinct name, unique among them.

    A name keeps its slug (``slug_of``) unless another name shares it; then one of them
    keeps it and the others get ``<slug>-<hash>``: the name that is exactly its own
    slug, or with ``last_keeps`` (ABlog's rule) the name that sorts last
    (``GuayaHack`` before ``@guayahack``). The result depends only on the set of names,
    not on their order.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(set(names)):
        groups[slug_of(name)].append(name)
    slugs: dict[str, str] = {}
    for base, members in groups.items():
        keeper = members[-1] if last_keeps else base
        for name in members:
            keeps_base = len(members) == 1 or name == keeper
            slugs[name] = base if keeps_base else f"{base}-{name_hash(name)}"
    taken = Counter(slugs.values())
    for name, slug in slugs.items():
        if taken[slug] > 1 and slug != name:  # a hashed slug met a name spelt like it
            slugs[name] = f"{simple_slug(name)}-{name_hash(name, 32)}"
    return slugs


@dataclass(frozen=True)
class Conventions:
    """How a site names the files of its terms and orders posts of the same moment:
    ours (simple slugs, a name that is its own slug keeping it; by docname), or ABlog's
    (its slugs of the names readers see, so an author's page is named after the
    author's full name, the term that sorts last keeping a slug terms share; by title,
    Z to A, then by docname)."""

    ablog: bool = False
    #: (kind, ((term, display name), ...)) for terms shown by another name (authors …).
    names: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def file_slug(self, name: str) -> str:
        """The slug of ``name`` for a file of its own (a new post's), short enough for
        any file system."""
        if not self.ablog:
            return simple_slug(name)
        return shortened(ablog_slug(name)) or simple_slug(name)

    def slugs(self, kind: str, terms: Iterable[str]) -> dict[str, str]:
        """A unique slug for each term of facet ``kind``."""
        if not self.ablog:
            return assign_slugs(terms)
        display = dict(dict(self.names).get(kind, ()))
        return assign_slugs(terms, lambda term: ablog_slug(display.get(term, term)),
                            last_keeps=True)
