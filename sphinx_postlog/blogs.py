"""Several blogs in one site (``postlog_blogs``): which blog a post is in, and each
blog's settings, seen as the site's settings with the blog's own values over them.

A site without ``postlog_blogs`` has one blog, named ``""``, whose settings are the
site's: everything that asks for "the blog of" a post or a page gets that one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from sphinx_postlog.config import (
    SETTING,
    PostPattern,
    check_paths,
    checked_value,
    config_location,
    new_post_path_problem,
    path_defaults,
)
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.facets import FACETS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The keys of a blog's entry in ``postlog_blogs`` and the settings they stand for.
BLOG_KEYS: dict[str, str] = {
    "path": "postlog_blog_path", "title": "postlog_blog_title",
    "feed_path": "postlog_feed_path", "feed_title": "postlog_feed_title",
    "feed_subtitle": "postlog_feed_subtitle", "feed_formats": "postlog_feed_formats",
    "feed_length": "postlog_feed_length", "feed_tags": "postlog_feed_tags",
    "feed_categories": "postlog_feed_categories", "feed_archives": "postlog_feed_archives",
    "archives": "postlog_archives", "page_size": "postlog_archive_page_size",
    "archive_style": "postlog_archive_style", "new_post_path": "postlog_new_post_path",
    **{facet.path_setting.removeprefix("postlog_"): facet.path_setting for facet in FACETS},
}
KEY_OF = {setting: key for key, setting in BLOG_KEYS.items()}
#: The settings a blog's path changes unless its entry gives them: its folders and feed.
_UNDER_PATH = ("postlog_feed_path", *(facet.path_setting for facet in FACETS))
_NAME = re.compile(r"[A-Za-z0-9_-]+")


class BlogConfig:
    """The site's ``Config`` as one blog sees it: the blog's values over the site's.
    Code that reads settings (``config.postlog_feed_path``, ``config["…"]``) takes it
    wherever it takes a ``Config``."""

    __slots__ = ("_own", "_site")

    def __init__(self, site: Config, own: dict[str, Any]) -> None:
        object.__setattr__(self, "_site", site)
        object.__setattr__(self, "_own", own)

    def __getattr__(self, name: str) -> Any:  # only for names that are no slot
        return self._own[name] if name in self._own else getattr(self._site, name)

    def __getitem__(self, name: str) -> Any:
        return self._own[name] if name in self._own else self._site[name]

    def __setitem__(self, name: str, value: Any) -> None:
        self._own[name] = value

    def __setattr__(self, name: str, value: Any) -> None:
        self._own[name] = value


@dataclass(frozen=True)
class Blog:
    """One blog of the site."""

    #: Its key in ``postlog_blogs`` ("" for a site's one blog).
    name: str
    #: The post patterns of its posts (empty: every post).
    patterns: tuple[str, ...] = ()
    #: Its own values of the settings, by setting name (checked, paths resolved).
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def path(self) -> str:
        """Its folder (its index's), for a blog of ``postlog_blogs``."""
        return str(dict(self.values).get("postlog_blog_path", ""))

    def config(self, site: Config) -> Config:
        """The site's settings as this blog has them."""
        return cast("Config", BlogConfig(site, dict(self.values))) if self.values else site


_BLOGS: WeakKeyDictionary[Any, tuple[Blog, ...]] = WeakKeyDictionary()


def site_blogs(config: Config) -> tuple[Blog, ...]:
    """The site's blogs, in the order of ``postlog_blogs`` (one, named "", without it);
    made once per configuration."""
    site = getattr(config, "_site", config)  # a blog's view: its site's blogs
    try:
        blogs = _BLOGS.get(site)
    except TypeError:  # settings without weak references (a plain namespace)
        return _blogs(site)
    if blogs is None:
        blogs = _BLOGS[site] = _blogs(site)
    return blogs


def _blogs(config: Config) -> tuple[Blog, ...]:
    """The blogs of ``postlog_blogs`` in its checked form (see ``check_blogs``)."""
    declared = getattr(config, "postlog_blogs", None) or {}
    return tuple(Blog(name, tuple(entry["pattern"]), tuple(sorted(
        (key, value) for key, value in entry.items() if key != "pattern")))
        for name, entry in declared.items()) or (Blog(""),)


def several_blogs(config: Config) -> bool:
    """True on a site of more than one blog, whose pages then say which blog they are
    of."""
    return len(site_blogs(config)) > 1


def blog_named(config: Config, name: str) -> Blog:
    """The blog ``name`` (the first blog for a name the site has not)."""
    blogs = site_blogs(config)
    return next((blog for blog in blogs if blog.name == name), blogs[0])


def blog_finder(config: Config, srcdir: str | Path) -> Callable[[str], str]:
    """Which blog a post is in: the first whose patterns its docname or source file
    matches."""
    blogs = site_blogs(config)
    if len(blogs) == 1:
        return lambda docname: blogs[0].name
    tests = [(blog.name, PostPattern.from_config(config, srcdir, list(blog.patterns)))
             for blog in blogs]

    def blog_of(docname: str) -> str:
        return next((name for name, test in tests if test(docname)), blogs[0].name)

    return blog_of


def check_blogs(app: Sphinx, config: Config, output: bool = True) -> None:
    """``config-inited`` (after the site's paths are checked): ``postlog_blogs`` in its
    checked form, ``{name: {"pattern": [...], setting: value, ...}}``, each bad part
    replaced (or a bad blog left out) with one warning; ``postlog_post_pattern`` then
    takes every blog's posts. Without ``output`` (``sphinx-postlog new``), the places of
    archive pages and feeds are not checked."""
    value = config.postlog_blogs
    if not value:
        config.postlog_blogs = None
        return
    where = config_location(app, "postlog_blogs")
    site_patterns = list(config.postlog_post_pattern)
    feed_title = str(config.postlog_feed_title or config.project)
    defaults = path_defaults("ablog" if config.postlog_url_layout == "ablog" else "postlog")
    checked: dict[str, dict[str, Any]] = {}
    paths: dict[str, str] = {}
    for name, entry in value.items():
        label = f"postlog_blogs[{name!r}]"
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            warn(f"{label}: a blog's name must be letters, digits, '-' or '_'; left out",
                 PostlogWarning.CONFIG, location=where)
            continue
        if not isinstance(entry, dict):
            warn(f"{label} = {entry!r} must be a dictionary; left out",
                 PostlogWarning.CONFIG, location=where)
            continue
        own = _checked_entry(label, name, entry, site_patterns, where, defaults)
        own.setdefault("postlog_feed_title", f"{feed_title}: {own['postlog_blog_title']}")
        patterns = own.pop("pattern")
        if output:  # checked in place, through the blog's view of the settings
            check_paths(app, cast("Config", BlogConfig(config, own)),
                        partial(_key_label, label), blog_default=name)
        path = str(own["postlog_blog_path"])
        clash = next((other for other, taken in paths.items()
                      if path == taken or path.startswith(taken + "/")
                      or taken.startswith(path + "/")), None)
        if clash is not None:
            warn(f"{label}: path {path!r} is the place of the blog {clash!r} too; left out",
                 PostlogWarning.CONFIG, location=where)
            continue
        paths[name] = path
        checked[name] = {"pattern": patterns, **own}
    config.postlog_blogs = checked or None
    if checked:
        patterns = [blog["pattern"] for blog in checked.values()]
        config.postlog_post_pattern = ([] if not all(patterns)
                                       else [item for pattern in patterns for item in pattern])


def _key_label(label: str, setting: str) -> str:
    """How warnings name a blog's key: ``postlog_blogs['news']['path']``."""
    return f"{label}[{KEY_OF[setting]!r}]"


def _checked_entry(label: str, name: str, entry: dict[Any, Any], site_patterns: list[str],
                   where: str | None, defaults: dict[str, Any]) -> dict[str, Any]:
    """One blog's entry as settings: each known key checked as its setting is, unknown
    keys left out; folders and feed under the blog's path unless it gives them (the
    layout's ``defaults``)."""
    own: dict[str, Any] = {"pattern": site_patterns}
    for key, value in entry.items():
        if key == "pattern":
            pattern = checked_value(SETTING["postlog_post_pattern"], value)
            own["pattern"] = pattern[0]
            problem = pattern[1]
        elif key in BLOG_KEYS:
            known = SETTING[BLOG_KEYS[key]]
            own[known.name], problem = checked_value(known, value)
            if problem is None and key == "new_post_path":
                problem = new_post_path_problem(value)
                if problem is not None:
                    del own[known.name]  # the site's
                    problem += "; using the site's postlog_new_post_path"
        else:
            problem = (f"is not a blog's setting (known: pattern, "
                       f"{', '.join(BLOG_KEYS)}); left out")
        if problem is not None:
            warn(f"{label}[{key!r}] = {value!r} {problem}", PostlogWarning.CONFIG,
                 location=where)
    own.setdefault("postlog_blog_path", name)
    own.setdefault("postlog_blog_title", name.replace("-", " ").replace("_", " ").title())
    for setting in _UNDER_PATH:
        own.setdefault(setting, defaults[setting])
    return own
