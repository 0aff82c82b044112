"""Fuzzing whole builds: any front matter (MyST YAML or an rST field list) and any
``postlog_*`` settings give a build that finishes, reports problems as warnings of
ours (never ``postlog.internal``, never the same warning twice), publishes exactly the
posts that are neither drafts nor scheduled, and writes feeds that parse.

``POSTLOG_FUZZ_EXAMPLES`` sets how many sites each test builds (25 by default, always
the same ones; with the variable set, new ones each run). A failing example is reported
as found: shrinking it means many more builds, ``POSTLOG_FUZZ_SHRINK=1`` asks for it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from sphinx.testing.util import SphinxTestApp
from test_edit_sequences import png

from conftest import build_site, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.config import SETTINGS

#: "Now" for every build, so that dates in the future are scheduled posts.
NOW = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)

EXAMPLES = int(os.environ.get("POSTLOG_FUZZ_EXAMPLES") or 25)
PHASES = tuple(Phase) if os.environ.get("POSTLOG_FUZZ_SHRINK") else (
    Phase.explicit, Phase.reuse, Phase.generate)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, phases=PHASES,
                derandomize=not os.environ.get("POSTLOG_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

# --- Values ----------------------------------------------------------------------------

#: Text as people (and files) have it: any code point but surrogates, control
#: characters included.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
long_text = st.builds(lambda part, times: part * times, st.text(min_size=1, max_size=4),
                      st.integers(200, 1500))

#: Dates as they are written, well and badly: days and months out of range, years 0 and
#: 9999, zones as offsets (with seconds, or ±99:00), as abbreviations, or as ``Z``.
date_text = st.builds(
    lambda year, month, day, time, zone: f"{year:04d}-{month:02d}-{day:02d}{time}{zone}",
    st.sampled_from((1, 1969, 1970, 2019, 2024, 2025, 2099, 9999)),
    st.integers(0, 13), st.integers(0, 32),
    st.sampled_from(("", "T09:30", " 09:30:00", "T23:59:59.999999", "T24:00", " 9:5")),
    st.sampled_from(("", "Z", "+02:00", "-05:30", "+99:00", "-23:59", "+01:00:30",
                     "+0530", " CEST", " EST", " PST", " UTC", " Europe/Paris")))
date_words = st.sampled_from(("yesterday", "now", "2024", "2024-06", "18 May 2018",
                              "May 18, 2018", "2018/05/18", "05/06/2018", "0", "-1",
                              "1e10", "2024-01-08 09:30 +0100", "Mon, 08 Jan 2024"))

#: Zones of whole minutes: PyYAML writes a time whose offset has seconds (some zones'
#: local mean time of long ago) as ``!!timestamp '...'``, which it cannot read back,
#: and MyST-Parser, which reads the front matter too, stops the build there.
zones = st.none() | st.sampled_from((dt.timezone.utc, dt.timezone(dt.timedelta(hours=14)),
                                     dt.timezone(-dt.timedelta(hours=23, minutes=59)),
                                     dt.timezone(dt.timedelta(hours=5, minutes=45))))
scalars = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=False) | text | long_text | st.dates()
           | st.datetimes(timezones=zones) | date_text | date_words)
values = st.recursive(scalars, lambda children: st.lists(children, max_size=4)
                      | st.dictionaries(text, children, max_size=3), max_leaves=8)

#: The front-matter keys sphinx-postlog reads (and ``orphan``, which Sphinx reads).
KEYS = ("date", "updated", "tags", "tag", "category", "categories", "author", "authors",
        "location", "language", "title", "excerpt", "description", "image", "redirect",
        "canonical_link", "draft", "blogpost", "post", "orphan")
#: Values people really give these keys, for the generator to mix with the odd ones.
LIKELY: dict[str, st.SearchStrategy[Any]] = {
    "date": date_text | st.dates() | st.just("2020-01-01"),
    "updated": date_text | st.just("9999-12-31"),
    "draft": st.sampled_from((True, False, "yes", "no", "true", "", None, 1, 0)),
    "image": st.sampled_from(("pic.png", "/pic.png", "../pic.png", "missing.png", 1, 2,
                              "https://cdn.example/a.png", "")),
    "redirect": st.sampled_from(("old/path.html", "../up", "/abs/x.html", "index",
                                 "a, b", "posts/p0.html", "blog/index.html", "")),
}

#: Raw YAML lines that no dumper writes: anchors and aliases (and an alias bomb), tags,
#: flow collections, block scalars, a key given twice.
RAW_YAML = st.sampled_from((
    "tags: &t [a, b]\ncategory: *t",
    "x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "w: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "tags: [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "author: !!binary aGVsbG8=", "date: !!timestamp 2020-01-01", "date: !!str 2020-01-01",
    "tags: !!set {a, b}", "title: !!python/object:os.system x", "excerpt: |\n  two\n  lines",
    "excerpt: >-\n  folded\n  text", "tags: {a: 1, b: [2]}", "date: 2020-01-01\ndate: 2021-01-01",
    "? [complex, key]\n: value", "date: 2020-01-01 # a comment", "draft: &f true\npost: *f",
))


def yaml_line(key: str, value: object) -> str:
    """``key: value`` as YAML (PyYAML quotes and escapes what needs it)."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10**6).rstrip("\n")


