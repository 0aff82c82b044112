"""The record of what earlier builds wrote into the output folder: what ``rewrites``
compares this build with, to write only what changed, and ``stale_files``, to remove
what it no longer writes.

One record per output folder holds what the last successful build there showed: a
digest of each generated page, the feeds it wrote, and what the documents showing posts
showed (post lists, links to terms, neighbours). It is kept beside Sphinx's doctrees
(``<doctreedir>/postlog/<builder>-<key>/record.json``, with the posts' kept text), never
in the output folder, which is published: the key is a hash of the output folder's
resolved path and the builder's name, so builders that share a doctree folder
(``sphinx-build -M html`` then ``-M dirhtml``) and output folders that share one builder
never confuse each other. The record of this build is saved only when the build
succeeds. Earlier versions kept it in ``<outdir>/.postlog/``: that folder is read once
if there is no record yet, and removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_postlog.diagnostics import logger
from sphinx_postlog.record.output_files import inside

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: The record's file, in the output folder's state folder (see ``state_dir``).
RECORD = "record.json"
#: Where each output folder's state folder is, inside Sphinx's doctree folder.
STATE_FOLDER = "postlog"
#: Where earlier versions kept their state, inside the output folder (so it was
#: published): read if there is no record yet, then removed.
OLD_STATE_FOLDER = ".postlog"
#: The record of sphinx-postlog 0.1, replaced by RECORD.
_OLD_MANIFEST = ".postlog-pages.json"
_LAST, _NEXT = "_postlog_last_record", "_postlog_next_record"


@dataclass
class OutputRecord:
    """What one build wrote into an output folder."""

    #: A digest of every input of the generated pages (all unchanged: nothing to do).
    inputs: str = ""
    #: Each generated page (archive, redirect) and a digest of what it shows.
    pages: dict[str, str] = field(default_factory=dict)
    #: The feed files written, as paths inside the output folder, and a digest of what
    #: they were made from (all unchanged: no feed is made at all).
    feeds: list[str] = field(default_factory=list)
    feed_inputs: str = ""
    #: What documents showed of the posts: the registry's digest, the slug of each term,
    #: each post list's selection and each post's neighbours and related posts.
    digest: str = ""
    slugs: dict[str, str] = field(default_factory=dict)
    listings: dict[str, str] = field(default_factory=dict)
    furniture: dict[str, str] = field(default_factory=dict)
    #: The posts whose pages are in the folder.
    posts: list[str] = field(default_factory=list)
    #: What blog sidebars showed, when pages show them (see ``pages_show_the_blog``).
    site: str = ""
    #: For each post: what other posts' footers depend on of it, and the posts its own
    #: footer shows (see ``_footers``); the related posts' limit they were made with.
    footer_keys: dict[str, str] = field(default_factory=dict)
    footer_posts: dict[str, list[str]] = field(default_factory=dict)
    related_limit: int = -1
    #: The documents that link with ABlog's reference names (``tag-python`` …), and a
    #: digest of where those names led (see ``references``).
    ablog_refs: list[str] = field(default_factory=list)
    ablog_targets: str = ""
    #: For each post whose excerpt has cross-references, a digest of the excerpt its
    #: page's description shows (it reads otherwise when a page it refers to changes).
    excerpts: dict[str, str] = field(default_factory=dict)
    #: The documents whose pages show comments, and a fingerprint of the comment
    #: settings they were written with (see ``comments``).
    comments: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> OutputRecord:
        """The record in ``folder``, or an empty one (first build, or unreadable)."""
        try:
            data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            return cls(
                inputs=str(data["inputs"]),
                pages={str(k): str(v) for k, v in data["pages"].items()},
                feeds=[str(path) for path in data["feeds"]],
                feed_inputs=str(data.get("feed_inputs", "")),
                digest=str(data["digest"]),
                slugs={str(k): str(v) for k, v in data["slugs"].items()},
                listings={str(k): str(v) for k, v in data["listings"].items()},
                furniture={str(k): str(v) for k, v in data["furniture"].items()},
                posts=[str(docname) for docname in data["posts"]],
                site=str(data["site"]),
                footer_keys={str(k): str(v) for k, v in data["footer_keys"].items()},
                footer_posts={str(k): [str(d) for d in v]
                              for k, v in data["footer_posts"].items()},
                related_limit=int(data["related_limit"]),
                ablog_refs=[str(docname) for docname in data.get("ablog_refs", [])],
                ablog_targets=str(data.get("ablog_targets", "")),
                excerpts={str(k): str(v) for k, v in data.get("excerpts", {}).items()},
                comments={str(k): str(v) for k, v in data.get("comments", {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def copy(self) -> OutputRecord:
        """A copy whose dicts and lists can be replaced or changed without changing
        this one (values are never changed in place)."""
        values: dict[str, Any] = {name: value.copy() if isinstance(value, (dict, list))
                                  else value for name, value in vars(self).items()}
        return OutputRecord(**values)

    def save(self, folder: Path) -> None:
        path = folder / RECORD
        path.parent.mkdir(parents=True, exist_ok=True)
        # one line: json's fast encoder does not indent
        path.write_text(json.dumps(vars(self), sort_keys=True), encoding="utf-8")


def state_dir(app: Sphinx) -> Path:
    """The folder of what sphinx-postlog keeps between builds into this build's output
    folder (its record, the posts' kept text)."""
    return state_folder(Path(app.doctreedir), Path(app.builder.outdir), app.builder.name)


def state_folder(doctreedir: Path, outdir: Path, builder_name: str) -> Path:
    """The state folder of ``outdir`` written by ``builder_name``: in Sphinx's doctree
    folder, one per output folder (its resolved path) and builder."""
    key = hashlib.sha256(f"{builder_name}\0{outdir.resolve()}".encode()).hexdigest()[:16]
    return doctreedir / STATE_FOLDER / f"{builder_name}-{key}"


def last_record(app: Sphinx) -> OutputRecord:
    """What the last successful build wrote into this build's output folder (the one an
    earlier version kept in it, if there is none yet)."""
    record = getattr(app, _LAST, None)
    if record is None:
        folder = state_dir(app)
        if not (folder / RECORD).is_file():
            folder = Path(app.builder.outdir, OLD_STATE_FOLDER)
        record = OutputRecord.load(folder)
        setattr(app, _LAST, record)
    return record


def next_record(app: Sphinx) -> OutputRecord:
    """The record of this build, filled in as it writes (a copy of the last one until
    then: what is not written again stays as it was)."""
    record = getattr(app, _NEXT, None)
    if record is None:
        record = last_record(app).copy()
        setattr(app, _NEXT, record)
    return record


def save_record(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember what this build wrote, if it succeeded, and remove
    what earlier versions kept in the output folder."""
    record = getattr(app, _NEXT, None)
    if exception is None and record is not None:
        folder = state_dir(app)
        if record != getattr(app, _LAST, None) or not (folder / RECORD).is_file():
            record.save(folder)
        remove_old_state(Path(app.builder.outdir))
    for name in (_LAST, _NEXT):
        if hasattr(app, name):
            delattr(app, name)


def remove_old_state(outdir: Path) -> None:
    """Remove the record and kept texts earlier versions left in the output folder
    (``.postlog/``, ``.postlog-pages.json``), which every deploy published."""
    (outdir / _OLD_MANIFEST).unlink(missing_ok=True)
    old = outdir / OLD_STATE_FOLDER
    if old.is_dir() and not old.is_symlink() and inside(outdir, old):
        shutil.rmtree(old)
        logger.info("postlog: removed %s/, which earlier versions kept in the output "
                    "folder (it is now beside the doctrees)", OLD_STATE_FOLDER)
