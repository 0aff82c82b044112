"""Jinja rendering of generated page bodies, overridable from ``templates_path``.

A separate environment with autoescaping on: a tag or title can never inject markup,
whatever a user's override forgets. Users override ``postlog/<name>.html`` by putting a
file of that name in one of their ``templates_path`` folders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from sphinx_postlog.config import PACKAGE_TEMPLATES
from sphinx_postlog.normalise import strings_in

if TYPE_CHECKING:
    from sphinx.config import Config

#: The macros every template imports (without context: one module per environment).
MACROS = "postlog/macros.html"
#: Templates that show a post's own page, not the blog around it.
_PAGE_ONLY = frozenset({"postlog/post-details.html", "ablog/postcard.html"})
#: ABlog's templates of one post's page or of archive pages only.
_ABLOG_PAGE_ONLY = frozenset({"postcard.html", "postcard2.html", "postnavy.html",
                              "collection.html", "catalog.html", "redirect.html"})
#: A site template reading the blog: ours (``postlog_site``) or ABlog's (``ablog``).
_READS_THE_BLOG = re.compile(r"\bpostlog_site\b|\bablog\s*(?:\.|\[|\bis\b)")


class Renderer:
    """Renders ``postlog/*.html`` fragments; user templates come first."""

    def __init__(self, confdir: str | Path, templates_path: list[str],
                 shared: dict[str, Any] | None = None, cache: Path | None = None) -> None:
        """``shared``: what every template sees, including macros imported without
        context (whose module Jinja then makes once, not on every page): the labels
        and helper functions. ``cache``: a folder to keep the compiled templates in, so
        that a build after the first does not compile them again (they are recompiled
        when they change)."""
        search_path = [Path(confdir) / path for path in templates_path]
        if PACKAGE_TEMPLATES not in search_path:
            search_path.append(PACKAGE_TEMPLATES)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(path) for path in search_path]),
            bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache else None,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # templates do not change during a build
        )
        self.environment.globals.update(shared or {}, list_item=self._list_item)
        self._items: dict[tuple[Any, ...], tuple[object, bytes]] | None = None

    def load(self, *templates: str) -> None:
        """Compile ``templates`` and make the macros module now: with ``-j``, Sphinx
        writes pages in processes it forks from this one, which then find them ready
        instead of each making its own."""
        for name in templates:
            self.environment.get_template(name)
        self.environment.get_template(MACROS).module  # noqa: B018 (made once, kept)

    def render(self, template: str, **context: Any) -> str:
        """The HTML of ``template`` with ``context``."""
        return self.environment.get_template(template).render(**context)

    @contextmanager
    def remembering_items(self) -> Iterator[None]:
        """Within this, a list item is made once per post view and arguments: archive
        pages share their posts' views (see ``LinkSlots``), and each post is on several
        pages. A macro sees only its arguments and the shared globals, so the same
        arguments make the same HTML."""
        self._items = {}
        try:
            yield
        finally:
            self._items = None

    def _list_item(self, macro: Callable[..., str], post: object, *arguments: Any) -> Markup:
        """``list_item(macro, post, …)`` in templates: ``macro(post, …)``, remembered
        while ``remembering_items`` (as UTF-8, half the memory of the text)."""
        items = self._items
        if items is None:
            return Markup(macro(post, *arguments))
        key = (macro, id(post), *arguments)
        try:
            known = items.get(key)
        except TypeError:  # an argument that cannot be a key (a list)
            return Markup(macro(post, *arguments))
        if known is None:
            html = Markup(macro(post, *arguments))
            # Keeping the post keeps its id from being another object's meanwhile.
            items[key] = (post, html.encode("utf-8"))
            return html
        return Markup(known[1].decode("utf-8"))


def pages_show_the_blog(config: Config, confdir: str | Path) -> bool:
    """Whether every HTML page shows the blog around its text: sidebars of recent posts
    or terms (ours or ABlog's names, in ``html_sidebars`` or the theme's options), or the
    site's own templates using ``postlog_site`` or ABlog's ``ablog`` (a layout, a
    sidebar). Then a new post, a new title or a new tag changes every page, not only
    those listing the post."""
    for name in strings_in([config.html_sidebars, config.html_theme_options]):
        if name.startswith(("postlog/", "ablog/")) and name not in _PAGE_ONLY:
            return True
    for folder in config.templates_path:
        root = Path(confdir) / folder
        if root == PACKAGE_TEMPLATES or not root.is_dir():  # ours use it only in sidebars
            continue
        for path in sorted(root.rglob("*.html")):
            if path.parent.name == "ablog" and path.name in _ABLOG_PAGE_ONLY:
                continue
            if _READS_THE_BLOG.search(path.read_text(encoding="utf-8", errors="replace")):
                return True
    return False
