"""What ``postlog_comments`` asks for: a comment provider, its own settings and where
its widget goes, checked once when the build starts.

Each provider's settings are declared once (``PROVIDERS``), with the attribute of its
embed snippet each one becomes, so checking them and writing the snippet cannot drift
apart. A value that cannot be used turns comments off with one warning; keys the
provider does not know are named in a warning and left out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx_postlog.config import config_location
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.normalise import is_web_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SETTING_NAME = "postlog_comments"


@dataclass(frozen=True)
class Option:
    """One setting of a provider, and the attribute of its snippet it fills."""

    key: str
    #: The attribute it becomes ("" for one of ours that no attribute shows).
    attribute: str
    #: ``text``, ``flag``, ``number``, ``url``, ``repo`` or a tuple of choices.
    kind: str | tuple[str, ...] = "text"
    required: bool = False
    #: Written when the setting is not given (None: the attribute is left out).
    default: Any = None


GISCUS_MAPPINGS = ("pathname", "url", "title", "og:title", "specific", "number")
#: giscus's own languages (its ``i18n.json``) a site's ``language`` gives by default.
GISCUS_LANGUAGES = ("ar", "de", "en", "es", "fr", "gsw", "id", "it", "ja", "ko", "nl",
                    "pl", "pt", "ro", "ru", "tr", "vi", "zh-CN", "zh-TW")

PROVIDERS: dict[str, tuple[Option, ...]] = {
    # giscus.app's configurator writes the attributes in this order.
    "giscus": (
        Option("src", "src", "url", default="https://giscus.app/client.js"),
        Option("repo", "data-repo", "repo", required=True),
        Option("repo_id", "data-repo-id", required=True),
        Option("category", "data-category", required=True),
        Option("category_id", "data-category-id", required=True),
        Option("mapping", "data-mapping", GISCUS_MAPPINGS, default="pathname"),
        Option("term", "data-term"),
        Option("strict", "data-strict", "flag", default=False),
        Option("reactions_enabled", "data-reactions-enabled", "flag", default=True),
        Option("emit_metadata", "data-emit-metadata", "flag", default=False),
        Option("input_position", "data-input-position", ("top", "bottom"), default="bottom"),
        Option("theme", "data-theme"),
        Option("lang", "data-lang"),
        Option("loading", "data-loading", ("lazy", "eager")),
        Option("light_theme", "", default="light"),
        Option("dark_theme", "", default="dark"),
    ),
    # utteranc.es's configurator: repo, issue-term (or issue-number), label, theme.
    "utterances": (
        Option("src", "src", "url", default="https://utteranc.es/client.js"),
        Option("repo", "repo", "repo", required=True),
        Option("issue_term", "issue-term"),
        Option("issue_number", "issue-number", "number"),
        Option("label", "label"),
        Option("theme", "theme"),
        Option("light_theme", "", default="github-light"),
        Option("dark_theme", "", default="github-dark"),
    ),
    "disqus": (
        Option("shortname", "", "shortname", required=True),
    ),
    # Isso's client configuration: data-isso-* attributes of its script.
    "isso": (
        Option("src", "src", "url", required=True),
        Option("api", "data-isso", "url"),
        *(Option(name.replace("-", "_"), f"data-isso-{name}", kind) for name, kind in (
            ("css", "flag"), ("css-url", "url"), ("lang", "text"), ("default-lang", "text"),
            ("max-comments-top", "text"), ("max-comments-nested", "text"),
            ("reveal-on-click", "number"), ("sorting", ("newest", "oldest", "upvotes")),
            ("avatar", "flag"), ("avatar-bg", "text"), ("avatar-fg", "text"),
            ("vote", "flag"), ("vote-levels", "text"), ("page-author-hashes", "text"),
            ("reply-notifications-default-enabled", "flag"), ("reply-to-self", "flag"),
            ("require-author", "flag"), ("require-email", "flag"),
            ("reply-notifications", "flag"), ("gravatar", "flag"), ("feed", "flag"))),
        Option("id", "data-isso-id"),
    ),
    "template": (
        Option("template", "", "template", required=True),
    ),
}
#: Keys every provider takes: how the widget loads, and which pages show it.
COMMON = (Option("provider", "", tuple(PROVIDERS), required=True),
          Option("load", "", ("scroll", "click"), default="scroll"),
          Option("drafts", "", "flag", default=False),
          Option("pages", "", "flag", default=False))
#: Isso's translation overrides: ``data-isso-<key>-text-<lang>``.
_ISSO_TEXT = re.compile(r"[a-z0-9-]+-text-[a-zA-Z_-]+")
_REPO = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_SHORTNAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass(frozen=True)
class CommentSettings:
    """``postlog_comments`` as checked: the provider, its settings (every key known,
    defaults filled in), how the widget loads and where it goes."""

    provider: str
    options: tuple[tuple[str, Any], ...]
    load: str = "scroll"
    drafts: bool = False
    pages: bool = False

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.options).get(key, default)

    @property
    def digest(self) -> str:
        """A fingerprint of everything the widget shows besides its page."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:16]

    @property
    def follows_page_theme(self) -> bool:
        """True if the widget's colours follow the page's light or dark mode (giscus and
        utterances without a ``theme`` of their own)."""
        return self.provider in {"giscus", "utterances"} and self.get("theme") is None

    def attributes(self, language: str | None = None) -> list[tuple[str, str]]:
        """The provider script's attributes, in the order of its own snippet: values
        as the provider reads them (giscus ``1``/``0``, Isso ``true``/``false``)."""
        attributes = []
        given = dict(self.options)
        for option in PROVIDERS[self.provider]:
            value = given.get(option.key)
            if option.key == "theme" and value is None and self.follows_page_theme:
                value = given["light_theme"]  # the page's mode is read before loading
            if option.key == "lang" and value is None and self.provider == "giscus":
                value = giscus_language(language)
            if value is None or not option.attribute:
                continue
            attributes.append((option.attribute, _written(value, self.provider)))
        extra = sorted((key, value) for key, value in given.items() if key.startswith("data-isso-"))
        attributes += [(key, _written(value, self.provider)) for key, value in extra]
        return attributes


