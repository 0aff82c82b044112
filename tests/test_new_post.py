"""``sphinx-postlog new`` writes a post the site then builds as a post: front matter
as the readers take it, in each format, at the path the settings give, never over a file
and never outside the source folder."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import REPO, build_site, read_html, warning_lines
from sphinx_postlog import cli
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.config import NEW_POST_SUFFIXES, new_post_path_problem
from sphinx_postlog.new_post import WRITERS

#: 2023-12-31 23:30:45 UTC: already 2024 in Paris.
NEW_YEARS_EVE = "1704065445"
UTC = dt.timezone.utc
PARIS = ZoneInfo("Europe/Paris")


def make_project(folder: Path, conf: str = "") -> Path:
    """A minimal Sphinx project in ``folder``: conf.py (plus ``conf``) and a home page."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(
        'project = "New posts"\nextensions = ["sphinx_postlog"]\n'
        'html_baseurl = "https://example.org/"\nshow_warning_types = True\n' + conf,
        encoding="utf-8")
    (folder / "index.md").write_text("# Home\n\nThe blog.\n", encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (alone in ``tmp_path``) made the current folder, its clock at
    ``NEW_YEARS_EVE``."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEARS_EVE)
    srcdir = make_project(tmp_path / "site")
    monkeypatch.chdir(srcdir)
    return srcdir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``sphinx-postlog`` with ``argv``: exit status, standard output and error."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def split_markdown(path: Path) -> tuple[dict[str, object], str, str]:
    """A Markdown post's front matter (parsed), its YAML text and its body."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    yaml_text, body = text[4:].split("---\n", 1)
    return yaml.safe_load(yaml_text), yaml_text, body


def blog_index_titles(app, page: str = "blog/index.html") -> dict[str, str]:
    """Post links on the blog index: target → text."""
    soup = read_html(app.outdir, page)
    return {link["href"]: link.get_text() for link in soup.select("a.postlog-post-title")}


def test_markdown_post_has_the_front_matter_and_builds(project, capsys) -> None:
    status, out, err = run(capsys, "new", "A first post", "--tags", "python", "open science",
                           "--category", "Guides: getting started", "--author", "Jane Doe")
    assert (status, out, err) == (0, "posts/2023/a-first-post.md\n", "")
    fields, yaml_text, body = split_markdown(project / "posts/2023/a-first-post.md")
    assert list(fields) == ["date", "tags", "category", "author"]
    assert fields == {"date": dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC),
                      "tags": ["python", "open science"],
                      # as text, it would be read as three categories
                      "category": ["Guides: getting started"], "author": "Jane Doe"}
    assert yaml_text.startswith("date: 2023-12-31T23:30:00+00:00\n")
    assert body.startswith("\n# A first post\n\n")

    app = build_site(project)
    assert warning_lines(app) == []
    post = get_registry(app.env).posts["posts/2023/a-first-post"]
    assert (post.title, post.tags, post.categories, post.authors, post.draft) == (
        "A first post", ("python", "open science"), ("Guides: getting started",),
        ("Jane Doe",), False)
    assert blog_index_titles(app) == {"../posts/2023/a-first-post.html": "A first post"}


def test_rst_post_has_a_field_list_and_builds(project, capsys) -> None:
    status, out, _ = run(capsys, "new", "Fields *and* markup", "--path", "posts/{slug}.rst",
                         "--tags", "sphinx,rst", "--category", "Guides", "--draft")
    assert (status, out) == (0, "posts/fields-and-markup.rst\n")
    text = (project / "posts/fields-and-markup.rst").read_text(encoding="utf-8")
    assert text.splitlines()[:9] == [
        ":date: 2023-12-31T23:30:00+00:00", ":tags: sphinx, rst", ":category: Guides",
        ":draft: true", "", r"Fields \*and\* markup", "=" * 21, "",
        "Write the post here. Its first paragraph is the excerpt that post lists and feeds "
        "show."]

    app = build_site(project, confoverrides={"postlog_show_drafts": True})
    assert warning_lines(app) == []
    post = get_registry(app.env).posts["posts/fields-and-markup"]
    assert (post.title, post.tags, post.categories, post.draft, post.date) == (
        "Fields *and* markup", ("sphinx", "rst"), ("Guides",), True,
        dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    assert blog_index_titles(app) == {"../posts/fields-and-markup.html": "Fields *and* markup"}


def test_notebook_post_is_valid_and_builds(tmp_path, monkeypatch, capsys) -> None:
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("myst_nb")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEARS_EVE)
    monkeypatch.chdir(tmp_path)
    # source_suffix: a dict of its own (Sphinx adds to the default one in place).
    make_project(tmp_path, 'extensions = ["myst_nb", "sphinx_postlog"]\n'
                           'nb_execution_mode = "off"\n'
                           'source_suffix = {".rst": "restructuredtext"}\n'
                           'postlog_new_post_path = '
                           '"notebooks/{year}-{month}-{day}-{slug}.ipynb"\n')
    status, out, err = run(capsys, "new", "A notebook", "--tags", "data")
    assert (status, out, err) == (0, "notebooks/2023-12-31-a-notebook.ipynb\n", "")
    path = tmp_path / "notebooks/2023-12-31-a-notebook.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))
    first, second = notebook["cells"]
    assert first["cell_type"] == "raw"
    assert "".join(first["source"]) == (
        "---\ndate: 2023-12-31T23:30:00+00:00\ntags:\n- data\n---\n")
    assert (second["cell_type"], second["source"][0]) == ("markdown", "# A notebook\n")

    app = build_site(tmp_path)
    assert warning_lines(app) == []
    post = get_registry(app.env).posts["notebooks/2023-12-31-a-notebook"]
    assert (post.title, post.tags) == ("A notebook", ("data",))
    assert blog_index_titles(app) == {
        "../notebooks/2023-12-31-a-notebook.html": "A notebook"}
    assert "date:" not in read_html(app.outdir, "notebooks/2023-12-31-a-notebook.html").text


def test_notebook_on_a_site_without_myst_nb_is_written_with_a_warning(project, capsys) -> None:
    status, _, err = run(capsys, "new", "Nb", "--path", "posts/{slug}.ipynb")
    assert status == 0 and (project / "posts/nb.ipynb").is_file()
    assert err == ("warning: this site does not read notebooks, so posts/nb.ipynb will not "
                   "be a post: add 'myst_nb' to extensions\n")


def test_never_overwrites(project, capsys) -> None:
    assert run(capsys, "new", "Twice")[0] == 0
    path = project / "posts/2023/twice.md"
    path.write_text("my words", encoding="utf-8")
    status, out, err = run(capsys, "new", "Twice", "--tags", "other")
    assert (status, out) == (1, "")
    assert err == ("sphinx-postlog new: error: posts/2023/twice.md already exists; "
                   "nothing written\n")
    assert path.read_text(encoding="utf-8") == "my words"
    # The same page in another format would be a second source of one docname.
    status, _, err = run(capsys, "new", "Twice", "--path", "posts/2023/{slug}.rst")
    assert status == 1 and "posts/2023/twice.md already exists" in err
    assert not (project / "posts/2023/twice.rst").exists()


def test_dry_run_prints_the_post_and_writes_nothing(project, capsys) -> None:
    status, out, err = run(capsys, "new", "Not yet", "--dry-run", "--draft")
    assert status == 0
    assert out == ("---\ndate: 2023-12-31T23:30:00+00:00\ndraft: true\n---\n\n# Not yet\n\n"
                   "Write the post here. Its first paragraph is the excerpt that post lists "
                   "and feeds show.\n")
    assert err == "would write posts/2023/not-yet.md:\n"
    assert not (project / "posts").exists()


def test_dry_run_also_refuses_an_existing_file(project, capsys) -> None:
    run(capsys, "new", "Taken")
    status, out, err = run(capsys, "new", "Taken", "--dry-run")
    assert (status, out) == (1, "") and "already exists" in err


@pytest.mark.parametrize(("conf", "date", "path"), [
    ("", "2023-12-31T23:30:00+00:00", "posts/2023/eve.md"),
    ('postlog_timezone = "Europe/Paris"\n', "2024-01-01T00:30:00+01:00", "posts/2024/eve.md"),
    ('postlog_timezone = "America/New_York"\n', "2023-12-31T18:30:00-05:00",
     "posts/2023/eve.md"),
])
def test_now_is_source_date_epoch_in_the_site_time_zone(project, capsys, conf, date,
                                                        path) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write(conf)
    status, out, _ = run(capsys, "new", "Eve")
    assert (status, out) == (0, f"{path}\n")
    assert split_markdown(project / path)[1] == f"date: {date}\n"


def test_now_is_the_clock_without_source_date_epoch(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    before = dt.datetime.now(UTC).replace(second=0, microsecond=0)
    status, out, err = run(capsys, "new", "Now")
    after = dt.datetime.now(UTC)
    assert status == 0
    assert "warning: SOURCE_DATE_EPOCH='soon' is not a number of seconds" in err
    date = split_markdown(project / out.strip())[0]["date"]
    assert before <= date <= after and date.second == date.microsecond == 0


@pytest.mark.parametrize("date", ["2024-03-05", "2024-03-05T10:00", "2024-03-05T10:00+01:00"])
def test_a_given_date(project, capsys, date) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write('postlog_timezone = "Europe/Paris"\n')
    status, out, _ = run(capsys, "new", "Dated", "--date", date)
    assert (status, out) == (0, "posts/2024/dated.md\n")
    written = {"2024-03-05": "2024-03-05"}.get(date, "2024-03-05T10:00:00+01:00")
    assert split_markdown(project / "posts/2024/dated.md")[1] == f"date: {written}\n"


def test_an_unreadable_date_is_refused(project, capsys) -> None:
    status, out, err = run(capsys, "new", "Dated", "--date", "someday")
    assert (status, out) == (1, "")
    assert err.startswith("sphinx-postlog new: error: --date: 'someday' is not a date")
    assert not (project / "posts").exists()


@pytest.mark.parametrize("tags", [["--tags", "a, b,c"], ["--tags", "a", "b", "c"],
                                  ["--tags", "a", "--tags", "b,c"], ["-t", "a,b", "c"]])
def test_tags_comma_or_space_separated(project, capsys, tags) -> None:
    assert run(capsys, "new", "Tagged", *tags)[0] == 0
    assert split_markdown(project / "posts/2023/tagged.md")[0]["tags"] == ["a", "b", "c"]


def test_a_tag_of_several_words_and_repeated_tags(project, capsys) -> None:
    status, _, err = run(capsys, "new", "Tagged", "--tags", "machine learning", "Python",
                         "python")
    assert status == 0
    assert split_markdown(project / "posts/2023/tagged.md")[0]["tags"] == [
        "machine learning", "Python"]
    assert "'Python' and 'python' differ only by case" in err


def test_an_rst_field_cannot_hold_one_tag_of_several_words(project, capsys) -> None:
    status, _, err = run(capsys, "new", "Tagged", "--path", "{slug}.rst", "--tags",
                         "machine learning")
    assert (status, err) == (
        1, "sphinx-postlog new: error: a reStructuredText field cannot hold the tags "
           "'machine learning': the site would split it on spaces or commas; join its words "
           "with '-', or write the post in Markdown (a --path ending in .md)\n")
    assert not (project / "tagged.rst").exists()


def test_author_defaults(project, capsys) -> None:
    conf = project / "conf.py"
    run(capsys, "new", "Nobody")
    assert "author" not in split_markdown(project / "posts/2023/nobody.md")[0]
    conf.write_text(conf.read_text(encoding="utf-8") + 'author = "Sphinx Author"\n',
                    encoding="utf-8")
    run(capsys, "new", "Sphinx's")
    assert split_markdown(project / "posts/2023/sphinx-s.md")[0]["author"] == "Sphinx Author"
    conf.write_text(conf.read_text(encoding="utf-8") + 'postlog_default_author = "Jo"\n',
                    encoding="utf-8")
    run(capsys, "new", "Default")
    assert split_markdown(project / "posts/2023/default.md")[0]["author"] == "Jo"
    run(capsys, "new", "Given", "--author", "Ann: O'Neil")
    assert split_markdown(project / "posts/2023/given.md")[0]["author"] == "Ann: O'Neil"


#: Titles whose characters mean something to YAML, MyST or reStructuredText.
TITLES = ['Ça marche : über 日本語', '*Not* <b>bold</b> {ref}`x` $m$ [a](b) &amp; C#',
          '1. Not a list: "quoted" \'single\' _under_ |sub|']


def test_unicode_and_markup_titles_are_shown_as_given(project, capsys) -> None:
    paths = []
    for number, title in enumerate(TITLES):
        for suffix in (".md", ".rst"):
            status, out, _ = run(capsys, "new", title, "--path",
                                 f"posts/{suffix[1:]}/{number}-{{slug}}{suffix}")
            assert status == 0
            paths.append(out.strip())
    assert paths[:2] == ["posts/md/0-ça-marche-über-日本語.md",
                         "posts/rst/0-ça-marche-über-日本語.rst"]
    # Curly quotes are the site's typography, in every heading alike.
    app = build_site(project, confoverrides={"smartquotes": False})
    assert warning_lines(app) == []
    posts = get_registry(app.env).posts
    assert sorted(post.title for post in posts.values()) == sorted(TITLES * 2)
    assert sorted(blog_index_titles(app).values()) == sorted(TITLES * 2)


def test_hostile_titles_and_slugs_stay_inside_the_source_folder(project, capsys) -> None:
    status, out, _ = run(capsys, "new", "../../etc/passwd")
    assert (status, out) == (0, "posts/2023/etc-passwd.md\n")
    status, out, _ = run(capsys, "new", "Fine", "--slug", "../../../outside")
    assert (status, out) == (0, "posts/2023/outside.md\n")
    status, out, _ = run(capsys, "new", "..")
    assert status == 0 and "/" not in out.removeprefix("posts/2023/")
    status, out, err = run(capsys, "new", "Fine", "--path", "../{slug}.md")
    assert (status, out) == (1, "")
    assert "'../{slug}.md' is not a relative path inside the source folder" in err
    assert sorted(path.name for path in project.parent.iterdir()) == [project.name]
    status, _, _ = run(capsys, "new", "Line\n---\nbreaks: here\n---")
    fields, _, body = split_markdown(project / "posts/2023/line-breaks-here.md")
    assert list(fields) == ["date"]
    assert body.startswith("\n# Line --- breaks: here ---\n\n")


def test_a_missing_conf_py_is_one_message(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "new", "Lost")
    assert (status, out) == (1, "")
    assert err == (f"sphinx-postlog new: error: there is no conf.py in {tmp_path} nor in "
                   "its docs/, doc/, source/ folder; run this in a Sphinx project, or give "
                   "its folder with --confdir\n")
    assert err.count("\n") == 1 and "Traceback" not in err
    status, _, err = run(capsys, "new", "Lost", "--confdir", "elsewhere")
    assert (status, err) == (1, "sphinx-postlog new: error: there is no conf.py in "
                                "elsewhere\n")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_conf_py_is_one_message(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path, 'raise RuntimeError("no such theme")\n')
    status, out, err = run(capsys, "new", "Broken")
    assert (status, out) == (1, "")
    assert err == (f"sphinx-postlog new: error: {tmp_path / 'conf.py'} failed: "
                   "RuntimeError: no such theme\n")
    (tmp_path / "conf.py").write_text("extensions = [\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "Broken")
    assert status == 1 and "syntax error" in err and "Traceback" not in err


def test_conf_py_in_docs_is_found_and_named(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEARS_EVE)
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path / "docs")
    status, out, err = run(capsys, "new", "Found")
    assert (status, out, err) == (0, "docs/posts/2023/found.md\n", "using docs/conf.py\n")
    other = make_project(tmp_path / "other")
    status, out, err = run(capsys, "new", "There", "-c", str(other))
    assert (status, out, err) == (0, "other/posts/2023/there.md\n", "")


def test_usage_errors(project, capsys) -> None:
    status, _, err = run(capsys)
    assert status == 2 and "required: COMMAND" in err
    status, _, err = run(capsys, "new")
    assert status == 2 and "required: title" in err
    status, _, err = run(capsys, "new", "  ")
    assert (status, err) == (1, "sphinx-postlog new: error: the title is empty\n")


def test_ablog_site_gets_ablog_front_matter_and_slugs(project, capsys) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write('blog_post_pattern = "posts/*/*"\n'
                   'blog_authors = {"jane": ("Jane Doe", None)}\n'
                   'blog_default_author = "jane"\n')
    status, out, err = run(capsys, "new", "Café au lait", "--tags", "software development",
                           "--category", "Drinks")
    assert (status, out, err) == (0, "posts/2023/cafe-au-lait.md\n", "")
    fields, yaml_text, _ = split_markdown(project / out.strip())
    assert yaml_text.startswith("blogpost: true\n")
    assert fields == {"blogpost": True, "date": dt.datetime(2023, 12, 31, 23, 30, tzinfo=UTC),
                      "tags": ["software development"], "category": "Drinks",
                      "author": "jane"}

    app = build_site(project)
    assert warning_lines(app) == []
    post = get_registry(app.env).posts["posts/2023/cafe-au-lait"]
    assert (post.tags, post.categories, post.authors) == (
        ("software development",), ("Drinks",), ("jane",))
    assert blog_index_titles(app, "blog.html") == {
        "posts/2023/cafe-au-lait.html": "Café au lait"}


def test_a_path_outside_the_post_pattern_is_written_with_a_warning(project, capsys) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write('postlog_post_pattern = ["blog-posts/*"]\n')
    status, out, err = run(capsys, "new", "Astray")
    assert (status, out) == (0, "posts/2023/astray.md\n")
    assert err == ("warning: posts/2023/astray does not match postlog_post_pattern "
                   "['blog-posts/*'], so the site will not read it as a post: give a path "
                   "it matches (--path, or postlog_new_post_path), or add 'post: true' to "
                   "its front matter\n")
    status, out, err = run(capsys, "new", "Inside", "--path", "blog-posts/{slug}.md")
    assert (status, out, err) == (0, "blog-posts/inside.md\n", "")
    app = build_site(project)
    assert sorted(get_registry(app.env).posts) == ["blog-posts/inside"]


def test_a_bad_path_setting_is_a_warning_and_the_default_is_used(project, capsys) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write('postlog_new_post_path = "posts/{title}.md"\n')
    status, out, err = run(capsys, "new", "Placed")
    assert (status, out) == (0, "posts/2023/placed.md\n")
    assert err == (f"warning: {project / 'conf.py'}:5: postlog_new_post_path = "
                   "'posts/{title}.md' has an unknown placeholder {title} (known: {year}, "
                   "{month}, {day}, {slug}); using 'posts/{year}/{slug}.md' "
                   "[postlog.config]\n")
    status, _, err = run(capsys, "new", "Placed", "--path", "posts/{slug}.txt")
    assert status == 1 and "must end with .md, .rst, .ipynb" in err


@pytest.mark.parametrize(("template", "problem"), [
    ("posts/{year}/{month}/{day}/{slug}.md", None),
    ("{slug}.ipynb", None),
    ("posts/{slug}/index.rst", None),
    ("posts/{slug}.html", "must end with .md, .rst, .ipynb"),
    ("posts/{slug}", "must end with .md, .rst, .ipynb"),
    ("/posts/{slug}.md", "is not a relative path inside the source folder"),
    ("posts/../../{slug}.md", "is not a relative path inside the source folder"),
    ("posts\\{slug}.md", "is not a relative path inside the source folder"),
    ("posts/{year:04}/{slug}.md", "has an unknown placeholder {year:04}"),
    ("posts/{}.md", "has an unknown placeholder {}"),
    ("posts/{slug.upper}.md", "has an unknown placeholder {slug.upper}"),
    ("posts/{slug.md", "is not a path template"),
])
def test_path_templates(template, problem) -> None:
    found = new_post_path_problem(template)
    assert found == problem if problem is None else found.startswith(problem)


def test_every_suffix_has_a_writer() -> None:
    assert sorted(WRITERS) == sorted(NEW_POST_SUFFIXES)


def test_sphinx_logging_is_left_as_it_was(project, capsys) -> None:
    logger = logging.getLogger("sphinx")
    before = (logger.handlers[:], logger.level, logger.propagate)
    run(capsys, "new", "Logged", "--path", "{slug}.txt")
    assert (logger.handlers, logger.level, logger.propagate) == before


def test_python_m_sphinx_postlog_new(project) -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    result = subprocess.run([sys.executable, "-m", "sphinx_postlog", "new", "From a shell",
                             "--tags", "cli"], cwd=project, env=environment,
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "posts/2023/from-a-shell.md\n", "")
    assert split_markdown(project / "posts/2023/from-a-shell.md")[0]["tags"] == ["cli"]


def _words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (help is wrapped)."""
    return " ".join(text.split())


def test_help_and_version(capsys) -> None:
    status, out, _ = run(capsys, "--version")
    assert (status, out) == (0, f"sphinx-postlog {cli.__version__}\n")
    status, out, _ = run(capsys, "--help")
    assert status == 0 and out.startswith("usage: sphinx-postlog ")
    assert "Tools for a sphinx-postlog blog." in out
    assert _words("COMMAND new write a new post") in _words(out)
    status, out, _ = run(capsys, "new", "--help")
    assert status == 0 and out.startswith("usage: sphinx-postlog new ")
    text = _words(out)
    for line in [
        "Write a new post with front matter, at the path postlog_new_post_path gives, and "
        "print that path. An existing file is never overwritten.",
        "title the post's title (its heading)",
        "--tags TAG [TAG ...] tags: several values, repeated, or one with commas",
        "--category CATEGORY the post's category",
        "--author AUTHOR the author (default: postlog_default_author, else Sphinx's author)",
        "--draft write 'draft: true'",
        "--date DATE ISO date or date and time (default: now, in postlog_timezone)",
        "--slug SLUG the file name's slug instead of the title's",
        "--path PATH where to write, instead of postlog_new_post_path (same placeholders)",
        "--dry-run print the post instead of writing it",
        "--confdir CONFDIR the folder of conf.py (default: the current folder, else its "
        "docs/, doc/, source/)",
    ]:
        assert line in text
    assert "-t TAG" in text and "-c CONFDIR" in text


def test_an_unexpected_error_is_one_line_to_report(project, capsys, monkeypatch) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "plan_post", fail)
    assert run(capsys, "new", "Crash") == (
        1, "", "sphinx-postlog: unexpected error: RuntimeError: boom (please report it)\n")


