"""The checks of the settings at ``config-inited``: each unusable value replaced by a
usable one, with one warning that names the setting (``conf.py:<line>``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_postlog.config_table import SETTINGS, Setting
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.normalise import make_timezone

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _kinds(types: tuple[type, ...]) -> str:
    names = {bool: "true or false", int: "a whole number", str: "text", list: "a list",
             tuple: "a list", dict: "a dictionary", type(None): "None"}
    return " or ".join(dict.fromkeys(names.get(kind, kind.__name__) for kind in types))


_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def checked_value(setting: Setting, value: Any) -> tuple[Any, str | None]:
    """``value`` as the setting takes it, and what was wrong with it (None if nothing):
    a string where a list is expected is a one-item list; a number written as text is
    that number; anything else unusable is replaced by the default."""
    types = setting.types
    if list in types and isinstance(value, (str, tuple)):
        value = [value] if isinstance(value, str) else list(value)
    number = int in types and not isinstance(value, bool)
    if number and isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return checked_value(setting, int(value))[0], f"is text; using {int(value)!r}"
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        return setting.default, f"must be {_kinds(types)}; using {setting.default!r}"
    if (setting.minimum is not None and isinstance(value, int) and not isinstance(value, bool)
            and value < setting.minimum):
        return setting.default, (f"must be {setting.minimum} or more; "
                                 f"using {setting.default!r}")
    if setting.choices and isinstance(value, str) and value not in setting.choices:
        return setting.default, (f"must be one of {', '.join(map(repr, setting.choices))}; "
                                 f"using {setting.default!r}")
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        kept = [item for item in value if isinstance(item, str)]
        known = checked_value(setting, kept)[0]  # and only the items it knows
        return known, f"must be a list of text; using {known!r}"
    if setting.choices and isinstance(value, list):
        kept = [item for item in value if item in setting.choices]
        if kept != value:
            return kept, (f"knows only {', '.join(map(repr, setting.choices))}; "
                          f"using {kept!r}")
    return value, None


#: Settings whose value maps keys to a name or {"name": …, "url": …}.
_BOOKS = ("postlog_authors", "postlog_locations", "postlog_languages")


def _checked_book(value: dict[Any, Any]) -> tuple[dict[str, Any], str | None]:
    """Entries that are a name, ``{"name": …, "url": …}`` or ABlog's ``(name, url)``."""
    book: dict[str, Any] = {}
    dropped = []
    for key, entry in value.items():
        if isinstance(entry, (list, tuple)) and entry and all(
                isinstance(part, (str, type(None))) for part in entry[:2]):
            entry = {"name": entry[0], "url": entry[1] if len(entry) > 1 else None}
        if isinstance(entry, str) or (isinstance(entry, dict) and isinstance(
                entry.get("name"), str)):
            book[str(key)] = entry
        else:
            dropped.append(str(key))
    problem = (f"entries {', '.join(map(repr, dropped))} are neither a name nor "
               "{'name': ..., 'url': ...}; left out") if dropped else None
    return book, problem


def config_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` of the (last) line that sets ``name``, for warnings (None when
    it is not set there: a ``-D`` override, or set by ABlog's equivalent)."""
    path = Path(str(getattr(app, "confdir", "") or "."), "conf.py")
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    matches = list(re.finditer(rf"^\s*{re.escape(name)}\s*[:=]", text, re.MULTILINE))
    if not matches:
        return None
    return f"{path}:{text.count(chr(10), 0, matches[-1].start()) + 1}"  # the last one wins


def check_config(app: Sphinx, config: Config) -> None:
    """Replace unusable values, each with one warning that names the setting and the
    value used instead; never a traceback."""
    for setting in SETTINGS:
        value = config[setting.name]
        fixed, problem = checked_value(setting, value)
        if problem is None and setting.name in _BOOKS:
            fixed, problem = _checked_book(fixed)
        if problem is not None:
            warn(f"{setting.name} = {value!r} {problem}", PostlogWarning.CONFIG,
                 location=config_location(app, setting.name))
        config[setting.name] = fixed
    try:
        make_timezone(config.postlog_timezone)
    except (ValueError, KeyError, OSError):
        warn(f"postlog_timezone = {config.postlog_timezone!r} is not a known time zone; "
             "using 'UTC'", PostlogWarning.CONFIG,
             location=config_location(app, "postlog_timezone"))
        config.postlog_timezone = "UTC"
    check_sphinx_settings(app, config)


#: Sphinx's settings that sphinx-postlog reads as text and that Sphinx itself takes in
#: any type until it uses them (other settings of the wrong type stop Sphinx first), and
#: the value that stands for "not set".
SPHINX_TEXT_SETTINGS: dict[str, str | None] = {"html_baseurl": "", "today_fmt": None}


def check_sphinx_settings(app: Sphinx, config: Config) -> None:
    """A Sphinx setting that must be text and is not (``html_baseurl = 5``) is treated
    as unset, with one warning, rather than breaking post lists, pages and feeds."""
    for name, unset in SPHINX_TEXT_SETTINGS.items():
        value = config[name]
        if value is not None and not isinstance(value, str):
            warn(f"{name} = {value!r} must be text; treated as unset ({unset!r})",
                 PostlogWarning.CONFIG, location=config_location(app, name))
            config[name] = unset
