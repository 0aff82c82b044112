"""``sphinx-postlog new``: a new post whose front matter the site reads as meant.

The site's settings are read as Sphinx reads them, without building: ``conf.py`` is run
and the ``postlog_*`` settings are declared and checked by the code a build runs, so a
new post gets the site's time zone, author, ABlog conventions and post pattern. Each
format is written the way its reader (``frontmatter``, ``rst_fields``, ``notebooks``)
reads it, and titles are escaped so the heading shows exactly the title given.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast

import yaml
from docutils.utils import column_width
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from sphinx_postlog.ablog_settings import read_ablog_settings
from sphinx_postlog.blogs import check_blogs, site_blogs
from sphinx_postlog.config import (
    NEW_POST_SUFFIXES,
    PostPattern,
    Rebuild,
    check_config,
    check_new_post_path,
    new_post_path_problem,
    register,
    safe_output_path,
)
from sphinx_postlog.normalise import (
    clean_text,
    make_timezone,
    read_authors,
    read_datetime,
    read_terms,
)
from sphinx_postlog.read.frontmatter import from_values
from sphinx_postlog.read.posts import AUTHOR_KEYS, ReadingRules, wants_to_be_post
from sphinx_postlog.read.schedule import build_time
from sphinx_postlog.read.slugs import Conventions

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Folders below the current one where a project's ``conf.py`` usually is.
CONF_FOLDERS = ("docs", "doc", "source")
#: The body of a new post, after its title: one paragraph, so it is the excerpt too.
PLACEHOLDER = ("Write the post here. Its first paragraph is the excerpt that post lists "
               "and feeds show.")


class NewPostError(Exception):
    """A reason not to write the post; the message is shown as it is."""


@dataclass(frozen=True)
class PostRequest:
    """What the command line asks for; None and empty values mean the site's defaults."""

    title: str
    slug: str | None = None
    date: str | None = None
    tags: Sequence[str] = ()
    category: str | None = None
    author: str | None = None
    draft: bool = False
    path: str | None = None
    #: The blog of ``postlog_blogs`` it is for (its ``new_post_path``).
    blog: str | None = None


@dataclass(frozen=True)
class NewPost:
    """A post ready to be written."""

    path: Path
    docname: str
    text: str
    #: What the user should know: values the site will read otherwise than given, or
    #: why it will not read the file as a post.
    notes: tuple[str, ...] = ()


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def find_confdir(start: Path, given: Path | None = None) -> Path:
    """The folder of the project's ``conf.py``: ``given``, else ``start``, else its
    ``docs``, ``doc`` or ``source`` folder."""
    if given is not None:
        if not (given / "conf.py").is_file():
            raise NewPostError(f"there is no conf.py in {given}")
        return given
    for folder in (start, *(start / name for name in CONF_FOLDERS)):
        if (folder / "conf.py").is_file():
            return folder
    raise NewPostError(f"there is no conf.py in {start} nor in its "
                       f"{', '.join(f'{name}/' for name in CONF_FOLDERS)} folder; run this "
                       "in a Sphinx project, or give its folder with --confdir")


#: Sphinx's HTML settings that the checks read; Sphinx's HTML builder declares them, and
#: it is not loaded here.
_HTML_SETTINGS: dict[str, Any] = {"html_sidebars": {}, "html_baseurl": ""}


class _SettingsOnly:
    """What declaring and checking settings use of a Sphinx application, so that the
    settings are read without building: declarations go to the Config, and warnings
    point into ``confdir``'s conf.py."""

    def __init__(self, config: Config, confdir: Path) -> None:
        self.config = config
        self.confdir = str(confdir)

    def add_config_value(self, name: str, default: Any, rebuild: Rebuild,
                         types: tuple[type, ...] = ()) -> None:
        self.config.add(name, default, rebuild, types)


