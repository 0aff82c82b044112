"""Comments under posts: each provider's own snippet, escaped and loaded only when the
reader nears it; published posts only, opt-outs, ABlog's Disqus settings, bad settings
warned once, and incremental builds that rewrite only the pages showing comments."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import sphinx
from bs4 import BeautifulSoup

from conftest import build_site, kept_state, read_html, warning_lines, write_site
from sphinx_postlog.comments import giscus_language, read_comments
from sphinx_postlog.render.comments import ablog_page_id

#: Pages Sphinx writes on every HTML build, whatever changed.
ALWAYS_WRITTEN = {"genindex", "search"}
#: Sphinx 7 writes the root document again too after these edits (with the same content:
#: each step is compared with a clean build).
SPHINX7_ALSO = {"index"} if sphinx.version_info < (8,) else set()


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every page and feed written, by relative path."""
    return {str(path.relative_to(outdir)): path.read_bytes()
            for pattern in ("*.html", "*.xml") for path in sorted(outdir.rglob(pattern))
            if "_static" not in path.parts}


GISCUS = {"provider": "giscus", "repo": "owner/blog", "repo_id": "R_kgDO<id>",
          "category": "Q & A", "category_id": 'DIC_"kw"'}
POSTS = {
    "posts/one.md": "---\ndate: 2024-01-02\ntags: python\n---\n# One <b>&amp; co\n\n"
                    "First post.\n",
    "posts/two.md": "---\ndate: 2024-01-03\ntags: python\ncomments: false\n---\n# Two\n\n"
                    "No comments wanted.\n",
    "posts/three.md": "---\ndate: 2024-01-04\nnocomments:\n---\n# Three\n\nABlog's way.\n",
    "posts/four.md": "---\ndate: 2024-01-05\ndraft: true\n---\n# Four\n\nA draft.\n",
    "about.md": "---\norphan: true\n---\n# About\n\nNot a post.\n",
}


def _site(tmp_path: Path, comments: Any, conf: str = "", pages: dict[str, str] | None = None,
          name: str = "site") -> Path:
    return write_site(tmp_path / name, POSTS if pages is None else pages,
                      f"postlog_comments = {comments!r}\n" + conf)


def _widget(outdir: Path, page: str) -> Any:
    return read_html(outdir, page).select_one("section.postlog-comments")


def _snippet(section: Any) -> Any:
    """The provider's snippet (CSS selectors do not look into a <template>)."""
    return section.find("template", class_="postlog-comments-widget")


def _provider_scripts(section: Any) -> list[Any]:
    return _snippet(section).find_all("script")


def _not_loaded(page: BeautifulSoup, hosts: tuple[str, ...]) -> None:
    """Nothing in the page asks a comment provider for anything before the reader
    nears the comments: each script outside the inert <template> is the site's own
    (no address of another site), and none names the provider's host."""
    outside = [script for script in page.find_all("script")
               if script.find_parent("template") is None]
    assert outside
    for script in outside:
        assert "//" not in (script.get("src") or ""), script
        assert not any(host in script.get_text() for host in hosts), script
    inside = [script for template in page.find_all("template") for script in
              template.find_all("script")]
    assert any(host in (script.get("src") or "") + script.get_text()
               for script in inside for host in hosts)


