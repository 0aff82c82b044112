"""The Post record, and how one page's front matter and doctree become one.

A Post holds plain data only (no docutils nodes), so the registry pickles small and
writing never needs to load a post's doctree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from docutils import nodes

from sphinx_postlog.blogs import blog_finder
from sphinx_postlog.config import PostPattern, safe_output_path, sphinx_place
from sphinx_postlog.diagnostics import PostlogWarning, logger
from sphinx_postlog.normalise import (
    ABLOG_DATE_FORMATS,
    ambiguous_date,
    clean_text,
    date_form,
    describe,
    in_zone,
    is_url,
    is_web_url,
    make_timezone,
    read_authors,
    read_datetime,
    read_flag,
    read_terms,
    rule_difference,
    usable_moment,
    written_datetime,
    zone_problem,
)
from sphinx_postlog.read.authors import AuthorBook
from sphinx_postlog.read.excerpts import (
    ExcerptSource,
    excerpt_paragraphs,
    plain_html,
    read_excerpt,
    refers_to_pages,
)
from sphinx_postlog.read.frontmatter import Field, FrontMatter
from sphinx_postlog.read.source_files import cover_file

#: Front-matter keys this extension reads; any other key is left to other extensions.
TAG_KEYS = ("tags", "tag")
CATEGORY_KEYS = ("category", "categories")
AUTHOR_KEYS = ("author", "authors")
EXCERPT_KEYS = ("excerpt", "description")
#: ``pinned: true``; mkdocs-material's blog says ``pin: true``.
PINNED_KEYS = ("pinned", "pin")
#: The fields whose lines a post keeps (see ``Post.field_lines``), and their keys.
FIELD_KEYS = {"date": ("date",), "tags": TAG_KEYS, "categories": CATEGORY_KEYS,
              "authors": AUTHOR_KEYS, "excerpt": EXCERPT_KEYS, "image": ("image",),
              "series": ("series",), "series_order": ("series_order",)}

#: ABlog's front-matter keys (and {post} options) without an equivalent here.
IGNORED_ABLOG_KEYS = ("external_link",)

WORDS_PER_MINUTE = 200

if TYPE_CHECKING:
    from sphinx.config import Config

Warn = Callable[[str, PostlogWarning, int], None]
"""Report a problem: message, subtype and 1-based source line."""


@dataclass(frozen=True)
class Post:
    """One blog post, as captured while reading its page."""

    docname: str
    title: str
    date: dt.datetime
    updated: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    excerpt: str = ""
    #: The excerpt as HTML, links to documents still to be resolved (see ``excerpts``).
    excerpt_html: str = ""
    #: True if the excerpt has cross-references (found or not): they read otherwise when
    #: a page comes or goes, so the post is read again then.
    excerpt_refers: bool = False
    #: The excerpt's cross-references as read, resolved into ``excerpt`` and
    #: ``excerpt_html`` once every page is read (``collect.excerpt_links``); None if
    #: it has none.
    excerpt_source: ExcerptSource | None = None
    draft: bool = False
    #: Where and in which languages it was written (as ABlog records them: keys of
    #: ``postlog_locations`` / ``postlog_languages``, or names as written).
    locations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    #: Words in the page, for its reading time.
    words: int = 0
    #: Old paths of the post (``redirect:``), each to get a page that sends readers on.
    redirects: tuple[str, ...] = ()
    #: The cover image: a URL, or a path inside the source folder ("" for none).
    image: str = ""
    #: Where the post really lives, for its page's canonical link (ABlog's
    #: ``canonical_link``).
    canonical_link: str = ""
    #: ``featured: true``: a badge wherever the post is shown, and a place on the page
    #: of featured posts.
    featured: bool = False
    #: ``pinned: true`` (or ``pin: true``): first on the blog index and on its tag and
    #: category pages; in date order everywhere else.
    pinned: bool = False
    #: The series the post is a part of ("" for none), and its place in it
    #: (``series_order``; None: by date).
    series: str = ""
    series_order: int | None = None
    #: The blog it is in (its key in ``postlog_blogs``; "" on a site of one blog).
    blog: str = ""
    #: False if the post's page shows no comments (``comments: false``, ABlog's
    #: ``nocomments``); see ``postlog_comments``.
    comments: bool = True
    #: ABlog front-matter keys the post uses that sphinx-postlog does not (reported once
    #: per build, see ``collect.ablog_reports``).
    ignored_keys: tuple[str, ...] = ()
    #: How reading this post with ABlog's rules differed from sphinx-postlog's own
    #: (reported once per build, see ``collect.ablog_reports``); not shown anywhere.
    rule_note: str = ""
    #: How ``date`` was written: a day, a time without a zone or with one (``DAY``,
    #: ``LOCAL_TIME``, ``ZONED_TIME`` of ``normalise``), for the lint.
    date_form: str = ""
    #: The line of the front matter (or field list, or ``{post}`` directive), and of
    #: each field read (``date``, ``updated``, ``tags``, ``categories``, ``authors``,
    #: ``excerpt``), so that checks made after reading can point at them.
    line: int = 1
    field_lines: tuple[tuple[str, int], ...] = ()
    #: A fingerprint of ``shown()``, made once when the post is read (it is kept with
    #: the post), so that a build compares posts without going through their values.
    shown_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = hashlib.sha256(repr(self.shown()).encode("utf-8")).hexdigest()
        object.__setattr__(self, "shown_key", key)

    def line_of(self, field: str) -> int:
        """The source line of ``field``, else of the front matter."""
        return dict(self.field_lines).get(field, self.line)

    @property
    def reading_minutes(self) -> int:
        """Minutes a reader needs, at 200 words a minute; at least one."""
        return max(1, round(self.words / WORDS_PER_MINUTE))

    def shown(self) -> tuple[object, ...]:
        """What lists and generated pages show of the post (so not its exact word
        count)."""
        return (self.docname, self.title, self.date, self.updated, self.tags,
                self.categories, self.authors, self.excerpt, self.excerpt_html, self.draft,
                self.locations, self.languages, self.reading_minutes, self.redirects,
                self.image, self.featured, self.pinned, self.series, self.series_order,
                self.blog)

    @property
    def last_modified(self) -> dt.datetime:
        """When the post last changed: ``updated`` if given, else ``date``."""
        return self.updated or self.date

    @property
    def sort_key(self) -> tuple[float, str]:
        """Newest first; posts of the same instant in docname order (deterministic)."""
        return (-self.date.timestamp(), self.docname)


@dataclass(frozen=True)
class UndatedDraft:
    """An ABlog post without a date: a draft until it has one; ``{ref}`` still knows
    it."""

    docname: str
    title: str


@dataclass(frozen=True)
class ReadingRules:
    """What reading a post depends on in the configuration."""

    timezone: dt.tzinfo
    is_post_candidate: Callable[[str], bool]
    authors: AuthorBook
    locations: AuthorBook = field(default_factory=lambda: AuthorBook({}))
    languages: AuthorBook = field(default_factory=lambda: AuthorBook({}))
    #: Date formats read besides ISO 8601 (ABlog's).
    date_formats: tuple[str, ...] = ABLOG_DATE_FORMATS
    #: The site's language: month and weekday names in dates may be its own.
    language: str | None = None
    #: Read every post as ABlog does (an ABlog site); else only ABlog's own posts
    #: (``blogpost: true``, the ``{post}`` directive).
    ablog: bool = False
    #: True if ``postlog_post_pattern`` names the posts (else any dated page is one).
    pattern_given: bool = False
    #: For posts read as ABlog reads them: who, where and in which language a post is
    #: written when it does not say (ABlog's ``blog_default_*``).
    default_author: str | None = None
    default_location: str | None = None
    default_language: str | None = None
    #: Paragraphs in an excerpt made from the text.
    excerpt_paragraphs: int = 1
    #: Which image of a post is its cover when it names none (0: none).
    auto_image: int = 0
    #: Is a source-folder path a file that may be published (see ``source_files``: a
    #: notebook's output image too)?
    is_source_file: Callable[[str], bool] = lambda path: False
    #: The blog a post of a docname is in (see ``blogs``).
    blog_of: Callable[[str], str] = lambda docname: ""

    @classmethod
    def from_config(cls, config: Config, srcdir: str | Path,
                    outputs: Path | None = None) -> ReadingRules:
        """The rules the ``postlog_*`` settings give, for the site in ``srcdir``
        (whose notebooks' output images MyST-NB writes in ``outputs``)."""
        source_folder = Path(srcdir)
        pattern = PostPattern.from_config(config, source_folder)

        date_format = config.postlog_date_format
        return cls(
            timezone=make_timezone(config.postlog_timezone),
            is_post_candidate=pattern,
            authors=AuthorBook(config.postlog_authors),
            locations=AuthorBook(config.postlog_locations),
            languages=AuthorBook(config.postlog_languages),
            date_formats=(date_format, *ABLOG_DATE_FORMATS) if date_format
            else ABLOG_DATE_FORMATS,
            language=str(config.language) if config.language else None,
            ablog=bool(config.postlog_ablog_compat),
            pattern_given=pattern.given,
            default_author=config.postlog_default_author,
            default_location=config.postlog_default_location,
            default_language=config.postlog_default_language,
            excerpt_paragraphs=max(int(config.postlog_excerpt_paragraphs), 0),
            auto_image=max(int(config.postlog_auto_image), 0),
            is_source_file=lambda path: cover_file(source_folder, path, outputs) is not None,
            blog_of=blog_finder(config, source_folder),
        )

    def reads_as_ablog(self, front_matter: FrontMatter) -> bool:
        """True if this post is read with ABlog's rules."""
        return self.ablog or front_matter.get("blogpost") is not None


def read_post(
    docname: str,
    front_matter: FrontMatter,
    doctree: nodes.document,
    rules: ReadingRules,
    warn: Warn,
    updates: Sequence[Field] = (),
) -> Post | UndatedDraft | None:
    """The Post for a page, or None if the page is not a post (an ABlog post without a
    date is a draft that is never published: ``UndatedDraft``).

    A page is a post when its front matter has a ``date``, it does not say
    ``post: false`` and it matches ``postlog_post_pattern`` (``post: true`` makes any
    page with a date a post). Every problem is reported
    through ``warn``; a post is kept whenever it still has a date.
    """
    if not wants_to_be_post(docname, front_matter, rules, warn):
        return None
    ablog = rules.reads_as_ablog(front_matter)
    date_field = front_matter.get("date")
    if date_field is None or (ablog and date_field.value in (None, "")):
        if ablog:  # ABlog: an undated post is a draft
            logger.info("postlog: %s is an ABlog post without a date, so a draft: not "
                        "published", docname, location=(docname, front_matter.line))
            return UndatedDraft(docname, _title(front_matter, doctree, docname, warn))
        else:
            warn("'post: true' but no 'date'; this page is not a post",
                 PostlogWarning.NOT_A_POST, front_matter.line)
        return None
    dated = _date(date_field, rules, ablog, warn)
    if dated is None:
        return None
    date, form = dated
    notes: list[str] = []
    excerpt = _excerpt(front_matter, doctree, docname, rules.excerpt_paragraphs, ablog, warn)
    title = _title(front_matter, doctree, docname, warn)  # problems reported in this order
    updated, updated_line = _updated(front_matter, updates, rules, ablog, warn)
    lines = {name: field.line for name, keys in FIELD_KEYS.items()
             if (field := front_matter.get(*keys)) is not None}
    if updated_line is not None:
        lines["updated"] = updated_line
    return Post(
        docname=docname,
        title=title,
        date=date,
        updated=updated,
        tags=_terms(front_matter, TAG_KEYS, "tag", ablog, notes, warn),
        categories=_terms(front_matter, CATEGORY_KEYS, "category", ablog, notes, warn),
        authors=tuple(dict.fromkeys(rules.authors.key(author) for author in _listed(
            front_matter, AUTHOR_KEYS,
            lambda node: read_authors(node, rules.authors, ablog), warn)
            or _default(ablog, rules.default_author))),
        excerpt=excerpt[0],
        excerpt_html=excerpt[1],
        excerpt_refers=excerpt[2],
        excerpt_source=excerpt[3],
        draft=_flag(front_matter, "draft", warn),
        locations=_places(front_matter, "location", rules.locations, ablog, warn)
        or tuple(rules.locations.key(name)
                 for name in _default(ablog, rules.default_location)),
        languages=_places(front_matter, "language", rules.languages, ablog, warn)
        or tuple(rules.languages.key(name)
                 for name in _default(ablog, rules.default_language)),
        words=_words(doctree),
        redirects=_redirects(front_matter, warn),
        canonical_link=_canonical_link(front_matter, warn),
        featured=_flag(front_matter, "featured", warn),
        pinned=_flag(front_matter, PINNED_KEYS, warn),
        series=(series := _plain(front_matter, "series", warn)),
        series_order=_series_order(front_matter, series, warn),
        image=_image(front_matter, doctree, docname, rules, warn),
        comments=_comments(front_matter, warn),
        blog=rules.blog_of(docname),
        ignored_keys=tuple(key for key in IGNORED_ABLOG_KEYS if front_matter.get(key)),
        rule_note=notes[0] if notes else "",
        date_form=form,
        line=front_matter.line,
        field_lines=tuple(sorted(lines.items())),
    )


def _comments(front_matter: FrontMatter, warn: Warn) -> bool:
    """Whether the post's page shows comments: ``comments: false`` says no, and so does
    ABlog's ``nocomments`` (a flag: given without a value, or ``true``)."""
    field = front_matter.get("comments")
    if field is not None and field.value is not None:
        flag = read_flag(field.value)
        if flag is not None:
            return flag
        warn(f"'comments' must be true or false, not {describe(field.value)}; ignored",
             PostlogWarning.FIELD, field.line)
    ablog = front_matter.get("nocomments")
    return ablog is None or ablog.value is False


def _redirects(front_matter: FrontMatter, warn: Warn) -> tuple[str, ...]:
    """The post's old paths (``redirect: old/path, other/one``), as page names."""
    field = front_matter.get("redirect")
    if field is None:
        return ()
    paths, problems = read_terms(field.node, "redirect", ablog=True)
    kept = []
    for path in paths:
        page = redirect_page(path)
        if page is None:
            problems.append(f"redirect: {path!r} is not a relative path inside the site; "
                            "ignored")
        elif problem := sphinx_place(page):
            problems.append(f"redirect: {path!r} {problem}; ignored")
        else:
            kept.append(page)
    for problem in problems:
        warn(problem, PostlogWarning.FIELD, field.line)
    return tuple(dict.fromkeys(kept))


def redirect_page(path: str) -> str | None:
    """An old path as the name of the page to write there (``old/post.html`` and
    ``old/post/`` are ``old/post``); None if it would leave the output folder."""
    name = path.strip().lstrip("/")
    for suffix in ("/index.html", ".html", "/"):
        name = name.removesuffix(suffix)
    return safe_output_path(name)


def named_image(front_matter: FrontMatter, docname: str) -> str | None:
    """The source-folder path that ``image:`` names (relative to the post, or from the
    source folder with a leading ``/``), found or not; None for a URL, a number or no
    image. The post's page is made from that file, so it is a dependency of the post."""
    field = front_matter.get("image")
    if field is None or not isinstance(field.value, str):
        return None
    value = field.value.strip()
    if not value or is_url(value):
        return None
    return posixpath.normpath(value.lstrip("/") if value.startswith("/") else
                              posixpath.join(posixpath.dirname(docname), value))


#: A URL's scheme (``https:``, ``javascript:``); a path of the site has none.
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _canonical_link(front_matter: FrontMatter, warn: Warn) -> str:
    """Where the post really lives (``canonical_link``): an ``http(s)`` URL or a path of
    the site; any other scheme (``file:``, ``javascript:``) is dropped with a warning."""
    link = _plain(front_matter, "canonical_link", warn)
    field = front_matter.get("canonical_link")
    if field is None or not link or is_web_url(link) or not _SCHEME.match(link):
        return link
    warn(f"canonical_link: {link!r} is neither an http(s) URL nor a path of the site; "
         "ignored", PostlogWarning.FIELD, field.line)
    return ""


def _image(front_matter: FrontMatter, doctree: nodes.document, docname: str,
           rules: ReadingRules, warn: Warn) -> str:
    """The post's cover image: ``image:`` (an http(s) URL, or a source file as
    ``named_image`` finds it; a number N is the post's Nth image, as in ABlog), else its
    Nth image with ``postlog_auto_image``."""
    field = front_matter.get("image")
    number = rules.auto_image
    if field is not None and isinstance(field.value, int) and not isinstance(field.value,
                                                                             bool):
        number = field.value
    elif field is not None and isinstance(field.value, str) and field.value.strip():
        value = field.value.strip()
        path = named_image(front_matter, docname)
        if path is None:  # a URL
            if is_web_url(value):
                return value
            warn(f"image: {value!r} is not an http or https URL; ignored",
                 PostlogWarning.FIELD, field.line)
        elif rules.is_source_file(path):
            return path
        else:
            warn(f"image: {value!r} is not a file inside the source folder (a symbolic "
                 "link is not published); ignored", PostlogWarning.FIELD, field.line)
        return ""
    elif field is not None and field.value is not None:
        warn("'image' must be a path, a URL or a number; ignored", PostlogWarning.FIELD,
             field.line)
    if number <= 0:
        return ""
    images = [node for node in doctree.findall(nodes.image) if isinstance(node.get("uri"), str)]
    if len(images) < number:
        return ""
    uri = str(images[number - 1]["uri"])
    return uri if is_web_url(uri) or rules.is_source_file(uri) else ""


def _default(ablog: bool, value: str | None) -> tuple[str, ...]:
    """ABlog's default for a field a post leaves out (none for other posts)."""
    return (value,) if ablog and value else ()


def _date(field: Field, rules: ReadingRules, ablog: bool,
          warn: Warn) -> tuple[dt.datetime, str] | None:
    """The post's date, and how it was written (see ``date_form``)."""
    try:
        written = written_datetime(field.value, rules.date_formats, ablog, rules.language)
        moment = usable_moment(in_zone(written, rules.timezone), field.value)
    except ValueError as error:
        warn(f"cannot read 'date': {error}; this page is not a post", PostlogWarning.DATE,
             field.line)
        return None
    if not ablog and (ambiguity := ambiguous_date(field.value)):
        warn(ambiguity, PostlogWarning.DATE, field.line)
    if zone := zone_problem(field.value, rules.timezone, rules.date_formats, rules.language):
        warn(f"'date': {zone}", PostlogWarning.DATE, field.line)
    return moment, date_form(field.value, written)


def _terms(front_matter: FrontMatter, keys: tuple[str, ...], what: str, ablog: bool,
           notes: list[str], warn: Warn) -> tuple[str, ...]:
    """Tags or categories; where ABlog's rule reads them differently, a note."""
    field = front_matter.get(*keys)
    if ablog and field is not None and (note := rule_difference(field.node, what)):
        notes.append(f"{note} (line {field.line})")
    return _listed(front_matter, keys, lambda node: read_terms(node, what, ablog), warn)


def _not_words(node: nodes.Node) -> bool:
    """Text that is not the author's: a notebook cell's outputs, a parser's message."""
    return isinstance(node, nodes.system_message) or (
        isinstance(node, nodes.container) and "cell_output" in node["classes"])


def _words(doctree: nodes.document) -> int:
    """Words in the page, for its reading time."""
    words = len(doctree.astext().split())
    for node in doctree.findall(_not_words):
        words -= len(node.astext().split())
    return words


#: ``post: true``; ABlog says ``blogpost: true``.
POST_KEYS = ("post", "blogpost")


def meant_as_post(docname: str, front_matter: FrontMatter, rules: ReadingRules) -> bool:
    """True if the front matter asks for a post (a date, or ``post: true``; in ABlog's
    way, any front matter of a page its ``blog_post_pattern`` names) and does not opt
    out, whether or not its values could be read."""
    post_field = front_matter.get(*POST_KEYS)
    flag = read_flag(post_field.value) if post_field is not None else None
    if flag is not None:
        return flag
    return front_matter.get("date") is not None or _ablog_candidate(docname, rules)


def _ablog_candidate(docname: str, rules: ReadingRules) -> bool:
    """ABlog makes every page its post pattern names a post, dated or not."""
    return rules.ablog and rules.pattern_given and rules.is_post_candidate(docname)


def _plain(front_matter: FrontMatter, key: str, warn: Warn) -> str:
    field = front_matter.get(key)
    return _text_field(field, key, warn) if field is not None else ""


def _places(front_matter: FrontMatter, key: str, book: AuthorBook, ablog: bool,
            warn: Warn) -> tuple[str, ...]:
    """Locations or languages, split on commas as ABlog splits them (``Dover, Delaware``
    is two places), each filed under its key when ``book`` knows it."""
    return tuple(dict.fromkeys(book.key(name) for name in _listed(
        front_matter, (key,), lambda node: read_authors(node, book, ablog, key), warn)))


def _flag(front_matter: FrontMatter, keys: str | tuple[str, ...], warn: Warn) -> bool:
    """A true-or-false field (under the first of ``keys`` the post has)."""
    keys = (keys,) if isinstance(keys, str) else keys
    key = next((key for key in keys if front_matter.get(key) is not None), keys[0])
    field = front_matter.get(key)
    if field is None or field.value is None:
        return False
    flag = read_flag(field.value)
    if flag is None:
        warn(f"{key!r} must be true or false, not {describe(field.value)}; ignored",
             PostlogWarning.FIELD, field.line)
    return bool(flag)


def _series_order(front_matter: FrontMatter, series: str, warn: Warn) -> int | None:
    """The post's place in its series (``series_order``): a whole number (an rST
    field's text too); None without one, so that the series goes by date."""
    field = front_matter.get("series_order")
    if field is None or field.value is None:
        return None
    value = field.value
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,9}\s*", value):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        warn(f"'series_order' must be a whole number, not {describe(field.value)}; ignored",
             PostlogWarning.FIELD, field.line)
        return None
    if not series:
        warn("'series_order' without 'series'; ignored", PostlogWarning.FIELD, field.line)
        return None
    return value


