"""An ABlog MyST blog builds after replacing ``ablog`` by ``sphinx_postlog``."""

from __future__ import annotations

import datetime as dt
import os
import re

import feedparser
import pytest

from conftest import REPO, build_site, copy_root, read_html, warning_lines
from sphinx_postlog.ablog_settings import (
    ABLOG_CONFIG_DEFAULTS,
    ABLOG_SETTINGS,
    ALREADY_SO,
    DISQUS_SETTINGS,
    EQUIVALENTS,
    FOR_TEMPLATES,
    NO_EQUIVALENT,
)
from sphinx_postlog.collect.ablog_reports import IGNORED_KEY_ADVICE
from sphinx_postlog.collect.registry import get_registry

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("ablog")


def test_only_the_expected_warnings(site) -> None:
    lines = warning_lines(site)
    assert len(lines) == 1, lines  # disqus_shortname is read as postlog_comments
    assert ("posts/third.md", 7, "postlog.field") in [
        w for w in parsed_warnings_or_none(lines)]


def parsed_warnings_or_none(lines: list[str]) -> list[tuple[str, int, str]]:
    """The located warnings among ``lines`` (the settings warning has no location)."""
    found = []
    for line in lines:
        match = re.match(r"^.*?/ablog/(\S+?):(\d+): WARNING: .* \[([\w.]+)\]$", line)
        if match:
            found.append((match[1], int(match[2]), match[3]))
    return found


def test_front_matter_and_post_directive_make_posts(site) -> None:
    posts = get_registry(site.env).posts
    first, second, third = (posts[f"posts/{name}"] for name in ("first", "second", "third"))
    assert first.date == dt.datetime(2020, 1, 1, tzinfo=UTC)
    assert (first.tags, first.categories, first.authors) == (
        ("tips", "python"), ("Manual",), ("Ahmet",))
    assert (first.locations, first.languages) == (("Pittsburgh",), ("en",))
    assert second.date == dt.datetime(2020, 2, 1, tzinfo=UTC)
    assert (second.tags, second.categories, second.authors) == (
        ("python", "news"), ("Release",), ("Ahmet",))
    assert third.date == dt.datetime(2020, 3, 12, tzinfo=UTC)
    assert third.tags == ("news",)


def test_settings_are_taken_over(site) -> None:
    page = read_html(site.outdir, "news.html")
    assert page.find("h1").get_text() == "All Posts"  # ABlog's, whatever blog_title says
    assert page.select_one(".postlog-archive-nav a").get_text() == "Tags"
    assert read_html(site.outdir, "news/2020.html").find("h1").get_text() == "Posted in 2020"
    author = read_html(site.outdir, "news/author/ahmet-bakan.html").find("h1").get_text()
    assert author == "Posts by Ahmet Bakan"
    feed = feedparser.parse((site.outdir / "news/atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == [
        "Third ABlog post", "Second ABlog post", "First ABlog post"]
    assert feed.entries[2].authors[0].href == "https://ahmetbakan.example"
    for path in ("tag/python", "category/release", "author/ahmet-bakan", "2020",
                 "location/pittsburgh"):  # blog_feed_archives: every archive page
        assert (site.outdir / f"news/{path}/atom.xml").is_file(), path
    assert (site.outdir / "news/category/release/atom.xml").is_file()


def test_ablog_postlist_and_sidebars(site) -> None:
    page = read_html(site.outdir, "index.html")
    body = page.select_one(".body")
    assert [a.get_text() for a in body.select("a.postlog-post-title")] == [
        "Third ABlog post", "Second ABlog post", "First ABlog post"]
    assert body.select_one(".postlog-excerpt") is not None
    sidebar = page.select_one(".sphinxsidebar")
    recent = [a.get_text() for a in sidebar.select(".postlog-recent a")]
    assert recent == ["Third ABlog post", "Second ABlog post", "First ABlog post",
                      "All posts"]
    tags = {a.select_one(".postlog-term-name").get_text(): a["href"]
            for a in sidebar.select(".postlog-sidebar-tag a:has(.postlog-term-name)")}
    assert tags["python"] == "news/tag/python.html"
    assert sidebar.select_one(".postlog-sidebar-tag .postlog-sidebar-more a")["href"] == (
        "news/tag.html")  # ABlog's index of tags
    post = read_html(site.outdir, "posts/first.html").select_one(".sphinxsidebar")
    assert post.select_one(".postlog-post-card") is not None


def test_a_placeholder_page_at_the_blog_index_shows_the_blog_index(tmp_path) -> None:
    """ABlog sites keep a page where ABlog writes its blog index (for their navigation);
    that page shows the blog index, and follows new posts."""
    srcdir = copy_root("ablog", tmp_path)
    (srcdir / "news.md").write_text("# News\n\nReplaced by the blog index.\n")
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text()
                                     + "\n```{toctree}\nnews\n```\n")

    def titles() -> list[str]:
        app = build_site(srcdir)
        assert warning_lines(app) == [line for line in warning_lines(app)
                                      if "disqus" in line or "third.md" in line]
        page = read_html(app.outdir, "news.html")
        assert "Replaced by the blog index" not in page.get_text()
        return [a.get_text() for a in page.select(".postlog-archive a.postlog-post-title")]

    assert titles() == ["Third ABlog post", "Second ABlog post", "First ABlog post"]
    (srcdir / "posts/fourth.md").write_text(
        "---\nblogpost: true\ndate: 2021-01-01\n---\n# Fourth post\n\nNew.\n")
    assert titles() == ["Fourth post", "Third ABlog post", "Second ABlog post",
                        "First ABlog post"]


