project = "Mixed blog"
author = "Rita Rest"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
postlog_feed_full_content = True
show_warning_types = True  # the default from Sphinx 8 on