def read_settings(confdir: Path) -> Config:
    """The site's configuration, its ``postlog_*`` settings checked and ABlog's taken
    over as in a build (warnings go to Sphinx's logger)."""
    config = _run_conf_py(confdir)
    app = cast("Sphinx", _SettingsOnly(config, confdir))
    for name, default in _HTML_SETTINGS.items():
        if name not in config:
            config.add(name, default, "html", (type(default),))
    register(app)
    for check in (check_config, read_ablog_settings, check_new_post_path):
        check(app, config)
    check_blogs(app, config, output=False)
    return config


def _run_conf_py(confdir: Path) -> Config:
    """Run ``conf.py`` as Sphinx does; its errors in one line, without a traceback."""
    try:
        return Config.read(confdir, overrides={}, tags=Tags())
    except ConfigError as error:
        cause = error.__cause__
        if cause is None or isinstance(cause, (SyntaxError, SystemExit)):
            raise NewPostError(str(error).strip()) from None
        raise NewPostError(f"{confdir / 'conf.py'} failed: {type(cause).__name__}: "
                           f"{cause}") from None


def plan_post(srcdir: Path, config: Config, request: PostRequest) -> NewPost:
    """Where the new post goes and its text, as the site's settings say."""
    title = clean_text(request.title)
    if not title:
        raise NewPostError("the title is empty")
    date = post_date(request.date, make_timezone(config.postlog_timezone))
    conventions = Conventions(ablog=config.postlog_url_layout == "ablog")
    slug = conventions.file_slug(clean_text(request.slug or "") or title)
    relative = post_path(request.path or _blog_config(config, request.blog)
                         .postlog_new_post_path, date, slug)
    tags, notes = post_terms(request.tags, "tag")
    categories, category_notes = post_terms([request.category or ""], "category")
    author = clean_text(request.author or "") or default_author(config)
    rules = ReadingRules.from_config(config, srcdir)
    fields = front_matter(date, tags, categories, author, request.draft, rules.ablog)
    suffix = PurePosixPath(relative).suffix
    docname = relative.removesuffix(suffix)
    notes += category_notes + reading_notes(docname, suffix, fields, config, rules)
    if request.blog and not notes and rules.blog_of(docname) != request.blog:
        notes.append(f"{docname} is in the blog {rules.blog_of(docname)!r}, not "
                     f"{request.blog!r}: its patterns come first in postlog_blogs")
    return NewPost(srcdir / relative, docname, WRITERS[suffix](fields, title, rules),
                   tuple(notes))


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _blog_config(config: Config, name: str | None) -> Config:
    """The settings of the blog ``name`` (the site's for None); an error naming the
    blogs there are for a name the site has not."""
    if name is None:
        return config
    blogs = {blog.name: blog for blog in site_blogs(config) if blog.name}
    if name not in blogs:
        known = ", ".join(map(repr, blogs)) or "none: postlog_blogs is not set"
        raise NewPostError(f"no blog {name!r} in postlog_blogs (blogs: {known})")
    return blogs[name].config(config)


def post_date(text: str | None, timezone: dt.tzinfo) -> dt.date:
    """The new post's date: ``text`` (a day stays a day; a time without a zone is in
    ``timezone``), else now in ``timezone`` to the minute, ``SOURCE_DATE_EPOCH`` if set,
    as builds take it."""
    if text is None:
        return build_time().astimezone(timezone).replace(second=0, microsecond=0)
    try:
        if _ISO_DAY.fullmatch(text.strip()):
            return dt.date.fromisoformat(text.strip())
        return read_datetime(text, timezone)
    except ValueError as error:
        raise NewPostError(f"--date: {error}") from None


def post_path(template: str, date: dt.date, slug: str) -> str:
    """The new post's path from the source folder: ``template`` filled in."""
    problem = new_post_path_problem(template)
    if problem is not None:
        raise NewPostError(f"the path {template!r} {problem}")
    path = safe_output_path(template.format(year=f"{date.year:04d}",
                                            month=f"{date.month:02d}",
                                            day=f"{date.day:02d}", slug=slug))
    if path is None:  # a slug is never a path; this keeps the promise if that changes
        raise NewPostError(f"the path {template!r} leaves the source folder")
    return path


