"""Cover files are published only as what they are when they are copied: a regular file
inside the source folder. A post whose cover file changes, goes, comes or turns into a
link is read again, so an incremental build publishes what a clean build would."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import build_site, copy_root, parsed_warnings, read_html
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.read.source_files import publishable
from sphinx_postlog.render.covers import FOLDER, output_path

COVER = "posts/cover.png"
AN_HOUR_AGO = 3600


def _site(tmp_path: Path, image: str = "cover.png") -> Path:
    srcdir = copy_root("feed", tmp_path / "site")
    one = srcdir / "posts/one.md"
    one.write_text(one.read_text().replace("---\n", f"---\nimage: {image}\n", 1))
    (srcdir / COVER).write_bytes((srcdir / "posts/pic.png").read_bytes())
    return srcdir


def _output(outdir: Path) -> dict[str, bytes]:
    """Every file of the output folder but Sphinx's build information."""
    return {str(path.relative_to(outdir)): path.read_bytes()
            for path in sorted(outdir.rglob("*"))
            if path.is_file() and path.name != ".buildinfo"}


def _clean_build(srcdir: Path, tmp_path: Path) -> tuple[dict[str, bytes], list]:
    """A clean build of a copy of ``srcdir`` (links kept as links)."""
    fresh = tmp_path / "clean" / srcdir.name
    shutil.copytree(srcdir, fresh, symlinks=True, ignore=shutil.ignore_patterns("_build"))
    app = build_site(fresh)
    return _output(app.outdir), parsed_warnings(app)


def _age(path: Path) -> None:
    """Date a file an hour back, so that its date alone cannot make its post be read
    again."""
    then = path.stat().st_mtime - AN_HOUR_AGO
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_cover_turned_into_a_link_to_any_file_is_never_published(tmp_path) -> None:
    srcdir = _site(tmp_path)
    first = build_site(srcdir)
    copied = first.outdir / output_path(COVER)
    assert copied.is_file()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=do-not-publish")
    _age(secret)
    (srcdir / COVER).unlink()
    (srcdir / COVER).symlink_to(secret)
    _age(srcdir / COVER)

    again = build_site(srcdir)
    assert not copied.exists()
    assert not any(b"do-not-publish" in data for data in _output(again.outdir).values())
    assert get_registry(again.env).posts["posts/one"].image == ""
    assert parsed_warnings(again) == [("posts/one.md", 2, "postlog.field")]
    clean, clean_warnings = _clean_build(srcdir, tmp_path)
    assert _output(again.outdir) == clean
    assert clean_warnings == [("posts/one.md", 2, "postlog.field")]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc")
def test_a_cover_linked_to_the_build_environment_is_refused(tmp_path) -> None:
    srcdir = _site(tmp_path)
    build_site(srcdir)
    (srcdir / COVER).unlink()
    (srcdir / COVER).symlink_to("/proc/self/environ")
    app = build_site(srcdir)
    assert not (app.outdir / output_path(COVER)).exists()
    assert [kind for *_, kind in parsed_warnings(app)] == ["postlog.field"]


