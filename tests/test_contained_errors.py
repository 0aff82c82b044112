"""An unexpected error while handling one post or page is one located warning; the
build goes on and keeps every other post."""

from __future__ import annotations

import feedparser
from sphinx.cmd.build import build_main

from conftest import build_site, copy_root, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.read import posts as posts_module
from sphinx_postlog.render import views


def _build(tmp_path, **kwargs):
    srcdir = copy_root("feed", tmp_path)
    (srcdir / "index.md").write_text("# Feed test site\n\n```{postlist}\n```\n")
    app = build_site(srcdir, **kwargs)
    return app


def test_an_error_reading_one_post_loses_only_that_post(tmp_path, monkeypatch) -> None:
    words = posts_module._words

    def failing(doctree):
        if doctree["source"].endswith("two.md"):
            raise RuntimeError("boom")
        return words(doctree)

    monkeypatch.setattr(posts_module, "_words", failing)
    app = _build(tmp_path)
    lines = warning_lines(app)
    assert len(lines) == 1, lines
    assert "posts/two.md: WARNING: unexpected error while reading the post: " \
           "RuntimeError: boom [postlog.internal]" in lines[0]
    assert sorted(get_registry(app.env).posts) == ["posts/four", "posts/one", "posts/three"]
    feed = feedparser.parse((app.outdir / "blog/atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == [
        "No author given", "Zoned and updated", "Oldest post, not in the feed"]


def test_an_error_showing_one_post_is_contained_everywhere(tmp_path, monkeypatch) -> None:
    view = views.Presenter.view

    def failing(self, post, *args, **kwargs):
        if post.docname == "posts/three":
            raise ValueError("cannot show")
        return view(self, post, *args, **kwargs)

    monkeypatch.setattr(views.Presenter, "view", failing)
    app = _build(tmp_path)
    lines = warning_lines(app)
    assert lines, "the failure was silent"
    assert all("ValueError: cannot show [postlog.internal]" in line for line in lines), lines
    located = "\n".join(lines)
    # The post list of the home page, the header of the post itself, and the archive
    # pages that list it: each names its page.
    assert "index.md:3: WARNING: unexpected error while making a post list" in located
    assert "posts/three.md: WARNING: unexpected error while running post_page_context" \
        in located
    assert "making the archive page 'blog/tags/news'" in located
    # Everything else was written.
    assert (app.outdir / "posts/three.html").is_file()
    assert (app.outdir / "blog/tags/python.html").is_file()
    feed = feedparser.parse((app.outdir / "blog/atom.xml").read_bytes())
    assert len(feed.entries) == 3


def test_with_dash_w_the_contained_error_fails_the_build(tmp_path, monkeypatch) -> None:
    srcdir = copy_root("feed", tmp_path)
    assert build_main(["-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "ok")]) == 0
    monkeypatch.setattr(posts_module, "_words", lambda doctree: 1 // 0)
    assert build_main(["-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")]) != 0
