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
    digest = hashlib.sha256(image.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{FOLDER}/{digest}-{_short(posixpath.basename(image))}"


#: The longest file name kept as it is after the digest; a longer one is cut (the
#: digest of the whole path keeps names apart), so every name fits a file system.
_NAME_LIMIT = 120


def _short(name: str) -> str:
    """``name`` cut to ``_NAME_LIMIT`` UTF-8 bytes, keeping its suffix (``.png``)."""
    if len(name.encode("utf-8", "surrogatepass")) <= _NAME_LIMIT:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = name, ""
    ending = f".{suffix}" if suffix else ""
    room = _NAME_LIMIT - len(ending.encode("utf-8", "surrogatepass"))
    cut = stem.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return cut + ending


def absolute_url(post: Post, root: str | None) -> str | None:
    """The cover image's absolute URL (None without an image, or without a base URL
    for a copied one)."""
    if is_url(post.image):
        return post.image
    path = output_path(post.image)
    return root + path if path and root else None
