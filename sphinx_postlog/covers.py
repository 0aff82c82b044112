"""Cover images: where each post's image is published, and copying it there.

An image inside the source folder is copied to ``_images/postlog/`` under a name made
from its path (so two ``cover.png`` of different posts never collide, and a rebuild
gives the same name); an image given by URL is used as it is.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from .normalise import is_url
from .outputs import inside, write_if_changed
from .registry import get_registry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts import Post

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


def copy_covers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy every published post's image into the output folder,
    and remove the ones no post uses any more."""
    if exception is not None or app.builder.format != "html":
        return
    outdir, srcdir = Path(app.builder.outdir), Path(app.srcdir)
    wanted = {}
    for post in get_registry(app.env).posts.values():
        path = output_path(post.image)
        if path is not None:
            wanted[path] = srcdir / post.image
    folder = outdir.joinpath(*FOLDER.split("/"))
    for existing in sorted(folder.iterdir()) if folder.is_dir() else ():
        if f"{FOLDER}/{existing.name}" not in wanted and inside(outdir, existing):
            existing.unlink()
    for path, source in sorted(wanted.items()):
        if source.is_file():
            write_if_changed(outdir.joinpath(*path.split("/")), source.read_bytes())
