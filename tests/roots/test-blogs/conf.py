project = "Two blogs"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
show_warning_types = True
exclude_patterns = ["_build"]
html_sidebars = {"**": ["postlog/recent-posts.html", "postlog/sidebar-tags.html"]}
postlog_blogs = {
    "news": {"path": "news", "pattern": ["news/*"], "title": "News",
             "archives": ["tag", "year"], "page_size": 2},
    "eng": {"path": "engineering", "pattern": "eng/**", "title": "Engineering",
            "feed_tags": True, "feed_title": "Engineering notes"},
}
