"""Cover images: where each post's image is published.

An image inside the source folder is copied to ``_images/postlog/`` under a name made
from its path (so two ``cover.png`` of different posts never collide, and a rebuild
gives the same name); an image given by URL is used as it is.
"""

from __future__ import annotations

import hashlib
import posixpath
from typing import TYPE_CHECKING

from sphinx_postlog.normalise import is_url

if TYPE_CHECKING:
    from sphinx_postlog.read.posts import Post

FOLDER = "_images/postlog"


def output_path(image: str) -> str | None:
    """Where a post's image is published, relative to the output folder (None for an
    image given by URL)."""
    if not image or is_url(image):
        return None
    digest = hashlib.sha256(image.encode("utf-8")).hexdigest()[:10]
    return f"{FOLDER}/{digest}-{posixpath.basename(image)}"


def absolute_url(post: Post, root: str | None) -> str | None:
    """The cover image's absolute URL (None without an image, or without a base URL
    for a copied one)."""
    if is_url(post.image):
        return post.image
    path = output_path(post.image)
    return root + path if path and root else None
