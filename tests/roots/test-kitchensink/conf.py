project = "Kitchen sink"
author = "Kit Chen"
extensions = ["sphinx_postlog", "sphinx.ext.mathjax"]
html_baseurl = "https://example.org/site/"
postlog_feed_full_content = True
postlog_feed_tags = True
myst_enable_extensions = ["dollarmath", "deflist", "colon_fence", "html_image"]
show_warning_types = True  # the default from Sphinx 8 on
