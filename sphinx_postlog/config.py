"""sphinx-postlog's configuration: the settings table (``config_table``), the checks of
its values (``config_checks``) and of the places they name (``config_paths``), and the
``config-inited`` handlers that add the package's templates and stylesheet.

The names are kept here too, so code that imports them from ``config`` keeps working.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_postlog.config_checks import (
    SPHINX_TEXT_SETTINGS,
    check_config,
    check_sphinx_settings,
    checked_value,
    config_location,
)
from sphinx_postlog.config_paths import (
    NEW_POST_PLACEHOLDERS,
    NEW_POST_SUFFIXES,
    OUTPUT_FOLDERS,
    SPHINX_PAGES,
    UNSET_AUTHORS,
    PostPattern,
    blog_index_page,
    check_new_post_path,
    check_paths,
    check_post_pattern,
    facet_index_page,
    new_post_path_problem,
    path_defaults,
    safe_output_path,
    same_file,
    site_author,
    site_feed_files,
    sphinx_place,
)
from sphinx_postlog.config_table import (
    ABLOG_PATHS,
    LINT_RULES,
    PACKAGE_TEMPLATES,
    SETTING,
    SETTINGS,
    Rebuild,
    Setting,
    register,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__all__ = ["ABLOG_PATHS", "LINT_RULES", "NEW_POST_PLACEHOLDERS", "NEW_POST_SUFFIXES",
           "OUTPUT_FOLDERS", "PACKAGE_TEMPLATES", "SETTING", "SETTINGS", "SPHINX_PAGES",
           "SPHINX_TEXT_SETTINGS", "UNSET_AUTHORS", "PostPattern", "Rebuild", "Setting",
           "add_static_files", "add_templates", "blog_index_page", "check_config",
           "check_new_post_path", "check_paths", "check_post_pattern",
           "check_sphinx_settings", "checked_value", "config_location",
           "facet_index_page", "new_post_path_problem", "path_defaults", "register",
           "safe_output_path", "same_file", "site_author", "site_feed_files",
           "sphinx_place"]


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
