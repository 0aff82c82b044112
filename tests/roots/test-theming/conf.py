project = "Theming"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
templates_path = ["_templates"]
# The layout places the details itself, without related posts.
postlog_post_furniture = "template"
postlog_related_posts = 0
