"""The lint of the posts' metadata: each rule fires on what makes a blog messy and not on
its near misses, at the right post and line; rules can be switched off one by one, the
warnings suppressed, or made fatal with -W."""

from __future__ import annotations

import datetime as dt
import random
import string
import time
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import build_site, parsed_warnings, warning_lines
from sphinx_postlog.collect import lint
from sphinx_postlog.collect.lint import Context, Finding, run_rules
from sphinx_postlog.config import LINT_RULES
from sphinx_postlog.normalise import DAY, LOCAL_TIME, ZONED_TIME, date_form, written_datetime
from sphinx_postlog.read.posts import Post

UTC = dt.timezone.utc


def post(docname: str, **kwargs: object) -> Post:
    """A post of 2024-01-<n>, with a one-word excerpt unless told otherwise."""
    fields: dict[str, object] = {"title": docname, "date": dt.datetime(2024, 1, 1, tzinfo=UTC),
                                 "excerpt": "Text."}
    fields.update(kwargs)
    return Post(docname=docname, **fields)  # type: ignore[arg-type]


def rules_of(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(finding.docname, finding.rule) for finding in findings]


@pytest.mark.parametrize("value, form", [
    (dt.date(2024, 1, 8), DAY),
    ("2024-01-08", DAY),
    ("8 January 2024", DAY),
    (dt.datetime(2024, 1, 8, 0, 0), LOCAL_TIME),  # YAML: a time, even midnight
    ("2024-01-08 09:30", LOCAL_TIME),
    ("Jan 8, 2024 9:30", LOCAL_TIME),
    (dt.datetime(2024, 1, 8, 9, 30, tzinfo=UTC), ZONED_TIME),
    ("2024-01-08T09:30:00+02:00", ZONED_TIME),
    ("2024-01-08T09:30Z", ZONED_TIME),
])
def test_how_a_date_was_written(value: object, form: str) -> None:
    assert date_form(value, written_datetime(value)) == form


# --- the rules, one by one ---------------------------------------------------------------

def test_term_key_sets_aside_case_accents_separators_and_plurals() -> None:
    assert lint.term_key("CICD") == lint.term_key("cicd")
    assert lint.term_key("café") == lint.term_key("Cafe")
    assert lint.term_key("open-science") == lint.term_key("open science") == lint.term_key(
        "Open_Science")
    assert lint.term_key("reports") == lint.term_key("report")
    assert lint.term_key("libraries") == lint.term_key("library")
    assert lint.term_key("boxes") == lint.term_key("box")
    # not plurals, or too short to tell
    assert lint.term_key("class") == "class"
    assert lint.term_key("status") == "status"
    assert lint.term_key("analysis") == "analysis"
    assert lint.term_key("gos") == "gos"
    # other punctuation is part of the name: C++ and C# are two languages
    assert lint.term_key("C++") != lint.term_key("C#")


@pytest.mark.parametrize(("plural", "singular"), [
    ("classes", "class"), ("dishes", "dish"), ("branches", "branch"), ("boxes", "box"),
    ("flies", "fly"), ("ties", "tie"), ("axes", "axe"), ("bugs", "bug"),
    ("data sets", "data set"),
])
def test_term_key_of_each_plural_ending(plural: str, singular: str) -> None:
    assert lint.term_key(plural) == lint.term_key(singular)


def test_term_key_keeps_every_word_and_short_last_words() -> None:
    assert lint.term_key("Amazon AWS") == "amazon aws"  # "aws" is too short to be a plural
    assert lint.term_key("open science") != lint.term_key("data science")
    assert lint.term_key("open science") != lint.term_key("science")


def test_terms_of_separators_only_are_one_term() -> None:
    """A tag of hyphens or underscores alone is read by the site; the lint takes it in."""
    found = run_rules([post("a", tags=("-",)), post("b", tags=("_",))], ["similar-terms"])
    assert [f.message for f in found] == [
        "tags '-' (1 post) and '_' (1 post) look like one tag (they differ by hyphens, "
        "underscores or spaces); choose one"]


def test_one_typo() -> None:
    pairs = lint.typo_pairs(["python", "pyhton", "pythn", "jython", "go", "got", "gsoc2020",
                             "gsoc2021", "gsoc20201", "numpy", "sympy", "sunpy"])
    assert pairs == [("jython", "python"), ("pyhton", "python"), ("pythn", "python")]


