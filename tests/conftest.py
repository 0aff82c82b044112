"""Shared fixtures: Sphinx's testing fixtures, test roots, and parsers for output."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

TESTS = Path(__file__).parent
REPO = TESTS.parent
PACKAGE = REPO / "sphinx_postlog"
ROOTS = TESTS / "roots"
SCHEMAS = TESTS / "schemas"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def read_html(outdir: Path, page: str) -> BeautifulSoup:
    """Parse one output page."""
    return BeautifulSoup((Path(outdir) / page).read_text(encoding="utf-8"), "html.parser")


def warning_lines(app) -> list[str]:
    """The warnings of a build, one per line, without colour codes."""
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


_LOCATED_WARNING = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+): WARNING: (?P<text>.*) \[(?P<type>[\w.]+)\]$")


def parsed_warnings(app: SphinxTestApp) -> list[tuple[str, int, str]]:
    """Every warning as (file relative to the source folder, line, type.subtype)."""
    found = []
    for line in warning_lines(app):
        match = _LOCATED_WARNING.match(line)
        assert match, f"warning without file and line: {line}"
        relative = match["file"].split(f"{app.srcdir.name}/", 1)[1]
        found.append((relative, int(match["line"]), match["type"]))
    return found


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of a test root, for tests that edit sources."""
    target = destination / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def make_site(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """A Sphinx application for ``srcdir``, writing under ``srcdir/_build``."""
    return SphinxTestApp(buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(),
                         **kwargs)


def build_site(srcdir: Path, buildername: str = "html",
               hooks: Sequence[tuple[str, Callable[..., Any]]] = (),
               **kwargs: Any) -> SphinxTestApp:
    """Make a Sphinx application for ``srcdir``, connect ``hooks`` (event, handler; at
    priority 900, after ours), build, and clean up at once (its docutils registrations
    undone, so other applications can be made); its environment and output stay for
    inspection."""
    app = make_site(srcdir, buildername, **kwargs)
    for event, handler in hooks:
        app.connect(event, handler, priority=900)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def built_root(tmp_path_factory) -> Callable[..., SphinxTestApp]:
    """Build a private copy of a test root: ``built_root("feed")``.

    The application is cleaned up at once (its docutils registrations undone) so other
    applications can be made; its environment and output stay for inspection.
    """

    def build(name: str, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
        return build_site(copy_root(name, tmp_path_factory.mktemp(name)), buildername,
                          **kwargs)

    return build


@pytest.fixture(scope="session")
def atom_schema():
    """The RFC 4287 (Appendix B) RELAX NG schema, loaded by lxml."""
    import rnc2rng
    from lxml import etree

    rng = rnc2rng.dumps(rnc2rng.load(str(SCHEMAS / "atom.rnc")))
    # rnc2rng declares the empty "local" namespace as a prefix, which XML forbids;
    # the grammar itself refers to it as nsName ns="".
    rng = rng.replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))
