"""What link previews and search engines read in each page's ``<head>``: a description,
OpenGraph and Twitter card tags, and, on posts, schema.org ``BlogPosting`` data.

Posts are articles (title, excerpt, dates, authors, tags); archive pages are websites.
When sphinxext-opengraph is loaded it writes the ``og:`` tags of pages Sphinx read: it is
given the post's excerpt and type instead (through the page's metadata), and the
description, the ``article:`` tags and the structured data still come from here, so
nothing is doubled. Generated pages (archives) have no doctree, which it needs, so it
writes nothing there: their ``og:`` tags come from here always, with its settings
(``ogp_site_url``, ``ogp_site_name``, ``ogp_image``) where the site has them.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.render.context import write_context
from sphinx_postlog.render.covers import absolute_url
from sphinx_postlog.render.layout import builds_archives
from sphinx_postlog.render.views import rfc3339
from sphinx_postlog.write.feeds import base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_postlog.read.posts import Post

#: Descriptions are cut at a word near this length, as search engines show them.
DESCRIPTION_LENGTH = 200


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def _tag(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{html.escape(key)}" content="{html.escape(value)}" />\n'


#: In a script element, these must not appear as themselves: JSON escapes them instead.
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _json_ld(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` no value can end early or break out of
    (``<``, ``>`` and ``&`` are written as JSON escapes)."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_UNSAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def _post_tags(app: Sphinx, post: Post, url: str | None, og: bool) -> str:
    presenter = write_context(app.builder, app.env).presenter
    authors = [presenter.author(name) for name in post.authors]
    summary = description(post.excerpt)
    image = absolute_url(post, base_url(app.config))
    tags = [_tag("name", "description", summary)] if summary else []
    if og:
        tags += [_tag("property", "og:title", post.title),
                 _tag("property", "og:type", "article"),
                 _tag("property", "og:site_name", str(app.config.project))]
        if summary:
            tags.append(_tag("property", "og:description", summary))
        if url:
            tags.append(_tag("property", "og:url", url))
        if image:
            tags.append(_tag("property", "og:image", image))
    tags += [_tag("property", "article:published_time", rfc3339(post.date)),
             _tag("property", "article:modified_time", rfc3339(post.last_modified))]
    tags += [_tag("property", "article:author", author.name) for author in authors]
    tags += [_tag("property", "article:tag", tag) for tag in post.tags]
    tags += [_tag("name", "twitter:card", "summary_large_image" if image else "summary"),
             _tag("name", "twitter:title", post.title)]
    if summary:
        tags.append(_tag("name", "twitter:description", summary))
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "BlogPosting",
        "headline": post.title, "datePublished": rfc3339(post.date),
        "dateModified": rfc3339(post.last_modified),
        "author": [{"@type": "Person", "name": author.name,
                    **({"url": author.homepage} if author.homepage else {})}
                   for author in authors],
    }
    if summary:
        data["description"] = summary
    if post.tags:
        data["keywords"] = list(post.tags)
    if image:
        data["image"] = image
    if url:
        data.update(url=url, mainEntityOfPage=url)
    return "".join(tags) + _json_ld(data)


def _page_tags(app: Sphinx, title: str, url: str | None) -> str:
    """The tags of a generated page: a website, under the site's name."""
    summary = f"{title} — {app.config.project}"
    tags = [_tag("name", "description", summary),
            _tag("property", "og:title", title), _tag("property", "og:type", "website"),
            _tag("property", "og:description", summary)]
    site_name = _site_name(app)
    if site_name:
        tags.append(_tag("property", "og:site_name", site_name))
    if url:
        tags.append(_tag("property", "og:url", url))
    image = _site_image(app, url)
    if image:
        tags.append(_tag("property", "og:image", image))
    tags += [_tag("name", "twitter:card", "summary"), _tag("name", "twitter:title", title),
             _tag("name", "twitter:description", summary)]
    return "".join(tags)


def _site_name(app: Sphinx) -> str | None:
    """The site's name in link previews: sphinxext-opengraph's ``ogp_site_name``
    (``False``: none) when it is loaded and set, else the project's."""
    name = getattr(app.config, "ogp_site_name", None) if _opengraph(app) else None
    if name is False:
        return None
    return str(name) if name else str(app.config.project)


def _site_image(app: Sphinx, url: str | None) -> str | None:
    """sphinxext-opengraph's site-wide ``ogp_image`` (relative to the site's root), the
    image it gives every page it writes tags for; none without it."""
    image = getattr(app.config, "ogp_image", None) if _opengraph(app) else None
    if not image:
        return None
    root = getattr(app.config, "ogp_site_url", None) or base_url(app.config) or url or ""
    return urljoin(str(root), str(image))


def _page_url(app: Sphinx, pagename: str) -> str | None:
    """The page's absolute address: from ``html_baseurl``, or, beside
    sphinxext-opengraph, from its ``ogp_canonical_url`` or ``ogp_site_url`` first, as
    it writes ``og:url`` on the other pages."""
    root: str | None = None
    if _opengraph(app):
        root = (getattr(app.config, "ogp_canonical_url", None)
                or getattr(app.config, "ogp_site_url", None)) or None
    root = root or base_url(app.config)
    return urljoin(root, app.builder.get_target_uri(pagename)) if root else None


def _opengraph(app: Sphinx) -> bool:
    """Whether sphinxext-opengraph is loaded."""
    return "sphinxext.opengraph" in app.extensions


def add_metadata(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: object) -> None:
    """``html-page-context``: the tags of a post page or a generated archive page."""
    if not builds_archives(app.builder):
        return
    root = base_url(app.config)
    og = not _opengraph(app)
    post = get_registry(app.env).posts.get(pagename)
    if post is not None:
        url = root + app.builder.get_target_uri(pagename) if root else None
        tags = _post_tags(app, post, url, og)
        if not og:  # sphinxext-opengraph writes og: from the page's metadata
            image = absolute_url(post, root)
            context["meta"] = {**(context.get("meta") or {}), "og:type": "article",
                               **({"og:description": description(post.excerpt)}
                                  if post.excerpt else {}),
                               **({"og:image": image} if image else {})}
    elif doctree is None and context.get("postlog_archive"):
        # sphinxext-opengraph never writes tags on a page without a doctree
        tags = _page_tags(app, html.unescape(str(context.get("title", ""))),
                          _page_url(app, pagename))
    else:
        return
    context["metatags"] = str(context.get("metatags", "")) + tags


_CARD = re.compile(r'<meta name="twitter:card" content="[^"]*" />\n')


def leave_card_to_opengraph(app: Sphinx, pagename: str, templatename: str,
                            context: dict[str, Any], doctree: object) -> None:
    """``html-page-context``, after sphinxext-opengraph: when it made a social card
    image for the page (with matplotlib), its ``twitter:card`` names that image; ours,
    written first, is dropped so that the page has one."""
    metatags = str(context.get("metatags", ""))
    if "sphinxext.opengraph" in app.extensions and len(_CARD.findall(metatags)) > 1:
        context["metatags"] = _CARD.sub("", metatags, count=1)
