"""The working tree against an earlier commit, side by side: is this change faster or slower?

usage: python benchmarks/compare.py BASE [--head COMMIT | --each C1,C2,…] [--files N] [--rounds R]
                                         [--corpus samples|real|mixed] [--workload lint|cli] [--keep]

BASE is any commit (``main``, ``HEAD~1``, ``f6b215a``). It is checked out as a git worktree outside
the repository (``--head COMMIT`` compares two commits instead of BASE and the working tree), and both versions run from their own source with this interpreter and its installed
dependencies (each version's built-in plugins are found from its own ``pyproject.toml``). The runs
alternate base, head, head, base, … (ABBA), in one session, so that the machine's drift from minute
to minute falls on both alike. Printed: the median of each version and the median of the per-round
ratios head/base (below 1: the working tree is faster).

Workloads, each in a fresh process per run:

- ``lint`` (the default): lint N files in-process with ``reportlint.api.lint_bytes``, start-up and
  imports excluded — the model and the rules, what a change to parsing/ or checks/ moves;
- ``cli``: ``reportlint --no-cache -j 1`` over the N files as a folder, start-up included (what a
  user waits for), and the same on one file: the per-file time is their difference; then one file
  as pre-commit runs it — with the cache folder, kept from the runs before, the file changed before
  every run so that it is linted again — and the import floor, ``python -c "import click, pluggy"``,
  the target's yardstick (one file within 1.5x of it).

Nothing here is asserted by the tests but that it runs (tests/test_benchmarks.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "samples": lambda: sorted((ROOT / "examples" / "reports").glob("*.txt")),
    "real": lambda: sorted([*(ROOT / "tests" / "fixtures" / "real").glob("*.txt"),
                            *(ROOT / "tests" / "fixtures" / "collected").glob("*.txt")]),
}
CORPORA["mixed"] = lambda: CORPORA["samples"]() + CORPORA["real"]()

#: Run in a fresh process: lint every file of a folder once, in-process, and print the seconds it took
#: (imports and the plugin manager's loading done before the clock starts, by linting a warm-up text).
LINT = r"""
import os, sys, time
import reportlint.api as api
folder = sys.argv[1]
files = [(name, open(os.path.join(folder, name), "rb").read()) for name in sorted(os.listdir(folder))]
api.lint_bytes("一、总体情况\n".encode(), "warm.txt")
start = time.perf_counter()
for name, data in files:
    api.lint_bytes(data, name)
