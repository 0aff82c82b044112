"""What a page's source says about it as a post, read the same way before Sphinx reads
the page and while it reads it.

Drafts and scheduled posts are taken out of the build before Sphinx reads them
(``collect.publication``), so whether a page is a published post must be known from its
source alone; the reading must then come to the same answer, or one build would publish
a page that the next one removes. Both go through ``read_source``: the YAML front matter,
a notebook's metadata or an rST page's opening field list, and ABlog's post directive
where the page's parser will run it (found with docutils' rules in rST, with MyST's own
Markdown tokenizer in MyST pages and notebooks). What decides (``post``, ``blogpost``,
``draft``, ``date``, the directive's date) is then taken from that reading every time.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx_postlog.read import frontmatter
from sphinx_postlog.read.frontmatter import (
    Block,
    Field,
    FrontMatter,
    FrontMatterError,
    blank_out,
    find_block,
    from_values,
)
from sphinx_postlog.read.notebooks import read_notebook
from sphinx_postlog.read.rst_fields import (
    PUBLICATION_FIELDS,
    PostMark,
    RstField,
    directive_argument,
    opening_fields,
    post_directive,
    rst_front_matter,
)
from sphinx_postlog.read.sources import PageKind

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: A page that may hold a MyST ``{post}`` fence (directive names ignore case).
_MYST_CANDIDATE = re.compile(r"\{post\}", re.IGNORECASE)

Parse = Callable[[Block], FrontMatter]


@dataclass(frozen=True)
class SourceReading:
    """What one page's source says before its parser runs."""

    kind: PageKind
    #: The YAML front matter or notebook metadata as parsed (problems, emptiness and
    #: timestamps included); None for none, and for rST pages.
    front_matter: FrontMatter | None = None
    #: Front matter that cannot be used: the page is not a post by its front matter.
    error: FrontMatterError | None = None
    #: Where the YAML block is (in an rST page: a block that is not read).
    block: Block | None = None
    #: A notebook's source to hand to MyST-NB (its front-matter cell emptied), if changed.
    notebook_source: str | None = None
    #: An rST page's opening field list.
    rst_fields: Mapping[str, RstField] | None = None
    #: ABlog's post directive at the top level of the page.
    directive: PostMark | None = None

    def _base(self, rendered: Mapping[str, Any] | None = None) -> FrontMatter | None:
        if self.kind is PageKind.RST:
            return rst_front_matter(self.rst_fields or {}, rendered)
        if self.error is not None or self.front_matter is None or self.front_matter.empty:
            return None
        return self.front_matter

    def _with_directive(self, front_matter: FrontMatter | None) -> FrontMatter | None:
        if self.directive is None:
            return front_matter
        values: dict[str, tuple[object, int]] = {"blogpost": (True, self.directive.line)}
        if self.directive.argument:
            values["date"] = (self.directive.argument, self.directive.line)
        return (front_matter or FrontMatter()).with_fields(from_values(values, 1).fields)

    @property
    def judged(self) -> FrontMatter | None:
        """The front matter the page is judged by before it is read: its own, with the
        post directive's ``blogpost`` and date over it; None if it has none."""
        return self._with_directive(self._base())

    def as_read(self, rendered: Mapping[str, Any] | None = None,
                directive_options: Mapping[str, Field] | None = None) -> FrontMatter | None:
        """The front matter the reading uses: ``judged``, with the other fields as the
        parser gave them: an rST field's value from the page's metadata (``rendered``:
        inline markup read, ``:authors:`` split) and the post directive's options. The
        fields that decide publication stay as ``judged`` has them."""
        front_matter = self._with_directive(self._base(rendered))
        if front_matter is None or self.directive is None or not directive_options:
            return front_matter
        return front_matter.with_fields({key: field for key, field in directive_options.items()
                                         if key not in PUBLICATION_FIELDS})


def read_source(kind: PageKind, text: str, markdown: MarkdownReader | None = None,
                parse: Parse | None = None) -> SourceReading:
    """Read ``text``, the source of a page of ``kind``: front matter, field list and
    ABlog's post directive (MyST pages and notebooks need ``markdown``, the site's
    MyST settings). ``parse`` parses a YAML block (``frontmatter.parse_block``)."""
    parse = parse or frontmatter.parse_block
    if kind is PageKind.RST:
        block = find_block(text)
        fields_text = blank_out(text, block) if block is not None else text
        return SourceReading(kind, block=block, rst_fields=opening_fields(fields_text),
                             directive=post_directive(text))
    if kind is PageKind.NOTEBOOK:
        notebook = read_notebook(text)
        return SourceReading(
            kind, notebook.front_matter, notebook.error, notebook_source=notebook.source,
            directive=markdown.notebook_directive(notebook.source or text,
                                                  notebook.front_matter)
            if markdown is not None else None)
    if kind is not PageKind.MYST:
        return SourceReading(kind)
    block = find_block(text)
    front_matter, error = None, None
    if block is not None:
        try:
            front_matter = parse(block)
        except FrontMatterError as problem:
            error = problem
    directive = (markdown.directive(text, None if error else front_matter)
                 if markdown is not None else None)
    return SourceReading(kind, front_matter, error, block, directive=directive)


