"""The full HTML of posts, for feeds that carry whole posts.

It is the body Sphinx itself wrote for each post page (so every directive any extension
knows comes out as on the page), without the title and what this extension adds around
the text, kept beside the output folder's record (in the doctree folder, see
``saved_record.state_dir``) where the next build finds it: a post that is not rewritten keeps
the body it was written with. Links and images are made absolute when a
feed is written, since feed readers show entries away from the site.
"""

from __future__ import annotations

import re
import shutil
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.record.output_files import write_if_changed
from sphinx_postlog.record.saved_record import state_dir
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.render.postpage import FURNITURE_END, FURNITURE_START

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Where post bodies are kept, inside the output folder's state folder.
CONTENT_DIR = "content"

_FURNITURE = re.compile(
    rf'(?:<(div|span) class="[^"]*">)?{FURNITURE_START}.*?{FURNITURE_END}(?:</\1>)?', re.DOTALL)
_TITLE = re.compile(r"<h1\b[^>]*>.*?</h1>\s*", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def absolute_urls(fragment: str, base: str) -> str:
    """``fragment`` with every ``href`` and ``src`` resolved against ``base``."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', fragment)


def post_text(body: str) -> str:
    """A post page's body without its title, heading links and post furniture."""
    body = _FURNITURE.sub("", body)
    body = _TITLE.sub("", body, count=1)
    return _HEADERLINK.sub("", body).strip() + "\n"


def content_dir(app: Sphinx) -> Path:
    """The folder of the kept bodies of this output folder's posts."""
    return state_dir(app) / CONTENT_DIR


def _content_file(app: Sphinx, docname: str) -> Path:
    return content_dir(app).joinpath(*f"{docname}.html".split("/"))


def _keeps_content(app: Sphinx) -> bool:
    return bool(app.config.postlog_feed_full_content) and builds_archives(app.builder)


def keep_post_text(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: object) -> None:
    """``html-page-context``: keep the body of each post page as it is written."""
    if doctree is None or not _keeps_content(app):
        return
    if pagename in get_registry(app.env).posts:
        write_if_changed(_content_file(app, pagename),
                         post_text(str(context.get("body", ""))).encode("utf-8"))


def posts_without_text(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: posts whose kept body is missing, to be written again."""
    if not _keeps_content(app):
        return []
    return sorted(docname for docname in get_registry(env).posts
                  if not _content_file(app, docname).is_file())


def kept_text_stamps(app: Sphinx) -> list[tuple[str, int, int]]:
    """The size and time of each post's kept body: they change when a body is written
    again with other text, not when it is written unchanged."""
    stamps = []
    for docname in sorted(get_registry(app.env).posts):
        with suppress(OSError):  # none kept (its page was not written, or it was removed)
            stat = _content_file(app, docname).stat()
            stamps.append((docname, stat.st_size, stat.st_mtime_ns))
    return stamps


class PostContent:
    """The kept bodies of posts, with absolute links."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app

    def html(self, docname: str, url: str) -> str | None:
        """The post's text as HTML with absolute URLs; None if no body was kept."""
        try:
            body = _content_file(self.app, docname).read_text(encoding="utf-8")
        except OSError:
            return None
        return absolute_urls(body, url)

    def remove_others(self, docnames: set[str]) -> None:
        """Remove kept bodies of pages that are no longer posts."""
        folder = content_dir(self.app)
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
            if path.relative_to(folder).with_suffix("").as_posix() not in docnames:
                path.unlink()


def remove_kept_texts(app: Sphinx) -> None:
    """Remove every kept body (full content was switched off)."""
    folder = content_dir(app)
    if folder.is_dir():
        shutil.rmtree(folder)
