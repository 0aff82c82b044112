"""What earlier builds wrote into the output directory, so that a build writes only the
generated pages whose content changed and removes the ones that no longer exist.

A manifest in the output directory maps each generated page to a digest of everything it
shows. It lives with the output it describes, so ``html`` and ``dirhtml`` (or a deleted
output folder) never confuse each other. It is saved only when the build succeeds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import logger

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .archives import Page

MANIFEST = ".postlog-pages.json"
_PENDING = "_postlog_pending_manifest"
_TEMPLATES = Path(__file__).parent / "templates"


def _load(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def rendering_fingerprint(app: Sphinx) -> str:
    """What every generated page depends on besides its own content: configuration,
    tags, templates (theme, user and ours), the package version, and the toctrees
    (the theme's navigation)."""
    from . import __version__

    builder: Any = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0.0
    ours = max((p.stat().st_mtime for p in _TEMPLATES.rglob("*.html")), default=0.0)
    toctrees = sorted(app.env.toctree_includes.items())
    parts = (__version__, getattr(info, "config_hash", ""), getattr(info, "tags_hash", ""),
             newest, ours, toctrees)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def page_digest(fingerprint: str, page: Page) -> str:
    """A digest of one generated page's name, context and template."""
    pagename, context, template = page
    content = repr((fingerprint, pagename, template, sorted(context.items())))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def pages_to_write(app: Sphinx, pages: Iterable[Page]) -> Iterator[Page]:
    """The pages whose content changed since the last successful build (or whose file
    is missing); removes pages that are no longer generated. The new manifest is saved
    by ``save_manifest`` once the build has succeeded."""
    builder: Any = app.builder
    outdir = Path(builder.outdir)
    previous = _load(outdir / MANIFEST)
    fingerprint = rendering_fingerprint(app)
    current = {page[0]: (page, page_digest(fingerprint, page)) for page in pages}
    for pagename in sorted(previous.keys() - current.keys()):
        path = Path(builder.get_outfilename(pagename))
        if path.resolve().is_relative_to(outdir.resolve()) and path.is_file():
            path.unlink()
            logger.info("postlog: removed %s, which has no posts any more", pagename)
    setattr(app, _PENDING, {name: digest for name, (_, digest) in current.items()})
    for pagename, (page, digest) in current.items():
        unchanged = previous.get(pagename) == digest
        if not unchanged or not Path(builder.get_outfilename(pagename)).is_file():
            yield page


def save_manifest(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember what this build wrote, if it succeeded."""
    pending = getattr(app, _PENDING, None)
    if exception is not None or pending is None:
        return
    path = Path(app.builder.outdir, MANIFEST)
    path.write_text(json.dumps(pending, indent=0, sort_keys=True), encoding="utf-8")
    delattr(app, _PENDING)


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
