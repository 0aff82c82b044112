"""Random edit sequences: after every edit, an incremental build of the same output folder
gives exactly what a clean build of the same sources in a fresh folder gives, file for
file and byte for byte.

A seeded generator edits a small blog (MyST and reStructuredText posts, cover images,
redirects, drafts, scheduled posts, links in excerpts, settings). A failure names the
seed, the step and every edit so far; ``POSTLOG_EDIT_SEED=<seed>`` replays one seed.
``POSTLOG_EDIT_SEEDS`` (how many seeds) and ``POSTLOG_EDIT_STEPS`` (edits a seed) make a
longer run; ``POSTLOG_EDIT_SKIP`` (kinds of edit, comma-separated) leaves some out, to
look past a known failure.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import random
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import build_site, kept_state, warning_lines

#: "Now" for every build: posts dated later are scheduled, not published.
NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)

TAGS = ("python", "rust", "sphinx", "open science", "Python", "c++", "news")
CATEGORIES = ("notes", "travel", "Work")
TITLES = ("Hello", "A second look", "Notes on <markup> & such", "Café", "Yet another post",
          "Über alles", "Plain", "Ten things")
WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")

#: Warnings a clean build may give for what the generator makes: a link whose target
#: page is gone (MyST's and Sphinx's own), a cover image whose file is gone, and
#: ``Python`` beside ``python`` (ours).
EXPECTED_WARNINGS = ("[myst.xref_missing]", "[ref.doc]", "[postlog.field]", "[postlog.lint]")

#: Settings an edit may change (a value, or None for "not set").
SETTINGS: dict[str, tuple[object, ...]] = {
    "postlog_feed_tags": (None, True, False),
    "postlog_feed_categories": (None, True),
    "postlog_feed_archives": (None, True),
    "postlog_feed_path": (None, "", "feeds/all.xml"),
    "postlog_feed_formats": (None, ["atom"], ["json", "rss"]),
    "postlog_feed_full_content": (None, True),
    "postlog_feed_length": (None, 2),
    "postlog_show_drafts": (None, True),
    "html_title": (None, "A blog of edits", "Another title"),
    "postlog_blog_title": (None, "All the posts"),
    "postlog_archive_page_size": (None, 0, 2),
    "postlog_archive_style": (None, "cards"),
    "postlog_related_posts": (None, 0, 1),
    "postlog_post_navigation": (None, False),
    "postlog_redirect_refresh": (None, 5),
    "postlog_timezone": (None, "Europe/Paris"),
    "postlog_excerpt_paragraphs": (None, 2),
    "postlog_tags_path": (None, "topics"),
}


def png(shade: int) -> bytes:
    """A grey PNG of one pixel: different shades are different files."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes([0, shade % 256]))) + chunk(b"IEND", b""))


@dataclass
class PostSpec:
    """One post as the generator sees it; ``render`` writes its source."""

    name: str  # the file stem, in posts/
    rst: bool
    title: str
    date: dt.datetime
    tags: list[str]
    category: str
    first: str  # the first paragraph: the excerpt unless ``excerpt`` is set
    draft: bool = False
    excerpt: str | None = None
    #: A link in the first paragraph: to "target" (a page that comes and goes) or to a
    #: post's name; and whether it is written as a path or as a {doc} role.
    link: str | None = None
    link_role: bool = False
    image: str | None = None  # the ``image`` field, a file name in posts/
    redirects: list[str] = field(default_factory=list)

    def link_text(self) -> str:
        if self.link is None:
            return ""
        docname = "/target" if self.link == "target" else f"/posts/{self.link}"
        if self.rst:
            return f" See :doc:`this page <{docname}>`."
        if self.link_role:
            return f" See {{doc}}`this page <{docname}>`."
        path = "../target.md" if self.link == "target" else f"{self.link}.md"
        return f" See [this page]({path})."

    def render(self) -> str:
        date = self.date.strftime("%Y-%m-%d %H:%M") if self.date.hour else \
            self.date.strftime("%Y-%m-%d")
        fields: list[tuple[str, str]] = [("date", date)]
        if self.tags:
            fields.append(("tags", ", ".join(self.tags)))
        fields.append(("category", self.category))
        if self.draft:
            fields.append(("draft", "true"))
        if self.excerpt is not None:
            fields.append(("excerpt", self.excerpt))
        if self.image is not None:
            fields.append(("image", self.image))
        if self.redirects:
            fields.append(("redirect", ", ".join(self.redirects)))
        body = (f"{self.first}{self.link_text()}\n\nA second paragraph about "
                f"{self.name}.\n")
        if self.rst:
            head = "".join(f":{key}: {value}\n" for key, value in fields)
            return f"{head}\n{self.title}\n{'=' * len(self.title) * 2}\n\n{body}"
        head = "".join(f"{key}: {quoted(value)}\n" for key, value in fields)
        return f"---\n{head}---\n# {markdown_title(self.title)}\n\n{body}"