@st.composite
def myst_front_matter(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=7))
    lines = [f"{key}: {draw(date_text | date_words)}" if key in ("date", "updated")
             and draw(st.booleans()) else  # as typed, unquoted: YAML's own timestamps
             yaml_line(key, draw(LIKELY[key] | values if key in LIKELY else values))
             for key in keys]
    if draw(st.booleans()):
        lines.insert(0, yaml_line("date", draw(LIKELY["date"])))
    if draw(st.integers(0, 4)) == 0:
        lines.append(draw(RAW_YAML))
    return "\n".join(lines)


def rst_value(value: object) -> str:
    """A value as an rST field has it: one line of text."""
    return re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", str(value))


@st.composite
def rst_fields(draw: st.DrawFn) -> str:
    """A field list, a value sometimes on the line after its name (indented)."""
    keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=6))
    if draw(st.booleans()):
        keys = ["date", *(key for key in keys if key != "date")]
    lines = []
    for key in keys:
        value = rst_value(draw(LIKELY[key] | values if key in LIKELY else values))
        if draw(st.integers(0, 5)) == 0:
            lines.append(f":{key}:\n   {value.strip() or 'x'}")
        else:
            lines.append(f":{key}: {value}".rstrip())
    return "\n".join(lines)


#: Bodies: plain, with a "more" marker, an image, a link to another post, ABlog's
#: {post} directive (for real, or only shown in a code block), a post list.
MYST_BODIES = st.sampled_from((
    "First paragraph.\n\nSecond one.\n",
    "Before.\n\n<!-- more -->\n\nAfter.\n",
    "![a picture](pic.png)\n\nText after the picture.\n",
    "See [the other post](p1.md) and {doc}`/index`.\n",
    "````markdown\n```{post} 2099-01-01\n```\n````\n\nA code block shows the directive.\n",
    "```{post} 2021-02-03\n:tags: directive\n\nThe excerpt.\n```\n\nRest.\n",
    "```{postlist}\n```\n",
    "",
))
RST_BODIES = st.sampled_from((
    "First paragraph.\n\nSecond one.\n",
    "Shown as code::\n\n   .. post:: 2099-01-01\n\nAfter the code.\n",
    ".. code-block:: rst\n\n   :draft: true\n\nText.\n",
    ".. post:: 2021-02-03\n   :tags: directive\n\nThe excerpt.\n",
    ".. image:: pic.png\n\nA picture.\n",
    "",
))


@st.composite
def page(draw: st.DrawFn, number: int) -> tuple[str, str]:
    """One page, MyST or rST: its file name and text."""
    title = draw(st.sampled_from(("A title", "Ünïcode <b>title</b> & co", "")) | text)
    if draw(st.integers(0, 3)) == 0:
        fields, body = draw(rst_fields()), draw(RST_BODIES)
        heading = title.replace("\n", " ").strip() or "Untitled"
        heading = f"{heading}\n{'=' * (2 * len(heading) + 4)}\n\n" if draw(
            st.booleans()) else ""
        return f"p{number}.rst", f"{fields}\n\n{heading}{body}"
    fields, body = draw(myst_front_matter()), draw(MYST_BODIES)
    heading = f"# {title}\n\n" if title.strip() and draw(st.booleans()) else ""
    return f"p{number}.md", f"---\n{fields}\n---\n{heading}{body}"


