"""The checks of the settings that name places: output paths kept inside the output
folder and apart from each other and from Sphinx's own, the post patterns, and the path
template of new posts."""

from __future__ import annotations

import posixpath
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.matching import Matcher

from sphinx_postlog.config_checks import config_location
from sphinx_postlog.config_table import _PATH_SETTINGS, ABLOG_PATHS, SETTING
from sphinx_postlog.diagnostics import PostlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def safe_output_path(value: str) -> str | None:
    """``value`` as a clean relative POSIX path, or None if it could leave the output
    directory (absolute, ``..``, backslashes, empty)."""
    if "\\" in value or value.startswith("/") or ":" in value:
        return None
    normal = posixpath.normpath(value)
    if normal in {"", "."} or normal == ".." or normal.startswith("../"):
        return None
    return normal


#: What ``postlog_new_post_path`` may contain, and the formats a new post can be written in.
NEW_POST_PLACEHOLDERS = ("year", "month", "day", "slug")
NEW_POST_SUFFIXES = (".md", ".rst", ".ipynb")


def new_post_path_problem(template: str) -> str | None:
    """What is wrong with a new post's path template (None if nothing): an unknown
    placeholder, a suffix no post format has, or a path that could leave the source
    folder once filled in."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion
                  in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        return f"is not a path template ({error})"
    unknown = [name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
               for name, spec, conversion in fields
               if name not in NEW_POST_PLACEHOLDERS or spec or conversion]
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in NEW_POST_PLACEHOLDERS)
        return f"has an unknown placeholder {{{unknown[0]}}} (known: {known})"
    example = safe_output_path(template.format(year="2000", month="01", day="01",
                                               slug="slug"))
    if example is None:
        return "is not a relative path inside the source folder"
    if posixpath.splitext(example)[1] not in NEW_POST_SUFFIXES:
        return f"must end with {', '.join(NEW_POST_SUFFIXES)}"
    return None


#: Folders of the output that Sphinx writes itself (and sphinx-postlog: cover images in
#: ``_images/postlog``; ``.postlog``, where earlier versions kept their record, is
#: removed), and the pages Sphinx adds.
OUTPUT_FOLDERS = ("_static", "_sources", "_images", "_downloads", "_modules", ".doctrees",
                  ".postlog")
SPHINX_PAGES = ("genindex", "search", "py-modindex")


#: Sphinx's ``author`` when the site has not set it (its default, ``sphinx-quickstart``'s).
UNSET_AUTHORS = frozenset({"", "unknown", "Author name not set"})


def site_author(config: Config) -> str | None:
    """Who wrote the posts that name no author: ``postlog_default_author``, else
    Sphinx's ``author`` (None when neither is set)."""
    if config.postlog_default_author:
        return str(config.postlog_default_author)
    author = str(config.author or "")
    return author if author.strip() and author not in UNSET_AUTHORS else None


def blog_index_page(style: str, blog: str) -> str:
    """The blog index's page name: ``blog/index``, or in ABlog's layout ``blog``."""
    return blog if style == "ablog" else f"{blog}/index"


def facet_index_page(style: str, blog: str, folder: str) -> str:
    """The page listing the terms of the facet whose pages are in ``folder``:
    ``<folder>/index``, or in ABlog's layout the folder's own page (``blog/archive`` for
    the years, whose folder is the blog's)."""
    if style != "ablog":
        return f"{folder}/index"
    return f"{folder}/archive" if folder == blog else folder


def site_feed_files(atom_path: str) -> dict[str, str]:
    """Where the site-wide feed goes in each format: Atom at ``atom_path``, RSS
    (``rss.xml``) and JSON Feed (``feed.json``) beside it."""
    folder = posixpath.dirname(atom_path)
    return {"atom": atom_path, "rss": posixpath.join(folder, "rss.xml"),
            "json": posixpath.join(folder, "feed.json")}


def same_file(name: str) -> str:
    """A page name as the file it shares with the names some builder writes to the same
    file: ``dirhtml`` writes ``blog/tags`` and ``blog/tags/index`` to one
    ``blog/tags/index.html``."""
    return "" if name == "index" else name.removesuffix("/index")


def sphinx_place(path: str) -> str | None:
    """What is wrong with giving ``path`` to generated pages or feeds, as the output
    folders and pages of Sphinx go (None if nothing)."""
    top = path.split("/")[0]
    if top in OUTPUT_FOLDERS:
        return f"is inside {top!r}, where Sphinx writes files of its own"
    if same_file(path) in SPHINX_PAGES:
        return f"is where Sphinx writes its {same_file(path)!r} page"
    return None


