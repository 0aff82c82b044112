"""Reading: while Sphinx reads a page, what it says about itself as a post.

Front matter (MyST YAML, a reST field list, notebook metadata or a first cell), ABlog's
``{post}`` and ``{update}`` directives, the fields read into typed values, the excerpt,
authors, slugs and whether a post is a draft or scheduled. Nothing here knows other posts.
"""