# --- Settings --------------------------------------------------------------------------

#: Odd values for settings: paths that leave the folder or collide with each other,
#: format strings, wrong types.
ODD_TEXT = st.sampled_from((
    "", ".", "..", "/", "../x", "/etc", "a\\b", "C:x", "{blog}", "{blog}/..", "{nope}",
    "{blog}/tags", "{blog}/categories", "blog", "blog/index", "index", "genindex",
    "_static", "p0", "{blog}/atom.xml", "blog/tags/index.html", "%Y", "%Q %", "{0}", "x" * 300,
    "Europe/Paris", "EST", "+02:00", "Mars/Olympus", "posts/{slug}.md", "{slug}.txt",
    "atom", "rss", "json", "list", "cards", "newest", "oldest", "ablog", "postlog",
    "page", "template", "similar-terms", "\x00", "\u202e", "ünï"))
setting_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 30) | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | ODD_TEXT | text,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(ODD_TEXT | text, children, max_size=3), max_leaves=6)
SETTING_NAMES = tuple(setting.name for setting in SETTINGS)


def valid_values(name: str) -> st.SearchStrategy[Any]:
    """Values of the setting's own type (and its defaults and choices), so a site gets
    several usable settings at once, not only bad ones."""
    setting = next(setting for setting in SETTINGS if setting.name == name)
    options: list[Any] = [setting.default, *setting.choices]
    if setting.choices and list in setting.types:
        options.append(list(setting.choices))
    if bool in setting.types:
        options += [True, False]
    if int in setting.types:
        options += [0, 1, 2]
    return st.sampled_from(options)


@st.composite
def site_settings(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(SETTING_NAMES), unique=True, min_size=1,
                          max_size=8))
    return {name: draw(valid_values(name) | setting_values) for name in names}


# --- Building and checking -------------------------------------------------------------

CONF = ('project = "Fuzz"\nextensions = ["sphinx_postlog"]\n'
        'html_baseurl = "https://example.org/"\nshow_warning_types = True\n')
PNG = png(128)


def make_sources(srcdir: Path, pages: list[tuple[str, str]], conf: str = CONF) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n:show: date tags excerpt "
                                     "image\n```\n", encoding="utf-8")
    (srcdir / "pic.png").write_bytes(PNG)
    for name, content in pages:
        (srcdir / name).write_text(content, encoding="utf-8")


def files_outside(folder: Path) -> set[str]:
    """Files under ``folder`` that are not in a build folder (output, environment)."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")
            if path.is_file() and "_build" not in path.relative_to(folder).parts}


def feeds(outdir: Path) -> Iterator[Path]:
    for path in sorted(outdir.rglob("*")):
        if path.suffix in {".xml", ".json"} and "_static" not in path.parts and path.is_file():
            yield path


def check_build(app: SphinxTestApp, atom_schema: Any) -> None:
    """What every build must give, whatever its input."""
    warnings = warning_lines(app)
    assert not [line for line in warnings if "[postlog.internal]" in line], warnings
    repeated = sorted({line for line in warnings if warnings.count(line) > 1})
    assert repeated == [], f"warnings given more than once: {repeated}"
    ours = [line for line in warnings if "[postlog" in line]
    assert not [line for line in ours if not re.match(r"^\S+?:\d+: WARNING", line)], ours
    for path in feeds(Path(app.outdir)):
        data = path.read_bytes()
        if path.suffix == ".json":
            if path.name != "searchindex.json":
                assert isinstance(json.loads(data), dict), path
            continue
        document = etree.fromstring(data)  # well-formed, or XMLSyntaxError
        if document.tag == "{http://www.w3.org/2005/Atom}feed":
            assert atom_schema.validate(document), (path, atom_schema.error_log)


@pytest.fixture(scope="module", autouse=True)
def build_time() -> Iterator[None]:
    """Every build of this module happens at ``NOW`` (a module fixture: hypothesis
    runs each test many times within one call of a function fixture)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
        yield


