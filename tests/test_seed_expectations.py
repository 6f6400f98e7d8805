"""What the real command line reports on labelled reports, judged as shared/tools/check_seeds.py judges it.

For each file of an expected.json: every "must" (code, or any of a list of codes, at its line or, with line
null, anywhere) is reported; and no error-severity diagnostic is reported whose code is neither a "must"
of that file nor in its "may" list (a false positive). The seeds' file is copied into tests/fixtures so
that CI does not depend on ../shared; the three real PDFs are tested when tests/fixtures/real holds them.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import REPO

CORPORA = {
    "seeds": (REPO / "tests" / "fixtures" / "seeds_expected.json", REPO / "examples" / "reports"),
    "real": (REPO / "tests" / "fixtures" / "real" / "expected.json", REPO / "tests" / "fixtures" / "real"),
    "collected": (REPO / "tests" / "fixtures" / "collected" / "expected.json", REPO / "tests" / "fixtures" / "collected"),
}


def expectations(corpus: str) -> dict:
    path, _ = CORPORA[corpus]
    if not path.is_file():
        return {}
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "about"}


@functools.cache
def lint(corpus: str) -> dict[str, list[dict]]:
    """Diagnostics per file name, from one run of `reportlint --format json --fail-on info` over the corpus."""
    _, folder = CORPORA[corpus]
    files = [folder / name for name in expectations(corpus)]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        pytest.skip(f"not in tests/fixtures: {', '.join(missing)}")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--format", "json", "--fail-on", "info", *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {Path(f["path"]).name: f["diagnostics"] for f in json.loads(proc.stdout)["files"]}


def cases(kind: str):
    for corpus in CORPORA:
        for name, entry in expectations(corpus).items():
            if kind == "must":
                for must in entry.get("must", []):
                    codes = [must["code"]] if isinstance(must["code"], str) else must["code"]
                    yield pytest.param(corpus, name, codes, must.get("line"), id=f"{name}-{'|'.join(codes)}@{must.get('line')}")
            else:
                yield pytest.param(corpus, name, id=name)


@pytest.mark.parametrize("corpus,name,codes,line", list(cases("must")))
def test_labelled_defect_is_reported(corpus, name, codes, line):
    found = [(d["code"], d["line"]) for d in lint(corpus)[name]]
    assert any(code in codes and (line is None or at == line) for code, at in found), found


@pytest.mark.parametrize("corpus,name", list(cases("file")))
def test_no_error_beyond_the_labelled_ones(corpus, name):
    entry = expectations(corpus)[name]
    allowed = set(entry.get("may", []))
    for must in entry.get("must", []):
        allowed.update([must["code"]] if isinstance(must["code"], str) else must["code"])
    false = [(d["code"], d["line"], d["message"]) for d in lint(corpus)[name] if d["severity"] == "error" and d["code"] not in allowed]
    assert false == []
