"""Incremental and parallel builds give exactly the output of a clean serial build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import sphinx
from bs4 import BeautifulSoup

from conftest import build_site, copy_root, read_html, warning_lines

COMPARED = ("*.html", "*.xml")


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every generated page and feed, by relative path."""
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for pattern in COMPARED
        for path in sorted(outdir.rglob(pattern))
        if "_static" not in path.parts
    }


def build(srcdir: Path, **kwargs) -> tuple[dict[str, bytes], str]:
    app = build_site(srcdir, **kwargs)
    assert warning_lines(app) == []
    return snapshot(app.outdir), app.status.getvalue()


#: Pages Sphinx writes on every HTML build, whatever changed.
ALWAYS_WRITTEN = {"genindex", "search"}


#: Sphinx 7 itself writes the root document again whenever any document changed.
SPHINX_ROOT_REWRITE = {"index"} if sphinx.version_info < (8,) else set()


def build_and_watch(srcdir: Path) -> tuple[set[str], set[str]]:
    """Build; return the documents read and the pages written (besides ALWAYS_WRITTEN)."""
    read: set[str] = set()
    written: set[str] = set()
    app = build_site(srcdir, hooks=[
        ("env-before-read-docs", lambda app, env, docnames: read.update(docnames)),
        ("html-page-context", lambda app, page, *args: written.add(page))])
    assert warning_lines(app) == []
    return read, written - ALWAYS_WRITTEN


def write(path: Path, text: str) -> None:
    """Write a source; its new modification time tells Sphinx it changed."""
    path.write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    write(path, text.replace(old, new))


def edit_posts(srcdir: Path) -> None:
    posts = srcdir / "posts"
    edit(posts / "post1.md", "tags: python", "tags: rust brand-new")  # retag
    edit(posts / "post2.md", "# Post number 2", "# A new title for post 2")  # retitle
    edit(posts / "post3.md", "date: 2020-01-03", "date: 2021-05-05")  # redate
    edit(posts / "post4.md", "Excerpt of post 4.", "A new excerpt for post 4.")  # body
    (posts / "post5.md").unlink()  # delete
    write(posts / "post11.md",  # add
          "---\ndate: 2020-02-01\ntags: python newcomer C#\n---\n# Post eleven\n\nNew.\n")


def counts(status: str) -> tuple[int, int, int]:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    assert match, status
    return int(match[1]), int(match[2]), int(match[3])


def test_incremental_build_equals_clean_build(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path / "incremental")
    first, _ = build(srcdir)
    assert "blog/tags/python.html" in first and "blog/atom.xml" in first

    edit_posts(srcdir)
    incremental, status = build(srcdir)
    assert counts(status) == (1, 4, 1)  # only the edited posts were read again

    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(fresh)

    assert "blog/tags/lonely.html" in first and "blog/categories/solo.html" in first
    assert "blog/tags/c.html" in first  # C++ alone; once C# comes, both pages move
    # The page of a removed post, and archive pages that lost their last post, are
    # removed.
    assert set(incremental) == set(clean)
    differing = [name for name in clean if incremental[name] != clean[name]]
    assert differing == []
    # and the edits really show
    assert b"A new title for post 2" in clean["index.html"]
    assert b"A new excerpt for post 4." in clean["index.html"]
    assert "blog/tags/brand-new.html" in clean and "blog/tags/newcomer.html" in clean
    assert "posts/post5.html" not in clean
    assert b"Post number 5" not in clean["blog/atom.xml"]


