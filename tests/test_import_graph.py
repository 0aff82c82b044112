"""The package's modules import each other without cycles and in the order of the flow
(read → collect → render → record → write), imports made only for type checking aside, so each
stage can be read, tested and changed from the stages before it up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import PACKAGE

ROOT = "sphinx_postlog"

#: Modules every stage may use; they import only each other.
SHARED = frozenset({"config", "config_table", "config_checks", "config_paths", "settings",
                    "ablog_settings", "blogs", "comments", "diagnostics", "i18n", "nodes",
                    "normalise", "facets"})
#: The stages, in the order a build goes through them.
STAGES = ("read", "collect", "render", "record", "write")
#: Modules that wire or span the stages (setup, directives, the domain, the command line,
#: the public API for a site's own extensions); no stage imports them.
ENTRY = frozenset({"", "__main__", "cli", "new_post", "directives", "domain", "api"})


def module_name(path: Path) -> str:
    """``read.posts`` for ``sphinx_postlog/read/posts.py``; ``""`` for the package."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_imports(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under ``if TYPE_CHECKING:``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(sub) for sub in ast.walk(node) if isinstance(sub, ast.ImportFrom))
    return found


def _imported(node: ast.ImportFrom, here: str, modules: set[str]) -> set[str]:
    """The package's modules one ``from … import …`` imports (relative or absolute).
    ``from sphinx_postlog import __version__`` names no module: the package itself is
    always imported first."""
    if node.level:
        base = here.split(".")[: len(here.split(".")) - node.level] if here else []
        package = ".".join([*base, *([node.module] if node.module else [])])
    elif node.module == ROOT or (node.module or "").startswith(ROOT + "."):
        package = node.module.removeprefix(ROOT).lstrip(".")
    else:
        return set()
    found = {f"{package}.{alias.name}".lstrip(".") for alias in node.names}
    found &= modules
    return found or ({package} if package in modules and package else set())


def import_graph(type_only: bool = False) -> dict[str, set[str]]:
    """Each module → the package's modules it imports at run time (at any level); with
    ``type_only``, the imports made for type checking too."""
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = set() if type_only else _type_checking_imports(tree)
        imported: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and id(node) not in typing_only:
                imported |= _imported(node, name, set(paths))
        graph[name] = imported - {name} - set(STAGES)
    return graph


def rank(module: str) -> int:
    """Where a module stands in the flow: shared first, then each stage, entry last."""
    if module in SHARED:
        return 0
    if module in ENTRY:
        return len(STAGES) + 1
    stage = module.split(".")[0]
    assert stage in STAGES, f"{module} is in no stage: put it in a stage's folder"
    return STAGES.index(stage) + 1


def backward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Every (importer, imported) where the imported module comes later in the flow."""
    return sorted((module, other) for module, others in graph.items() for other in others
                  if rank(other) > rank(module))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_checker_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_checker_finds_a_backward_import() -> None:
    graph = {"read.posts": {"config", "collect.registry"}, "write.feeds": {"render.views"},
             "config": {"diagnostics"}, "directives": {"write.feeds"},
             "collect.lint": {"directives"}}
    assert backward_imports(graph) == [("collect.lint", "directives"),
                                       ("read.posts", "collect.registry")]
    with pytest.raises(AssertionError, match="in no stage"):
        rank("loose")


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    assert {"collect.registry", "render.views", "write.archives", "config", ""} <= set(graph)
    assert "read.posts" in graph["collect.registry"]  # absolute, a module
    assert "record.rewrites" in graph[""]  # from sphinx_postlog.record import rewrites
    assert "config" in graph["read.posts"]
    assert all(other in graph for others in graph.values() for other in others)


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_no_import_cycles_even_through_type_checking_imports() -> None:
    """A cycle made only of imports for type checking is a cycle all the same for a
    reader: neither module can be understood without the other."""
    graph = import_graph(type_only=True)
    assert "read.posts" in graph["collect.registry"]
    assert cycles(graph) == []


def test_no_backward_imports() -> None:
    graph = import_graph()
    assert [module for module in graph if module not in SHARED | ENTRY
            and module.split(".")[0] not in STAGES] == []
    assert backward_imports(graph) == []
