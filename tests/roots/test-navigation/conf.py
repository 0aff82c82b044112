# A first site: a home page whose toctree names the blog index, posts without toctrees.
project = "Navigation"
author = "Jane Site"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
postlog_blog_title = "Field & notes"
postlog_archive_page_size = 2
