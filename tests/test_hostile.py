"""Hostile input: names and titles escaped everywhere, safe file names, well-formed
feeds; front matter and dates made to hang or break a build are one warning each."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata
import warnings
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import (
    alias_bomb,
    build_site,
    parsed_warnings,
    read_html,
    warning_lines,
    write_site,
)
from sphinx_postlog.collect.registry import get_registry

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
HOSTILE_TAGS = ["<script>alert('tag')</script>", '"><img src=x onerror=alert(1)>', "]]>",
                "belltag", "\u202eevil", "../../etc", "/abs", "CON", "a/b", ".", ".."]
COLLIDING = ["C++", "C#", "Café", unicodedata.normalize("NFD", "Café"), "café", "python",
             "Python", "PYTHON"]


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("hostile")
    assert warning_lines(app) == []
    return app


def html_pages(outdir: Path) -> list[Path]:
    return [p for p in outdir.rglob("*.html") if "_static" not in p.parts]


def test_registry_keeps_every_name(site) -> None:
    posts = get_registry(site.env).posts
    assert list(posts["posts/one"].tags) == HOSTILE_TAGS
    assert {tag for name in ("two", "three", "four") for tag in posts[f"posts/{name}"].tags} \
        == set(COLLIDING)


def test_nothing_injected_into_any_page(site) -> None:
    # posts/two.md has raw HTML in its own body: MyST passes that on, as authors expect.
    pages = [p for p in html_pages(site.outdir) if p.name != "two.html"]
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        soup = read_html(site.outdir, path.relative_to(site.outdir))
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, and no markup in it
                assert "<" not in script.get_text() and json.loads(script.get_text())
            else:
                assert "alert" not in script.get_text(), path
        for element in soup.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), (path, element)
        assert soup.find("i", string="cat") is None, path
        assert soup.find("b", string="Mallory") is None, path
        assert not CONTROL.search(text), path


def test_names_show_as_written(site) -> None:
    page = read_html(site.outdir, "index.html")
    item = page.select("li.postlog-post")[-1]  # the oldest post
    title = item.select_one("a.postlog-post-title").get_text()
    assert title == "<script>alert('title')</script> ]]> \u202eevil"
    tags = [a.get_text() for a in item.select(".postlog-tags a")]
    assert tags[:len(HOSTILE_TAGS)] == HOSTILE_TAGS
    authors = [a.get_text() for a in item.select(".postlog-author")]
    assert authors[:2] == ["<b>Mallory</b>", "O'Brien & Co"]
    excerpts = [" ".join(p.get_text().split()) for p in page.select(".postlog-excerpt")]
    apostrophe = "\u2019"  # docutils' smart quotes
    # Raw HTML in a post's body is the author's, on the post page; excerpts drop it.
    assert f"Body with raw HTML is the author{apostrophe}s own business." in excerpts


def test_every_tag_gets_a_safe_distinct_file(site) -> None:
    outdir = site.outdir.resolve()
    tags_dir = outdir / "blog" / "tags"
    index = read_html(site.outdir, "blog/tags/index.html")
    files = {}
    for link in index.select("a.postlog-term"):
        target = (tags_dir / unquote(link["href"])).resolve()
        assert target.is_relative_to(tags_dir), link["href"]
        assert target.parent == tags_dir, link["href"]
        assert target.is_file(), link["href"]
        files[link.get_text()] = target.name
    names = set(HOSTILE_TAGS) | set(COLLIDING)
    assert set(files) == names
    assert len({name.casefold() for name in files.values()}) == len(files)
    assert not (outdir.parent / "etc.html").exists() and not Path("/abs.html").exists()


def test_feed_stays_well_formed_and_valid(site, atom_schema) -> None:
    data = (site.outdir / "blog/atom.xml").read_bytes()
    document = etree.fromstring(data)
    assert atom_schema.validate(document), atom_schema.error_log
    assert not CONTROL.search(data.decode("utf-8"))
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    hostile = next(e for e in parsed.entries if e.link.endswith("posts/one.html"))
    assert hostile.title == "<script>alert('title')</script> ]]> \u202eevil"
    summary = BeautifulSoup(hostile.summary, "html.parser")
    assert summary.find("script") is None
    assert summary.get_text() == "<script>alert('excerpt')</script> ]]> & \u202ertl"
    assert [a.name for a in hostile.authors] == ["<b>Mallory</b>", "O'Brien & Co"]
    assert [t.term for t in hostile.tags][:3] == HOSTILE_TAGS[:3]
    assert parsed.feed.title == "Hostile <input> & co"


def test_an_alias_bomb_is_one_warning_and_takes_no_time(tmp_path) -> None:
    """Eight levels of aliases: a hundred million values, minutes to walk one by one (and
    MyST-Parser 4 would write them all out as text)."""
    srcdir = write_site(tmp_path / "site", {"posts/bomb.md": alias_bomb(8)})
    started = time.perf_counter()
    app = build_site(srcdir)
    assert time.perf_counter() - started < 5
    assert parsed_warnings(app) == [("posts/bomb.md", 7, "postlog.frontmatter")]
    assert "keys 'l3', 'l4', 'l5', 'l6', 'l7' and 1 more dropped" in warning_lines(app)[0]
    post = get_registry(app.env).posts["posts/bomb"]
    assert (post.title, post.date.date(), post.tags) == ("Bomb", dt.date(2024, 1, 1), ())
    # MyST was not given the block: none of its keys reached its metadata.
    assert not {"l0", "after", "tags"} & set(app.env.metadata["posts/bomb"])


ZONED_POSTS = {
    "posts/est.md": "---\ndate: Jan 15 2024 10:00 EST\n---\n# EST\n\nText.\n",
    "posts/ist.md": "---\ndate: Jan 16 2024 10:00 IST\n---\n# IST\n\nText.\n",
    "posts/cest.md": "---\ndate: 17 January 2024 10:00 CEST\nupdated: Jan 18 2024 10:00 XYZT"
                     "\n---\n# CEST\n\nText.\n",
}


def test_zone_names_read_the_same_on_every_machine(tmp_path, monkeypatch) -> None:
    """python-dateutil takes the machine's own zone names (``time.tzname``) for its zone:
    EST is -05:00 in New York only, IST +05:30 in India only."""
    from dateutil.parser import UnknownTimezoneWarning

    built = {}
    try:
        for zone in ("UTC", "America/New_York", "Asia/Kolkata"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            srcdir = write_site(tmp_path / zone.replace("/", "-"), ZONED_POSTS,
                                'postlog_timezone = "Europe/Paris"\npostlog_lint = []\n')
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                app = build_site(srcdir)
            assert not [w for w in caught if issubclass(w.category, UnknownTimezoneWarning)]
            posts = get_registry(app.env).posts
            built[zone] = (
                {name: (post.date.isoformat(), post.updated) for name, post in posts.items()},
                parsed_warnings(app),
                (app.outdir / "blog/atom.xml").read_bytes(),
                [(app.outdir / f"posts/{name}.html").read_bytes()
                 for name in ("est", "ist", "cest")])
    finally:
        monkeypatch.undo()
        time.tzset()
    dates, found, _, _ = built["UTC"]
    assert dates == {"posts/est": ("2024-01-15T10:00:00-05:00", None),
                     "posts/ist": ("2024-01-16T10:00:00+01:00", None),
                     "posts/cest": ("2024-01-17T10:00:00+02:00", dt.datetime(
                         2024, 1, 18, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))))}
    assert found == [("posts/cest.md", 3, "postlog.date"), ("posts/ist.md", 2, "postlog.date")]
    assert built["America/New_York"] == built["Asia/Kolkata"] == built["UTC"]


def test_dates_past_the_calendar_are_refused_where_they_are_read(tmp_path, atom_schema) -> None:
    """A zone offset of a day or more, or a moment that cannot be put in UTC (nor in
    another zone), is one warning at its line; nothing later meets it."""
    pages = {
        "posts/far-offset.md": "---\ndate: 2024-01-01T10:00+99:00\n---\n# Far\n\nText.\n",
        "posts/late-update.md": "---\ndate: 2024-01-02\nupdated: 9999-12-31T23:00-05:00\n"
                                "---\n# Late update\n\nText.\n",
        "posts/first-day.md": "---\ndate: 0001-01-01T00:00+01:00\n---\n# First\n\nText.\n",
        # read in postlog_timezone, 12 hours behind UTC: in UTC, the year 10000
        "posts/last-day.md": "---\ndate: 9999-12-31 23:59\n---\n# Last\n\nText.\n",
        "posts/yaml-late.md": "---\ndate: 2024-01-03\nupdated: 9999-12-31 20:00:00 -05:00\n"
                              "---\n# YAML late\n\nText.\n",
        "posts/early-update.md": "---\ndate: 2024-01-05\nupdated: 2024-01-01\n---\n"
                                 "# Early update\n\nText.\n",
    }
    app = build_site(write_site(tmp_path / "site", pages, 'postlog_timezone = "Etc/GMT+12"\n'))
    assert sorted(parsed_warnings(app)) == [
        ("posts/early-update.md", 3, "postlog.lint"),  # the lint still runs, for every post
        ("posts/far-offset.md", 2, "postlog.date"),
        ("posts/first-day.md", 2, "postlog.date"),
        ("posts/last-day.md", 2, "postlog.date"),
        ("posts/late-update.md", 3, "postlog.date"),
        ("posts/yaml-late.md", 3, "postlog.date"),
    ]
    text = "\n".join(warning_lines(app))
    assert ("cannot read 'date': '2024-01-01T10:00+99:00' is not a date: its zone is a day "
            "or more from UTC; an offset is less than 24 hours; this page is not a post") in text
    assert "write a date between 0001-01-02 and 9999-12-30" in text
    posts = get_registry(app.env).posts
    assert set(posts) == {"posts/late-update", "posts/yaml-late", "posts/early-update"}
    assert posts["posts/late-update"].updated is None
    assert atom_schema.validate(etree.fromstring((app.outdir / "blog/atom.xml").read_bytes()))
