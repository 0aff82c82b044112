"""Slugs: safe, unique (also case-insensitively), stable file names."""

from __future__ import annotations

import hashlib

from sphinx_postlog.read.slugs import (
    Conventions,
    ablog_slug,
    assign_slugs,
    name_hash,
    simple_slug,
)


def test_simple_slugs_are_readable() -> None:
    assert simple_slug("dev-ops") == "dev-ops"
    assert simple_slug("Open Science") == "open-science"
    assert simple_slug("café") == "café"
    assert simple_slug("日本語") == "日本語"


def test_colliding_names_get_distinct_slugs() -> None:
    slugs = assign_slugs(["C++", "C#", "Python", "python", "dev-ops"])
    assert slugs["python"] == "python"
    assert slugs["dev-ops"] == "dev-ops"
    assert len({slug.casefold() for slug in slugs.values()}) == 5
    assert slugs["C++"].startswith("c-") and slugs["C#"].startswith("c-")


def test_ablog_keeps_the_slug_for_the_name_that_sorts_last() -> None:
    """ABlog writes the pages of a facet's terms in sorted order, each over the one
    before: the URL shows the term that sorts last, whoever is spelt like the slug."""
    names = ["GuayaHack", "@guayahack", "C++", "c", "c#", "solo"]
    slugs = assign_slugs(names, ablog_slug, last_keeps=True)
    assert slugs["GuayaHack"] == "guayahack"
    assert slugs["@guayahack"].startswith("guayahack-")
    assert slugs["c#"] == "c" and slugs["c"].startswith("c-") and slugs["C++"].startswith("c-")
    assert slugs["solo"] == "solo"
    assert len(set(slugs.values())) == len(names)
    assert assign_slugs(reversed(names), ablog_slug, last_keeps=True) == slugs
    assert assign_slugs(names, ablog_slug)["c"] == "c"  # ours: the name that is its slug


def test_unicode_normal_forms_get_distinct_slugs() -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    slugs = assign_slugs([composed, decomposed])
    assert slugs[composed] != slugs[decomposed]


def test_slugs_never_leave_the_folder() -> None:
    names = ["../../etc", "/abs", "a/b", ".", "..", "CON", "nul", "+++", "", "a\\b"]
    slugs = assign_slugs(names)
    for name, slug in slugs.items():
        assert slug, name
        assert "/" not in slug and "\\" not in slug, name
        assert slug not in {".", ".."} and not slug.startswith("."), name
        assert slug.casefold() not in {"con", "nul"}, name
    assert len(set(slugs.values())) == len(names)


def test_slugs_depend_on_the_set_not_the_order() -> None:
    names = ["C++", "C#", "Python", "python", "x"]
    assert assign_slugs(names) == assign_slugs(reversed(names))


def test_long_names_are_cut() -> None:
    assert len(simple_slug("x" * 10_000)) <= 60


def test_hashes_are_of_the_exact_name() -> None:
    assert name_hash("C++") == hashlib.sha256(b"C++").hexdigest()[:8]
    assert name_hash("C++", 32) == hashlib.sha256(b"C++").hexdigest()[:32]
    assert assign_slugs(["C++", "C#"]) == {"C++": f"c-{name_hash('C++')}",
                                           "C#": f"c-{name_hash('C#')}"}


def test_simple_slugs_in_detail() -> None:
    assert simple_slug("a_-_b") == "a-b"  # underscores are dashes, runs of them one
    assert simple_slug("\ufb01le") == "file"  # compatibility forms: the ligature fi
    assert simple_slug("CON") == f"con-{name_hash('CON')}"
    assert simple_slug("+++") == name_hash("+++")
    assert simple_slug("-x" + "y" * 58 + "-z") == "x" + "y" * 58  # cut, no dash at the end
    assert simple_slug("+" + "a" * 70) == "a" * 60  # cut after the leading dash goes


def test_ablog_slugs_as_ablog_makes_them() -> None:
    assert ablog_slug("Sébastien Piluso") == "sebastien-piluso"
    assert ablog_slug("  C++ & co  ") == "c-co"
    assert ablog_slug("a_b - c") == "a_b-c"  # ABlog keeps underscores
    for name in ("___", "-- --", "+++", "Con", "lpt1"):  # empty or refused: the simple slug
        assert ablog_slug(name) == simple_slug(name), name


def test_a_hashed_slug_that_meets_a_name_spelt_like_it() -> None:
    hashed = f"c-{name_hash('C++')}"
    slugs = assign_slugs(["C++", "C#", hashed])
    assert slugs == {hashed: hashed, "C#": f"c-{name_hash('C#')}",
                     "C++": f"c-{name_hash('C++', 32)}"}


def test_conventions_name_files_and_terms() -> None:
    ours = Conventions()
    ablog = Conventions(ablog=True, names=(("author", (("jd", "Jane Doé"),)),))
    assert ours.file_slug("Café Crème!") == "café-crème"
    assert ablog.file_slug("Café Crème!") == "cafe-creme"
    assert ablog.file_slug("x" * 100) == "x" * 60
    assert ablog.slugs("author", ["jd", "Bob"]) == {"jd": "jane-doe", "Bob": "bob"}
    assert ablog.slugs("tag", ["jd"]) == {"jd": "jd"}  # display names are per kind
    assert ours.slugs("author", ["jd", "Jane Doé"]) == {"jd": "jd", "Jane Doé": "jane-doé"}
    assert ablog.slugs("tag", ["c", "C#"]) == {"C#": f"c-{name_hash('C#')}", "c": "c"}
    assert ours.slugs("tag", ["c", "c#"]) == {"c": "c", "c#": f"c-{name_hash('c#')}"}
    assert ablog.slugs("tag", ["c", "c#"]) == {"c#": "c", "c": f"c-{name_hash('c')}"}