print(time.perf_counter() - start)
"""

# Installed packages have their bytecode compiled; measure that, not recompiling every module per run.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


class Version:
    """One version of reportlint runnable from its source: ``src`` first on the path, and a
    distribution record naming its own built-in plugins (as its ``pyproject.toml`` lists them)."""

    def __init__(self, name: str, tree: Path, scratch: Path) -> None:
        self.name = name
        self.tree = tree
        site = scratch / f"site-{name}"
        shutil.rmtree(site, ignore_errors=True)
        info = site / "reportlint-0.0.0.dist-info"
        info.mkdir(parents=True)
        project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
        points = project.get("project", {}).get("entry-points", {}).get("reportlint", {})
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: reportlint\nVersion: 0.0.0\n\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(
            "[reportlint]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()), encoding="utf-8")
        self.env = {**ENV, "PYTHONPATH": os.pathsep.join([str(tree / "src"), str(site)])}
        self.help = "".join(subprocess.run([sys.executable, "-m", "reportlint", *command, "--help"], capture_output=True,
                                           text=True, env=self.env, cwd=scratch).stdout for command in ([], ["check"]))

    def cli(self, *args: str, cache_dir: Path | None = None) -> list[str]:
        """The command over ``args``: without the cache, or with the cache folder ``cache_dir``."""
        quiet = ["-q"] if "--quiet" in self.help else []
        cache = [] if "--no-cache" not in self.help else ["--no-cache"] if cache_dir is None else ["--cache-dir", str(cache_dir)]
        return [sys.executable, "-m", "reportlint", *quiet, *cache, "-j", "1", *args]


def timed(version: Version, command: list[str], cwd: Path, prints_time: bool) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=version.env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: findings; anything else is not a measurement
        sys.exit(f"{version.name}: {' '.join(command)} failed ({done.returncode}):\n{done.stderr[-800:]}")
    return float(done.stdout.strip().splitlines()[-1]) if prints_time else elapsed


def make_corpus(directory: Path, kind: str, count: int) -> None:
    sources = CORPORA[kind]()
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = sources[i % len(sources)]
        shutil.copyfile(source, directory / f"{i:05d}_{source.name}")


def worktree(commit: str, scratch: Path) -> Path:
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", commit], capture_output=True, text=True,
                         check=True).stdout.strip()
    path = scratch / f"base-{sha}"
    if not (path / "pyproject.toml").exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(path), sha],
                       capture_output=True, check=True)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare with (a git worktree of it is made)")
    parser.add_argument("--head", help="a commit to measure instead of the working tree (also a worktree)")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4, help="ABBA rounds: each version runs twice per round")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="samples")
    parser.add_argument("--workload", choices=("lint", "cli"), default="lint")
    parser.add_argument("--keep", action="store_true", help="keep the base's worktree for the next comparison")
    parser.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "reportlint-compare",
                        help="where the worktree and the corpus go (outside the repository)")
    parser.add_argument("--each", metavar="C1,C2,…", help="compare every one of these commits with BASE in turn, one "
                        "line each: which commits of a history made it slower")
    args = parser.parse_args(argv)
    scratch = args.scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    if args.each:
        for head in args.each.split(","):
            times, starts = measure(args, scratch, head, keep=True)
            ratios = [h / b for h, b in zip(times["head"], times["base"])]
            print(f"{head}: {statistics.median(times['head']) / args.files * 1000:6.2f} ms/file against "
                  f"{statistics.median(times['base']) / args.files * 1000:6.2f}, ratio {statistics.median(ratios):.3f} "
                  f"({subprocess.run(['git', '-C', str(ROOT), 'log', '-1', '--format=%s', head], capture_output=True, text=True).stdout.strip()[:70]})",
                  flush=True)
        if not args.keep:
            for tree in scratch.glob("base-*"):
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
        return
    times, starts = measure(args, scratch, args.head, keep=args.keep)
    report(args, times, starts)


def measure(args, scratch: Path, head: str | None, keep: bool) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Times of BASE and ``head`` (None: the working tree), run alternately."""
    trees = [worktree(args.base, scratch)] + ([worktree(head, scratch)] if head else [])
    try:
        versions = [Version("base", trees[0], scratch), Version("head", trees[1] if head else ROOT, scratch)]
        with tempfile.TemporaryDirectory(dir=scratch) as tmp:
            corpus, single = Path(tmp) / "corpus", Path(tmp) / "one"
            make_corpus(corpus, args.corpus, args.files)
            make_corpus(single, args.corpus, 1)
            script = Path(tmp) / "lint.py"
            script.write_text(LINT, encoding="utf-8")
            times: dict[str, list[float]] = {"base": [], "head": []}
            starts: dict[str, list[float]] = {"base": [], "head": [], "floor": []}
            commits: dict[str, list[float]] = {"base": [], "head": []}
            changed = next(single.iterdir())
            floor = [sys.executable, "-c", "import click, pluggy"]

            def run(version: Version) -> None:
                if args.workload == "lint":
                    times[version.name].append(timed(version, [sys.executable, str(script), str(corpus)], Path(tmp), True))
                else:
                    times[version.name].append(timed(version, version.cli(str(corpus)), Path(tmp), False))
                    starts[version.name].append(timed(version, version.cli(str(single)), Path(tmp), False))
                    with open(changed, "a", encoding="utf-8") as fh:
                        fh.write("\n")  # changed since the last run: linted again, as a commit's file is
                    commits[version.name].append(timed(version, version.cli(str(changed), cache_dir=Path(tmp) / f"cache-{version.name}"), Path(tmp), False))
                    starts["floor"].append(timed(version, floor, Path(tmp), False))

            for version in versions:  # warm-up: bytecode written, files in the page cache, the cache folder made
                run(version)
                times[version.name].clear()
                starts[version.name].clear()
                commits[version.name].clear()
            starts["floor"].clear()
            for _ in range(args.rounds):
                for version in (*versions, *reversed(versions)):
                    run(version)
    finally:
        for tree in trees if not keep else ():
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
    starts.update({f"commit-{name}": values for name, values in commits.items()})
    return times, starts


def report(args, times: dict[str, list[float]], starts: dict[str, list[float]]) -> None:
    n = args.files
    what = "lint in-process" if args.workload == "lint" else "reportlint -j 1, start-up included"
    print(f"{n} files ({args.corpus}), {what}, {args.rounds} ABBA rounds; base {args.base}, head {args.head or 'the working tree'}")
    for name in ("base", "head"):
        median = statistics.median(times[name])
        line = f"  {name}: {median:7.3f} s  ({median / n * 1000:6.2f} ms/file; runs {', '.join(f'{t:.2f}' for t in times[name])})"
        if starts[name]:
            one = statistics.median(starts[name])
            line += f"  one file {one:.3f} s, per file beyond it {(median - one) / max(n - 1, 1) * 1000:.2f} ms"
        print(line)
    ratios = [h / b for h, b in zip(times["head"], times["base"])]
    print(f"  ratio head/base: {statistics.median(ratios):.3f} (per run {', '.join(f'{r:.2f}' for r in ratios)})"
          f"  {'head faster' if statistics.median(ratios) < 1 else 'head slower'}")
    if starts.get("floor"):
        floor = statistics.median(starts["floor"])
        print(f"  import floor (python -c 'import click, pluggy'): {floor:.3f} s")
        for name in ("base", "head"):
            one, commit = statistics.median(starts[name]), statistics.median(starts[f"commit-{name}"])
            print(f"  {name}: one file --no-cache {one:.3f} s ({one / floor:.2f}x the floor); as pre-commit runs it "
                  f"(the cache folder kept, the file changed) {commit:.3f} s ({commit / floor:.2f}x)")


if __name__ == "__main__":
    main()
