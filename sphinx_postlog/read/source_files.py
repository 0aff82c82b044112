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


def _fits(part: str) -> bool:
    """A path part a file system can hold."""
    return "\x00" not in part and len(part.encode("utf-8", "surrogatepass")) <= NAME_MAX
