"""sphinx-postlog: a blog for Sphinx sites written in MyST Markdown, notebooks or reST.

The flow runs one way, one folder a stage; no module imports from a later stage:
  read/     while Sphinx reads a page: its front matter, fields, excerpt -> a Post
  collect/  the registry of posts in the environment: merged, purged, checked
  render/   views of posts and the templates and links that show them
  record/   what is on disk: the record of what was written, fingerprints, what to rewrite
  write/    archive pages, feeds, post pages' extras
Shared by all: config (its table, checks and path checks), settings (the checked values
read once), diagnostics, i18n, nodes, normalise, facets; ``setup()`` below
wires each stage to its Sphinx event; directives and domain span reading and writing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx_postlog import ablog_settings, blogs, comments, config, directives, domain
from sphinx_postlog.collect import (
    ablog_reports,
    collector,
    excerpt_links,
    labels,
    lint,
    publication,
    series,
)
from sphinx_postlog.collect.collector import PostCollector
from sphinx_postlog.diagnostics import guarded
from sphinx_postlog.domain import PostlogDomain
from sphinx_postlog.i18n import add_catalogs
from sphinx_postlog.nodes import postlist
from sphinx_postlog.read import ablog_directives, sources
from sphinx_postlog.read.page_reading import read_front_matter
from sphinx_postlog.read.page_source import forget_read_ahead
from sphinx_postlog.record import rewrites, saved_record, stale_files
from sphinx_postlog.render import postpage
from sphinx_postlog.settings import PRIORITY, build_settings
from sphinx_postlog.write import (
    ablog_templates,
    archives,
    cover_files,
    feed_content,
    feeds,
    navigation,
    references,
    report,
    sidebars,
    social,
)
from sphinx_postlog.write import comments as page_comments

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: Bump when the registry's pickled form changes, so old environments are rebuilt.
ENV_VERSION = 6


#: Where each event's handlers find the page they work on, for warnings.
_PAGE_OF = {
    "source-read": lambda app, docname, source: docname,
    "doctree-resolved": lambda app, doctree, docname: docname,
    "html-page-context": lambda app, pagename, *rest: pagename,
}
#: What an event expects from a handler that failed.
_EMPTY_RESULT: dict[str, Callable[[], Any]] = {"env-get-updated": list,
                                               "env-get-outdated": list,
                                               "html-collect-pages": list}


def _connect(app: Sphinx, event: str, handler: Callable[..., Any], priority: int = 500) -> None:
    """Connect ``handler``; an unexpected error in it becomes one located warning."""
    what = f"running {handler.__name__} ({event})"
    app.connect(event, guarded(what, _PAGE_OF.get(event),
                               _EMPTY_RESULT.get(event, lambda: None))(handler),
                priority=priority)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register configuration, the post collector, directives and writers."""
    sources.load_markdown_parser(app)
    config.register(app)
    ablog_settings.register_ablog_config(app)
    for handler in (config.check_config, ablog_settings.read_ablog_settings,
                    comments.check_comments, sources.markdown_only_if_asked,
                    config.check_paths, blogs.check_blogs, config.check_new_post_path,
                    config.add_templates, config.add_static_files, build_settings):
        # in the order of their priorities: the blogs after the site's paths, the
        # settings object last, after every check
        _connect(app, "config-inited", handler, priority=PRIORITY[handler.__name__])
    add_catalogs(app)

    _connect(app, "env-before-read-docs", config.check_post_pattern)
    _connect(app, "env-before-read-docs", publication.keep_unpublished_out)
    _connect(app, "env-before-read-docs", labels.take_back_post_labels)
    _connect(app, "env-before-read-docs", navigation.name_blog_index)
    _connect(app, "source-read", read_front_matter)
    _connect(app, "env-get-outdated", collector.posts_to_read_again)
    app.add_env_collector(PostCollector)
    _connect(app, "env-updated", forget_read_ahead)
    _connect(app, "env-updated", collector.configure_visibility)
    _connect(app, "env-updated", collector.set_conventions)
    _connect(app, "env-updated", labels.set_post_labels)
    _connect(app, "env-updated", excerpt_links.resolve_excerpt_links)  # after the labels
    _connect(app, "env-updated", ablog_reports.report_rule_differences)
    _connect(app, "env-updated", ablog_reports.report_ignored_keys)
    _connect(app, "env-check-consistency", lint.check_posts)
    _connect(app, "env-check-consistency", series.check_series_order)

    _connect_output(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _connect_output(app: Sphinx) -> None:
    """The directives, the domain and the writers of pages, archives and feeds."""
    app.add_builder(report.PostlogReportBuilder)

    app.add_domain(PostlogDomain)
    app.add_node(postlist)
    app.add_directive("postlist", directives.PostListDirective)
    app.add_directive("post", ablog_directives.PostDirective)
    app.add_directive("update", ablog_directives.UpdateDirective)
    _connect(app, "doctree-resolved", directives.resolve_postlists)
    _connect(app, "doctree-resolved", postpage.add_post_furniture)
    _connect(app, "builder-inited", ablog_templates.add_loader)
    _connect(app, "html-page-context", ablog_templates.ablog_context, priority=90)
    _connect(app, "html-page-context", postpage.post_page_context, priority=100)
    # last: the site's ABlog templates see the page's whole context
    _connect(app, "html-page-context", ablog_templates.render_site_templates, priority=900)
    _connect(app, "html-page-context", sidebars.site_context)
    # before themes read the navigation (furo makes its sidebar in html-page-context)
    _connect(app, "html-page-context", navigation.blog_parents, priority=400)
    _connect(app, "html-page-context", page_comments.add_comments, priority=150)
    _connect(app, "env-get-updated", page_comments.pages_with_new_comments)

    _connect(app, "missing-reference", references.resolve_ablog_reference)
    _connect(app, "warn-missing-reference", domain.warn_missing_reference)
    _connect(app, "html-collect-pages", archives.collect_archive_pages)
    _connect(app, "html-page-context", archives.fill_blog_index)
    _connect(app, "builder-inited", ablog_settings.map_ablog_sidebars)
    _connect(app, "builder-inited", feeds.warn_if_feed_impossible)
    _connect(app, "builder-inited", feeds.warn_if_feed_unnamed)
    _connect(app, "html-page-context", feeds.feed_link_tag)
    # before sphinxext-opengraph, which reads the page's metadata and description
    _connect(app, "html-page-context", social.add_metadata, priority=450)
    _connect(app, "html-page-context", social.leave_card_to_opengraph, priority=550)
    _connect(app, "html-page-context", feed_content.keep_post_text)
    _connect(app, "env-get-updated", feed_content.posts_without_text)
    _connect(app, "build-finished", feeds.write_feeds)
    _connect(app, "build-finished", cover_files.copy_covers)
    _connect(app, "env-get-updated", rewrites.documents_to_rewrite)
    _connect(app, "env-get-updated", references.documents_with_moved_references)
    _connect(app, "build-finished", stale_files.remove_unpublished_posts)
    _connect(app, "build-finished", saved_record.save_record)
    _connect(app, "build-finished", navigation.forget_blog_index)
    _connect(app, "build-finished", ablog_settings.warn_if_ablog_code_runs)
