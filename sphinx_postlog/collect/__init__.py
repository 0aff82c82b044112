"""Collecting: the registry of every post, kept in the build environment.

The environment collector registers the post each page read is (``read.page_reading``
makes it), and purges and merges the registry for incremental and parallel builds;
after reading, it is configured for this build (what is published, how terms are
named) and checked (lint, ABlog notes).
"""
