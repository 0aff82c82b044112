"""A generated page before it is made: what the archive writer plans and the record of
rewrites compares, so that neither needs the other's module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: A page as Sphinx's ``html-collect-pages`` takes it: (page name, context, template).
Page = tuple[str, dict[str, Any], str]


@dataclass(frozen=True)
class PlannedPage:
    """An archive page before it is made: its name, what its content depends on
    (``inputs``, cheap to work out and stable across builds) and how to make it. Only the
    pages whose inputs changed since the last build are made (see ``record.rewrites``)."""

    name: str
    inputs: str
    make: Callable[[], Page]