def quoted(value: str) -> str:
    """A YAML scalar that reads as ``value`` (dates and booleans stay unquoted)."""
    if re.fullmatch(r"[0-9-]+( [0-9:]+)?|true", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def markdown_title(title: str) -> str:
    return title.replace("<", "\\<")


@dataclass
class Site:
    """The sources of the blog being edited, as data."""

    posts: dict[str, PostSpec] = field(default_factory=dict)
    target: bool = True  # target.md, a page excerpts link to
    images: dict[str, int] = field(default_factory=dict)  # file in posts/ → shade
    settings: dict[str, object] = field(default_factory=dict)
    made: int = 0  # posts made so far, for new names

    def files(self) -> dict[str, bytes]:
        """Every source file, by path relative to the source folder."""
        settings = "".join(f"{name} = {value!r}\n" for name, value in self.settings.items())
        files = {
            "conf.py": ('project = "Edits"\nextensions = ["sphinx_postlog"]\n'
                        'html_baseurl = "https://example.org/"\n'
                        f"show_warning_types = True\n{settings}"),
            "index.md": ("# Edits\n\n```{postlist}\n:show: date tags excerpt image\n```\n\n"
                         "```{toctree}\n:hidden:\nabout\n```\n"),
            "about.md": "# About\n\nA page that is not a post.\n",
        }
        if self.target:
            files["target.md"] = "---\norphan: true\n---\n# Target page\n\nLinked to.\n"
        for post in self.posts.values():
            files[f"posts/{post.name}.{'rst' if post.rst else 'md'}"] = post.render()
        encoded = {path: text.encode("utf-8") for path, text in files.items()}
        encoded.update({f"posts/{name}": png(shade) for name, shade in self.images.items()})
        return encoded


def write_sources(srcdir: Path, site: Site) -> None:
    """Make ``srcdir`` hold exactly the site's sources; files that did not change are
    left alone, so Sphinx sees only real edits."""
    wanted = site.files()
    for path in sorted(srcdir.rglob("*")):
        relative = path.relative_to(srcdir).as_posix()
        if path.is_file() and relative.split("/")[0] != "_build" and relative not in wanted:
            path.unlink()
    for relative, content in wanted.items():
        path = srcdir / relative
        if not path.is_file() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def every_file(outdir: Path) -> dict[str, bytes]:
    """Every file of an output folder, by relative path."""
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for path in sorted(outdir.rglob("*")) if path.is_file()}


#: What Sphinx leaves of a deleted document that is not a post: it never removes a page
#: it wrote (sphinx-postlog removes those of posts only).
TARGET_LEFTOVERS = ("target.html", "_sources/target.md.txt")
#: Sphinx keeps the last build's ``.buildinfo`` there when the configuration changed.
BUILDINFO_BACKUP = ".buildinfo.bak"
#: A link Sphinx wrote in a page's text, resolved or not. Sphinx does not write a page
#: again when a document it links to comes or goes (nor does it when the document is a
#: post that becomes a draft), and MyST decides when it reads a page whether a path is
#: a document's; so in the posts' own pages these are compared as text.
#: Post lists and archive pages show excerpts in markup of their own, compared as is.
SPHINX_LINK = re.compile(rb'<a class="reference internal" href="[^"]*"><span class="[^"]*">'
                         rb'(this page)</span></a>|<span class="xref [^"]*">(this page)</span>')
#: The record, as ``build`` names it (its folder's name depends on the output folder's).
RECORD = "<kept>/record.json"


