"""MyST-NB sites: notebooks and text notebooks are posts, in either extension order."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from conftest import build_site, copy_root, parsed_warnings, read_html
from sphinx_postlog.collect.registry import get_registry

pytest.importorskip("myst_nb")

UTC = dt.timezone.utc
ORDERS = {"myst_nb first": ["myst_nb", "sphinx_postlog"],
          "postlog first": ["sphinx_postlog", "myst_nb"]}


@pytest.fixture(scope="module", params=list(ORDERS))
def site(request, tmp_path_factory):
    srcdir = copy_root("notebooks", tmp_path_factory.mktemp("notebooks"))
    app = build_site(srcdir, confoverrides={"extensions": ORDERS[request.param]})
    return app


def test_every_kind_of_notebook_post_is_read(site) -> None:
    posts = get_registry(site.env).posts
    assert sorted(posts) == ["posts/markdown", "posts/markdown-cell", "posts/metadata",
                             "posts/raw-cell", "posts/text-notebook"]
    text = posts["posts/text-notebook"]
    assert (text.date, text.tags, text.categories) == (
        dt.datetime(2022, 5, 6, tzinfo=UTC), ("python", "notebooks"), ("tutorials",))
    metadata = posts["posts/metadata"]
    assert (metadata.date, metadata.tags, metadata.authors, metadata.categories) == (
        dt.datetime(2023, 2, 3, tzinfo=UTC), ("python", "data"), ("Jane Doe",),
        ("tutorials",))
    raw = posts["posts/raw-cell"]
    assert (raw.date, raw.tags, raw.title) == (
        dt.datetime(2023, 1, 2, tzinfo=UTC), ("notebooks", "raw"), "Front matter in a raw cell")
    cell = posts["posts/markdown-cell"]
    # The cell's fields win over the metadata's, key by key.
    assert (cell.tags, cell.title) == (("notebooks",), "Front matter in a Markdown cell")


def test_excerpts_and_reading_time_leave_outputs_out(site) -> None:
    posts = get_registry(site.env).posts
    assert posts["posts/raw-cell"].excerpt == "The first paragraph is the excerpt."
    # Smart quotes, as in any MyST page.
    assert posts["posts/metadata"].excerpt == (
        "Its fields are in the notebook\N{RIGHT SINGLE QUOTATION MARK}s metadata.")
    # Title (5 words) + paragraph (7) + the code "print('x')" (1); the ten words of
    # output do not count.
    assert posts["posts/metadata"].words == 13
    assert posts["posts/text-notebook"].excerpt == (
        "Text notebooks keep their front matter as YAML.")


def test_front_matter_cell_is_not_shown(site) -> None:
    page = read_html(site.outdir, "posts/raw-cell.html")
    text = page.get_text()
    assert "tags:" not in text and "unclosed" not in text
    cell_page = read_html(site.outdir, "posts/markdown-cell.html").get_text()
    assert "The rest of the first cell stays." in cell_page
    assert "tags: notebooks" not in cell_page


def test_bad_notebook_front_matter_is_one_located_warning_each(site) -> None:
    assert sorted(parsed_warnings(site)) == [
        ("posts/bad-date.ipynb", 15, "postlog.date"),
        ("posts/broken.ipynb", 10, "postlog.frontmatter"),
    ]


def test_posts_are_listed_tagged_and_in_the_full_content_feed(site) -> None:
    index = read_html(site.outdir, "index.html")
    listed = [a.get_text() for a in index.select("a.postlog-post-title")]
    assert listed == ["Front matter in a Markdown cell", "Front matter in the metadata",
                      "Front matter in a raw cell", "A text notebook", "A Markdown post"]
    tag_page = read_html(site.outdir, "blog/tags/notebooks.html")
    assert len(tag_page.select("a.postlog-post-title")) == 3
    feed = feedparser.parse((site.outdir / "blog/atom.xml").read_bytes())
    assert feed.bozo == 0
    entries = {entry.title: entry for entry in feed.entries}
    assert len(entries) == 5
    text = entries["A text notebook"].content[0].value
    assert "See also" in text and "The notebook posts next to this one." in text
    assert "<h1" not in text  # the entry has its own title
    assert "an output that is not words" not in entries["A Markdown post"].content[0].value


def _png(color: tuple[int, int, int]) -> bytes:
    """A PNG of 2 by 2 pixels of one colour."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes(color) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _plot_notebook(image: int) -> str:
    """A notebook post (ABlog's ``{post}`` fence) with a file image in its first cell
    and a plot as the output of its second."""
    import base64
    import json

    output = {"output_type": "display_data", "metadata": {},
              "data": {"image/png": base64.b64encode(_png((255, 0, 0))).decode(),
                       "text/plain": ["<Figure>"]}}
    return json.dumps({
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": [
                "# Plots\n", "\n", "```{post} 2021-01-02\n", f":image: {image}\n", "```\n",
                "\n", "First paragraph.\n", "\n", "![a file](pic.png)\n"]},
            {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["plot()"],
             "outputs": [output]}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 4})


@pytest.mark.parametrize(("image", "expected"), [(1, "pic.png"), (2, "output")])
def test_the_nth_image_may_be_a_cell_output(tmp_path, image, expected) -> None:
    """``:image: N`` is the post's Nth image in reading order, as in ABlog, a cell's
    output too: MyST-NB writes it next to the output folder, outside the source folder
    when the output folder is, and it is published as the post's cover."""
    from conftest import warning_lines, write_site

    srcdir = write_site(tmp_path / "site", {"posts/plots.ipynb": _plot_notebook(image)},
                        conf='extensions = ["myst_nb", "sphinx_postlog"]\n'
                             'nb_execution_mode = "off"\n'
                             'source_suffix = {".rst": "restructuredtext"}\n')
    (srcdir / "posts/pic.png").write_bytes(_png((0, 0, 255)))
    app = build_site(srcdir, builddir=tmp_path / "out")
    assert not [line for line in warning_lines(app) if "postlog" in line]
    post = get_registry(app.env).posts["posts/plots"]
    assert (post.image == "posts/pic.png") if expected == "pic.png" else (
        post.image.startswith("../out/jupyter_execute/") and post.image.endswith(".png"))
    [cover] = read_html(app.outdir, "posts/plots.html").select("img.postlog-post-cover")
    copied = app.outdir / "posts" / cover["src"]
    assert copied.read_bytes() == _png((0, 0, 255) if expected == "pic.png" else (255, 0, 0))
