"""Unit tests of sphinx_postlog.normalise: the values people write, read as typed values
(terms, authors, dates), and the words used about them in warnings."""

from __future__ import annotations

import datetime as dt
import re
import time
import warnings
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import REPO
from sphinx_postlog.normalise import (
    ABLOG_DATE_FORMATS,
    AMBIGUOUS_ZONE_NAMES,
    ZONE_NAMES,
    ambiguous_date,
    clean_text,
    describe,
    flowing_text,
    make_timezone,
    read_authors,
    read_datetime,
    read_flag,
    read_terms,
    rule_difference,
    split_ablog_terms,
    split_terms,
    strings_in,
    usable_moment,
    written_datetime,
    zone_problem,
)

UTC = dt.timezone.utc
ISO_HINT = "write it as YYYY-MM-DD, optionally with a time and zone (2018-05-18T09:30:00+02:00)"


def node(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def test_flowing_text_keeps_edges_and_clean_text_trims() -> None:
    assert flowing_text(" a\t\n b\x07c ") == " a bc "
    assert clean_text(" a\t\n b\x07c ") == "a bc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[a, b]", ["a", "b"]),
        ('cicd, "github actions"', ["cicd", "github actions"]),
        ("\N{LEFT DOUBLE QUOTATION MARK}x\N{RIGHT DOUBLE QUOTATION MARK}, 'y'", ["x", "y"]),
        ("[a, b", ["[a", "b"]),
        ("a, b]", ["a", "b]"]),
        ("[ab]", ["ab"]),
        ("software development", ["software development"]),
    ],
)
def test_ablog_terms_split_on_commas_and_drop_brackets_and_quotes(
    text: str, expected: list[str]
) -> None:
    assert split_ablog_terms(text) == expected


def test_own_terms_split_on_commas_else_white_space() -> None:
    assert split_terms("a b, c") == ["a b", " c"]
    assert split_terms("a  b") == ["a", "b"]


def test_ablog_reading_of_a_term_string() -> None:
    terms, problems = read_terms(node("software development, '[x]'"), "tag", ablog=True)
    assert terms == ("software development", "[x]")
    assert problems == []
    assert read_terms(node("software development"), "tag")[0] == ("software", "development")


def test_term_problems_name_the_field() -> None:
    assert read_terms(node("{a: b}"), "category")[1] == [
        "category must be text or a list, not a mapping; ignored"]
    assert read_terms(node("[a, [b]]"), "tag")[1] == [
        "tag: nested lists and mappings are not allowed; ignored"]
    assert read_terms(node("[a, ~]"), "tag") == (("a",), ["tag: empty value ignored"])
    assert read_terms(node("[Python, python]"), "tag") == (
        ("Python",), ["tag: 'Python' and 'python' differ only by case; keeping 'Python'"])
    long = "x" * 201
    terms, problems = read_terms(node(f"[{long}, {'y' * 200}]"), "tag")
    assert terms == ("y" * 200,)
    assert problems == [f"tag: value longer than 200 characters ignored ({'x' * 40}…)"]


def test_rule_difference_says_how_the_two_readings_differ() -> None:
    assert rule_difference(node("software development"), "tag") == (
        "tag 'software development' is read as ABlog reads it, 'software development'; "
        "sphinx-postlog's own rule would read 'software', 'development'")
    assert rule_difference(node("'[]'"), "category") == (
        "category '[]' is read as ABlog reads it, nothing; "
        "sphinx-postlog's own rule would read '[]'")


@pytest.mark.parametrize("yaml_text", ["python", "a, b", "~", "[a b, c]", "{a: b}"])
def test_no_rule_difference_when_both_read_alike_or_for_non_strings(yaml_text: str) -> None:
    assert rule_difference(node(yaml_text), "tag") is None


def test_author_problems_name_the_author_field() -> None:
    assert read_authors(node("{a: b}"), set()) == (
        (), ["author must be text or a list, not a mapping; ignored"])
    assert read_authors(node("[Jane, '']"), set()) == (
        ("Jane",), ["author: empty value ignored"])
    assert read_authors(node("Jane,"), set()) == (("Jane",), ["author: empty value ignored"])
    assert read_authors(node("~"), set()) == ((), [])