def test_unread_ablog_keys_warn_once_each_and_canonical_links_are_kept(tmp_path) -> None:
    srcdir = copy_root("ablog", tmp_path)
    for name in ("a", "b"):
        (srcdir / f"posts/{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2021-01-0{len(name)}\nimage: 1\nexternal_link: x\n"
            "canonical_link: https://elsewhere.example/post\n---\n# Post\n\nText.\n")
    app = build_site(srcdir)
    lines = [line for line in warning_lines(app) if "posts/a.md" in line]
    assert len(lines) == 1, lines  # image: 1 is read (the first image; these have none)
    assert "ABlog's 'external_link' is used here (and 1 more posts)" in lines[0]
    page = read_html(app.outdir, "posts/a.html")
    assert page.find("link", rel="canonical")["href"] == "https://elsewhere.example/post"


def test_every_ablog_setting_and_key_is_in_the_migration_guide() -> None:
    guide = (REPO / "docs/migration.md").read_text(encoding="utf-8")
    for name in sorted(ABLOG_SETTINGS) + list(IGNORED_KEY_ADVICE):
        assert f"`{name}`" in guide, name
    # Each setting is read, already so, for templates, read as comments, or warned
    # about, and has its ABlog default for code that reads it.
    assert set(ABLOG_CONFIG_DEFAULTS) == ABLOG_SETTINGS
    assert (set(NO_EQUIVALENT) | set(EQUIVALENTS) | ALREADY_SO | FOR_TEMPLATES
            | set(DISQUS_SETTINGS) == ABLOG_SETTINGS)


def test_posts_of_the_same_day_are_in_ablog_order(tmp_path) -> None:
    """ABlog orders posts of the same moment by title, Z to A (so feeds cut at the same
    place)."""
    srcdir = copy_root("ablog", tmp_path)
    for name, title in (("a", "Alpha"), ("z", "Beta")):
        (srcdir / f"posts/{name}.md").write_text(
            f"---\nblogpost: true\ndate: 2021-05-05\n---\n# {title}\n\nText.\n")
    app = build_site(srcdir)
    page = read_html(app.outdir, "news.html")
    titles = [a.get_text() for a in page.select("a.postlog-post-title")]
    assert titles[:2] == ["Beta", "Alpha"]


OLD_SIDEBARS = ["postcard.html", "recentposts.html", "tagcloud.html", "archives.html",
                "categories.html", "authors.html"]


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme",
                                   "sphinx_book_theme"])
def test_sidebars_by_ablogs_old_names_are_served(built_root, theme) -> None:
    """ABlog 0.11 still serves its sidebars without their ``ablog/`` folder."""
    app = built_root("ablog", confoverrides={
        "html_theme": theme, "html_sidebars": {"**": OLD_SIDEBARS}})
    assert [line for line in warning_lines(app) if "sidebar" in line or "template" in line
            or "postlog.ablog" in line or "postlog.internal" in line] == []
    assert "using ablog/tagcloud.html" in app.status.getvalue()
    page = read_html(app.outdir, "posts/first.html")
    if theme == "alabaster":  # the others place html_sidebars their own way
        assert page.select_one(".postlog-recent") is not None
        assert page.select(".postlog-sidebar-tag a")


