"""Another project links into the blog's archive pages through intersphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from conftest import build_site, copy_root, read_html, warning_lines


def test_a_second_project_links_to_tag_and_year_pages(tmp_path) -> None:
    blog = build_site(copy_root("feed", tmp_path / "blog"))
    inventory_path = blog.outdir / "objects.inv"
    with inventory_path.open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org/blog-site/",
                                       lambda base, uri: base + uri)
    data = inventory if isinstance(inventory, dict) else inventory.data
    tags = {name: item[2] if isinstance(item, tuple) else item.uri
            for name, item in data["postlog:tag"].items()}
    assert tags["news"] == "https://example.org/blog-site/blog/tags/news.html"
    assert "std:doc" in data  # posts keep their entries as documents

    # Any MyST project links in with inv: links.
    plain = _project(tmp_path / "plain", inventory_path, "myst_parser",
                     "See [the tag](inv:blog:postlog:tag#news) and "
                     "[2020](inv:blog:postlog:year#2020).")
    assert _links(plain) == ["https://example.org/blog-site/blog/tags/news.html",
                             "https://example.org/blog-site/blog/archive/2020.html"]
    # The external role needs the postlog domain: a project with sphinx-postlog.
    other = _project(tmp_path / "other", inventory_path, "sphinx_postlog",
                     "See {external+blog:postlog:tag}`news` and "
                     "{external+blog:postlog:category}`updates`.")
    assert _links(other) == ["https://example.org/blog-site/blog/tags/news.html",
                             "https://example.org/blog-site/blog/categories/updates.html"]


def _project(srcdir: Path, inventory: Path, extension: str, text: str) -> SphinxTestApp:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx.ext.intersphinx", "{extension}"]\n'
        f'intersphinx_mapping = {{"blog": ("https://example.org/blog-site/", '
        f'"{inventory}")}}\npostlog_feed_path = None\n')
    (srcdir / "index.md").write_text(f"# Other\n\n{text}\n")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    return app


def _links(app: SphinxTestApp) -> list[str]:
    return [a["href"] for a in read_html(app.outdir, "index.html").select("a.reference")]