def test_warnings_while_reading_conf_py_are_plain_lines(project, capsys) -> None:
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write("from sphinx.util import logging\n"
                   'logging.getLogger("conf").warning("look here", location=("posts/a", 3), '
                   'type="my", subtype="thing")\n'
                   'logging.getLogger("conf").warning("nowhere")\n')
    status, _, err = run(capsys, "new", "Warned")
    assert (status, err) == (0, "warning: posts/a:3: look here [my.thing]\nwarning: nowhere\n")


def test_notebook_text_is_laid_out_as_nbformat_writes_it(project, capsys) -> None:
    status, _, _ = run(capsys, "new", "Ça va", "--path", "posts/{slug}.ipynb",
                       "--category", "Guides", "--tags", "données")
    assert status == 0
    text = (project / "posts/ça-va.ipynb").read_text(encoding="utf-8")
    assert text.startswith('{\n "cells": [\n  {\n   "cell_type": "raw",\n'
                           '   "id": "front-matter",\n   "metadata": {},\n   "source": [\n')
    assert text.endswith('\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n')
    assert "# Ça va" in text and "- données" in text  # not escaped
    first, second = json.loads(text)["cells"]
    assert "".join(first["source"]).endswith("category: Guides\n---\n")
    assert (second["cell_type"], second["id"]) == ("markdown", "post")


