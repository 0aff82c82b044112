"""Benchmark: plain Sphinx + MyST (the floor), sphinx-postlog and ABlog on the same posts.

    python benchmarks/run.py               # N = 100, 1,000, 3,000; 3 runs each
    python benchmarks/run.py --sizes 500 --runs 5
    python benchmarks/run.py --quick       # N = 100, one run: checks the script

Every build runs in a fresh process; wall time, CPU time (user + system) and peak
memory (max RSS) are measured from outside. Each figure is the median of the runs, and
ratios compare with the floor measured in the same run, since machines are noisy.
Results are printed as Markdown and, with --output, written to a file (the docs include
docs/performance-results.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sites import TAG_POOL, VARIANTS, post_text, write_site  # noqa: E402

SCENARIOS = ("full", "noop", "edit-body", "edit-tags", "add-post", "full-j2")


@dataclass
class Measure:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    read: int
    written: int
    postlog_seconds: float


@dataclass
class Results:
    """Measures by (variant, size, scenario), one per run."""

    runs: dict[tuple[str, int, str], list[Measure]] = field(default_factory=dict)

    def add(self, key: tuple[str, int, str], measure: Measure) -> None:
        self.runs.setdefault(key, []).append(measure)

    def median(self, key: tuple[str, int, str], attribute: str) -> float:
        return statistics.median(getattr(m, attribute) for m in self.runs[key])


def build(srcdir: Path, builddir: Path, jobs: int = 1) -> Measure:
    """One build in a fresh process: wall time, peak memory and what it did."""
    command = [sys.executable, str(HERE / "build_once.py"), str(srcdir), str(builddir),
               str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build of {srcdir} failed (status {status})")
    report = json.loads(output)
    if report["warnings"]:
        raise SystemExit(f"build of {srcdir} gave {report['warnings']} warnings:\n"
                         f"{report['warning_text']}")
    return Measure(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   report["read"], report["written"], report["postlog_seconds"])


def _bump(path: Path, text: str) -> None:
    """Edit a source (its new modification time tells Sphinx it changed)."""
    path.write_text(text, encoding="utf-8")


def run_scenarios(variants: list[str], size: int, workdir: Path, results: Results) -> None:
    """Every scenario, in order, on one fresh site per variant. The variants take turns
    at each step, so that a machine slowing down affects them alike."""
    sources = {v: write_site(workdir / f"{v}-{size}" / "src", v, size) for v in variants}

    def step(scenario: str, edit: Callable[[Path], None] | None = None,
             builddir: str = "build", jobs: int = 1) -> None:
        for variant, srcdir in sources.items():
            if edit is not None:
                edit(srcdir)
            measure = build(srcdir, srcdir.parent / builddir, jobs)
            results.add((variant, size, scenario), measure)

    def edit_body(srcdir: Path) -> None:
        first = srcdir / "posts" / "post-00000.md"
        _bump(first, first.read_text(encoding="utf-8") + "\nOne more paragraph.\n")

    def edit_tags(srcdir: Path) -> None:
        second = srcdir / "posts" / "post-00001.md"
        lines = second.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[1] = f"tags: {TAG_POOL[0]}, {TAG_POOL[1]}, brand-new-tag\n"
        _bump(second, "".join(lines))

    def add_post(srcdir: Path) -> None:
        _bump(srcdir / "posts" / "post-new.md", post_text(size, random.Random(size)))

    step("full")
    step("noop")
    step("edit-body", edit_body)
    step("edit-tags", edit_tags)
    step("add-post", add_post)
    step("full-j2", builddir="build-j2", jobs=2)
    for srcdir in sources.values():
        shutil.rmtree(srcdir.parent)


def available_variants(wanted: list[str]) -> list[str]:
    """The variants whose extensions are installed (ABlog is a benchmark extra)."""
    modules = {"floor": "myst_parser", "postlog": "sphinx_postlog", "ablog": "ablog"}
    found = [v for v in wanted if importlib.util.find_spec(modules[v]) is not None]
    for missing in sorted(set(wanted) - set(found)):
        print(f"skipping {missing}: {modules[missing]} is not installed "
              f"(pip install -e '.[bench]')", file=sys.stderr)
    return found


def _ratio(results: Results, key: tuple[str, int, str], floor: tuple[str, int, str],
           attribute: str) -> str:
    if floor not in results.runs:
        return ""
    return f"{results.median(key, attribute) / results.median(floor, attribute):.2f}×"


def markdown(results: Results, sizes: list[int], variants: list[str], runs: int) -> str:
    """The results as Markdown tables, with ratios to the floor."""
    import sphinx

    lines = [
        f"Measured with Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
        f"on {os.cpu_count()} CPUs; median of {runs} run(s) per figure.",
        "",
    ]
    for size in sizes:
        lines += [f"### {size:,} posts", "",
                  "| scenario | variant | wall (s) | vs floor | CPU (s) | vs floor | read "
                  "| written | peak memory (MB) | vs floor |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for scenario in SCENARIOS:
            floor = ("floor", size, scenario)
            for variant in variants:
                key = (variant, size, scenario)
                cells = [scenario, variant]
                for attribute, fmt in (("seconds", ".2f"), ("cpu_seconds", ".2f")):
                    value = results.median(key, attribute)
                    cells += [format(value, fmt), _ratio(results, key, floor, attribute)]
                cells += [f"{results.median(key, 'read'):.0f}",
                          f"{results.median(key, 'written'):.0f}",
                          f"{results.median(key, 'peak_mb'):.0f}",
                          _ratio(results, key, floor, "peak_mb")]
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    if "postlog" in variants:
        lines += ["### Archive pages and feed generation (sphinx-postlog, full build)", "",
                  "| posts | seconds | per 1,000 posts |", "| ---: | ---: | ---: |"]
        for size in sizes:
            seconds = results.median(("postlog", size, "full"), "postlog_seconds")
            lines.append(f"| {size:,} | {seconds:.3f} | {seconds / size * 1000:.3f} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--quick", action="store_true", help="N = 100, one run")
    parser.add_argument("--output", type=Path, help="also write the Markdown here")
    parser.add_argument("--json", type=Path, help="also write every measure as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = [100], 1
    variants = available_variants(args.variants)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="postlog-bench-") as tmp:
        for run in range(args.runs):
            for size in args.sizes:
                print(f"run {run + 1}/{args.runs}: {size} posts", file=sys.stderr)
                run_scenarios(variants, size, Path(tmp) / f"run{run}", results)
    report = markdown(results, args.sizes, variants, args.runs)
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(
            {"|".join(map(str, key)): [vars(m) for m in measures]
             for key, measures in results.runs.items()}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
