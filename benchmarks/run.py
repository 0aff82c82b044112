"""Benchmark: plain Sphinx + MyST (the floor), sphinx-postlog and ABlog on the same posts.

    python benchmarks/run.py                          # 100 and 1,000 posts, 3 rounds
    python benchmarks/run.py --posts 100 1000 3000
    python benchmarks/run.py --posts 10000 --merge    # long: hours on 2 cores
    python benchmarks/run.py --feeds site per-term    # also with a feed per term
    python benchmarks/run.py --quick                  # 10 posts, 1 round: a check
    python benchmarks/run.py --repeat 5 --scenarios noop --posts 1000
                                                      # one scenario, 5 runs per tool
    python benchmarks/run.py --repeat 5 --scenarios full --against ../other-checkout
                                                      # A/B of two checkouts

Each tool is configured for the same features (see sites.py). For each number of posts
the benchmark runs rounds; a round runs every scenario, and in each scenario every tool
once, in an order rotated from round to round (floor, postlog, ablog; then postlog,
ablog, floor; ...), each build in a fresh process. Incremental scenarios start from the
output of the round's full build (restored as it was, files and times), make one edit,
and time the rebuild. Ratios are computed within a round (tool / floor of the same round
and scenario); the ratio reported is the median of the rounds' ratios, with their range.
Beside it, the fastest run of a tool against the floor's fastest: on a shared machine,
noise only ever adds time, so the fastest runs are the least disturbed.

CPU time (user + system) is the headline figure: it moves less than wall time when other
work shares the machine. It comes from ``os.wait4`` of the build process, which adds the
time of the processes that one waited for: Sphinx's ``-j`` workers are forked children
of the build process, each joined, so their time is counted (the build process also
reports its own and its workers' time, and the script checks ``wait4`` gave at least
that). Wall time is measured around the process; peak memory is the max RSS of the
largest process, parallel workers included, also from ``os.wait4``. "Pages" and
"feeds" count the HTML files and feed files in the output folder that the build created
or changed (by modification time and size), the same way for every tool.

``--repeat N`` runs each of ``--scenarios`` N times for each tool instead of rounds: the
sites are written (and, for incremental scenarios, fully built) once, then each run
starts from that build, the tools in rotated order. It prints each tool's median CPU and
wall time and its ratios to the floor in the same repetition (median and range), and
writes results only with ``--out``: a quick A/B of one change. The postlog builds import
sphinx-postlog from the checkout this script is in (``--postlog-path`` another);
``--against CHECKOUT`` adds a tool ``against``, the same site built with
sphinx-postlog from that checkout, and the report its ratios to ``postlog``.

Results go to ``--out`` (the docs folder by default; nothing with ``--quick`` or
``--repeat``): performance-results.md (Markdown tables, included by
docs/performance.md), _static/benchmark-results.json (every run and the medians) and
_static/benchmark-times.png (a plot of wall time, when matplotlib is installed).
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
import re
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
#: The tool ``--against`` adds: sphinx-postlog from another checkout, on the same site.
AGAINST = "against"
ALL_TOOLS = (*TOOLS, AGAINST)
MODULES = {"floor": "myst_parser", "postlog": "sphinx_postlog", "ablog": "ablog",
           AGAINST: "sphinx_postlog"}
CHECKOUT = HERE.parent  # the checkout this script is in
RESULTS_MD = "performance-results.md"
RESULTS_JSON = "_static/benchmark-results.json"
PLOT = "_static/benchmark-times.png"
LISTED = 100  # names of written files kept per run in the JSON (the counts are all kept)
FORMAT = 2


def kind(tool: str) -> str:
    """The site and extension a tool builds with (``against`` is sphinx-postlog)."""
    return "postlog" if tool == AGAINST else tool


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
    workers_cpu: float | None = None  # of the -j workers, part of ``cpu``


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
    workers_cpu: float = 0.0


#: Slack for the check that ``wait4`` counted at least the CPU time the build process
#: counted itself (both are rounded to the kernel's accounting).
CPU_SLACK = 0.05


def build(tool: str, srcdir: Path, builddir: Path, jobs: int = 1,
          pythonpath: Path | None = None) -> Build:
    """One build in a fresh process, measured from outside; with ``pythonpath``, that
    folder first on the process's ``PYTHONPATH`` (a checkout of sphinx-postlog).

    CPU time is the process's user + system time and that of the processes it waited
    for, which ``wait4`` adds up: Sphinx's ``-j`` workers are forked children of the
    build process, each joined when its chunk is done, so their time is part of it. The
    build process also reports what it counted for itself and for its workers at the
    end of the build; fewer seconds from ``wait4`` would mean some went uncounted."""
    outdir = builddir / "html"
    before = snapshot(outdir)
    command = [sys.executable, str(HERE / "build_once.py"), tool, str(srcdir),
               str(builddir), str(jobs)]
    env = None
    if pythonpath is not None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [str(pythonpath)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors,
                                   env=env)
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
    imported_from = report["postlog_file"]
    if tool == "postlog" and pythonpath is not None and not (
            imported_from and Path(imported_from).resolve().is_relative_to(
                pythonpath.resolve())):
        raise SystemExit(f"{tool}: the build imported sphinx_postlog from "
                         f"{imported_from}, not from {pythonpath}")
    cpu = usage.ru_utime + usage.ru_stime
    counted = report["cpu_self"] + report["cpu_workers"]
    if cpu + CPU_SLACK < counted:
        raise SystemExit(f"{tool}: wait4 gave {cpu:.2f} s of CPU time, less than the "
                         f"{counted:.2f} s the build process counted with its workers")
    # Linux counts max RSS in KiB, macOS in bytes.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    pages, feeds, other, removed = written_files(before, snapshot(outdir))
    return Build(wall, cpu, peak, report, pages, feeds, other, removed,
                 workers_cpu=report["cpu_workers"])


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
    #: The checkout of sphinx-postlog each tool imports it from (None: as installed).
    paths: dict[str, Path | None] = field(default_factory=dict)

    def build(self, tool: str, srcdir: Path, builddir: Path, jobs: int = 1) -> Build:
        return build(kind(tool), srcdir, builddir, jobs, self.paths.get(tool))

    def sites(self, root: Path, feeds: str, posts: int) -> dict[str, Site]:
        return {tool: write_site(root / tool / "site" / "src", kind(tool), posts, feeds)
                for tool in self.tools}


def record(runs: list[Run], plan: Plan, feeds: str, posts: int, round_index: int,
           scenario: str, tool: str, measured: Build) -> None:
    """Keep one measured build (``round_index``: the round, or with ``--repeat`` the
    repetition) and say what it was."""
    order = rotation(plan.tools, round_index)
    runs.append(Run(
        feeds=feeds, posts=posts, round=round_index + 1, scenario=scenario, tool=tool,
        position=order.index(tool), batch=plan.batch, wall=measured.wall,
        cpu=measured.cpu, peak_mb=measured.peak_mb, read=measured.report["read"],
        pages=len(measured.pages), feeds_written=len(measured.feeds),
        other=len(measured.other), removed=len(measured.removed),
        imported=measured.report["imported"],
        postlog_seconds=measured.report["postlog_seconds"],
        written_pages=measured.pages[:LISTED], written_feeds=measured.feeds[:LISTED],
        workers_cpu=measured.workers_cpu))
    print(f"  {round_index + 1:3} {scenario:12} {tool:8} CPU {measured.cpu:7.2f} s "
          f"wall {measured.wall:7.2f} s {len(measured.pages):6} pages "
          f"{len(measured.feeds):4} feeds", file=sys.stderr, flush=True)


def run_round(plan: Plan, feeds: str, posts: int, round_index: int,
              runs: list[Run]) -> None:
    """One round at one size: every scenario, every tool once in it, in rotated order."""
    order = rotation(plan.tools, round_index)
    root = plan.workdir / f"{feeds}-{posts}-round{round_index + 1}"
    shutil.rmtree(root, ignore_errors=True)
    sites = plan.sites(root, feeds, posts)

    def keep(scenario: str, tool: str, measured: Build) -> None:
        record(runs, plan, feeds, posts, round_index, scenario, tool, measured)

    # The full build (measured if asked for) leaves each site as every incremental
    # scenario starts: a copy of it is restored before each edit.
    for tool in order:
        site_dir = sites[tool].srcdir.parent
        measured = plan.build(tool, sites[tool].srcdir, site_dir / "build")
        if "full" in plan.scenarios:
            keep("full", tool, measured)
        shutil.copytree(site_dir, root / tool / "pristine", symlinks=True)
    if "full-j2" in plan.scenarios:
        for tool in order:
            builddir = root / tool / "build-j2"
            keep("full-j2", tool, plan.build(tool, sites[tool].srcdir, builddir, jobs=2))
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
            keep(scenario, tool, plan.build(tool, site.srcdir, site.srcdir.parent / "build"))
    shutil.rmtree(root)


def run_repeats(plan: Plan, feeds: str, posts: int, repeat: int,
                runs: list[Run]) -> None:
    """``--repeat``: each scenario ``repeat`` times for each tool, the tools in an order
    rotated from one repetition to the next. The sites are written, and for the
    incremental scenarios fully built (not measured), once; each incremental run starts
    from a copy of that build, each full build from an empty folder."""
    root = plan.workdir / f"{feeds}-{posts}-repeat"
    shutil.rmtree(root, ignore_errors=True)
    sites = plan.sites(root, feeds, posts)
    if any(scenario in EDITS for scenario in plan.scenarios):
        for tool in plan.tools:
            site_dir = sites[tool].srcdir.parent
            plan.build(tool, sites[tool].srcdir, site_dir / "build")
            shutil.copytree(site_dir, root / tool / "pristine", symlinks=True)
    for scenario in plan.scenarios:
        for index in range(repeat):
            for tool in rotation(plan.tools, index):
                site = sites[tool]
                if scenario in EDITS:
                    restore(root / tool / "pristine", site.srcdir.parent)
                    edit = EDITS[scenario]
                    if edit is not None:
                        edit(site)
                    measured = plan.build(tool, site.srcdir, site.srcdir.parent / "build")
                else:  # a full build
                    builddir = root / tool / "build-full"
                    measured = plan.build(tool, site.srcdir, builddir,
                                          jobs=2 if scenario == "full-j2" else 1)
                    shutil.rmtree(builddir)
                record(runs, plan, feeds, posts, index, scenario, tool, measured)
    shutil.rmtree(root)


# Summary


def _key(run: dict[str, Any]) -> tuple[str, int, str, str]:
    return run["feeds"], run["posts"], run["scenario"], run["tool"]


def ratios_between(runs: list[dict[str, Any]], tool: str, base: str, figure: str
                   ) -> dict[tuple[str, int, str], list[float]]:
    """Per feeds, size and scenario: ``tool``'s figure divided by ``base``'s in the same
    round (or repetition), for every round both ran in."""
    bases = {(r["feeds"], r["posts"], r["scenario"], r["batch"], r["round"]): r
             for r in runs if r["tool"] == base}
    found: dict[tuple[str, int, str], list[float]] = {}
    for run in runs:
        other = bases.get((run["feeds"], run["posts"], run["scenario"], run["batch"],
                           run["round"]))
        if run["tool"] == tool and other is not None and other[figure] > 0:
            found.setdefault((run["feeds"], run["posts"], run["scenario"]), []).append(
                run[figure] / other[figure])
    return found


def summarise(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per feeds, size, scenario and tool: the median of each figure over the rounds;
    for CPU time, wall time and memory the rounds' ratios to the floor, their median
    and range; for CPU and wall time, the fastest run against the floor's fastest."""
    floors = {(r["feeds"], r["posts"], r["scenario"], r["batch"], r["round"]): r
              for r in runs if r["tool"] == "floor"}
    groups: dict[tuple[str, int, str, str], list[dict[str, Any]]] = {}
    for run in runs:
        groups.setdefault(_key(run), []).append(run)
    summary = []
    for (feeds, posts, scenario, tool), group in groups.items():
        entry: dict[str, Any] = {"feeds": feeds, "posts": posts, "scenario": scenario,
                                 "tool": tool, "rounds": len(group)}
        for figure in ("cpu", "wall", "peak_mb", "read", "pages", "feeds_written"):
            entry[figure] = statistics.median(r[figure] for r in group)
        seconds = [r["postlog_seconds"] for r in group if r["postlog_seconds"] is not None]
        entry["postlog_seconds"] = statistics.median(seconds) if seconds else None
        # Each run with the floor's run of the same round (none for a floor alone).
        paired = [(r, floor) for r in group
                  if (floor := floors.get((feeds, posts, scenario, r["batch"], r["round"])))]
        for figure in ("cpu", "wall", "peak_mb"):
            ratios = [r[figure] / floor[figure] for r, floor in paired if floor[figure] > 0]
            entry[f"{figure}_ratio"] = statistics.median(ratios) if ratios else None
            entry[f"{figure}_ratios"] = ratios
            entry[f"{figure}_range"] = [min(ratios), max(ratios)] if ratios else None
        for figure in ("cpu", "wall"):
            fastest = min((floor[figure] for _, floor in paired), default=0.0)
            entry[f"{figure}_fastest_ratio"] = (
                min(r[figure] for r in group) / fastest if fastest > 0 else None)
        summary.append(entry)
    order = {name: i for i, name in enumerate(SCENARIOS)}
    tools = {name: i for i, name in enumerate(ALL_TOOLS)}
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