def test_giscus_is_giscus_own_snippet_escaped_and_waiting(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path, {**GISCUS, "reactions_enabled": False, "lang": "de",
                                      "input_position": "top"}, "html_theme = 'furo'\n"))
    assert warning_lines(app) == []
    page = read_html(app.outdir, "posts/one.html")
    section = page.select_one("section.postlog-comments")
    assert section.find("h2").get_text() == "Comments"
    (script,) = _provider_scripts(section)
    assert script["src"] == "https://giscus.app/client.js"
    assert [name for name in script.attrs if name.startswith("data-")] == [
        "data-repo", "data-repo-id", "data-category", "data-category-id", "data-mapping",
        "data-strict", "data-reactions-enabled", "data-emit-metadata",
        "data-input-position", "data-theme", "data-lang"]
    assert script["data-repo-id"] == "R_kgDO<id>" and script["data-category"] == "Q & A"
    assert script["data-category-id"] == 'DIC_"kw"'
    assert (script["data-reactions-enabled"], script["data-strict"]) == ("0", "0")
    assert (script["data-input-position"], script["data-lang"]) == ("top", "de")
    assert script["crossorigin"] == "anonymous" and script.has_attr("async")
    assert _snippet(section).find("div", class_="giscus") is not None
    raw = (app.outdir / "posts/one.html").read_text(encoding="utf-8")
    assert 'data-repo-id="R_kgDO&lt;id&gt;"' in raw and "R_kgDO<id>" not in raw
    # the page's light or dark mode picks the theme when it loads, and follows changes
    assert (section["data-postlog-light"], section["data-postlog-dark"]) == ("light", "dark")
    loader = section.find_all("script", recursive=False)[-1].get_text()
    assert "postMessage" in loader and "setConfig" in loader and "IntersectionObserver" in loader
    assert section.select_one(".postlog-comments-elsewhere a")["href"] == (
        "https://github.com/owner/blog/discussions")
    _not_loaded(page, ("giscus.app",))
    # after the post's footer, at the end of the article
    article = page.find("article")
    footer = article.select_one(".postlog-post-footer")
    assert footer is not None and footer.find_next("section", class_="postlog-comments") is section


def test_utterances_disqus_isso_and_a_template_of_ones_own(tmp_path: Path) -> None:
    utterances = {"provider": "utterances", "repo": "owner/blog", "label": "💬 <comment>",
                  "load": "click"}
    app = build_site(_site(tmp_path, utterances, name="utterances"))
    section = _widget(app.outdir, "posts/one.html")
    (script,) = _provider_scripts(section)
    assert script["src"] == "https://utteranc.es/client.js"
    assert (script["repo"], script["issue-term"], script["label"], script["theme"]) == (
        "owner/blog", "pathname", "💬 <comment>", "github-light")
    assert section["data-postlog-dark"] == "github-dark"
    button = section.find("button", class_="postlog-comments-show")
    assert button.get_text() == "Show comments" and button.has_attr("hidden")
    assert section.select_one(".postlog-comments-elsewhere a")["href"] == (
        "https://github.com/owner/blog/issues")
    _not_loaded(read_html(app.outdir, "posts/one.html"), ("utteranc.es",))

    disqus = {"provider": "disqus", "shortname": "my-blog"}
    app = build_site(_site(tmp_path, disqus, name="disqus"))
    assert warning_lines(app) == []
    section = _widget(app.outdir, "posts/one.html")
    assert _snippet(section).find("div", id="disqus_thread") is not None
    (script,) = _provider_scripts(section)
    text = script.get_text()
    assert not script.has_attr("src")
    assert "s.src = \"https://my-blog.disqus.com/embed.js\";" in text
    assert 'this.page.url = "https://example.org/posts/one.html";' in text
    assert 'this.page.identifier = "/posts/one/";' in text
    # the title cannot close the script: < > & are JavaScript escapes
    assert 'this.page.title = "One \\u003cb\\u003e\\u0026 co";' in text
    assert section.select_one("noscript a")["href"] == "https://disqus.com/?ref_noscript"
    assert "data-postlog-light" not in section.attrs
    _not_loaded(read_html(app.outdir, "posts/one.html"), ("disqus.com/embed",))

    isso = {"provider": "isso", "src": "https://comments.example.org/js/embed.min.js",
            "lang": "fr", "reply_to_self": True, "max-comments-top": 10,
            "postbox-notification-text-en": "Notify me"}
    app = build_site(_site(tmp_path, isso, name="isso"))
    assert warning_lines(app) == []
    section = _widget(app.outdir, "posts/one.html")
    (script,) = _provider_scripts(section)
    assert script["src"] == "https://comments.example.org/js/embed.min.js"
    assert script["data-isso-lang"] == "fr" and script["data-isso-reply-to-self"] == "true"
    assert script["data-isso-max-comments-top"] == "10"
    assert script["data-isso-postbox-notification-text-en"] == "Notify me"
    thread = _snippet(section).find("section", id="isso-thread")
    assert thread["data-title"] == 'One <b>& co'
    assert section.find("noscript").get_text() == (
        "JavaScript needs to be activated to view comments.")
    _not_loaded(read_html(app.outdir, "posts/one.html"), ("comments.example.org",))

    srcdir = _site(tmp_path, {"provider": "template", "template": "mycomments.html",
                              "server": "https://talk.example/"},
                   "templates_path = ['_templates']\n", name="own")
    (srcdir / "_templates").mkdir()
    (srcdir / "_templates/mycomments.html").write_text(
        '<div class="talk" data-server="{{ options.server }}" data-page="{{ pagename }}"'
        ' data-title="{{ post.title }}"></div>\n<script src="{{ options.server }}t.js">'
        "</script>\n", encoding="utf-8")
    app = build_site(srcdir)
    assert warning_lines(app) == []
    section = _widget(app.outdir, "posts/one.html")
    talk = _snippet(section).find("div", class_="talk")
    assert (talk["data-server"], talk["data-page"]) == ("https://talk.example/", "posts/one")
    assert talk["data-title"] == 'One <b>& co'
    assert _provider_scripts(section)[0]["src"] == "https://talk.example/t.js"
    _not_loaded(read_html(app.outdir, "posts/one.html"), ("talk.example",))


