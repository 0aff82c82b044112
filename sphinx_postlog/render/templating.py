"""Jinja rendering of generated page bodies, overridable from ``templates_path``.

A separate environment with autoescaping on: a tag or title can never inject markup,
whatever a user's override forgets. Users override ``postlog/<name>.html`` by putting a
file of that name in one of their ``templates_path`` folders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from sphinx_postlog.config import PACKAGE_TEMPLATES


class Renderer:
    """Renders ``postlog/*.html`` fragments; user templates come first."""

    def __init__(self, confdir: str | Path, templates_path: list[str],
                 functions: dict[str, Callable[..., Any]] | None = None) -> None:
        search_path = [Path(confdir) / path for path in templates_path]
        if PACKAGE_TEMPLATES not in search_path:
            search_path.append(PACKAGE_TEMPLATES)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(path) for path in search_path]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        self.environment.globals.update(functions or {})

    def render(self, template: str, **context: Any) -> str:
        """The HTML of ``template`` with ``context``."""
        return self.environment.get_template(template).render(**context)
