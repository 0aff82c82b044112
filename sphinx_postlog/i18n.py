"""Words in the site's language: labels from a message catalog of our own (as Sphinx
extensions do), a site's own translations first, and dates as Sphinx formats them.

The catalog's template (``locales/sphinx_postlog.pot``) is extracted from the code by
``tools/catalogs.py``, which also updates and compiles every language's catalog (see
docs/contributing.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import locale
from sphinx.locale import get_translation
from sphinx.util.i18n import date_format_re
from sphinx.util.i18n import format_date as sphinx_format_date

from sphinx_postlog.blogs import several_blogs
from sphinx_postlog.diagnostics import PostlogWarning, warn

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from sphinx.application import Sphinx
    from sphinx.config import Config

MESSAGE_CATALOG = "sphinx_postlog"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(MESSAGE_CATALOG)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` (``%d min read``), by the plural rule of the
    site's language (its catalog's ``Plural-Forms``); English's rule when untranslated."""
    return locale.get_translator(MESSAGE_CATALOG).ngettext(singular, plural, count)


class CountedLabel(str):
    """A label with a number, as templates use one: ``labels.reading_time % minutes``
    takes the plural form for ``minutes`` (``ngettext``); as text it is the form for
    many, with its ``%d`` (a template written for a plain label still works)."""

    _forms: tuple[str, str]

    def __new__(cls, singular: str, plural: str) -> CountedLabel:
        label = super().__new__(cls, ngettext(singular, plural, 5))
        label._forms = (singular, plural)
        return label

    def __mod__(self, count: object) -> str:
        if isinstance(count, int) and not isinstance(count, bool):
            return ngettext(*self._forms, count) % count
        return str(self) % count

    def __reduce__(self) -> tuple[Any, ...]:
        return (CountedLabel, self._forms)


def reading_time_label() -> CountedLabel:
    """``%d min read``, with the plural form for each number of minutes."""
    return CountedLabel("%d min read", "%d min read")


def reading_time(minutes: int) -> str:
    """``5 min read`` in the site's language."""
    return reading_time_label() % minutes


def default_date_format() -> str:
    """How dates read when a site sets neither ``postlog_date_format`` nor
    ``today_fmt``: Sphinx's own default, translated as Sphinx 8+ translates it."""
    # Translators: a date format, in the strftime directives Sphinx's today_fmt takes
    # (%-d and %-m: day and month without a leading zero; %B: the month's name).
    return _("%b %-d, %Y")


#: The blog's title when a site sets none (``postlog_blog_title``), shown translated.
DEFAULT_BLOG_TITLE = "Blog"


def blog_title(config: Config) -> str:
    """The blog's title as readers see it (``postlog_blog_title``): the default one in
    the site's language."""
    configured = str(config.postlog_blog_title)
    return _("Blog") if configured == DEFAULT_BLOG_TITLE else configured


def with_blog_title(text: str, config: Config) -> str:
    """``text`` naming the blog of ``config`` on a site of several blogs ("Recent posts
    · News"), ``text`` alone on a site of one."""
    return f"{text} · {blog_title(config)}" if several_blogs(config) else text


def template_labels() -> dict[str, str]:
    """Translated labels the templates use (``labels.by`` …); ``labels.reading_time``
    takes the number of minutes (``labels.reading_time % post.reading_minutes``)."""
    return {"by": _("By"), "tags": _("Tags"), "categories": _("Categories"),
            "no_posts": _("No posts yet."), "newer": _("Newer posts"),
            "older": _("Older posts"), "pages": _("Pages"), "feed": _("Atom feed"),
            "updated": _("(updated %s)"), "reading_time": reading_time_label(),
            "newer_one": _("Newer"), "older_one": _("Older"), "related": _("Related posts"),
            "recent_posts": _("Recent posts"), "all_posts": _("All posts"),
            "series": _("Series"), "series_label": _("Series:"),
            "previous_part": _("Previous part:"), "next_part": _("Next part:")}


#: A digest of the site's own catalogs, kept as a setting of HTML builds: when one
#: changes, every page is written again with the new labels.
SITE_CATALOGS = "postlog_site_catalogs"


def add_catalogs(app: Sphinx) -> None:
    """Our catalog for the site's language, after the site's own: a
    ``<locale_dir>/<language>/LC_MESSAGES/sphinx_postlog.po`` (or ``.mo``) in one of
    its ``locale_dirs`` overrides or adds translations, message by message."""
    language = app.config.language or "en"
    site, digest = site_translations(
        [Path(app.srcdir, folder) for folder in app.config.locale_dirs], language)
    app.add_config_value(SITE_CATALOGS, "", "html", types=frozenset({str}))
    setattr(app.config, SITE_CATALOGS, digest)
    if site is not None:
        locale.translators["general", MESSAGE_CATALOG] = site  # ours become its fallback
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))


def site_translations(folders: list[Path], language: str
                      ) -> tuple[gettext.NullTranslations | None, str]:
    """The site's own translations of our messages, the first folder first, and a
    digest of what they say: each catalog's ``.po`` when it is newer than its ``.mo``
    (Sphinx compiles it when it builds, after this), else its ``.mo``. The digest is of
    the messages, not the files, so a ``.po`` compiled says the same as before."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    found: gettext.NullTranslations | None = None
    digest = hashlib.sha256()
    for folder in folders:
        po = folder / language / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
        mo = po.with_suffix(".mo")
        from_po = po.is_file() and (not mo.is_file()
                                    or po.stat().st_mtime_ns > mo.stat().st_mtime_ns)
        path = po if from_po else mo
        if not path.is_file():
            continue
        try:
            catalog = (read_po if from_po else read_mo)(io.BytesIO(path.read_bytes()))
            translations = _compiled(catalog)
        except (OSError, ValueError, UnicodeError) as error:
            warn(f"the site's translations cannot be read ({error}); they are not used",
                 PostlogWarning.CONFIG, location=f"{path}:1")  # ":" keeps it a path
            continue
        messages = sorted((_text(m.id), _text(m.string)) for m in catalog
                          if m.id and m.string and not m.fuzzy)
        digest.update(repr((catalog.plural_forms, messages)).encode("utf-8"))
        if found is None:
            found = translations
        else:
            found.add_fallback(translations)
    return found, digest.hexdigest() if found is not None else ""


def _text(value: object) -> str:
    """A message's id or text, the same whether read from a .po (tuples of plural
    forms) or a .mo (lists)."""
    return repr(tuple(value)) if isinstance(value, (list, tuple)) else repr(value)


def _compiled(catalog: Catalog) -> gettext.GNUTranslations:
    """``catalog`` as ``gettext`` reads it (its fuzzy messages left out, as Sphinx
    leaves them out when it compiles one)."""
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


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


def month_text(moment: dt.datetime, language: str) -> str:
    """The month and year of ``moment`` as a heading says them in ``language``: Babel's
    ``yMMMM`` ("July 2021", "lipiec 2021", "2021年7月"), the month's name as it stands
    alone, which ``%B`` is not in every language (Polish "lipca 2021" means "of July")."""
    if language == "en":
        return f"{_MONTHS[moment.month - 1]} {moment.year}"
    from babel.core import UnknownLocaleError
    from babel.dates import format_skeleton

    try:
        return format_skeleton("yMMMM", moment.date(), locale=language)
    except (ValueError, UnknownLocaleError):  # as Sphinx does: English
        return month_text(moment, "en")


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
