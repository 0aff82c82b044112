"""Labels are translated with the site's language, and dates are formatted in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.util.i18n import format_date as sphinx_format_date

from conftest import build_site, read_html, warning_lines, write_site
from sphinx_postlog.i18n import format_date


def test_french_site(built_root) -> None:
    app = built_root("frontmatter", confoverrides={"language": "fr"})
    assert warning_lines(app) == []
    meta = read_html(app.outdir, "posts/space.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Étiquettes"
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
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Schlagwörter"


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


SITE_PO = """msgid ""
msgstr ""
"Language: es\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Tags"
msgstr "Temas"

msgid "%d min read"
msgid_plural "%d min read"
msgstr[0] "%d minutito"
msgstr[1] "%d minutitos"
"""
SITE_POST = {"posts/hello.md": "---\ndate: 2024-07-24\ntags: python\nauthor: Ana\n---\n"
                               "# Hello\n\nWords.\n"}


def _site_catalog(srcdir: Path, language: str, text: str, folder: str = "locales") -> Path:
    path = srcdir / folder / language / "LC_MESSAGES" / "sphinx_postlog.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def _meta(app):
    return read_html(app.outdir, "posts/hello.html").select_one(".postlog-post-meta")


def test_site_translations_come_first(tmp_path: Path) -> None:
    """A site's own ``sphinx_postlog.po`` in its ``locale_dirs`` overrides our labels
    message by message (plural forms too); the others stay ours."""
    srcdir = write_site(tmp_path / "src", SITE_POST, 'language = "es"\n')
    _site_catalog(srcdir, "es", SITE_PO)
    app = build_site(srcdir)
    assert warning_lines(app) == []
    meta = _meta(app)
    assert meta.select_one(".postlog-tags .postlog-label").get_text() == "Temas"
    assert meta.select_one(".postlog-reading-time").get_text() == "1 minutito"
    assert meta.select_one(".postlog-authors .postlog-label").get_text() == "Por"
    # Sphinx compiled the .po, and the .mo says the same: nothing to write again.
    assert (srcdir / "locales" / "es" / "LC_MESSAGES" / "sphinx_postlog.mo").is_file()
    assert "no targets are out of date" in build_site(srcdir)._status.getvalue()


def test_site_translations_for_english_compiled(tmp_path: Path) -> None:
    """An English site can reword a label too, from a compiled catalog in a folder of
    its ``locale_dirs``; a change of it rewrites the pages."""
    srcdir = write_site(tmp_path / "src", SITE_POST, 'locale_dirs = ["words"]\n')
    po = _site_catalog(srcdir, "en", SITE_PO.replace("Language: es", "Language: en")
                       .replace('"Temas"', '"Topics"'), folder="words")
    with po.open("rb") as handle:
        catalog = read_po(handle)
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    po.unlink()
    app = build_site(srcdir)
    assert _meta(app).select_one(".postlog-tags .postlog-label").get_text() == "Topics"
    assert _meta(app).select_one(".postlog-authors .postlog-label").get_text() == "By"
    catalog.get("Tags").string = "Subjects"
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    again = build_site(srcdir)
    assert _meta(again).select_one(".postlog-tags .postlog-label").get_text() == "Subjects"
    unchanged = build_site(srcdir)
    assert "no targets are out of date" in unchanged._status.getvalue()


def test_unreadable_site_translations(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "src", SITE_POST, 'language = "es"\n')
    mo = srcdir / "locales" / "es" / "LC_MESSAGES" / "sphinx_postlog.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"not a catalog")
    app = build_site(srcdir)
    [warning] = warning_lines(app)
    assert "sphinx_postlog.mo:1: WARNING" in warning and "[postlog.config]" in warning
    assert _meta(app).select_one(".postlog-tags .postlog-label").get_text() == "Etiquetas"