def test_one_typo_anywhere_in_a_term() -> None:
    pairs = lint.typo_pairs([
        "kubernetes", "kubernets",  # dropped before the end (the longer sorts first)
        "markdown", "markdow",  # dropped at the end
        "matplotlib", "matpotlib",  # dropped in the middle
        "x86 assembly", "x86 assembl",  # a digit early in the term
        "python3", "python3a",  # a letter added after a digit
        "python", "pthhon",  # a letter dropped and another doubled: two typos
        "gsoc2020b", "gsoc202b0",  # a digit swapped with a letter: not a typo
    ])
    assert pairs == [("kubernetes", "kubernets"), ("markdow", "markdown"),
                     ("matplotlib", "matpotlib"), ("python3", "python3a"),
                     ("x86 assembl", "x86 assembly")]


def test_a_typo_finding_names_one_letter() -> None:
    posts = [post("a", tags=("kubernetes",)), post("b", tags=("kubernetes",)),
             post("c", tags=("kubernets",), field_lines=(("tags", 6),))]
    assert run_rules(posts, ["similar-terms"]) == [Finding(
        "c", 6, "similar-terms",
        "tags 'kubernetes' (2 posts) and 'kubernets' (1 post) look like one tag (they differ "
        "by one letter); use 'kubernetes'")]


def test_typos_among_two_thousand_distinct_tags_are_found_fast() -> None:
    chance = random.Random(4)
    tags = {"".join(chance.choices(string.ascii_lowercase, k=chance.randint(5, 14)))
            for _ in range(2000)} | {f"release-{number:04d}" for number in range(2000)}
    tags |= {"visualisation", "visualisatoin"}
    posts = [post(f"p{index:04d}", tags=tuple(sorted(tags)[index::1000]))
             for index in range(1000)]
    started = time.perf_counter()
    found = run_rules(posts, ["similar-terms"])
    assert time.perf_counter() - started < 5  # about 0.1 s
    assert any("'visualisation'" in finding.message and "'visualisatoin'" in finding.message
               for finding in found)
    assert not any("release-" in finding.message for finding in found)


def test_similar_terms_one_finding_per_group_at_the_rarer_spelling() -> None:
    posts = [post("a", tags=("cicd", "report")), post("b", tags=("cicd",)),
             post("c", tags=("CICD", "reports"), field_lines=(("tags", 4),)),
             post("d", tags=("go", "got", "gsoc2020"), categories=("News",)),
             post("e", tags=("gsoc2021",), categories=("news",))]
    found = run_rules(posts, ["similar-terms"])
    assert [(f.docname, f.line) for f in found] == [("c", 4), ("c", 4), ("e", 1)]
    messages = sorted(f.message for f in found)
    assert messages == [
        "categories 'News' (1 post) and 'news' (1 post) look like one category (they differ "
        "by case); choose one",
        "tags 'cicd' (2 posts) and 'CICD' (1 post) look like one tag (they differ by case); "
        "use 'cicd'",
        "tags 'report' (1 post) and 'reports' (1 post) look like one tag (they differ by a "
        "plural); choose one",
    ]


def test_similar_categories_are_found_at_the_category_field() -> None:
    posts = [post("a", categories=("News",)), post("b", categories=("News",)),
             post("c", categories=("news",), field_lines=(("categories", 5), ("tags", 4)))]
    assert run_rules(posts, ["similar-terms"]) == [Finding(
        "c", 5, "similar-terms",
        "categories 'News' (2 posts) and 'news' (1 post) look like one category (they "
        "differ by case); use 'News'")]


def test_the_rarest_spelling_of_several_posts_is_found_at_the_first() -> None:
    posts = [post(name, tags=(tag,), field_lines=(("tags", line),))
             for name, tag, line in [("d", "reports", 4), ("a", "report", 2),
                                     ("c", "reports", 3), ("b", "report", 2)]]
    assert [(f.docname, f.line) for f in run_rules(posts, ["similar-terms"])] == [("c", 3)]


