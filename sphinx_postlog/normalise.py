"""Turn front-matter values as people write them into clean, typed values.

Each reader returns what it could use plus a list of problems (plain messages), so the
caller can warn with the page's location and still keep the post.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import yaml

_NULL_TAG = "tag:yaml.org,2002:null"
_WHITESPACE = re.compile(r"\s+")
# C0 and C1 control characters other than white space: never meant, and not allowed in
# XML (feeds) nor sensible in HTML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Longer tags, categories and author names are surely mistakes.
MAX_TERM_LENGTH = 200


def flowing_text(text: str) -> str:
    """Drop control characters and collapse runs of white space into single spaces,
    keeping leading and trailing space (it separates words from the markup around)."""
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text))


def clean_text(text: str) -> str:
    """Drop control characters, collapse white space, and trim."""
    return flowing_text(text).strip()


def _scalar_items(node: yaml.Node, what: str, problems: list[str]) -> list[str] | None:
    """The raw texts of a list node's scalar items; None when ``node`` is a scalar."""
    if isinstance(node, yaml.ScalarNode):
        return None
    if isinstance(node, yaml.MappingNode):
        problems.append(f"{what} must be text or a list, not a mapping; ignored")
        return []
    items: list[str] = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and item.tag != _NULL_TAG:
            items.append(item.value)
        elif isinstance(item, yaml.ScalarNode):
            items.append("")
        else:
            problems.append(f"{what}: nested lists and mappings are not allowed; ignored")
    return items


def _usable(items: Iterable[str], what: str, problems: list[str]) -> tuple[str, ...]:
    """Cleaned items without empty, overlong and repeated ones; repeats that differ only
    by case are reported (``Python`` and ``python`` on one post are surely one tag)."""
    kept: dict[str, str] = {}
    for item in items:
        text = clean_text(item)
        folded = text.casefold()
        if not text:
            problems.append(f"{what}: empty value ignored")
        elif len(text) > MAX_TERM_LENGTH:
            problems.append(f"{what}: value longer than {MAX_TERM_LENGTH} characters "
                            f"ignored ({text[:40]}…)")
        elif folded in kept and kept[folded] != text:
            problems.append(f"{what}: {kept[folded]!r} and {text!r} differ only by case; "
                            f"keeping {kept[folded]!r}")
        else:
            kept.setdefault(folded, text)
    return tuple(kept.values())


def split_terms(text: str) -> list[str]:
    """Split on commas if there is one, else on white space (``dev-ops`` is one term)."""
    return text.split(",") if "," in text else text.split()


_QUOTES = "\"'\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}" \
          "\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}"


def split_ablog_terms(text: str) -> list[str]:
    """ABlog's rule: split on commas only; brackets around the whole and quotes around
    each item are dropped (``cicd, "github actions"``)."""
    inner = text.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return [item.strip().strip(_QUOTES).strip() for item in inner.split(",")]


def read_terms(node: yaml.Node, what: str,
               ablog: bool = False) -> tuple[tuple[str, ...], list[str]]:
    """Tags or categories from a YAML list, a comma-separated string (a comma anywhere
    means commas separate) or a space-separated string. ``dev-ops`` stays one term.
    ``ablog``: a string is split on commas only (``software development`` is one tag)."""
    problems: list[str] = []
    items = _scalar_items(node, what, problems)
    if items is None:
        if node.tag == _NULL_TAG:
            return (), problems
        text = str(node.value)
        items = (split_ablog_terms(text) if ablog else split_terms(text)) or [""]
    return _usable(items, what, problems), problems


def rule_difference(node: yaml.Node, what: str) -> str | None:
    """How ABlog's reading of a tag or category string differs from ours, if it does."""
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL_TAG:
        return None
    ablog = read_terms(node, what, ablog=True)[0]
    ours = read_terms(node, what)[0]
    if ablog == ours:
        return None
    return (f"{what} {node.value!r} is read as ABlog reads it, {_listed(ablog)}; "
            f"sphinx-postlog's own rule would read {_listed(ours)}")


def _listed(terms: tuple[str, ...]) -> str:
    return ", ".join(repr(term) for term in terms) or "nothing"