def post_terms(values: Sequence[str], what: str) -> tuple[tuple[str, ...], list[str]]:
    """Terms as given (several values, or one with commas), cleaned by the rules posts
    are read with, and what the site would have warned about them."""
    pieces = [piece for value in values for piece in value.split(",") if piece.strip()]
    node = yaml.representer.SafeRepresenter().represent_data(pieces)
    return read_terms(node, what)


def default_author(config: Config) -> str | None:
    """``postlog_default_author``, else Sphinx's ``author`` if ``conf.py`` sets it."""
    raw: Mapping[str, Any] = getattr(config, "_raw_config", {})
    author = config.postlog_default_author or raw.get("author")
    return (clean_text(author) or None) if isinstance(author, str) else None


def front_matter(date: dt.date, tags: tuple[str, ...], categories: tuple[str, ...],
                 author: str | None, draft: bool, ablog: bool) -> dict[str, Any]:
    """The new post's fields in a fixed order, terms as tuples; empty ones left out.
    ABlog's sites get ``blogpost: true``, which makes the page a post whatever its name."""
    fields: dict[str, Any] = {"blogpost": True} if ablog else {}
    fields["date"] = date
    optional = {"tags": tags, "category": categories, "author": (author,) if author else (),
                "draft": draft}
    fields.update((key, value) for key, value in optional.items() if value)
    return fields


def reading_notes(docname: str, suffix: str, fields: Mapping[str, Any], config: Config,
                  rules: ReadingRules) -> list[str]:
    """Why the site will not read the new file as a post, if it will not."""
    if suffix == ".ipynb" and "myst_nb" not in config.extensions:
        return [f"this site does not read notebooks, so {docname}{suffix} will not be a "
                "post: add 'myst_nb' to extensions"]
    front = from_values({key: (value, 1) for key, value in _yaml_values(fields, rules).items()},
                        line=1)
    pattern = rules.is_post_candidate
    new_file = replace(rules, is_post_candidate=lambda name: (
        pattern(name, suffix) if isinstance(pattern, PostPattern) else pattern(name)))
    if wants_to_be_post(docname, front, new_file, lambda *problem: None):
        return []
    return [f"{docname} does not match postlog_post_pattern "
            f"{list(config.postlog_post_pattern)!r}, so the site will not read it as a "
            "post: give a path it matches (--path, or postlog_new_post_path), or add "
            "'post: true' to its front matter"]


def check_free(path: Path) -> None:
    """Refuse a path where a file is, or where a page of the same name is in another
    format (Sphinx would read only one of them)."""
    for suffix in NEW_POST_SUFFIXES:
        existing = path.with_suffix(suffix)
        if existing.exists():
            raise NewPostError(f"{display_path(existing)} already exists; nothing written")


