"""``blogs`` on its own: checking ``postlog_blogs``, which blog a post is in, and a
blog's settings as a view of the site's (no site is built)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.config import Config

from sphinx_postlog.blogs import (
    BlogConfig,
    blog_finder,
    blog_named,
    check_blogs,
    several_blogs,
    site_blogs,
)
from sphinx_postlog.config import check_config, check_paths, register


class _App:
    """What the checks use of an application: settings, conf.py's folder, output."""

    def __init__(self, config: Config, folder: Path) -> None:
        self.config = config
        self.confdir = self.srcdir = str(folder)
        self.outdir = str(folder / "_build")
        self.registry = SimpleNamespace(source_suffix={})

    def add_config_value(self, name, default, rebuild, types=()) -> None:
        self.config.add(name, default, rebuild, types)


def checked(tmp_path: Path, **values) -> tuple[Config, list[str]]:
    """A site's settings with ``values``, checked as at ``config-inited``; the
    warnings."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "conf.py").write_text(
        "".join(f"{name} = {value!r}\n" for name, value in values.items()),
        encoding="utf-8")
    config = Config({"project": "Site", "source_suffix": {".md": "markdown"},
                     **values})
    app = _App(config, tmp_path)
    register(app)
    for name, default in (("html_baseurl", ""), ("html_sidebars", {})):
        config.add(name, default, "html", (type(default),))
    config.init_values()
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("sphinx.sphinx_postlog")
    logger.addHandler(handler)
    try:
        check_config(app, config)
        check_paths(app, config)
        check_blogs(app, config)
    finally:
        logger.removeHandler(handler)
    # every warning points at the line of conf.py that sets postlog_blogs
    line = f"{tmp_path / 'conf.py'}:{list(values).index('postlog_blogs') + 1}" \
        if "postlog_blogs" in values else None
    assert {getattr(record, "location", None) for record in records} <= {line}
    # once an application has set up Sphinx's logging, its record type adds the place
    # and the type to the message: the message alone is compared
    return config, [re.sub(r" \[postlog\.\w+\]$", "", record.getMessage().split(
        "WARNING: ", 1)[-1]) for record in records]


BLOGS = {"news": {"path": "news", "pattern": "news/*", "title": "News",
                  "page_size": 5},
         "eng": {"pattern": ["eng/**"], "feed_tags": True}}


def test_a_site_without_blogs_has_one_of_its_own_settings(tmp_path) -> None:
    config, warnings = checked(tmp_path)
    assert warnings == []
    assert config.postlog_blogs is None
    (blog,) = site_blogs(config)
    assert (blog.name, blog.patterns, blog.values, blog.path) == ("", (), (), "")
    assert blog.config(config) is config
    assert blog_named(config, "anything") is blog
    assert blog_finder(config, tmp_path)("posts/a") == ""


def test_each_blog_checked_with_its_defaults(tmp_path) -> None:
    config, warnings = checked(tmp_path, postlog_blogs=BLOGS)
    assert warnings == []
    news, eng = site_blogs(config)
    assert (news.name, news.patterns, news.path) == ("news", ("news/*",), "news")
    assert (eng.name, eng.patterns, eng.path) == ("eng", ("eng/**",), "eng")
    news_config, eng_config = news.config(config), eng.config(config)
    assert news_config.postlog_blog_title == "News"
    assert eng_config.postlog_blog_title == "Eng"  # from its name
    assert news_config.postlog_archive_page_size == 5
    assert eng_config.postlog_archive_page_size == 25  # the site's
    assert (news_config.postlog_tags_path, eng_config.postlog_tags_path) == (
        "news/tags", "eng/tags")
    assert news_config["postlog_feed_path"] == "news/atom.xml"
    assert news_config.postlog_feed_title == "Site: News"
    assert eng_config.postlog_feed_tags is True and news_config.postlog_feed_tags is False
    assert news_config.project == "Site"  # the site's own settings show through
    assert config.postlog_post_pattern == ["news/*", "eng/**"]
    assert blog_named(config, "eng") is eng and blog_named(config, "nope") is news


def test_a_post_is_in_the_first_blog_whose_pattern_it_matches(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_blogs={
        "pinned": {"pattern": ["news/pinned-*"]}, "news": {"pattern": ["news/*"]},
        "rest": {}})
    blog_of = blog_finder(config, tmp_path)
    assert blog_of("news/pinned-1") == "pinned"
    assert blog_of("news/other") == "news"
    assert blog_of("posts/x") == "rest"  # no pattern: every post
    assert config.postlog_post_pattern == []  # so every dated page may be a post


def test_posts_matching_no_pattern_go_to_the_first_blog(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_blogs={"a": {"pattern": ["a/*"]},
                                                 "b": {"pattern": ["b/*"]}})
    blog_of = blog_finder(config, tmp_path)
    assert (blog_of("c/post"), blog_of("b/post"), blog_of("a/post")) == ("a", "b", "a")


def test_a_blog_without_pattern_takes_the_site_pattern(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_post_pattern=["posts/*"],
                        postlog_blogs={"only": {}})
    assert site_blogs(config)[0].patterns == ("posts/*",)
    assert config.postlog_post_pattern == ["posts/*"]


@pytest.mark.parametrize(("blogs", "message"), [
    ({"bad name": {}}, "postlog_blogs['bad name']: a blog's name must be letters, digits, "
                       "'-' or '_'; left out"),
    ({"x": "news"}, "postlog_blogs['x'] = 'news' must be a dictionary; left out"),
    ({"x": {"colour": 1}}, "postlog_blogs['x']['colour'] = 1 is not a blog's setting "
                           "(known: pattern, path, title, feed_path,"),
    ({"x": {"page_size": "ten"}}, "postlog_blogs['x']['page_size'] = 'ten' must be a "
                                  "whole number; using 25"),
    ({"x": {"pattern": 3}}, "postlog_blogs['x']['pattern'] = 3 must be a list"),
    ({"x": {"path": "/etc"}}, "postlog_blogs['x']['path'] = '/etc' is not a relative "
                              "path inside the output directory; using 'x'"),
    ({"x": {"tags_path": "../t"}}, "postlog_blogs['x']['tags_path'] = '../t' is not a "
                                   "relative path"),
    ({"x": {"new_post_path": "{nope}.md"}}, "postlog_blogs['x']['new_post_path'] = "
                                            "'{nope}.md' has an unknown placeholder {nope} "
                                            "(known: {year}, {month}, {day}, {slug}); using "
                                            "the site's postlog_new_post_path"),
    ({"a": {"path": "n"}, "b": {"path": "n/b"}}, "postlog_blogs['b']: path 'n/b' is the "
                                                 "place of the blog 'a' too; left out"),
    ({"a": {"path": "n/a"}, "b": {"path": "n"}}, "postlog_blogs['b']: path 'n' is the "
                                                 "place of the blog 'a' too; left out"),
    ({"a": {"path": "n"}, "b": {"path": "n"}}, "postlog_blogs['b']: path 'n' is the "
                                               "place of the blog 'a' too; left out"),
])
def test_each_problem_is_one_warning(tmp_path, blogs, message) -> None:
    _, warnings = checked(tmp_path, postlog_blogs=blogs)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(message), warnings[0]


def test_what_is_left_of_bad_entries(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_blogs={
        "x": {"page_size": -1, "new_post_path": "{nope}.md", "colour": "red"},
        "a": {"path": "x"}, "bad name": {}})
    (blog,) = site_blogs(config)
    own = dict(blog.values)
    assert own["postlog_archive_page_size"] == 25
    assert "postlog_new_post_path" not in own  # the site's
    assert "colour" not in own
    assert list(config.postlog_blogs) == ["x"]


def test_no_blog_left_is_a_site_of_one_blog(tmp_path) -> None:
    config, warnings = checked(tmp_path, postlog_blogs={"bad name": {}})
    assert len(warnings) == 1
    assert config.postlog_blogs is None
    assert [blog.name for blog in site_blogs(config)] == [""]


def test_ablog_layout_puts_a_blog_folders_where_ablog_does(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_url_layout="ablog",
                        postlog_blogs={"n": {"path": "news", "tags_path": "news/topics"}})
    blog_config = site_blogs(config)[0].config(config)
    assert blog_config.postlog_tags_path == "news/topics"  # given
    assert blog_config.postlog_categories_path == "news/category"
    assert blog_config.postlog_years_path == "news"


def test_a_blog_config_reads_and_writes_its_own_values() -> None:
    site = SimpleNamespace(postlog_blog_path="blog", project="P")
    view = BlogConfig(site, {"postlog_blog_path": "news"})  # type: ignore[arg-type]
    assert view.postlog_blog_path == "news" and view.project == "P"
    view["postlog_feed_path"] = "news/atom.xml"
    view.postlog_blog_title = "News"
    assert (view.postlog_feed_path, view.postlog_blog_title) == ("news/atom.xml", "News")
    assert not hasattr(site, "postlog_blog_title")  # the site's settings are untouched
    with pytest.raises(AttributeError):
        view.nothing_like_it  # noqa: B018


def test_every_good_blog_is_kept_after_bad_ones(tmp_path) -> None:
    config, warnings = checked(tmp_path, postlog_blogs={
        "bad name": {}, "x": "text", "a": {"path": "n"}, "b": {"path": "n"},
        "eng-notes_2": {}})
    assert len(warnings) == 3
    assert [blog.name for blog in site_blogs(config)] == ["a", "eng-notes_2"]
    last = site_blogs(config)[1]
    assert last.config(config).postlog_blog_title == "Eng Notes 2"  # from its name
    assert "pattern" not in dict(last.values)


def test_a_blog_view_has_its_site_blogs(tmp_path) -> None:
    config, _ = checked(tmp_path, postlog_blogs=BLOGS)
    view = site_blogs(config)[1].config(config)
    assert site_blogs(view) is site_blogs(config)
    assert view["project"] == "Site" and view["postlog_blog_path"] == "eng"


def test_settings_without_weak_references_have_blogs_too() -> None:
    plain = SimpleNamespace(postlog_blogs={"a": {"pattern": ["a/*"], "x": 1}})
    (blog,) = site_blogs(plain)  # type: ignore[arg-type]
    assert (blog.name, blog.patterns, blog.values) == ("a", ("a/*",), (("x", 1),))
    assert [blog.name for blog in site_blogs(SimpleNamespace())] == [""]  # type: ignore[arg-type]


def test_several_blogs_means_more_than_one(tmp_path) -> None:
    one, _ = checked(tmp_path / "one", postlog_blogs={"only": {}})
    two, _ = checked(tmp_path / "two", postlog_blogs=BLOGS)
    three, _ = checked(tmp_path / "three", postlog_blogs={**BLOGS, "more": {}})
    none, _ = checked(tmp_path / "none")
    assert [several_blogs(config) for config in (none, one, two, three)] == [
        False, False, True, True]
