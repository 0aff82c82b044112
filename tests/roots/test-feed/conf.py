project = "Feed & Co"
author = "Site Owner"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/blog-site"
postlog_feed_length = 3
postlog_timezone = "Europe/Paris"
postlog_authors = {"jane": {"name": "Jane Doe", "url": "https://jane.example/"}}
show_warning_types = True  # the default from Sphinx 8 on

myst_heading_anchors = 2
# Times with and without a zone are the point here.
postlog_lint = []
