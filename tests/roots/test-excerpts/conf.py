project = "Excerpts"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
myst_heading_anchors = 2
