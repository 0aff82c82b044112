"""Authors named in ``postlog_authors``: key → name (and home page).

Front matter may name an author by key or by full name; both mean the same author, so
posts are filed under the key and shown with the name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Author:
    """One known author."""

    key: str
    name: str
    homepage: str | None = None


class AuthorBook:
    """The authors of ``postlog_authors``; unknown authors are their own name."""

    def __init__(self, entries: Mapping[str, object]) -> None:
        self.by_key: dict[str, Author] = {}
        for key, entry in entries.items():
            if isinstance(entry, Mapping) and entry.get("name"):
                homepage = entry.get("url")
                author = Author(str(key), str(entry["name"]), str(homepage) if homepage else None)
            else:
                author = Author(str(key), str(entry) if entry else str(key))
            self.by_key[author.key] = author
        self._by_name = {author.name.casefold(): author.key for author in self.by_key.values()}

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def key(self, name_or_key: str) -> str:
        """The key a known author is filed under, whether named by key or by name;
        anyone else is filed under the name as written."""
        if name_or_key in self.by_key:
            return name_or_key
        return self._by_name.get(name_or_key.casefold(), name_or_key)

    def get(self, key: str) -> Author:
        """The author filed under ``key``."""
        return self.by_key.get(key) or Author(key, key)