@dataclass
class _Places:
    """The pages and folders of the output the path settings checked so far claim,
    each with what it is (for warnings)."""

    style: str
    blog: str
    pages: dict[str, str]
    folders: dict[str, str]

    def facet_problem(self, folder: str) -> str | None:
        """What keeps a facet from putting its pages in ``folder``."""
        index = facet_index_page(self.style, self.blog, folder)
        if folder in self.folders:
            return f"is the folder of {self.folders[folder]} too"
        if same_file(index) in self.pages:
            return f"puts its index at {index!r}, the place of {self.pages[same_file(index)]}"
        return sphinx_place(folder) or sphinx_place(index)

    def claim_facet(self, name: str, folder: str) -> None:
        """The pages of the facet setting ``name`` go in ``folder``."""
        self.folders[folder] = f"{name}'s pages"
        self.pages[same_file(facet_index_page(self.style, self.blog, folder))] = (
            f"{name}'s index")

    def feed_problem(self, app: Sphinx, config: Config, path: str) -> str | None:
        """What keeps the site's feed from being written at ``path``: it names a page or a
        folder (of the output, of the sources, or of generated pages), or a document."""
        if path.endswith((".html", ".htm")):
            return "names a page"
        if path == self.blog or path in self.folders or same_file(path) in self.pages:
            return "names a folder of generated pages"
        files = site_feed_files(path).values()
        if any(Path(root, file).is_dir() for root in (app.outdir, app.srcdir) for file in files):
            return "names a folder"
        if any(Path(app.srcdir, path + suffix).is_file()
               for suffix in _source_suffixes(app, config)):
            return f"names the document {path!r}"
        return sphinx_place(path)


def _blog_places(style: str, blog: str) -> _Places:
    """The places the blog folder ``blog`` claims: the blog index, its numbered pages
    and, in ABlog's layout, the page of drafts."""
    pages = {same_file(blog_index_page(style, blog)): "the blog index"}
    if style == "ablog":
        pages[f"{blog}/drafts"] = "the page of drafts"
    return _Places(style, blog, pages, {f"{blog}/page": "the blog index's numbered pages"})


def _source_suffixes(app: Sphinx, config: Config) -> set[str]:
    """The file name suffixes of documents (``source_suffix`` may still be a text or a
    list, and extensions add theirs to the registry)."""
    suffixes = config.source_suffix
    names = [suffixes] if isinstance(suffixes, str) else list(suffixes or ())
    return {str(name) for name in [*names, *getattr(app.registry, "source_suffix", {})]}


def _fallbacks(default: str) -> Iterator[str]:
    """The values tried for a path setting whose own value cannot be used: its default,
    then the default with ``-2``, ``-3`` …"""
    yield default
    yield from (f"{default}-{number}" for number in count(2))


def path_defaults(style: str) -> dict[str, Any]:
    """The default of each path setting in a URL layout (``ablog``: ABlog's folders)."""
    defaults = {name: SETTING[name].default for name in _PATH_SETTINGS}
    if style == "ablog":
        defaults.update(ABLOG_PATHS)
    return defaults


def check_paths(app: Sphinx, config: Config, label: Callable[[str], str] | None = None,
                blog_default: str | None = None) -> None:
    """Resolve ``{blog}`` in the path settings (after ABlog's settings are read), keep
    every path inside the output folder, and give each a place of its own, in the order
    of the settings table: a folder whose place another setting's pages (or Sphinx's
    own folders and pages) have already is replaced by its default, or by the default
    with ``-2`` … if that is taken too; a feed path naming a page, a folder or a
    document is replaced by the default feed path (or by none, if that is no better).
    ``label`` names a setting in warnings (a blog's entry names its own keys), and
    ``blog_default`` is the blog folder used instead of an unusable one (a blog's name).
    """
    style = "ablog" if config.postlog_url_layout == "ablog" else "postlog"
    defaults = path_defaults(style)
    if blog_default is not None:
        defaults["postlog_blog_path"] = blog_default
    blog_setting, *facet_settings, feed_setting = _PATH_SETTINGS
    value, safe, problem = _resolved(config, blog_setting)
    problem = problem or sphinx_place(blog_index_page(style, str(safe)))
    blog = safe if problem is None and safe is not None else str(defaults[blog_setting])
    _set_path(app, config, blog_setting, value, problem, blog, label)
    places = _blog_places(style, blog)
    for name in facet_settings:
        value, safe, problem = _resolved(config, name)
        problem = problem or places.facet_problem(str(safe))
        default = str(defaults[name]).replace("{blog}", blog)
        folder = safe if problem is None and safe is not None else next(
            candidate for candidate in _fallbacks(default)
            if places.facet_problem(candidate) is None)
        places.claim_facet(name, folder)
        _set_path(app, config, name, value, problem, folder, label)
    if config[feed_setting] in (None, ""):
        return
    value, safe, problem = _resolved(config, feed_setting)
    if problem is None and value.endswith("/"):
        problem = "names a folder"
    problem = problem or places.feed_problem(app, config, str(safe))
    default = str(defaults[feed_setting]).replace("{blog}", blog)
    feed = safe if problem is None else (
        None if places.feed_problem(app, config, default) else default)
    _set_path(app, config, feed_setting, value, problem, feed, label)


