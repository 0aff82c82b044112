# An ABlog site whose posts tie and whose terms share slugs, written as for ABlog.
# tests/ablog_reference records what ABlog 0.11.13 makes of it (ablog-0.11.13-ties.json);
# the test suite swaps "ablog" for "sphinx_postlog" in `extensions` and compares.

project = "Ties"
extensions = ["ablog", "myst_parser"]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
show_warning_types = True
# the similar-looking terms are the point of this site
suppress_warnings = ["postlog.lint"]

blog_path = "blog"
blog_baseurl = "https://example.org/"
blog_post_pattern = "posts/*"
# "gh" is shown as "Guaya Hack", whose slug "guaya-hack" is also the name of another
blog_authors = {"gh": ("Guaya Hack", None)}