def test_a_tag_in_two_unicode_encodings() -> None:
    posts = [post("a", tags=("café",)), post("b", tags=("cafe\u0301",))]
    assert [f.message for f in run_rules(posts, ["similar-terms"])] == [
        "tags 'cafe\\u0301' (1 post) and 'café' (1 post) look like one tag (they differ by "
        "Unicode encoding); choose one"]


def test_similar_terms_accents_separators_and_encodings() -> None:
    posts = [post("a", tags=("café", "open-science")), post("b", tags=("cafe", "open science")),
             post("c", tags=("open science", "Cafe\u0301"))]
    found = run_rules(posts, ["similar-terms"])
    assert [f.message for f in found] == [
        "tags 'Cafe\\u0301' (1 post), 'cafe' (1 post) and 'café' (1 post) look like one tag "
        "(they differ by accents or case); choose one",
        "tags 'open science' (2 posts) and 'open-science' (1 post) look like one tag (they "
        "differ by hyphens, underscores or spaces); use 'open science'",
    ]


def test_similar_authors() -> None:
    posts = [post("a", authors=("Jane Doe",)), post("b", authors=("jane doe",)),
             post("c", authors=("J. Doe", "sam")), post("d", authors=("Jane  Doé",)),
             post("e", authors=("John Smith", "Joan Smith", "sroe"))]
    names = {"sam": "Sam Roe", "sroe": "Sam Roe"}
    found = run_rules(posts, ["similar-authors"], Context(author_names=names))
    assert [(f.docname, f.message) for f in found] == [
        ("b", "authors 'J. Doe' (1 post), 'Jane  Doé' (1 post), 'Jane Doe' (1 post) and "
              "'jane doe' (1 post) look like one author (they differ by accents or an "
              "initial or case); choose one"),
        ("e", "authors 'sam' (Sam Roe; 1 post) and 'sroe' (Sam Roe; 1 post) look like one "
              "author (they differ by key); choose one"),
    ]
    # two people with one initial stay two, without a third name written with it
    assert not any("Smith" in f.message for f in found)


def test_similar_authors_by_encoding_and_punctuation() -> None:
    posts = [post("a", authors=("Zoë Roe", "J.R.R. Tolkien")),
             post("b", authors=("Zoe\u0308 Roe", "J R R Tolkien"))]
    assert [f.message for f in run_rules(posts, ["similar-authors"])] == [
        "authors 'J R R Tolkien' (1 post) and 'J.R.R. Tolkien' (1 post) look like one author "
        "(they differ by punctuation or spacing); choose one",
        "authors 'Zoe\\u0308 Roe' (1 post) and 'Zoë Roe' (1 post) look like one author "
        "(they differ by Unicode encoding); choose one"]


def test_an_author_spelt_with_a_hyphen_differs_by_punctuation_not_case() -> None:
    posts = [post("a", authors=("Mary-Jane Doe",)), post("b", authors=("Mary Jane Doe",)),
             post("c", authors=("Ann  Roe",)), post("d", authors=("Ann Roe",))]
    assert [f.message.split("(they differ by ")[1]
            for f in run_rules(posts, ["similar-authors"])] == [
        "punctuation or spacing); choose one", "punctuation or spacing); choose one"]


def test_an_initial_is_only_linked_to_names_starting_with_it() -> None:
    posts = [post("a", authors=("J. Doe", "J")), post("b", authors=("Mary Doe", "Jane"))]
    assert run_rules(posts, ["similar-authors"]) == []


def test_excerpt_length() -> None:
    long = " ".join(["word"] * 301)
    posts = [post("empty", excerpt=""), post("chosen", excerpt="", field_lines=(("excerpt", 3),)),
             post("long", excerpt=long, field_lines=(("excerpt", 5),)),
             post("fine", excerpt=" ".join(["word"] * 300))]
    found = run_rules(posts, ["excerpt-length"])
    assert [(f.docname, f.line) for f in found] == [("empty", 1), ("long", 5)]
    assert [f.message for f in found] == [
        "the excerpt is empty, so lists and feeds show nothing of the post; start it with a "
        "paragraph, or give an 'excerpt'",
        "the excerpt has 301 words (more than 300); end it earlier with a '<!-- more -->' "
        "line, or give a short 'excerpt'"]


