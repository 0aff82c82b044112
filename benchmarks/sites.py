"""Generate realistic synthetic MyST blogs of N posts, for plain Sphinx, sphinx-postlog
and ABlog alike: same pages, same words; only conf.py and the index differ."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

VARIANTS = ("floor", "postlog", "ablog")
TAG_POOL = [f"tag-{i:02d}" for i in range(50)]
CATEGORIES = [f"category-{i}" for i in range(10)]
_WORDS = [
    "sphinx", "blog", "post", "markdown", "theme", "archive", "feed", "reader", "build",
    "page", "tag", "category", "author", "date", "excerpt", "python", "science", "notebook",
    "data", "result", "method", "figure", "table", "reference", "incremental", "parallel",
    "document", "section", "paragraph", "list", "link", "image", "code", "example", "note",
]

CONF = {
    "floor": 'extensions = ["myst_parser"]\n',
    "postlog": 'extensions = ["sphinx_postlog"]\npostlog_post_pattern = ["posts/*"]\n',
    "ablog": (
        'extensions = ["myst_parser", "ablog"]\nblog_post_pattern = "posts/*"\n'
        'blog_baseurl = "https://example.org/"\nblog_feed_archives = True\n'
        'post_date_format = "%Y-%m-%d"\n'
    ),
}

INDEX = {
    "floor": "# Home\n\nWelcome.\n",
    "postlog": "# Home\n\nWelcome.\n\n```{postlist}\n:limit: 10\n:show: date excerpt\n```\n",
    "ablog": "# Home\n\nWelcome.\n\n```{postlist} 10\n:excerpts:\n```\n",
}


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(40, 120))]
    return " ".join(words).capitalize() + "."


def post_text(index: int, rng: random.Random) -> str:
    """One post: front matter (comma-separated terms, which every variant reads) and
    about 1-5 KB of text."""
    tags = ", ".join(rng.sample(TAG_POOL, 3))
    category = rng.choice(CATEGORIES)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 10))
    body = []
    while sum(len(p) for p in body) < rng.randint(1000, 5000):
        body.append(_paragraph(rng))
    return (
        f"---\ntags: {tags}\ncategory: {category}\ndate: {date.isoformat()}\n---\n"
        f"# Post number {index}\n\n" + "\n\n".join(body) + "\n"
    )


def write_site(root: Path, variant: str, size: int, seed: int = 2018) -> Path:
    """Write a site of ``size`` posts for ``variant`` under ``root``; return it."""
    rng = random.Random(seed)
    (root / "posts").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        f'project = "Benchmark"\nhtml_baseurl = "https://example.org/"\n{CONF[variant]}'
        'suppress_warnings = ["toc.not_included"]\n',
        encoding="utf-8",
    )
    (root / "index.md").write_text(INDEX[variant], encoding="utf-8")
    for index in range(size):
        (root / "posts" / f"post-{index:05d}.md").write_text(post_text(index, rng),
                                                             encoding="utf-8")
    return root
