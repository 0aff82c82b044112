"""The settings table: every ``postlog_*`` configuration value, declared once with its
type, default and help.

The docs' configuration reference is generated from ``SETTINGS``, so it cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sphinx_postlog.facets import FACET

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
