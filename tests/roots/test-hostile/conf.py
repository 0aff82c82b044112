project = "Hostile <input> & co"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
# Hostile spellings of one tag are the point here.
postlog_lint = []