def test_rst_headings_that_rst_would_read_otherwise(project, capsys) -> None:
    titles = [".. not a comment", "C# tips", "- not a list"]
    for number, title in enumerate(titles):
        status, _, _ = run(capsys, "new", title, "--path", f"posts/{number}.rst",
                           "--author", "Jane Doe", "--category", "How-to")
        assert status == 0
    texts = [(project / f"posts/{number}.rst").read_text(encoding="utf-8") for number in range(3)]
    assert [text.splitlines()[4] for text in texts] == [
        r"\.. not a comment", "C# tips", r"\- not a list"]
    assert all(text.splitlines()[1:3] == [":category: How-to", ":author: Jane Doe"]
               and text.endswith("and feeds show.\n") for text in texts)
    app = build_site(project)
    assert warning_lines(app) == []
    assert sorted(post.title for post in get_registry(app.env).posts.values()) == sorted(titles)


def test_unicode_terms_stay_readable_in_front_matter(project, capsys) -> None:
    assert run(capsys, "new", "Unicode", "--tags", "données", "--author", "Zoë")[0] == 0
    _, yaml_text, _ = split_markdown(project / "posts/2023/unicode.md")
    assert "- données\n" in yaml_text and "author: Zoë\n" in yaml_text


def test_what_the_site_would_warn_about_names_the_field(project, capsys) -> None:
    status, _, err = run(capsys, "new", "Tagged", "--tags", "Python", "python",
                         "--category", "Guides, guides", "--dry-run")
    assert status == 0
    assert err.splitlines()[:2] == [
        "warning: tag: 'Python' and 'python' differ only by case; keeping 'Python'",
        "warning: category: 'Guides' and 'guides' differ only by case; keeping 'Guides'"]