def published_posts(app: SphinxTestApp) -> dict[str, bool]:
    """Each post read, and whether it is published (neither draft nor scheduled)."""
    return {docname: not post.draft and post.date <= NOW
            for docname, post in get_registry(app.env).posts.items()}


def test_offsets_no_zone_has_give_valid_feeds(atom_schema: Any) -> None:
    """Found by the test below: ``updated: 1969-05-12 9:5-23:59`` gave an Atom
    ``<updated>`` at ``-23:59``, which XML Schema's dateTime does not take."""
    check_front_matter_site([
        ("p0.md", "---\ndate: 1969-05-12 9:5-23:59\nupdated: 1969-05-13 9:5+23:59\n---\n"
                  "# Far\n\nText.\n"),
        ("p1.rst", ":date: 2024-01-01T00:00+14:00\n\nNear\n====\n\nText.\n")], atom_schema)


@given(pages=st.tuples(*(page(number) for number in range(3))).map(list))
@FUZZ
def test_any_front_matter_builds_and_publishes_what_it_should(
        pages: list[tuple[str, str]], atom_schema: Any) -> None:
    check_front_matter_site(pages, atom_schema)


@given(conf=site_settings())
@FUZZ
def test_any_settings_build_and_stay_inside_the_output_folder(
        conf: dict[str, Any], atom_schema: Any) -> None:
    check_settings_site(conf, atom_schema)


def check_front_matter_site(pages: list[tuple[str, str]], atom_schema: Any) -> None:
    """Built twice: as a site is published, and with ``postlog_show_drafts`` (every post
    read). Drafts and scheduled posts are kept out before pages are read, so what the
    first build publishes must be what the second one reads as published."""
    with tempfile.TemporaryDirectory() as tmp:
        make_sources(Path(tmp) / "site", pages)
        shutil.copytree(Path(tmp) / "site", Path(tmp) / "preview")
        app = build_site(Path(tmp) / "site")
        check_build(app, atom_schema)
        preview = build_site(Path(tmp) / "preview",
                             confoverrides={"postlog_show_drafts": True})
        check_build(preview, atom_schema)
        published = published_posts(app)
        assert all(published.values()), published  # nothing unpublished is published
        would_be = {docname for docname, shown in published_posts(preview).items() if shown}
        assert set(published) == would_be, (published, would_be)
        for docname in published:
            assert (Path(app.outdir) / f"{docname}.html").is_file(), docname


def check_settings_site(conf: dict[str, Any], atom_schema: Any) -> None:
    """A small site of every kind of post, with these settings in its ``conf.py``;
    nothing is written outside its output and environment folders."""
    pages = [
        ("p0.md", "---\ndate: 2020-01-01\ntags: python, a b\ncategory: News\nauthor: jane\n"
                  "location: paris\nlanguage: en\nimage: pic.png\n---\n# Zero\n\nFirst.\n"),
        ("p1.md", "---\ndate: 2021-02-03T04:05:06+02:00\nupdated: 2021-03-01\ntags: [python]"
                  "\nredirect: old/one.html\n---\n# One\n\n![pic](pic.png)\n\nText.\n"),
        ("p2.rst", ":date: 2022-03-04\n:tags: rst\n:category: News\n\nTwo\n===\n\nText.\n"),
        ("p3.md", "---\ndate: 2099-01-01\n---\n# Scheduled\n\nLater.\n"),
        ("p4.md", "---\ndate: 2023-01-01\ndraft: true\n---\n# Draft\n\nNot yet.\n"),
    ]
    lines = "".join(f"{name} = {value!r}\n" for name, value in conf.items())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_sources(folder / "site", pages, CONF + lines)
        before = files_outside(folder)
        app = build_site(folder / "site")
        check_build(app, atom_schema)
        assert files_outside(folder) == before
        assert (Path(app.outdir) / "index.html").is_file()