def test_an_ablog_sidebar_no_one_has_is_one_warning(built_root) -> None:
    app = built_root("ablog", confoverrides={
        "html_sidebars": {"**": ["ablog/no-such.html", "ablog/recentposts.html"]}})
    lines = [line for line in warning_lines(app) if "no-such" in line]
    assert len(lines) == 1 and lines[0].endswith("[postlog.ablog]")
    assert read_html(app.outdir, "index.html").select_one(".postlog-recent") is not None


@pytest.mark.parametrize(("default", "shown"), [(None, []), ("mk", ["Mira K"])])
def test_a_post_without_an_author_shows_blog_default_author_only(
        tmp_path, default: str | None, shown: list[str]) -> None:
    """As ABlog: a post that names no author shows ``blog_default_author`` (filed under
    it), and nothing when that is unset, whatever Sphinx's ``author`` says."""
    srcdir = copy_root("ablog", tmp_path)
    settings = 'author = "Sphinx Author"\nblog_authors = {"mk": ("Mira K", None)}\n'
    if default:
        settings += f"blog_default_author = {default!r}\n"
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(settings)
    (srcdir / "posts/anonymous.md").write_text(
        "---\nblogpost: true\ndate: 2021-01-01\n---\n# Anonymous\n\nText.\n")
    app = build_site(srcdir)
    # ABlog's pages show a post's details in the post card sidebar (this site has it)
    card = read_html(app.outdir, "posts/anonymous.html").select_one(".postlog-post-card")
    assert [a.get_text() for a in card.select(".postlog-authors a")] == shown
    assert "Sphinx Author" not in card.get_text()


def test_a_post_pattern_with_a_file_suffix_names_source_files(tmp_path) -> None:
    """ABlog globs ``blog_post_pattern`` in the source folder, so ``posts/*.rst`` names
    the reST files of posts/ (and ``notes/*.md`` the MyST ones of notes/, not its reST
    pages); every page it names is a post, front matter or not."""
    srcdir = copy_root("ablog", tmp_path)
    conf = (srcdir / "conf.py").read_text(encoding="utf-8")
    (srcdir / "conf.py").write_text(conf.replace(
        'blog_post_pattern = "posts/*"', 'blog_post_pattern = ["posts/*.rst", "notes/*.md"]'))
    for name in ("first", "second", "third"):
        (srcdir / f"posts/{name}.md").unlink()
    (srcdir / "posts/one.rst").write_text(
        ":date: 2021-01-01\n:tags: rst\n\nOne\n===\n\nText.\n")
    (srcdir / "notes").mkdir()
    (srcdir / "notes/two.md").write_text("---\ndate: 2021-02-01\ntags: md\n---\n# Two\n\nT.\n")
    (srcdir / "notes/page.rst").write_text(":date: 2021-03-01\n\nPage\n====\n\nNot a post.\n")
    app = build_site(srcdir)
    assert sorted(get_registry(app.env).posts) == ["notes/two", "posts/one"]
    assert not [line for line in warning_lines(app) if "post_pattern" in line]
    for tag in ("rst", "md"):
        assert (app.outdir / f"news/tag/{tag}.html").is_file()


def test_the_post_card_sidebar_shows_the_details_once(site) -> None:
    """ABlog's ``postcard.html`` shows the post's details; the newer and older posts and
    related posts stay under the text, once, and the text leaves out the details line
    that the card shows."""
    page = read_html(site.outdir, "posts/second.html")
    sidebar = page.select_one(".sphinxsidebarwrapper")
    [card] = sidebar.select(".postlog-post-card")
    assert card.select_one("h3 time")["datetime"].startswith("2020-02-01")
    assert [a.get_text() for a in card.select(".postlog-tags a")] == ["python", "news"]
    assert [a.get_text() for a in card.select(".postlog-authors a")] == ["Ahmet Bakan"]
    assert [a.get_text() for a in card.select(".postlog-categories a")] == ["Release"]
    assert not sidebar.select(".postlog-post-footer, .postlog-post-navigation, "
                              ".postlog-related, .postlog-post-meta")
    assert len(page.select(".postlog-post-navigation")) == 1
    assert len(page.select(".postlog-newer a")) == len(page.select(".postlog-older a")) == 1
    assert page.select(".postlog-post-meta") == []


def test_without_the_post_card_the_text_keeps_its_details_line(tmp_path) -> None:
    srcdir = copy_root("ablog", tmp_path)
    conf = (srcdir / "conf.py").read_text(encoding="utf-8")
    (srcdir / "conf.py").write_text(conf.replace('"ablog/postcard.html", ', ""))
    page = read_html(build_site(srcdir).outdir, "posts/second.html")
    assert page.select(".postlog-post-card") == []
    [meta] = page.select(".postlog-post-meta")
    assert [a.get_text() for a in meta.select(".postlog-tags a")] == ["python", "news"]