def test_no_op_rebuild_reads_and_writes_nothing_new(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    first, _ = build(srcdir)
    again, status = build(srcdir)
    assert counts(status) == (0, 0, 0)
    assert again == first


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial_src = copy_root("incremental", tmp_path / "serial")
    parallel_src = copy_root("incremental", tmp_path / "parallel")
    serial, _ = build(serial_src)

    merges: list[int] = []
    app = build_site(parallel_src, parallel=2, hooks=[(
        "env-merge-info", lambda app, env, docnames, other: merges.append(len(docnames)))])
    assert warning_lines(app) == []
    parallel = snapshot(app.outdir)

    assert sum(merges) == 12  # every document was read by a worker and merged
    assert parallel == serial
    # Post headers and footers are filled in as pages are written, in the processes
    # writing them: every post page has both, and no page is left with a placeholder.
    posts = [name for name in parallel if name.startswith("posts/") and name.endswith(".html")]
    assert posts
    for name in posts:
        assert b'class="postlog-post-meta"' in parallel[name], name
        assert b'class="postlog-post-footer"' in parallel[name], name
    assert not [name for name, content in parallel.items() if b"<!--postlog:header" in content
                or b"<!--postlog:footer" in content]


def test_each_kind_of_edit_reads_and_writes_only_what_it_affects(tmp_path: Path) -> None:
    srcdir = copy_root("incremental", tmp_path)
    posts = srcdir / "posts"
    read, written = build_and_watch(srcdir)
    assert len(read) == 12 and "blog/tags/python" in written

    # Nothing changed: nothing read, nothing written.
    assert build_and_watch(srcdir) == (set(), set())

    # Post 4's excerpt (tags rust sphinx, category cat1; not on the python list).
    edit(posts / "post4.md", "Excerpt of post 4.", "A new excerpt for post 4.")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post4"}
    assert written == {"posts/post4", "index", "blog/index", "blog/tags/rust",
                       "blog/tags/sphinx", "blog/categories/cat1", "blog/archive/2020"}

    # A body edit below the excerpt changes no list, archive or feed entry.
    edit(posts / "post4.md", "A new excerpt for post 4.",
         "A new excerpt for post 4.\n\nA second paragraph.")
    assert build_and_watch(srcdir) == ({"posts/post4"}, {"posts/post4"} | SPHINX_ROOT_REWRITE)

    # Post 1 moves from python to rust and a new tag; category cat1 lists its tags.
    edit(posts / "post1.md", "tags: python", "tags: rust brand-new")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post1"}
    # post 6 listed post 1 as related (its neighbours 5 and 7 left out)
    assert written == {"posts/post1", "posts/post6", "index", "other", "blog/index",
                       "blog/tags/python",
                       "blog/tags/rust", "blog/tags/brand-new", "blog/tags/index",
                       "blog/categories/cat1", "blog/archive/2020"}

    # A new post in a new category.
    write(posts / "post12.md", "---\ndate: 2019-01-01\ntags: go\ncategory: cat9\n---\n"
                               "# Post twelve\n\nOld news.\n")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post12"}
    # post 1 was the oldest post: it gets a link to the new, older one; post 6 (go),
    # which listed two related posts, lists it third
    assert written == {"posts/post12", "posts/post1", "posts/post6", "index", "blog/index",
                       "blog/tags/go",
                       "blog/tags/index", "blog/categories/cat9", "blog/categories/index",
                       "blog/archive/2019", "blog/archive/index"}


def test_a_new_post_rewrites_first_pages_and_the_posts_it_is_shown_on(tmp_path: Path) -> None:
    """Numbered pages count from the oldest post, so a new post changes the first page of
    each list it is on, and the posts whose neighbour or related post it becomes, and no
    other page, until a list fills a new numbered page."""
    srcdir = copy_root("incremental", tmp_path)
    conf = srcdir / "conf.py"
    write(conf, conf.read_text(encoding="utf-8") + "postlog_archive_page_size = 3\n")
    _, written = build_and_watch(srcdir)
    assert {"blog/page/1", "blog/page/2", "blog/tags/python/page/1",
            "blog/archive/2020/page/2"} <= written

    write(srcdir / "posts/post11.md",
          "---\ndate: 2020-01-11\ntags: python\ncategory: cat2\n---\n# Post 11\n\nNew.\n")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post11"}
    # post 10: its newer neighbour; post 9 (python, go): post 11 is now as close in date
    # as post 7 and newer, so it is among its related posts; posts 6 and 7 (python), whose
    # related posts leave out their neighbours, list it third. Older posts' pages are not.
    assert written == {"posts/post11", "posts/post10", "posts/post9", "posts/post7",
                       "posts/post6", "index", "other",
                       "blog/index", "blog/tags/python", "blog/tags/index",
                       "blog/categories/cat2", "blog/categories/index",
                       "blog/archive/2020", "blog/archive/index"}

    # The twelfth post fills a new page of the blog index: its numbered pages get the
    # link to it; the other lists keep theirs.
    write(srcdir / "posts/post12.md",
          "---\ndate: 2020-01-12\ntags: go\n---\n# Post 12\n\nNewer.\n")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post12"}
    assert written == {"posts/post12", "posts/post11", "index",
                       "blog/index", "blog/page/1", "blog/page/2", "blog/page/3",
                       "blog/tags/go", "blog/tags/index", "blog/archive/2020",
                       "blog/archive/2020/page/1", "blog/archive/2020/page/2",
                       "blog/archive/2020/page/3", "blog/archive/index"}


def test_a_list_rewrites_its_numbered_pages_only_when_it_gains_or_loses_a_page(
        tmp_path: Path) -> None:
    """Pages are numbered in reading order and say "Page 2 of 5": a post that starts no
    new page changes the first page alone; one that does changes every page's number
    and count, so every page of the list is written again, and so when it goes."""
    srcdir = copy_root("incremental", tmp_path)
    conf = srcdir / "conf.py"
    write(conf, conf.read_text(encoding="utf-8") + "postlog_archive_page_size = 2\n")
    build_and_watch(srcdir)
    pages = {f"blog/page/{n}" for n in range(1, 5)}

    def blog_pages(written: set[str]) -> set[str]:
        return {page for page in written if page.startswith("blog/page/")}

    write(srcdir / "posts/post11.md", "---\ndate: 2020-01-11\ntags: go\n---\n# Post 11\n\nNew.\n")
    _, written = build_and_watch(srcdir)
    assert "blog/index" in written and blog_pages(written) == set()
    new_page = srcdir / "posts/post12.md"
    write(new_page, "---\ndate: 2020-01-12\ntags: go\n---\n# Post 12\n\nNewer.\n")
    _, written = build_and_watch(srcdir)
    assert blog_pages(written) == pages | {"blog/page/5"}
    title = read_html(srcdir / "_build/html", "blog/page/1.html").title.get_text()
    assert title.startswith("Blog (Page 6 of 6)")
    new_page.unlink()
    _, written = build_and_watch(srcdir)
    assert blog_pages(written) == pages
    assert not (srcdir / "_build/html/blog/page/5.html").exists()


SIDEBARS = ('html_sidebars = {"**": ["postlog/recent-posts.html", '
            '"postlog/sidebar-tags.html"]}\n')


def test_with_blog_sidebars_every_page_follows_a_new_post(tmp_path: Path) -> None:
    """Sidebars of recent posts and tags are on every page: a new post, title or tag
    changes them all, and an incremental build still gives what a clean one does."""
    srcdir = copy_root("incremental", tmp_path / "incremental")
    write(srcdir / "conf.py", (srcdir / "conf.py").read_text(encoding="utf-8") + SIDEBARS)
    build(srcdir)
    write(srcdir / "posts/post11.md",
          "---\ndate: 2020-03-01\ntags: python newtag\n---\n# Post eleven\n\nNew.\n")
    edit(srcdir / "posts/post2.md", "# Post number 2", "# A new title for post 2")
    incremental, _ = build(srcdir)
    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(fresh)
    assert [name for name in clean if incremental.get(name) != clean[name]] == []
    assert b"Post eleven" in incremental["blog/tags/rust.html"]  # in its sidebar

    # An excerpt is not in any sidebar: the edit writes what it does without them.
    edit(srcdir / "posts/post4.md", "Excerpt of post 4.", "A new excerpt for post 4.")
    read, written = build_and_watch(srcdir)
    assert read == {"posts/post4"}
    assert written == {"posts/post4", "index", "blog/index", "blog/tags/rust",
                       "blog/tags/sphinx", "blog/categories/cat1", "blog/archive/2020"}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first, _ = build(copy_root("hostile", tmp_path / "one"))
    second, _ = build(copy_root("hostile", tmp_path / "two"))
    assert len(first) > 20 and "blog/atom.xml" in first
    assert first == second


def test_excerpt_links_follow_the_page_they_link_to_as_it_goes_and_comes(
        tmp_path: Path) -> None:
    """A post whose excerpt links to a page is read again when a page comes or goes, so
    its lists and archive pages show what a clean build shows (a link, or plain text)."""
    srcdir = copy_root("incremental", tmp_path / "incremental")
    guide = "---\norphan: true\n---\n# Guide\n"  # in no toctree: no page links to it
    (srcdir / "guide.md").write_text(guide)
    edit(srcdir / "posts/post4.md", "Excerpt of post 4.",
         "Excerpt of post 4, see [the guide](../guide.md).")
    build_site(srcdir)

    def listed_links(outdir: Path) -> list[str]:
        return [a["href"] for a in read_html(outdir, "index.html").find_all("a")
                if a.get_text() == "the guide"]

    (srcdir / "guide.md").unlink()
    gone = build_site(srcdir)
    assert listed_links(gone.outdir) == []
    clean = snapshot(_clean(srcdir, tmp_path / "gone").outdir)
    # Sphinx leaves the page of a removed document in place; every other page is the same.
    assert snapshot(gone.outdir) == {**clean, "guide.html": snapshot(gone.outdir)["guide.html"]}

    (srcdir / "guide.md").write_text(guide)
    back = build_site(srcdir)
    assert listed_links(back.outdir) == ["guide.html"]
    assert snapshot(back.outdir) == snapshot(_clean(srcdir, tmp_path / "back").outdir)


def _clean(srcdir: Path, destination: Path):
    """A clean build of a copy of ``srcdir``."""
    fresh = destination / srcdir.name
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    return build_site(fresh)


def test_excerpt_references_follow_the_title_and_the_life_of_their_target(
        tmp_path: Path) -> None:
    """Excerpts with ``{doc}``, ``{ref}`` and MyST links to a page show its title: when
    it is retitled, every list, archive page, feed and post description showing them is
    written again without reading the posts; when it goes, they show text; when it
    comes back, links. Each step equals a clean build, serial or with ``-j 2``."""
    srcdir = copy_root("excerpts", tmp_path / "excerpts")
    edit(srcdir / "posts/linked-rst.rst", "See :doc:", "Soon :ref:`soon`. See :doc:")
    build_site(srcdir)

    def step(name: str, parallel: int = 0) -> tuple[set[str], dict[str, bytes]]:
        read: set[str] = set()
        app = build_site(srcdir, parallel=parallel, hooks=[
            ("env-before-read-docs", lambda app, env, docnames: read.update(docnames))])
        built = snapshot(app.outdir)
        clean = snapshot(_clean(srcdir, tmp_path / name).outdir)
        kept = set(built) - set(clean)  # Sphinx leaves the page of a removed document
        assert kept <= {"people.html"}
        # Documents that show no excerpt with references are Sphinx's to write: their
        # navigation shows the titles of the toctree's pages, and Sphinx does not write
        # them again when one is retitled. Generated pages follow (see the fingerprint).
        sphinx_own = {"k8s-upgrade.html", "people.html", "glossary.html",
                      "posts/described.html", "posts/plain.html", "posts/rich.html"}
        assert [page for page in clean
                if page not in sphinx_own and built[page] != clean[page]] == []
        return read, built

    edit(srcdir / "k8s-upgrade.md", "# Upgrading Kubernetes", "# Upgrading the cluster")
    read, built = step("retitled")
    assert read == {"k8s-upgrade"}  # the posts are not read again
    for page in ("index.html", "sub/list.html", "sub/cards.html", "blog/tags/rich.html",
                 "blog/atom.xml", "posts/linked.html"):
        assert b"Upgrading the cluster" in built[page], page
        assert b"Upgrading Kubernetes" not in built[page], page

    edit(srcdir / "k8s-upgrade.md", "(the-plan)=\n## The plan", "(the-plan)=\n## The steps")
    read, built = step("relabelled", parallel=2)
    assert read == {"k8s-upgrade"} and b"The steps" in built["blog/tags/rich.html"]

    edit(srcdir / "glossary.rst", "Glossary\n", ".. _soon:\n\nGlossary\n")
    read, built = step("resolvable")  # a reference that did not resolve now does
    assert read == {"glossary"}
    for page, up in (("index.html", ""), ("blog/tags/rich.html", "../../")):
        links = BeautifulSoup(built[page], "html.parser").select(".postlog-excerpt a")
        assert [a["href"] for a in links if a.get_text() == "Glossary"] == [
            f"{up}glossary.html#soon"]

    edit(srcdir / "index.md", "people\n", "")
    (srcdir / "people.md").unlink()
    _, built = step("gone")
    rich = BeautifulSoup(built["blog/tags/rich.html"], "html.parser")
    # (MyST links the missing page to an anchor of the post's own page, as on that page)
    assert "the team" in rich.get_text() and not rich.select('a[href$="people.html"]')

    write(srcdir / "people.md", "# Our people\n\nWho we are.\n")
    edit(srcdir / "index.md", "glossary\n", "glossary\npeople\n")
    _, built = step("back")
    rich = BeautifulSoup(built["blog/tags/rich.html"], "html.parser")
    assert rich.find("a", string="the team")["href"] == "../../people.html"


def test_a_new_site_author_gives_what_a_clean_build_gives(tmp_path: Path) -> None:
    """Posts that name no author show the site's: a new ``author`` in conf.py reaches
    every page that shows them, archive pages included."""
    srcdir = copy_root("incremental", tmp_path / "incremental")
    build(srcdir, confoverrides={"author": "Jane Site"})
    renamed = {"confoverrides": {"author": "Sam Site"}}
    incremental, _ = build(srcdir, **renamed)
    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(fresh, **renamed)
    assert b"Sam Site" in clean["blog/index.html"] and b"Jane Site" not in clean[
        "blog/index.html"]
    assert [name for name in clean if incremental[name] != clean[name]] == []


def test_the_blog_in_the_navigation_incremental_and_parallel(tmp_path: Path) -> None:
    """A site whose toctree names the blog index: edits, and a parallel build, give what
    a clean serial build gives."""
    alabaster = {"confoverrides": {"html_theme": "alabaster"}}  # its sidebar has the nav
    srcdir = copy_root("navigation", tmp_path / "navigation")
    first, _ = build(srcdir, **alabaster)
    assert (b'<li class="toctree-l1 current"><a class="current reference internal" '
            b'href="../blog/index.html">Field &amp; notes</a></li>') in first["posts/post1.html"]
    edit(srcdir / "posts/post2.md", "# Post 2", "# Post two")
    (srcdir / "posts/post1.md").unlink()
    write(srcdir / "posts/post5.md", "---\ndate: 2024-05-01\n---\n# Post 5\n\nNew.\n")
    edit(srcdir / "about.md", "Who writes here.", "Who writes here, and why.")
    incremental, _ = build(srcdir, **alabaster)
    fresh = tmp_path / "fresh"
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(fresh, **alabaster)
    assert set(incremental) == set(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []
    parallel = tmp_path / "parallel"
    shutil.copytree(fresh, parallel, ignore=shutil.ignore_patterns("_build"))
    assert build(parallel, parallel=2, **alabaster)[0] == clean
