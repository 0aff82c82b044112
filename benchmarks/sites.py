"""Generate realistic synthetic MyST blogs of N posts, for plain Sphinx, sphinx-postlog
and ABlog alike: same pages, same words; only conf.py and the index differ.

Each tool is configured for the same features (see ``CONF``): one site-wide Atom feed of
the 20 newest posts, or, with ``feeds="per-term"``, a feed for every tag, category and
year as well (ABlog's ``blog_feed_archives``, sphinx-postlog's ``postlog_feed_archives``).
The floor is plain Sphinx + MyST-Parser: no blog, no feed.

The edits of the incremental scenarios are here too, so that every tool gets the same.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("floor", "postlog", "ablog")
FEEDS = ("site", "per-term")
TAG_POOL = [f"tag-{i:02d}" for i in range(50)]
CATEGORIES = [f"category-{i}" for i in range(10)]
FIRST_DAY = dt.date(2015, 1, 1)
_WORDS = [
    "sphinx", "blog", "post", "markdown", "theme", "archive", "feed", "reader", "build",
    "page", "tag", "category", "author", "date", "excerpt", "python", "science", "notebook",
    "data", "result", "method", "figure", "table", "reference", "incremental", "parallel",
    "document", "section", "paragraph", "list", "link", "image", "code", "example", "note",
]

HTML_TITLE = "Benchmark"
NEW_HTML_TITLE = "Benchmark site"

# Every site: the same project, base URL and HTML title (the config-change scenario
# changes the title). Posts are in no toctree, which Sphinx would warn about.
COMMON_CONF = (
    'project = "Benchmark"\n'
    'html_baseurl = "https://example.org/"\n'
    f'html_title = "{HTML_TITLE}"\n'
    'suppress_warnings = ["toc.not_included"]\n'
)

# Feeds: one Atom feed of the 20 newest posts on each side. ABlog writes only Atom and
# puts every post in its feeds unless told otherwise; sphinx-postlog writes Atom, RSS and
# JSON Feed of 20 posts unless told otherwise.
CONF: dict[str, dict[str, str]] = {
    "floor": {
        "site": 'extensions = ["myst_parser"]\n',
        "per-term": 'extensions = ["myst_parser"]\n',
    },
    "postlog": {
        feeds: (
            'extensions = ["sphinx_postlog"]\n'
            'postlog_post_pattern = ["posts/*"]\n'
            'postlog_feed_formats = ["atom"]\n'
            "postlog_feed_length = 20\n"
            "postlog_feed_tags = False\n"
            "postlog_feed_categories = False\n"
            f"postlog_feed_archives = {feeds == 'per-term'}\n"
        )
        for feeds in FEEDS
    },
    "ablog": {
        feeds: (
            'extensions = ["myst_parser", "ablog"]\n'
            'blog_post_pattern = "posts/*"\n'
            'blog_baseurl = "https://example.org/"\n'
            "blog_feed_length = 20\n"
            f"blog_feed_archives = {feeds == 'per-term'}\n"
            'post_date_format = "%Y-%m-%d"\n'
        )
        for feeds in FEEDS
    },
}

INDEX = {
    "floor": "# Home\n\nWelcome.\n",
    "postlog": "# Home\n\nWelcome.\n\n```{postlist}\n:limit: 10\n:show: date excerpt\n```\n",
    "ablog": "# Home\n\nWelcome.\n\n```{postlist} 10\n:excerpts:\n```\n",
}


def conf_text(tool: str, feeds: str) -> str:
    """The conf.py of ``tool``'s site."""
    return COMMON_CONF + CONF[tool][feeds]


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(40, 120))]
    return " ".join(words).capitalize() + "."


def post_text(title: str, date: dt.date, rng: random.Random) -> str:
    """One post: front matter (comma-separated terms, which every tool reads), a title,
    and about 1-5 KB of text in paragraphs; the first paragraph is the excerpt."""
    tags = ", ".join(rng.sample(TAG_POOL, 3))
    category = rng.choice(CATEGORIES)
    body: list[str] = []
    while sum(len(p) for p in body) < rng.randint(1000, 5000):
        body.append(_paragraph(rng))
    return (
        f"---\ntags: {tags}\ncategory: {category}\ndate: {date.isoformat()}\n---\n"
        f"# {title}\n\n" + "\n\n".join(body) + "\n"
    )


