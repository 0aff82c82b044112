"""Writing: what the output folder receives.

Archive pages, feeds in each format, the extras of post pages (social metadata, feed
links, full content for feeds), sidebars, cover images, the report builder, and the
record of what was written, so the next build writes only what changed.
"""