def test_a_cover_that_changes_between_reading_and_copying_is_not_copied(tmp_path) -> None:
    """The copy checks the file again, whatever the reading found."""
    srcdir = _site(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=do-not-publish")

    def swap(app, env) -> None:  # after reading, before writing
        (srcdir / COVER).unlink()
        (srcdir / COVER).symlink_to(secret)

    app = build_site(srcdir, hooks=[("env-updated", swap)])
    assert not (app.outdir / output_path(COVER)).exists()
    assert parsed_warnings(app) == [("posts/one.md", 2, "postlog.field")]


@pytest.mark.parametrize("change", ["delete", "add", "rewrite"])
def test_a_cover_file_edited_alone_gives_the_clean_output(tmp_path, change) -> None:
    srcdir = _site(tmp_path)
    cover = srcdir / COVER
    if change == "add":
        cover.unlink()
    build_site(srcdir)
    if change == "delete":
        cover.unlink()
    elif change == "add":
        cover.write_bytes((srcdir / "posts/pic.png").read_bytes())
    else:
        cover.write_bytes((srcdir / "posts/pic.png").read_bytes() + b"\0")
    again = build_site(srcdir)
    clean, clean_warnings = _clean_build(srcdir, tmp_path)
    assert _output(again.outdir) == clean
    assert parsed_warnings(again) == clean_warnings
    assert (output_path(COVER) in clean) == (change != "delete")


def test_odd_cover_names_lose_only_their_cover(tmp_path) -> None:
    srcdir = copy_root("feed", tmp_path / "site")
    posts = srcdir / "posts"
    long_name = "a" * 246 + ".png"
    (posts / long_name).write_bytes((posts / "pic.png").read_bytes())
    (posts / "five.md").write_text("---\ndate: 2024-01-05\n---\n# Five\n\nText.\n")
    images = {"one.md": long_name, "two.md": '"x\\0y.png"', "three.md": "javascript:alert(1)",
              "four.md": "file:///etc/passwd", "five.md": "pic.png"}
    for name, image in images.items():
        path = posts / name
        path.write_text(path.read_text().replace("---\n", f"---\nimage: {image}\n", 1))
    app = build_site(srcdir)
    read = get_registry(app.env).posts
    assert sorted(read) == [f"posts/{name}" for name in ("five", "four", "one", "three", "two")]
    assert read["posts/one"].image == f"posts/{long_name}"
    copied = app.outdir / output_path(f"posts/{long_name}")
    assert copied.is_file() and len(copied.name) == 11 + 120
    assert (app.outdir / output_path("posts/pic.png")).is_file()
    assert [read[f"posts/{name}"].image for name in ("two", "three", "four")] == ["", "", ""]
    assert sorted(parsed_warnings(app)) == [("posts/four.md", 2, "postlog.field"),
                                            ("posts/three.md", 2, "postlog.field"),
                                            ("posts/two.md", 2, "postlog.field")]
    page = read_html(app.outdir, "posts/four.html")
    assert not page.find("meta", property="og:image")


def test_publishable_files(tmp_path) -> None:
    folder = tmp_path / "src"
    (folder / "img").mkdir(parents=True)
    (folder / "img/a.png").write_bytes(b"png")
    (folder / "linked").symlink_to(folder / "img")
    (folder / "img/b.png").symlink_to(folder / "img/a.png")
    (tmp_path / "outside.png").write_bytes(b"png")
    assert publishable(folder, "img/a.png") == folder / "img/a.png"
    assert publishable(folder, "./img//a.png") == folder / "img/a.png"
    for refused in ("img", "img/b.png", "linked/a.png", "../outside.png", "img/../../outside.png",
                    "", "img/missing.png", "img/a\0.png", "x" * 256 + ".png"):
        assert publishable(folder, refused) is None, refused


def test_long_cover_names_are_cut_keeping_their_suffix() -> None:
    name = output_path("posts/" + "é" * 200 + ".jpeg")
    assert name is not None and name.startswith(f"{FOLDER}/") and name.endswith(".jpeg")
    assert len(name.rsplit("/", 1)[1].encode("utf-8")) <= 131
    assert output_path("posts/" + "b" * 300) != output_path("posts/" + "b" * 301)


def test_a_notebook_output_image_is_published_only_from_its_folder(tmp_path) -> None:
    """A cell output's image (MyST-NB's folder next to the output folder) may be a
    cover; a path that leaves that folder, or a link in it, may not."""
    from sphinx_postlog.read.source_files import cover_file

    srcdir, outputs = tmp_path / "site", tmp_path / "build/jupyter_execute"
    srcdir.mkdir()
    outputs.mkdir(parents=True)
    (outputs / "plot.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("no")
    (outputs / "link.png").symlink_to(tmp_path / "secret.txt")
    assert cover_file(srcdir, "../build/jupyter_execute/plot.png", outputs) == (
        outputs / "plot.png")
    assert cover_file(srcdir, "../build/jupyter_execute/plot.png") is None  # no MyST-NB
    for path in ("../build/jupyter_execute/../../secret.txt", "../secret.txt",
                 "../build/jupyter_execute/link.png", "../build/jupyter_execute",
                 "../build/jupyter_execute/missing.png", "../build/jupyter_execute/\x00"):
        assert cover_file(srcdir, path, outputs) is None, path
