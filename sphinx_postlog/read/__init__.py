"""Reading: while Sphinx reads a page, what it says about itself as a post.

Front matter (MyST YAML, a reST field list, notebook metadata or a first cell), ABlog's
``{post}`` and ``{update}`` directives, the fields read into typed values, the excerpt,
authors, slugs and whether a post is a draft or scheduled; ``page_reading`` hands the
collector each page's finished ``Post``. Nothing here knows other posts.
"""