def search_index(content: bytes) -> object:
    """The search index as data, without the words of deleted documents: Sphinx keeps a
    word whose last document went as an empty entry (``"word":[]``) until a clean build."""
    data = json.loads(content.decode("utf-8").removeprefix("Search.setIndex(")
                      .removesuffix(")"))
    for key in ("terms", "titleterms"):
        data[key] = {word: where for word, where in data[key].items() if where != []}
    return data


def comparable(files: dict[str, bytes], site: Site) -> dict[str, object]:
    """An output folder, less what may differ between an incremental and a clean build
    (see ``search_index``, ``TARGET_LEFTOVERS``, ``BUILDINFO_BACKUP``, ``SPHINX_LINK``,
    and below)."""
    kept: dict[str, object] = dict(files)
    kept.pop(BUILDINFO_BACKUP, None)
    for name, content in files.items():
        if name.startswith("posts/") and name.endswith(".html"):
            kept[name] = SPHINX_LINK.sub(rb"\1\2", content)
    if RECORD in files and site.settings.get("postlog_feed_full_content"):
        # With full content, what feeds are made of includes the modification time of
        # each post's kept body (so that a body written again is noticed cheaply).
        record = json.loads(files[RECORD])
        record.pop("feed_inputs", None)
        kept[RECORD] = record
    if "searchindex.js" in kept:
        kept["searchindex.js"] = search_index(files["searchindex.js"])
    if not site.target:
        for name in TARGET_LEFTOVERS:
            kept.pop(name, None)
    return kept


# --- The edits: each changes the site and says what it did -----------------------------


Edit = Callable[[random.Random, Site], str]


def some_tags(rng: random.Random, most: int) -> list[str]:
    """Up to ``most`` tags, never two that differ only by case in one post."""
    tags = rng.sample(TAGS, rng.randrange(most + 1))
    return list({tag.casefold(): tag for tag in tags}.values())


def new_post(rng: random.Random, site: Site) -> PostSpec:
    site.made += 1
    day = dt.timedelta(days=rng.randrange(5 * 365), hours=rng.choice((0, 0, 9, 17)))
    return PostSpec(
        name=f"post{site.made}", rst=rng.random() < 0.25, title=rng.choice(TITLES),
        date=dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc) + day,
        tags=some_tags(rng, 2), category=rng.choice(CATEGORIES),
        first=f"Excerpt {rng.choice(WORDS)} of post {site.made}.")


def published(site: Site) -> list[PostSpec]:
    return [post for post in site.posts.values() if not post.draft and post.date <= NOW]


def pick(rng: random.Random, site: Site) -> PostSpec:
    return site.posts[rng.choice(sorted(site.posts))]


def add_post(rng: random.Random, site: Site) -> str:
    post = new_post(rng, site)
    site.posts[post.name] = post
    return f"add {post.name} ({'rST' if post.rst else 'MyST'}, {post.date:%Y-%m-%d})"


def delete_post(rng: random.Random, site: Site) -> str:
    post = pick(rng, site)
    del site.posts[post.name]
    return f"delete {post.name}"


def move_post(rng: random.Random, site: Site) -> str:
    """Rename a post's file, with ``redirect:`` at its old path."""
    post = pick(rng, site)
    del site.posts[post.name]
    site.made += 1
    old, post.name = post.name, f"post{site.made}"
    post.redirects.append(f"posts/{old}.html")
    site.posts[post.name] = post
    return f"move {old} to {post.name} with redirect"


def retag(rng: random.Random, site: Site) -> str:
    post = pick(rng, site)
    post.tags = some_tags(rng, 3)
    post.category = rng.choice(CATEGORIES)
    return f"retag {post.name}: {post.tags}, category {post.category!r}"


def retitle(rng: random.Random, site: Site) -> str:
    post = pick(rng, site)
    post.title = rng.choice([title for title in TITLES if title != post.title])
    return f"retitle {post.name}: {post.title!r}"


def redate(rng: random.Random, site: Site) -> str:
    """A new date in the past, or in the future (scheduled), or back."""
    post = pick(rng, site)
    if post.date > NOW or rng.random() < 0.5:
        post.date = dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
            days=rng.randrange(5 * 365))
    else:
        post.date = NOW + dt.timedelta(days=rng.randrange(1, 400))
    return f"redate {post.name}: {post.date:%Y-%m-%d}"


