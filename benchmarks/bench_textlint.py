"""reportlint against textlint with a prh dictionary, side by side on the same files (issue 21).

usage: python benchmarks/bench_textlint.py TEXTLINT_DIR [--files 1000] [--rounds 3]

TEXTLINT_DIR is a scratch folder outside the repository where ``npm install textlint
textlint-rule-prh`` was run (never committed). The prh dictionary is made from
rules/data/phrases.toml (the wrong phrases RL601 knows), so textlint does a part of reportlint's
work: one dictionary over the text. Runs alternate textlint, reportlint ``--no-cache -j 1`` and the
floor (read, decode, one regular expression) in one session; the medians and ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def prh_dictionary(path: Path) -> None:
    phrases = tomllib.loads((ROOT / "rules" / "data" / "phrases.toml").read_text(encoding="utf-8"))["phrase"]
    lines = ["version: 1", "rules:"]
    for phrase in phrases:
        lines += [f"  - expected: {json.dumps(phrase['right'], ensure_ascii=False)}",
                  f"    pattern: {json.dumps(phrase['wrong'], ensure_ascii=False)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=bench_cli.ENV)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("textlint_dir", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    textlint = (args.textlint_dir / "node_modules" / ".bin" / "textlint").resolve()
    if not textlint.exists():
        sys.exit(f"no textlint in {args.textlint_dir}: run `npm install textlint textlint-rule-prh` there first")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        bench_cli.make_corpus(corpus, args.files)
        prh_dictionary(work / "prh.yml")
        (work / ".textlintrc.json").write_text('{"rules": {"prh": {"rulePaths": ["./prh.yml"]}}}\n', encoding="utf-8")
        (work / "floor.py").write_text(bench_cli.FLOOR, encoding="utf-8")
        commands = {
            "textlint + prh": [str(textlint), "--no-cache", "--format", "compact", "corpus"],
            "reportlint -j 1": [*bench_cli.reportlint_command(), "-q", "--no-cache", "-j", "1", "corpus"],
            "floor": [sys.executable, str(work / "floor.py"), "corpus"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for name, command in commands.items():  # warm-up
            timed(command, work)
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(timed(command, work))
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.files} files, {args.rounds} rounds interleaved")
    for name, value in median.items():
        print(f"  {name:16s} {value:6.2f} s  ({value / median['floor']:5.1f}x the floor; runs {', '.join(f'{t:.2f}' for t in times[name])})")
    print(f"  reportlint / textlint: {median['reportlint -j 1'] / median['textlint + prh']:.2f}")


if __name__ == "__main__":
    main()
