"""Bad input: one located, typed warning per problem; the build goes on; posts that
can be kept are kept; -W fails the build; suppress_warnings silences by subtype."""

from __future__ import annotations

import pytest
from sphinx.cmd.build import build_main

from conftest import (
    build_site,
    copy_root,
    parsed_warnings,
    read_html,
    warning_lines,
    write_site,
)
from sphinx_postlog.collect.registry import get_registry

EXPECTED = [
    ("posts/broken-yaml.md", 4, "postlog.frontmatter"),
    ("posts/yaml-list.md", 1, "postlog.frontmatter"),
    ("posts/bad-date.md", 3, "postlog.date"),
    ("posts/impossible-date.md", 3, "postlog.date"),
    ("posts/empty-tag.md", 3, "postlog.term"),  # the empty tag
    ("posts/empty-tag.md", 3, "postlog.term"),  # the nested mapping
    ("posts/empty-tag.md", 4, "postlog.term"),
    ("posts/bad-updated.md", 3, "postlog.date"),
    ("posts/bad-updated.md", 4, "postlog.field"),
    ("posts/bad-updated.md", 5, "postlog.field"),
    ("posts/no-date.md", 1, "postlog.not_a_post"),
]


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("badinput")


def test_each_problem_gives_one_located_typed_warning(site) -> None:
    found = parsed_warnings(site)
    assert sorted(found) == sorted(EXPECTED)


def test_warnings_say_what_happens(site) -> None:
    text = "\n".join(warning_lines(site))
    assert "'yesterday' is not a date" in text
    assert "'2018-13-45' is not a date" in text
    assert "this page is not a post" in text
    assert "not valid YAML" in text


def test_posts_are_kept_where_possible(site) -> None:
    posts = get_registry(site.env).posts
    assert set(posts) == {"posts/empty-tag", "posts/bad-updated"}
    assert posts["posts/empty-tag"].tags == ("good",)
    assert posts["posts/empty-tag"].categories == ("one", "two")
    bad_updated = posts["posts/bad-updated"]
    assert bad_updated.updated is None
    assert bad_updated.title == "Bad updated, bad post flag, bad title"
    titles = [a.get_text() for a in read_html(site.outdir, "index.html").select(
        "a.postlog-post-title")]
    assert titles == ["Bad updated, bad post flag, bad title", "Empty and nested tags"]


def test_warnings_as_errors_fail_the_build(tmp_path) -> None:
    srcdir = copy_root("badinput", tmp_path)
    status = build_main(["-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")])
    assert status != 0
    clean = copy_root("frontmatter", tmp_path)
    assert build_main(["-W", "-q", "-b", "html", str(clean), str(tmp_path / "ok")]) == 0


@pytest.mark.sphinx("html", testroot="badinput",
                    confoverrides={"suppress_warnings": ["postlog.date", "postlog.term"]})
def test_subtypes_can_be_suppressed(app) -> None:
    app.build()
    types = {kind for _, _, kind in parsed_warnings(app)}
    assert types == {"postlog.frontmatter", "postlog.field", "postlog.not_a_post"}


@pytest.mark.sphinx("html", testroot="badinput", confoverrides={"suppress_warnings": ["postlog"]})
def test_the_whole_type_can_be_suppressed(app) -> None:
    app.build()
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="badinput",
                    confoverrides={"postlog_timezone": "Mars/Olympus", "postlog_tags_path": "../x"})
def test_bad_configuration_warns_and_falls_back(app) -> None:
    app.build()
    config_warnings = [line for line in warning_lines(app) if "[postlog.config]" in line]
    assert len(config_warnings) == 2
    assert (app.outdir / "blog/tags/good.html").is_file()
    assert not (app.outdir.parent / "x").exists()


LINKS = {"post1": "https://elsewhere.example/one", "post2": "HTTP://elsewhere.example/two",
         "post3": "/moved/three.html", "post4": "moved/four.html",
         "post5": "file:///etc/passwd", "post6": "javascript:alert(1)",
         "post7": "JavaScript:alert(7)", "post8": "data:text/html,<script>x</script>"}


def test_canonical_links_are_web_urls_or_paths_of_the_site(tmp_path) -> None:
    from conftest import build_site

    srcdir = copy_root("incremental", tmp_path)
    for name, link in LINKS.items():
        path = srcdir / f"posts/{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "---\n", f"---\ncanonical_link: {link!r}\n", 1), encoding="utf-8")
    app = build_site(srcdir)
    dropped = ["post5", "post6", "post7", "post8"]
    assert parsed_warnings(app) == [(f"posts/{name}.md", 2, "postlog.field")
                                    for name in dropped]
    for line, name in zip(warning_lines(app), dropped, strict=True):
        assert f"canonical_link: {LINKS[name]!r} is neither an http(s) URL" in line
    for name, link in LINKS.items():
        canonical = read_html(app.outdir, f"posts/{name}.html").find("link", rel="canonical")
        expected = f"https://example.org/posts/{name}.html" if name in dropped else link
        assert canonical["href"] == expected, name


def test_redirects_never_go_where_sphinx_writes_its_own_files(tmp_path) -> None:
    from conftest import build_site

    srcdir = copy_root("incremental", tmp_path)
    path = srcdir / "posts/post8.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "---\n", "---\nredirect: search.html, _images/postlog/x, _static/y, old/eight\n", 1),
        encoding="utf-8")
    app = build_site(srcdir)
    assert parsed_warnings(app) == [("posts/post8.md", 2, "postlog.field")] * 3
    assert read_html(app.outdir, "search.html").find("meta", {"http-equiv": "refresh"}) is None
    assert not (app.outdir / "_images/postlog/x.html").exists()
    assert not (app.outdir / "_static/y.html").exists()
    assert read_html(app.outdir, "old/eight.html").find("meta", {"http-equiv": "refresh"})


def test_yaml_types_without_a_json_form_are_hidden_from_myst(tmp_path) -> None:
    """MyST-Parser 4 writes front matter out as JSON and stops the build on binary data
    or sets: the page's front matter is hidden from it, with one warning."""
    srcdir = write_site(tmp_path / "site", {"posts/a.md": (
        "---\ndate: 2024-01-01\nauthor: !!binary aGVsbG8=\nextra: !!set {x, y}\n---\n"
        "# A\n\nText.\n")})
    app = build_site(srcdir)
    found = parsed_warnings(app)
    assert ("posts/a.md", 1, "postlog.frontmatter") in found
    assert not any(kind == "postlog.internal" for *_, kind in found)
    assert "posts/a" in get_registry(app.env).posts


def test_a_key_that_is_a_list_is_one_warning_and_hidden_from_myst(tmp_path) -> None:
    """MyST-Parser 4 stops the build on a mapping key that is a list: the key is
    ignored with one warning, the block is hidden from MyST, the post is kept."""
    srcdir = write_site(tmp_path / "site", {"posts/a.md": (
        "---\ndate: 2024-01-01\n? [complex, key]\n: value\ntags: x\n---\n# A\n\nText.\n")})
    app = build_site(srcdir)
    assert parsed_warnings(app) == [("posts/a.md", 3, "postlog.frontmatter")]
    assert get_registry(app.env).posts["posts/a"].tags == ("x",)
