"""The ``postlog-report`` builder: a table of every post with its status, then the lint's
findings, logged and written as text and JSON; on ABlog sites, on empty sites, and
without upsetting what the extension does for HTML."""

from __future__ import annotations

import json

import pytest
from sphinx.cmd.build import build_main

from conftest import build_site, copy_root, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.write.report import JSON_FILE, TEXT_FILE, Column, cut, table, text_width

EPOCH_2030 = "1893456000"


def report(app) -> tuple[str, dict]:
    outdir = app.outdir
    return ((outdir / TEXT_FILE).read_text(encoding="utf-8"),
            json.loads((outdir / JSON_FILE).read_text(encoding="utf-8")))


def row_of(text: str, docname: str) -> str:
    return next(line for line in text.splitlines() if f"  {docname}  " in line)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH_2030)
        srcdir = copy_root("drafts", tmp_path_factory.mktemp("report"))
        return build_site(srcdir, "postlog-report")


def test_every_post_with_its_status(drafts) -> None:
    assert warning_lines(drafts) == []
    text, data = report(drafts)
    assert [(post["docname"], post["status"]) for post in data["posts"]] == [
        ("posts/scheduled", "scheduled"), ("posts/draft", "draft"),
        ("posts/published", "published")]
    assert row_of(text, "posts/scheduled").split() == [
        "2099-01-01", "Scheduled", "post", "posts/scheduled", "public,", "future", "scheduled"]
    assert row_of(text, "posts/draft").endswith("draft")
    assert row_of(text, "posts/published").startswith("2020-01-01  Published post")
    assert text.splitlines()[:2] == ["Posts (3)", ""]
    assert "No findings." in text


def test_the_report_is_logged(drafts) -> None:
    status = drafts.status.getvalue()
    assert "Posts (3)" in status and "posts/scheduled" in status


def test_the_json_has_a_fixed_shape(drafts) -> None:
    _, data = report(drafts)
    assert list(data) == ["posts", "findings", "rules"]
    assert list(data["posts"][0]) == ["date", "title", "docname", "file", "datetime",
                                      "updated", "tags", "categories", "authors", "status",
                                      "blog"]
    assert data["posts"][0]["file"] == "posts/scheduled.md"
    assert data["posts"][0]["datetime"] == "2099-01-01T09:00:00+01:00"
    assert data["findings"] == []
    assert data["rules"] == ["similar-terms", "similar-authors", "excerpt-length",
                             "updated-before-date", "mixed-timezones"]


def test_drafts_read_for_the_report_are_hidden_again_by_html(drafts, monkeypatch) -> None:
    """The report reads drafts into the environment; an HTML build sharing it leaves
    them out again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2030)
    assert drafts.doctreedir.parent == drafts.outdir.parent
    app = build_site(drafts.srcdir, "html", builddir=drafts.outdir.parent)
    assert app.doctreedir == drafts.doctreedir
    assert sorted(get_registry(app.env).posts) == ["posts/published"]
    assert not (app.outdir / "posts/draft.html").exists()
    assert "posts/draft is a draft: not published" in app.status.getvalue()


def test_findings_with_their_places(tmp_path) -> None:
    srcdir = tmp_path / "site"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_postlog"]\n'
                                    'postlog_feed_path = None\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, tag in (("a", "CICD"), ("b", "cicd"), ("c", "cicd")):
        (srcdir / f"posts/{name}.md").write_text(
            f"---\ndate: 2024-01-0{ord(name) - 96}\ntags: {tag}\n---\n# Post {name}\n\nText.\n",
            encoding="utf-8")
    app = build_site(srcdir, "postlog-report")
    text, data = report(app)
    assert data["findings"] == [{
        "rule": "similar-terms", "file": "posts/a.md", "line": 3, "docname": "posts/a",
        "message": "tags 'cicd' (2 posts) and 'CICD' (1 post) look like one tag (they differ "
                   "by case); use 'cicd'"}]
    assert ("posts/a.md:3: tags 'cicd' (2 posts) and 'CICD' (1 post) look like one tag "
            "(they differ by case); use 'cicd' [rule: similar-terms]") in text
    assert "Lint findings (1; rules: similar-terms" in text
    # and as a warning, as in any build
    assert len([line for line in warning_lines(app) if "[rule: similar-terms]" in line]) == 1


def test_a_no_op_rebuild_reports_the_same(tmp_path) -> None:
    srcdir = copy_root("drafts", tmp_path)
    first = report(build_site(srcdir, "postlog-report"))
    again = build_site(srcdir, "postlog-report")
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert report(again) == first


def test_an_ablog_site(tmp_path) -> None:
    srcdir = copy_root("ablogsite", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"ablog"', '"sphinx_postlog"'),
                    encoding="utf-8")
    app = build_site(srcdir, "postlog-report")
    assert warning_lines(app) == []
    text, data = report(app)
    registry = get_registry(app.env)
    assert {post["docname"] for post in data["posts"]} == set(registry.posts) | set(
        registry.undated)
    assert len(data["posts"]) > 5
    assert all(post["docname"] in text for post in data["posts"])


def test_a_site_without_posts(tmp_path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_postlog"]\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n```\n", encoding="utf-8")
    app = build_site(srcdir, "postlog-report")
    assert warning_lines(app) == []
    text, data = report(app)
    assert data == {"posts": [], "findings": [], "rules": list(data["rules"])}
    assert "No posts." in text and "No findings." in text


def test_the_html_hooks_stand_aside(tmp_path) -> None:
    """Post lists, post pages' furniture, roles, covers and feeds under a builder that
    writes no pages."""
    app = build_site(copy_root("kitchensink", tmp_path), "postlog-report", freshenv=True)
    assert warning_lines(app) == []
    assert sorted(path.name for path in app.outdir.iterdir()
                  if not path.name.startswith(".")) == [JSON_FILE, TEXT_FILE]


def test_quiet_hides_the_report(tmp_path, capsys) -> None:
    srcdir = copy_root("drafts", tmp_path)
    assert build_main(["-q", "-b", "postlog-report", str(srcdir), str(tmp_path / "q")]) == 0
    assert "Posts (" not in capsys.readouterr().out
    assert (tmp_path / "q" / TEXT_FILE).is_file()
    assert build_main(["-b", "postlog-report", str(srcdir), str(tmp_path / "v")]) == 0
    assert "Posts (3)" in capsys.readouterr().out


def test_columns_fit_their_widest_cell_and_long_text_is_cut() -> None:
    columns = (Column("Title", "title", 12), Column("Status", "status", 9))
    rows = [{"title": "A very long title indeed", "status": "published"},
            {"title": "日本語のタイトル", "status": "draft"},
            {"title": "Café", "status": "scheduled"}]
    assert table(rows, columns) == [
        "Title         Status",
        "------------  ---------",
        "A very long…  published",
        "日本語のタ…   draft",
        "Café          scheduled",
    ]
    assert text_width("日本") == 4 and text_width("e\u0301") == 1
    assert cut("short", 10) == "short"
    assert cut("exactly ten", 11) == "exactly ten"
    assert text_width(cut("日本語のタイトル", 12)) <= 12