def test_only_published_posts_that_want_comments_show_them(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path, GISCUS, "postlog_show_drafts = True\n"))
    out = app.outdir
    assert _widget(out, "posts/one.html") is not None
    assert _widget(out, "posts/two.html") is None  # comments: false
    assert _widget(out, "posts/three.html") is None  # ABlog's nocomments
    assert _widget(out, "posts/four.html") is None  # a draft
    for page in ("index.html", "about.html", "blog/index.html", "blog/tags/python.html",
                 "blog/archive/2024.html"):
        assert _widget(out, page) is None, page
    # drafts and other documents too, when asked; archive pages never
    app = build_site(_site(tmp_path, {**GISCUS, "drafts": True, "pages": True},
                           "postlog_show_drafts = True\n", name="everywhere"))
    out = app.outdir
    assert _widget(out, "posts/four.html") is not None
    assert _widget(out, "about.html") is not None and _widget(out, "index.html") is not None
    assert _widget(out, "posts/two.html") is None
    assert _widget(out, "blog/index.html") is None and _widget(out, "blog/tags/python.html") is None


def test_other_builders_and_feeds_leave_comments_out(tmp_path: Path) -> None:
    srcdir = _site(tmp_path, GISCUS, "postlog_feed_full_content = True\n")
    app = build_site(srcdir, "dirhtml")
    assert _widget(app.outdir, "posts/one/index.html") is not None
    feed = (app.outdir / "blog/atom.xml").read_text(encoding="utf-8")
    assert "First post." in feed and "postlog-comments" not in feed and "giscus" not in feed
    app = build_site(srcdir, "singlehtml")
    assert "postlog-comments" not in (app.outdir / "index.html").read_text(encoding="utf-8")
    app = build_site(srcdir, "text")
    assert "Comments" not in (app.outdir / "posts/one.txt").read_text(encoding="utf-8")


