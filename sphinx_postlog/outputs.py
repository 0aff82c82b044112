"""What earlier builds wrote into the output directory, so that a build writes only the
generated pages whose content changed and removes the ones that no longer exist.

A manifest in the output directory maps each generated page to a digest of everything it
shows. It lives with the output it describes, so ``html`` and ``dirhtml`` (or a deleted
output folder) never confuse each other. It is saved only when the build succeeds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import logger

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .archives import Page

MANIFEST = ".postlog-pages.json"
_PENDING = "_postlog_pending_manifest"
_TEMPLATES = Path(__file__).parent / "templates"


class Manifest:
    """The generated pages of the last successful build: a digest of all their inputs,
    and a digest of each page."""

    def __init__(self, inputs: str = "", pages: dict[str, str] | None = None) -> None:
        self.inputs = inputs
        self.pages = pages or {}

    @classmethod
    def load(cls, outdir: Path) -> Manifest:
        try:
            data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
            return cls(str(data["inputs"]), {str(k): str(v) for k, v in data["pages"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, outdir: Path) -> None:
        content = {"inputs": self.inputs, "pages": self.pages}
        (outdir / MANIFEST).write_text(json.dumps(content, indent=0, sort_keys=True),
                                       encoding="utf-8")


def rendering_fingerprint(app: Sphinx) -> str:
    """What every generated page depends on besides its own content: configuration
    (Sphinx's HTML settings and all of ours), tags, templates (theme, user and ours), the
    package version, and the toctrees (the theme's navigation)."""
    from . import __version__

    builder: Any = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0.0
    ours = max((p.stat().st_mtime for p in _TEMPLATES.rglob("*.html")), default=0.0)
    toctrees = sorted(app.env.toctree_includes.items())
    ours_config = sorted((item.name, repr(item.value)) for item in app.config
                         if item.name.startswith("postlog_"))
    parts = (__version__, getattr(info, "config_hash", ""), getattr(info, "tags_hash", ""),
             ours_config, newest, ours, toctrees)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def page_digest(fingerprint: str, page: Page) -> str:
    """A digest of one generated page's name, context and template."""
    pagename, context, template = page
    content = repr((fingerprint, pagename, template, sorted(context.items())))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def nothing_changed(app: Sphinx, inputs: str) -> bool:
    """True if the last build made its pages from the same inputs and they are all still
    there: then no page needs to be made at all (the common no-op rebuild)."""
    builder: Any = app.builder
    manifest = Manifest.load(Path(builder.outdir))
    return manifest.inputs == inputs and all(
        Path(builder.get_outfilename(pagename)).is_file() for pagename in manifest.pages)


def pages_to_write(app: Sphinx, pages: Iterable[Page], inputs: str, fingerprint: str,
                   pagenames: Set[str]) -> Iterator[Page]:
    """The pages whose content changed since the last successful build (or whose file
    is missing), taken one at a time from ``pages`` so that only one page is held in
    memory. Files of earlier pages not in ``pagenames`` are removed first. The new
    manifest is saved by ``save_manifest`` once the build has succeeded."""
    builder: Any = app.builder
    outdir = Path(builder.outdir)
    previous = Manifest.load(outdir).pages
    for pagename in sorted(previous.keys() - pagenames):
        path = Path(builder.get_outfilename(pagename))
        if path.resolve().is_relative_to(outdir.resolve()) and path.is_file():
            path.unlink()
            logger.info("postlog: removed %s, which has no posts any more", pagename)
    manifest = Manifest(inputs)
    setattr(app, _PENDING, manifest)
    for page in pages:
        pagename = page[0]
        digest = manifest.pages[pagename] = page_digest(fingerprint, page)
        if previous.get(pagename) != digest or not Path(
                builder.get_outfilename(pagename)).is_file():
            yield page


def save_manifest(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember what this build wrote, if it succeeded."""
    pending = getattr(app, _PENDING, None)
    if exception is not None or pending is None:
        return
    pending.save(Path(app.builder.outdir))
    delattr(app, _PENDING)


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