def read_authors(
    node: yaml.Node, known_keys: Container[str], ablog: bool = False, what: str = "author"
) -> tuple[tuple[str, ...], list[str]]:
    """Authors (or locations, languages: ``what``) from a YAML list or a
    comma-separated string.

    A string without commas is one author ("Jane Doe"), unless every word in it is a
    key of ``postlog_authors`` (and ``ablog`` is off): then it is a space-separated list
    of keys.
    """
    problems: list[str] = []
    items = _scalar_items(node, what, problems)
    if items is None:
        if node.tag == _NULL_TAG:
            return (), problems
        text = str(node.value)
        words = text.split()
        if "," in text or ablog:
            items = split_ablog_terms(text) if ablog else text.split(",")
        elif len(words) > 1 and all(word in known_keys for word in words):
            items = words
        else:
            items = [text]
    return _usable(items, what, problems), problems


#: Dates as ABlog writes them (its post_date_format default, and common variants).
ABLOG_DATE_FORMATS = ("%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d %b %Y")
#: Two different "defaults" for python-dateutil: a part of the date that comes out
#: different under each was not in the text.
_DEFAULT_A, _DEFAULT_B = dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)
#: Dates in numbers with the year last: the day and the month can change places.
_DAY_MONTH_YEAR = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_ISO_HINT = "write it as YYYY-MM-DD, optionally with a time and zone (2018-05-18T09:30:00+02:00)"


def _strptime(text: str, formats: tuple[str, ...],
              language: str | None = None) -> dt.datetime | None:
    """``text`` in the first of ``formats`` that reads it: by Python's ``strptime``
    (glibc's ``%-d``, a number without padding, read as ``%d``, which takes one), else
    with the month and weekday names of ``language`` as well as English ones."""
    for date_format in formats:
        try:
            return dt.datetime.strptime(text, date_format.replace("%-", "%"))
        except ValueError:
            continue
    for date_format in formats:
        moment = _named_strptime(text, date_format, language)
        if moment is not None:
            return moment
    return None


@dataclass(frozen=True)
class _DateNames:
    """Month and weekday names (lower case) of a language and English, every width but
    the one-letter one, in the 'format' and 'stand-alone' contexts (Catalan's
    "de juliol" and "juliol"), with and without an abbreviation's dot."""

    months: dict[str, int]
    #: Each name → its day (0 is Monday).
    weekdays: dict[str, int]


@functools.lru_cache(maxsize=16)
def _date_names(language: str | None) -> _DateNames:
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    locales = ["en"]
    if language:
        with contextlib.suppress(UnknownLocaleError, ValueError, TypeError):
            locales.append(str(Locale.parse(language.replace("-", "_"))))
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for name_locale in locales:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, name_locale).items():
                    for form in _forms(name):
                        months.setdefault(form, number)
                for number, name in get_day_names(width, context, name_locale).items():
                    for form in _forms(name):
                        weekdays.setdefault(form, number)
    return _DateNames(months, weekdays)


def _forms(name: str) -> set[str]:
    """``name`` in lower case, with a typographic apostrophe written ', and without
    its final dot."""
    plain = name.lower().replace("\u2019", "'")
    return {plain, plain.rstrip(".")} - {""}


#: What each directive of a date format reads, as a regular expression (names aside).
_NUMBERS = {"d": "day", "e": "day", "m": "month", "Y": "year", "y": "year2", "H": "hour",
            "I": "hour12", "M": "minute", "S": "second"}
_DIRECTIVE = re.compile(r"%-?(.)")


def _named_strptime(text: str, date_format: str, language: str | None) -> dt.datetime | None:
    """``text`` read in ``date_format`` with the month and weekday names of ``language``
    (and English): ``31 juliol de 2014`` in ``%-d %B de %Y`` in Catalan. Numbers may go
    without padding; a format with other directives than days, months, years, weekdays,
    hours, minutes, seconds and AM/PM is left to ``strptime``."""
    names = _date_names(language)
    month_names = "|".join(map(re.escape, sorted(names.months, key=len, reverse=True)))
    weekday_names = "|".join(map(re.escape, sorted(names.weekdays, key=len, reverse=True)))
    pattern, position, seen = [], 0, set()
    for match in _DIRECTIVE.finditer(date_format):
        pattern.append(_literal(date_format[position:match.start()]))
        position = match.end()
        code = match[1]
        group = _NUMBERS.get(code) or {"B": "month_name", "b": "month_name", "h": "month_name",
                                       "p": "ampm"}.get(code)
        if code == "%":
            pattern.append("%")
        elif code in ("A", "a"):
            pattern.append(f"(?:{weekday_names})")
        elif group is None or group in seen:
            return None
        else:
            seen.add(group)
            pattern.append(f"(?P<{group}>{month_names})" if group == "month_name"
                           else r"(?P<ampm>[ap]\.?m\.?)" if group == "ampm"
                           else rf"(?P<{group}>\d{{4}})" if group == "year"
                           else rf"(?P<{group}>\d{{1,2}})")
    pattern.append(_literal(date_format[position:]))
    found = re.fullmatch("".join(pattern), text.replace("\u2019", "'"), re.IGNORECASE)
    if found is None:
        return None
    parts = {key: value for key, value in found.groupdict().items() if value is not None}
    return _moment(parts, names)


