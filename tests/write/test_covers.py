"""Cover images: from ``image:`` (a path, a URL, or ABlog's number) or a post's first
image; copied into the output, shown in lists and archives, carried by every feed format
and by the sharing metadata."""

from __future__ import annotations

import json

import feedparser
import pytest

from conftest import build_site, copy_root, parsed_warnings, read_html
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.render.covers import output_path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("feed", tmp_path_factory.mktemp("covers"))
    posts = srcdir / "posts"
    (srcdir / "img").mkdir()
    (srcdir / "img/cover.png").write_bytes((posts / "pic.png").read_bytes())

    def front(name: str, line: str) -> None:
        path = posts / name
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{line}\n", 1),
                        encoding="utf-8")

    front("one.md", "image: ../img/cover.png")
    front("two.md", "image: https://cdn.example/two.jpg")
    front("three.md", "image: ../../outside.png")
    (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n:show: date image\n```\n")
    return build_site(srcdir, confoverrides={"postlog_auto_image": 1,
                                             "postlog_feed_length": 10})


def test_images_are_read(site) -> None:
    posts = get_registry(site.env).posts
    assert posts["posts/one"].image == "img/cover.png"
    assert posts["posts/two"].image == "https://cdn.example/two.jpg"
    assert posts["posts/four"].image == "posts/pic.png"  # its first image (auto)
    assert posts["posts/three"].image == ""  # outside the source folder: refused
    assert parsed_warnings(site) == [("posts/three.md", 2, "postlog.field")]


def test_local_images_are_copied_and_shown(site) -> None:
    copied = site.outdir / output_path("img/cover.png")
    assert copied.read_bytes() == (site.srcdir / "img/cover.png").read_bytes()
    index = read_html(site.outdir, "index.html")
    sources = [img["src"] for img in index.select("img.postlog-cover")]
    assert output_path("img/cover.png") in sources
    assert "https://cdn.example/two.jpg" in sources
    # archive pages list posts without their images, unless they show cards
    archive = read_html(site.outdir, "blog/tags/python.html")
    assert archive.select("img") == []
    post = read_html(site.outdir, "posts/one.html")
    assert [img["src"] for img in post.select("img.postlog-post-cover")] == [
        "../" + output_path("img/cover.png")]


def test_feeds_and_previews_carry_the_image(site) -> None:
    root = "https://example.org/blog-site/"
    data = json.loads((site.outdir / "blog/feed.json").read_text(encoding="utf-8"))
    images = {item["id"].rsplit("/", 1)[1]: item.get("image") for item in data["items"]}
    assert images["one"] == root + output_path("img/cover.png")
    assert images["two"] == "https://cdn.example/two.jpg"
    assert images["three"] is None
    atom = feedparser.parse((site.outdir / "blog/atom.xml").read_bytes())
    one = next(e for e in atom.entries if e.id.endswith("/one"))
    assert [link.href for link in one.links if link.rel == "enclosure"] == [
        root + output_path("img/cover.png")]
    page = read_html(site.outdir, "posts/two.html")
    assert page.find("meta", property="og:image")["content"] == "https://cdn.example/two.jpg"
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == \
        "summary_large_image"


def test_an_image_no_post_uses_is_removed(site, tmp_path) -> None:
    srcdir = copy_root("feed", tmp_path)
    one = srcdir / "posts/one.md"
    one.write_text(one.read_text().replace("---\n", "---\nimage: pic.png\n", 1))
    app = build_site(srcdir)
    copied = app.outdir / output_path("posts/pic.png")
    assert copied.is_file()
    one.write_text(one.read_text().replace("image: pic.png\n", ""))
    build_site(srcdir)
    assert not copied.exists()
