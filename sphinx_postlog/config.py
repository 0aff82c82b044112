"""Every ``postlog_*`` configuration value, declared once with its type, default and help.

The docs' configuration reference is generated from ``SETTINGS``, so it cannot drift.
"""

from __future__ import annotations

import posixpath
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx.util.matching import Matcher

from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.facets import FACET
from sphinx_postlog.normalise import make_timezone

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


#: What Sphinx must redo when a setting changes: "env" re-reads, "html" rewrites, ""
#: nothing (the setting is not used by builds, or sphinx-postlog itself rewrites the
#: pages it changes: ``postlog_comments``).
Rebuild = Literal["env", "html", ""]


#: sphinx-postlog's own Jinja templates (``postlog/…``, ``ablog/…``).
PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Setting:
    """One configuration value."""

    name: str
    default: Any
    types: tuple[type, ...]
    rebuild: Rebuild
    help: str
    #: The smallest number allowed (numbers only).
    minimum: int | None = None
    #: The values allowed (text, or the items of a list).
    choices: tuple[str, ...] = ()
    #: What changing it does, where ``rebuild`` does not say (the docs show it).
    effect: str = ""


#: The checks of the posts' metadata (see ``lint``), by name.
LINT_RULES = ("similar-terms", "similar-authors", "excerpt-length", "updated-before-date",
              "mixed-timezones")