def wants_to_be_post(
    docname: str, front_matter: FrontMatter, rules: ReadingRules, warn: Warn
) -> bool:
    """True if the page is to be read as a post: ``post:`` (or ``blogpost:``) says so,
    or it has a date and its docname matches the post pattern (or ABlog's pattern makes
    it one)."""
    post_field = front_matter.get(*POST_KEYS)
    explicit = None
    if post_field is not None:
        explicit = read_flag(post_field.value)
        if explicit is None:
            warn(f"'post' must be true or false, not {describe(post_field.value)}; ignored",
                 PostlogWarning.FIELD, post_field.line)
    if explicit is not None:
        return explicit
    return ((front_matter.get("date") is not None and rules.is_post_candidate(docname))
            or _ablog_candidate(docname, rules))


def _updated(front_matter: FrontMatter, updates: Sequence[Field], rules: ReadingRules,
             ablog: bool, warn: Warn) -> tuple[dt.datetime | None, int | None]:
    """The latest of ``updated`` and the dates of ABlog's ``{update}`` directives, and
    the line that gives it."""
    field = front_matter.get("updated")
    fields = ([field] if field is not None and field.value is not None else []) + [*updates]
    dates = []
    for each in fields:
        try:
            dates.append((read_datetime(each.value, rules.timezone, rules.date_formats,
                                        ablog, rules.language), each.line))
        except ValueError as error:
            warn(f"cannot read 'updated': {error}; ignored", PostlogWarning.DATE, each.line)
            continue
        if zone := zone_problem(each.value, rules.timezone, rules.date_formats,
                                rules.language):
            warn(f"'updated': {zone}", PostlogWarning.DATE, each.line)
    if not dates:
        return None, None
    return max(dates, key=lambda dated: dated[0])


