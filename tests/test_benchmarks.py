"""The benchmark scripts still run against the current code (their timings are for the README, not
for the tests: nothing here asserts a duration)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support.paths import FIXTURES, REPO, SAMPLE_REPORTS

BENCHMARKS = REPO / "benchmarks"


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=600, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_model_benchmark_runs():
    sample = sorted(SAMPLE_REPORTS.glob("*.txt"))[0]
    assert f"{sample.name}: model" in _run(str(BENCHMARKS / "bench_model.py"), str(sample))


def test_the_reader_benchmark_runs():
    docx = sorted((FIXTURES / "seeds").glob("*.docx"))[0]
    assert "docx" in _run(str(BENCHMARKS / "bench_readers.py"), "--repeat", "1", str(docx))


@pytest.mark.slow
def test_the_command_line_benchmark_runs(tmp_path):
    out = _run(str(BENCHMARKS / "bench_cli.py"), "--files", "50", "--repeat", "1", "--keep", str(tmp_path / "corpus"),
               "--memory-files", "20")
    for line in ("one file:", "50 files, -j 1:", "50 files, -j 2:", "50 files, cached:", "peak memory:"):
        assert line in out
    assert "over 20 files" in out
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return
    assert "50 files, --dask local (2 workers):" in out


@pytest.mark.slow
def test_the_comparison_with_an_earlier_commit_runs(tmp_path):
    out = _run(str(BENCHMARKS / "compare.py"), "HEAD", "--files", "3", "--rounds", "1", "--scratch", str(tmp_path))
    assert "ratio head/base:" in out
    assert not any(p.name.startswith("base-") for p in tmp_path.iterdir())  # the worktree is removed
    out = _run(str(BENCHMARKS / "compare.py"), "HEAD", "--each", "HEAD", "--files", "2", "--rounds", "1", "--scratch", str(tmp_path))
    assert out.startswith("HEAD: ") and ", ratio " in out
    assert not any(p.name.startswith("base-") for p in tmp_path.iterdir())


def test_the_textlint_comparison_says_what_it_needs_without_textlint(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_textlint.py"), str(tmp_path)], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.returncode == 1 and "npm install textlint textlint-rule-prh" in done.stderr