def test_settings_templates_use_or_that_change_nothing_do_not_warn(tmp_path) -> None:
    """Font Awesome's settings are the ``ablog`` object's (and its style sheet is linked,
    as ABlog's page.html linked it); a setting with no equivalent that is set to ABlog's
    default changes nothing. One whose behaviour is lost still warns."""
    srcdir = copy_root("ablog", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('fontawesome_included = True\n'
                   'fontawesome_link_cdn = "https://cdn.example/fa.css"\n'
                   'blog_archive_titles = True\nskip_injecting_base_ablog_templates = True\n'
                   'post_always_section = True\nblog_feed_templates = {"atom": {}}\n')
    app = build_site(srcdir)
    settings = [line for line in warning_lines(app) if "[postlog.config]" in line]
    assert [line.split("WARNING: ")[1].split(" is an ABlog")[0] for line in settings] == [
        "post_always_section"]
    page = read_html(app.outdir, "posts/first.html")
    assert page.find("link", href="https://cdn.example/fa.css", rel="stylesheet")


def test_a_catalan_blog_reads_its_dates(tmp_path) -> None:
    """Dates in the site's language and format (glibc's ``%-d``): ABlog 0.11.13 stops
    the build on them; they are read with the language's month names."""
    from conftest import write_site

    srcdir = write_site(tmp_path / "site", {
        "index.rst": "Inici\n=====\n\n.. toctree::\n   :glob:\n\n   publicacions/*\n",
        "publicacions/una.rst": ".. post:: 31 juliol de 2014\n   :tags: astronomia\n\n"
                                "Una\n===\n\nText.\n",
        "publicacions/dues.rst": ".. post:: 26 de novembre de 2022\n\n.. update:: 3 d\u2019agost "
                                 "de 2023\n\n   Canvis.\n\nDues\n=====\n\nText.\n",
    }, conf='language = "ca"\npost_date_format = "%-d %B de %Y"\n'
            'blog_post_pattern = "publicacions/*.rst"\n')
    app = build_site(srcdir)
    assert not [line for line in warning_lines(app) if "postlog.date" in line]
    posts = get_registry(app.env).posts
    assert posts["publicacions/una"].date.date() == dt.date(2014, 7, 31)
    assert posts["publicacions/dues"].date.date() == dt.date(2022, 11, 26)
    assert posts["publicacions/dues"].updated.date() == dt.date(2023, 8, 3)
    page = read_html(app.outdir, "blog.html")
    assert [a.get_text() for a in page.select("a.postlog-post-title")] == ["Dues", "Una"]


def test_code_that_reads_ablogs_settings_still_runs(tmp_path) -> None:
    """A site's own extension that reads ``app.config.blog_path`` (to post-process
    ABlog's feed, say) gets the site's value, or ABlog's default."""
    srcdir = copy_root("ablog", tmp_path)
    seen = {}

    def read_settings(app, exception) -> None:
        seen.update(path=app.config.blog_path, baseurl=app.config.blog_baseurl,
                    refresh=app.config.post_redirect_refresh)

    app = build_site(srcdir, hooks=[("build-finished", read_settings)])
    assert seen == {"path": "news", "baseurl": "https://example.org/", "refresh": 5}
    assert not [line for line in warning_lines(app) if "config value" in line]


def test_code_that_makes_ablogs_blog_is_told_to_use_the_api(tmp_path) -> None:
    """ABlog's ``Blog(app)``, made by a site's code while ABlog is not loaded, knows no
    post: one warning names the replacement. (Built in a process of its own, which
    imports ABlog only there.)"""
    import subprocess
    import sys

    pytest.importorskip("ablog")  # installed with the bench extra, not with test

    srcdir = copy_root("ablog", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n\ndef count_posts(app, pagename, templatename, context, doctree):\n"
                   "    from ablog.blog import Blog\n"
                   "    context['post_count'] = len(Blog(app).posts)\n\n\n"
                   "def setup(app):\n"
                   "    app.connect('html-page-context', count_posts)\n")
    warnings = tmp_path / "warnings.log"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-w", str(warnings),
                    str(srcdir), str(tmp_path / "out")], check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(REPO)})
    [line] = [line for line in warnings.read_text(encoding="utf-8").splitlines()
              if "[postlog.ablog]" in line]
    assert ("the site's code made ABlog's Blog(app), but ABlog is not loaded, so it "
            "knows no post: use sphinx_postlog.api") in line