def test_ablogs_disqus_settings_are_read_as_comments(tmp_path: Path) -> None:
    pages = {"posts/one.md": "# One\n\n```{post} 2024-01-02\n```\n\nText.\n",
             "posts/two.md": "# Two\n\n```{post} 2024-01-03\n:nocomments:\n```\n\nText.\n",
             "about.md": "---\norphan: true\n---\n# About\n\nA page.\n",
             "blog.md": "---\norphan: true\n---\n# Blog\n\nThe blog index follows.\n"}
    srcdir = write_site(tmp_path / "ablog", pages,
                        'disqus_shortname = "old-blog"\ndisqus_pages = True\n'
                        'blog_post_pattern = "posts/*"\n')
    app = build_site(srcdir)
    assert warning_lines(app) == []
    assert "ABlog's disqus_shortname, disqus_pages are read as postlog_comments" in (
        app.status.getvalue())
    assert app.config.postlog_comments == {"provider": "disqus", "shortname": "old-blog",
                                           "pages": True, "drafts": False}
    text = _provider_scripts(_widget(app.outdir, "posts/one.html"))[0].get_text()
    assert 'this.page.identifier = "/posts/one/";' in text and "old-blog.disqus.com" in text
    assert _widget(app.outdir, "posts/two.html") is None  # :nocomments:
    assert _widget(app.outdir, "about.html") is not None  # disqus_pages
    assert _widget(app.outdir, "blog.html") is None  # an archive page
    record = json.loads((kept_state(app.outdir) / "record.json").read_text(encoding="utf-8"))
    assert sorted(record["comments"]) == ["about", "index", "posts/one"]
    # a site that also sets postlog_comments keeps it
    srcdir = write_site(tmp_path / "both", pages, 'disqus_shortname = "old-blog"\n'
                        f"postlog_comments = {GISCUS!r}\n")
    app = build_site(srcdir)
    assert warning_lines(app) == [] and app.config.postlog_comments["provider"] == "giscus"


@pytest.mark.parametrize(("comments", "message"), [
    ({"provider": "facebook"}, "'provider' must be one of 'giscus', 'utterances', "
                               "'disqus', 'isso', 'template', not 'facebook'"),
    ({"provider": "giscus", "repo": "owner/blog"},
     "'repo_id' is required for giscus; 'category' is required for giscus; "
     "'category_id' is required for giscus"),
    ({**GISCUS, "mapping": "number"}, "'term' is required with mapping 'number'"),
    ({**GISCUS, "repo": "not a repo", "strict": "yes"},
     "'repo' must be 'owner/name' of a GitHub repository; 'strict' must be True or False"),
    ({"provider": "disqus", "shortname": "x'; alert(1); '"}, "'shortname' must be a Disqus "
                                                          "shortname"),
    ({"provider": "isso", "src": "javascript:alert(1)"}, "'src' must be an http(s) URL"),
    ({"provider": "giscus", **GISCUS, "load": "hover"}, "'load' must be one of 'scroll', "
                                                        "'click'"),
    ("giscus", "must be a dictionary or None"),
])
def test_a_bad_setting_is_one_warning_and_no_comments(tmp_path: Path, comments: Any,
                                                      message: str) -> None:
    app = build_site(_site(tmp_path, comments))
    lines = warning_lines(app)
    assert len(lines) == 1, lines
    assert "postlog_comments" in lines[0] and message in lines[0]
    assert "[postlog.config]" in lines[0] and "conf.py:5" in lines[0]
    assert _widget(app.outdir, "posts/one.html") is None


def test_unknown_keys_are_one_warning_and_left_out(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path, {**GISCUS, "colour": "red", "data-theme": "x"}))
    lines = warning_lines(app)
    assert len(lines) == 1 and "giscus has no setting 'colour', 'data-theme'; ignored" in (
        lines[0]), lines
    (script,) = _provider_scripts(_widget(app.outdir, "posts/one.html"))
    assert "colour" not in script.attrs and script["data-theme"] == "light"