def _literal(text: str) -> str:
    """Text of a date format as a pattern: any run of white space stands for any."""
    return r"\s+".join(map(re.escape, re.split(r"\s+", text)))


def _moment(parts: dict[str, str], names: _DateNames) -> dt.datetime | None:
    """The moment the parts of a date give (a year and a month at least), or None."""
    month = (names.months.get(parts["month_name"].lower().rstrip("."))
             if "month_name" in parts else int(parts.get("month", 0)))
    year = (int(parts["year"]) if "year" in parts
            else 2000 + int(parts["year2"]) if "year2" in parts else None)
    hour = int(parts.get("hour", 0))
    if "hour12" in parts:
        hour = int(parts["hour12"]) % 12 + (12 if parts.get("ampm", "a")[0].lower() == "p"
                                             else 0)
    if year is None or not month:
        return None
    try:
        return dt.datetime(year, month, int(parts.get("day", 1)), hour,
                           int(parts.get("minute", 0)), int(parts.get("second", 0)))
    except ValueError:
        return None


#: Zone names read the same on every machine, as the fixed offset (hours east of UTC)
#: each stands for. Names with more than one common meaning are left out (``IST``: India,
#: Ireland or Israel), and so is any other: such a time is read in ``postlog_timezone``,
#: with a warning asking for its offset.
ZONE_NAMES: dict[str, float] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
    "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}
#: Zone names left out of ``ZONE_NAMES`` for their several meanings, and what they are.
AMBIGUOUS_ZONE_NAMES = {
    "IST": "India +05:30, Ireland +01:00 or Israel +02:00",
    "AST": "Atlantic -04:00 or Arabia +03:00",
}


def _zone_offset(name: str | None, offset: int | None) -> int | None:
    """python-dateutil's ``tzinfos``: the offset (seconds east of UTC) of a time's zone.

    Given as a function, it answers for every time, so that dateutil never takes a name
    for the machine's own zone (``time.tzname``) nor warns about a name it does not
    know: an unknown name gives None, a time without a zone (see ``zone_problem``)."""
    if offset is not None:  # +05:30, or a name dateutil knows as UTC
        return offset
    hours = ZONE_NAMES.get(name or "")
    return None if hours is None else round(hours * 3600)


#: Little words between a date's parts, by language (``31 de juliol de 2014``).
_JOINING_WORDS = {"ca": ("de", "d"), "es": ("de", "del"), "pt": ("de", "do"), "gl": ("de",),
                  "fr": ("le",), "it": ("il", "del"), "de": ("den", "der", "am")}


@functools.lru_cache(maxsize=16)
def _dateutil_names(language: str | None) -> object:
    """python-dateutil's ``parserinfo`` with the month and weekday names of
    ``language`` besides English ones, and its little words skipped."""
    from dateutil import parser

    names = _date_names(language)
    base = parser.parserinfo

    def added(known: Sequence[tuple[str, ...]], extra: dict[str, int],
              first: int) -> list[tuple[str, ...]]:
        """``known`` (dateutil's names, one tuple each), with the names of ``extra``
        (name → number, counted from ``first``) that are one word."""
        return [(*names_of, *(name for name, number in extra.items()
                              if number - first == index and " " not in name))
                for index, names_of in enumerate(known)]

    code = (language or "en").replace("-", "_").split("_")[0].lower()
    info = type("LanguageInfo", (base,), {
        "MONTHS": added(base.MONTHS, names.months, 1),
        # a weekday's name that is a month's too (Spanish "mar") is read as the month
        "WEEKDAYS": added(base.WEEKDAYS, {name: day for name, day in names.weekdays.items()
                                          if name not in names.months}, 0),
        "JUMP": [*base.JUMP, *_JOINING_WORDS.get(code, ())],
    })
    return info()


