# An ABlog MyST blog, with "ablog" replaced by "sphinx_postlog" and nothing else changed.
project = "ABlog blog"
extensions = ["sphinx_postlog"]
show_warning_types = True  # the default from Sphinx 8 on
blog_path = "news"
blog_title = "News"
blog_baseurl = "https://example.org/"
blog_authors = {"Ahmet": ("Ahmet Bakan", "https://ahmetbakan.example")}
blog_post_pattern = "posts/*"
post_date_format = "%b %d, %Y"
blog_feed_archives = True
disqus_shortname = "example"
html_sidebars = {
    "**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/tagcloud.html",
           "ablog/categories.html", "ablog/archives.html", "ablog/authors.html",
           "ablog/languages.html", "ablog/locations.html", "searchbox.html"],
}