def _resolved(config: Config, name: str) -> tuple[Any, str | None, str | None]:
    """A path setting's value with ``{blog}`` filled in, as a clean relative path (None
    if it cannot be one), and what is wrong with it (None if nothing yet)."""
    value = config[name]
    if isinstance(value, str) and name != "postlog_blog_path":
        value = value.replace("{blog}", str(config.postlog_blog_path))
    safe = safe_output_path(value) if isinstance(value, str) else None
    return value, safe, (None if safe is not None
                         else "is not a relative path inside the output directory")


def _set_path(app: Sphinx, config: Config, name: str, value: Any, problem: str | None,
              used: str | None, label: Callable[[str], str] | None = None) -> None:
    """Set a path setting to the value used, with one warning if it is not the one
    given."""
    if problem is not None:
        shown = label(name) if label else name
        warn(f"{shown} = {value!r} {problem}; using {used!r}"
             f"{' (no feed)' if used is None else ''}", PostlogWarning.CONFIG,
             location=config_location(app, name if label is None else "postlog_blogs"))
    config[name] = used


def check_post_pattern(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: one warning for the patterns of ``postlog_post_pattern``
    (or of each blog of ``postlog_blogs``) that match no document of the site (a
    misspelt folder, or a ``[`` left open, which then stands for itself), since they
    quietly make no posts."""
    blogs = env.config.postlog_blogs or {}
    if not blogs:
        _check_patterns(app, env, "postlog_post_pattern", list(env.config.postlog_post_pattern),
                        config_location(app, "postlog_post_pattern")
                        or config_location(app, "blog_post_pattern"))
    for name, entry in blogs.items():
        _check_patterns(app, env, f"postlog_blogs[{name!r}]['pattern']",
                        list(entry["pattern"]), config_location(app, "postlog_blogs"))


def _check_patterns(app: Sphinx, env: BuildEnvironment, label: str, patterns: list[str],
                    location: str | None) -> None:
    unmatched = [pattern for pattern in patterns
                 if not any(map(PostPattern.from_config(env.config, app.srcdir, [pattern]),
                                env.found_docs))]
    if not unmatched:
        return
    unclosed = [pattern for pattern in unmatched if _unclosed_bracket(pattern)]
    note = (f" ({', '.join(map(repr, unclosed))}: a '[' without its ']' stands for itself)"
            if unclosed else "")
    what = "matches" if len(unmatched) == 1 else "match"
    warn(f"{label} = {patterns!r}: {', '.join(map(repr, unmatched))} {what} "
         f"no document of the site{note}", PostlogWarning.CONFIG, location=location)


class PostPattern:
    """``postlog_post_pattern`` as a test of a docname. A pattern names docnames
    (``posts/*``) or source files (``posts/*.md``), as ABlog's ``blog_post_pattern``,
    which globs the source folder, does: a docname matches if it does, or if one of its
    source files does (``posts/a`` when ``posts/a.md`` exists)."""

    def __init__(self, patterns: list[str], srcdir: str | Path,
                 suffixes: Iterator[str] | list[str] | tuple[str, ...] = ()) -> None:
        self.given = bool(patterns)
        self._matcher = Matcher(patterns)
        self._srcdir = Path(srcdir)
        self._suffixes = tuple(dict.fromkeys(suffixes))

    @classmethod
    def from_config(cls, config: Config, srcdir: str | Path,
                    patterns: list[str] | None = None) -> PostPattern:
        """The site's patterns (or ``patterns``), with its source suffixes."""
        suffixes = config.source_suffix
        return cls(list(config.postlog_post_pattern) if patterns is None else patterns,
                   srcdir, [suffixes] if isinstance(suffixes, str) else list(suffixes or ()))

    def __call__(self, docname: str, suffix: str | None = None) -> bool:
        """True if no pattern is given, or ``docname`` or its source file matches one
        (the file ``docname + suffix`` if a suffix is given, else every source file of
        the docname that exists)."""
        if not self.given or self._matcher(docname):
            return True
        if suffix is not None:
            return self._matcher(docname + suffix)
        return any(self._matcher(docname + known) for known in self._suffixes
                   if (self._srcdir / (docname + known)).is_file())


def _unclosed_bracket(pattern: str) -> bool:
    """True if a ``[`` of ``pattern`` has no ``]`` after it (so it is no character
    class)."""
    opened = pattern.rfind("[")
    return opened >= 0 and "]" not in pattern[opened + 2:]


def check_new_post_path(app: Sphinx, config: Config) -> None:
    """Keep ``postlog_new_post_path`` a usable template, so ``sphinx-postlog new`` and
    builds report a bad one alike."""
    name = "postlog_new_post_path"
    problem = new_post_path_problem(config[name])
    if problem is not None:
        default = SETTING[name].default
        warn(f"{name} = {config[name]!r} {problem}; using {default!r}",
             PostlogWarning.CONFIG, location=config_location(app, name))
        config[name] = default
