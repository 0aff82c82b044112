"""A post's excerpt, as text (feeds, non-HTML builders) and as HTML that keeps emphasis,
code and links (post lists, archive pages, feeds).

The excerpt is the ``excerpt``/``description`` field, else the paragraphs before a
``<!-- more -->`` marker, else the content of ABlog's ``{post}`` directive, else the first
paragraph (or the first few: ``postlog_excerpt_paragraphs``). Its HTML is made while reading and
stored as a string, so the registry stays plain data. Links to other documents cannot
be made yet (their URLs depend on the page that shows the excerpt): they are stored as
markers and resolved by ``resolve_links`` for each page. Cross-references (``{doc}``,
``:ref:``, MyST links, ``:term:`` …) cannot even be resolved yet (their target may not
have been read): each is kept as plain data (``ExcerptSource``), resolved as Sphinx
resolves it once every page is read (``collect.excerpt_links``), until then shown as
its text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from sphinx_postlog.normalise import clean_text, flowing_text

_MORE = re.compile(r"^<!--\s*more\s*-->$", re.IGNORECASE)
# \x00 cannot occur in a document's text: a safe delimiter for link markers.
_LINK = re.compile("\x00(doc|uri):([^\x00#]*)#?([^\x00]*)\x00")
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


def paragraphs_text(paragraphs: list[nodes.paragraph]) -> str:
    """The paragraphs as one line of text."""
    return clean_text(" ".join(paragraph.astext() for paragraph in paragraphs))


@dataclass(frozen=True)
class ExcerptXref:
    """A cross-reference of an excerpt as plain data: enough to make its
    ``pending_xref`` again and resolve it once every page is read."""

    #: The node's attributes whose values are plain (text, numbers, lists of text; an
    #: object such as the C++ domain's scope key is left out).
    attributes: tuple[tuple[str, object], ...]
    #: Its text: what Sphinx shows where it cannot resolve it.
    text: str
    #: Its content as HTML (inside the element a role wraps it in), for a link that
    #: keeps the words written.
    content_html: str
    #: Whether its content is code (``{any}``, ``:py:func:``) and the content's classes.
    literal: bool = False
    classes: tuple[str, ...] = ()
    line: int | None = None

    def node(self, docname: str, source: str) -> addnodes.pending_xref:
        """The ``pending_xref`` again, written in ``docname`` (file ``source``); its
        content marked, so that the words written can be found in what resolves it."""
        attributes = {name: list(value) if isinstance(value, tuple) else value
                      for name, value in self.attributes}
        attributes.setdefault("refdoc", docname)
        node = addnodes.pending_xref("", **attributes)
        marked = nodes.inline(self.text, self.text, classes=[CONTENT_CLASS])
        kind: type[nodes.TextElement] = nodes.literal if self.literal else nodes.inline
        node += kind("", "", marked, classes=list(self.classes))
        node.source, node.line = source, self.line
        return node


#: The class of an excerpt's cross-reference content while it is resolved.
CONTENT_CLASS = "postlog-xref-content"


@dataclass(frozen=True)
class ExcerptSource:
    """An excerpt with cross-references, as read: its text with NUL where each
    cross-reference's text goes, its HTML with a marker for each, and the references.
    ``on_page``: the excerpt is on the post's page too (not ABlog's ``:exclude:``), so
    Sphinx reports a reference it cannot resolve there."""

    text: str
    html: str
    xrefs: tuple[ExcerptXref, ...]
    on_page: bool = True

    def filled(self, texts: list[str], htmls: list[str]) -> tuple[str, str]:
        """The excerpt as text and HTML, each cross-reference shown as given."""
        pieces = self.text.split("\x00")
        text = "".join(piece + (texts[index] if index < len(texts) else "")
                       for index, piece in enumerate(pieces))
        markup = _XREF.sub(lambda match: htmls[int(match[1])], self.html)
        return clean_text(text), markup

    def unresolved(self) -> tuple[str, str]:
        """The excerpt as Sphinx shows references it cannot resolve: their text."""
        return self.filled([xref.text for xref in self.xrefs],
                           [xref.content_html for xref in self.xrefs])


_XREF = re.compile("\x00xref:([0-9]+)\x00")


def read_excerpt(paragraphs: list[nodes.paragraph],
                 docname: str) -> tuple[str, str, ExcerptSource | None]:
    """The paragraphs as text and as HTML (links to documents as markers), and, if they
    hold cross-references, what resolving them needs (they are shown as their text
    until then)."""
    xrefs: list[addnodes.pending_xref] = []
    writer = HtmlWriter(docname, xrefs)
    markup = "".join(f"<p>{writer.children(paragraph)}</p>" for paragraph in paragraphs)
    if not xrefs:
        return paragraphs_text(paragraphs), markup, None
    source = ExcerptSource(
        _text_with_gaps(paragraphs, xrefs), markup,
        tuple(_xref(xref, HtmlWriter(docname)) for xref in xrefs),
        on_page=not any(_hidden(paragraph) for paragraph in paragraphs))
    return (*source.unresolved(), source)


def _xref(node: addnodes.pending_xref, writer: HtmlWriter) -> ExcerptXref:
    """A cross-reference as plain data."""
    content = _content(node)
    wrapped = content is not node
    return ExcerptXref(
        attributes=tuple(sorted((name, _plain(value)) for name, value
                                in node.attributes.items() if _is_plain(value))),
        text=node.astext(), content_html=writer.children(content),
        literal=wrapped and isinstance(content, nodes.literal),
        classes=tuple(content["classes"]) if wrapped and isinstance(
            content, nodes.Element) else (),
        line=node.line or _line(node))


def _content(xref: addnodes.pending_xref) -> nodes.Node:
    """What a cross-reference shows: the children of its one element (a role's
    ``literal`` or ``inline``, made again around them when it is resolved), else
    itself."""
    if len(xref.children) == 1 and isinstance(xref[0], nodes.Element):
        return xref[0]
    return xref


def _is_plain(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, str) for item in value)
    return value is None or isinstance(value, (str, int, float))


def _plain(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _line(node: nodes.Node) -> int | None:
    """The line of the nearest ancestor that knows it."""
    for ancestor in _ancestors(node):
        if ancestor.line:
            return int(ancestor.line)
    return None


def _hidden(paragraph: nodes.paragraph) -> bool:
    """True if the paragraph is the excerpt only, not on the post's page (ABlog's
    ``:exclude:``)."""
    return any(isinstance(node, nodes.container) and EXCLUDED_CLASS in node["classes"]
               for node in _ancestors(paragraph))


def _text_with_gaps(paragraphs: list[nodes.paragraph],
                    xrefs: list[addnodes.pending_xref]) -> str:
    """The paragraphs' text with NUL for each of ``xrefs`` (a copy is changed: the
    page's doctree is left as it is)."""
    wanted = {id(xref) for xref in xrefs}
    texts = []
    for paragraph in paragraphs:
        copy = paragraph.deepcopy()
        for original, copied in zip(list(paragraph.findall()), list(copy.findall()),
                                    strict=True):
            if id(original) in wanted and isinstance(copied, nodes.Element):
                copied.replace_self(_Gap(""))
        texts.append(copy.astext())
    return " ".join(texts)


