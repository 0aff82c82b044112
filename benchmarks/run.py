"""Benchmark: plain Sphinx + MyST (the floor), sphinx-postlog and ABlog on the same posts.

    python benchmarks/run.py                          # 100 and 1,000 posts, 3 rounds
    python benchmarks/run.py --posts 100 1000 3000
    python benchmarks/run.py --posts 10000 --merge    # long: hours on 2 cores
    python benchmarks/run.py --feeds site per-term    # also with a feed per term
    python benchmarks/run.py --quick                  # 10 posts, 1 round: a check

Each tool is configured for the same features (see sites.py). For each number of posts
the benchmark runs rounds; a round runs every scenario, and in each scenario every tool
once, in an order rotated from round to round (floor, postlog, ablog; then postlog,
ablog, floor; ...), each build in a fresh process. Incremental scenarios start from the
output of the round's full build (restored as it was, files and times), make one edit,
and time the rebuild. Ratios are computed within a round (tool / floor of the same round
and scenario); the ratio reported is the median of the rounds' ratios. Beside it, the
fastest run of a tool against the floor's fastest: on a shared machine, noise only ever
adds time, so the fastest runs are the least disturbed.

Wall time is measured around the process; CPU time (user + system) and peak memory (max
RSS of the largest process, parallel workers included) come from ``os.wait4``. "Pages"
and "feeds" count the HTML files and feed files in the output folder that the build
created or changed (by modification time and size), the same way for every tool.

Results go to ``--out`` (the docs folder by default): performance-results.md (Markdown
tables, included by docs/performance.md), _static/benchmark-results.json (every run and
the medians) and _static/benchmark-times.png (a plot, when matplotlib is installed).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sites import EDITS, FEEDS, TOOLS, Site, conf_text, write_site  # noqa: E402

SCENARIOS = ("full", "full-j2", "noop", "edit-body", "edit-excerpt", "retag", "retitle",
             "add-post", "delete-post", "config")
SCENARIO_TEXT = {
    "full": "full build",
    "full-j2": "full build, `-j 2`",
    "noop": "no-op rebuild",
    "edit-body": "edit a post's body",
    "edit-excerpt": "edit a post's excerpt",
    "retag": "retag a post",
    "retitle": "retitle a post",
    "add-post": "add a post",
    "delete-post": "delete a post",
    "config": "change `html_title`",
}
FEEDS_TEXT = {"site": "one site feed", "per-term": "a feed per tag, category and year"}
MODULES = {"floor": "myst_parser", "postlog": "sphinx_postlog", "ablog": "ablog"}
RESULTS_MD = "performance-results.md"
RESULTS_JSON = "_static/benchmark-results.json"
PLOT = "_static/benchmark-times.png"
LISTED = 100  # names of written files kept per run in the JSON (the counts are all kept)
FORMAT = 2


def rotation(tools: Sequence[str], round_index: int) -> list[str]:
    """The order in which the tools run in round ``round_index`` (from 0): the first
    round in the given order, each next round starting one tool further."""
    shift = round_index % len(tools)
    return list(tools[shift:]) + list(tools[:shift])


@dataclass
class Run:
    """One measured build."""

    feeds: str
    posts: int
    round: int
    scenario: str
    tool: str
    position: int  # 0 = first tool of the round
    batch: int
    wall: float
    cpu: float
    peak_mb: float
    read: int
    pages: int
    feeds_written: int
    other: int
    removed: int
    imported: dict[str, bool]
    postlog_seconds: float | None
    written_pages: list[str] = field(default_factory=list)
    written_feeds: list[str] = field(default_factory=list)


# Output files


def _is_feed(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return not relative.startswith("_") and (name.endswith(".xml") or name == "feed.json")


def snapshot(outdir: Path) -> dict[str, tuple[int, int]]:
    """Every file of the output folder: its modification time and size."""
    found: dict[str, tuple[int, int]] = {}
    if not outdir.is_dir():
        return found
    for folder, _, files in os.walk(outdir):
        for name in files:
            path = Path(folder) / name
            stat = path.stat()
            found[path.relative_to(outdir).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def written_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
                  ) -> tuple[list[str], list[str], list[str], list[str]]:
    """HTML pages, feed files and other files the build created or changed, and the
    files it removed."""
    changed = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
    pages = [name for name in changed if name.endswith(".html")]
    feeds = [name for name in changed if _is_feed(name)]
    other = [name for name in changed if name not in set(pages) | set(feeds)]
    return pages, feeds, other, sorted(set(before) - set(after))


# Builds


@dataclass
class Build:
    wall: float
    cpu: float
    peak_mb: float
    report: dict[str, Any]
    pages: list[str]
    feeds: list[str]
    other: list[str]
    removed: list[str]


def build(tool: str, srcdir: Path, builddir: Path, jobs: int = 1) -> Build:
    """One build in a fresh process, measured from outside."""
    outdir = builddir / "html"
    before = snapshot(outdir)
    command = [sys.executable, str(HERE / "build_once.py"), tool, str(srcdir),
               str(builddir), str(jobs)]
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.stdout.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{tool}: build of {srcdir} failed (status {status}):\n"
                             f"{errors.read().decode(errors='replace')[-4000:]}")
    report = json.loads(output)
    if report["warnings"]:
        raise SystemExit(f"{tool}: build of {srcdir} gave {report['warnings']} warnings:\n"
                         f"{report['warning_text']}")
    if tool != "postlog" and report["imported"]["sphinx_postlog"]:
        raise SystemExit(f"{tool}: the build imported sphinx_postlog")
    # Linux counts max RSS in KiB, macOS in bytes.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    pages, feeds, other, removed = written_files(before, snapshot(outdir))
    return Build(wall, usage.ru_utime + usage.ru_stime, peak, report, pages, feeds,
                 other, removed)


def restore(pristine: Path, site_dir: Path) -> None:
    """Put back a site (sources and build) as its full build left it, times included."""
    shutil.rmtree(site_dir)
    shutil.copytree(pristine, site_dir, symlinks=True)


@dataclass
class Plan:
    tools: list[str]
    scenarios: list[str]
    workdir: Path
    batch: int


def run_round(plan: Plan, feeds: str, posts: int, round_index: int,
              runs: list[Run]) -> None:
    """One round at one size: every scenario, every tool once in it, in rotated order."""
    order = rotation(plan.tools, round_index)
    root = plan.workdir / f"{feeds}-{posts}-round{round_index + 1}"
    shutil.rmtree(root, ignore_errors=True)
    sites: dict[str, Site] = {}
    for tool in plan.tools:
        sites[tool] = write_site(root / tool / "site" / "src", tool, posts, feeds)

    def record(scenario: str, tool: str, measured: Build) -> None:
        runs.append(Run(
            feeds=feeds, posts=posts, round=round_index + 1, scenario=scenario, tool=tool,
            position=order.index(tool), batch=plan.batch, wall=measured.wall,
            cpu=measured.cpu, peak_mb=measured.peak_mb, read=measured.report["read"],
            pages=len(measured.pages), feeds_written=len(measured.feeds),
            other=len(measured.other), removed=len(measured.removed),
            imported=measured.report["imported"],
            postlog_seconds=measured.report["postlog_seconds"],
            written_pages=measured.pages[:LISTED], written_feeds=measured.feeds[:LISTED]))
        print(f"  round {round_index + 1} {scenario:12} {tool:8} {measured.wall:7.2f} s "
              f"{len(measured.pages):6} pages {len(measured.feeds):4} feeds",
              file=sys.stderr, flush=True)

    # The full build (measured if asked for) leaves each site as every incremental
    # scenario starts: a copy of it is restored before each edit.
    for tool in order:
        site_dir = sites[tool].srcdir.parent
        measured = build(tool, sites[tool].srcdir, site_dir / "build")
        if "full" in plan.scenarios:
            record("full", tool, measured)
        shutil.copytree(site_dir, root / tool / "pristine", symlinks=True)
    if "full-j2" in plan.scenarios:
        for tool in order:
            builddir = root / tool / "build-j2"
            record("full-j2", tool, build(tool, sites[tool].srcdir, builddir, jobs=2))
            shutil.rmtree(builddir)
    for scenario in plan.scenarios:
        if scenario not in EDITS:
            continue
        edit = EDITS[scenario]
        for tool in order:
            site = sites[tool]
            restore(root / tool / "pristine", site.srcdir.parent)
            if edit is not None:
                edit(site)
            record(scenario, tool, build(tool, site.srcdir, site.srcdir.parent / "build"))
    shutil.rmtree(root)


# Summary


def _key(run: dict[str, Any]) -> tuple[str, int, str, str]:
    return run["feeds"], run["posts"], run["scenario"], run["tool"]


def summarise(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per feeds, size, scenario and tool: the median of each figure over the rounds,
    for time and memory the median of the rounds' ratios to the floor, and for time
    the fastest run against the floor's fastest."""
    floors = {(r["feeds"], r["posts"], r["scenario"], r["batch"], r["round"]): r
              for r in runs if r["tool"] == "floor"}
    groups: dict[tuple[str, int, str, str], list[dict[str, Any]]] = {}
    for run in runs:
        groups.setdefault(_key(run), []).append(run)
    summary = []
    for (feeds, posts, scenario, tool), group in groups.items():
        entry: dict[str, Any] = {"feeds": feeds, "posts": posts, "scenario": scenario,
                                 "tool": tool, "rounds": len(group)}
        for figure in ("wall", "cpu", "peak_mb", "read", "pages", "feeds_written"):
            entry[figure] = statistics.median(r[figure] for r in group)
        seconds = [r["postlog_seconds"] for r in group if r["postlog_seconds"] is not None]
        entry["postlog_seconds"] = statistics.median(seconds) if seconds else None
        # Each run with the floor's run of the same round (none for a floor alone).
        paired = [(r, floor) for r in group
                  if (floor := floors.get((feeds, posts, scenario, r["batch"], r["round"])))]
        for figure in ("wall", "cpu", "peak_mb"):
            ratios = [r[figure] / floor[figure] for r, floor in paired if floor[figure] > 0]
            entry[f"{figure}_ratio"] = statistics.median(ratios) if ratios else None
            entry[f"{figure}_ratios"] = ratios
        for figure in ("wall", "cpu"):
            fastest = min((floor[figure] for _, floor in paired), default=0.0)
            entry[f"{figure}_fastest_ratio"] = (
                min(r[figure] for r in group) / fastest if fastest > 0 else None)
        summary.append(entry)
    order = {name: i for i, name in enumerate(SCENARIOS)}
    tools = {name: i for i, name in enumerate(TOOLS)}
    feeds_order = {name: i for i, name in enumerate(FEEDS)}
    summary.sort(key=lambda e: (feeds_order[e["feeds"]], e["posts"], order[e["scenario"]],
                                tools[e["tool"]]))
    return summary


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}×"


