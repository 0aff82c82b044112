"""The benchmark script works end to end on a small site; the figures themselves are not
tested, only what they are made of."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
SCRIPT = BENCHMARKS / "run.py"
TOOLS = ["floor", "postlog", "ablog"]
SCENARIOS = ["full", "noop", "retag", "add-post"]
POSTS = 10


def _load_script() -> ModuleType:
    """benchmarks/run.py as a module (it imports sites.py beside it)."""
    if "benchmark_run" in sys.modules:
        return sys.modules["benchmark_run"]
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_rounds_rotate_the_order_of_the_tools() -> None:
    run = _load_script()
    assert [run.rotation(TOOLS, r) for r in range(4)] == [
        ["floor", "postlog", "ablog"],
        ["postlog", "ablog", "floor"],
        ["ablog", "floor", "postlog"],
        ["floor", "postlog", "ablog"],
    ]


def test_ratios_are_medians_of_the_rounds_ratios() -> None:
    run = _load_script()

    def measure(tool: str, round_: int, wall: float) -> dict[str, object]:
        return {"feeds": "site", "posts": 10, "scenario": "full", "tool": tool,
                "batch": 0, "round": round_, "wall": wall, "cpu": wall, "peak_mb": 1.0,
                "read": 1, "pages": 1, "feeds_written": 0, "postlog_seconds": None}

    # Rounds on a machine getting slower: per round 2x, 2x, 3x the floor. The ratio of
    # the medians (12 / 4) would say 3x.
    runs = [measure("floor", 1, 1.0), measure("postlog", 1, 2.0),
            measure("floor", 2, 4.0), measure("postlog", 2, 8.0),
            measure("floor", 3, 10.0), measure("postlog", 3, 30.0)]
    summary = {e["tool"]: e for e in run.summarise(runs)}
    assert summary["postlog"]["wall_ratios"] == [2.0, 2.0, 3.0]
    assert summary["postlog"]["wall_ratio"] == 2.0
    assert summary["postlog"]["wall"] == 8.0
    assert summary["postlog"]["wall_fastest_ratio"] == 2.0  # 2.0 against 1.0
    assert summary["floor"]["wall_fastest_ratio"] == 1.0
    assert run._ratios(summary["postlog"]) == "2.00\u00d7 (2.00\u00d7)"


def test_the_fastest_runs_are_compared_beside_the_median() -> None:
    """A round disturbed by the machine moves the median ratio; the fastest runs of each
    tool are the least disturbed."""
    run = _load_script()

    def measure(tool: str, round_: int, wall: float) -> dict[str, object]:
        return {"feeds": "site", "posts": 10, "scenario": "full", "tool": tool,
                "batch": 0, "round": round_, "wall": wall, "cpu": wall / 2, "peak_mb": 1.0,
                "read": 1, "pages": 1, "feeds_written": 0, "postlog_seconds": None}

    runs = [measure("floor", 1, 10.0), measure("postlog", 1, 15.0),
            measure("floor", 2, 12.0), measure("postlog", 2, 11.0),
            measure("floor", 3, 10.0), measure("postlog", 3, 14.0),
            measure("floor", 4, 9.0)]  # a run of the floor alone: not compared
    summary = {e["tool"]: e for e in run.summarise(runs)}
    assert summary["postlog"]["wall_ratio"] == 1.4
    assert summary["postlog"]["wall_fastest_ratio"] == 11.0 / 10.0
    assert summary["postlog"]["cpu_fastest_ratio"] == 5.5 / 5.0
    assert run._ratios(summary["postlog"]) == "1.40\u00d7 (1.10\u00d7)"


def test_growth_is_measured_against_linear_from_1000_posts() -> None:
    run = _load_script()

    def entry(posts: int, wall: float, tool: str = "postlog") -> dict[str, object]:
        return {"feeds": "site", "posts": posts, "scenario": "full", "tool": tool,
                "wall": wall}

    summary = [entry(100, 5.0), entry(1000, 20.0), entry(3000, 60.0), entry(10000, 240.0),
               entry(1000, 10.0, "floor"), entry(10000, 150.0, "floor")]
    assert run.growth(summary, "site", "full", "postlog") == [(3000, 1.0), (10000, 1.2)]
    assert run.growth(summary, "site", "full", "floor") == [(10000, 1.5)]
    assert run.growth(summary, "site", "noop", "postlog") == []
    table = "\n".join(run._growth(summary))
    assert "| full build | postlog | 10,000 | 1.20 | 0.80 |" in table
    assert "| full build | postlog | 3,000 | 1.00 |  |" in table  # no floor at 3,000
    assert "| full build | floor | 10,000 | 1.50 |  |" in table
    assert run._growth([entry(1000, 20.0)]) == []


def test_benchmark_runs_each_tool_in_each_scenario(tmp_path: Path) -> None:
    pytest.importorskip("ablog")
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--posts", str(POSTS), "--rounds", "1",
         "--scenarios", *SCENARIOS, "--out", str(out), "--workdir", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=600)
    results = json.loads((out / "_static" / "benchmark-results.json").read_text("utf-8"))
    assert set(results) == {"format", "batches", "runs", "summary"}

    # What ran, and how each tool was set up.
    (batch,) = results["batches"]
    assert batch["rounds"] == 1
    assert batch["order"] == [TOOLS]
    assert set(batch["environment"]["versions"]) == {
        "Sphinx", "myst-parser", "sphinx-postlog", "ablog"}
    conf = batch["conf"]["site"]
    assert "blog_feed_archives = False" in conf["ablog"]
    assert "blog_feed_length = 20" in conf["ablog"]
    assert 'postlog_feed_formats = ["atom"]' in conf["postlog"]
    assert "postlog_feed_archives = False" in conf["postlog"]
    assert "postlog" not in conf["floor"] and "ablog" not in conf["floor"]

    # Every run: one per tool and scenario, in the round's order, with its figures.
    runs = results["runs"]
    assert sorted((r["scenario"], r["tool"]) for r in runs) == sorted(
        (s, t) for s in SCENARIOS for t in TOOLS)
    for r in runs:
        assert r["round"] == 1 and r["posts"] == POSTS and r["feeds"] == "site"
        assert r["position"] == TOOLS.index(r["tool"])
        assert r["wall"] > 0 and r["cpu"] > 0 and r["peak_mb"] > 0
        # The floor and ABlog run without sphinx-postlog.
        assert r["imported"]["sphinx_postlog"] == (r["tool"] == "postlog")
        assert r["imported"]["ablog"] == (r["tool"] == "ablog")
        assert r["imported"]["myst_parser"]
    by = {(r["scenario"], r["tool"]): r for r in runs}
    for tool in TOOLS:
        assert by[("full", tool)]["read"] == POSTS + 1
        assert by[("noop", tool)]["read"] == 0
        assert by[("retag", tool)]["read"] == 1
        assert by[("add-post", tool)]["read"] == 1
    # Posts, the home page, the index and the search page.
    assert by[("full", "floor")]["pages"] == POSTS + 3
    assert by[("full", "floor")]["feeds_written"] == 0
    # One Atom feed each, at the same place.
    assert by[("full", "postlog")]["written_feeds"] == ["blog/atom.xml"]
    assert by[("full", "ablog")]["written_feeds"] == ["blog/atom.xml"]
    # A no-op rebuild writes only what Sphinx always writes.
    assert by[("noop", "postlog")]["pages"] == by[("noop", "floor")]["pages"]
    assert by[("noop", "postlog")]["feeds_written"] == 0
    assert "posts/post-new.html" in by[("add-post", "postlog")]["written_pages"]

    # Medians and ratios for every scenario and tool.
    summary = {(e["scenario"], e["tool"]): e for e in results["summary"]}
    assert set(summary) == set(by)
    for (_, tool), entry in summary.items():
        assert entry["wall"] > 0 and entry["rounds"] == 1
        if tool != "floor":
            assert entry["wall_ratio"] > 0 and entry["wall_ratios"] == [entry["wall_ratio"]]

    report = (out / "performance-results.md").read_text(encoding="utf-8")
    assert report.strip() in completed.stdout
    for scenario in ("full build", "no-op rebuild", "retag a post", "add a post"):
        for tool in TOOLS:
            assert f"| {scenario} | {tool} |" in report
    assert f"ablog {importlib.metadata.version('ablog')}" in report
    if importlib.util.find_spec("matplotlib") is None:
        assert "matplotlib is not installed" in completed.stderr
        assert not (out / "_static" / "benchmark-times.png").exists()
    else:
        assert (out / "_static" / "benchmark-times.png").stat().st_size > 0
        assert "_static/benchmark-times.png" in report


def test_per_term_feeds_are_the_same_feeds_on_both_sides(tmp_path: Path) -> None:
    pytest.importorskip("ablog")
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--posts", str(POSTS), "--rounds", "1",
         "--feeds", "per-term", "--scenarios", "full",
         "--out", str(out), "--workdir", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=600)
    results = json.loads((out / "_static" / "benchmark-results.json").read_text("utf-8"))
    (batch,) = results["batches"]
    assert "blog_feed_archives = True" in batch["conf"]["per-term"]["ablog"]
    assert "postlog_feed_archives = True" in batch["conf"]["per-term"]["postlog"]
    by = {r["tool"]: r for r in results["runs"]}
    assert {r["feeds"] for r in by.values()} == {"per-term"}
    assert by["floor"]["written_feeds"] == []
    # The site's feed and one per tag, category and year, on each side.
    feeds = {tool: run["written_feeds"] for tool, run in by.items()}
    assert "blog/atom.xml" in feeds["postlog"] and "blog/atom.xml" in feeds["ablog"]
    assert len(feeds["postlog"]) == len(feeds["ablog"]) > 10
    assert "a feed per tag, category and year" in (
        out / "performance-results.md").read_text(encoding="utf-8")
