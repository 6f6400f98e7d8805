"""Fixes of the built-in rules: applied, they remove what they fix and nothing else changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.host.registry import catalogue
from support.paths import REPO

SEED_000 = REPO / "examples" / "reports" / "000_46da6a5f0760e49a.txt"
FIXABLE = [rule for rule in catalogue() if rule.fixable and rule.bad and rule.plugin == "reportlint"]


def reportlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True)


def codes_and_lines(path: Path) -> list[tuple[int, str]]:
    import json

    out = reportlint("--format", "json", "--fail-on", "info", str(path))
    return sorted((d["line"], d["code"]) for f in json.loads(out.stdout)["files"] for d in f["diagnostics"])


def test_fix_on_seed_000_fixes_its_numbering_and_statute_caption_and_keeps_the_rest(tmp_path):
    copy = tmp_path / SEED_000.name
    shutil.copy(SEED_000, copy)
    before = codes_and_lines(copy)
    assert {"RL103", "RL201"} <= {code for _, code in before}

    result = reportlint("--fix", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr

    after = codes_and_lines(copy)
    assert not [c for _, c in after if c in ("RL103", "RL201")]
    original = SEED_000.read_text(encoding="utf-8").split("\n")
    fixed = copy.read_text(encoding="utf-8").split("\n")
    assert len(fixed) == len(original)
    changed = [n for n, (a, b) in enumerate(zip(original, fixed), start=1) if a != b]
    assert {19, 54, 98, 382, 428} <= set(changed)
    assert fixed[53] == "\t第二十条第（六）项"
    assert fixed[18] == "二、主动公开政府信息情况"
    # Findings that were not fixable are still there, on the same lines.
    unfixable = {(line, code) for line, code in before if code not in {"RL103", "RL201", "RL504", "RL602"}}
    assert unfixable <= set(after)


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_fixing_a_rules_bad_example_leaves_none_of_its_findings(rule, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(rule.bad, encoding="utf-8")
    assert reportlint("--select", rule.code, "--fail-on", "info", str(path)).returncode == 1
    reportlint("--select", rule.code, "--fix", str(path))
    result = reportlint("--select", rule.code, "--fail-on", "info", str(path))
    assert result.returncode == 0, result.stdout