def giscus_language(language: str | None) -> str:
    """The site's ``language`` as giscus has it (``zh_CN`` is ``zh-CN``), else ``en``."""
    tag = (language or "en").replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        match = next((known for known in GISCUS_LANGUAGES if known.lower() == candidate.lower()),
                     None)
        if match:
            return match
    return "en"


def _written(value: Any, provider: str) -> str:
    if isinstance(value, bool):
        if provider == "giscus":
            return "1" if value else "0"
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    return str(value)


def _problem(option: Option, value: Any) -> str | None:
    """What is wrong with ``value`` for ``option`` (None if nothing)."""
    kind = option.kind
    if kind == "flag":
        return None if isinstance(value, bool) else "must be True or False"
    if kind == "number":
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return None if ok else "must be a whole number above 0"
    if isinstance(value, (list, tuple)) and option.key in {"avatar_fg", "vote_levels",
                                                            "page_author_hashes"}:
        value = " ".join(map(str, value))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and kind == "text":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return "must be text"
    if isinstance(kind, tuple):
        return None if value in kind else f"must be one of {', '.join(map(repr, kind))}"
    if kind == "url" and not (is_web_url(value) or value.startswith("/")):
        return "must be an http(s) URL or a path from the site's root"
    if kind == "repo" and not _REPO.fullmatch(value):
        return "must be 'owner/name' of a GitHub repository"
    if kind == "shortname" and not _SHORTNAME.fullmatch(value):
        return "must be a Disqus shortname (letters, digits and '-')"
    if kind == "template" and not value.endswith(".html"):
        return "must name an .html template of templates_path"
    return None


