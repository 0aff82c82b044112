"""One page read into a post, while Sphinx reads it: its source made fit for its parser
(``source-read``), then, once the parser has made its doctree, the page's ``Post``.

What passes between the two steps, and from the check before reading, is handed over
explicitly, never kept in this module:

- the check before reading (``collect.publication``, on ``env-before-read-docs``) reads
  each page's source into the build's ``page_source.ReadAhead``, which is an attribute
  of the environment (``page_source.read_ahead``). Sphinx's parallel readers (``-j``)
  are forked after that event, so each has it; it pickles empty, so an environment
  saved for the next (incremental) build carries none of it, and that build's check
  reads its own. ``take`` hands the reading over only for the very same source;
- ``read_front_matter`` keeps the page's ``SourceReading`` in ``env.temp_data`` (key
  ``_READING_KEY``), and notes front matter that could not be used (``_BROKEN_KEY``).
  Sphinx empties ``temp_data`` after each page, in the process that read it;
- ``read_page`` takes them from there, with ABlog's directives' fields (kept there too,
  see ``ablog_directives``), and returns the finished record, which the collector
  registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.read.ablog_directives import DIRECTIVE_KEY, UPDATES_KEY
from sphinx_postlog.read.excerpts import EXCLUDED_CLASS
from sphinx_postlog.read.frontmatter import (
    FrontMatter,
    FrontMatterError,
    blank_out,
    json_less_keys,
    quote_scalars,
)
from sphinx_postlog.read.page_source import SourceReading, markdown_config, read_ahead
from sphinx_postlog.read.posts import (
    Post,
    ReadingRules,
    UndatedDraft,
    meant_as_post,
    named_image,
    read_post,
)
from sphinx_postlog.read.sources import PageKind, page_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data`` key: the page's ``SourceReading``, from ``source-read`` on.
_READING_KEY = "postlog_source_reading"
#: ``env.temp_data`` key: True when the page's front matter could not be used.
_BROKEN_KEY = "postlog_front_matter_broken"


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: read the page's front matter once, with its real types, as the
    check before reading read it (``read.page_source``; kept from that check when the
    source is the same).

    Broken front matter is reported here, once, and blanked out (line numbers kept) so
    that the page's parser does not report it a second time.
    """
    env = app.env
    reading = read_ahead(env).take(docname, page_kind(app, docname), source[0],
                                   markdown_config(env))
    env.temp_data[_READING_KEY] = reading
    if reading.kind is PageKind.NOTEBOOK:
        _read_notebook(env, docname, source, reading)
        return
    block = reading.block
    if reading.kind is PageKind.RST:
        if block is not None:
            warn("YAML front matter is not read in reStructuredText pages, so it is "
                 "ignored; write the fields as a field list (:tags: a, b) instead",
                 PostlogWarning.FRONTMATTER, location=(docname, block.first_line))
            source[0] = blank_out(source[0], block)
        return
    if block is None or reading.kind is not PageKind.MYST:
        return
    if reading.error is not None:
        _broken(env, docname, reading.error)
        source[0] = blank_out(source[0], block)
        return
    front_matter = reading.front_matter
    if front_matter is None:
        return
    _warn_problems(docname, front_matter)
    # Empty: MyST would report it again. Refused: keys that expand too far would make
    # MyST's own reading of the block as slow as ours would have been.
    if front_matter.empty or front_matter.refused:
        source[0] = blank_out(source[0], block)
        return
    untyped = json_less_keys(front_matter)
    if untyped:  # MyST-Parser 4 stops the whole build on them
        warn(f"{', '.join(map(repr, untyped))}: binary data, sets and ordered maps "
             "(!!binary, !!set, !!omap) cannot be shown to MyST, so the front matter is "
             "hidden from it (sphinx-postlog still reads it)", PostlogWarning.FRONTMATTER,
             location=(docname, block.first_line))
        source[0] = blank_out(source[0], block)
        return
    # MyST-NB stores a text notebook's front matter as JSON, which has no dates.
    to_quote = (front_matter.timestamps if "myst_nb" in app.extensions
                else front_matter.timestamps_to_quote)
    if to_quote:
        source[0] = quote_scalars(source[0], block, to_quote)


def _broken(env: BuildEnvironment, docname: str, error: FrontMatterError) -> None:
    warn(f"{error}; front matter ignored, so this page is not a post",
         PostlogWarning.FRONTMATTER, location=(docname, error.line))
    env.temp_data[_BROKEN_KEY] = True


def _warn_problems(docname: str, front_matter: FrontMatter) -> None:
    """Report the problems that do not stop reading."""
    for message, line in front_matter.problems:
        warn(message, PostlogWarning.FRONTMATTER, location=(docname, line))


def _read_notebook(env: BuildEnvironment, docname: str, source: list[str],
                   reading: SourceReading) -> None:
    if reading.notebook_source is not None:
        source[0] = reading.notebook_source
    if reading.error is not None:
        _broken(env, docname, reading.error)
    elif reading.front_matter is not None:
        _warn_problems(docname, reading.front_matter)


def _front_matter_read(env: BuildEnvironment, docname: str) -> FrontMatter | None:
    """The page's front matter as read: what the check before reading judged it by,
    with rST fields as docutils gave them and the post directive's options. A post
    directive that the page's parser ran where that check does not look (inside
    another directive, a list, a quote) is reported and ignored, so that the check and
    the reading agree."""
    reading: SourceReading | None = env.temp_data.get(_READING_KEY)
    directive_fields = env.temp_data.get(DIRECTIVE_KEY)
    if directive_fields and (reading is None or reading.directive is None):
        line = directive_fields["blogpost"].line
        warn("ABlog's post directive is read only at the top level of a page (not inside "
             "another directive, a list or a quote); this one is ignored",
             PostlogWarning.FIELD, location=(docname, line))
    if reading is None:
        return None
    rendered = env.metadata[docname] if reading.kind is PageKind.RST else None
    return reading.as_read(rendered, directive_fields)


def read_page(env: BuildEnvironment, docname: str, doctree: nodes.document,
              rules: ReadingRules) -> Post | UndatedDraft | None:
    """The post the page just read is (None if it is none), from what its reading kept
    (see the module's description) and its doctree. Posts, and pages whose front matter
    was broken, are made orphans (no "not in any toctree"); a post's cover file becomes
    a dependency of the page, and ABlog's ``:exclude:`` excerpt leaves the doctree."""
    if env.temp_data.get(_BROKEN_KEY):
        # The broken front matter has had its warning; it may well have been a
        # post's, so no second warning that the page is in no toctree.
        env.metadata[docname].setdefault("orphan", True)
    front_matter = _front_matter_read(env, docname)
    if front_matter is None:
        return None

    if meant_as_post(docname, front_matter, rules):
        # Posts are reached through post lists and archives, not toctrees (and a
        # post whose date failed has had its warning): no "not in any toctree".
        env.metadata[docname].setdefault("orphan", True)

    def warn_here(message: str, subtype: PostlogWarning, line: int) -> None:
        warn(message, subtype, location=(docname, line))

    post = read_post(docname, front_matter, doctree, rules, warn_here,
                     list(env.temp_data.get(UPDATES_KEY) or ()))
    image = named_image(front_matter, docname)
    if image is not None and "\x00" not in image:  # read again when it changes
        env.note_dependency(image)
    for box in list(doctree.findall(nodes.container)):
        if EXCLUDED_CLASS in box["classes"] and box.parent is not None:
            box.parent.remove(box)  # ABlog's :exclude: the excerpt is not on the page
    return post
