"""Rendering: how posts look, for any builder.

Views of posts and terms, relative links, where archive pages live, the Jinja templates
(one per piece of markup) and the docutils nodes built from the same views for builders
without HTML templates.
"""