def test_ablog_authors_split_on_commas_only_and_drop_quotes() -> None:
    assert read_authors(node("""'Jane Doe, "Sam Roe"'"""), set(), ablog=True)[0] == (
        "Jane Doe", "Sam Roe")
    assert read_authors(node("""'Jane Doe, "Sam Roe"'"""), set())[0] == (
        "Jane Doe", '"Sam Roe"')
    # With ablog, author keys are not split on spaces.
    assert read_authors(node("jane sam"), {"jane", "sam"}, ablog=True)[0] == ("jane sam",)
    assert read_authors(node("[jane, sam]"), set(), ablog=True)[0] == ("jane", "sam")


def test_formats_are_tried_in_turn() -> None:
    formats = ("%d %B %Y", "day %d of month %m in %Y")
    assert read_datetime("day 08 of month 01 in 2024", UTC, formats) == dt.datetime(
        2024, 1, 8, tzinfo=UTC)
    assert read_datetime("08 January 2024", UTC, formats) == dt.datetime(2024, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 8th, 2024", dt.datetime(2024, 1, 8, tzinfo=UTC)),
        ("8 Jan 2024 10:15", dt.datetime(2024, 1, 8, 10, 15, tzinfo=UTC)),
        ("01/02/2024", dt.datetime(2024, 1, 2, tzinfo=UTC)),
    ],
)
def test_other_dates_are_read_as_dateutil_reads_them(text: str, expected: dt.datetime) -> None:
    assert read_datetime(text, UTC) == expected


def test_zulu_and_offsets_are_kept() -> None:
    assert read_datetime("2018-05-18T09:30:00Z", make_timezone("Europe/Paris")) == dt.datetime(
        2018, 5, 18, 9, 30, tzinfo=UTC)
    assert read_datetime("2018-05-18T09:30:00z", UTC).utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("January 2024", f"'January 2024' is not a date: it has no day; {ISO_HINT}"),
        ("March", f"'March' is not a date: it has no year or day; {ISO_HINT}"),
        ("2024", f"'2024' is not a date: it has no month or day; {ISO_HINT}"),
        ("yesterday", f"'yesterday' is not a date; {ISO_HINT}"),
    ],
)
def test_partial_dates_name_the_missing_parts(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        read_datetime(text, UTC)
    assert str(error.value) == message


def test_ablog_dates_may_leave_out_the_day_only() -> None:
    assert read_datetime("January 2024", UTC, ablog=True) == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert read_datetime("Feb 2021", UTC, ablog=True) == dt.datetime(2021, 2, 1, tzinfo=UTC)
    with pytest.raises(ValueError) as error:
        read_datetime("March", UTC, ablog=True)
    assert str(error.value) == f"'March' is not a date: it has no year or day; {ISO_HINT}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "an empty value is not a date; write it as YYYY-MM-DD"),
        (True, "true is not a date; write it as YYYY-MM-DD"),
        ([1], "a list is not a date; write it as YYYY-MM-DD"),
        (12, "12 is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_values_that_are_no_dates_are_named_in_the_message(value: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        read_datetime(value, UTC)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (None, "an empty value"),
        (True, "true"),
        (False, "false"),
        ([1], "a list"),
        ((1,), "a list"),
        ({"a": 1}, "a mapping"),
        ("text", "'text'"),
        (3.5, "3.5"),
        (dt.date(2024, 1, 8), "2024-01-08"),
    ],
)
def test_describe_names_values_as_a_user_would(value: object, described: str) -> None:
    assert describe(value) == described


@pytest.mark.parametrize(("value", "flag"), [(True, True), (False, False), ("yes", None),
                                             (1, None), (None, None)])
def test_only_yaml_booleans_are_flags(value: object, flag: bool | None) -> None:
    assert read_flag(value) is flag


def test_ambiguous_dates_are_named_with_both_readings() -> None:
    assert ambiguous_date("01/02/2024") == (
        "'01/02/2024' reads as January 2 or February 1; read as January 2, 2024 "
        "(month first, as ABlog reads it). Write 2024-01-02 to say which")
    assert ambiguous_date(" 03.04.2021 ") is not None
    assert ambiguous_date("01/01/2024") is None
    assert ambiguous_date("13/02/2024") is None
    assert ambiguous_date("2024-01-02") is None
    assert ambiguous_date(dt.date(2024, 1, 2)) is None


