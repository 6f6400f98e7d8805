"""The sample reports shipped in examples/reports lint end to end through the built-in rules."""

import json

from reportlint.core.resources import validate
from support.paths import REPO


def test_linting_the_samples_finds_the_missing_section_six_of_seed_003_and_exits_1(run_cli):
    result = run_cli("examples/reports", cwd=REPO)
    assert result.exit_code == 1
    assert any(line.startswith("examples/reports/003_112b4b231559e6cc.txt:") and " RL101 " in line
               for line in result.stdout.splitlines())


def test_seeds_001_and_004_have_no_missing_section(run_cli):
    result = run_cli("examples/reports/001_ef2c1c31100b3a17.txt", "examples/reports/004_fe63b0f92ece0c02.txt",
                     "--select", "RL101", cwd=REPO)
    assert result.exit_code == 0


def test_json_for_the_samples_is_valid(run_cli):
    result = run_cli("examples/reports", "--format", "json", cwd=REPO)
    data = json.loads(result.stdout)
    validate(data, "diagnostics")
    assert data["summary"]["files"] == 5


def test_parallel_lint_of_the_samples_matches_serial(run_cli):
    serial = run_cli("examples/reports", "--format", "json", cwd=REPO).stdout
    assert run_cli("examples/reports", "--format", "json", "-j", "2", cwd=REPO).stdout == serial