def test_a_post_outside_the_current_folder_is_named_by_its_absolute_path(tmp_path, monkeypatch,
                                                                         capsys) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEARS_EVE)
    site = make_project(tmp_path / "site")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    status, out, _ = run(capsys, "new", "Far", "-c", str(site))
    assert (status, out) == (0, f"{(site / 'posts/2023/far.md').resolve()}\n")


def test_a_folder_that_cannot_be_made_is_one_message(project, capsys) -> None:
    status, out, err = run(capsys, "new", "Blocked", "--path", "index.md/sub/{slug}.md")
    assert (status, out, err) == (
        1, "", "sphinx-postlog new: error: cannot make the folder index.md/sub: Not a "
               "directory\n")


def test_a_file_where_a_folder_should_be_is_named(project, capsys) -> None:
    (project / "index.md").touch()
    status, out, err = run(capsys, "new", "X", "--path", "index.md/{slug}.md")
    assert (status, out) == (1, "")
    assert err.startswith("sphinx-postlog new: error: cannot make the folder index.md: ")
    assert "already exists" not in err


def test_a_post_pattern_with_a_suffix_is_matched_against_the_new_file(project, capsys) -> None:
    """``posts/*/*.md`` names the new MyST file (which does not exist yet when it is
    checked); the same pattern does not name a reST one."""
    with (project / "conf.py").open("a", encoding="utf-8") as file:
        file.write('postlog_post_pattern = ["posts/*/*.md"]\n')
    assert run(capsys, "new", "Fits") == (0, "posts/2023/fits.md\n", "")
    status, out, err = run(capsys, "new", "Other", "--path", "posts/{year}/{slug}.rst")
    assert (status, out) == (0, "posts/2023/other.rst\n")
    assert "does not match postlog_post_pattern ['posts/*/*.md']" in err


