"""Series, featured and pinned posts in incremental and parallel builds: what they
write equals a clean serial build's."""

from __future__ import annotations

from pathlib import Path

from test_incremental import _clean, build_and_watch, edit, snapshot, write

from conftest import build_site, copy_root, warning_lines

PARTS = {f"posts/part{n}" for n in range(1, 5)}


def same_as_clean(srcdir: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    app = build_site(srcdir)
    assert warning_lines(app) == []
    incremental = snapshot(app.outdir)
    clean = snapshot(_clean(srcdir, tmp_path / name).outdir)
    assert set(incremental) == set(clean)
    assert [page for page in clean if incremental[page] != clean[page]] == []
    return clean


def test_a_new_part_rewrites_every_part_and_the_series_pages(tmp_path: Path) -> None:
    srcdir = copy_root("series", tmp_path)
    build_and_watch(srcdir)
    write(srcdir / "posts/part5.md", "---\ndate: 2024-04-20\nseries: Building a <Parser>\n"
                                     "---\n# Optimisation\n\nThe fifth part.\n")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/part5"}
    assert written >= PARTS
    assert {"blog/series/building-a-parser", "blog/series/index"} <= written
    assert "posts/ordered-a" not in written  # in another series, not next to the new part
    clean = same_as_clean(srcdir, tmp_path, "after-new-part")
    assert b"Part 2 of 5" in clean["posts/part2.html"]


def test_a_part_moving_to_another_series_rewrites_both_series(tmp_path: Path) -> None:
    srcdir = copy_root("series", tmp_path)
    build_and_watch(srcdir)
    edit(srcdir / "posts/part3.md", "series: Building a <Parser>", "series: Ordered")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/part3"}
    assert PARTS | {"posts/ordered-a", "posts/ordered-b"} <= written
    clean = same_as_clean(srcdir, tmp_path, "after-move")
    assert b"Part 2 of 3" in clean["posts/part2.html"]
    assert b"Part 3 of 3" in clean["posts/part3.html"]


def test_a_series_renamed_and_a_part_reordered(tmp_path: Path) -> None:
    srcdir = copy_root("series", tmp_path)
    build_site(srcdir)
    for part in range(1, 5):
        edit(srcdir / f"posts/part{part}.md", "series: Building a <Parser>",
             "series: A compiler")
    edit(srcdir / "posts/ordered-a.md", "series_order: 1", "series_order: 3")
    clean = same_as_clean(srcdir, tmp_path, "after-rename")
    assert "blog/series/building-a-parser.html" not in clean
    assert "blog/series/a-compiler.html" in clean


def test_pinning_and_featuring_a_post_later(tmp_path: Path) -> None:
    srcdir = copy_root("series", tmp_path)
    build_site(srcdir)
    edit(srcdir / "posts/pinned.md", "pin: true", "pin: false")
    edit(srcdir / "posts/part1.md", "featured: true", "featured: false")
    edit(srcdir / "posts/ordered-b.md", "series_order: 2", "series_order: 2\npinned: true\n"
                                                             "featured: true")
    clean = same_as_clean(srcdir, tmp_path, "after-pins")
    assert b"Ordered two" in clean["blog/featured.html"]
    edit(srcdir / "posts/ordered-b.md", "featured: true", "featured: false")
    clean = same_as_clean(srcdir, tmp_path, "after-last-featured")
    assert "blog/featured.html" not in clean  # no featured post left: no page
    assert b"featured.html" not in clean["blog/index.html"]


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = build_site(copy_root("series", tmp_path / "serial"))
    parallel = build_site(copy_root("series", tmp_path / "parallel"), parallel=2)
    assert warning_lines(parallel) == []
    assert snapshot(parallel.outdir) == snapshot(serial.outdir)
    assert not [name for name, content in snapshot(parallel.outdir).items()
                if b"<!--postlog:series" in content]


def test_a_draft_published_joins_its_series(tmp_path: Path) -> None:
    srcdir = copy_root("series", tmp_path)
    build_site(srcdir)
    edit(srcdir / "posts/draft.md", "draft: true", "draft: false")
    clean = same_as_clean(srcdir, tmp_path, "after-publishing")
    assert b"Part 5 of 5" in clean["posts/draft.html"]
    assert b"Part 1 of 5" in clean["posts/part1.html"]
