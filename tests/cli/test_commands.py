"""The subcommands, the default command, --version and python -m."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest

import reportlint
from support.cli import codes
from support.paths import REPO

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏\n"


def test_rules_lists_code_name_severity_fixable_plugin_and_summary(run_cli, marker_plugin):
    lines = run_cli("rules", "--lang", "en").stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fixable", "plugin", "summary"]
    assert ["TST101", "bad-word", "error", "yes", "reportlint-test-plugin", "finds", "坏"] in [line.split() for line in lines]
    assert any(line.split()[:3] == ["RL901", "unreadable", "error"] for line in lines)


def test_rule_shows_the_documentation_sections(run_cli, marker_plugin):
    out = run_cli("rule", "TST101").stdout
    for fragment in ("# TST101 bad-word", "## 作用\n\nfinds 坏", "## 为什么\n\nit is bad", "## 错误示例\n\n```\n坏\n```",
                     "## 正确示例\n\n```\n好\n```", "## 修复安全性\n\nalways safe"):
        assert fragment in out


def test_rule_accepts_a_name_and_english_headings(run_cli, marker_plugin):
    out = run_cli("rule", "bad-word", "--lang", "en").stdout
    assert "# TST101 bad-word" in out and "## Why is this bad?" in out and "## Use instead" in out


def test_rule_for_an_unknown_code_exits_2(run_cli):
    result = run_cli("rule", "RL999")
    assert result.exit_code == 2 and "RL999" in result.stderr


def test_version(run_cli):
    assert run_cli("--version").stdout.strip() == f"reportlint {reportlint.__version__}"


def test_a_path_named_like_a_subcommand_is_linted_as_dot_slash(run_cli, marker_plugin, tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.txt").write_text(TEXT, encoding="utf-8")
    assert codes(run_cli("./rules", "--select", "TST", cwd=tmp_path)) == ["TST101"]
    assert codes(run_cli("check", "rules", "--select", "TST", cwd=tmp_path)) == ["TST101"]


def test_no_path_lints_the_current_directory(run_cli, marker_plugin, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert codes(run_cli("--select", "TST", cwd=tmp_path)) == ["TST101"]


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "reportlint", "rule", "RL901"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0 and result.stdout.startswith("# RL901 unreadable")


def test_extract_json_is_valid_against_its_schema(run_cli):
    from reportlint.core.resources import validate

    result = run_cli("extract", REPO / "examples" / "reports" / "001_ef2c1c31100b3a17.txt")
    data = json.loads(result.stdout)
    validate(data, "extract")
    [entry] = data["files"]
    assert (entry["agency"], entry["year"], entry["template"]) == ("济宁市商务局", 2020, "2019")
    assert result.exit_code == 0


def test_extract_csv_has_one_row_per_cell(run_cli):
    result = run_cli("extract", REPO / "examples" / "reports" / "001_ef2c1c31100b3a17.txt", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"path", "table", "row", "column", "value", "raw", "line"} <= set(rows[0])
    assert {row["table"] for row in rows} == {"二", "三", "四"}


def test_extract_csv_is_ready_for_a_spreadsheet(run_cli, tmp_path):
    """Agency, year and format on every row; value a number with its unit apart; blanks empty; a BOM
    on request so that Excel on Chinese Windows opens it right."""
    out = tmp_path / "cells.csv"
    result = run_cli("extract", REPO / "examples" / "reports" / "001_ef2c1c31100b3a17.txt",
                     REPO / "examples" / "reports" / "004_fe63b0f92ece0c02.txt", "--format", "csv", "--bom", "-o", out)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[:4] == ["path", "agency", "year", "template"]
    assert all(row["year"].isdigit() and row["template"] in ("2019", "2021") and row["agency"] for row in rows)
    money = {(row["path"].rsplit("/", 1)[-1][:3], row["value"], row["unit"], row["raw"]) for row in rows if "采购总金额" in row["column"]}
    assert ("001", "3.68", "万元", "3.68万元") in money and ("004", "200326", "元", "200326元") in money
    for row in rows:
        if row["raw"].strip() == "":
            assert row["value"] == "" and row["unit"] == ""
        elif row["value"]:
            float(row["value"])  # a number a spreadsheet sums


@pytest.mark.parametrize("payload", ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+2", "-2+3", "\t=1+1"])
def test_extract_csv_never_starts_a_field_with_a_formula(run_cli, tmp_path, payload):
    """An agency or a file name a spreadsheet would run (a DDE payload) gets a leading ' (OWASP); plain
    numbers, negative ones too, stay numbers."""
    text = (REPO / "examples" / "reports" / "004_fe63b0f92ece0c02.txt").read_text(encoding="utf-8").split("\n")
    text[2] = payload + text[2]
    name = payload.replace("\t", "").replace("/", "_") + ".txt"
    (tmp_path / name).write_text("\n".join(text), encoding="utf-8")
    result = run_cli("extract", ".", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and result.exit_code == 0
    fields = [field for row in rows for field in row.values()]
    assert not [f for f in fields if f[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[-+]?\d+(\.\d+)?", f)]
    assert {row["path"] for row in rows} == {"'" + name}
    assert all(row["agency"].startswith("'" + payload.strip()) or not row["agency"] for row in rows)  # where one was found
    assert any(row["value"].isdigit() for row in rows)  # numbers stay numbers


def test_extract_amounts():
    from reportlint.extract import amount

    assert amount("3.68万元") == (3.68, "万元")
    assert amount(0, "本年收费金额（单位：万元）") == (0, "万元")
    assert amount(12) == (12, "")
    assert amount(None) == ("", "") and amount("若干") == ("", "") and amount("") == ("", "")


def test_extract_names_an_unreadable_file_on_stderr_and_exits_1(run_cli, tmp_path):
    result = run_cli("extract", tmp_path / "missing.txt")
    assert result.exit_code == 1 and "missing.txt: RL901" in result.stderr
    json.loads(result.stdout)
