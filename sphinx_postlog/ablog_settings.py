"""ABlog's settings, read as sphinx-postlog's own.

An ABlog blog should build after replacing ``ablog`` with ``sphinx_postlog`` in
``extensions``. ABlog's settings that have an equivalent are read as it (unless the
``postlog_*`` setting is also given); every other one gets one warning naming what to do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sphinx_postlog.comments import SETTING_NAME
from sphinx_postlog.config import (
    ABLOG_PATHS,
    SETTING,
    SETTINGS,
    checked_value,
    config_location,
)
from sphinx_postlog.diagnostics import PostlogWarning, logger, warn
from sphinx_postlog.normalise import strings_in

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _people(value: Any) -> dict[str, Any]:
    """ABlog's ``{key: (name, url)}`` as ``postlog_authors``' ``{key: {name, url}}``."""
    people: dict[str, Any] = {}
    for key, entry in dict(value).items():
        if isinstance(entry, (tuple, list)) and entry:
            people[key] = {"name": entry[0], "url": entry[1] if len(entry) > 1 else None}
        else:
            people[key] = entry
    return people


def _patterns(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _first(value: Any) -> Any:
    """ABlog's ``blog_default_*`` may be a list; the first one is used."""
    if isinstance(value, (list, tuple)):
        return str(value[0]) if value else None
    return None if value is None else str(value)


#: Every setting ABlog 0.11 declares.
ABLOG_SETTINGS = frozenset({
    "blog_archive_titles", "blog_authors", "blog_baseurl", "blog_default_author",
    "blog_default_language", "blog_default_location", "blog_feed_archives",
    "blog_feed_fulltext", "blog_feed_length", "blog_feed_subtitle", "blog_feed_templates",
    "blog_feed_titles", "blog_languages", "blog_locations", "blog_path", "blog_post_pattern",
    "blog_title", "disqus_drafts", "disqus_pages", "disqus_shortname",
    "fontawesome_css_file", "fontawesome_included", "fontawesome_link_cdn",
    "post_always_section", "post_auto_excerpt", "post_auto_image", "post_auto_orphan",
    "post_date_format", "post_date_format_short", "post_redirect_refresh",
    "post_show_prev_next", "skip_injecting_base_ablog_templates",
})
#: ABlog's defaults of its settings (``ablog/blog.py``), which a site's own code reads
#: as ``app.config.blog_path`` and so on.
ABLOG_CONFIG_DEFAULTS: dict[str, Any] = {
    "blog_archive_titles": None, "blog_authors": {}, "blog_baseurl": "",
    "blog_default_author": None, "blog_default_language": None,
    "blog_default_location": None, "blog_feed_archives": False, "blog_feed_fulltext": False,
    "blog_feed_length": None, "blog_feed_subtitle": None,
    "blog_feed_templates": {"atom": {}}, "blog_feed_titles": None, "blog_languages": {},
    "blog_locations": {}, "blog_path": "blog", "blog_post_pattern": [], "blog_title": "Blog",
    "disqus_drafts": False, "disqus_pages": False, "disqus_shortname": None,
    "fontawesome_css_file": "", "fontawesome_included": False, "fontawesome_link_cdn": None,
    "post_always_section": False, "post_auto_excerpt": 1, "post_auto_image": 0,
    "post_auto_orphan": True, "post_date_format_short": "%d %B",
    "post_date_format": "%d %B %Y", "post_redirect_refresh": 5, "post_show_prev_next": True,
    "skip_injecting_base_ablog_templates": False,
}
#: Any value a setting of ABlog's may have: they are checked when read (as ours).
_ANY_VALUE = frozenset({str, int, float, bool, list, tuple, dict, type(None)})


def register_ablog_config(app: Sphinx) -> None:
    """ABlog's settings as configuration values, so that a site's own code that reads
    them (``app.config.blog_path``, in an extension that post-processes ABlog's feed)
    still runs; what they do is taken over in ``read_ablog_settings``. A setting that
    ABlog itself registered (both loaded) is left as it is."""
    for name, default in ABLOG_CONFIG_DEFAULTS.items():
        if name not in app.config:
            app.add_config_value(name, default, "", types=_ANY_VALUE)