BLOGS = ("postlog_blogs = {'news': {'pattern': ['news/*'], 'new_post_path': 'news/{slug}.md'},"
         "\n                 'eng': {'pattern': ['eng/**'],"
         " 'new_post_path': 'eng/{year}/{slug}.md'}}\n")


def test_a_new_post_for_one_of_several_blogs(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEARS_EVE)
    monkeypatch.chdir(make_project(tmp_path / "site", BLOGS))
    assert run(capsys, "new", "Release 2", "--blog", "news") == (0, "news/release-2.md\n", "")
    assert run(capsys, "new", "Parsing", "--blog", "eng") == (0, "eng/2023/parsing.md\n", "")
    status, out, err = run(capsys, "new", "Elsewhere", "--blog", "nope")
    assert (status, out) == (1, "")
    assert "no blog 'nope' in postlog_blogs (blogs: 'news', 'eng')" in err
    # a path of another blog's: said, and written
    status, out, err = run(capsys, "new", "Moved", "--blog", "news", "--path", "eng/{slug}.md")
    assert (status, out) == (0, "eng/moved.md\n")
    assert "eng/moved is in the blog 'eng', not 'news'" in err
    app = build_site(tmp_path / "site")
    assert warning_lines(app) == []
    blogs = {docname: post.blog for docname, post in get_registry(app.env).posts.items()}
    assert blogs == {"news/release-2": "news", "eng/2023/parsing": "eng", "eng/moved": "eng"}


def test_blog_without_postlog_blogs_is_refused(project, capsys) -> None:
    status, _, err = run(capsys, "new", "A post", "--blog", "news")
    assert status == 1
    assert "no blog 'news' in postlog_blogs (blogs: none: postlog_blogs is not set)" in err
