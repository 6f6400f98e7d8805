"""End-to-end timings of the reportlint command against its floors (SPEC §8; results in README).

usage: python benchmarks/bench_cli.py [--files 1000] [--repeat 5] [--keep DIR] [--memory-files N] [--no-dask]

1. one file: ``reportlint --no-cache FILE`` (nothing kept anywhere) and ``reportlint FILE`` as
   pre-commit runs it (the cache folder kept from the runs before, the file changed before every run,
   so that it is linted again) vs ``python -c "import click, pluggy"`` (target: within 1.5x);
2. a corpus of N text reports (the five samples repeated), one process: ``reportlint -j 1 DIR`` vs
   the floor, a script that reads and decodes the same files and runs one regex over them
   (target: within 3x);
3. the same corpus with ``-j 2`` vs ``-j 1`` (target: 1.7x faster), next to a control: pure CPU
   work in two processes vs one, the most two processes can gain on this machine at this moment;
4. the same corpus again, unchanged, with the result cache of the run before (target: within 2x of
   the floor);
5. peak memory (max RSS) of ``-j 1`` over the corpus (``--memory-files N``: a larger one, made of
   N/5 agencies' five-year series, so that the run-level checks RL701–RL703 compare them; target:
   flat, 10,000 files within 150 MB);
6. with Dask installed (``reportlint[dask]``): the corpus with ``--dask local`` (a LocalCluster of
   two worker processes, its start included) vs ``-j 2``.

Runs 2, 3 and 5 and the first of 1 use ``--no-cache``: they measure linting, not the cache.

Every command runs as a fresh process (bytecode caches written, as an installed package has them),
once to warm up, then ``--repeat`` times; the median wall time is reported.
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

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "examples" / "reports").glob("*.txt"))

FLOOR = r"""
import os, re, sys
from reportlint.readers.decode import decode
pattern = re.compile("政府信息公开工作年度报告")
found = 0
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), "rb") as fh:
        text, _ = decode(fh.read())
    found += len(pattern.findall(text))
print(found)
"""


CONTROL = r"""
import sys, time
from concurrent.futures import ProcessPoolExecutor
def spin(n):
    return sum(i * i for i in range(n))
if __name__ == "__main__":
    start = time.perf_counter(); [spin(2_000_000) for _ in range(4)]; serial = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        start = time.perf_counter(); list(pool.map(spin, [2_000_000] * 4)); parallel = time.perf_counter() - start
    print(f"{serial / parallel:.2f}")
"""


def reportlint_command() -> list[str]:
    script = Path(sys.executable).with_name("reportlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportlint"]


# Installed packages have their bytecode compiled; measure that, not recompiling every module per run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], repeat: int) -> float:
    warm = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)  # warm-up
    if warm.returncode not in (0, 1):  # a usage error or a crash is not a measurement
        sys.exit(f"{' '.join(command)} failed ({warm.returncode}): {warm.stderr.decode(errors='replace')[-500:]}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_changed_file(reportlint: list[str], repeat: int) -> float:
    """``reportlint FILE`` with its cache folder, the file changed before every run: what a pre-commit
    hook pays for a commit's report (reportlint's start-up kept from the runs before, the file linted)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / SAMPLES[1].name
        shutil.copyfile(SAMPLES[1], path)
        command = [*reportlint, "--cache-dir", str(Path(tmp) / "cache"), str(path)]
        times = []
        for run in range(repeat + 1):  # the first run keeps the start-up
            with open(path, "a", encoding="utf-8") as fh:
                fh.write("\n")
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, check=False)
            if run:
                times.append(time.perf_counter() - start)
        return statistics.median(times)


