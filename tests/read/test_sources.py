"""Which files a site reads: MyST Markdown on sphinx-postlog's own sites, and on an ABlog
site only if it asks (a MyST extension, or ``.md`` in its ``source_suffix``)."""

from __future__ import annotations

import pytest

from conftest import build_site, warning_lines
from sphinx_postlog.collect.registry import get_registry

RST_POST = ":date: 2021-01-01\n:tags: rst\n\nOne\n===\n\nText.\n"
MYST_POST = "---\ndate: 2021-02-01\n---\n# Two\n\nText.\n"


def make_site(folder, conf: str, markdown_post: bool = True):
    folder.mkdir()
    (folder / "conf.py").write_text(
        'project = "Site"\nauthor = "A. Writer"\nextensions = ["sphinx_postlog"]\n'
        'html_baseurl = "https://example.org/"\n' + conf)
    (folder / "index.rst").write_text("Site\n====\n\n.. toctree::\n   :glob:\n\n   posts/*\n")
    (folder / "README.md").write_text("# Read me\n\nHow to build the site.\n")
    (folder / "posts").mkdir()
    (folder / "posts/one.rst").write_text(RST_POST)
    if markdown_post:
        (folder / "posts/two.md").write_text(MYST_POST)
    return folder


@pytest.mark.parametrize("conf", ['source_suffix = ".rst"\n', ""])
def test_an_rst_only_ablog_site_reads_no_markdown(tmp_path, conf) -> None:
    srcdir = make_site(tmp_path / "site", 'blog_post_pattern = "posts/*"\n' + conf,
                       markdown_post=False)
    app = build_site(srcdir)
    assert warning_lines(app) == []  # no "README.md isn't included in any toctree"
    assert not (app.outdir / "README.html").exists()
    assert sorted(get_registry(app.env).posts) == ["posts/one"]


@pytest.mark.parametrize(("post", "is_post"), [
    (MYST_POST, True), ("# Two\n\n```{post} 2021-02-01\n```\n\nText.\n", True),
    # no front matter: the pattern names it, but ABlog reads no post from it
    ("# Two\n\nText.\n", False)])
def test_an_ablog_site_with_markdown_posts_reads_markdown(tmp_path, post, is_post) -> None:
    """A site that dropped myst_parser from extensions when it left ABlog keeps its
    Markdown posts, and its other Markdown pages."""
    srcdir = make_site(tmp_path / "site", 'blog_post_pattern = "posts/*.md"\n',
                       markdown_post=False)
    (srcdir / "posts/two.md").write_text(post)
    app = build_site(srcdir)
    assert (app.outdir / "README.html").is_file()
    assert ("posts/two" in get_registry(app.env).posts) is is_post
    assert (app.outdir / "posts/two.html").is_file()


@pytest.mark.parametrize("conf", [
    'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}\n',
    'extensions = ["myst_parser", "sphinx_postlog"]\n',
    "",  # not an ABlog site: MyST without asking
])
def test_markdown_is_read_where_the_site_asks_or_is_ours(tmp_path, conf) -> None:
    ablog = 'blog_post_pattern = "posts/*"\n' if conf else ""
    srcdir = make_site(tmp_path / "site", ablog + conf)
    app = build_site(srcdir)
    assert (app.outdir / "README.html").is_file()
    assert sorted(get_registry(app.env).posts) == ["posts/one", "posts/two"]
