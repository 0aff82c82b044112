project = "Incremental"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