def _spread(ratios: Sequence[float] | None) -> str:
    """The median of ratios and, of more than one, their range in brackets."""
    if not ratios:
        return ""
    median = _ratio(statistics.median(ratios))
    return median if len(ratios) == 1 else (
        f"{median} ({min(ratios):.2f}–{max(ratios):.2f})")


def _fastest(entry: dict[str, Any]) -> str:
    """The fastest run against the floor's fastest: CPU time / wall time."""
    cpu, wall = entry.get("cpu_fastest_ratio"), entry.get("wall_fastest_ratio")
    return "" if cpu is None or wall is None else f"{_ratio(cpu)} / {_ratio(wall)}"


def _environment_line(batch: dict[str, Any], posts: Iterable[int]) -> str:
    env = batch["environment"]
    versions = ", ".join(f"{name} {version}" for name, version in env["versions"].items())
    load = env.get("load_average")
    load_text = f", load average {load:.2f} at the start" if load is not None else ""
    sizes = ", ".join(f"{n:,}" for n in sorted(posts))
    runs = (f"{batch['repeat']} run(s) of each tool on one site" if batch.get("repeat")
            else f"{batch['rounds']} round(s)")
    return (f"- {sizes} posts: {env['cpu']}, {env['cores']} cores, {env['system']}"
            f"{load_text}; Python {env['python']}, {versions}; {runs}, "
            f"{batch['started']}: `{batch['command']}`")


