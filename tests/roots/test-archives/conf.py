project = "Archives"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
copyright = "2026, Test"
version = release = "1.0"
show_warning_types = True  # the default from Sphinx 8 on
# Tags that differ only by case are the point here (their pages get distinct slugs).
postlog_lint = []
