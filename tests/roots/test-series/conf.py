project = "Series"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
copyright = "2026, Test"
version = release = "1.0"
show_warning_types = True  # the default from Sphinx 8 on
postlog_feed_formats = ["atom", "rss", "json"]