def test_every_rule_takes_the_first_and_last_moments_reading_lets_through() -> None:
    """Reading keeps dates a day inside Python's calendar, so that no rule's conversion to
    a post's own zone can go past it."""
    from sphinx_postlog.normalise import EARLIEST, LATEST

    east, west = (dt.timezone(dt.timedelta(hours=hours)) for hours in (14, -12))
    posts = [post("first", date=EARLIEST.astimezone(east), updated=LATEST.astimezone(west)),
             post("last", date=LATEST.astimezone(west), updated=EARLIEST.astimezone(east),
                  date_form=ZONED_TIME)]
    found = run_rules(posts, list(LINT_RULES))
    assert rules_of(found) == [("last", "updated-before-date")]


def test_updated_before_date() -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    posts = [post("before", updated=dt.datetime(2023, 12, 31, tzinfo=UTC),
                  field_lines=(("updated", 3),)),
             post("same-day", date=dt.datetime(2024, 1, 1, 10, tzinfo=UTC),
                  updated=dt.datetime(2024, 1, 1, tzinfo=UTC)),
             post("after", updated=dt.datetime(2024, 2, 1, tzinfo=UTC)),
             # the day of the post's own zone: 2024-01-01 01:00 at +02:00 is still Jan 1
             post("zoned", date=dt.datetime(2024, 1, 1, 1, tzinfo=paris),
                  updated=dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC))]
    found = run_rules(posts, ["updated-before-date"])
    assert [(f.docname, f.line) for f in found] == [("before", 3)]
    assert found[0].message == ("'updated' (2023-12-31) is before 'date' (2024-01-01); one "
                                "of them is wrong")


def test_mixed_timezones_only_between_times() -> None:
    days = [post(f"day{n}", date_form=DAY) for n in range(3)]
    zoned = [post(f"zoned{n}", date_form=ZONED_TIME, field_lines=(("date", 2),))
             for n in range(5)]
    local = [post("local", date_form=LOCAL_TIME, field_lines=(("date", 3),))]
    assert run_rules(days + zoned, ["mixed-timezones"]) == []
    assert run_rules(days + local, ["mixed-timezones"]) == []
    found = run_rules(days + zoned + local, ["mixed-timezones"], Context(timezone="Europe/Paris"))
    assert found == [Finding("local", 3, "mixed-timezones",
                             "some dates give a time with a zone (5 posts: zoned0, zoned1, "
                             "zoned2, …), others a time without one (1 post: local), which "
                             "is read in postlog_timezone 'Europe/Paris'; give a zone to "
                             "every time, or to none")]


def test_mixed_timezones_names_up_to_three_posts_without_ellipsis() -> None:
    zoned = [post(f"zoned{n}", date_form=ZONED_TIME) for n in range(3)]
    local = [post(f"local{n}", date_form=LOCAL_TIME) for n in range(4)]
    found = run_rules(zoned + local, ["mixed-timezones"])
    assert [(f.docname, f.message) for f in found] == [(
        "zoned0", "some dates give a time with a zone (3 posts: zoned0, zoned1, zoned2), "
                  "others a time without one (4 posts: local0, local1, local2, …), which is "
                  "read in postlog_timezone 'UTC'; give a zone to every time, or to none")]


def test_every_rule_is_a_setting_choice_and_the_output_is_sorted() -> None:
    assert tuple(lint.RULES) == LINT_RULES
    posts = [post("b", excerpt=""), post("a", excerpt="", updated=dt.datetime(2000, 1, 1,
                                                                              tzinfo=UTC))]
    found = run_rules(reversed(posts), LINT_RULES)
    assert found == sorted(found)
    assert rules_of(found) == [("a", "excerpt-length"), ("a", "updated-before-date"),
                               ("b", "excerpt-length")]
    assert run_rules(posts, []) == []
    assert run_rules(posts, ["no-such-rule"]) == []


# --- in a build ----------------------------------------------------------------------------

