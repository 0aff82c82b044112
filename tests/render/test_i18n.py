"""Labels are translated with the site's language, and dates are formatted in it."""

from __future__ import annotations

import datetime as dt

import pytest
from sphinx.util.i18n import format_date as sphinx_format_date

from conftest import read_html, warning_lines
from sphinx_postlog.i18n import format_date


def test_french_site(built_root) -> None:
    app = built_root("frontmatter", confoverrides={"language": "fr"})
    assert warning_lines(app) == []
    meta = read_html(app.outdir, "posts/space.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Étiquettes :"
    assert meta.select_one(".postlog-date").get_text() == "18 mai 2018"  # Sphinx's own format
    assert meta.select_one(".postlog-reading-time").get_text() == "1 min de lecture"
    heading = read_html(app.outdir, "blog/tags/python.html").find("h1").get_text()
    assert heading == "Billets étiquetés « python »"
    year = read_html(app.outdir, "blog/archive/2021.html")
    assert [h.get_text() for h in year.select("section.postlog-group h2")] == [
        "juillet 2021", "juin 2021"]


def test_date_format_setting(built_root) -> None:
    app = built_root("frontmatter", confoverrides={"language": "de",
                                                   "postlog_date_format": "%d. %B %Y"})
    meta = read_html(app.outdir, "posts/space.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-date").get_text() == "18. Mai 2018"
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Schlagwörter:"


@pytest.mark.parametrize("date_format", [
    "%b %d, %Y", "%B %-d, %Y", "%d/%m/%Y", "%A %d %B %Y", "%a, %-d %b %Y", "%Y-%m-%d",
    "%-m/%-d/%Y", "%B %Y", "100%% %Y", "%H:%M %d %b", "%x", "%y %j", "no date"])
def test_english_dates_are_those_sphinx_writes(date_format: str) -> None:
    zones = [dt.timezone.utc, dt.timezone(dt.timedelta(hours=14)),
             dt.timezone(dt.timedelta(hours=-12)), None]
    moments = [dt.datetime(year, month, day, hour, 30, tzinfo=zone)
               for year in (9, 999, 2018, 2024) for month in (1, 2, 9, 12)
               for day in (1, 9, 28) for hour in (0, 23) for zone in zones]
    for moment in moments:
        for language in ("en", "fr", "de"):
            assert format_date(date_format, moment, language) == sphinx_format_date(
                date_format, date=moment, language=language), (moment, language)