def test_settings_read_as_each_provider_reads_them() -> None:
    settings, problems, unknown = read_comments(
        {**GISCUS, "theme": "dark_dimmed", "mapping": "specific", "term": 42})
    assert settings is not None and problems == unknown == []
    assert not settings.follows_page_theme
    attributes = dict(settings.attributes("pt_BR"))
    assert attributes["data-theme"] == "dark_dimmed" and attributes["data-term"] == "42"
    assert attributes["data-lang"] == "pt"
    assert giscus_language("zh_TW") == "zh-TW" and giscus_language("xx") == "en"
    settings, problems, _ = read_comments({"provider": "utterances", "repo": "a/b",
                                           "issue_number": 7})
    assert settings is not None and dict(settings.attributes())["issue-number"] == "7"
    assert "issue-term" not in dict(settings.attributes())
    assert read_comments(None) == (None, [], [])
    assert ablog_page_id("posts/index") == "/posts/" and ablog_page_id("index") == "/"


def _watch(srcdir: Path) -> tuple[set[str], dict[str, bytes]]:
    written: set[str] = set()
    app = build_site(srcdir, hooks=[
        ("html-page-context", lambda app, page, *args: written.add(page))])
    assert warning_lines(app) == []
    return written - ALWAYS_WRITTEN, snapshot(app.outdir)


def _set_comments(srcdir: Path, comments: Any) -> None:
    conf = srcdir / "conf.py"
    text = re.sub(r"postlog_comments = .*\n", f"postlog_comments = {comments!r}\n",
                  conf.read_text(encoding="utf-8"))
    conf.write_text(text, encoding="utf-8")


def _clean(srcdir: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    copy = tmp_path / name
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    return snapshot(build_site(copy).outdir)


def test_turning_comments_on_and_off_rewrites_exactly_the_pages_with_them(
        tmp_path: Path) -> None:
    pages = {name: text for name, text in POSTS.items() if name != "posts/four.md"}
    srcdir = _site(tmp_path, None, pages=pages)
    _watch(srcdir)
    assert _watch(srcdir)[0] == set()  # nothing changed, nothing written

    _set_comments(srcdir, GISCUS)
    written, output = _watch(srcdir)
    # not the opted-out posts, archives or other pages
    assert written - SPHINX7_ALSO == {"posts/one"}
    assert output == _clean(srcdir, tmp_path, "clean-on")
    assert _watch(srcdir)[0] == set()

    _set_comments(srcdir, {**GISCUS, "load": "click", "pages": True})
    written, output = _watch(srcdir)
    assert written == {"posts/one", "index", "about"}
    assert output == _clean(srcdir, tmp_path, "clean-changed")

    post = srcdir / "posts/two.md"
    post.write_text(post.read_text(encoding="utf-8").replace("comments: false\n", ""),
                    encoding="utf-8")
    written, output = _watch(srcdir)
    assert written - SPHINX7_ALSO == {"posts/two"}
    assert output == _clean(srcdir, tmp_path, "clean-flag")

    _set_comments(srcdir, None)
    written, output = _watch(srcdir)
    assert written == {"posts/one", "posts/two", "index", "about"}
    assert output == _clean(srcdir, tmp_path, "clean-off")
    assert not any(b"postlog-comments" in content for content in output.values())


def test_the_widget_speaks_the_sites_language(tmp_path: Path) -> None:
    app = build_site(_site(tmp_path, {**GISCUS, "load": "click"}, 'language = "de"\n'))
    section = _widget(app.outdir, "posts/one.html")
    assert section.find("h2").get_text() == "Kommentare"
    assert section.find("button").get_text() == "Kommentare anzeigen"
    assert _provider_scripts(section)[0]["data-lang"] == "de"  # giscus in German too


def test_a_parallel_build_writes_what_a_serial_one_does(tmp_path: Path) -> None:
    srcdir = _site(tmp_path, {**GISCUS, "pages": True})
    serial = snapshot(build_site(srcdir).outdir)
    copy = tmp_path / "parallel"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    app = build_site(copy, parallel=2)
    assert warning_lines(app) == []
    assert snapshot(app.outdir) == serial
    assert b"postlog-comments" in serial["posts/one.html"]
