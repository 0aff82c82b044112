"""sphinx-postlog: a blog for Sphinx sites written in MyST Markdown.

Posts are read while Sphinx reads sources; lists, archive pages and feeds are made when
it writes. ``setup()`` wires each stage to its Sphinx event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import ablog, archives, config, directives, feeds, outputs, postpage, schedule, sidebars
from .collector import PostCollector, read_front_matter
from .domain import PostlogDomain
from .i18n import LOCALE_DIR, MESSAGE_CATALOG
from .nodes import postlist

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

#: Bump when the registry's pickled form changes, so old environments are rebuilt.
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    """Register configuration, the post collector, directives and writers."""
    app.setup_extension("myst_parser")
    config.register(app)
    app.connect("config-inited", ablog.read_ablog_settings)
    app.connect("config-inited", config.check_config)
    app.connect("config-inited", config.add_templates)
    app.connect("config-inited", config.add_static_files)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))

    app.connect("source-read", read_front_matter)
    app.add_env_collector(PostCollector)
    app.connect("env-updated", schedule.configure_visibility)

    app.add_domain(PostlogDomain)
    app.add_node(postlist)
    app.add_directive("postlist", directives.PostListDirective)
    app.add_directive("post", ablog.PostDirective)
    app.connect("doctree-resolved", directives.resolve_postlists)
    app.connect("doctree-resolved", postpage.add_post_furniture)
    app.connect("html-page-context", postpage.post_page_context)
    app.connect("html-page-context", sidebars.site_context)

    app.connect("html-collect-pages", archives.collect_archive_pages)
    app.connect("builder-inited", feeds.warn_if_feed_impossible)
    app.connect("html-page-context", feeds.feed_link_tag)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", outputs.save_manifest)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