MEASURE = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def peak_rss(command: list[str]) -> int:
    """Max RSS in KiB of ``command`` alone (Linux), measured by a fresh process that runs only it."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=ENV, check=False)
    return int(done.stdout.strip() or 0)


def make_corpus(directory: Path, count: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        sample = SAMPLES[i % len(SAMPLES)]
        shutil.copyfile(sample, directory / f"{i:05d}_{sample.name}")


def make_series_corpus(directory: Path, count: int) -> None:
    """``count`` reports: five years of each of ``count / 5`` agencies (tests/support/series.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support.series import series

    directory.mkdir(parents=True, exist_ok=True)
    for agency in range((count + 4) // 5):
        for year, text in series(f"第{agency}号试验区经济发展局", range(2021, 2026), seed=agency).items():
            if agency * 5 + year - 2021 < count:
                (directory / f"{agency:05d}_{year}.txt").write_text(text, encoding="utf-8")


def has_dask() -> bool:
    return subprocess.run([sys.executable, "-c", "import dask.distributed"], capture_output=True).returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--memory-files", type=int, help="measure peak memory on a corpus of this many files")
    parser.add_argument("--no-dask", action="store_true", help="skip the --dask local run")
    args = parser.parse_args()
    reportlint = [*reportlint_command(), "-q"]
    cold = [*reportlint, "--no-cache"]

    single = wall([*cold, str(SAMPLES[1])], args.repeat * 2)
    imports = wall([sys.executable, "-c", "import click, pluggy"], args.repeat * 2)
    commit = one_changed_file(reportlint, args.repeat * 2)
    print(f"one file:      reportlint --no-cache {single * 1000:5.0f} ms   import click, pluggy {imports * 1000:5.0f} ms   ratio {single / imports:4.2f}x")
    print(f"one file as pre-commit runs it (the cache folder kept, the file changed): {commit * 1000:5.0f} ms   "
          f"ratio {commit / imports:4.2f}x (target <= 1.5x)")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        make_corpus(corpus, args.files)
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR, encoding="utf-8")
        floor = wall([sys.executable, str(floor_script), str(corpus)], args.repeat)
        one = wall([*cold, "-j", "1", str(corpus)], args.repeat)
        two = wall([*cold, "-j", "2", str(corpus)], args.repeat)
        dask = wall([*cold, "-j", "2", "--dask", "local", str(corpus)], args.repeat) if not args.no_dask and has_dask() else None
        control = subprocess.run([sys.executable, "-c", CONTROL], capture_output=True, text=True, env=ENV).stdout.strip()
        cache_dir = Path(tmp) / "cache"
        cached = wall([*reportlint, "--cache-dir", str(cache_dir), "-j", "1", str(corpus)], args.repeat)  # warm-up fills it
        memory_corpus = corpus
        if args.memory_files:
            memory_corpus = Path(tmp) / "memory"
            make_series_corpus(memory_corpus, args.memory_files)
        peak = peak_rss([*cold, "-j", "1", str(memory_corpus)])
    n = args.files
    print(f"{n} files, -j 1: reportlint {one:6.2f} s ({one / n * 1000:5.2f} ms/file)   floor {floor:5.2f} s   ratio {one / floor:5.2f}x (target <= 3x)")
    print(f"{n} files, -j 2: reportlint {two:6.2f} s   speed-up over -j 1 {one / two:4.2f}x (target >= 1.7x; {os.cpu_count()} CPUs)")
    print(f"control:       pure CPU work in 2 processes vs 1 on this machine now: {control}x (the ceiling for -j 2)")
    if dask is not None:
        print(f"{n} files, --dask local (2 workers): reportlint {dask:6.2f} s   vs -j 2 {two:6.2f} s   ratio {dask / two:4.2f}x")
    print(f"{n} files, cached: reportlint {cached:6.2f} s   floor {floor:5.2f} s   ratio {cached / floor:5.2f}x (target <= 2x)")
    print(f"peak memory:   {peak / 1024:6.1f} MB over {args.memory_files or n} files, -j 1 (target: flat; 10,000 files <= 150 MB)")


if __name__ == "__main__":
    main()