def warn_if_ablog_code_runs(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: one warning when the site's code made ABlog's ``Blog`` for
    this build while ABlog is not loaded (``from ablog.blog import Blog; Blog(app)``): it
    knows none of the posts (``Blog(app).posts`` is empty), so what the code shows is
    quietly empty. ``sphinx_postlog.api`` has the posts. (A ``Blog`` made while pages
    are written in parallel, in the writing processes, is not seen.)"""
    module = sys.modules.get("ablog.blog")
    if exception is not None or module is None or "ablog" in app.extensions:
        return
    state = getattr(getattr(module, "Blog", None), "_dict", None)
    if isinstance(state, dict) and state.get("app") is app:
        warn("the site's code made ABlog's Blog(app), but ABlog is not loaded, so it "
             "knows no post: use sphinx_postlog.api (api.posts(app)); see 'Your own "
             "extensions' in the migration guide", PostlogWarning.ABLOG)


#: ABlog setting -> (our settings, conversion)
EQUIVALENTS: dict[str, tuple[tuple[str, ...], Callable[[Any], Any]]] = {
    "blog_path": (("postlog_blog_path",), str),
    "blog_title": (("postlog_blog_title",), str),
    "blog_post_pattern": (("postlog_post_pattern",), _patterns),
    "blog_authors": (("postlog_authors",), _people),
    "blog_locations": (("postlog_locations",), _people),
    "blog_languages": (("postlog_languages",), _people),
    "blog_default_author": (("postlog_default_author",), _first),
    "blog_default_location": (("postlog_default_location",), _first),
    "blog_default_language": (("postlog_default_language",), _first),
    "blog_feed_length": (("postlog_feed_length",), lambda v: None if v is None else int(v)),
    "blog_feed_fulltext": (("postlog_feed_full_content",), bool),
    "blog_feed_archives": (("postlog_feed_archives",), bool),
    "blog_feed_subtitle": (("postlog_feed_subtitle",), lambda v: None if v is None else str(v)),
    "post_date_format": (("postlog_date_format",), str),
    "post_date_format_short": (("postlog_list_date_format",), str),
    "post_show_prev_next": (("postlog_post_navigation",), bool),
    "post_auto_excerpt": (("postlog_excerpt_paragraphs",), int),
    "post_auto_image": (("postlog_auto_image",), int),
    "post_redirect_refresh": (("postlog_redirect_refresh",), int),
}
#: ABlog's defaults that differ from ours, used on ABlog sites unless set (in
#: ``conf.py`` or with ``-D``). ABlog shows every post of a list on one page.
ABLOG_DEFAULTS = {"postlog_feed_length": None, "postlog_redirect_refresh": 5,
                  "postlog_archive_page_size": 0}
#: ABlog settings with no equivalent here, and what to do about them.
NO_EQUIVALENT = {
    "blog_feed_templates": "override the templates instead",
    "post_always_section": "remove it: one post per page",
}
#: ABlog settings that need nothing: already how sphinx-postlog behaves (ABlog 0.11 does
#: not use ``blog_archive_titles`` either; ABlog's templates are never injected).
ALREADY_SO = {"post_auto_orphan", "blog_baseurl", "blog_feed_titles", "blog_archive_titles",
              "skip_injecting_base_ablog_templates"}
#: ABlog settings for templates: the ``ablog`` object has them (``ablog.fontawesome``
#: for the icons of a site's own ABlog templates), and Font Awesome's style sheet is
#: linked from every page, as ABlog's ``page.html`` linked it.
FOR_TEMPLATES = {"fontawesome_included", "fontawesome_link_cdn", "fontawesome_css_file"}
#: ABlog's defaults of the settings in ``NO_EQUIVALENT``: one set to its default changes
#: nothing, so it is not worth a warning.
NO_EQUIVALENT_DEFAULTS: dict[str, Any] = {
    "blog_feed_templates": {"atom": {}}, "disqus_drafts": False, "disqus_pages": False,
    "disqus_shortname": None, "post_always_section": False}


def _uses_ablog_sidebars(config: Config) -> bool:
    sidebars = config.html_sidebars if isinstance(config.html_sidebars, dict) else {}
    return any(name.startswith("ablog/") for name in strings_in(sidebars))


def is_ablog_site(config: Config) -> bool:
    """True if ``conf.py`` has any of ABlog's settings or sidebars."""
    raw: Mapping[str, Any] = getattr(config, "_raw_config", {})
    return (any(name in raw for name in ABLOG_SETTINGS) or _uses_ablog_sidebars(config))


def read_ablog_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: take over ABlog's settings where they have an equivalent, and
    decide whether posts are read as ABlog reads them."""
    raw: Mapping[str, Any] = getattr(config, "_raw_config", {})
    ablog_site = is_ablog_site(config)
    if config.postlog_ablog_compat is None:
        config.postlog_ablog_compat = ablog_site
    if config.postlog_url_layout is None:
        config.postlog_url_layout = "ablog" if ablog_site else "postlog"
    if config.postlog_url_layout == "ablog":
        for name, path in ABLOG_PATHS.items():
            if name not in raw:
                config[name] = path
    defaults = {setting.name: setting.default for setting in SETTINGS}
    if raw.get("blog_baseurl") and not config.html_baseurl:
        config.html_baseurl = str(raw["blog_baseurl"])
        logger.info("postlog: ABlog's blog_baseurl is used as html_baseurl; rename it")
    for name, (ours, convert) in EQUIVALENTS.items():
        if name not in raw:
            continue
        if any(target in raw for target in ours):
            logger.info("postlog: ABlog's %s is ignored: %s is set", name, ", ".join(ours))
            continue
        try:
            value = convert(raw[name])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            warn(f"ABlog's {name} = {raw[name]!r} cannot be read; use {ours[0]}",
                 PostlogWarning.CONFIG)
            continue
        for target in ours:
            checked, problem = checked_value(SETTING[target], value)
            if problem is not None:
                warn(f"ABlog's {name} = {raw[name]!r}, read as {target}, {problem}",
                     PostlogWarning.CONFIG)
            if config[target] == defaults[target]:
                config[target] = checked
        logger.info("postlog: ABlog's %s is read as %s; rename it", name, " and ".join(ours))
    if ablog_site:
        given = {*raw, *getattr(config, "overrides", {})}
        for target, value in ABLOG_DEFAULTS.items():
            if target not in given and not any(
                    target in EQUIVALENTS[name][0] for name in given if name in EQUIVALENTS):
                config[target] = value
    if ablog_site and "postlog_feed_title" not in raw:  # ABlog's feed is the blog's
        config.postlog_feed_title = config.postlog_blog_title
    if raw.get("blog_feed_titles"):  # ABlog: titles and excerpts only
        config.postlog_feed_full_content = False
    _read_disqus(raw, config)
    _link_font_awesome(app, raw)
    for name, advice in NO_EQUIVALENT.items():
        if name in raw and raw[name] != NO_EQUIVALENT_DEFAULTS.get(name, object()):
            warn(f"{name} is an ABlog setting that sphinx-postlog does not use: {advice}",
                 PostlogWarning.CONFIG)


#: ABlog's Disqus settings, all read as ``postlog_comments``.
DISQUS_SETTINGS = ("disqus_shortname", "disqus_pages", "disqus_drafts")


def _read_disqus(raw: Mapping[str, Any], config: Config) -> None:
    """ABlog's ``disqus_shortname`` (with ``disqus_pages`` and ``disqus_drafts``) as
    ``postlog_comments = {"provider": "disqus", ...}``, unless that is set. Without a
    shortname ABlog shows no comments, whatever the other two say."""
    if not any(name in raw for name in DISQUS_SETTINGS):
        return
    if SETTING_NAME in raw:
        logger.info("postlog: ABlog's Disqus settings are ignored: %s is set", SETTING_NAME)
        return
    shortname = raw.get("disqus_shortname")
    if not shortname:
        return
    config[SETTING_NAME] = {"provider": "disqus", "shortname": shortname,
                            "pages": bool(raw.get("disqus_pages")),
                            "drafts": bool(raw.get("disqus_drafts"))}
    logger.info("postlog: ABlog's %s are read as %s; rename them",
                ", ".join(name for name in DISQUS_SETTINGS if name in raw), SETTING_NAME)


def _link_font_awesome(app: Sphinx, raw: Mapping[str, Any]) -> None:
    """Font Awesome's style sheet on every page, as ABlog's ``page.html`` linked it: the
    CDN address (``fontawesome_link_cdn``), else a file of the static folder
    (``fontawesome_css_file``)."""
    for name in ("fontawesome_link_cdn", "fontawesome_css_file"):
        value = raw.get(name)
        if isinstance(value, str) and value.strip():
            app.add_css_file(value.strip())
            return


#: ABlog's templates by the names ABlog 0.11 still accepts without its ``ablog/``
#: folder (it says they are old and serves them all the same).
OLD_TEMPLATE_NAMES = frozenset({
    "archives.html", "authors.html", "catalog.html", "categories.html", "collection.html",
    "languages.html", "locations.html", "postcard.html", "postcard2.html",
    "postnavy.html", "recentposts.html", "redirect.html", "tagcloud.html",
})


def map_ablog_sidebars(app: Sphinx) -> None:
    """``builder-inited``: serve ABlog's sidebars as ABlog does. Its old names
    (``tagcloud.html``) are read as ``ablog/tagcloud.html`` unless the site or theme has
    a template of that name; an ``ablog/`` name that no template serves is left out of
    the sidebars, with one warning, rather than failing every page."""
    sidebars = app.config.html_sidebars
    templates = getattr(app.builder, "templates", None)
    if not isinstance(sidebars, dict) or templates is None:
        return

    def served(name: str) -> bool:
        try:
            templates.get_source(templates.environment, name)
        except Exception:  # TemplateNotFound, or a loader that cannot tell
            return False
        return True

    renamed, unserved = {}, set()
    for pattern, names in sidebars.items():
        if not isinstance(names, (list, tuple)):
            continue
        kept = []
        for name in names:
            if isinstance(name, str) and name in OLD_TEMPLATE_NAMES and not served(name):
                renamed[name] = name = f"ablog/{name}"
            if isinstance(name, str) and name.startswith("ablog/") and not served(name):
                unserved.add(name)
                continue
            kept.append(name)
        sidebars[pattern] = kept
    for old, new in sorted(renamed.items()):
        logger.info("postlog: html_sidebars names ABlog's old template %s; using %s "
                    "(rename it)", old, new)
    location = config_location(app, "html_sidebars")
    for name in sorted(unserved):
        warn(f"html_sidebars names {name!r}, a template that neither ABlog nor "
             "sphinx-postlog has; left out of the sidebars", PostlogWarning.ABLOG,
             location=location)