def markdown(results: dict[str, Any], plot: bool, raw_data: bool) -> str:
    """The results as Markdown: the environment, a summary of CPU and wall-time ratios,
    a table per size, and archive and feed generation times; the plot and a link to the
    raw data if they are written beside it."""
    summary = results["summary"]
    by_key = {_key(e): e for e in summary}
    lines = ["<!-- Written by benchmarks/run.py from its own measurements. -->", "",
             "Measured on:", ""]
    for batch in results["batches"]:
        measured = {r["posts"] for r in results["runs"] if r["batch"] == batch["id"]}
        if measured:
            lines.append(_environment_line(batch, measured))
    lines += ["", "Each figure is the median over the rounds. CPU time is user + system "
              "time of the build process and its parallel workers; it varies less from "
              "run to run than wall time on a shared machine, and ratios of it are the "
              "headline. \"× floor\" is the median of the rounds' ratios to plain Sphinx "
              "+ MyST in the same round, in brackets the lowest and highest of them; "
              "\"fastest\" is the tool's fastest run against the floor's fastest, CPU / "
              "wall (noise on a shared machine only ever adds time). \"Pages\" and "
              "\"feeds\" count the HTML and feed files the build created or changed."]
    if raw_data:
        lines.append(f"Every run: {{download}}`{Path(RESULTS_JSON).name} <{RESULTS_JSON}>`.")
    lines.append("")
    if plot:
        lines += ["![Full build and no-op rebuild times against the number of posts]"
                  f"({PLOT})", ""]
    combos = sorted({(e["feeds"], e["posts"]) for e in summary},
                    key=lambda c: (FEEDS.index(c[0]), c[1]))
    tools = [t for t in ALL_TOOLS if any(e["tool"] == t for e in summary)]
    scenarios = [s for s in SCENARIOS if any(e["scenario"] == s for e in summary)]
    others = [t for t in tools if t != "floor"]
    # Summary: CPU and wall-time ratios, two columns per tool and size measured.
    for feeds in [f for f in FEEDS if any(c[0] == f for c in combos)]:
        columns = [(n, t) for f, n in combos if f == feeds for t in others
                   if any(by_key.get((feeds, n, s, t)) for s in scenarios)]
        if not columns:
            continue
        lines += [f"### Against the floor ({FEEDS_TEXT[feeds]})", "",
                  "CPU time and wall time: the median of the rounds' ratios (in brackets: "
                  "the lowest and highest).", ""]
        header = ["scenario"] + [f"{t} {n:,} {figure}" for n, t in columns
                                 for figure in ("CPU", "wall")]
        lines += ["| " + " | ".join(header) + " |",
                  "| --- |" + " ---: |" * (len(header) - 1)]
        for scenario in scenarios:
            cells = [SCENARIO_TEXT[scenario]]
            for n, tool in columns:
                entry = by_key.get((feeds, n, scenario, tool))
                cells += ([_spread(entry["cpu_ratios"]), _spread(entry["wall_ratios"])]
                          if entry else ["", ""])
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for feeds, posts in combos:
        lines += [f"### {posts:,} posts, {FEEDS_TEXT[feeds]}", "",
                  "| scenario | tool | CPU (s) | × floor | wall (s) | × floor | fastest "
                  "| peak memory (MB) | × floor | read | pages | feeds |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                  "| ---: | ---: |"]
        for scenario in scenarios:
            for tool in tools:
                entry = by_key.get((feeds, posts, scenario, tool))
                if entry is None:
                    continue
                floor = tool == "floor"
                cells = [SCENARIO_TEXT[scenario], tool,
                         f"{entry['cpu']:.2f}", "" if floor else _spread(entry["cpu_ratios"]),
                         f"{entry['wall']:.2f}",
                         "" if floor else _spread(entry["wall_ratios"]),
                         "" if floor else _fastest(entry),
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


def repeat_report(runs: list[dict[str, Any]]) -> str:
    """What ``--repeat`` prints: per size and scenario, each tool's median CPU and wall
    time, and the median and range of its ratios to the floor in the same repetition;
    with ``--against``, also the other checkout's against this one's."""
    summary = summarise(runs)
    lines = []
    for feeds, posts, scenario in dict.fromkeys(
            (e["feeds"], e["posts"], e["scenario"]) for e in summary):
        entries = [e for e in summary if (e["feeds"], e["posts"], e["scenario"])
                   == (feeds, posts, scenario)]
        count = max(e["rounds"] for e in entries)
        lines += [f"{SCENARIO_TEXT[scenario].replace('`', '')}, {posts:,} posts, "
                  f"{FEEDS_TEXT[feeds]}: medians of {count} run(s) per tool", "",
                  f"  {'tool':8} {'CPU (s)':>8} {'wall (s)':>8}   {'CPU × floor':22}"
                  " wall × floor"]
        for e in entries:
            cpu, wall = ((e["cpu_ratios"], e["wall_ratios"]) if e["tool"] != "floor"
                         else (None, None))
            lines.append(f"  {e['tool']:8} {e['cpu']:8.2f} {e['wall']:8.2f}   "
                         f"{_spread(cpu):22} {_spread(wall)}".rstrip())
        if any(e["tool"] == AGAINST for e in entries):
            between = [ratios_between(runs, AGAINST, "postlog", figure).get(
                (feeds, posts, scenario)) for figure in ("cpu", "wall")]
            lines.append(f"  {AGAINST} ÷ postlog, same repetition: CPU "
                         f"{_spread(between[0])}, wall {_spread(between[1])}")
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
            for tool in ALL_TOOLS:
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
    colours = {"floor": "tab:gray", "postlog": "tab:blue", "ablog": "tab:orange",
               AGAINST: "tab:green"}
    sizes = sorted({e["posts"] for e in summary})
    plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:.2g}")
    # Between powers of ten, only 2 and 5 are labelled (times span 1 to 1,000 s).
    some = FuncFormatter(lambda value, _: plain(value) if f"{value:.0e}"[0] in "25" else "")
    for axis, scenario in zip(axes, ("full", "noop"), strict=True):
        for feeds in FEEDS:
            for tool in ALL_TOOLS:
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


def checkout_version(path: Path | None) -> str:
    """The version of sphinx-postlog a build imports: as installed, or from a checkout,
    with the checkout's commit (and ", changed" when its package differs from it)."""
    if path is None:
        return _version("sphinx-postlog")
    text = (path / "sphinx_postlog" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    version = found.group(1) if found else "of unknown version"

    def git(*command: str) -> str:
        return subprocess.run(["git", "-C", str(path), *command], capture_output=True,
                              text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--", "sphinx_postlog")
    except (OSError, subprocess.CalledProcessError):
        return version
    return f"{version} ({commit}{', changed' if changed else ''})"


def environment(tools: Iterable[str],
                paths: dict[str, Path | None] | None = None) -> dict[str, Any]:
    """The machine and the versions the builds run with."""
    paths = paths or {}
    versions: dict[str, str] = {}
    for tool in tools:
        if tool == "floor":
            versions.update({name: _version(name) for name in ("Sphinx", "myst-parser")})
        elif tool == "ablog":
            versions["ablog"] = _version("ablog")
        else:
            name = "sphinx-postlog" if tool == "postlog" else f"sphinx-postlog ({tool})"
            versions[name] = checkout_version(paths.get(tool))
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
    return [t for t in ALL_TOOLS if t in found]


def compile_sources(tools: Iterable[str], paths: dict[str, Path | None]) -> None:
    """Sphinx, MyST-Parser and ABlog are installed with their compiled bytecode; an
    editable install or a checkout of sphinx-postlog has none, and with
    PYTHONDONTWRITEBYTECODE set every build would compile its sources again (about
    0.15 s). Compile them once, before measuring, as installing the package does."""
    for tool in tools:
        if kind(tool) != "postlog":
            continue
        path = paths.get(tool)
        if path is not None:
            compileall.compile_dir(path / "sphinx_postlog", quiet=1)
            continue
        spec = importlib.util.find_spec("sphinx_postlog")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def _checkout(text: str) -> Path:
    """A checkout of sphinx-postlog given on the command line."""
    path = Path(text).resolve()
    if not (path / "sphinx_postlog" / "__init__.py").is_file():
        raise argparse.ArgumentTypeError(f"{text} has no sphinx_postlog/__init__.py")
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, with the defaults that depend on the mode filled in."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+",
                        help="numbers of posts (default: 100 1000, with --repeat 100; "
                             "3000 for the full measurement; 10000 takes hours, run it "
                             "on its own)")
    parser.add_argument("--rounds", type=int, help="rounds of every scenario (default: 3)")
    parser.add_argument("--repeat", type=int, metavar="N",
                        help="instead of rounds: each of --scenarios (required) N times "
                             "for each tool, on one site per tool, in rotated order; "
                             "prints the medians and the ratios to the floor, and writes "
                             "results only with --out")
    parser.add_argument("--feeds", nargs="+", choices=FEEDS, default=["site"],
                        help="site: one site-wide Atom feed each (default); per-term: a "
                             "feed for every tag, category and year as well")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS)
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--postlog-path", type=_checkout, metavar="CHECKOUT",
                        default=CHECKOUT if (CHECKOUT / "sphinx_postlog").is_dir() else None,
                        help="the checkout of sphinx-postlog the postlog builds import "
                             "(first on their PYTHONPATH; default: the one this script is "
                             "in)")
    parser.add_argument("--against", type=_checkout, metavar="CHECKOUT",
                        help=f"also build the postlog site with sphinx-postlog from this "
                             f"checkout, as the tool {AGAINST!r}: an A/B of two versions")
    parser.add_argument("--out", type=Path,
                        help=f"folder for {RESULTS_MD}, {RESULTS_JSON} and {PLOT} "
                             "(default: docs/; with --quick or --repeat: nothing written)")
    parser.add_argument("--merge", action="store_true",
                        help="keep the results in --out for the sizes and feeds not "
                             "measured now (e.g. add 10,000 posts to a 100-3,000 run)")
    parser.add_argument("--workdir", type=Path,
                        help="where the sites are built (default: a temporary folder)")
    parser.add_argument("--quick", action="store_true",
                        help="10 posts, 1 round: checks the script works")
    args = parser.parse_args(argv)
    if args.repeat is not None:
        if args.rounds is not None:
            parser.error("--repeat runs instead of rounds: give one of them")
        if args.scenarios is None:
            parser.error("--repeat needs --scenarios (e.g. --scenarios noop)")
        if args.repeat < 1:
            parser.error("--repeat must be at least 1")
    if args.against is not None and "postlog" not in args.tools:
        parser.error("--against compares with the postlog builds: keep postlog in --tools")
    if args.quick:
        args.posts = [10]
        if args.repeat is None:
            args.rounds = 1
    if args.posts is None:
        args.posts = [100] if args.repeat is not None else [100, 1000]
    if args.rounds is None:
        args.rounds = 3
    if args.scenarios is None:
        args.scenarios = list(SCENARIOS)
    if args.out is None and not args.quick and args.repeat is None:
        args.out = HERE.parent / "docs"
    if args.rounds < 1 or min(args.posts) < 1:
        parser.error("--rounds and --posts must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wanted = args.tools + ([AGAINST] if args.against is not None else [])
    tools = available_tools(wanted)
    paths: dict[str, Path | None] = {"postlog": args.postlog_path, AGAINST: args.against}
    compile_sources(tools, paths)
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
    times = args.repeat or args.rounds
    batches.append({
        "id": batch_id,
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "rounds": times,
        "repeat": args.repeat,
        "order": [rotation(tools, r) for r in range(times)],
        "environment": environment(tools, paths),
        "conf": {f: {t: conf_text(kind(t), f) for t in tools} for f in feeds_list},
    })
    if max(args.posts) >= 10_000:
        print("10,000 posts: this takes about an hour", file=sys.stderr)
    runs: list[Run] = []
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="postlog-bench-", dir=args.workdir) as tmp:
        plan = Plan(tools, scenarios, Path(tmp), batch_id, paths)
        for feeds in feeds_list:
            for posts in sorted(args.posts):
                if args.repeat is not None:
                    print(f"{posts} posts, {FEEDS_TEXT[feeds]}: {', '.join(scenarios)}, "
                          f"{args.repeat} time(s) for each of {', '.join(tools)}",
                          file=sys.stderr, flush=True)
                    run_repeats(plan, feeds, posts, args.repeat, runs)
                    continue
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
    print(repeat_report([asdict(r) for r in runs]) if args.repeat is not None else report)
    if args.out is not None and json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (args.out / RESULTS_MD).write_text(report, encoding="utf-8")
        print(f"written: {args.out / RESULTS_MD}, {json_path}"
              + (f", {args.out / PLOT}" if plotted else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