SETTINGS: tuple[Setting, ...] = (
    Setting("postlog_post_pattern", [], (list, tuple), "env",
            "Glob patterns (as in ``exclude_patterns``) of docnames or source files that "
            "may be posts (``posts/*``, ``posts/*.md``). "
            "Empty: any MyST page with a ``date`` is a post. A pattern that matches no "
            "document gives one ``postlog.config`` warning."),
    Setting("postlog_timezone", "UTC", (str,), "env",
            "Time zone (IANA name such as ``Europe/Paris``) for dates written without one."),
    Setting("postlog_authors", {}, (dict,), "env",
            "Known authors: key → name, or key → ``{'name': ..., 'url': ...}``. "
            "Front matter may name an author by key."),
    Setting("postlog_locations", {}, (dict,), "env",
            "Known locations, as ``postlog_authors``: key → name or "
            "``{'name': ..., 'url': ...}``."),
    Setting("postlog_languages", {}, (dict,), "env",
            "Known languages, as ``postlog_authors`` (``{'en': 'English'}``)."),
    Setting("postlog_ablog_compat", None, (bool, type(None)), "env",
            "Read every post as ABlog does: dates through ``postlog_date_format`` then "
            "python-dateutil, tags and categories split on commas only, undated pages "
            "of ``postlog_post_pattern`` as drafts. ``None``: when ``conf.py`` has any "
            "ABlog setting or sidebar. Posts that say ``blogpost: true`` or use "
            "``{post}`` are always read so."),
    Setting("postlog_url_layout", None, (str, type(None)), "html",
            "Where archive pages go: ``'postlog'`` (``blog/index``, ``blog/tags/<tag>``, "
            "``blog/archive/<year>`` …) or ``'ablog'`` (ABlog's: ``blog``, "
            "``blog/tag/<tag>``, ``blog/<year>`` …, with ABlog's slugs). ``None``: "
            "``'ablog'`` when ``conf.py`` has ABlog settings, else ``'postlog'``.",
            choices=("postlog", "ablog")),
    Setting("postlog_show_drafts", False, (bool,), "html",
            "Publish drafts (``draft: true``) and posts dated in the future, for a "
            "preview: their pages are written and lists show them, with a badge. Off: "
            "they are not published at all (no page). Feeds never carry them."),
    Setting("postlog_default_author", None, (str, type(None)), "env",
            "Author of posts that name none, shown on their pages, in lists and in feeds "
            "(with ``postlog_ablog_compat``, filed under that author too, as ABlog "
            "does). ``None``: Sphinx's ``author`` (on ABlog sites in feeds only, as "
            "ABlog's pages show none)."),
    Setting("postlog_default_location", None, (str, type(None)), "env",
            "With ``postlog_ablog_compat``: the location of posts that give none "
            "(ABlog's ``blog_default_location``)."),
    Setting("postlog_default_language", None, (str, type(None)), "env",
            "With ``postlog_ablog_compat``: the language of posts that give none "
            "(ABlog's ``blog_default_language``)."),
    Setting("postlog_excerpt_paragraphs", 1, (int,), "env",
            "How many paragraphs make the excerpt when a post has no ``excerpt`` field "
            "or ``<!-- more -->`` marker (ABlog's ``post_auto_excerpt``).", minimum=0),
    Setting("postlog_auto_image", 0, (int,), "env",
            "Which image of a post is its cover image when it has no ``image`` field: "
            "``1`` the first, and so on; ``0`` none (ABlog's ``post_auto_image``).",
            minimum=0),
    Setting("postlog_redirect_refresh", 0, (int,), "html",
            "Seconds before a redirect page (``redirect:`` in front matter) moves on to "
            "its post (ABlog's ``post_redirect_refresh``, 5 by default there).",
            minimum=0),
    Setting("postlog_list_date_format", None, (str, type(None)), "html",
            "Date format of ``{date}`` in ``{postlist}`` ``:format:`` lines "
            "(ABlog's ``post_date_format_short``). ``None``: ``%d %B``."),
    Setting("postlog_blog_path", "blog", (str,), "html",
            "Folder of the generated blog index page (``<path>/index``)."),
    Setting("postlog_blog_title", "Blog", (str,), "html",
            "Heading of the generated blog index page, and its title in toctrees that "
            "name it, in breadcrumbs and in each post's link back to it; the default is "
            "written in the site's ``language`` (\"Blog\", \"Блог\", \"ブログ\")."),
    Setting("postlog_tags_path", "{blog}/tags", (str,), "html",
            "Folder of the tag archive pages and their index; ``{blog}`` stands for "
            "``postlog_blog_path``."),
    Setting("postlog_categories_path", "{blog}/categories", (str,), "html",
            "Folder of the category archive pages and their index."),
    Setting("postlog_authors_path", "{blog}/authors", (str,), "html",
            "Folder of the author archive pages and their index."),
    Setting("postlog_years_path", "{blog}/archive", (str,), "html",
            "Folder of the year archive pages (posts grouped by month) and their index."),
    Setting("postlog_locations_path", "{blog}/locations", (str,), "html",
            "Folder of the location archive pages (the ``location`` field) and their "
            "index."),
    Setting("postlog_languages_path", "{blog}/languages", (str,), "html",
            "Folder of the language archive pages (the ``language`` field) and their "
            "index."),
    Setting("postlog_series_path", "{blog}/series", (str,), "html",
            "Folder of the series pages (the ``series`` field) and their index."),
    Setting("postlog_archives", list(FACET), (list, tuple), "html",
            "The kinds of archive pages written (each with its index): any of "
            "``tag``, ``category``, ``author``, ``year``, ``location``, ``language``, "
            "``series``. A post's tags (and so on) link to their pages only where "
            "those are written.", choices=tuple(FACET)),
    Setting("postlog_blogs", None, (dict, type(None)), "env",
            "Several blogs in one site: ``{'news': {'path': 'news', 'pattern': "
            "['news/*'], 'title': 'News'}, 'eng': {...}}``. A post belongs to the first "
            "blog whose ``pattern`` it matches (a blog without one takes every post "
            "``postlog_post_pattern`` takes); each blog has its own index, archive "
            "pages, feeds and sidebars, and may set ``title``, ``feed_path``, "
            "``feed_title``, ``feed_subtitle``, ``feed_formats``, ``feed_length``, "
            "``feed_tags``, ``feed_categories``, ``feed_archives``, ``archives``, "
            "``page_size``, ``archive_style``, ``new_post_path`` and the folders of its "
            "archive pages "
            "(``tags_path`` …), each as the ``postlog_*`` setting of that name. "
            "``None``: one blog, as the other settings say (see the guide's *Several "
            "blogs*)."),
    Setting("postlog_archive_page_size", 25, (int,), "html",
            "Posts per page of the blog index and of each tag and category page; longer "
            "lists continue on numbered pages (``blog/page/2``) linked by "
            "newer/older links. ``0``: one page each, the default on ABlog sites (as "
            "ABlog has them) unless ``conf.py`` sets it.", minimum=0),
    Setting("postlog_archive_page_order", "oldest", (str,), "html",
            "How numbered pages count: ``'oldest'`` (``blog/page/1`` holds the oldest "
            "posts, so a page keeps its posts when new ones come; the first page shows "
            "the newest posts, one to two pages' worth) or ``'newest'`` (``blog/page/2`` "
            "holds the posts after the first page's, and every page changes when a post "
            "is added).", choices=("oldest", "newest")),
    Setting("postlog_archive_style", "list", (str,), "html",
            "How the blog index and archive pages show posts: ``'list'`` (a line of "
            "details and the excerpt each) or ``'cards'`` (a grid of cards with the "
            "cover image, title, details, excerpt and tags; one column on a phone).",
            choices=("list", "cards")),
    Setting("postlog_postlist_links", None, (list, tuple, type(None)), "html",
            "The links after each ``{postlist}`` (its ``:links:`` option wins): any of "
            "``blog`` (all posts), ``tags``, ``categories`` (their indexes) and ``feed``. "
            "``None``: ``['blog', 'tags', 'feed']``, or none on ABlog sites.",
            choices=("blog", "tags", "categories", "feed")),
    Setting("postlog_feed_path", "{blog}/atom.xml", (str, type(None)), "html",
            "Output path of the site-wide Atom feed. ``None`` or ``''``: no feed."),
    Setting("postlog_feed_length", 20, (int, type(None)), "html",
            "How many of the newest posts each feed holds; ``None``: all (ABlog's "
            "default).", minimum=1),
    Setting("postlog_feed_formats", ["atom", "rss", "json"], (list, tuple), "html",
            "The formats each feed is written in: ``atom`` (at ``postlog_feed_path``), "
            "``rss`` (RSS 2.0, ``rss.xml`` beside it) and ``json`` (JSON Feed 1.1, "
            "``feed.json``); tag and category feeds likewise.",
            choices=("atom", "rss", "json")),
    Setting("postlog_feed_id_base", None, (str, type(None)), "html",
            "What entry ids start with: each id is this and the post's docname, the same "
            "in every format and whatever the builder. ``None``: ``html_baseurl``. "
            "When the site moves to a new address, set this to the old "
            "``html_baseurl`` so feed readers do not show every post again."),
    Setting("postlog_feed_subtitle", None, (str, type(None)), "html",
            "Subtitle of the feeds (ABlog's ``blog_feed_subtitle``)."),
    Setting("postlog_feed_tags", False, (bool,), "html",
            "Write a feed for each tag too, next to its page (``blog/tags/<slug>.xml``)."),
    Setting("postlog_feed_categories", False, (bool,), "html",
            "Write a feed for each category too (``blog/categories/<slug>.xml``)."),
    Setting("postlog_feed_archives", False, (bool,), "html",
            "Write a feed for every archive page: each tag, category, author, year, "
            "location and language (ABlog's ``blog_feed_archives``)."),
    Setting("postlog_feed_full_content", False, (bool,), "html",
            "Put each post's whole text in feed entries (HTML with absolute links and "
            "image sources), besides its excerpt."),
    Setting("postlog_feed_title", None, (str, type(None)), "html",
            "Title of the feed. ``None``: the ``project`` name."),
    Setting("postlog_date_format", None, (str, type(None)), "html",
            "Format of dates shown on pages (as ``today_fmt``). ``None``: ``today_fmt``, "
            "else ``%b %-d, %Y`` (``Sep 2, 2025``; each language has its own)."),
    Setting("postlog_css", True, (bool,), "html",
            "Add the small default stylesheet (``postlog.css``) to HTML pages."),
    Setting("postlog_post_meta", True, (bool,), "html",
            "Show a line of details under the title of each post."),
    Setting("postlog_post_details",
            ["date", "updated", "reading_time", "authors", "location", "tags", "categories"],
            (list, tuple), "html",
            "What that line shows: any of ``date``, ``updated``, ``reading_time``, "
            "``authors``, ``location``, ``tags``, ``categories``.",
            choices=("date", "updated", "reading_time", "authors", "location", "tags",
                     "categories")),
    Setting("postlog_post_cover", True, (bool,), "html",
            "Show a post's cover image (its ``image`` in the front matter) under its "
            "title and details line, on HTML pages."),
    Setting("postlog_post_navigation", True, (bool,), "html",
            "Link each post to the blog index and to the next newer and older post, at "
            "its end."),
    Setting("postlog_related_posts", 3, (int,), "html",
            "How many related posts (sharing the most tags, then the closest in date) to "
            "list at the end of each post, leaving out the newer and older posts it "
            "links already; ``0`` for none.", minimum=0),
    Setting("postlog_sidebar_terms", 20, (int,), "html",
            "How many tags, categories, authors, locations or languages each sidebar "
            "(``postlog/sidebar-tags.html`` …) shows: the most used (ties by name), in "
            "name order, followed by a link to the page of them all (\"All tags\"); the "
            "archive sidebar shows as many years, the newest. ``0``: every one.",
            minimum=0),
    Setting("postlog_post_furniture", "page", (str,), "html",
            "Where HTML pages show a post's details line, newer and older posts and "
            "related posts: ``'page'`` (in the post's text: under its title and at its "
            "end) or ``'template'`` (nowhere but where your theme's templates place "
            "``postlog/post-details.html`` or ``postlog_post``). Other builders always "
            "show them in the text.", choices=("page", "template")),
    Setting("postlog_comments", None, (dict, type(None)), "",
            "Comments under each published post (HTML builders): ``{'provider': "
            "'giscus', ...}`` with ``giscus``, ``utterances``, ``disqus``, ``isso`` or "
            "``template``, and that provider's own settings (see the guide's "
            "*Comments*); ``'load': 'scroll'`` (the default: loaded as the reader nears "
            "them) or ``'click'``; ``'drafts': True`` on drafts' pages too; ``'pages': "
            "True`` on other documents too. A post says ``comments: false`` for none. "
            "``None``: no comments.",
            effect="Changing it makes sphinx-postlog write the pages that show comments "
                   "(before or after) again, and no others."),
    Setting("postlog_new_post_path", "posts/{year}/{slug}.md", (str,), "",
            "Where ``sphinx-postlog new`` writes a post, from the source folder: "
            "``{year}``, ``{month}`` and ``{day}`` (of its date, zero-padded) and "
            "``{slug}`` (of its title) are filled in; the suffix (``.md``, ``.rst`` or "
            "``.ipynb``) decides the format."),
    Setting("postlog_lint", list(LINT_RULES), (list, tuple), "env",
            "The checks of the posts' metadata to run after reading (each finding is a "
            "``postlog.lint`` warning): any of ``similar-terms``, ``similar-authors``, "
            "``excerpt-length``, ``updated-before-date``, ``mixed-timezones``. ``[]``: "
            "none.", choices=LINT_RULES),
)

