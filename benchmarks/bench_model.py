"""Time to build the report model from each seed (issue 3's target: well under 10 ms a seed).

usage: python benchmarks/bench_model.py [FILES...]   (default: examples/reports/*.txt)
Prints the median of 50 runs per file, after one warm-up run that loads templates and caches.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from reportlint.core.config import Config
from reportlint.core.document import Document
from reportlint.host import registry
from reportlint.host.plugins import get_plugin_manager
from reportlint.parsing import build_report


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or sorted(Path(__file__).parents[1].joinpath("examples", "reports").glob("*.txt"))
    hook = get_plugin_manager().hook
    config = registry.effective(Config())  # the rules' settings filled in, as the host does
    templates = registry.templates()
    for path in files:
        document = Document.from_text(str(path), path.read_text(encoding="utf-8"))
        build_report(document, templates)
        build_times, check_times = [], []
        for _ in range(50):
            t0 = time.perf_counter()
            report = build_report(document, templates)
            t1 = time.perf_counter()
            for result in hook.reportlint_check(report=report, config=config):
                list(result or ())
            t2 = time.perf_counter()
            build_times.append(t1 - t0)
            check_times.append(t2 - t1)
        print(f"{path.name}: model {statistics.median(build_times) * 1000:.2f} ms, rules {statistics.median(check_times) * 1000:.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
