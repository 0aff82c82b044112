"""Incremental builds write exactly what a clean build writes, and remove what it no
longer writes, after every kind of edit; builders sharing one doctree folder each keep
their own record of what they wrote."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_site, copy_root, kept_state, read_html, warning_lines

COMPARED = ("*.html", "*.xml")


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every page, feed and kept post text, by path."""
    found = {str(path.relative_to(outdir)): path.read_bytes()
             for pattern in COMPARED for path in sorted(outdir.rglob(pattern))
             if "_static" not in path.parts}
    content = kept_state(outdir) / "content"
    found.update({f"<kept>/{path.relative_to(content)}": path.read_bytes()
                  for path in sorted(content.rglob("*")) if path.is_file()})
    return found


def build(srcdir: Path, buildername: str = "html", **overrides) -> Path:
    app = build_site(srcdir, buildername, confoverrides=overrides)
    assert warning_lines(app) == []
    return Path(app.outdir)


def assert_same_as_clean(srcdir: Path, incremental: dict[str, bytes],
                         settings: dict[str, object]) -> dict[str, bytes]:
    """Build a fresh copy of ``srcdir`` and check ``incremental`` holds the same files,
    byte for byte; the clean build's files."""
    fresh = srcdir.parent / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean = snapshot(build(fresh, **settings))
    assert sorted(incremental) == sorted(clean)
    assert [path for path in clean if incremental[path] != clean[path]] == []
    return clean


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


SETTINGS = {"postlog_feed_tags": True, "postlog_feed_categories": True,
            "postlog_feed_full_content": True}


def _draft(posts: Path) -> None:
    edit(posts / "post6.md", "---\n", "---\ndraft: true\n")


def _undraft(posts: Path) -> None:
    edit(posts / "post6.md", "---\ndraft: true\n", "---\n")


def _rename(posts: Path) -> None:
    (posts / "post7.md").rename(posts / "renamed.md")


def _redirect(posts: Path) -> None:
    edit(posts / "post8.md", "---\n", "---\nredirect: old/eight, older/eight.html\n")


def _move_leaving_a_redirect(posts: Path) -> None:
    """Post 7 moves; its old path becomes its redirect page, in the same build."""
    text = (posts / "post7.md").read_text(encoding="utf-8")
    (posts / "post7.md").unlink()
    (posts / "seven.md").write_text(text.replace("---\n", "---\nredirect: posts/post7\n", 1),
                                    encoding="utf-8")


def _move_leaving_a_redirect_with_suffix(posts: Path) -> None:
    text = (posts / "post7.md").read_text(encoding="utf-8")
    (posts / "post7.md").unlink()
    (posts / "seven.md").write_text(
        text.replace("---\n", "---\nredirect: posts/post7.html\n", 1), encoding="utf-8")


def _move_back(posts: Path) -> None:
    """The moved post comes back to its old path, with a redirect from the new one: the
    redirect page written last time at its path is the post's page now."""
    text = (posts / "seven.md").read_text(encoding="utf-8")
    (posts / "seven.md").unlink()
    (posts / "post7.md").write_text(
        re.sub(r"redirect: .*\n", "redirect: posts/seven\n", text), encoding="utf-8")


def _tag_index(posts: Path) -> None:
    """Terms named like the index pages of their facet."""
    edit(posts / "post7.md", "tags: python C++\ncategory: cat1",
         "tags: python index\ncategory: index")


def _retitle_tagged_index(posts: Path) -> None:
    edit(posts / "post7.md", "# Post number 7", "# Seven, retitled")


def _retag_last(posts: Path) -> None:
    edit(posts / "post5.md", "tags: python lonely", "tags: python")


def _redate_future(posts: Path) -> None:
    edit(posts / "post10.md", "date: 2020-01-10", "date: 2999-01-01")


def _move_a_tag_page(posts: Path) -> None:
    """C# arrives: the page of C++ (post 7's tag) moves from c.html to a hashed name, while
    post 7's neighbours and related posts stay as they were."""
    (posts / "sharp.md").write_text("---\ndate: 2019-01-01\ntags: C#\n---\n# Sharp\n\nS.\n",
                                    encoding="utf-8")


def _retag_out_of_related_lists(posts: Path) -> None:
    """Post 9 (python, go) is in the related lists of posts 6 and 3; it leaves both."""
    edit(posts / "post9.md", "tags: python go", "tags: rust")


def _retitle_a_related_post(posts: Path) -> None:
    edit(posts / "post6.md", "# Post number 6", "# Six, retitled")


def _redate_into_the_middle(posts: Path) -> None:
    """Post 2 moves between posts 5 and 6: four posts get new neighbours."""
    edit(posts / "post2.md", "date: 2020-01-02", "date: 2020-01-05T12:00:00")