SETTING = {setting.name: setting for setting in SETTINGS}
_PATH_SETTINGS = ("postlog_blog_path", "postlog_tags_path", "postlog_categories_path",
                  "postlog_authors_path", "postlog_years_path", "postlog_locations_path",
                  "postlog_languages_path", "postlog_series_path", "postlog_feed_path")
#: Where ABlog puts archive pages, for ``postlog_url_layout = "ablog"``.
ABLOG_PATHS = {"postlog_tags_path": "{blog}/tag", "postlog_categories_path": "{blog}/category",
               "postlog_authors_path": "{blog}/author", "postlog_years_path": "{blog}",
               "postlog_locations_path": "{blog}/location",
               "postlog_languages_path": "{blog}/language",
               "postlog_series_path": "{blog}/series"}


def register(app: Sphinx) -> None:
    """Declare every setting to Sphinx."""
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types)


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


def add_static_files(app: Sphinx, config: Config) -> None:
    """Our stylesheet, unless ``postlog_css`` is off; the user's static files come first,
    so a ``postlog.css`` of their own replaces it."""
    if not config.postlog_css:
        return
    static = str(Path(__file__).parent / "static")
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]
    app.add_css_file("postlog.css")


def add_templates(app: Sphinx, config: Config) -> None:
    """Let theme layouts include our templates (``postlog/post-details.html``); the
    user's own folders come first, so they can override them."""
    if str(PACKAGE_TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(PACKAGE_TEMPLATES)]