class MarkdownReader:
    """Finds ABlog's ``{post}`` directive in MyST Markdown as MyST does: the site's
    Markdown settings (and a page's own ``myst:`` settings), MyST's tokenizer, and a
    fence (or colon fence) named ``{post}`` at the top level of the page; one inside
    another fence, a list or a quote is not at the top level."""

    def __init__(self, config: MdParserConfig) -> None:
        self.config = config
        self._parsers: dict[str, MarkdownIt] = {}

    def _config_for(self, front_matter: FrontMatter | None) -> MdParserConfig:
        """The page's MyST settings: the site's, with its front matter's ``myst:``."""
        own = front_matter.get("myst") if front_matter is not None else None
        if own is None or not isinstance(own.value, dict):
            return self.config
        from myst_parser.config.main import merge_file_level

        try:
            return merge_file_level(self.config, {"myst": own.value}, lambda *_: None)
        except Exception:  # MyST reports bad settings when it reads the page
            return self.config

    def _parser(self, config: MdParserConfig) -> MarkdownIt:
        """MyST's Markdown parser for ``config``, block rules only (as MyST-NB splits a
        notebook); made once per setting."""
        key = "site" if config is self.config else repr(config)
        if key not in self._parsers:
            from markdown_it.renderer import RendererHTML
            from myst_parser.parsers.mdit import create_md_parser

            parser = create_md_parser(config, RendererHTML)
            rules = parser.core.ruler.get_active_rules()
            parser.core.ruler.enableOnly(rules[:rules.index("inline")])
            self._parsers[key] = parser
        return self._parsers[key]

    def _may_hold(self, text: str, config: MdParserConfig) -> bool:
        as_directive = getattr(config, "fence_as_directive", ()) or ()
        return bool(_MYST_CANDIDATE.search(text)) or any(
            str(name).lower() == "post" for name in as_directive)

    def directive(self, text: str, front_matter: FrontMatter | None,
                  line_offset: int = 0) -> PostMark | None:
        """The first ``{post}`` fence at the top level of ``text``, or None."""
        config = self._config_for(front_matter)
        if not self._may_hold(text, config):
            return None
        as_directive = set(getattr(config, "fence_as_directive", ()) or ())
        plain = config.commonmark_only or config.gfm_only
        for token in self._parser(config).parse(text):
            if token.level != 0 or token.type not in ("fence", "colon_fence"):
                continue
            parts = token.info.split(maxsplit=1)
            name, argument = [*parts, "", ""][:2]
            is_post = (name.lower() == "{post}" and (token.type == "colon_fence" or not plain)
                       ) or (token.type == "fence" and not plain and name in as_directive
                             and name.lower() == "post")
            if is_post and token.map is not None:
                return PostMark(line_offset + token.map[0] + 1, directive_argument(argument))
        return None

    def notebook_directive(self, text: str,
                           front_matter: FrontMatter | None) -> PostMark | None:
        """The first ``{post}`` fence at the top level of a Markdown cell of the
        notebook whose JSON is ``text`` (MyST-NB reads each cell on its own); its line
        is the notebook's first."""
        if not self._may_hold(text, self._config_for(front_matter)):
            return None
        try:
            cells = json.loads(text).get("cells")
        except (ValueError, AttributeError):
            return None
        for cell in cells if isinstance(cells, list) else ():
            if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            mark = self.directive("".join(source) if isinstance(source, list) else str(source),
                                  front_matter)
            if mark is not None:
                return PostMark(1, mark.argument)
        return None


class ReadAhead:
    """What was read of each page's source before reading (to keep drafts out), for the
    reading to use rather than read the source again; a source changed in between (by
    another extension's ``source-read``) is read again. It holds for one build: pickled
    with the environment, it is empty."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, SourceReading]] = {}
        self._markdown: MarkdownReader | None = None

    def __reduce__(self) -> tuple[type[ReadAhead], tuple[()]]:
        return (ReadAhead, ())

    def __len__(self) -> int:
        return len(self._pages)

    def markdown(self, config: MdParserConfig | None) -> MarkdownReader | None:
        """The directive finder for the site's MyST settings ``config``."""
        if config is None:
            return None
        if self._markdown is None or self._markdown.config is not config:
            self._markdown = MarkdownReader(config)
        return self._markdown

    def read(self, docname: str, kind: PageKind, text: str,
             config: MdParserConfig | None) -> SourceReading:
        """Read the page's source before reading, and keep what was read."""
        reading = read_source(kind, text, self.markdown(config))
        self._pages[docname] = (_digest(text), reading)
        return reading

    def take(self, docname: str, kind: PageKind, text: str,
             config: MdParserConfig | None) -> SourceReading:
        """What ``read`` found in this very source, else the source read now."""
        kept = self._pages.pop(docname, None)
        if kept is not None and kept[1].kind is kind and kept[0] == _digest(text):
            return kept[1]
        return read_source(kind, text, self.markdown(config))

    def clear(self) -> None:
        self._pages.clear()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_READ_AHEAD = "postlog_read_ahead"


def read_ahead(env: BuildEnvironment, fresh: bool = False) -> ReadAhead:
    """This build's ``ReadAhead`` (a new, empty one with ``fresh``)."""
    held = getattr(env, _READ_AHEAD, None)
    if fresh or not isinstance(held, ReadAhead):
        held = ReadAhead()
        setattr(env, _READ_AHEAD, held)
    return held


def markdown_config(env: BuildEnvironment) -> MdParserConfig | None:
    """The site's MyST settings (MyST-Parser makes them when the builder starts)."""
    return getattr(env, "myst_config", None)


def forget_read_ahead(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: drop what was read ahead and not used (drafts, pages that were
    not read again)."""
    read_ahead(env).clear()
