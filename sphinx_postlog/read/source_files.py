"""Which files of the source folder may be published as they are (a post's cover image).

One check serves both the reading, which decides whether a post has a cover, and the
copying, which publishes it: a file read earlier may since have become a link to
anything on the machine (``/proc/self/environ``), so it is checked again when it is
copied. A publishable file is a regular file inside the source folder, reached without a
symbolic link, with a name the output folder can hold.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The longest file name (in UTF-8 bytes) most file systems accept.
NAME_MAX = 255


def publishable(folder: Path, path: str) -> Path | None:
    """``path`` (``/``-separated, relative to ``folder``) as a file that may be
    published, or None: outside the folder, missing, not a regular file, reached
    through a symbolic link, or a name no file can have (a NUL, an overlong part)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or any(not _fits(part) for part in parts):
        return None
    current = folder
    try:
        for part in parts:
            current = current / part
            mode = os.lstat(current).st_mode
            if stat.S_ISLNK(mode):
                return None
    except (OSError, ValueError):
        return None
    return current if stat.S_ISREG(mode) else None


def notebook_outputs(env: object) -> Path | None:
    """The folder where MyST-NB writes the images of notebook cell outputs (next to the
    output folder, so outside the source folder), or None without MyST-NB."""
    folder = getattr(getattr(env, "mystnb_config", None), "output_folder", None)
    return Path(folder) if isinstance(folder, str) and folder else None


def cover_file(folder: Path, path: str, outputs: Path | None = None) -> Path | None:
    """``path`` (an image's path from the source folder ``folder``, as Sphinx writes it)
    as a file that may be published: a file of the source folder (see ``publishable``)
    or, with ``outputs``, the image of a notebook's cell output MyST-NB wrote there
    (``../_build/jupyter_execute/<digest>.png``), checked the same way inside that
    folder."""
    found = publishable(folder, path)
    if found is not None or outputs is None or "\x00" in path:
        return found
    target = Path(os.path.normpath(Path(os.path.abspath(folder)) / path))
    try:
        inner = target.relative_to(Path(os.path.abspath(outputs)))
    except ValueError:
        return None
    return publishable(outputs, inner.as_posix()) if inner.parts else None


def _fits(part: str) -> bool:
    """A path part a file system can hold."""
    return "\x00" not in part and len(part.encode("utf-8", "surrogatepass")) <= NAME_MAX
