"""Files in the output folder: written only when their content changes (so their
dates, and what syncs them, stay put), and removed only inside the output folder."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from sphinx_postlog.diagnostics import logger


def inside(outdir: Path, path: Path) -> bool:
    """True if ``path`` is inside ``outdir`` (never remove anything else)."""
    return path.resolve().is_relative_to(outdir.resolve())


def remove_stale(outdir: Path, files: Iterable[tuple[Path, str]], message: str,
                 keep: Collection[Path] = frozenset()) -> None:
    """Remove the files an earlier build wrote that this one does not: each of
    ``files`` (its path, and what ``message`` calls it) that is still there, inside
    ``outdir`` and not in ``keep`` (what this build writes at the same place); each
    removal is said with ``message``, whose ``%s`` is the file's name."""
    for path, name in files:
        if inside(outdir, path) and path.is_file() and path not in keep:
            path.unlink()
            logger.info(message, name)


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
