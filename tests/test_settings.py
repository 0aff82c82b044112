"""Every setting is checked when the configuration is read: an unusable value gives one
warning, at its line in conf.py, naming the setting and the value used instead; never a
traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_root, parsed_warnings, warning_lines
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.config import SETTING, SETTINGS, checked_value

#: For every setting: an unusable value and the value used instead.
BAD = {
    "postlog_post_pattern": (42, []),
    "postlog_timezone": ("Mars/Olympus", "UTC"),
    "postlog_authors": (["jane"], {}),
    "postlog_locations": ({"par": 3}, {}),
    "postlog_languages": ("en", {}),
    "postlog_ablog_compat": ("yes", False),  # the default None, then decided: no ABlog
    "postlog_url_layout": ("hugo", "postlog"),  # likewise
    "postlog_show_drafts": ("no", False),
    "postlog_default_author": (["Jane"], None),
    "postlog_default_location": (7, None),
    "postlog_default_language": ({"en": 1}, None),
    "postlog_excerpt_paragraphs": (-1, 1),
    "postlog_redirect_refresh": (-5, 0),
    "postlog_auto_image": ("first", 0),
    "postlog_list_date_format": (5, None),
    "postlog_blog_path": ("../outside", "blog"),
    "postlog_blog_title": (None, "Blog"),
    "postlog_tags_path": ("/etc", "blog/tags"),
    "postlog_categories_path": ("a/../../b", "blog/categories"),
    "postlog_authors_path": (3, "blog/authors"),
    "postlog_years_path": ("C:\\\\years", "blog/archive"),
    "postlog_locations_path": ("..", "blog/locations"),
    "postlog_languages_path": ("", "blog/languages"),
    "postlog_series_path": ("../series", "blog/series"),
    "postlog_archives": (["tag", "month"], ["tag"]),
    "postlog_blogs": ("news", None),
    "postlog_archive_page_size": (-5, 25),
    "postlog_archive_style": ("grid", "list"),
    "postlog_archive_page_order": ("oldest-first", "oldest"),
    "postlog_postlist_links": (["blog", "home"], ["blog"]),
    "postlog_feed_path": ("/abs/atom.xml", "blog/atom.xml"),
    "postlog_feed_length": ("ten", 20),
    "postlog_feed_subtitle": (["a"], None),
    "postlog_feed_formats": (["atom", "gopher"], ["atom"]),
    "postlog_feed_id_base": (5, None),
    "postlog_feed_tags": (1, False),
    "postlog_feed_categories": ("true", False),
    "postlog_feed_archives": ([], False),
    "postlog_feed_full_content": (None, False),
    "postlog_feed_title": (3.5, None),
    "postlog_date_format": (True, None),
    "postlog_css": ("off", True),
    "postlog_post_meta": (0, True),
    "postlog_post_details": (["date", "nonsense"], ["date"]),
    "postlog_post_cover": ("no", True),
    "postlog_post_navigation": ("yes", True),
    "postlog_post_furniture": ("sidebar", "page"),
    "postlog_comments": ("giscus", None),
    "postlog_related_posts": ("many", 3),
    "postlog_sidebar_terms": (-1, 20),
    "postlog_new_post_path": ("../posts/{slug}.md", "posts/{year}/{slug}.md"),
    "postlog_lint": (["similar-terms", "typos"], ["similar-terms"]),
}


def test_every_setting_has_a_case() -> None:
    assert sorted(BAD) == sorted(setting.name for setting in SETTINGS)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("frontmatter", tmp_path_factory.mktemp("settings"))
    conf = srcdir / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    conf.write_text("\n".join(lines + [f"{name} = {value!r}"
                                       for name, (value, _) in BAD.items()]) + "\n",
                    encoding="utf-8")
    app = build_site(srcdir)
    return app, len(lines)


def test_each_bad_value_is_one_warning_at_its_line(site) -> None:
    app, first_line = site
    found = sorted((line, kind) for path, line, kind in parsed_warnings(app)
                   if path == "conf.py")
    assert found == [(first_line + 1 + index, "postlog.config") for index in range(len(BAD))]
    text = "\n".join(warning_lines(app))
    for name in BAD:
        assert f"WARNING: {name} = " in text, name


def test_the_values_used_instead(site) -> None:
    app, _ = site
    for name, (_, used) in BAD.items():
        value = app.config[name]
        # Sphinx 8+ makes a list a tuple where the default is not a list
        assert (list(value) if isinstance(value, tuple) else value) == used, name
    assert get_registry(app.env).posts  # and the site built as usual


def test_lenient_forms_are_read_without_a_warning() -> None:
    assert checked_value(SETTING["postlog_post_pattern"], "posts/*") == (["posts/*"], None)
    assert checked_value(SETTING["postlog_post_details"], ("date",)) == (["date"], None)
    assert checked_value(SETTING["postlog_feed_length"], None) == (None, None)
    assert checked_value(SETTING["postlog_related_posts"], "3") == (3, "is text; using 3")
    # digits that are not ASCII ones are no number for int()
    assert checked_value(SETTING["postlog_related_posts"], "\N{SUPERSCRIPT ONE}")[0] == 3


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.name)
def test_any_value_gives_a_usable_one(setting) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=6)

    @settings(max_examples=40, deadline=None)
    @given(values)
    def check(value) -> None:
        used, _ = checked_value(setting, value)
        assert isinstance(used, setting.types) and not (
            isinstance(used, bool) and bool not in setting.types)
        if isinstance(used, int) and not isinstance(used, bool) and setting.minimum is not None:
            assert used >= setting.minimum
        if isinstance(used, list):
            assert all(isinstance(item, str) for item in used)

    check()


#: Path settings that would write over each other, over Sphinx's own files or a
#: document: (settings, the one replaced, the value used instead).
COLLISIONS = {
    "years in the blog's folder": ({"postlog_years_path": "{blog}"},
                                   "postlog_years_path", "blog/archive"),
    "tags and categories in one folder": (
        {"postlog_tags_path": "{blog}/terms", "postlog_categories_path": "{blog}/terms"},
        "postlog_categories_path", "blog/categories"),
    "tags in the categories' default folder": (
        {"postlog_tags_path": "{blog}/categories"},
        "postlog_categories_path", "blog/categories-2"),
    "ABlog's layout, categories with the tags": (
        {"postlog_url_layout": "ablog", "postlog_categories_path": "blog/tag"},
        "postlog_categories_path", "blog/category"),
    "ABlog's layout, tags at the page of drafts": (
        {"postlog_url_layout": "ablog", "postlog_tags_path": "{blog}/drafts"},
        "postlog_tags_path", "blog/tag"),
    "the blog in the cover images' folder": ({"postlog_blog_path": "_images/postlog"},
                                              "postlog_blog_path", "blog"),
    "the blog at Sphinx's search page": ({"postlog_blog_path": "search"},
                                         "postlog_blog_path", "blog"),
    "tags in Sphinx's static files": ({"postlog_tags_path": "_static/tags"},
                                      "postlog_tags_path", "blog/tags"),
    "the feed at the home page": ({"postlog_feed_path": "index.html"},
                                  "postlog_feed_path", "blog/atom.xml"),
    "the feed at a folder": ({"postlog_feed_path": "blog/"},
                             "postlog_feed_path", "blog/atom.xml"),
    "the feed at the tags' folder": ({"postlog_feed_path": "{blog}/tags"},
                                     "postlog_feed_path", "blog/atom.xml"),
    "the feed at a folder of documents": ({"postlog_feed_path": "posts"},
                                          "postlog_feed_path", "blog/atom.xml"),
    "the feed at a document": ({"postlog_feed_path": "other"},
                               "postlog_feed_path", "blog/atom.xml"),
}


@pytest.mark.parametrize("case", list(COLLISIONS))
def test_paths_that_collide_are_one_warning_and_each_page_keeps_its_place(
        tmp_path, case: str) -> None:
    import feedparser

    from conftest import read_html
    from sphinx_postlog.facets import CATEGORY, TAG, YEAR
    from sphinx_postlog.render.layout import ArchiveLayout

    settings, name, used = COLLISIONS[case]
    srcdir = copy_root("incremental", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.writelines(f"{setting} = {value!r}\n" for setting, value in settings.items())
    app = build_site(srcdir)
    warnings = warning_lines(app)
    assert len(warnings) == 1, warnings
    if name in settings:  # else left at its default: not in conf.py
        assert warnings[0].startswith(f"{srcdir / 'conf.py'}:")
    assert f"WARNING: {name} = " in warnings[0] and f"; using {used!r}" in warnings[0]
    assert warnings[0].endswith("[postlog.config]")
    assert app.config[name] == used

    def heading(page: str) -> str:
        path = Path(app.builder.get_outfilename(page)).relative_to(app.outdir)
        return read_html(app.outdir, path).find("h1").get_text().rstrip("¶")

    layout = ArchiveLayout.from_config(app.config)
    assert heading("index") == "Incremental"
    assert heading(layout.blog_index) == ("All Posts" if layout.style == "ablog" else "Blog")
    for kind, title in [(TAG, "Tags"), (CATEGORY, "Categories"), (YEAR, "Archive")]:
        assert heading(layout.index(kind)) == title
    feed = feedparser.parse((app.outdir / app.config.postlog_feed_path).read_bytes())
    assert not feed.bozo and len(feed.entries) == 10


@pytest.mark.parametrize("value", [5, ["https://example.org/"], {"url": 1}])
def test_sphinx_settings_read_as_text_that_are_not_are_treated_as_unset(
        tmp_path, value) -> None:
    from conftest import read_html

    srcdir = copy_root("incremental", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"html_baseurl = {value!r}\ntoday_fmt = {value!r}\n"
                   "postlog_feed_path = None\n")  # no base URL: no feed, quietly
    app = build_site(srcdir)
    assert [kind for _, _, kind in parsed_warnings(app)] == ["postlog.config"] * 2
    text = "\n".join(warning_lines(app))
    assert f"html_baseurl = {value!r} must be text; treated as unset ('')" in text
    assert f"today_fmt = {value!r} must be text; treated as unset (None)" in text
    assert app.config.html_baseurl == "" and app.config.today_fmt is None
    listed = read_html(app.outdir, "index.html").select("a.postlog-post-title")
    assert len(listed) == 10


def test_post_patterns_that_match_no_document_are_one_warning(tmp_path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("postlog_post_pattern = ['[', 'posts/*', 'blog/*']\n")
    for _ in range(2):  # and again in a rebuild that reads nothing
        app = build_site(srcdir)
        assert [kind for _, _, kind in parsed_warnings(app)] == ["postlog.config"]
        [warning] = warning_lines(app)
        assert ("postlog_post_pattern = ['[', 'posts/*', 'blog/*']: '[', 'blog/*' match no "
                "document of the site ('[': a '[' without its ']' stands for itself)"
                in warning)
        assert len(get_registry(app.env).posts) == 10  # posts/* still names them


def test_post_patterns_that_match_documents_give_no_warning(tmp_path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    app = build_site(srcdir, confoverrides={"postlog_post_pattern": ["posts/post[12]", "*"]})
    assert warning_lines(app) == []


@pytest.mark.parametrize(("name", "value", "kept"), [
    ("postlog_postlist_links", [1, "home", "tags"], ["tags"]),
    ("postlog_feed_formats", ["atom", None, "gopher"], ["atom"]),
])
def test_a_list_with_items_of_other_types_keeps_only_known_text(name, value, kept) -> None:
    assert checked_value(SETTING[name], value)[0] == kept


def test_post_patterns_may_name_source_files(tmp_path) -> None:
    """``posts/*.md`` names the MyST files of posts/ (as ABlog reads its pattern), so it
    matches the site's documents and makes no warning; a suffix no file has does."""
    srcdir = copy_root("incremental", tmp_path)
    app = build_site(srcdir, confoverrides={"postlog_post_pattern": ["posts/*.md", "*.rst"]})
    assert len(get_registry(app.env).posts) == 10
    [warning] = warning_lines(app)
    assert "'*.rst' matches no document of the site" in warning