class _Gap(nodes.Text):
    """Where a cross-reference's text goes: NUL, which a document's text cannot hold
    (docutils drops it from text nodes, where it marks escapes)."""

    def astext(self) -> str:
        return "\x00"


class HtmlWriter:
    """Inline nodes as HTML that keeps emphasis, code and links: links to documents as
    markers, cross-references (when ``xrefs`` collects them) as markers too."""

    def __init__(self, docname: str, xrefs: list[addnodes.pending_xref] | None = None,
                 relocate: Callable[[str], str] | None = None, content: str = "") -> None:
        self.docname = docname
        self.xrefs = xrefs
        #: The link a resolved reference's URL (relative to the post) becomes.
        self.relocate = relocate
        #: What a cross-reference's marked content is (see ``ExcerptXref.node``).
        self.content = content

    def children(self, node: nodes.Node) -> str:
        return "".join(self.inline(child) for child in node.children)

    def inline(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return html.escape(flowing_text(str(node)), quote=False)
        tag = _TAGS.get(type(node))
        if tag:
            return f"<{tag}>{self.children(node)}</{tag}>"
        if isinstance(node, nodes.Element) and CONTENT_CLASS in node["classes"]:
            return self.content
        if isinstance(node, nodes.reference) and node.get("refuri"):
            # MyST-Parser 4 keeps "&" in a URL as "&amp;"; later versions do not.
            url = html.unescape(node["refuri"])
            href = self.relocate(url) if self.relocate else html.escape(url)
            return f'<a href="{href}">{self.children(node)}</a>'
        if isinstance(node, nodes.reference) and node.get("refid"):
            return _doc_link(self.docname, node["refid"], self.children(node))
        if isinstance(node, addnodes.pending_xref) and self.xrefs is not None:
            self.xrefs.append(node)
            return f"\x00xref:{len(self.xrefs) - 1}\x00"
        if isinstance(node, (nodes.raw, nodes.comment, nodes.system_message)):
            return ""
        return self.children(node) if isinstance(node, nodes.Element) else ""


def _doc_link(docname: str, anchor: str, content: str) -> str:
    return f'<a href="{doc_marker(docname, anchor)}">{content}</a>'


def doc_marker(docname: str, anchor: str = "") -> str:
    """A link to a document (and a place in it), resolved for each page that shows it."""
    return f"\x00doc:{html.escape(docname)}#{html.escape(anchor)}\x00"


def path_marker(uri: str) -> str:
    """A link to a path of the output folder (``posts/a.html#part``), resolved for
    each page that shows it."""
    return f"\x00uri:{html.escape(uri)}\x00"


def resolve_links(excerpt_html: str, url_of: Callable[[str], str | None],
                  url_of_path: Callable[[str], str | None] = lambda path: None) -> str:
    """``excerpt_html`` with each document link resolved by ``url_of(docname)`` and each
    path by ``url_of_path(path)`` (a link that has no URL leads nowhere: ``#``)."""
    if "\x00" not in excerpt_html:
        return excerpt_html

    def resolve(match: re.Match[str]) -> str:
        target = html.unescape(match[2])
        url = url_of(target) if match[1] == "doc" else url_of_path(target)
        if url is None:
            return "#"
        anchor = html.unescape(match[3])
        # a URL has one fragment: a place in the document replaces the document's own
        # (singlehtml's "#document-x", which Sphinx writes as "#place" too)
        return html.escape(f"{url.partition('#')[0]}#{anchor}" if anchor else url or "#")

    return _LINK.sub(resolve, excerpt_html)
