# A small ABlog site, written the way an ABlog user would write it.
# The test suite swaps "ablog" for "sphinx_postlog" in `extensions` and
# compares the output with tests/ablog_reference/ablog-0.11.13.json.
# Nothing here imports ablog: ABlog injects its own templates.

project = "Field Notes"
author = "Sébastien Piluso"
copyright = "2024, Sébastien Piluso"

extensions = ["ablog", "myst_parser"]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
templates_path = ["_templates"]
exclude_patterns = ["_build"]
show_warning_types = True

# -- ABlog ---------------------------------------------------------------------

blog_path = "blog"
blog_title = "Field Notes Blog"
blog_baseurl = "https://example.org/"
blog_feed_subtitle = "Tooling, travel and open source, written down"
blog_post_pattern = "posts/*"

blog_authors = {
    "sp": ("Sébastien Piluso", "https://example.org/about/sp"),
    "mk": ("Mira Kowalczyk", None),
}
blog_locations = {
    "par": ("Paris", "https://en.wikipedia.org/wiki/Paris"),
    "yul": ("Montréal", None),
}
blog_languages = {
    "en": ("English", None),
    "fr": ("Français", None),
}
blog_default_author = "sp"

post_date_format = "%d %B %Y"
post_auto_excerpt = 2
post_redirect_refresh = 3

html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "ablog/authors.html",
        "ablog/locations.html",
        "ablog/languages.html",
        "searchbox.html",
    ],
}
