"""Collecting: the registry of every post, kept in the build environment.

The environment collector fills it as pages are read and purges and merges it for
incremental and parallel builds; after reading, it is configured for this build (what is
published, how terms are named) and checked (lint, ABlog notes).
"""
