"""Words in the site's language: labels from a message catalog of our own (as Sphinx
extensions do), and dates as Sphinx formats them."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path

from sphinx.locale import get_translation
from sphinx.util.i18n import date_format_re
from sphinx.util.i18n import format_date as sphinx_format_date

MESSAGE_CATALOG = "sphinx_postlog"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(MESSAGE_CATALOG)


def template_labels() -> dict[str, str]:
    """Translated labels the templates use."""
    return {"by": _("By:"), "tags": _("Tags:"), "categories": _("Categories:"),
            "no_posts": _("No posts yet."), "newer": _("Newer posts"),
            "older": _("Older posts"), "pages": _("Pages"), "feed": _("Atom feed"),
            "updated": _("(updated %s)"), "reading_time": _("%d min read"),
            "newer_one": _("Newer:"), "older_one": _("Older:"), "related": _("Related posts"),
            "recent_posts": _("Recent posts"), "series": _("Series"),
            "series_label": _("Series:"), "previous_part": _("Previous part:"),
            "next_part": _("Next part:")}


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The parts of a date format whose English text needs no locale data.
_ENGLISH: dict[str, Callable[[dt.datetime], str]] = {
    "%a": lambda d: _DAYS[d.weekday()][:3], "%A": lambda d: _DAYS[d.weekday()],
    "%b": lambda d: _MONTHS[d.month - 1][:3], "%B": lambda d: _MONTHS[d.month - 1],
    "%d": lambda d: f"{d.day:02d}", "%-d": lambda d: str(d.day),
    "%m": lambda d: f"{d.month:02d}", "%-m": lambda d: str(d.month),
    "%Y": lambda d: f"{d.year:04d}", "%%": lambda d: "%",
}


def format_date(date_format: str, moment: dt.datetime, language: str) -> str:
    """``moment`` as Sphinx's ``format_date`` writes it. English days, months and years
    are written here, the same text without Babel: its locale data takes 3.5 MB, and
    every post's date is formatted."""
    if language == "en":
        parts = date_format_re.split(date_format)
        if all(part in _ENGLISH for part in parts[1::2]):
            return "".join(_ENGLISH[part](moment) if index % 2 else part
                           for index, part in enumerate(parts))
    return sphinx_format_date(date_format, date=moment, language=language)


#: A language tag as sites write one: a language, perhaps a script and a region
#: (``pt_BR``, ``zh-Hant-TW``, ``sr-Latn``).
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?")
#: Languages whose own names (``Español``, ``Deutsch``, ``日本語``) are read as theirs.
_NAMED_IN_THEIR_OWN = (
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa",
    "fi", "fr", "gl", "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "nb",
    "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "ta", "th", "tr", "uk", "vi",
    "zh",
)


def language_tag(text: str) -> str:
    """``text`` as a BCP 47 language tag (``pt_BR`` is ``pt-BR``; a language's name in
    English or in itself, ``Spanish`` or ``Español``, is its tag), or "" when it names
    no language Babel knows: feeds carry only valid tags, whatever a post says."""
    text = text.strip()
    match = _TAG.fullmatch(text)
    if match:
        language, script, region = match.groups()
        if _known(language.lower()):
            return "-".join(part for part in (
                language.lower(), script and script.title(), region and region.upper())
                if part)
    return _language_names().get(text.casefold(), "")


def _known(language: str) -> bool:
    from babel import localedata

    return bool(localedata.exists(language))


@functools.cache
def _language_names() -> dict[str, str]:
    """Languages by name, casefolded: in English, and in themselves for the common ones
    (Babel's locale data, read only when a post names its language so)."""
    from babel import Locale

    names = {name.casefold(): code for code, name in Locale("en").languages.items()
             if "_" not in code}
    for code in _NAMED_IN_THEIR_OWN:
        own = Locale.parse(code).language_name
        if own:
            names.setdefault(own.casefold(), code)
    return names
