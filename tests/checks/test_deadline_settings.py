"""RL402's deadlines are settings: declared with defaults in rules/catalogue/dates.toml, set in [tool.reportlint]."""

from __future__ import annotations

import subprocess
import sys

REPORT = "某某市商务局2020年政府信息公开工作年度报告\n一、总体情况\n某某市商务局\n2021年2月5日\n"
GOVERNMENT = "某某市人民政府2020年政府信息公开工作年度报告\n一、总体情况\n某某市人民政府办公室\n2021年3月20日\n"


def lint(tmp_path, text: str, config: str | None = None) -> subprocess.CompletedProcess:
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "pyproject.toml").write_text(f"[tool.reportlint]\n{config}\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "--select", "RL402", "--fail-on", "warning", "r.txt"],
        cwd=tmp_path, capture_output=True, text=True,
    )


def test_a_department_report_after_31_january_is_late(tmp_path):
    result = lint(tmp_path, REPORT)
    assert result.returncode == 1 and "RL402" in result.stdout


def test_a_governments_own_report_has_until_31_march(tmp_path):
    assert lint(tmp_path, GOVERNMENT).returncode == 0


def test_a_configured_deadline_replaces_the_default(tmp_path):
    assert lint(tmp_path, REPORT, 'department-deadline = "02-15"').returncode == 0


def test_a_malformed_deadline_is_a_configuration_error(tmp_path):
    result = lint(tmp_path, REPORT, 'department-deadline = "1/31"')
    assert result.returncode == 2
    assert "department-deadline" in result.stderr
