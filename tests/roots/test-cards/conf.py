project = "Cards"
author = "Ada Lovelace"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True  # the default from Sphinx 8 on
postlog_archive_style = "cards"
postlog_authors = {"ada": {"name": "Ada Lovelace", "url": "https://example.org/ada"}}
html_sidebars = {"**": ["postlog/recent-posts.html", "postlog/sidebar-tags.html",
                        "postlog/sidebar-categories.html", "postlog/sidebar-authors.html",
                        "postlog/sidebar-archives.html", "searchbox.html"]}