def toggle_draft(rng: random.Random, site: Site) -> str:
    post = pick(rng, site)
    post.draft = not post.draft
    return f"{'draft' if post.draft else 'undraft'} {post.name}"


def change_excerpt(rng: random.Random, site: Site) -> str:
    post = pick(rng, site)
    if rng.random() < 0.5:
        post.excerpt = None if post.excerpt else f"An excerpt field: {rng.choice(WORDS)}."
        return f"excerpt field of {post.name}: {post.excerpt!r}"
    post.first = f"A new first paragraph, {rng.choice(WORDS)}, of {post.name}."
    return f"first paragraph of {post.name}"


def cover_field(rng: random.Random, site: Site) -> str:
    """A post names a cover image (its own file or one shared), or none."""
    post = pick(rng, site)
    post.image = rng.choice([None, f"{post.name}.png", "cover.png"])
    return f"image field of {post.name}: {post.image!r}"


def cover_file(rng: random.Random, site: Site) -> str:
    """A cover image file comes, goes or changes, its posts untouched."""
    named = sorted({post.image for post in site.posts.values() if post.image}
                   | set(site.images))
    name = rng.choice(named) if named else "cover.png"
    if name in site.images and rng.random() < 0.5:
        del site.images[name]
        return f"delete image {name}"
    site.images[name] = rng.randrange(256)
    return f"write image {name} (shade {site.images[name]})"


def excerpt_link(rng: random.Random, site: Site) -> str:
    """A post's first paragraph links to the target page, to another post, or to none."""
    post = pick(rng, site)
    post.link = rng.choice([None, "target", *sorted(site.posts)])
    post.link_role = rng.random() < 0.5
    return f"link in {post.name}'s excerpt: {post.link!r}{' ({doc})' if post.link_role else ''}"


def toggle_target(rng: random.Random, site: Site) -> str:
    site.target = not site.target
    return f"{'add' if site.target else 'delete'} target.md"


def change_setting(rng: random.Random, site: Site) -> str:
    name = rng.choice(sorted(SETTINGS))
    value = rng.choice(SETTINGS[name])
    if value is None:
        site.settings.pop(name, None)
    else:
        site.settings[name] = value
    return f"conf.py: {name} = {value!r}" if value is not None else f"conf.py: no {name}"


def tag_index(rng: random.Random, site: Site) -> str:
    """A tag or category named like an index page."""
    post = pick(rng, site)
    if rng.random() < 0.5:
        post.tags = [*post.tags, "index"]
    else:
        post.category = "index"
    return f"term 'index' for {post.name}"


#: Each kind of edit and how often it is picked.
EDITS: dict[str, tuple[Edit, int]] = {
    "add": (add_post, 4), "delete": (delete_post, 2), "move": (move_post, 2),
    "retag": (retag, 3), "retitle": (retitle, 2), "redate": (redate, 3),
    "draft": (toggle_draft, 2), "excerpt": (change_excerpt, 2),
    "cover-field": (cover_field, 2), "cover-file": (cover_file, 3),
    "link": (excerpt_link, 3), "target": (toggle_target, 2), "setting": (change_setting, 4),
    "index-term": (tag_index, 1),
}

MIN_POSTS, MAX_POSTS = 4, 9


def choose_edit(rng: random.Random, site: Site, skip: set[str]) -> Edit:
    kinds = [kind for kind in EDITS if kind not in skip]
    if len(site.posts) <= MIN_POSTS:
        kinds = [kind for kind in kinds if kind != "delete"]
    if len(site.posts) >= MAX_POSTS:
        kinds = [kind for kind in kinds if kind != "add"]
    return EDITS[rng.choices(kinds, [EDITS[kind][1] for kind in kinds])[0]][0]


def first_site(rng: random.Random) -> Site:
    site = Site()
    for _ in range(6):
        add_post(rng, site)
    return site


# --- Building and comparing ------------------------------------------------------------


