"""Record what ABlog produces for tests/roots/test-ablogsite, and for
tests/roots/test-ablogties (posts that tie, terms that share a slug).

Run with the separate ABlog venv (never with the project's own environment)::

    python3 -m venv ablog-venv
    ablog-venv/bin/pip install ablog==0.11.13 myst-parser sphinx==9.0.4 beautifulsoup4
    ablog-venv/bin/python tests/ablog_reference/record.py

The script copies the test root to a temporary folder, builds it with
``python -m sphinx -b html`` in a subprocess (ABlog computes "tomorrow" when it
is imported, so each build needs a fresh process), parses the output with
BeautifulSoup and xml.etree, and writes ``ablog-<version>.json`` next to this
file.  The JSON is deterministic: keys are sorted and every list is in
document order.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urldefrag

from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent / "roots" / "test-ablogsite"
TIES_ROOT = HERE.parent / "roots" / "test-ablogties"


def output(suffix: str = "") -> Path:
    """The recording of the installed ABlog (asked only when recording: the tests that
    read these helpers run where ABlog is not installed)."""
    return HERE / f"ablog-{version('ablog')}{suffix}.json"

# 2025-01-01T00:00:00Z.  Only affects Sphinx's own dates (copyright, "last
# updated"); ABlog's drafts cut-off is the real "tomorrow" of the build machine,
# which is why every post of the site is dated well in the past.
SOURCE_DATE_EPOCH = "1735689600"

# Pages of the site that hold postlists / references (html builder names).
LISTING_PAGES = ["listing.html", "filtering.html", "recent.html"]
REFS_PAGE = "refs.html"
# Pages whose whole ABlog sidebar is recorded: a page and the newest post (its
# "Recent Posts" skips itself).  For more posts only the postcard is recorded:
# two authors, and a draft.
SIDEBAR_PAGES = ["index.html", "articles/ci-pipeline.html"]
POSTCARD_PAGES = ["articles/sphinx-tips.html", "posts/draft-ideas.html"]
FEED = "blog/atom.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def text(node) -> str:
    """The text of a node with all whitespace collapsed."""
    return " ".join(node.get_text().split()) if node is not None else ""


def squash(value: str) -> str:
    return " ".join(value.split())


def norm_href(page: str, href: str | None) -> str | None:
    """An href made relative to the output root (external URLs unchanged)."""
    if href is None:
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return href
    url, fragment = urldefrag(href)
    url = posixpath.normpath(posixpath.join(posixpath.dirname(page), url)) if url else page
    return url + (f"#{fragment}" if fragment else "")


def docname_of(path: str) -> str:
    """Docname of a root-relative html path (html builder)."""
    path = urldefrag(path)[0]
    return path[: -len(".html")] if path.endswith(".html") else path


def build(workdir: Path, root: Path = ROOT) -> tuple[Path, list[str]]:
    src = workdir / "src"
    out = workdir / "out"
    shutil.copytree(root, src)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, TZ="UTC",
               LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONHASHSEED="0")
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "--no-color",
         "-d", str(workdir / "doctrees"), str(src), str(out)],
        env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"ABlog build failed:\n{proc.stdout}\n{proc.stderr}")
    warnings = []
    for line in proc.stderr.splitlines():
        if "WARNING" in line or "ERROR" in line:
            warnings.append(line.replace(str(src) + os.sep, "").replace(str(src), "."))
    return out, warnings


def soup(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")


def body(page_soup: BeautifulSoup):
    return page_soup.select_one("div.body")


def page_title(page_soup: BeautifulSoup) -> str:
    """The <title> without the " — <project> documentation" suffix."""
    return squash(page_soup.title.get_text()).rsplit(" \u2014 ", 1)[0].strip()


def html_pages(out: Path) -> list[str]:
    pages = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if not rel.startswith(("_static/", "_sources/")):
            pages.append(rel)
    return pages


# -- posts -------------------------------------------------------------------

def meta_links(div, key: str, page: str) -> list[str]:
    li = div.find("li", id=lambda v: v and f"ablog__{key}" in v.split())
    if li is None:
        return []
    return [squash(a.get_text()) for a in li.find_all("a")]


def collection_posts(page_soup, page):
    """The posts of an ablog/collection.html page, in order."""
    posts = []
    for div in page_soup.select("div.ablog__collection div.ablog-post"):
        link = div.select_one("h2.ablog-post-title a")
        posts.append((div, link, norm_href(page, link["href"])))
    return posts


def record_posts(out: Path, feed_dates: dict[str, str]):
    page = "blog.html"
    posts = []
    for div, link, href in collection_posts(soup(out, page), page):
        excerpt = div.select_one("p.ablog-post-excerpt")
        docname = docname_of(href)
        posts.append({
            "docname": docname,
            "url": href,
            "title": squash(link.get_text()),
            "date": feed_dates[docname],
            "date_display": squash(div.select_one("ul.ablog-archive > li > span").get_text()),
            "authors": meta_links(div, "author", page),
            "locations": meta_links(div, "location", page),
            "languages": meta_links(div, "language", page),
            "categories": meta_links(div, "category", page),
            "tags": meta_links(div, "tags", page),
            "excerpt": text(excerpt),
        })
    page = "blog/drafts.html"
    drafts = [docname_of(href) for _, _, href in collection_posts(soup(out, page), page)]
    return posts, drafts


# -- archive pages -------------------------------------------------------------

def record_archive_pages(out: Path) -> dict:
    pages = {}
    for page in html_pages(out):
        if page != "blog.html" and not page.startswith("blog/"):
            continue
        s = soup(out, page)
        entry = {"title": page_title(s)}
        if s.select_one("div.ablog__collection"):
            entry["kind"] = "collection"
            entry["heading"] = text(s.select_one("div.ablog__collection h1"))
            entry["posts"] = [docname_of(h) for _, _, h in collection_posts(s, page)]
        elif s.select_one("div.ablog__catalog_header"):
            entry["kind"] = "catalog"
            entry["collections"] = []
            for header in s.select("div.ablog__catalog_header"):
                link = header.select_one("h2 a")
                entry["collections"].append({
                    "name": squash(link.get_text()),
                    "href": norm_href(page, link["href"]),
                    "posts": [docname_of(norm_href(page, a["href"]))
                              for a in header.select("div.ablog__catalog_post a")],
                })
        else:
            continue
        pages[page] = entry
    return pages


# -- references ---------------------------------------------------------------

def record_labels(out: Path, root: Path = ROOT) -> list[dict]:
    source = (root / "refs.md").read_text(encoding="utf-8")
    targets = []
    for content in re.findall(r"\{ref\}`([^`]*)`", source):
        match = re.fullmatch(r"(.*?)\s*<(.+)>", content)
        targets.append((match[2], match[1]) if match else (content, None))
    items = body(soup(out, REFS_PAGE)).select("li")
    assert len(items) == len(targets), (len(items), len(targets))
    labels = []
    for (target, explicit), li in zip(targets, items, strict=True):
        link = li.find("a")
        labels.append({
            "target": target,
            "explicit_title": explicit,
            "href": norm_href(REFS_PAGE, link["href"]) if link else None,
            "external": bool(link and "external" in link.get("class", [])),
            "text": text(link if link else li),
        })
    return labels


def record_redirects(out: Path) -> dict:
    redirects = {}
    for page in html_pages(out):
        s = soup(out, page)
        meta = s.find("meta", attrs={"http-equiv": "refresh"})
        if meta is None:
            continue
        delay, _, url = meta["content"].partition(";")
        url = url.strip()
        url = url[len("url="):] if url.startswith("url=") else url
        target = norm_href(page, url)
        link = body(s).find("a")
        redirects[page] = {
            "post": docname_of(target),
            "refresh": int(delay),
            "meta_url": url,
            "body_text": text(body(s)),
            "body_href": norm_href(page, link["href"]),
        }
    return redirects


# -- postlists ------------------------------------------------------------------

def record_postlists(out: Path, pages: list[str] = LISTING_PAGES) -> dict:
    result = {}
    for page in pages:
        lists = []
        for ul in body(soup(out, page)).select("ul.postlist"):
            section = ul.find_parent("section")
            items = []
            for li in ul.find_all("li", recursive=False):
                title_p = li.find("p", class_="ablog-post-title")
                title_link = None
                if title_p is not None:
                    title_link = next(
                        (a for a in title_p.find_all("a") if not a.has_attr("title")), None)
                item = {
                    "text": text(li),
                    "href": norm_href(page, title_link["href"]) if title_link else None,
                }
                expand = li.select_one("p.ablog-post-expand a")
                if expand is not None:
                    item["expand_href"] = norm_href(page, expand["href"])
                items.append(item)
            lists.append({
                "section": section.get("id") if section else None,
                "classes": ul.get("class", []),
                "items": items,
            })
        result[page] = lists
    return result


# -- feed --------------------------------------------------------------------------

def record_feed(out: Path) -> dict:
    root = ET.parse(out / FEED).getroot()

    def find_text(elem, tag):
        found = elem.find(ATOM + tag)
        return found.text if found is not None else None

    entries = []
    for entry in root.findall(ATOM + "entry"):
        link = entry.find(ATOM + "link")
        entries.append({
            "id": find_text(entry, "id"),
            "title": find_text(entry, "title"),
            "link": link.get("href") if link is not None else None,
            "published": find_text(entry, "published"),
            "updated": find_text(entry, "updated"),
            "authors": [find_text(a, "name") for a in entry.findall(ATOM + "author")],
            "categories": [{"term": c.get("term"), "label": c.get("label")}
                           for c in entry.findall(ATOM + "category")],
            "summary": find_text(entry, "summary"),
            "has_content": entry.find(ATOM + "content") is not None,
        })
    links = [{"rel": link.get("rel"), "href": link.get("href")}
             for link in root.findall(ATOM + "link")]
    feeds = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml"))
    return {
        "path": FEED,
        "id": find_text(root, "id"),
        "title": find_text(root, "title"),
        "subtitle": find_text(root, "subtitle"),
        "lang": root.get(XML_LANG),
        "links": links,
        "entries": entries,
        "feed_files": feeds,
    }


def feed_dates(feed: dict) -> dict[str, str]:
    """docname -> naive ISO date of each published post (the build ran with TZ=UTC)."""
    dates = {}
    for entry in feed["entries"]:
        path = entry["link"].split("https://example.org/", 1)[1]
        stamp = entry["published"]
        stamp = re.sub(r"(\+00:00|Z)$", "", stamp)
        dates[docname_of(path)] = stamp[:10] if stamp.endswith("T00:00:00") else stamp
    return dates


# -- post pages -------------------------------------------------------------------

# Posts written with the ``.. post::`` directive: their page text shows where the
# directive content went (kept in place, or removed with ``:exclude:``).
BODY_TEXT_POSTS = ["articles/sphinx-tips", "articles/release-notes", "articles/year-in-review"]


def record_post_pages(out: Path, docnames: list[str]) -> dict:
    """Previous/next links of every post page, and the text of directive posts."""
    result = {}
    for docname in docnames:
        page = docname + ".html"
        s = soup(out, page)
        entry = {}
        for side in ("prev", "next"):
            link = s.select_one(f"div.ablog__prev-next span.ablog__{side} a")
            entry[side] = norm_href(page, link["href"]) if link else None
        if docname in BODY_TEXT_POSTS:
            section = body(s).find("section")
            for permalink in section.select("a.headerlink"):
                permalink.decompose()
            entry["body_text"] = text(section)
        result[docname] = entry
    return result


# -- sidebars ---------------------------------------------------------------------------

def record_sidebars(out: Path) -> dict:
    result = {}
    for page in SIDEBAR_PAGES + POSTCARD_PAGES:
        s = soup(out, page)
        items = []
        wrapper = s.select_one("div.sphinxsidebarwrapper")
        for div in wrapper.find_all("div", class_="ablog-sidebar-item", recursive=False):
            kind = next(c for c in div["class"] if c.startswith("ablog__"))
            heading = div.find(["h2", "h3"])
            head_link = heading.find("a") if heading else None
            entries = []
            for li in div.find_all("li"):
                entries.append({
                    "text": text(li),
                    "hrefs": [norm_href(page, a["href"]) for a in li.find_all("a")],
                    "classes": [c for c in li.get("class", [])],
                })
            items.append({
                "kind": kind,
                "heading": text(heading),
                "heading_href": norm_href(page, head_link["href"]) if head_link else None,
                "items": entries,
            })
        feed_link = s.find("link", attrs={"type": "application/atom+xml"})
        if page in POSTCARD_PAGES:
            items = [item for item in items if item["kind"] == "ablog__postcard"]
        result[page] = {
            "sidebar": items,
            "feed_link": norm_href(page, feed_link["href"]) if feed_link else None,
        }
    return result


def versions() -> dict[str, str]:
    return {name: version(name) for name in ("ablog", "sphinx", "myst-parser", "docutils")}


def write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def record_ties() -> None:
    """The site whose posts tie and whose terms share slugs: the order of posts on every
    page, feed and prev/next bar, and which term each shared archive URL shows."""
    with tempfile.TemporaryDirectory(prefix="ablogref-") as tmp:
        out, warnings = build(Path(tmp), TIES_ROOT)
        feed = record_feed(out)
        posts, _ = record_posts(out, feed_dates(feed))
        data = {
            "versions": versions(),
            "builder": "html",
            "warnings": warnings,
            "posts": posts,
            "archive_pages": record_archive_pages(out),
            "labels": record_labels(out, TIES_ROOT),
            "postlists": record_postlists(out, ["listing.html"]),
            "feed": feed,
            "post_pages": record_post_pages(out, [p["docname"] for p in posts]),
        }
    write(output("-ties"), data)
    print(f"wrote {output('-ties').relative_to(HERE.parent.parent)}: {len(posts)} posts, "
          f"{len(data['archive_pages'])} archive pages, {len(warnings)} warnings")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ablogref-") as tmp:
        out, warnings = build(Path(tmp))
        feed = record_feed(out)
        posts, drafts = record_posts(out, feed_dates(feed))
        data = {
            "versions": versions(),
            "builder": "html",
            "warnings": warnings,
            "posts": posts,
            "drafts": drafts,
            "archive_pages": record_archive_pages(out),
            "labels": record_labels(out),
            "redirects": record_redirects(out),
            "postlists": record_postlists(out),
            "feed": feed,
            "post_pages": record_post_pages(out, [p["docname"] for p in posts] + drafts),
            "sidebars": record_sidebars(out),
        }
    write(output(), data)
    print(f"wrote {output().relative_to(HERE.parent.parent)}: {len(posts)} posts, "
          f"{len(drafts)} drafts, {len(data['archive_pages'])} archive pages, "
          f"{len(warnings)} warnings")
    record_ties()


if __name__ == "__main__":
    main()
