"""Each post's ABlog label is a label of Sphinx's standard domain, in ``objects.inv``
for intersphinx, as ABlog registers it; the site's own labels win, whatever changes."""

from __future__ import annotations

import posixpath
from pathlib import Path

from sphinx.util.inventory import InventoryFile

from conftest import build_site, copy_root, warning_lines
from sphinx_postlog.collect.labels import post_label


def inventory_labels(outdir: Path) -> dict[str, str]:
    """The ``std:label`` entries of ``objects.inv``: name -> URI."""
    with (outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    return {name: item.uri if hasattr(item, "uri") else item[2]
            for name, item in inventory["std:label"].items()}


def test_every_post_label_is_in_the_inventory(tmp_path) -> None:
    srcdir = copy_root("ablog", tmp_path)
    app = build_site(srcdir)
    labels = inventory_labels(app.outdir)
    assert {name: labels[name] for name in ("first", "second", "third")} == {
        "first": "posts/first.html", "second": "posts/second.html",
        "third": "posts/third.html"}


def test_the_sites_own_label_wins_in_clean_and_incremental_builds(tmp_path) -> None:
    srcdir = copy_root("ablog", tmp_path)
    build_site(srcdir)
    index = srcdir / "index.md"
    index.write_text("(second)=\n" + index.read_text())  # the same name as a post's label
    again = build_site(srcdir)
    assert [line for line in warning_lines(again) if "duplicate" in line] == []
    assert inventory_labels(again.outdir)["second"] == "index.html#second"
    assert inventory_labels(again.outdir)["first"] == "posts/first.html"
    index.write_text(index.read_text().replace("(second)=\n", ""))
    back = build_site(srcdir)
    assert inventory_labels(back.outdir)["second"] == "posts/second.html"


def test_of_two_posts_with_one_label_the_first_by_name_has_it(tmp_path) -> None:
    srcdir = copy_root("ablog", tmp_path)
    (srcdir / "posts/later").mkdir()
    (srcdir / "posts/later/first.md").write_text(
        "---\nblogpost: true\ndate: 2024-05-01\n---\n# Another first\n\nText.\n")
    (srcdir / "posts/notes").mkdir()
    (srcdir / "posts/notes/index.md").write_text(
        "---\nblogpost: true\ndate: 2024-05-02\n---\n# Notes\n\nText.\n")
    labels = inventory_labels(build_site(srcdir, parallel=2).outdir)
    assert labels["first"] == "posts/first.html"
    assert labels["notes"] == "posts/notes/index.html"


def test_post_labels() -> None:
    assert post_label("posts/2024/hello") == "hello"
    assert post_label("posts/notes/index") == "notes"
    assert post_label("index") == "index"
