"""Coming from ABlog: its settings, its ``{post}`` directive and its sidebar templates.

An ABlog MyST blog should build after replacing ``ablog`` with ``sphinx_postlog`` in
``extensions``. ABlog's settings that have an equivalent are read as it (unless the
``postlog_*`` setting is also given); every other one gets one warning naming what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import yaml
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .config import ABLOG_PATHS, SETTINGS
from .diagnostics import PostlogWarning, logger, warn
from .frontmatter import Field
from .registry import get_registry

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

DIRECTIVE_KEY = "postlog_post_directive"


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
#: ABlog setting -> (our settings, conversion)
EQUIVALENTS: dict[str, tuple[tuple[str, ...], Callable[[Any], Any]]] = {
    "blog_path": (("postlog_blog_path",), str),
    "blog_title": (("postlog_blog_title",), str),
    "blog_post_pattern": (("postlog_post_pattern",), _patterns),
    "blog_authors": (("postlog_authors",), _people),
    "blog_default_author": (("postlog_default_author",),
                            lambda v: v[0] if isinstance(v, (list, tuple)) else v),
    "blog_feed_length": (("postlog_feed_length",), int),
    "blog_feed_fulltext": (("postlog_feed_full_content",), bool),
    "blog_feed_archives": (("postlog_feed_tags", "postlog_feed_categories"), bool),
    "blog_feed_titles": (("postlog_feed_title",), lambda v: None),
    "post_date_format": (("postlog_date_format",), str),
    "post_show_prev_next": (("postlog_post_navigation",), bool),
}
#: ABlog settings with no equivalent here, and what to do about them.
NO_EQUIVALENT = {
    "blog_archive_titles": "archive pages always show titles",
    "blog_baseurl": "set html_baseurl",
    "blog_default_language": "write 'language' in each post's front matter",
    "blog_default_location": "write 'location' in each post's front matter",
    "blog_feed_subtitle": "remove it",
    "blog_feed_templates": "override the templates instead",
    "blog_languages": "remove it",
    "blog_locations": "remove it",
    "disqus_drafts": "remove it; add comments with your theme",
    "disqus_pages": "remove it; add comments with your theme",
    "disqus_shortname": "remove it; add comments with your theme",
    "fontawesome_css_file": "remove it",
    "fontawesome_included": "remove it",
    "fontawesome_link_cdn": "remove it",
    "post_always_section": "remove it",
    "post_auto_excerpt": "use <!-- more --> or an 'excerpt' field",
    "post_auto_image": "remove it",
    "post_auto_orphan": "posts are never reported outside toctrees",
    "post_date_format_short": "set postlog_date_format",
    "post_redirect_refresh": "remove it",
    "skip_injecting_base_ablog_templates": "remove it",
}


def _uses_ablog_sidebars(config: Config) -> bool:
    sidebars = config.html_sidebars if isinstance(config.html_sidebars, dict) else {}
    return any(isinstance(name, str) and name.startswith("ablog/")
               for names in sidebars.values()
               for name in ([names] if isinstance(names, str) else names))


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
        except (TypeError, ValueError):
            warn(f"ABlog's {name} = {raw[name]!r} cannot be read; use {ours[0]}",
                 PostlogWarning.CONFIG)
            continue
        for target in ours:
            if value is not None and config[target] == defaults[target]:
                config[target] = value
        logger.info("postlog: ABlog's %s is read as %s; rename it", name, " and ".join(ours))
    for name, advice in NO_EQUIVALENT.items():
        if name in raw and name != "blog_baseurl":
            warn(f"{name} is an ABlog setting that sphinx-postlog does not use: {advice}",
                 PostlogWarning.CONFIG)


def _terms(argument: str | None) -> str:
    return (argument or "").strip()


class PostDirective(SphinxDirective):
    """ABlog's ``{post}`` directive: marks the page as a post and gives its date, tags,
    category and author as options; front matter does the same job."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "tags": _terms, "tag": _terms, "category": _terms, "author": _terms,
        "location": _terms, "language": _terms, "title": _terms, "excerpt": _terms,
        "image": directives.unchanged, "exclude": directives.flag,
        "nocomments": directives.flag, "redirect": directives.unchanged,
        "canonical_link": directives.unchanged, "external_link": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = self.env.temp_data
        if data.get(DIRECTIVE_KEY) is not None:
            warn("the {post} directive is used twice on this page; the second is ignored",
                 PostlogWarning.FIELD, location=(self.env.docname, self.lineno))
            return []
        fields: dict[str, Field] = {"blogpost": self._field(True)}
        if self.arguments:
            fields["date"] = self._field(self.arguments[0])
        for option, value in self.options.items():
            if option == "exclude":
                fields["draft"] = self._field(True)
            elif option in {"tags", "tag", "category", "author", "location", "language",
                            "title"}:
                fields["tags" if option == "tag" else option] = self._field(value)
            elif option == "excerpt" and not str(value).isdigit():
                fields["excerpt"] = self._field(value)
        data[DIRECTIVE_KEY] = fields
        return []

    def _field(self, value: object) -> Field:
        """A field as front matter would give it (text values as YAML scalars)."""
        text = str(value).lower() if isinstance(value, bool) else str(value)
        tag = "tag:yaml.org,2002:bool" if isinstance(value, bool) else "tag:yaml.org,2002:str"
        return Field(value, yaml.ScalarNode(tag, text), self.lineno)


def report_rule_differences(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: say once where ABlog's rules read a post differently from
    sphinx-postlog's own, so a site leaving ABlog's settings behind knows what changes."""
    noted = sorted((post.docname, post.rule_note)
                   for post in get_registry(env).posts.values() if post.rule_note)
    if not noted:
        return
    docname, note = noted[0]
    more = f" (and in {len(noted) - 1} more posts)" if len(noted) > 1 else ""
    logger.info("postlog.ablog: %s%s. Posts are read as ABlog reads them because "
                "postlog_ablog_compat is on (or the post says blogpost: true).",
                note, more, location=docname)