def _ratios(entry: dict[str, Any]) -> str:
    """The median of the rounds' wall-time ratios, and the fastest against the fastest."""
    fastest = entry.get("wall_fastest_ratio")
    return _ratio(entry["wall_ratio"]) + (f" ({_ratio(fastest)})" if fastest else "")


def _environment_line(batch: dict[str, Any], posts: Iterable[int]) -> str:
    env = batch["environment"]
    versions = ", ".join(f"{name} {version}" for name, version in env["versions"].items())
    load = env.get("load_average")
    load_text = f", load average {load:.2f} at the start" if load is not None else ""
    sizes = ", ".join(f"{n:,}" for n in sorted(posts))
    return (f"- {sizes} posts: {env['cpu']}, {env['cores']} cores, {env['system']}"
            f"{load_text}; Python {env['python']}, {versions}; {batch['rounds']} round(s), "
            f"{batch['started']}: `{batch['command']}`")


def markdown(results: dict[str, Any], plot: bool, raw_data: bool) -> str:
    """The results as Markdown: the environment, a summary of time ratios, a table per
    size, and archive and feed generation times; the plot and a link to the raw data
    if they are written beside it."""
    summary = results["summary"]
    by_key = {_key(e): e for e in summary}
    lines = ["<!-- Written by benchmarks/run.py from its own measurements. -->", "",
             "Measured on:", ""]
    for batch in results["batches"]:
        measured = {r["posts"] for r in results["runs"] if r["batch"] == batch["id"]}
        if measured:
            lines.append(_environment_line(batch, measured))
    lines += ["", "Each figure is the median over the rounds; \"× floor\" is the median of "
              "the rounds' ratios to plain Sphinx + MyST in the same round, and "
              "\"fastest\" the tool's fastest run against the floor's fastest (noise on a "
              "shared machine only ever adds time). \"Pages\" and \"feeds\" count the "
              "HTML and feed files the build created or changed."]
    if raw_data:
        lines.append(f"Every run: {{download}}`{Path(RESULTS_JSON).name} <{RESULTS_JSON}>`.")
    lines.append("")
    if plot:
        lines += ["![Full build and no-op rebuild times against the number of posts]"
                  f"({PLOT})", ""]
    combos = sorted({(e["feeds"], e["posts"]) for e in summary},
                    key=lambda c: (FEEDS.index(c[0]), c[1]))
    tools = [t for t in TOOLS if any(e["tool"] == t for e in summary)]
    scenarios = [s for s in SCENARIOS if any(e["scenario"] == s for e in summary)]
    others = [t for t in tools if t != "floor"]
    # Summary: wall-time ratios, one column per tool and size.
    for feeds in [f for f in FEEDS if any(c[0] == f for c in combos)]:
        sizes = [n for f, n in combos if f == feeds]
        lines += [f"### Wall time against the floor ({FEEDS_TEXT[feeds]})", "",
                  "The median of the rounds' ratios (in brackets: fastest against fastest).",
                  ""]
        header = ["scenario"] + [f"{t} {n:,}" for n in sizes for t in others]
        lines += ["| " + " | ".join(header) + " |",
                  "| --- |" + " ---: |" * (len(header) - 1)]
        for scenario in scenarios:
            cells = [SCENARIO_TEXT[scenario]]
            for n in sizes:
                for tool in others:
                    entry = by_key.get((feeds, n, scenario, tool))
                    cells.append(_ratios(entry) if entry else "")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for feeds, posts in combos:
        lines += [f"### {posts:,} posts, {FEEDS_TEXT[feeds]}", "",
                  "| scenario | tool | wall (s) | × floor | CPU (s) | × floor "
                  "| peak memory (MB) | × floor | read | pages | feeds |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for scenario in scenarios:
            for tool in tools:
                entry = by_key.get((feeds, posts, scenario, tool))
                if entry is None:
                    continue
                floor = tool == "floor"
                cells = [SCENARIO_TEXT[scenario], tool,
                         f"{entry['wall']:.2f}", "" if floor else _ratio(entry["wall_ratio"]),
                         f"{entry['cpu']:.2f}", "" if floor else _ratio(entry["cpu_ratio"]),
                         f"{entry['peak_mb']:.0f}",
                         "" if floor else _ratio(entry["peak_mb_ratio"]),
                         f"{entry['read']:.0f}", f"{entry['pages']:.0f}",
                         f"{entry['feeds_written']:.0f}"]
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines += _growth(summary)
    generation = [e for e in summary if e["tool"] == "postlog" and e["scenario"] == "full"
                  and e["postlog_seconds"] is not None]
    if generation:
        lines += ["### Archive pages and feeds (sphinx-postlog, full build)", "",
                  "| feeds | posts | seconds | per 1,000 posts |",
                  "| --- | ---: | ---: | ---: |"]
        for e in generation:
            seconds = e["postlog_seconds"]
            lines.append(f"| {FEEDS_TEXT[e['feeds']]} | {e['posts']:,} | {seconds:.3f} "
                         f"| {seconds / e['posts'] * 1000:.3f} |")
        lines.append("")
    return "\n".join(lines)


#: Growth is measured from this size on (below it, start-up time dominates).
GROWTH_BASE = 1000


def growth(summary: list[dict[str, Any]], feeds: str, scenario: str,
           tool: str) -> list[tuple[int, float]]:
    """For each size above ``GROWTH_BASE``: the time, divided by what it would be if it
    grew in proportion to the posts from ``GROWTH_BASE`` (1.0: linear)."""
    times = {e["posts"]: e["wall"] for e in summary if (e["feeds"], e["scenario"], e["tool"])
             == (feeds, scenario, tool)}
    if GROWTH_BASE not in times:
        return []
    base = times[GROWTH_BASE] / GROWTH_BASE
    return [(n, times[n] / (base * n)) for n in sorted(times) if n > GROWTH_BASE]


def _growth(summary: list[dict[str, Any]]) -> list[str]:
    """A table of growth against linear, for the sizes measured beyond 1,000 posts; for
    each tool, also against the floor's growth, which holds when sizes were measured at
    different times (a machine faster or slower then changes both alike)."""
    rows = []
    for feeds in FEEDS:
        for scenario in ("full", "noop"):
            floor = dict(growth(summary, feeds, scenario, "floor"))
            for tool in TOOLS:
                for posts, factor in growth(summary, feeds, scenario, tool):
                    against = (f"{factor / floor[posts]:.2f}"
                               if tool != "floor" and posts in floor else "")
                    rows.append(f"| {SCENARIO_TEXT[scenario]} | {tool} | {posts:,} "
                                f"| {factor:.2f} | {against} |")
    if not rows:
        return []
    return [f"### Growth against linear, from {GROWTH_BASE:,} posts", "",
            f"Time at each size divided by the time at {GROWTH_BASE:,} posts times the "
            "growth in posts: 1.00 is linear, more grows faster than the posts. The last "
            "column divides that by the floor's, for the same sizes.", "",
            "| scenario | tool | posts | × linear | × the floor's growth |",
            "| --- | --- | ---: | ---: | ---: |", *rows, ""]


def write_plot(results: dict[str, Any], path: Path) -> bool:
    """Full-build and no-op times against the number of posts, for each tool; False
    (and a message) when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot",
              file=sys.stderr)
        return False
    from matplotlib.ticker import FuncFormatter, NullFormatter

    summary = results["summary"]
    figure, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    styles = {"site": "-", "per-term": "--"}
    colours = {"floor": "tab:gray", "postlog": "tab:blue", "ablog": "tab:orange"}
    sizes = sorted({e["posts"] for e in summary})
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:.2g}")
    # Between powers of ten, only 2 and 5 are labelled (times span 1 to 1,000 s).
    some = FuncFormatter(lambda value, _: plain(value) if f"{value:.0e}"[0] in "25" else "")
    for axis, scenario in zip(axes, ("full", "noop"), strict=True):
        for feeds in FEEDS:
            for tool in TOOLS:
                if tool == "floor" and feeds != "site" and any(
                        e["feeds"] == "site" for e in summary):
                    continue  # the floor has no feeds: the same site either way
                points = sorted((e["posts"], e["wall"]) for e in summary
                                if e["scenario"] == scenario and e["tool"] == tool
                                and e["feeds"] == feeds)
                if not points:
                    continue
                label = tool if feeds == "site" else f"{tool}, per-term feeds"
                axis.plot([p for p, _ in points], [s for _, s in points], styles[feeds],
                          marker="o", color=colours[tool], label=label)
                base = dict(points).get(GROWTH_BASE)
                beyond = [p for p, _ in points if p > GROWTH_BASE]
                if base and beyond and feeds == "site":  # what linear growth would be
                    axis.plot([GROWTH_BASE, beyond[-1]],
                              [base, base * beyond[-1] / GROWTH_BASE], ":",
                              color=colours[tool], alpha=0.6,
                              label=f"{tool}, linear from {GROWTH_BASE:,}")
        axis.set_title(SCENARIO_TEXT[scenario].replace("`", ""))
        axis.set_xlabel("posts")
        axis.set_ylabel("wall time (s), median of the rounds")
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xticks(sizes)
        axis.xaxis.set_major_formatter(plain)
        axis.xaxis.set_minor_formatter(NullFormatter())
        axis.yaxis.set_major_formatter(plain)
        axis.yaxis.set_minor_formatter(some)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize="small")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return True


# Environment


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        if distribution == "sphinx-postlog":  # run from a checkout, not installed
            import sphinx_postlog

            return sphinx_postlog.__version__
        return "not installed"


def environment(tools: Iterable[str]) -> dict[str, Any]:
    """The machine and the versions the builds run with."""
    names = {"floor": ["Sphinx", "myst-parser"], "postlog": ["sphinx-postlog"],
             "ablog": ["ablog"]}
    versions = {name: _version(name) for tool in TOOLS if tool in tools
                for name in names[tool]}
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "system": platform.platform(terse=True),
        "python": platform.python_version(),
        "versions": versions,
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def available_tools(wanted: list[str]) -> list[str]:
    """The tools whose extensions are installed (ABlog is a benchmark extra)."""
    found = [t for t in wanted if importlib.util.find_spec(MODULES[t]) is not None]
    for missing in sorted(set(wanted) - set(found)):
        print(f"skipping {missing}: {MODULES[missing]} is not installed "
              f"(pip install -e '.[bench]')", file=sys.stderr)
    if "floor" not in found:
        raise SystemExit("the floor (myst_parser) is needed: ratios are taken against it")
    return [t for t in TOOLS if t in found]


def compile_sources(tools: Iterable[str]) -> None:
    """Sphinx, MyST-Parser and ABlog are installed with their compiled bytecode; an
    editable install of sphinx-postlog has none, and with PYTHONDONTWRITEBYTECODE set
    every build would compile its sources again (about 0.15 s). Compile them once, before
    measuring, as installing the package does."""
    spec = importlib.util.find_spec("sphinx_postlog")
    if "postlog" not in tools or spec is None or not spec.submodule_search_locations:
        return
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[100, 1000],
                        help="numbers of posts (default: 100 1000; 3000 for the full "
                             "measurement; 10000 takes hours, run it on its own)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--feeds", nargs="+", choices=FEEDS, default=["site"],
                        help="site: one site-wide Atom feed each (default); per-term: a "
                             "feed for every tag, category and year as well")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--out", type=Path,
                        help=f"folder for {RESULTS_MD}, {RESULTS_JSON} and {PLOT} "
                             "(default: docs/; with --quick: nothing written)")
    parser.add_argument("--merge", action="store_true",
                        help="keep the results in --out for the sizes and feeds not "
                             "measured now (e.g. add 10,000 posts to a 100-3,000 run)")
    parser.add_argument("--workdir", type=Path,
                        help="where the sites are built (default: a temporary folder)")
    parser.add_argument("--quick", action="store_true",
                        help="10 posts, 1 round: checks the script works")
    args = parser.parse_args(argv)
    if args.quick:
        args.posts, args.rounds = [10], 1
    elif args.out is None:
        args.out = HERE.parent / "docs"
    if args.rounds < 1 or min(args.posts) < 1:
        parser.error("--rounds and --posts must be at least 1")
    tools = available_tools(args.tools)
    compile_sources(tools)
    scenarios = [s for s in SCENARIOS if s in args.scenarios]
    feeds_list = [f for f in FEEDS if f in args.feeds]
    previous: dict[str, Any] = {"batches": [], "runs": []}
    json_path = args.out / RESULTS_JSON if args.out else None
    if args.merge and json_path is not None and json_path.exists():
        previous = json.loads(json_path.read_text(encoding="utf-8"))
        if previous.get("format") != FORMAT:
            raise SystemExit(f"{json_path} is of another format: cannot merge")
    measured = {(f, n) for f in feeds_list for n in args.posts}
    kept_runs = [r for r in previous["runs"] if (r["feeds"], r["posts"]) not in measured]
    kept_ids = {r["batch"] for r in kept_runs}
    batches = [b for b in previous["batches"] if b["id"] in kept_ids]
    batch_id = max((b["id"] for b in batches), default=-1) + 1
    batches.append({
        "id": batch_id,
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "rounds": args.rounds,
        "order": [rotation(tools, r) for r in range(args.rounds)],
        "environment": environment(tools),
        "conf": {f: {t: conf_text(t, f) for t in tools} for f in feeds_list},
    })
    if max(args.posts) >= 10_000:
        print("10,000 posts: this takes about an hour", file=sys.stderr)
    runs: list[Run] = []
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="postlog-bench-", dir=args.workdir) as tmp:
        plan = Plan(tools, scenarios, Path(tmp), batch_id)
        for feeds in feeds_list:
            for posts in sorted(args.posts):
                for round_index in range(args.rounds):
                    print(f"{posts} posts, {FEEDS_TEXT[feeds]}, round {round_index + 1}/"
                          f"{args.rounds}: {', '.join(rotation(tools, round_index))}",
                          file=sys.stderr, flush=True)
                    run_round(plan, feeds, posts, round_index, runs)
    all_runs = kept_runs + [asdict(r) for r in runs]
    results: dict[str, Any] = {"format": FORMAT, "batches": batches, "runs": all_runs}
    results["summary"] = summarise(all_runs)
    plotted = False
    if args.out is not None:
        plotted = write_plot(results, args.out / PLOT)
    report = markdown(results, plotted, raw_data=args.out is not None)
    print(report)
    if args.out is not None and json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (args.out / RESULTS_MD).write_text(report, encoding="utf-8")
        print(f"written: {args.out / RESULTS_MD}, {json_path}"
              + (f", {args.out / PLOT}" if plotted else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