def build(srcdir: Path, parallel: int = 0) -> tuple[dict[str, bytes], list[str]]:
    """Build ``srcdir`` into ``srcdir/_build/html``: every output file, and the warnings."""
    app = build_site(srcdir, parallel=parallel)
    warnings = warning_lines(app)
    assert not [line for line in warnings if "[postlog.internal]" in line], warnings
    kept = {f"<kept>/{name}": content
            for name, content in every_file(kept_state(app.outdir)).items()}
    return every_file(app.outdir) | kept, warnings


def differences(incremental: dict[str, object], clean: dict[str, object]) -> list[str]:
    """What differs, one line per file."""
    found = [f"only in the incremental build: {name}" for name in incremental
             if name not in clean]
    found += [f"only in the clean build: {name}" for name in clean if name not in incremental]
    found += [f"differs: {name}" for name in clean
              if name in incremental and incremental[name] != clean[name]]
    return sorted(found)


def first_difference(incremental: dict[str, object], clean: dict[str, object]) -> str:
    """The lines that differ in the first file that differs (the record last, as it
    says little), to see the failure."""
    for name in sorted(set(incremental) & set(clean), key=lambda name: (name[0] in ".<", name)):
        if incremental[name] != clean[name]:
            before, after = (str(files[name]) if not isinstance(files[name], bytes)
                             else files[name].decode("utf-8", "replace")
                             for files in (incremental, clean))
            lines = difflib.unified_diff(before.splitlines(), after.splitlines(),
                                         "incremental", "clean", n=0, lineterm="")
            return f"{name}:\n" + "\n".join(line[:300] for line in list(lines)[:12])
    return ""


def check_step(srcdir: Path, fresh: Path, site: Site, parallel: int, report: str) -> None:
    """Build ``srcdir`` again, and its sources afresh in ``fresh``; the two outputs must be
    the same, and a rebuild with nothing changed must change nothing."""
    incremental = comparable(build(srcdir, parallel)[0], site)
    shutil.copytree(srcdir, fresh, ignore=shutil.ignore_patterns("_build"))
    output, warnings = build(fresh)
    clean = comparable(output, site)
    unexpected = [line for line in warnings if not line.endswith(EXPECTED_WARNINGS)]
    assert unexpected == [], f"{report}\nunexpected warnings in the clean build"
    differing = differences(incremental, clean)
    assert differing == [], (f"{report}\nincremental {srcdir}/_build/html != clean "
                             f"{fresh}/_build/html:\n" + "\n".join(differing) + "\n"
                             + first_difference(incremental, clean))
    again = comparable(build(srcdir)[0], site)
    differing = differences(again, incremental)
    assert differing == [], (f"{report}\na rebuild with nothing changed changed "
                             f"{srcdir}/_build/html:\n" + "\n".join(differing))
    shutil.rmtree(fresh)


def run_sequence(seed: int, steps: int, workdir: Path, skip: set[str]) -> None:
    """Apply ``steps`` random edits (one to three a step) to a blog of six posts; check
    the builds after each step."""
    rng = random.Random(seed)
    site = first_site(rng)
    srcdir = workdir / "site"
    srcdir.mkdir()
    history = [f"seed {seed}: {len(site.posts)} posts"]
    write_sources(srcdir, site)
    build(srcdir)
    for step in range(1, steps + 1):
        for _ in range(rng.choice((1, 1, 2, 3))):
            history.append(f"step {step}: {choose_edit(rng, site, skip)(rng, site)}")
        parallel = 2 if rng.random() < 0.2 else 0
        if parallel:
            history.append(f"step {step}: (incremental build with -j 2)")
        write_sources(srcdir, site)
        check_step(srcdir, workdir / f"clean{step}", site, parallel, "\n".join(history))


def environment_number(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def seeds() -> list[int]:
    if os.environ.get("POSTLOG_EDIT_SEED"):
        return [int(seed) for seed in os.environ["POSTLOG_EDIT_SEED"].split(",")]
    return list(range(environment_number("POSTLOG_EDIT_SEEDS", 3)))


@pytest.mark.parametrize("seed", seeds())
def test_incremental_build_after_each_edit_equals_a_clean_build(
        seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    skip = {kind for kind in os.environ.get("POSTLOG_EDIT_SKIP", "").split(",") if kind}
    run_sequence(seed, environment_number("POSTLOG_EDIT_STEPS", 10), tmp_path, skip)
