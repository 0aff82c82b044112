project = "Excerpts"
extensions = ["sphinx_postlog", "sphinx.ext.intersphinx"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
myst_heading_anchors = 2
# A local inventory (one class, Thing), so that no network is needed.
intersphinx_mapping = {"ext": ("https://ext.example.org/", "ext.inv")}
