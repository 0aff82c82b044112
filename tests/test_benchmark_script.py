"""The benchmark script works end to end on a small site; the figures themselves are not
tested, only what they are made of."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

import pytest

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
SCRIPT = BENCHMARKS / "run.py"
TOOLS = ["floor", "postlog", "ablog"]
SCENARIOS = ["full", "full-j2", "noop", "retag", "add-post"]
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


def _measure(tool: str, round_: int, cpu: float, wall: float,
             scenario: str = "full") -> dict[str, object]:
    return {"feeds": "site", "posts": 10, "scenario": scenario, "tool": tool, "batch": 0,
            "round": round_, "wall": wall, "cpu": cpu, "peak_mb": 1.0, "read": 1,
            "pages": 1, "feeds_written": 0, "postlog_seconds": None}


def test_cpu_ratios_are_medians_of_the_rounds_ratios_with_their_range() -> None:
    run = _load_script()
    # CPU: 1.2x, 1.5x, 2x the floor; wall: 1.1x, 3x, 1.5x.
    runs = [_measure("floor", 1, 10.0, 10.0), _measure("postlog", 1, 12.0, 11.0),
            _measure("floor", 2, 10.0, 10.0), _measure("postlog", 2, 15.0, 30.0),
            _measure("floor", 3, 5.0, 10.0), _measure("postlog", 3, 10.0, 15.0)]
    summary = {e["tool"]: e for e in run.summarise(runs)}
    postlog = summary["postlog"]
    assert postlog["cpu_ratios"] == [1.2, 1.5, 2.0]
    assert postlog["cpu_ratio"] == 1.5 and postlog["cpu_range"] == [1.2, 2.0]
    assert postlog["wall_ratio"] == 1.5 and postlog["wall_range"] == [1.1, 3.0]
    assert postlog["cpu"] == 12.0
    assert postlog["cpu_fastest_ratio"] == 10.0 / 5.0
    assert run._spread(postlog["cpu_ratios"]) == "1.50\u00d7 (1.20\u20132.00)"
    assert run._spread([1.25]) == "1.25\u00d7"  # one round: no range
    assert run._spread([]) == ""
    assert run._fastest(postlog) == "2.00\u00d7 / 1.10\u00d7"


def _results(runs: list[dict[str, object]], repeat: int | None = None) -> dict[str, object]:
    run = _load_script()
    environment = {"cpu": "CPU", "cores": 2, "system": "Linux", "python": "3.11",
                   "versions": {"Sphinx": "9"}, "load_average": 0.5}
    batch = {"id": 0, "started": "2026-12-02T00:00:00+00:00", "command": "python run.py",
             "rounds": repeat or 3, "repeat": repeat, "environment": environment}
    return {"batches": [batch], "runs": runs, "summary": run.summarise(runs)}


def test_results_tables_give_cpu_time_beside_wall_time() -> None:
    run = _load_script()
    runs = [_measure("floor", 1, 10.0, 10.0), _measure("postlog", 1, 12.0, 11.0),
            _measure("floor", 2, 10.0, 10.0), _measure("postlog", 2, 15.0, 30.0),
            _measure("floor", 3, 5.0, 10.0), _measure("postlog", 3, 10.0, 15.0),
            _measure("floor", 1, 2.0, 2.0, "noop"), _measure("ablog", 1, 3.0, 4.0, "noop")]
    report = run.markdown(_results(runs), plot=False, raw_data=False)
    # The summary: two columns per tool and size measured (ABlog only in one scenario).
    assert ("| scenario | postlog 10 CPU | postlog 10 wall | ablog 10 CPU | ablog 10 wall |"
            in report)
    assert ("| full build | 1.50\u00d7 (1.20\u20132.00) | 1.50\u00d7 (1.10\u20133.00) |  |  |"
            in report)
    assert "| no-op rebuild |  |  | 1.50\u00d7 | 2.00\u00d7 |" in report
    # The table of the size: CPU time first, then wall time, each with its ratio.
    assert ("| scenario | tool | CPU (s) | \u00d7 floor | wall (s) | \u00d7 floor | fastest "
            "| peak memory (MB)" in report)
    assert ("| full build | postlog | 12.00 | 1.50\u00d7 (1.20\u20132.00) | 15.00 "
            "| 1.50\u00d7 (1.10\u20133.00) | 2.00\u00d7 / 1.10\u00d7 | 1 | 1.00\u00d7 |"
            in report)
    assert "| full build | floor | 10.00 |  | 10.00 |  |  | 1 |  |" in report
    assert "3 round(s)" in report
    repeated = run.markdown(_results(runs, repeat=5), plot=False, raw_data=False)
    assert "5 run(s) of each tool on one site" in repeated


def _build(cpu: float, wall: float, workers: float = 0.0) -> object:
    run = _load_script()
    report = {"read": 0, "imported": {}, "postlog_seconds": None}
    return run.Build(wall, cpu, 70.0, report, ["index.html"], [], [], [],
                     workers_cpu=workers)


def test_repeat_reports_medians_and_ratios_of_each_repetition(tmp_path: Path) -> None:
    run = _load_script()
    tools = ["floor", "postlog", "against"]
    plan = run.Plan(tools, ["noop"], tmp_path, 0)
    runs: list[object] = []
    # (CPU, wall) per repetition and tool.
    measured = {"floor": [(2.0, 2.5), (2.0, 2.0), (4.0, 4.0)],
                "postlog": [(2.2, 2.5), (2.4, 3.0), (4.4, 6.0)],
                "against": [(2.0, 2.5), (2.4, 2.0), (4.0, 4.0)]}
    for index in range(3):
        for tool in run.rotation(tools, index):
            cpu, wall = measured[tool][index]
            run.record(runs, plan, "site", 100, index, "noop", tool, _build(cpu, wall))
    rows = [asdict(r) for r in runs]  # type: ignore[call-overload]
    assert [(r["tool"], r["round"], r["position"]) for r in rows[:4]] == [
        ("floor", 1, 0), ("postlog", 1, 1), ("against", 1, 2), ("postlog", 2, 0)]
    text = run.repeat_report(rows)
    assert "no-op rebuild, 100 posts, one site feed: medians of 3 run(s) per tool" in text
    lines = text.splitlines()
    assert lines[2].split() == ["tool", "CPU", "(s)", "wall", "(s)", "CPU", "\u00d7",
                                "floor", "wall", "\u00d7", "floor"]
    assert lines[3].split() == ["floor", "2.00", "2.50"]  # no ratio to itself
    assert lines[4].split() == ["postlog", "2.40", "3.00", "1.10\u00d7", "(1.10\u20131.20)",
                                "1.50\u00d7", "(1.00\u20131.50)"]
    assert lines[5].split() == ["against", "2.40", "2.50", "1.00\u00d7", "(1.00\u20131.20)",
                                "1.00\u00d7", "(1.00\u20131.00)"]
    # The two checkouts against each other, repetition by repetition.
    assert lines[6].strip() == (
        "against \u00f7 postlog, same repetition: CPU 0.91\u00d7 (0.91\u20131.00), "
        "wall 0.67\u00d7 (0.67\u20131.00)")


def test_command_line_defaults_depend_on_the_mode(tmp_path: Path) -> None:
    run = _load_script()
    series = run.parse_args([])
    assert series.posts == [100, 1000] and series.rounds == 3 and series.repeat is None
    assert series.scenarios == list(run.SCENARIOS)
    assert series.out == REPO / "docs"
    assert series.postlog_path == REPO and series.against is None
    quick = run.parse_args(["--quick"])
    assert (quick.posts, quick.rounds, quick.out) == ([10], 1, None)
    repeat = run.parse_args(["--repeat", "5", "--scenarios", "noop"])
    assert (repeat.repeat, repeat.posts, repeat.scenarios, repeat.out) == (
        5, [100], ["noop"], None)
    written = run.parse_args(["--repeat", "5", "--scenarios", "noop", "--posts", "1000",
                              "--out", str(tmp_path)])
    assert (written.posts, written.out) == ([1000], tmp_path)
    against = run.parse_args(["--against", str(REPO), "--postlog-path", str(REPO)])
    assert against.against == REPO.resolve() and against.postlog_path == REPO.resolve()


@pytest.mark.parametrize("argv", [
    ["--repeat", "3"],  # which scenario?
    ["--repeat", "3", "--scenarios", "noop", "--rounds", "2"],
    ["--repeat", "0", "--scenarios", "noop"],
    ["--against", "/nonexistent/checkout"],
    ["--postlog-path", "/nonexistent/checkout"],
    ["--against", ".", "--tools", "floor", "ablog"],
    ["--posts", "0"],
])
def test_command_line_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    run = _load_script()
    with pytest.raises(SystemExit) as raised:
        run.parse_args(argv)
    assert raised.value.code == 2
    assert "error:" in capsys.readouterr().err


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
    versions = batch["environment"]["versions"]
    assert set(versions) == {"Sphinx", "myst-parser", "sphinx-postlog", "ablog"}
    # sphinx-postlog from this checkout, named by its commit.
    assert versions["sphinx-postlog"].startswith("0.") and "(" in versions["sphinx-postlog"]
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
        # CPU time counts the -j workers: their time is part of the build's.
        if r["scenario"] == "full-j2":
            assert 0 < r["workers_cpu"] < r["cpu"]
        else:
            assert r["workers_cpu"] == 0
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
            assert entry["cpu_ratio"] > 0 and entry["cpu_ratios"] == [entry["cpu_ratio"]]

    report = (out / "performance-results.md").read_text(encoding="utf-8")
    assert report.strip() in completed.stdout
    for scenario in ("full build", "full build, `-j 2`", "no-op rebuild", "retag a post",
                     "add a post"):
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