@dataclass(frozen=True)
class Site:
    """A generated site: its source folder and the post the edits change."""

    srcdir: Path
    newest: Path
    newest_date: dt.date


def write_site(root: Path, tool: str, size: int, feeds: str = "site",
               seed: int = 2018) -> Site:
    """Write a site of ``size`` posts for ``tool`` under ``root``. The posts are the same
    for every tool (same seed): dates over ten years, 3 tags out of 50, one category
    out of 10."""
    rng = random.Random(seed)
    (root / "posts").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(conf_text(tool, feeds), encoding="utf-8")
    (root / "index.md").write_text(INDEX[tool], encoding="utf-8")
    newest: tuple[dt.date, Path] | None = None
    for index in range(size):
        date = FIRST_DAY + dt.timedelta(days=rng.randint(0, 365 * 10))
        path = root / "posts" / f"post-{index:05d}.md"
        path.write_text(post_text(f"Post number {index}", date, rng), encoding="utf-8")
        if newest is None or date > newest[0]:
            newest = (date, path)
    assert newest is not None, "a site has at least one post"
    return Site(root, newest[1], newest[0])


# The edits of the incremental scenarios. Each changes the newest post (the one on the
# home page, first on the blog index and in the feed: the post one usually edits), or
# the site around it.


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit left {path} unchanged"
    path.write_text(changed, encoding="utf-8")


def edit_body(site: Site) -> None:
    """A paragraph more at the end: the excerpt stays the same."""
    _rewrite(site.newest, lambda text: text + "\nOne more paragraph at the end.\n")


def edit_excerpt(site: Site) -> None:
    """The first paragraph (the excerpt) changes."""
    def change(text: str) -> str:
        head, title, rest = text.partition("\n# ")
        title_line, blank, body = rest.partition("\n\n")
        return f"{head}{title}{title_line}{blank}An edited first sentence. {body}"
    _rewrite(site.newest, change)


def retag(site: Site) -> None:
    """The tags change: one kept, one swapped for another of the pool, one new tag."""
    def change(text: str) -> str:
        lines = text.splitlines(keepends=True)
        tags = lines[1].removeprefix("tags: ").strip().split(", ")
        other = next(tag for tag in TAG_POOL if tag not in tags)
        lines[1] = f"tags: {tags[0]}, {other}, brand-new-tag\n"
        return "".join(lines)
    _rewrite(site.newest, change)


def retitle(site: Site) -> None:
    """The title changes."""
    def change(text: str) -> str:
        head, marker, rest = text.partition("\n# ")
        title, newline, body = rest.partition("\n")
        return f"{head}{marker}{title}, retitled{newline}{body}"
    _rewrite(site.newest, change)


def add_post(site: Site) -> None:
    """A new post, dated the day after the newest: first everywhere."""
    date = site.newest_date + dt.timedelta(days=1)
    text = post_text("A new post", date, random.Random(date.toordinal()))
    (site.srcdir / "posts" / "post-new.md").write_text(text, encoding="utf-8")


def delete_post(site: Site) -> None:
    """The newest post is deleted."""
    site.newest.unlink()


def change_config(site: Site) -> None:
    """``html_title`` changes: every page shows it, so Sphinx rewrites every page (without
    reading any again); ABlog and sphinx-postlog rewrite their generated pages too."""
    _rewrite(site.srcdir / "conf.py", lambda text: text.replace(
        f'html_title = "{HTML_TITLE}"', f'html_title = "{NEW_HTML_TITLE}"'))


EDITS: dict[str, Callable[[Site], None] | None] = {
    "noop": None,
    "edit-body": edit_body,
    "edit-excerpt": edit_excerpt,
    "retag": retag,
    "retitle": retitle,
    "add-post": add_post,
    "delete-post": delete_post,
    "config": change_config,
}
