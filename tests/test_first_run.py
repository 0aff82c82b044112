"""The README's quick start, built as written: a home page that reaches the blog, and
one clear warning when ``project`` is missing."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO, build_site, parsed_warnings, read_html, warning_lines

README = REPO / "README.md"


def quick_start_site(srcdir: Path, drop: tuple[str, ...] = ()) -> Path:
    """The quick start's conf.py, post and home page, as the README shows them (lines
    starting with one of ``drop`` left out of conf.py)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Quick start"):text.index("## Working on")]
    conf = re.search(r"```python\n(.*?)```", section, re.S)[1]
    post = re.search(r"```markdown\n(---.*?)```", section, re.S)[1]
    home = re.search(r"````markdown\n(.*?)````", section, re.S)[1]
    srcdir.mkdir()
    kept = [line for line in conf.splitlines() if not line.startswith(drop)]
    kept.append("show_warning_types = True  # the default from Sphinx 8 on")
    (srcdir / "conf.py").write_text("\n".join(kept) + "\n", encoding="utf-8")
    (srcdir / "posts").mkdir()
    (srcdir / "posts" / "conference.md").write_text(post, encoding="utf-8")
    (srcdir / "index.md").write_text(home, encoding="utf-8")
    return srcdir


def test_the_home_page_reaches_the_blog(tmp_path) -> None:
    app = build_site(quick_start_site(tmp_path / "site"))
    assert warning_lines(app) == []
    home = read_html(app.outdir, "index.html")
    assert [a.get_text() for a in home.select("a.postlog-post-title")] == [
        "An academic goes to a conference"]
    links = home.select(".postlog-list-links a")
    assert [a.get_text() for a in links] == ["All posts", "Tags", "Feed"]
    for link in links:
        assert (app.outdir / link["href"]).is_file(), link["href"]
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "<title>Field notes</title>" in feed and "Jane Doe" in feed


def test_a_missing_project_is_one_warning(tmp_path) -> None:
    app = build_site(quick_start_site(tmp_path / "site", drop=("project", "author")))
    assert parsed_warnings(app) == [("conf.py", 2, "postlog.config")]  # at html_baseurl
    (text,) = warning_lines(app)
    assert ("so the feeds' title and the author of posts that name none will read "
            "'Project name not set'") in text
    assert "Project name not set" in (app.outdir / "blog" / "atom.xml").read_text()


def test_a_named_feed_and_author_need_no_project(tmp_path) -> None:
    srcdir = quick_start_site(tmp_path / "site", drop=("project",))
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'postlog_feed_title = "Notes"\n')
    assert warning_lines(build_site(srcdir)) == []
    conf.write_text(conf.read_text().replace('author = "Jane Doe"', ""))
    app = build_site(srcdir, freshenv=True)
    (text,) = warning_lines(app)
    assert "so the author of posts that name none will read" in text
