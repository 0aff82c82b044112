project = "Notebook blog"
author = "Nora Book"
extensions = ["myst_nb", "sphinx_postlog"]
nb_execution_mode = "off"
html_baseurl = "https://example.org/"
postlog_feed_full_content = True
show_warning_types = True  # the default from Sphinx 8 on
# A dict of its own: Sphinx adds extensions' suffixes to this setting in place, and the
# default dict is shared by every application in the test process.
source_suffix = {".rst": "restructuredtext"}
