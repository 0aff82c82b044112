"""Cover images in the output folder: each published post's image copied, and the ones
no post uses any more removed.

Each file is checked again as it is copied (``read.source_files``): what was read
earlier may since have become a link to another file of the machine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, contained, warn
from sphinx_postlog.read.source_files import cover_file, notebook_outputs
from sphinx_postlog.record.output_files import inside, write_if_changed
from sphinx_postlog.render.covers import FOLDER, output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def copy_covers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy every published post's image into the output folder,
    and remove the ones no post uses any more."""
    if exception is not None or app.builder.format != "html":
        return
    outdir, srcdir = Path(app.builder.outdir), Path(app.srcdir)
    outputs = notebook_outputs(app.env)
    wanted: dict[str, tuple[Path, tuple[str, int]]] = {}
    for post in get_registry(app.env).posts.values():
        path = output_path(post.image)
        if path is None:
            continue
        location = (post.docname, post.line_of("image"))
        source = cover_file(srcdir, post.image, outputs)
        if source is None:
            warn(f"image: {post.image!r} is no longer a file inside the source folder "
                 "(a symbolic link is not published); not copied",
                 PostlogWarning.FIELD, location=location)
        else:
            wanted[path] = source, location
    folder = outdir.joinpath(*FOLDER.split("/"))
    for existing in sorted(folder.iterdir()) if folder.is_dir() else ():
        if f"{FOLDER}/{existing.name}" not in wanted and inside(outdir, existing):
            existing.unlink()
    for path, (source, location) in sorted(wanted.items()):
        with contained(f"copying the cover image {source.name!r}", location):
            write_if_changed(outdir.joinpath(*path.split("/")), source.read_bytes())