def _value(option: Option, value: Any) -> Any:
    """A checked value as it is kept: lists of Isso's words as one text, numbers as
    text where text is asked for."""
    if isinstance(value, (list, tuple)):
        return (" " if option.key == "avatar_fg" else ",").join(map(str, value))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and option.kind == "text":
        return str(value)
    return value


def read_comments(value: Any) -> tuple[CommentSettings | None, list[str], list[str]]:
    """``postlog_comments`` as settings (None: no comments), the problems that turn
    comments off and the unknown keys that are left out."""
    if value is None or value == {}:
        return None, [], []
    if not isinstance(value, Mapping):
        return None, ["must be a dictionary"], []
    provider = value.get("provider")
    if provider not in PROVIDERS:
        known = ", ".join(map(repr, PROVIDERS))
        return None, [f"'provider' must be one of {known}, not {provider!r}"], []
    options = {option.key: option for option in (*COMMON, *PROVIDERS[provider])}
    problems: list[str] = []
    unknown: list[str] = []
    bad: set[str] = set()
    kept: dict[str, Any] = {}
    for key, given in value.items():
        if provider == "template" and isinstance(key, str) and key not in options:
            kept[key] = given  # the site's own template reads them
            continue
        if provider == "isso" and isinstance(key, str) and _isso_text_key(key):
            if isinstance(given, str):
                kept[f"data-isso-{key.replace('_', '-')}"] = given
            else:
                problems.append(f"{key!r} must be text")
            continue
        if provider == "isso" and isinstance(key, str):
            key = key.replace("-", "_")  # Isso's own spelling (``max-comments-top``)
        option = options.get(key) if isinstance(key, str) else None
        if option is None:
            unknown.append(repr(key))
        elif given is not None and (problem := _problem(option, given)):
            problems.append(f"{key!r} {problem}")
            bad.add(option.key)
        elif given is not None:
            kept[key] = _value(option, given)
    for option in options.values():
        if option.required and option.key not in kept and option.key not in bad:
            problems.append(f"{option.key!r} is required for {provider}")
        elif option.key not in kept and option.default is not None:
            kept[option.key] = option.default
    mapping = kept.get("mapping")
    if provider == "giscus" and mapping in {"specific", "number"} and "term" not in kept:
        problems.append(f"'term' is required with mapping {mapping!r}")
    if provider == "utterances":
        if "issue_term" in kept and "issue_number" in kept:
            problems.append("'issue_term' and 'issue_number' cannot both be given")
        elif "issue_number" not in kept:
            kept.setdefault("issue_term", "pathname")
    if problems:
        return None, problems, unknown
    common = {option.key for option in COMMON}
    return CommentSettings(
        provider=provider,
        options=tuple(sorted((key, item) for key, item in kept.items() if key not in common)),
        load=kept["load"], drafts=kept["drafts"], pages=kept["pages"],
    ), [], unknown


def _isso_text_key(key: str) -> bool:
    return bool(_ISSO_TEXT.fullmatch(key.replace("_", "-")))


def comment_settings(config: Config) -> CommentSettings | None:
    """The checked settings (``check_comments`` has warned about what was wrong)."""
    return read_comments(config[SETTING_NAME])[0]


def check_comments(app: Sphinx, config: Config) -> None:
    """``config-inited`` (after ABlog's settings are read): one warning for settings
    that turn comments off, one for keys the provider does not know."""
    value = config[SETTING_NAME]
    _, problems, unknown = read_comments(value)
    location = config_location(app, SETTING_NAME) or config_location(app, "disqus_shortname")
    if problems:
        warn(f"{SETTING_NAME}: {'; '.join(problems)}; comments are off",
             PostlogWarning.CONFIG, location=location)
        config[SETTING_NAME] = None
    if unknown:
        provider = value.get("provider") if isinstance(value, Mapping) else None
        warn(f"{SETTING_NAME}: {provider} has no setting {', '.join(unknown)}; ignored",
             PostlogWarning.CONFIG, location=location)