def write_post(post: NewPost) -> None:
    """Write the post and its folders, never over an existing file."""
    check_free(post.path)
    try:
        post.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be
        raise NewPostError(f"cannot make the folder {display_path(post.path.parent)}: "
                           f"{error.strerror or error}") from None
    try:
        with post.path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(post.text)
    except FileExistsError:  # written meanwhile
        raise NewPostError(f"{display_path(post.path)} already exists; nothing written"
                           ) from None
    except OSError as error:
        raise NewPostError(f"cannot write {display_path(post.path)}: "
                           f"{error.strerror or error}") from None


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing times as ISO 8601 (``2026-11-25T14:30:00+01:00``)."""


def _iso_time(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(dt.datetime, _iso_time)


def _yaml(fields: Mapping[str, Any], rules: ReadingRules) -> str:
    """Fields as YAML, in their order; quoted where a value would read as another."""
    return yaml.dump(_yaml_values(fields, rules), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False)


def _yaml_values(fields: Mapping[str, Any], rules: ReadingRules) -> dict[str, Any]:
    """Terms as YAML takes them: tags as a list; a category or an author as text where
    the site reads that text as the same terms, else as a list (``Guides: getting
    started`` as text would be three categories)."""
    values = {}
    for key, value in fields.items():
        if isinstance(value, tuple):
            text = None if key == "tags" else _as_text(key, value, rules)
            value = list(value) if text is None else text
        values[key] = value
    return values


def _as_text(key: str, terms: Sequence[str], rules: ReadingRules) -> str | None:
    """Terms as one line of text the site reads as the same terms; None if there is
    no such line (one tag of several words splits on spaces)."""
    text = ", ".join(terms)
    node = yaml.ScalarNode("tag:yaml.org,2002:str", text)
    read = (read_authors(node, rules.authors, rules.ablog) if key in AUTHOR_KEYS
            else read_terms(node, key, rules.ablog))[0]
    return text if read == tuple(terms) else None


#: What starts MyST markup in a heading (emphasis, code, links, roles, HTML, math,
#: strikethrough), and the backslash itself; an entity; closing ``#`` marks.
_MYST_MARKUP = re.compile(r"([\\`*_\[\]<>{}$~])")
_MYST_ENTITY = re.compile(r"&(?=#?\w+;)")
_MYST_CLOSING = re.compile(r"(\s)(#+)$")


def _myst_text(text: str) -> str:
    """``text`` escaped so that a MyST heading shows it as written."""
    escaped = _MYST_ENTITY.sub(r"\\&", _MYST_MARKUP.sub(r"\\\1", text))
    return _MYST_CLOSING.sub(r"\1\\\2", escaped)


_RST_MARKUP = re.compile(r"([\\`*_\[\]<>|])")


def _rst_text(text: str) -> str:
    """``text`` escaped so that reStructuredText shows it as written, also where a
    first punctuation mark would start a list, a comment or a field."""
    escaped = _RST_MARKUP.sub(r"\\\1", text)
    return escaped if text[:1].isalnum() or escaped[:1] == "\\" else f"\\{escaped}"


def _markdown(fields: Mapping[str, Any], title: str, rules: ReadingRules) -> str:
    """A MyST page: YAML front matter, the title as its heading."""
    return f"---\n{_yaml(fields, rules)}---\n\n# {_myst_text(title)}\n\n{PLACEHOLDER}\n"


def _rst(fields: Mapping[str, Any], title: str, rules: ReadingRules) -> str:
    """A reStructuredText page: the field list at its top, then the title."""
    lines = [f":{key}: {_rst_value(key, value, rules)}" for key, value in fields.items()]
    heading = _rst_text(title)
    return "\n".join([*lines, "", heading, "=" * column_width(heading), "", PLACEHOLDER,
                      ""])


def _rst_value(key: str, value: Any, rules: ReadingRules) -> str:
    """A field's value as ``rst_fields`` types it back: a field is text, so terms the
    site would read otherwise as text are refused."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, tuple):
        return _rst_text(str(value))
    text = _as_text(key, value, rules)
    if text is None:
        raise NewPostError(f"a reStructuredText field cannot hold the {key} "
                           f"{', '.join(map(repr, value))}: the site would split it on "
                           "spaces or commas; join its words with '-', or write the post "
                           "in Markdown (a --path ending in .md)")
    return _rst_text(text)


def _notebook(fields: Mapping[str, Any], title: str, rules: ReadingRules) -> str:
    """A Jupyter notebook (nbformat 4.5) whose first, raw cell holds the front matter,
    laid out as nbformat writes it (warnings' line numbers rely on that)."""
    cells = [_cell("raw", "front-matter", f"---\n{_yaml(fields, rules)}---\n"),
             _cell("markdown", "post", f"# {_myst_text(title)}\n\n{PLACEHOLDER}\n")]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _cell(kind: str, cell_id: str, text: str) -> dict[str, Any]:
    return {"cell_type": kind, "id": cell_id, "metadata": {},
            "source": text.splitlines(keepends=True)}


#: How each format is written, by suffix (``NEW_POST_SUFFIXES``).
WRITERS: dict[str, Callable[[Mapping[str, Any], str, ReadingRules], str]] = {
    ".md": _markdown, ".rst": _rst, ".ipynb": _notebook}
