"""Files in the output folder: written only when their content changes (so their
dates, and what syncs them, stay put), and removed only inside the output folder."""

from __future__ import annotations

from pathlib import Path


def inside(outdir: Path, path: Path) -> bool:
    """True if ``path`` is inside ``outdir`` (never remove anything else)."""
    return path.resolve().is_relative_to(outdir.resolve())


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
