project = "Front matter"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
postlog_authors = {"jane": {"name": "Jane Doe", "url": "https://jane.example"}, "sam": "Sam Roe"}
show_warning_types = True  # the default from Sphinx 8 on
# Every way of writing tags and dates is here, so the same tag is spelt several ways.
postlog_lint = []
