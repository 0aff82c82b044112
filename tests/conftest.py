"""Shared fixtures: Sphinx's testing fixtures, test roots, and parsers for output."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import Path
from typing import Any

import jinja2
import pytest
from bs4 import BeautifulSoup
from hypothesis import settings
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)

# Property tests check what code gives, not how fast: a case that takes longer than
# Hypothesis's 200 ms (a loaded machine, a worker sharing its core) is no failure.
settings.register_profile("postlog", deadline=None)
settings.load_profile("postlog")


class SharedTemplateCode(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the whole test run: each test build makes
    new Jinja environments (Sphinx's, the theme's, ours), which would otherwise compile
    the same templates again, most of a small build's time. A template is found by its
    environment's compile settings, name, file and source (an edited template, or one
    compiled with other filters or syntax, is compiled anew); a template that does not
    compile is never kept, so its error comes at every build."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    @staticmethod
    def _settings(environment: jinja2.Environment) -> tuple[object, ...]:
        return (type(environment).__qualname__, environment.code_generator_class,
                environment.block_start_string, environment.block_end_string,
                environment.variable_start_string, environment.variable_end_string,
                environment.comment_start_string, environment.comment_end_string,
                environment.line_statement_prefix, environment.line_comment_prefix,
                environment.trim_blocks, environment.lstrip_blocks,
                environment.newline_sequence, environment.keep_trailing_newline,
                environment.optimized, environment.is_async, repr(environment.autoescape),
                repr(environment.finalize), tuple(sorted(environment.extensions)),
                tuple(sorted(environment.filters)), tuple(sorted(environment.tests)))

    def get_bucket(self, environment: jinja2.Environment, name: str,
                   filename: str | None, source: str) -> jinja2.bccache.Bucket:
        key = repr((self._settings(environment), name, filename))
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _share_template_code() -> None:
    """Give every Jinja environment made without a bytecode cache of its own the shared
    one (``POSTLOG_TEST_TEMPLATE_CACHE=0`` compiles in each environment instead)."""
    if os.environ.get("POSTLOG_TEST_TEMPLATE_CACHE") == "0":
        return
    shared = SharedTemplateCode()
    made = jinja2.Environment.__init__
    if getattr(made, "shares_template_code", False):
        return

    def init(self: jinja2.Environment, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        if self.bytecode_cache is None:
            self.bytecode_cache = shared

    init.shares_template_code = True  # type: ignore[attr-defined]
    jinja2.Environment.__init__ = init  # type: ignore[method-assign]


_share_template_code()

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


def alias_bomb(levels: int, title: str = "Bomb") -> str:
    """A page whose front matter's last list stands for 10 ** ``levels`` values: each list
    holds ten YAML aliases of the one before. Its first list is on line 4."""
    lines = [f"title: {title}", "date: 2024-01-01", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, levels)]
    lines += [f"tags: *l{levels - 1}", "after: kept"]
    return "---\n" + "\n".join(lines) + f"\n---\n# {title}\n\nText.\n"


def copy_root(name: str, destination: Path) -> Path:
    """A private copy of a test root, for tests that edit sources."""
    target = destination / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def write_site(srcdir: Path, pages: dict[str, str], conf: str = "") -> Path:
    """A small site in ``srcdir``: the extension with ``conf`` added to its settings, a
    home page and ``pages`` (path: text)."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Site"\nextensions = ["sphinx_postlog"]\nshow_warning_types = True\n'
        'html_baseurl = "https://example.org/"\n' + conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def kept_state(outdir: Path) -> Path:
    """What sphinx-postlog keeps for a test build's output folder (``<srcdir>/_build/
    <builder>``): its record and the posts' kept text, beside the doctrees."""
    from sphinx_postlog.record.saved_record import state_folder

    outdir = Path(outdir)
    return state_folder(outdir.parent / "doctrees", outdir, outdir.name)


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


def pytest_report_header() -> str:
    """The pair the suite runs on, since the README's test command takes the newest."""
    import myst_parser
    import sphinx

    return f"Sphinx {sphinx.__version__}, MyST-Parser {myst_parser.__version__}"