def _kinds(types: tuple[type, ...]) -> str:
    names = {bool: "true or false", int: "a whole number", str: "text", list: "a list",
             tuple: "a list", dict: "a dictionary", type(None): "None"}
    return " or ".join(dict.fromkeys(names.get(kind, kind.__name__) for kind in types))


_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def checked_value(setting: Setting, value: Any) -> tuple[Any, str | None]:
    """``value`` as the setting takes it, and what was wrong with it (None if nothing):
    a string where a list is expected is a one-item list; a number written as text is
    that number; anything else unusable is replaced by the default."""
    types = setting.types
    if list in types and isinstance(value, (str, tuple)):
        value = [value] if isinstance(value, str) else list(value)
    number = int in types and not isinstance(value, bool)
    if number and isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return checked_value(setting, int(value))[0], f"is text; using {int(value)!r}"
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        return setting.default, f"must be {_kinds(types)}; using {setting.default!r}"
    if (setting.minimum is not None and isinstance(value, int) and not isinstance(value, bool)
            and value < setting.minimum):
        return setting.default, (f"must be {setting.minimum} or more; "
                                 f"using {setting.default!r}")
    if setting.choices and isinstance(value, str) and value not in setting.choices:
        return setting.default, (f"must be one of {', '.join(map(repr, setting.choices))}; "
                                 f"using {setting.default!r}")
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        kept = [item for item in value if isinstance(item, str)]
        known = checked_value(setting, kept)[0]  # and only the items it knows
        return known, f"must be a list of text; using {known!r}"
    if setting.choices and isinstance(value, list):
        kept = [item for item in value if item in setting.choices]
        if kept != value:
            return kept, (f"knows only {', '.join(map(repr, setting.choices))}; "
                          f"using {kept!r}")
    return value, None


