"""sphinx-postlog's settings read once: one frozen, typed object made after the checks
at ``config-inited`` (``build_settings``, the last ``config-inited`` handler) and reached
from the application, the environment, a builder or the ``Config`` by ``settings_of``.

The object is kept on the ``Config`` under a private name, which Sphinx leaves out of the
pickled environment (``Config.__getstate__`` drops names starting with ``_``): writer
processes forked for a parallel build have it, and an environment loaded again for an
incremental build is given the new ``Config``, so the pickle does not change between
builds. A blog's settings are the site's with the blog's own values replaced
(``blog_settings``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sphinx_postlog.config_table import SETTINGS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The ``config-inited`` handlers' order (lower runs first); the settings are made last.
PRIORITY = {"check_config": 100, "read_ablog_settings": 110, "check_comments": 120,
            "markdown_only_if_asked": 130, "check_paths": 140, "check_blogs": 150,
            "check_new_post_path": 160, "add_templates": 170, "add_static_files": 180,
            "build_settings": 990}

_ATTRIBUTE = "_postlog_settings"


@dataclass(frozen=True)
class Settings:
    """The checked value of every ``postlog_*`` setting (without the prefix), the Sphinx
    settings sphinx-postlog reads, and values made from them."""

    post_pattern: tuple[str, ...]
    timezone: str
    authors: Mapping[str, Any]
    locations: Mapping[str, Any]
    languages: Mapping[str, Any]
    ablog_compat: bool | None
    url_layout: str | None
    show_drafts: bool
    default_author: str | None
    default_location: str | None
    default_language: str | None
    excerpt_paragraphs: int
    auto_image: int
    redirect_refresh: int
    list_date_format: str | None
    blog_path: str
    blog_title: str
    tags_path: str
    categories_path: str
    authors_path: str
    years_path: str
    locations_path: str
    languages_path: str
    series_path: str
    archives: tuple[str, ...]
    blogs: Mapping[str, Mapping[str, Any]] | None
    archive_page_size: int
    archive_page_order: str
    archive_style: str
    postlist_links: tuple[str, ...] | None
    feed_path: str | None
    feed_length: int | None
    feed_formats: tuple[str, ...]
    feed_id_base: str | None
    feed_subtitle: str | None
    feed_tags: bool
    feed_categories: bool
    feed_archives: bool
    feed_full_content: bool
    feed_title: str | None
    date_format: str | None
    css: bool
    post_meta: bool
    post_details: tuple[str, ...]
    post_cover: bool
    post_navigation: bool
    related_posts: int
    sidebar_terms: int
    post_furniture: str
    comments: Mapping[str, Any] | None
    new_post_path: str
    lint: tuple[str, ...]
    #: Sphinx's settings.
    project: str
    author: str
    language: str
    html_baseurl: str
    today_fmt: str | None
    #: ``html_baseurl`` ending with ``/``, or None if it is not set.
    base_url: str | None
    #: The blog these settings are of ("" for the site's own).
    blog: str = ""

    def value(self, setting: str) -> Any:
        """A setting's value by its full name (``postlog_feed_path``)."""
        return getattr(self, setting.removeprefix("postlog_"))


def _frozen(value: Any) -> Any:
    """Lists as tuples and dictionaries as read-only mappings, all the way down."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    return value


def _text(value: Any) -> str | None:
    """A setting that may be a lazy translation (Sphinx's defaults), as text."""
    return None if value is None else str(value)


def make_settings(config: Config) -> Settings:
    """The settings as ``config`` has them now (checked, when made by ``build_settings``)."""
    own = {setting.name.removeprefix("postlog_"): _frozen(getattr(config, setting.name))
           for setting in SETTINGS}
    base = (getattr(config, "html_baseurl", "") or "").strip()
    return Settings(**own, project=str(config.project or ""),
                    author=str(getattr(config, "author", "") or ""),
                    language=str(getattr(config, "language", "") or "en"),
                    html_baseurl=base, today_fmt=_text(getattr(config, "today_fmt", None)),
                    base_url=(base if base.endswith("/") else base + "/") if base else None)


def build_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``, last (``PRIORITY``): the settings, made once after every check."""
    object.__setattr__(config, _ATTRIBUTE, make_settings(config))


def settings_of(holder: Any) -> Settings:
    """The settings of an application, environment, builder or ``Config`` (made from the
    ``Config`` as it is, and not kept, when ``build_settings`` has not run: unit tests)."""
    config = getattr(holder, "config", holder)
    own = getattr(config, "_own", None)  # a blog's view of the site's Config
    config = getattr(config, "_site", config)
    made = getattr(config, "__dict__", {}).get(_ATTRIBUTE)
    site = made if made is not None else make_settings(config)
    if not own:
        return site
    return dataclasses.replace(site, **{name.removeprefix("postlog_"): _frozen(value)
                                        for name, value in own.items()})


def blog_settings(settings: Settings, blog: Any) -> Settings:
    """One blog's settings: the site's with the blog's own values (a ``blogs.Blog``)."""
    own = {name.removeprefix("postlog_"): _frozen(value) for name, value in blog.values}
    return dataclasses.replace(settings, **own, blog=blog.name) if own or blog.name \
        else settings