def _dateutil(text: str, ablog: bool, language: str | None = None) -> dt.datetime:
    """``text`` read by python-dateutil (as ABlog reads dates), month first, zone names
    by ``ZONE_NAMES``, month and weekday names in English or ``language``.

    A date needs its year and month; ABlog's posts may leave out the day (the 1st, where
    ABlog would take today's), others may not.
    """
    from dateutil import parser

    try:
        info = _dateutil_names(language)
        first: dt.datetime = parser.parser(info).parse(  # type: ignore[arg-type]
            text.replace("\u2019", "'"), default=_DEFAULT_A, tzinfos=_zone_offset)
        second: dt.datetime = parser.parser(info).parse(  # type: ignore[arg-type]
            text.replace("\u2019", "'"), default=_DEFAULT_B, tzinfos=_zone_offset)
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a date; {_ISO_HINT}") from None
    missing = [part for part in ("year", "month", "day")
               if getattr(first, part) != getattr(second, part)]
    if missing and (not ablog or missing != ["day"]):
        raise ValueError(f"{text!r} is not a date: it has no {' or '.join(missing)}; "
                         f"{_ISO_HINT}")
    return first


def zone_problem(value: object, timezone: dt.tzinfo,
                 formats: tuple[str, ...] = ABLOG_DATE_FORMATS,
                 language: str | None = None) -> str | None:
    """A message if ``value`` is a date written with a zone name that is not in
    ``ZONE_NAMES`` (``10:00 IST``), so read in ``timezone`` instead; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _iso_datetime(text) is not None or _strptime(text, formats, language) is not None:
        return None
    from dateutil import parser

    names: list[str] = []

    def collect(name: str | None, offset: int | None) -> int | None:
        found = _zone_offset(name, offset)
        if found is None and name:
            names.append(name)
        return found

    try:
        parser.parser(_dateutil_names(language)).parse(  # type: ignore[arg-type]
            text.replace("\u2019", "'"), default=_DEFAULT_A, tzinfos=collect)
    except (ValueError, OverflowError):
        return None
    if not names:
        return None
    name = names[0]
    meaning = (f"may mean {AMBIGUOUS_ZONE_NAMES[name]}" if name in AMBIGUOUS_ZONE_NAMES
               else "is not a zone name sphinx-postlog knows")
    return (f"in {text!r}, {name!r} {meaning}, so the time is read in postlog_timezone "
            f"({timezone}); write the zone as an offset from UTC, such as 10:00+05:30")


def read_datetime(value: object, timezone: dt.tzinfo,
                  formats: tuple[str, ...] = ABLOG_DATE_FORMATS,
                  ablog: bool = False, language: str | None = None) -> dt.datetime:
    """An aware datetime from a YAML date, datetime or ISO-8601 string, a string in one
    of ``formats`` (ABlog's ``post_date_format`` and common variants), or any other
    date python-dateutil reads (``Jan 8th, 2024``), month first (``01/02/2024`` is
    January 2, as in ABlog; see ``ambiguous_date``). ``ablog``: as ABlog reads it.
    Month and weekday names may be English or ``language``'s (the site's).

    Values without a zone are read in ``timezone``. Raise ValueError with a message a
    user can act on, also for moments ``usable_moment`` refuses.
    """
    return usable_moment(in_zone(written_datetime(value, formats, ablog, language),
                                 timezone), value)


def in_zone(moment: dt.datetime, timezone: dt.tzinfo) -> dt.datetime:
    """``moment``, in ``timezone`` if it was written without a zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=timezone)
    return moment


#: The moments a date may give: Python's calendar (the years 1 to 9999) less a day at
#: each end, so that the moment can be shown in any zone without going past either end.
EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.timezone.utc)
LATEST = dt.datetime(9999, 12, 30, 23, 59, 59, tzinfo=dt.timezone.utc)
_MINUTE = dt.timedelta(minutes=1)


