"""The benchmark script works (its --quick mode); the figures themselves are not tested."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent / "benchmarks" / "run.py"


def test_quick_benchmark_reports_every_scenario(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--variants", "floor", "postlog",
         "--output", str(output)],
        capture_output=True, text=True, check=True, timeout=600)
    report = output.read_text(encoding="utf-8")
    assert report.strip() in completed.stdout
    rows = {}
    for line in report.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 10 and cells[1] in {"floor", "postlog"}:
            rows[(cells[0], cells[1])] = cells
    scenarios = ["full", "noop", "edit-body", "edit-tags", "add-post", "full-j2"]
    assert set(rows) == {(s, v) for s in scenarios for v in ("floor", "postlog")}
    times = "×"  # noqa: RUF001 - the benchmark's ratio sign
    for cells in rows.values():
        assert cells[3].endswith(times) and float(cells[2]) > 0
    read = {key: int(cells[6]) for key, cells in rows.items()}
    written = {key: int(cells[7]) for key, cells in rows.items()}
    assert read[("full", "postlog")] == read[("full", "floor")] == 101
    assert read[("noop", "postlog")] == 0
    assert read[("edit-body", "postlog")] == 1
    # A no-op rebuild writes only what Sphinx always writes (index pages).
    assert written[("noop", "postlog")] == written[("noop", "floor")]
    assert re.search(r"\| 100 \| \d+\.\d{3} \|", report)
