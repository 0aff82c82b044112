"""Record what ABlog renders for tests/roots/test-ablogtemplates, a site that restyled
ABlog by overriding its templates (``_templates/ablog/*.html`` and a ``layout.html``
reading ``ablog``).

Run it as ``record.py`` is run (see README.md)::

    ablog-venv/bin/python tests/ablog_reference/record_templates.py

It builds the root with ABlog in a subprocess and writes
``ablog-<version>-templates.json``: for every page, the parts the site's templates
make (``parse_page``). The test suite parses sphinx-postlog's build of the same root
with the same function and compares.
"""

from __future__ import annotations

import json
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ablog_reference import record  # noqa: E402

ROOT = HERE.parent / "roots" / "test-ablogtemplates"
#: Pages of Sphinx's own, not the site's.
SKIPPED = ("genindex.html", "search.html")


def _links(node, page: str) -> list[dict[str, str | None]]:
    return [{"text": record.squash(a.get_text()), "href": record.norm_href(page, a["href"])}
            for a in node.find_all("a")] if node is not None else []


def parse_page(html: str, page: str) -> dict:
    """What the site's templates put on ``page``: the collection (cards with title, link,
    date, authors, tags, excerpt) or catalog (terms with their links, counts and posts),
    the previous/next bar, the post card and recent posts sidebars, the layout's
    breadcrumb, post tags and footer feed link."""
    soup = BeautifulSoup(html, "html.parser")
    parsed: dict = {"title": record.page_title(soup)}
    collection = soup.select_one("div.my-collection")
    if collection is not None:
        parsed["collection"] = {
            "heading": record.text(collection.h1),
            "cards": [{
                "title": _links(card.h2, page),
                "date": record.text(card.select_one(".my-card-date")),
                "authors": _links(card.select_one(".my-card-authors"), page),
                "tags": _links(card.select_one(".my-card-tags"), page),
                "excerpt": record.text(card.select_one(".my-card-excerpt")),
                "meta": {"text": record.text(card.select_one(".my-card-meta")),
                         "links": _links(card.select_one(".my-card-meta"), page)},
            } for card in collection.select("article.my-card")],
        }
    catalog = soup.select_one("div.my-catalog")
    if catalog is not None:
        parsed["catalog"] = {
            "heading": record.text(catalog.h1),
            "terms": [{
                "term": _links(term.h2, page),
                "count": record.text(term.select_one(".my-count")),
                "posts": _links(term.ul, page),
            } for term in catalog.select("section.my-term")],
        }
    for key, css in (("prevnext", "nav.my-prevnext"), ("recent", "div.my-recent"),
                     ("breadcrumb", "nav.site-breadcrumb"), ("post_tags", "ul.site-post-tags"),
                     ("feed", "div.site-feed")):
        node = soup.select_one(css)
        if node is not None:
            parsed[key] = {"text": record.text(node), "links": _links(node, page)}
    card = soup.select_one("div.my-postcard")
    if card is not None:
        parsed["postcard"] = {
            "date": record.text(card.select_one(".my-postcard-date")),
            "categories": _links(card.select_one(".my-postcard-category"), page)}
    return parsed


def parse_site(out: Path) -> dict[str, dict]:
    """``parse_page`` of every page of the site."""
    return {page: parse_page((out / page).read_text(encoding="utf-8"), page)
            for page in record.html_pages(out) if page not in SKIPPED}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ablogref-") as tmp:
        out, warnings = record.build(Path(tmp), ROOT)
        data = {
            "versions": {name: version(name)
                         for name in ("ablog", "sphinx", "myst-parser", "docutils")},
            "warnings": warnings,
            "pages": parse_site(out),
        }
    target = record.output("-templates")
    target.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    print(f"wrote {target.relative_to(HERE.parent.parent)}: {len(data['pages'])} pages, "
          f"{len(warnings)} warnings")


if __name__ == "__main__":
    main()
