"""Drafts and posts dated in the future: hidden by default, badged on request, never in
feeds; "now" comes from SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil

import feedparser
import pytest

from conftest import ROOTS, build_site, make_site, read_html, warning_lines

Y2030 = str(int(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
Y2100 = str(int(dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc).timestamp()))


def titles(outdir, page: str) -> list[str]:
    return [a.get_text() for a in read_html(outdir, page).select("a.postlog-post-title")]


def feed_titles(outdir) -> list[str]:
    return [e.title for e in feedparser.parse((outdir / "blog/atom.xml").read_bytes()).entries]


@pytest.fixture
def build(built_root, monkeypatch):
    def build(epoch: str, **overrides):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        app = built_root("drafts", confoverrides=overrides)
        assert warning_lines(app) == []
        return app
    return build


def test_drafts_and_future_posts_are_left_out(build) -> None:
    app = build(Y2030)
    assert titles(app.outdir, "index.html") == ["Published post"]
    assert titles(app.outdir, "blog/index.html") == ["Published post"]
    assert titles(app.outdir, "blog/tags/public.html") == ["Published post"]
    assert not (app.outdir / "blog/tags/secret.html").exists()
    assert not (app.outdir / "blog/tags/future.html").exists()
    assert feed_titles(app.outdir) == ["Published post"]
    status = app.status.getvalue()
    assert "posts/draft is a draft: not published" in status
    assert "posts/scheduled is scheduled for 2099-01-01T09:00:00+01:00: not published" in status


def test_drafts_are_not_published(build) -> None:
    """No page, no search-index entry, no toctree glob entry."""
    app = build(Y2030)
    assert not (app.outdir / "posts/draft.html").exists()
    assert not (app.outdir / "posts/scheduled.html").exists()
    assert not (app.outdir / "_sources/posts/draft.md.txt").exists()
    assert (app.outdir / "posts/published.html").is_file()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "posts/draft" not in index and "posts/published" in index
    assert "posts/draft" not in app.env.found_docs


def test_with_show_drafts_the_draft_page_says_it_is_a_draft(build) -> None:
    app = build(Y2030, postlog_show_drafts=True)
    meta = read_html(app.outdir, "posts/draft.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-badge.postlog-draft").get_text() == "Draft"
    # with drafts shown, its tag that only drafts have has a page too
    assert [a.get_text() for a in meta.select("a.postlog-term")] == ["public", "secret"]


def test_show_drafts_lists_them_with_badges(build) -> None:
    app = build(Y2030, postlog_show_drafts=True)
    assert titles(app.outdir, "index.html") == ["Scheduled post", "Draft post", "Published post"]
    page = read_html(app.outdir, "blog/tags/public.html")
    badges = [b.get_text() for b in page.select(".postlog-badge")]
    assert badges == ["Scheduled", "Draft"]
    assert (app.outdir / "blog/tags/secret.html").is_file()
    assert feed_titles(app.outdir) == ["Published post"]
    assert "listed with a badge" in app.status.getvalue()



def test_scheduled_posts_appear_once_their_date_has_come(build) -> None:
    app = build(Y2100)
    assert titles(app.outdir, "index.html") == ["Scheduled post", "Published post"]
    assert feed_titles(app.outdir) == ["Scheduled post", "Published post"]


def test_draft_must_be_a_boolean(built_root, tmp_path) -> None:
    from conftest import copy_root, parsed_warnings

    srcdir = copy_root("drafts", tmp_path)
    path = srcdir / "posts" / "draft.md"
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: soon"),
                    encoding="utf-8")
    app = build_site(srcdir)
    assert parsed_warnings(app) == [("posts/draft.md", 4, "postlog.field")]


def test_the_sitemap_lists_archive_pages_and_no_draft(build) -> None:
    pytest.importorskip("sphinx_sitemap")
    app = build(Y2030, extensions=["sphinx_postlog", "sphinx_sitemap"])
    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "posts/published.html" in sitemap and "blog/tags/public.html" in sitemap
    assert "posts/draft" not in sitemap and "posts/scheduled" not in sitemap


def test_front_matter_is_parsed_once_per_page(tmp_path, monkeypatch) -> None:
    """Keeping drafts out parses every page's front matter before reading; the reading
    uses that parse rather than parse again, unless the source changed in between."""
    from sphinx_postlog.read import frontmatter
    from sphinx_postlog.read.page_source import read_ahead

    monkeypatch.setenv("SOURCE_DATE_EPOCH", Y2030)
    parsed: list[str] = []
    original = frontmatter.parse_block

    def counting(block):
        parsed.append(block.yaml_text.splitlines()[0])
        return original(block)

    monkeypatch.setattr(frontmatter, "parse_block", counting)

    def add_a_key(app, docname, source):  # another extension's source-read
        if docname == "posts/published":
            source[0] = source[0].replace("\n---", "\nextra: 1\n---", 1)

    srcdir = tmp_path / "drafts"
    shutil.copytree(ROOTS / "test-drafts", srcdir)
    (srcdir / "posts/second.md").write_text(
        "---\ndate: 2020-02-02\n---\n# Second\n\nA second post, long enough to be read.\n")
    app = make_site(srcdir)
    app.connect("source-read", add_a_key, priority=100)  # before ours
    try:
        app.build()
    finally:
        app.cleanup()
    assert warning_lines(app) == []
    published, draft, scheduled, second = (
        (srcdir / f"posts/{name}.md").read_text().split("\n")[1]
        for name in ("published", "draft", "scheduled", "second"))
    # Before reading: each page once (draft and scheduled are then left out). While
    # reading: only the published post's block again, as it was changed.
    assert sorted(parsed) == sorted([published, draft, scheduled, second, published])
    assert app.env.metadata["posts/published"]["extra"] == "1"
    # What was read ahead lasts one build, and is not pickled with the environment.
    ahead = read_ahead(app.env)
    assert len(ahead) == 0
    assert len(pickle.loads(pickle.dumps(ahead))) == 0


@pytest.mark.parametrize("epoch", [
    "-62135596800",  # 0001-01-01T00:00Z: no zone west of UTC could show it
    "253402300799",  # 9999-12-31T23:59:59Z: nor any east of it
    "1e300", "inf", "nan",
])
def test_a_source_date_epoch_past_the_calendar_gives_the_clock(monkeypatch, epoch) -> None:
    from sphinx_postlog.read import schedule

    warned = []
    monkeypatch.setattr(schedule, "warn", lambda *args, **kwargs: warned.append(args[0]))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = dt.datetime.now(tz=dt.timezone.utc)
    assert schedule.build_time() >= before
    (message,) = warned
    assert message.startswith(f"SOURCE_DATE_EPOCH={epoch!r} ")
    assert message.endswith("; using the clock")


@pytest.mark.parametrize("moment", [dt.datetime(1, 1, 2, tzinfo=dt.timezone.utc),
                                    dt.datetime(9999, 12, 30, 23, 59, 59,
                                                tzinfo=dt.timezone.utc)])
def test_a_source_date_epoch_at_the_ends_of_the_calendar_is_used(monkeypatch, moment) -> None:
    from sphinx_postlog.read import schedule

    monkeypatch.setattr(schedule, "warn", lambda *args, **kwargs: pytest.fail(str(args)))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    now = schedule.build_time()
    assert now == moment
    for hours in (-12, 14):  # shown in any zone, as the new-post command does
        now.astimezone(dt.timezone(dt.timedelta(hours=hours)))
