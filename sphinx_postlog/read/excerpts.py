"""A post's excerpt, as text (feeds, non-HTML builders) and as HTML that keeps emphasis,
code and links (post lists and archive pages).

The excerpt is the ``excerpt``/``description`` field, else the paragraphs before a
``<!-- more -->`` marker, else the content of ABlog's ``{post}`` directive, else the first
paragraph (or the first few: ``postlog_excerpt_paragraphs``). Its HTML is made while reading and
stored as a string, so the registry stays plain data. Links to other documents cannot
be resolved yet (their URLs depend on the page that shows the excerpt): they are stored
as markers and resolved by ``resolve_links`` for each page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from docutils import nodes
from sphinx import addnodes

from sphinx_postlog.normalise import clean_text, flowing_text

_MORE = re.compile(r"^<!--\s*more\s*-->$", re.IGNORECASE)
# \x00 cannot occur in a document's text: a safe delimiter for link markers.
_DOC_LINK = re.compile("\x00doc:([^\x00#]*)#?([^\x00]*)\x00")
_TAGS: dict[type[nodes.Node], str] = {
    nodes.emphasis: "em", nodes.strong: "strong", nodes.literal: "code"}


#: The content of ABlog's ``{post}`` directive: the post's excerpt; with ``:exclude:``,
#: only its excerpt.
EXCERPT_CLASS, EXCLUDED_CLASS = "postlog-post-excerpt", "postlog-excerpt-only"


def _own(paragraph: nodes.paragraph) -> bool:
    """A paragraph of the author's, not of a parser's message."""
    return not any(isinstance(parent, nodes.system_message)
                   for parent in _ancestors(paragraph))


def _has_words(paragraph: nodes.paragraph) -> bool:
    """True if the paragraph has text (an image's alternative text aside)."""
    return any(str(text).strip() for text in paragraph.findall(nodes.Text))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def excerpt_paragraphs(doctree: nodes.document, count: int = 1,
                       anywhere: bool = False) -> list[nodes.paragraph]:
    """The paragraphs before a ``<!-- more -->`` marker; else those of a ``{post}``
    directive's content; else the first ``count`` paragraphs of the text (``anywhere``:
    in lists, quotes and admonitions too, as ABlog counts them; otherwise those there
    only when the text has no paragraph of its own, as in a post that opens with a
    quote)."""
    for marker in doctree.findall(nodes.raw):
        if _MORE.match(marker.astext().strip()) and marker.parent is not None:
            siblings = marker.parent.children[: marker.parent.index(marker)]
            paragraphs = [node for node in siblings if isinstance(node, nodes.paragraph)]
            if paragraphs:
                return paragraphs
    for box in doctree.findall(nodes.container):
        if EXCERPT_CLASS in box["classes"]:
            return list(box.findall(nodes.paragraph))
    if count <= 0:
        return []
    found = []
    for paragraph in doctree.findall(nodes.paragraph):
        if not _has_words(paragraph):  # an image alone: nothing to read in a list
            continue
        if isinstance(paragraph.parent, (nodes.section, nodes.document)) or (
                anywhere and _own(paragraph)):
            found.append(paragraph)
            if len(found) == count:
                return found
    if found or anywhere:
        return found
    return [paragraph for paragraph in doctree.findall(nodes.paragraph)
            if _own(paragraph) and _has_words(paragraph)][:count]


def refers_to_pages(paragraphs: list[nodes.paragraph]) -> bool:
    """True if the paragraphs hold a cross-reference, resolved or not: what it shows
    depends on which pages the site has."""
    return any(True for paragraph in paragraphs
               for _ in paragraph.findall(addnodes.pending_xref))


def plain_html(text: str) -> str:
    """Text as an HTML paragraph."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def paragraphs_html(paragraphs: list[nodes.paragraph], docname: str) -> str:
    """The paragraphs as HTML, with markers for links to documents."""
    return "".join(f"<p>{_inline(paragraph, docname)}</p>" for paragraph in paragraphs)


def paragraphs_text(paragraphs: list[nodes.paragraph]) -> str:
    """The paragraphs as one line of text."""
    return clean_text(" ".join(paragraph.astext() for paragraph in paragraphs))


def _children(node: nodes.Node, docname: str) -> str:
    return "".join(_inline(child, docname) for child in node.children)


def _inline(node: nodes.Node, docname: str) -> str:
    if isinstance(node, nodes.Text):
        return html.escape(flowing_text(str(node)), quote=False)
    tag = _TAGS.get(type(node))
    if tag:
        return f"<{tag}>{_children(node, docname)}</{tag}>"
    if isinstance(node, nodes.reference) and node.get("refuri"):
        # MyST-Parser 4 keeps "&" in a URL as "&amp;"; later versions do not.
        url = html.unescape(node["refuri"])
        return f'<a href="{html.escape(url)}">{_children(node, docname)}</a>'
    if isinstance(node, nodes.reference) and node.get("refid"):
        return _doc_link(docname, node["refid"], _children(node, docname))
    if (isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "doc"
            and node.get("reftype") == "myst"):
        anchor = node.get("reftargetid")  # MyST: the docname is already absolute
        return _doc_link(node["reftarget"], anchor if isinstance(anchor, str) else "",
                         _children(node, docname))
    if isinstance(node, (nodes.raw, nodes.comment, nodes.system_message)):
        return ""
    return _children(node, docname) if isinstance(node, nodes.Element) else ""


def _doc_link(docname: str, anchor: str, content: str) -> str:
    return f'<a href="\x00doc:{html.escape(docname)}#{html.escape(anchor)}\x00">{content}</a>'


def resolve_links(excerpt_html: str, url_of: Callable[[str], str | None]) -> str:
    """``excerpt_html`` with each document link resolved by ``url_of(docname)`` (a link
    whose document has no URL keeps its text only)."""
    if "\x00" not in excerpt_html:
        return excerpt_html

    def resolve(match: re.Match[str]) -> str:
        url = url_of(html.unescape(match[1]))
        if url is None:
            return "#"
        anchor = html.unescape(match[2])
        return html.escape(f"{url}#{anchor}" if anchor else url or "#")

    return _DOC_LINK.sub(resolve, excerpt_html)
