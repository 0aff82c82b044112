"""Which kind of source a page is, so that its front matter is read the right way.

MyST-Parser registers ``.md`` as file type ``markdown``; MyST-NB registers ``.md`` and
``.ipynb`` (and its custom formats) as ``myst-nb``. A page is judged by the parser
Sphinx will use for it, not by the name of its file type, so any MyST-based parser
counts as MyST.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.matching import get_matching_files

from sphinx_postlog.ablog_settings import is_ablog_site
from sphinx_postlog.config import PostPattern
from sphinx_postlog.diagnostics import logger
from sphinx_postlog.read.frontmatter import find_block

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Extensions that bring a MyST parser for ``.md``; the first listed in ``extensions``
#: is used, else MyST-Parser is loaded.
MARKDOWN_EXTENSIONS = ("myst_nb", "myst_parser")


class PageKind(Enum):
    """How a page's front matter is written."""

    MYST = "myst"  # YAML between --- lines (MyST Markdown, MyST text notebooks)
    NOTEBOOK = "notebook"  # a Jupyter notebook: metadata, or a first YAML cell
    RST = "rst"  # the file-wide field list of a reStructuredText page
    OTHER = "other"


def load_markdown_parser(app: Sphinx) -> None:
    """Load the MyST parser the site uses: MyST-NB if it is among ``extensions``
    (whatever the order), else MyST-Parser. Loading MyST-Parser first would stop MyST-NB
    from registering ``.md``."""
    listed = [name for name in MARKDOWN_EXTENSIONS if name in app.config.extensions]
    app.setup_extension(listed[0] if listed else "myst_parser")


def markdown_only_if_asked(app: Sphinx, config: Config) -> None:
    """``config-inited`` (before Sphinx merges the suffixes extensions add): an ABlog
    site that reads no MyST Markdown with ABlog reads none here either, so its
    ``README.md`` stays out of the build. That is a site that lists no MyST extension,
    whose own ``source_suffix`` has no ``.md`` and that has no post in Markdown (front
    matter, a ``{post}`` fence, a file its post pattern names): a site that dropped
    ``myst_parser`` from ``extensions`` when it moved from ABlog still has its Markdown
    posts, and its other Markdown pages with them. Other sites read MyST Markdown
    without asking."""
    if not is_ablog_site(config) or any(name in config.extensions
                                         for name in MARKDOWN_EXTENSIONS):
        return
    own = getattr(config, "overrides", {}).get(  # as conf.py (or -D) says, not Sphinx's
        "source_suffix", getattr(config, "_raw_config", {}).get("source_suffix", ()))
    suffixes = [own] if isinstance(own, str) else list(own or ())
    if (".md" in suffixes or app.registry.source_suffix.get(".md") != "markdown"
            or _has_markdown_posts(app, config)):
        return
    del app.registry.source_suffix[".md"]
    if isinstance(config.source_suffix, dict) and ".md" in config.source_suffix:
        # Sphinx's default, changed in place by an earlier build in this process
        config.source_suffix = {suffix: kind for suffix, kind in config.source_suffix.items()
                                if suffix != ".md"}
    logger.info("postlog: .md files are not read: this ABlog site lists no MyST "
                "extension, has no '.md' in source_suffix and no post in Markdown (add "
                "'myst_parser' to extensions to read them)")


#: A post directive in MyST (a backtick or colon fence).
_POST_FENCE = re.compile(r"^\s*(?:```+|:::+)\s*\{post\}", re.MULTILINE)


def _has_markdown_posts(app: Sphinx, config: Config) -> bool:
    """True if a ``.md`` file of the source folder looks like a post: it has front
    matter, a ``{post}`` fence, or the site's post pattern names it."""
    pattern = PostPattern.from_config(config, app.srcdir, _patterns(config))
    excluded = [*config.exclude_patterns, "**/.*"]
    for name in get_matching_files(app.srcdir, ["**.md"], excluded):
        path = Path(app.srcdir, name)
        if pattern.given and pattern(name.removesuffix(".md"), ".md"):
            return True
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if find_block(text) is not None or _POST_FENCE.search(text):
            return True
    return False


def _patterns(config: Config) -> list[str]:
    """The post patterns of the site's ``conf.py`` (ABlog's settings are taken over
    later in ``config-inited``)."""
    raw = getattr(config, "_raw_config", {})
    value = raw.get("postlog_post_pattern", raw.get("blog_post_pattern", []))
    return [value] if isinstance(value, str) else [str(item) for item in value or ()
                                                   if isinstance(item, str)]


def _is_myst_parser(parser: type) -> bool:
    from myst_parser.parsers.sphinx_ import MystParser

    return isinstance(parser, type) and issubclass(parser, MystParser)


def page_kinds(app: Sphinx) -> dict[str, PageKind]:
    """The kind of page each source suffix gives, for this build's parsers."""
    kinds: dict[str, PageKind] = {}
    for suffix, file_type in app.config.source_suffix.items():
        try:
            parser = app.registry.get_source_parser(str(file_type))
        except Exception:  # no parser registered for it: Sphinx reports that itself
            parser = None
        if suffix == ".ipynb" and parser is not None and _is_myst_parser(parser):
            kinds[suffix] = PageKind.NOTEBOOK
        elif parser is not None and _is_myst_parser(parser):
            kinds[suffix] = PageKind.MYST
        elif file_type == "restructuredtext":
            kinds[suffix] = PageKind.RST
        else:
            kinds[suffix] = PageKind.OTHER
    return kinds


def page_kind(app: Sphinx, docname: str) -> PageKind:
    """The kind of ``docname``'s source (cheap: a handful of suffixes)."""
    suffix = Path(app.env.doc2path(docname)).suffix
    return page_kinds(app).get(suffix, PageKind.OTHER)