LONG = " ".join(["word"] * 320)
POSTS = {
    "posts/a.md": "---\ndate: 2024-01-01 10:00\ntags: [CICD, report, go]\n"
                  "author: Jane Doe\n---\n# A\n\nText.\n",
    "posts/b.md": "---\ndate: 2024-01-02T10:00:00+02:00\ntags: [cicd, reports, got]\n"
                  "author: jane doe\n---\n# B\n\nText.\n",
    "posts/c.md": "---\ndate: 2024-01-03\nupdated: 2023-12-01\n"
                  "tags: [cicd, open science, gsoc2020]\nauthor: Sam Roe\n---\n# C\n\n"
                  "```\ncode only\n```\n",
    "posts/d.md": "---\ndate: 2024-01-04T09:00:00Z\ntitle: D\n"
                  "tags: [open-science, gsoc2021]\nauthor: Sam Roe\n---\n" + LONG + "\n",
}
#: (file, line, rule) of every finding on that site
EXPECTED = [
    ("posts/a.md", 2, "mixed-timezones"),
    ("posts/a.md", 3, "similar-terms"),  # CICD: 1 post, against 2
    ("posts/b.md", 4, "similar-authors"),  # 'jane doe' sorts after 'Jane Doe'
    ("posts/b.md", 3, "similar-terms"),  # reports, against report: a tie
    ("posts/c.md", 1, "excerpt-length"),  # empty: the post's first line
    ("posts/c.md", 3, "updated-before-date"),
    ("posts/d.md", 4, "similar-terms"),  # open-science: 1 post, against 1; sorts last
    ("posts/d.md", 1, "excerpt-length"),  # too long, made from the text
]


def write_site(srcdir: Path, conf: str = "", posts: dict[str, str] = POSTS) -> Path:
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Lint"\nextensions = ["sphinx_postlog"]\nshow_warning_types = True\n'
        'html_baseurl = "https://example.org/"\n' + conf,
        encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in posts.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def lint_warnings(app) -> list[tuple[str, int, str]]:
    """(file, line, rule) of each lint warning."""
    rules = [line.rsplit("[rule: ", 1)[1].split("]")[0]
             for line in warning_lines(app) if "[postlog.lint]" in line]
    located = [(path, line) for path, line, kind in parsed_warnings(app)
               if kind == "postlog.lint"]
    return [(path, line, rule) for (path, line), rule in zip(located, rules, strict=True)]


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    return build_site(write_site(tmp_path_factory.mktemp("lint") / "site"))


def test_each_rule_fires_once_at_its_post_and_line(linted) -> None:
    assert sorted(lint_warnings(linted)) == sorted(EXPECTED)
    assert all(kind == "postlog.lint" for _, _, kind in parsed_warnings(linted))


def test_the_messages(linted) -> None:
    text = "\n".join(warning_lines(linted))
    assert ("tags 'cicd' (2 posts) and 'CICD' (1 post) look like one tag (they differ by "
            "case); use 'cicd' [rule: similar-terms] [postlog.lint]") in text
    assert ("tags 'open science' (1 post) and 'open-science' (1 post) look like one tag "
            "(they differ by hyphens, underscores or spaces); choose one") in text
    assert "'Jane Doe' (1 post) and 'jane doe' (1 post) look like one author" in text
    assert "the excerpt has 320 words" in text
    # near misses: go/got are too short to be typos; gsoc2020/gsoc2021 differ by a digit
    assert "'go'" not in text and "gsoc" not in text and "Sam Roe" not in text


def test_the_warnings_are_in_a_stable_order(linted, tmp_path) -> None:
    again = build_site(write_site(tmp_path / "site"))
    assert warning_lines(again) == [line.replace(str(linted.srcdir), str(again.srcdir))
                                    for line in warning_lines(linted)]


@pytest.mark.parametrize("setting, rules", [
    ([], set()),
    (["excerpt-length"], {"excerpt-length"}),
    (["similar-authors", "mixed-timezones"], {"similar-authors", "mixed-timezones"}),
])
def test_postlog_lint_chooses_the_rules(tmp_path, setting, rules) -> None:
    app = build_site(write_site(tmp_path / "site", f"postlog_lint = {setting!r}\n"))
    assert {rule for _, _, rule in lint_warnings(app)} == rules
    assert len(lint_warnings(app)) == len([e for e in EXPECTED if e[2] in rules])