def _text_field(field: Field, name: str, warn: Warn) -> str:
    if isinstance(field.value, (str, int, float)) and not isinstance(field.value, bool):
        return clean_text(str(field.value))
    if field.value is not None:
        warn(f"'{name}' must be text; ignored", PostlogWarning.FIELD, field.line)
    return ""


def _title(front_matter: FrontMatter, doctree: nodes.document, docname: str, warn: Warn) -> str:
    field = front_matter.get("title")
    if field is not None and (title := _text_field(field, "title", warn)):
        return title
    heading = next(
        (node for node in doctree.findall(nodes.title) if isinstance(node.parent, nodes.section)),
        None,
    )
    return clean_text(heading.astext()) if heading is not None else docname


def _excerpt(front_matter: FrontMatter, doctree: nodes.document, docname: str,
             count: int, ablog: bool,
             warn: Warn) -> tuple[str, str, bool, ExcerptSource | None]:
    """The excerpt as text and as HTML (see ``excerpts``), whether it refers to other
    pages and its cross-references; ``count`` paragraphs unless the post says otherwise
    (ABlog's ``excerpt: 2``)."""
    for key in EXCERPT_KEYS:
        field = front_matter.get(key)
        if field is None:
            continue
        if isinstance(field.value, int) and not isinstance(field.value, bool):
            count = field.value  # ABlog: how many paragraphs (0: none)
        elif text := _text_field(field, key, warn):
            return text, plain_html(text), False, None
    paragraphs = excerpt_paragraphs(doctree, count, anywhere=ablog)
    text, markup, source = read_excerpt(paragraphs, docname)
    return text, markup, refers_to_pages(paragraphs), source


def _listed(front_matter: FrontMatter, keys: tuple[str, ...],
            read: Callable[[yaml.Node], tuple[tuple[str, ...], list[str]]],
            warn: Warn) -> tuple[str, ...]:
    """Tags, categories or authors under the first of ``keys``, problems warned."""
    field = front_matter.get(*keys)
    if field is None:
        return ()
    values, problems = read(field.node)
    for problem in dict.fromkeys(problems):  # one warning per field, not per item
        warn(problem, PostlogWarning.TERM, field.line)
    return values
