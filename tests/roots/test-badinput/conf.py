project = "Bad input"
extensions = ["sphinx_postlog"]
html_baseurl = "https://example.org/"