def usable_moment(moment: dt.datetime, value: object) -> dt.datetime:
    """``moment`` (the aware reading of ``value``) as every later step can use it, or a
    ValueError: between ``EARLIEST`` and ``LATEST``, and with a zone offset in whole
    minutes.

    RFC 3339 (Atom, JSON Feed) and RFC 822 (RSS) write offsets in minutes, and an IANA
    zone's local mean time before 1900 has seconds (Europe/Amsterdam: +00:19:32): such a
    moment is given the offset rounded to the minute, the instant kept as it is (its
    clock time then shows the seconds).
    """
    try:
        utc = moment.astimezone(dt.timezone.utc)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ValueError(f"{describe(value)} is not a date sphinx-postlog can use: it is "
                         "too near the start of the year 1 or the end of 9999, the limits "
                         f"of Python's calendar; write a date between {EARLIEST.date()} "
                         f"and {LATEST.date()}")
    offset = moment.utcoffset() or dt.timedelta(0)
    if not offset % _MINUTE:
        return moment
    minutes = max(-23 * 60 - 59, min(round(offset / _MINUTE), 23 * 60 + 59))
    return utc.astimezone(dt.timezone(minutes * _MINUTE))


#: How a date was written (see ``date_form``): a day, a time without a zone, a time
#: with one.
DAY, LOCAL_TIME, ZONED_TIME = "day", "local", "zoned"
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def date_form(value: object, written: dt.datetime) -> str:
    """Whether ``value`` (read as ``written``, see ``written_datetime``) gives a day only,
    a time without a zone (read in ``postlog_timezone``) or a time with a zone."""
    if written.tzinfo is not None and written.utcoffset() is not None:
        return ZONED_TIME
    if isinstance(value, dt.datetime) or (isinstance(value, str) and _CLOCK.search(value)):
        return LOCAL_TIME
    return DAY


def written_datetime(value: object, formats: tuple[str, ...] = ABLOG_DATE_FORMATS,
                     ablog: bool = False, language: str | None = None) -> dt.datetime:
    """The moment ``value`` gives, as written: without a zone if it has none (see
    ``read_datetime``)."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        moment = (_iso_datetime(text) or _strptime(text, formats, language)
                  or _dateutil(text, ablog, language))
    else:
        raise ValueError(f"{describe(value)} is not a date; write it as YYYY-MM-DD")
    try:
        moment.utcoffset()
    except ValueError:  # python-dateutil reads +99:00, which no zone is
        raise ValueError(f"{describe(value)} is not a date: its zone is a day or more "
                         "from UTC; an offset is less than 24 hours") from None
    return moment


def _iso_datetime(text: str) -> dt.datetime | None:
    """``text`` as ISO 8601 (as Python reads it), or None."""
    iso = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text  # Python 3.10
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        return None


def ambiguous_date(value: object) -> str | None:
    """A message if ``value`` is a date written with numbers only that reads as two
    different days (``01/02/2024``: January 2 or February 1); else None."""
    if not isinstance(value, str) or not _DAY_MONTH_YEAR.match(value.strip()):
        return None
    from dateutil import parser

    try:
        month_first = parser.parse(value, default=_DEFAULT_A, ignoretz=True)
        day_first = parser.parse(value, default=_DEFAULT_A, dayfirst=True, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if month_first.date() == day_first.date():
        return None
    return (f"{value.strip()!r} reads as {month_first:%B} {month_first.day} or "
            f"{day_first:%B} {day_first.day}; read as {month_first:%B} {month_first.day}, "
            f"{month_first.year} (month first, as ABlog reads it). Write "
            f"{month_first:%Y-%m-%d} to say which")


_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_url(text: str) -> bool:
    """True if ``text`` is an absolute URL (``https://…``), not a path."""
    return bool(_URL.match(text))


_WEB_URL = re.compile(r"^https?://[^\s/?#]", re.IGNORECASE)


def is_web_url(text: str) -> bool:
    """True if ``text`` is an http or https URL with a host: the only absolute URLs a
    page may point readers to (``file:`` or ``javascript:`` ones would act on their
    machine)."""
    return bool(_WEB_URL.match(text))


def describe(value: object) -> str:
    """A YAML value as a user would name it in a message."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value) if isinstance(value, str) else str(value)


def read_flag(value: object) -> bool | None:
    """A YAML boolean; None when the value is not one."""
    return value if isinstance(value, bool) else None


def make_timezone(name: str) -> dt.tzinfo:
    """``postlog_timezone`` as a tzinfo; ``UTC`` or an IANA name such as Europe/Paris."""
    if name.upper() in {"UTC", "Z", "GMT"}:
        return dt.timezone.utc
    return ZoneInfo(name)


def strings_in(value: object) -> Iterator[str]:
    """Every string in a setting's value, dicts, lists and tuples looked into (the
    template names of ``html_sidebars`` or of a theme's options)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)
