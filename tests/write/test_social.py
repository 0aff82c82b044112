"""What link previews and search engines read: a description, OpenGraph, Twitter card
and schema.org BlogPosting data on posts, website data on archive pages; nothing doubled
beside sphinxext-opengraph."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import build_site, copy_root, read_html, warning_lines
from sphinx_postlog.write.social import description


def _meta(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return found


def _json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture(scope="module")
def site(built_root):
    return built_root("feed")


def test_a_post_is_an_article(site) -> None:
    page = read_html(site.outdir, "posts/three.html")
    meta = _meta(page)
    assert meta["description"] == ["Third."]
    assert meta["og:type"] == ["article"] and meta["og:title"] == ["Zoned and updated"]
    assert meta["og:url"] == ["https://example.org/blog-site/posts/three.html"]
    assert meta["og:site_name"] == ["Feed & Co"]
    assert meta["article:published_time"] == ["2020-03-03T08:00:00+09:00"]
    assert meta["article:modified_time"] == ["2021-04-04T00:00:00+02:00"]
    assert meta["article:tag"] == ["news", "a & b"]
    assert meta["twitter:card"] == ["summary"]
    data = _json_ld(page)
    assert data["@type"] == "BlogPosting" and data["headline"] == "Zoned and updated"
    assert data["datePublished"] == "2020-03-03T08:00:00+09:00"
    assert data["keywords"] == ["news", "a & b"]
    assert data["url"] == "https://example.org/blog-site/posts/three.html"
    two = _json_ld(read_html(site.outdir, "posts/two.html"))
    assert [author["name"] for author in two["author"]] == ["Jane Doe", "Bob Smith"]
    assert two["author"][0]["url"] == "https://jane.example/"


def test_an_archive_page_is_a_website(site) -> None:
    meta = _meta(read_html(site.outdir, "blog/tags/news.html"))
    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["Posts tagged “news”"]
    assert meta["description"] == ["Posts tagged “news” — Feed & Co"]
    assert "article:tag" not in meta


def test_an_archive_page_has_a_twitter_card(site) -> None:
    meta = _meta(read_html(site.outdir, "blog/tags/news.html"))
    assert meta["twitter:card"] == ["summary"]
    assert meta["twitter:title"] == ["Posts tagged “news”"]
    assert meta["og:url"] == ["https://example.org/blog-site/blog/tags/news.html"]


def test_pages_that_are_not_posts_get_nothing(site) -> None:
    assert "og:type" not in _meta(read_html(site.outdir, "index.html"))


def test_hostile_titles_cannot_break_out(built_root) -> None:
    app = built_root("hostile")
    headlines = []
    for path in sorted(app.outdir.glob("posts/*.html")):
        page = read_html(app.outdir, str(path.relative_to(app.outdir)))
        script = page.find("script", type="application/ld+json")
        if script is not None:
            assert "<" not in script.string and ">" not in script.string
            headlines.append(_json_ld(page)["headline"])  # the title, as data
    assert "<script>alert('title')</script> ]]> \u202eevil" in headlines


def _beside_opengraph(tmp_path, settings: str):
    """The feed root built with sphinxext-opengraph and its ``settings``, no warning."""
    pytest.importorskip("sphinxext.opengraph")
    srcdir = copy_root("feed", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text().replace('extensions = ["sphinx_postlog"]',
                                             'extensions = ["sphinx_postlog", '
                                             '"sphinxext.opengraph"]') + settings)
    app = build_site(srcdir)
    assert warning_lines(app) == []
    return app


def test_beside_sphinxext_opengraph_nothing_is_doubled(tmp_path) -> None:
    app = _beside_opengraph(tmp_path, '\nogp_site_url = "https://example.org/blog-site/"\n')
    page = read_html(app.outdir, "posts/three.html")
    counts = Counter(tag.get("property") or tag.get("name") for tag in page.find_all("meta"))
    ours = ("og:", "twitter:", "article:", "description")
    assert {key: count for key, count in counts.items() if count > 1
            and key.startswith(ours) and key != "article:tag"} == {}
    assert counts["og:title"] == counts["description"] == 1
    meta = _meta(page)
    assert meta["og:type"] == ["article"]  # what this extension told it
    assert meta["og:description"] == ["Third."]
    assert meta["description"] == ["Third."]
    assert meta["article:published_time"] == ["2020-03-03T08:00:00+09:00"]


def test_beside_sphinxext_opengraph_generated_pages_keep_their_tags(tmp_path) -> None:
    """sphinxext-opengraph writes tags from a page's doctree; archive pages have none, so
    theirs come from sphinx-postlog, each once, with its site settings."""
    app = _beside_opengraph(tmp_path, '\nogp_site_url = "https://blog.example/"\n'
                            'ogp_site_name = "The Site"\nogp_image = "_static/card.png"\n')
    for name in ("blog/tags/news.html", "blog/index.html", "blog/archive/index.html"):
        page = read_html(app.outdir, name)
        counts = Counter(tag.get("property") or tag.get("name")
                         for tag in page.find_all("meta"))
        assert {key: count for key, count in counts.items() if count > 1} == {}, name
        meta = _meta(page)
        assert meta["og:type"] == ["website"], name
        assert meta["og:title"] and meta["og:description"], name
        assert meta["og:url"] == ["https://blog.example/" + name], name
        assert meta["og:site_name"] == ["The Site"], name
        assert meta["og:image"] == ["https://blog.example/_static/card.png"], name
        assert meta["twitter:card"] == ["summary"], name
    meta = _meta(read_html(app.outdir, "blog/tags/news.html"))
    assert meta["og:title"] == ["Posts tagged “news”"]
    assert meta["og:description"] == ["Posts tagged “news” — Feed & Co"]
    post = read_html(app.outdir, "posts/three.html")  # its tags are still its own
    counts = Counter(tag.get("property") or tag.get("name") for tag in post.find_all("meta"))
    assert counts["og:title"] == counts["og:url"] == counts["twitter:card"] == 1
    assert _meta(post)["og:url"] == ["https://blog.example/posts/three.html"]


def test_descriptions_are_cut_at_a_word() -> None:
    assert description("short  text\n") == "short text"
    long = "word " * 100
    cut = description(long)
    assert len(cut) <= 200 and cut.endswith("word…")


def test_the_card_of_opengraphs_social_card_image_wins() -> None:
    from types import SimpleNamespace

    from sphinx_postlog.write.social import leave_card_to_opengraph

    ours = '<meta name="twitter:card" content="summary" />\n'
    theirs = '<meta name="twitter:card" content="summary_large_image" />\n'
    title = '<meta name="twitter:title" content="T" />\n'
    with_og = SimpleNamespace(extensions={"sphinxext.opengraph": None})
    context = {"metatags": ours + title + theirs}
    leave_card_to_opengraph(with_og, "p", "page.html", context, None)
    assert context["metatags"] == title + theirs
    context = {"metatags": ours + title}  # no social card image: ours stays
    leave_card_to_opengraph(with_og, "p", "page.html", context, None)
    assert context["metatags"] == ours + title
    context = {"metatags": ours + theirs}
    leave_card_to_opengraph(SimpleNamespace(extensions={}), "p", "page.html", context, None)
    assert context["metatags"] == ours + theirs
