project = "Theming"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
templates_path = ["_templates"]
# The layout places the details itself.
postlog_post_meta = False
postlog_post_navigation = False
postlog_related_posts = 0
