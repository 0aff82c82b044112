"""Configuration of the sphinx-postlog documentation, itself a small blog."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinx_postlog import __version__

project = "sphinx-postlog"
author = "sphinx-postlog contributors"
copyright = "2026, sphinx-postlog contributors"
release = version = __version__

extensions = ["sphinx_postlog", "postlog_reference"]
exclude_patterns = ["_build", "performance-results.md"]  # included by performance.md

html_theme = "alabaster"
html_title = "sphinx-postlog"
html_baseurl = "https://sphinx-postlog.readthedocs.io/en/latest/"
html_theme_options = {
    "description": "A blog for your Sphinx site",
    "fixed_sidebar": True,
}

myst_heading_anchors = 3

# The blog
postlog_post_pattern = ["posts/*"]
postlog_new_post_path = "posts/{slug}.md"  # where `sphinx-postlog new` writes
postlog_authors = {
    "maintainers": {"name": "The sphinx-postlog maintainers",
                    "url": "https://sphinx-postlog.readthedocs.io/"},
}
postlog_feed_title = "sphinx-postlog news"
postlog_feed_tags = True
html_sidebars = {
    "**": ["about.html", "navigation.html", "postlog/recent-posts.html",
           "postlog/sidebar-tags.html", "searchbox.html"],
}
