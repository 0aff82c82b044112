"""Run one Sphinx build in this process and report what it did, as JSON on stdout.

    python build_once.py TOOL SRCDIR BUILDDIR JOBS

The count of documents read comes from Sphinx's own event (``env-before-read-docs``), so
it is the same for every tool; the pages written are counted by the caller, from the
output folder. Only for sphinx-postlog is anything of sphinx-postlog imported (to time
its archive pages and feeds); the report says which extensions the process imported,
so that the caller can check the floor and ABlog ran without sphinx-postlog, and where
sphinx-postlog was imported from, so that it can check which checkout was measured.

It also reports the CPU time this process counts for itself and for the children it
waited for (Sphinx's ``-j`` workers are forked children, each joined), at the end of the
build: the caller's ``wait4`` of this process must include both.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path


def _timed(module: object, name: str, totals: dict[str, float]) -> None:
    """Add the time spent in ``module.name`` to ``totals``, including the time spent
    taking items from what it returns (archive pages are made as Sphinx asks for them)."""
    original = getattr(module, name)

    def clock(start: float) -> None:
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

    def timed_items(items: Iterator[object]) -> Iterator[object]:
        while True:
            start = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                clock(start)
                return
            clock(start)
            yield item

    def wrapper(*args: object) -> object:
        start = time.perf_counter()
        result = original(*args)
        clock(start)
        return timed_items(result) if isinstance(result, Iterator) else result

    setattr(module, name, wrapper)


def main(tool: str, srcdir: str, builddir: str, jobs: str) -> None:
    from sphinx.application import Sphinx

    totals: dict[str, float] = {}
    if tool == "postlog":
        from sphinx_postlog.write import archives, feeds

        _timed(archives, "collect_archive_pages", totals)
        _timed(feeds, "write_feeds", totals)
    read: list[str] = []
    warnings = StringIO()
    app = Sphinx(srcdir, srcdir, str(Path(builddir) / "html"),
                 str(Path(builddir) / "doctrees"), "html", status=StringIO(),
                 warning=warnings, parallel=int(jobs))
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    # ABlog cannot read in parallel; Sphinx says so and reads serially. Sphinx 7 cannot
    # silence "not included in any toctree" for the floor's posts. Neither is a failure.
    expected = ("parallel", "serial read", "isn't included in any toctree")
    problems = [line for line in warnings.getvalue().splitlines()
                if "WARNING" in line and not any(text in line for text in expected)]
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    postlog = sys.modules.get("sphinx_postlog")
    print(json.dumps({
        "read": len(read),
        "postlog_seconds": sum(totals.values()) if tool == "postlog" else None,
        "imported": {name: name in sys.modules
                     for name in ("sphinx_postlog", "ablog", "myst_parser")},
        "warnings": len(problems),
        "warning_text": "\n".join(problems[:20]),
        "status": app.statuscode,
        "cpu_self": own.ru_utime + own.ru_stime,
        "cpu_workers": workers.ru_utime + workers.ru_stime,
        "postlog_file": getattr(postlog, "__file__", None),
    }))


if __name__ == "__main__":
    main(*sys.argv[1:5])