@pytest.mark.parametrize("name", ["UTC", "utc", "Z", "GMT", "gmt"])
def test_utc_names(name: str) -> None:
    assert make_timezone(name) is UTC


def test_iana_zone() -> None:
    zone = make_timezone("Europe/Paris")
    assert dt.datetime(2018, 7, 1, tzinfo=zone).utcoffset() == dt.timedelta(hours=2)


def test_any_iso_8601_form_python_reads_is_a_date() -> None:
    # Week dates are read by datetime.fromisoformat, not by python-dateutil.
    assert read_datetime("2019-W01-1", UTC) == dt.datetime(2018, 12, 31, tzinfo=UTC)
    assert read_datetime("2019-W01-1T10:00Z", UTC) == dt.datetime(2018, 12, 31, 10, tzinfo=UTC)
    assert read_datetime("2019-W01-1T10:00z", UTC) == dt.datetime(2018, 12, 31, 10, tzinfo=UTC)


class _NoOffset(dt.tzinfo):
    """A zone that does not know its offset: the value counts as naive."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta | None:
        return None


def test_a_zone_without_offset_is_replaced_by_the_configured_one() -> None:
    moment = read_datetime(dt.datetime(2024, 1, 8, 9, tzinfo=_NoOffset()), UTC)
    assert moment.utcoffset() == dt.timedelta(0)
    assert moment == dt.datetime(2024, 1, 8, 9, tzinfo=UTC)


def test_strings_in_a_setting() -> None:
    value = {"**": ["a.html", "b.html"], "x": "c.html",
             "options": {"items": ("d.html", 3, None, ["e.html"])}}
    assert list(strings_in(value)) == ["a.html", "b.html", "c.html", "d.html", "e.html"]
    assert list(strings_in("only.html")) == ["only.html"]
    assert list(strings_in(None)) == [] and list(strings_in(7)) == []


# --- zone names, offsets and the ends of the calendar ------------------------------------

ZONED_TEXTS = ["Jan 15 2024 10:00 EST", "Jan 15 2024 10:00 EDT", "15 January 2024 10:00 CEST",
               "Jan 15 2024 10:00 GMT", "Jan 15 2024 10:00 Z", "Jan 15 2024 10:00 UT",
               "Jan 15 2024 10:00 ACST", "Jan 15 2024 10:00 IST", "Jan 15 2024 10:00 XYZT",
               "Jan 15 2024 10:00", "Jan 15 2024 10:00 +05:30", "01/02/2024 10:00 IST"]


def _readings() -> list[tuple[str, str | None]]:
    """Every text of ``ZONED_TEXTS`` as read in Europe/Paris, and its zone problem."""
    paris = make_timezone("Europe/Paris")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no UnknownTimezoneWarning, nothing else
        return [(read_datetime(text, paris).isoformat(), zone_problem(text, paris))
                for text in ZONED_TEXTS]


def test_zone_names_read_the_same_whatever_the_machine_s_zone(monkeypatch) -> None:
    """python-dateutil alone takes the machine's zone names (``time.tzname``) for its own
    zone, and warns (UnknownTimezoneWarning) about any other."""
    found = {}
    try:
        for zone in ("UTC", "America/New_York", "Asia/Kolkata", "Australia/Adelaide"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            found[zone] = _readings()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert found["America/New_York"] == found["Asia/Kolkata"] == found["UTC"]
    assert found["Australia/Adelaide"] == found["UTC"]
    dates = [date for date, _ in found["UTC"]]
    assert dates == ["2024-01-15T10:00:00-05:00", "2024-01-15T10:00:00-04:00",
                     "2024-01-15T10:00:00+02:00", "2024-01-15T10:00:00+00:00",
                     "2024-01-15T10:00:00+00:00", "2024-01-15T10:00:00+00:00",
                     "2024-01-15T10:00:00+09:30", "2024-01-15T10:00:00+01:00",
                     "2024-01-15T10:00:00+01:00", "2024-01-15T10:00:00+01:00",
                     "2024-01-15T10:00:00+05:30", "2024-01-02T10:00:00+01:00"]
    problems = [problem for _, problem in found["UTC"]]
    assert problems[:7] == [None] * 7 and problems[9:11] == [None, None]
    assert problems[7] == (
        "in 'Jan 15 2024 10:00 IST', 'IST' may mean India +05:30, Ireland +01:00 or Israel "
        "+02:00, so the time is read in postlog_timezone (Europe/Paris); write the zone as "
        "an offset from UTC, such as 10:00+05:30")
    assert problems[8] == (
        "in 'Jan 15 2024 10:00 XYZT', 'XYZT' is not a zone name sphinx-postlog knows, so "
        "the time is read in postlog_timezone (Europe/Paris); write the zone as an offset "
        "from UTC, such as 10:00+05:30")
    assert problems[11] is not None and "'IST' may mean" in problems[11]


def test_the_zone_table_is_whole_hours_and_halves_and_knows_no_ambiguous_name() -> None:
    assert all(-12 <= hours <= 14 and hours * 2 == int(hours * 2)
               for hours in ZONE_NAMES.values())
    assert not set(AMBIGUOUS_ZONE_NAMES) & set(ZONE_NAMES)
    assert all(name.isupper() and len(name) <= 5 for name in ZONE_NAMES)  # as dateutil reads


def test_the_guide_shows_the_zone_table() -> None:
    guide = (REPO / "docs/guide.md").read_text(encoding="utf-8")
    shown = {}
    row = re.compile("^\\| ([+\N{MINUS SIGN}]\\d\\d:\\d\\d) \\| (`.*`) \\|$", re.MULTILINE)
    for offset, names in row.findall(guide):
        hours = int(offset[1:3]) + int(offset[4:]) / 60
        for name in re.findall(r"`(\w+)`", names):
            shown[name] = -hours if offset[0] == "\N{MINUS SIGN}" else hours
    assert shown == ZONE_NAMES


@pytest.mark.parametrize("value", ["2024-01-15T10:00Z", "2024-01-15 10:00", "Jan 15 2024",
                                   "8 January 2024", dt.date(2024, 1, 15), None, "yesterday"])
def test_dates_without_a_zone_name_have_no_zone_problem(value: object) -> None:
    assert zone_problem(value, UTC) is None


def test_an_offset_of_a_day_or_more_is_not_a_date() -> None:
    with pytest.raises(ValueError) as error:
        read_datetime("2024-01-01T10:00+99:00", UTC)
    assert str(error.value) == ("'2024-01-01T10:00+99:00' is not a date: its zone is a day "
                                "or more from UTC; an offset is less than 24 hours")


WEST, EAST = ZoneInfo("Etc/GMT+12"), ZoneInfo("Pacific/Kiritimati")  # -12:00 and +14:00


@pytest.mark.parametrize(("value", "zone"), [
    ("0001-01-01T00:00+01:00", UTC),  # in UTC, the year 0
    ("9999-12-31T23:00-05:00", UTC),  # in UTC, the year 10000
    ("9999-12-31 23:59", WEST),
    ("0001-01-01 00:00", EAST),
    (dt.datetime(9999, 12, 31, 20, tzinfo=dt.timezone(dt.timedelta(hours=-5))), UTC),
    (dt.date(9999, 12, 31), UTC),  # in UTC, but not in every zone
    (dt.date(1, 1, 1), UTC),
])
def test_moments_at_the_ends_of_the_calendar_are_not_dates(value: object,
                                                           zone: dt.tzinfo) -> None:
    with pytest.raises(ValueError) as error:
        read_datetime(value, zone)
    assert str(error.value).endswith(
        "is not a date sphinx-postlog can use: it is too near the start of the year 1 or "
        "the end of 9999, the limits of Python's calendar; write a date between 0001-01-02 "
        "and 9999-12-30")


@pytest.mark.parametrize("value", ["0001-01-02T00:00Z", "9999-12-30T23:59:59Z",
                                   "0001-01-02T12:00+12:00"])
def test_moments_a_day_inside_the_calendar_can_be_shown_in_any_zone(value: str) -> None:
    moment = read_datetime(value, UTC)
    for zone in (WEST, EAST):
        assert moment.astimezone(zone) == moment


@pytest.mark.parametrize(("zone", "expected"), [
    ("Europe/Amsterdam", "1900-01-01T12:00:28+00:20"),  # LMT +00:19:32
    ("America/New_York", "1850-01-01T12:00:02-04:56"),  # LMT -04:56:02
])
def test_offsets_with_seconds_are_rounded_to_the_minute_keeping_the_instant(
        zone: str, expected: str) -> None:
    written = dt.datetime(int(expected[:4]), 1, 1, 12)
    moment = read_datetime(written, make_timezone(zone))
    assert moment.isoformat() == expected
    assert moment == written.replace(tzinfo=ZoneInfo(zone))  # the same instant
    assert read_datetime("2024-01-01T10:00:00+01:00:30", UTC).isoformat() == (
        "2024-01-01T09:59:30+01:00")


def test_usable_moment_keeps_a_moment_in_whole_minutes_as_it_is() -> None:
    paris = ZoneInfo("Europe/Paris")
    moment = dt.datetime(2024, 7, 1, 10, tzinfo=paris)
    assert usable_moment(moment, "x").tzinfo is paris


@pytest.mark.parametrize(("text", "date_format", "language", "expected"), [
    # the site's post_date_format, glibc's %-d (no padding) included
    ("31 juliol de 2014", "%-d %B de %Y", "ca", dt.datetime(2014, 7, 31)),
    ("3 d\u2019agost de 2014", "%-d %B de %Y", "ca", dt.datetime(2014, 8, 3)),
    ("9 febr. 2017", "%-d %b %Y", "ca", dt.datetime(2017, 2, 9)),
    ("dimarts, 5 de març de 2019", "%A, %-d de %B de %Y", "ca", dt.datetime(2019, 3, 5)),
    ("31 de julio de 2014", "%d de %B de %Y", "es", dt.datetime(2014, 7, 31)),
    ("lunes 3 mar 2014 10:30", "%A %d %b %Y %H:%M", "es", dt.datetime(2014, 3, 3, 10, 30)),
    ("5 février 2019", "%-d %B %Y", "fr", dt.datetime(2019, 2, 5)),
    ("mardi 5 févr. 2019", "%A %d %b %Y", "fr", dt.datetime(2019, 2, 5)),
    ("5. März 2019", "%-d. %B %Y", "de", dt.datetime(2019, 3, 5)),
    ("Dienstag, 05.03.2019", "%A, %d.%m.%Y", "de", dt.datetime(2019, 3, 5)),
    ("7 July 2019", "%-d %B %Y", "de", dt.datetime(2019, 7, 7)),  # English always reads
    ("7 July 2019 3:04 pm", "%-d %B %Y %I:%M %p", None, dt.datetime(2019, 7, 7, 15, 4)),
])
def test_dates_in_the_format_and_language_of_the_site(text, date_format, language,
                                                      expected) -> None:
    assert written_datetime(text, (date_format,), True, language) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    # without a format of its own: python-dateutil, with the language's names
    ("31 juliol de 2014", "ca", dt.datetime(2014, 7, 31)),
    ("26 de novembre de 2022", "ca", dt.datetime(2022, 11, 26)),
    ("3 d'agost de 2014", "ca", dt.datetime(2014, 8, 3)),
    ("31 de julio de 2014", "es", dt.datetime(2014, 7, 31)),
    ("3 mar 2014", "es", dt.datetime(2014, 3, 3)),  # "mar" is March, not Tuesday
    ("mardi 5 février 2019", "fr", dt.datetime(2019, 2, 5)),
    ("Dienstag, 5. März 2019", "de", dt.datetime(2019, 3, 5)),
    ("Jan 8th, 2024", "fr", dt.datetime(2024, 1, 8)),
])
def test_dates_in_the_sites_language_without_its_format(text, language, expected) -> None:
    assert written_datetime(text, ABLOG_DATE_FORMATS, True, language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("31 juliol de 2014", None), ("31 juliol de 2014", "es"), ("5 février 2019", "de"),
    ("32 juliol de 2014", "ca"), ("31 juliol", "ca"),
])
def test_names_of_other_languages_and_impossible_dates_are_not_dates(text, language) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        written_datetime(text, ("%-d %B de %Y",), True, language)
