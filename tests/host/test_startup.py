"""reportlint's start-up kept in the cache folder (host/startup.py): a run parses no data file and
compiles no pattern an earlier run of the same Python and reportlint made; what it reads there is
checked, and a damaged file costs nothing but the time; the findings are the same either way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from reportlint.core import patterns
from reportlint.host import startup
from support.paths import SAMPLE_REPORTS

_RUN = """
import atexit, sys
from reportlint.core import patterns, resources
def report():
    made, firsts = patterns.made()
    print("MADE", len(made) + len(firsts) + len(resources.parsed_made()), file=sys.stderr)
atexit.register(report)
from reportlint.cli import main
main(sys.argv[1:])
"""


def run(folder, *args: str) -> tuple[str, int]:
    """(stdout, how many patterns and data files the run made anew) of a fresh process."""
    done = subprocess.run([sys.executable, "-c", _RUN, "--format", "json", *args, "."], cwd=folder, capture_output=True,
                          text=True, check=False, env={**os.environ, "REPORTLINT_CACHE_DIR": str(folder / "cache")})
    made = [line for line in done.stderr.splitlines() if line.startswith("MADE ")]
    assert made, done.stderr
    return done.stdout, int(made[-1].split()[1])


def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for sample in sorted(SAMPLE_REPORTS.glob("*.txt")):
        shutil.copyfile(sample, folder / sample.name)
    return folder


def findings(output: str) -> list:
    return [(f["path"], [(d["code"], d["line"], d["message"]) for d in f["diagnostics"]]) for f in json.loads(output)["files"]]


def kept_file(folder):
    [path] = (folder / "cache").glob("reportlint-startup-*.json")
    return path


def kept(folder) -> tuple[int, int]:
    """How many patterns and data files the start-up file keeps."""
    data = json.loads(kept_file(folder).read_text(encoding="utf-8"))
    return len(data["patterns"]), len(data["parsed"])


def forget_results(folder) -> None:
    for path in (folder / "cache").glob("reportlint-results-*.json"):
        path.unlink()


def test_a_later_run_makes_nothing_an_earlier_one_kept_and_finds_the_same(tmp_path):
    folder = reports(tmp_path)
    cold, made = run(folder, "--no-cache")
    assert made > 50 and not (folder / "cache").exists()  # nothing kept anywhere
    first, _ = run(folder)
    assert kept(folder) >= (100, 10)  # every pattern compiled and data file parsed, kept
    run(folder)  # what only a run from the result cache makes (its own checks)
    forget_results(folder)  # linted again: the parser and the rules from kept code and data
    stamp = kept_file(folder).stat().st_mtime_ns
    again, made = run(folder)
    assert made == 0 and kept_file(folder).stat().st_mtime_ns == stamp  # nothing new: not written
    assert findings(again) == findings(first) == findings(cold) and findings(cold)


def test_a_damaged_start_up_file_is_made_again(tmp_path):
    folder = reports(tmp_path)
    expected, _ = run(folder)
    path = kept_file(folder)
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["patterns"]:
        entry[3] = "AAAAAAEAAAACAAAA"  # code the regex engine refuses (0, 1, 2)
    data["parsed"] = {key: "{not json" for key in data["parsed"]}
    path.write_text(json.dumps(data), encoding="utf-8")
    forget_results(folder)
    output, _ = run(folder)
    assert findings(output) == findings(expected) and kept(folder) >= (100, 10)
    for garbage in ("", "[1, 2]", '{"format": 1, "patterns": {"a": 1}, "parsed": [], "firsts": 7}', "\x00" * 100):
        path.write_text(garbage, encoding="utf-8")
        forget_results(folder)
        output, _ = run(folder)
        assert findings(output) == findings(expected)
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == startup.FORMAT_VERSION  # written whole again
        assert kept(folder) >= (100, 10)


def test_the_start_up_of_another_python_or_regex_engine_is_another_file(monkeypatch):
    mine = startup.key()
    monkeypatch.setattr(patterns, "ENGINE", patterns.ENGINE + "-other")
    assert startup.key() != mine
    monkeypatch.setattr(sys, "version", sys.version + " other")
    assert startup.key() != mine