def test_the_site_settings_reach_the_messages(tmp_path) -> None:
    app = build_site(write_site(
        tmp_path / "site", 'postlog_lint = ["similar-authors", "mixed-timezones"]\n'
                           'postlog_timezone = "Europe/Paris"\n'
                           'postlog_authors = {"jane": "Jane Doe", "jd": "Jane Doe"}\n',
        {"posts/a.md": "---\ndate: 2024-01-01 10:00\nauthor: jane\n---\n# A\n\nText.\n",
         "posts/b.md": "---\ndate: 2024-01-02T10:00:00Z\nauthor: jd\n---\n# B\n\nText.\n"}))
    text = "\n".join(warning_lines(app))
    assert ("authors 'jane' (Jane Doe; 1 post) and 'jd' (Jane Doe; 1 post) look like one "
            "author (they differ by key); choose one") in text
    assert "which is read in postlog_timezone 'Europe/Paris';" in text


def test_suppress_warnings_silences_them(tmp_path) -> None:
    app = build_site(write_site(tmp_path / "site", 'suppress_warnings = ["postlog.lint"]\n'))
    assert warning_lines(app) == []


def test_a_finding_fails_a_build_with_dash_w(tmp_path, capsys) -> None:
    srcdir = write_site(tmp_path / "site", 'postlog_lint = ["updated-before-date"]\n')
    assert build_main(["-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")]) != 0
    assert "[rule: updated-before-date]" in capsys.readouterr().err
    clean = write_site(tmp_path / "clean", posts={"posts/a.md": POSTS["posts/a.md"]})
    assert build_main(["-W", "-q", "-b", "html", str(clean), str(tmp_path / "out2")]) == 0


def test_drafts_are_linted_when_read(tmp_path, monkeypatch) -> None:
    """Drafts and scheduled posts are read (and linted) only when shown."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024-01-01
    posts = {"posts/a.md": "---\ndate: 2023-01-01\ntags: python\n---\n# A\n\nText.\n",
             "posts/draft.md": "---\ndate: 2023-02-01\ntags: Python\ndraft: true\n---\n"
                               "# Draft\n\nText.\n",
             "posts/later.md": "---\ndate: 2030-01-01\ntags: pyhton\n---\n# Later\n\nText.\n"}
    hidden = build_site(write_site(tmp_path / "hidden", posts=posts))
    assert lint_warnings(hidden) == []
    shown = build_site(write_site(tmp_path / "shown", "postlog_show_drafts = True\n", posts))
    # a three-way tie: at the last spelling in sorted order
    assert lint_warnings(shown) == [("posts/a.md", 3, "similar-terms")]
    assert "'Python' (1 post), 'pyhton' (1 post) and 'python' (1 post)" in "\n".join(
        warning_lines(shown))


def test_incremental_builds(tmp_path) -> None:
    """The lint runs when the build reads or writes pages again, over every post; a
    build with nothing to do reports nothing, like Sphinx's own consistency checks."""
    srcdir = write_site(tmp_path / "site")

    def build() -> list[tuple[str, int, str]]:
        return lint_warnings(build_site(srcdir))

    assert sorted(build()) == sorted(EXPECTED)
    assert build() == []  # nothing changed
    (srcdir / "index.md").write_text("# Home again\n", encoding="utf-8")
    assert sorted(build()) == sorted(EXPECTED)  # one page read: the whole registry linted
    post_c = srcdir / "posts/c.md"
    post_c.write_text(POSTS["posts/c.md"].replace("updated: 2023-12-01", "updated: 2024-02-01"),
                      encoding="utf-8")
    assert sorted(build()) == sorted(e for e in EXPECTED if e[2] != "updated-before-date")


def test_parallel_reading_gives_the_same_findings(linted, tmp_path) -> None:
    app = build_site(write_site(tmp_path / "site"), parallel=2)
    assert lint_warnings(app) == lint_warnings(linted)


def test_a_tidy_blog_gives_none(tmp_path) -> None:
    posts = {f"posts/p{n}.md": f"---\ndate: 2024-01-0{n}\ntags: [python, sphinx]\n"
                               f"author: Jane Doe\n---\n# P{n}\n\nText.\n" for n in range(1, 4)}
    app = build_site(write_site(tmp_path / "site", posts=posts))
    assert warning_lines(app) == []
