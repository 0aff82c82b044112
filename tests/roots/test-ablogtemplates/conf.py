# An ABlog site restyled by overriding ABlog's templates (in _templates/): its archive
# pages, catalog pages, post card, previous/next bar, recent posts sidebar and a layout
# that reads `ablog`. The test suite swaps "ablog" for "sphinx_postlog" in `extensions`
# and compares the output with tests/ablog_reference/ablog-0.11.13-templates.json.

project = "Restyled"
author = "Ana Lima"
copyright = "2024, Ana Lima"

extensions = ["ablog", "myst_parser"]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
templates_path = ["_templates"]
exclude_patterns = ["_build"]
show_warning_types = True

blog_path = "blog"
blog_title = "Restyled Blog"
blog_baseurl = "https://example.org/"
blog_post_pattern = "posts/*"
blog_authors = {
    "ana": ("Ana Lima", "https://example.org/ana"),
    "ben": ("Ben Okafor", None),
}
post_date_format = "%Y-%m-%d"
post_date_format_short = "%d %b"

html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "searchbox.html",
    ],
}