def _add_a_close_post(posts: Path) -> None:
    """A post dated between posts 3 and 4 with post 3's tags: it joins the related
    lists of the posts close to it, and is the new neighbour of posts 3 and 4."""
    (posts / "close.md").write_text(
        "---\ndate: 2020-01-03T12:00:00\ntags: python go\n---\n# Close\n\nC.\n",
        encoding="utf-8")


def _untag_and_redate(posts: Path) -> None:
    """Post 1 loses its only tag and moves between posts 7 and 8: its own neighbours
    change, though it shares no tag with any post."""
    edit(posts / "post1.md", "date: 2020-01-01\ntags: python\n", "date: 2020-01-07T12:00:00\n")


EDITS = {"a new tag moves another's page": [_move_a_tag_page],
         "retag out of related lists": [_retag_out_of_related_lists],
         "retitle a related post": [_retitle_a_related_post],
         "redate into the middle": [_redate_into_the_middle],
         "add a close post": [_add_a_close_post],
         "untag and redate": [_untag_and_redate],
         "draft": [_draft], "draft, then undraft": [_draft, _undraft], "rename": [_rename],
         "redirect": [_redirect], "move, leaving a redirect": [_move_leaving_a_redirect],
         "move, leaving a redirect with a suffix": [_move_leaving_a_redirect_with_suffix],
         "move, then move back": [_move_leaving_a_redirect, _move_back],
         "tag index, then retitle": [_tag_index, _retitle_tagged_index],
         "retag the last post of a tag": [_retag_last],
         "redate into the future": [_redate_future]}


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_equals_clean_after_each_edit(tmp_path: Path, name: str) -> None:
    srcdir = copy_root("incremental", tmp_path / "incremental")
    build(srcdir, **SETTINGS)
    for step in EDITS[name]:
        step(srcdir / "posts")
        incremental = snapshot(build(srcdir, **SETTINGS))
    clean = assert_same_as_clean(srcdir, incremental, SETTINGS)
    assert len(clean) > 40


