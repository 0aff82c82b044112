"""Incremental and parallel builds give exactly the output of a clean serial build."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

from conftest import copy_root, make_site, warning_lines

COMPARED = ("*.html", "*.xml")


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every generated page and feed, by relative path."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for pattern in COMPARED
        for path in sorted(outdir.rglob(pattern))
        if "_static" not in path.parts
    }


def build(srcdir: Path, **kwargs) -> tuple[dict[str, bytes], str]:
    app = make_site(srcdir, **kwargs)
    try:
        app.build()
        assert warning_lines(app) == []
        return snapshot(app.outdir), app.status.getvalue()
    finally:
        app.cleanup()


def touch_later(path: Path) -> None:
    """Make sure Sphinx sees the file as newer than its last read."""
    later = time.time() + 5
    os.utime(path, (later, later))


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    touch_later(path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new))


def edit_posts(srcdir: Path) -> None:
    posts = srcdir / "posts"
    edit(posts / "post1.md", "tags: python", "tags: rust brand-new")  # retag
    edit(posts / "post2.md", "# Post number 2", "# A new title for post 2")  # retitle
    edit(posts / "post3.md", "date: 2020-01-03", "date: 2021-05-05")  # redate
    edit(posts / "post4.md", "Excerpt of post 4.", "A new excerpt for post 4.")  # body
    (posts / "post5.md").unlink()  # delete
    write(posts / "post11.md",  # add
          "---\ndate: 2020-02-01\ntags: python newcomer C#\n---\n# Post eleven\n\nNew.\n")


def counts(status: str) -> tuple[int, int, int]:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    assert match, status
    return int(match[1]), int(match[2]), int(match[3])


def test_incremental_build_equals_clean_build(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path / "incremental")
    first, _ = build(srcdir)
    assert "blog/tags/python.html" in first and "blog/atom.xml" in first

    edit_posts(srcdir)
    incremental, status = build(srcdir)
    assert counts(status) == (1, 4, 1)  # only the edited posts were read again

    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(fresh)

    assert "blog/tags/lonely.html" in first and "blog/categories/solo.html" in first
    assert "blog/tags/c.html" in first  # C++ alone; once C# comes, both pages move
    # Sphinx keeps the page of a removed document; archive pages that lost their last
    # post are removed.
    assert set(incremental) - set(clean) == {"posts/post5.html"}
    assert set(clean) - set(incremental) == set()
    differing = [name for name in clean if incremental[name] != clean[name]]
    assert differing == []
    # and the edits really show
    assert b"A new title for post 2" in clean["index.html"]
    assert b"A new excerpt for post 4." in clean["index.html"]
    assert "blog/tags/brand-new.html" in clean and "blog/tags/newcomer.html" in clean
    assert "posts/post5.html" not in clean
    assert b"Post number 5" not in clean["blog/atom.xml"]


def test_no_op_rebuild_reads_and_writes_nothing_new(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    first, _ = build(srcdir)
    again, status = build(srcdir)
    assert counts(status) == (0, 0, 0)
    assert again == first


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial_src = copy_root("incremental", tmp_path / "serial")
    parallel_src = copy_root("incremental", tmp_path / "parallel")
    serial, _ = build(serial_src)

    merges: list[int] = []
    app = make_site(parallel_src, parallel=2)
    app.connect("env-merge-info", lambda app, env, docnames, other: merges.append(len(docnames)))
    try:
        app.build()
        assert warning_lines(app) == []
        parallel = snapshot(app.outdir)
    finally:
        app.cleanup()

    assert sum(merges) == 12  # every document was read by a worker and merged
    assert parallel == serial