#: Settings whose value maps keys to a name or {"name": …, "url": …}.
_BOOKS = ("postlog_authors", "postlog_locations", "postlog_languages")


def _checked_book(value: dict[Any, Any]) -> tuple[dict[str, Any], str | None]:
    """Entries that are a name, ``{"name": …, "url": …}`` or ABlog's ``(name, url)``."""
    book: dict[str, Any] = {}
    dropped = []
    for key, entry in value.items():
        if isinstance(entry, (list, tuple)) and entry and all(
                isinstance(part, (str, type(None))) for part in entry[:2]):
            entry = {"name": entry[0], "url": entry[1] if len(entry) > 1 else None}
        if isinstance(entry, str) or (isinstance(entry, dict) and isinstance(
                entry.get("name"), str)):
            book[str(key)] = entry
        else:
            dropped.append(str(key))
    problem = (f"entries {', '.join(map(repr, dropped))} are neither a name nor "
               "{'name': ..., 'url': ...}; left out") if dropped else None
    return book, problem


def config_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` of the (last) line that sets ``name``, for warnings (None when
    it is not set there: a ``-D`` override, or set by ABlog's equivalent)."""
    path = Path(str(getattr(app, "confdir", "") or "."), "conf.py")
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    matches = list(re.finditer(rf"^\s*{re.escape(name)}\s*[:=]", text, re.MULTILINE))
    if not matches:
        return None
    return f"{path}:{text.count(chr(10), 0, matches[-1].start()) + 1}"  # the last one wins


def check_config(app: Sphinx, config: Config) -> None:
    """Replace unusable values, each with one warning that names the setting and the
    value used instead; never a traceback."""
    for setting in SETTINGS:
        value = config[setting.name]
        fixed, problem = checked_value(setting, value)
        if problem is None and setting.name in _BOOKS:
            fixed, problem = _checked_book(fixed)
        if problem is not None:
            warn(f"{setting.name} = {value!r} {problem}", PostlogWarning.CONFIG,
                 location=config_location(app, setting.name))
        config[setting.name] = fixed
    try:
        make_timezone(config.postlog_timezone)
    except (ValueError, KeyError, OSError):
        warn(f"postlog_timezone = {config.postlog_timezone!r} is not a known time zone; "
             "using 'UTC'", PostlogWarning.CONFIG,
             location=config_location(app, "postlog_timezone"))
        config.postlog_timezone = "UTC"
    check_sphinx_settings(app, config)


#: Sphinx's settings that sphinx-postlog reads as text and that Sphinx itself takes in
#: any type until it uses them (other settings of the wrong type stop Sphinx first), and
#: the value that stands for "not set".
SPHINX_TEXT_SETTINGS: dict[str, str | None] = {"html_baseurl": "", "today_fmt": None}


def check_sphinx_settings(app: Sphinx, config: Config) -> None:
    """A Sphinx setting that must be text and is not (``html_baseurl = 5``) is treated
    as unset, with one warning, rather than breaking post lists, pages and feeds."""
    for name, unset in SPHINX_TEXT_SETTINGS.items():
        value = config[name]
        if value is not None and not isinstance(value, str):
            warn(f"{name} = {value!r} must be text; treated as unset ({unset!r})",
                 PostlogWarning.CONFIG, location=config_location(app, name))
            config[name] = unset


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