def test_a_feed_no_longer_written_is_removed(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    outdir = build(srcdir, **SETTINGS)
    assert (outdir / "blog/tags/lonely.xml").is_file()
    _retag_last(srcdir / "posts")
    outdir = build(srcdir, **SETTINGS)
    assert not (outdir / "blog/tags/lonely.xml").exists()
    assert not (outdir / "blog/tags/lonely.html").exists()
    # Switched off: every tag feed goes; the site feed stays.
    outdir = build(srcdir, **{**SETTINGS, "postlog_feed_tags": False})
    assert not list((outdir / "blog/tags").glob("*.xml"))
    assert (outdir / "blog/atom.xml").is_file()
    # No feed at all.
    outdir = build(srcdir, **{**SETTINGS, "postlog_feed_path": None})
    assert not list(outdir.rglob("*.xml"))


def test_builders_sharing_doctrees_each_follow_their_own_output(tmp_path: Path) -> None:
    """``sphinx-build -M html`` then ``-M dirhtml`` share the doctree folder."""
    srcdir = copy_root("incremental", tmp_path)
    build(srcdir, "html")
    edit(srcdir / "posts/post2.md", "# Post number 2", "# A new title for post 2")
    build(srcdir, "dirhtml")
    outdir = build(srcdir, "html")

    def shows_new_title(page: str) -> bool:
        return "A new title for post 2" in read_html(outdir, page).get_text()

    assert shows_new_title("index.html")  # its post list
    assert shows_new_title("posts/post1.html")  # a neighbour's footer
    assert shows_new_title("blog/index.html")


def test_incremental_equals_clean_after_a_config_change(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path / "incremental")
    build(srcdir, **SETTINGS, postlog_archive_page_size=3)
    changed = {**SETTINGS, "postlog_archive_page_size": 0, "postlog_feed_categories": False}
    clean = assert_same_as_clean(srcdir, snapshot(build(srcdir, **changed)), changed)
    assert not any("/page/" in path for path in clean)


def test_only_the_archive_pages_that_change_are_made(tmp_path: Path, monkeypatch) -> None:
    """An unchanged archive page is known from what it is made of, without rendering it:
    a build renders exactly the archive pages it writes."""
    from sphinx_postlog.render.templating import Renderer

    srcdir = copy_root("incremental", tmp_path)
    build(srcdir)
    rendered: list[str] = []
    render = Renderer.render

    def counting(self, template: str, **context):
        rendered.append(template)
        return render(self, template, **context)

    monkeypatch.setattr(Renderer, "render", counting)
    text = (srcdir / "posts/post4.md").read_text(encoding="utf-8")
    (srcdir / "posts/post4.md").write_text(
        text.replace("Excerpt of post 4.", "A new excerpt for post 4."), encoding="utf-8")
    written: list[str] = []
    app = build_site(srcdir, hooks=[("html-page-context",
                                     lambda app, page, *rest: written.append(page))])
    assert warning_lines(app) == []
    archive_pages = {"blog/index", "blog/tags/rust", "blog/tags/sphinx",
                     "blog/categories/cat1", "blog/archive/2020"}
    assert archive_pages <= set(written)
    assert rendered.count("postlog/archive.html") == len(archive_pages)
    assert "postlog/terms.html" not in rendered  # no count changed


def test_the_record_survives_saving_and_a_copy_is_its_own(tmp_path: Path) -> None:
    from sphinx_postlog.record.saved_record import OutputRecord

    record = OutputRecord(inputs="i", pages={"blog": "d"}, feeds=["atom.xml"], digest="g",
                          slugs={"tag:a": "a"}, listings={"index": "l"},
                          furniture={"p": "f"}, posts=["p"], site="s",
                          footer_keys={"p": "k"}, footer_posts={"p": ["q"]},
                          related_limit=3)
    record.save(tmp_path)
    assert OutputRecord.load(tmp_path) == record
    copy = record.copy()
    assert copy == record
    copy.pages["other"] = "x"
    copy.feeds.append("rss.xml")
    assert record.pages == {"blog": "d"} and record.feeds == ["atom.xml"]
    (tmp_path / "record.json").write_text("{not json", encoding="utf-8")
    assert OutputRecord.load(tmp_path) == OutputRecord()


#: What Sphinx itself puts in an HTML output folder besides pages, feeds and images.
SPHINX_FILES = {".buildinfo", "objects.inv", "searchindex.js"}


def test_nothing_of_ours_is_published_but_pages_feeds_and_images(tmp_path: Path) -> None:
    """The record and the posts' kept text are beside the doctrees: an output folder
    holds only what a deploy should publish."""
    srcdir = copy_root("incremental", tmp_path)
    outdir = build(srcdir, **SETTINGS)
    kept = kept_state(outdir)
    assert (kept / "record.json").is_file() and list((kept / "content").rglob("*.html"))
    assert kept.parent.parent == outdir.parent / "doctrees"
    published = [path.relative_to(outdir) for path in outdir.rglob("*") if path.is_file()]
    assert [path for path in published if path.parts[0] not in ("_static", "_sources")
            and path.suffix not in (".html", ".xml", ".json", ".png", ".jpg", ".svg")
            and path.as_posix() not in SPHINX_FILES] == []
    assert [path for path in published if any(part.startswith(".postlog")
                                               for part in path.parts)] == []
    feeds = [path for path in published if path.suffix == ".json"]
    assert feeds and all(json.loads((outdir / path).read_text(encoding="utf-8"))["version"]
                         == "https://jsonfeed.org/version/1.1" for path in feeds)


def test_what_an_earlier_version_kept_in_the_output_folder_is_read_once_and_removed(
        tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    outdir = build(srcdir, **SETTINGS)
    assert (outdir / "blog/tags/lonely.html").is_file()
    kept = kept_state(outdir)
    old = outdir / ".postlog"  # where earlier versions kept it
    shutil.move(kept, old)
    _retag_last(srcdir / "posts")
    outdir = build(srcdir, **SETTINGS)
    assert not old.exists()
    assert (kept / "record.json").is_file()
    # the old record said the tag page was written: it is removed, as a clean build has none
    assert not (outdir / "blog/tags/lonely.html").exists()
    assert not (outdir / "blog/tags/lonely.xml").exists()


def _sphinx_build(srcdir: Path, outdir: Path, doctreedir: Path, builder: str = "html") -> None:
    """``sphinx-build`` in its own process: output folders and doctree folders of any
    name, as people pass them."""
    result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d",
                             str(doctreedir), str(srcdir), str(outdir)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def test_output_folders_sharing_a_doctree_folder_each_keep_their_record(
        tmp_path: Path) -> None:
    """Two output folders built from one doctree folder: a tag that loses its last post
    goes from each, though the second build reads nothing (the first read the edit)."""
    srcdir = copy_root("incremental", tmp_path)
    doctrees, first, second = tmp_path / "doctrees", tmp_path / "out-1", tmp_path / "out-2"
    for outdir in (first, second):
        _sphinx_build(srcdir, outdir, doctrees)
        assert (outdir / "blog/tags/lonely.html").is_file()
    assert len(list((doctrees / "postlog").iterdir())) == 2
    _retag_last(srcdir / "posts")
    for outdir in (first, second):
        _sphinx_build(srcdir, outdir, doctrees)
        assert not (outdir / "blog/tags/lonely.html").exists(), outdir
    # the same output folder with a doctree folder of its own starts a record there
    _sphinx_build(srcdir, first, tmp_path / "other-doctrees")
    assert len(list((tmp_path / "other-doctrees" / "postlog").iterdir())) == 1
    assert len(list((doctrees / "postlog").iterdir())) == 2
