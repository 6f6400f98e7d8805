"""--baseline: only findings absent from an earlier --format json output are reported."""

from support.cli import codes

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏 警\n"


def record_baseline(run_cli, tmp_path):
    result = run_cli("a.txt", "--select", "TST", "--format", "json", "--output", "baseline.json", cwd=tmp_path)
    assert result.exit_code == 1


def test_findings_in_the_baseline_are_not_reported(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    record_baseline(run_cli, tmp_path)
    result = run_cli("a.txt", "--select", "TST", "--baseline", "baseline.json", cwd=tmp_path)
    assert codes(result) == [] and result.exit_code == 0


def test_baseline_ignores_line_numbers(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    record_baseline(run_cli, tmp_path)
    write("a.txt", TEXT.replace("一、总体情况\n", "一、总体情况\n新增一行。\n"))
    assert codes(run_cli("a.txt", "--select", "TST", "--baseline", "baseline.json", cwd=tmp_path)) == []


def test_new_findings_are_reported_despite_the_baseline(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    record_baseline(run_cli, tmp_path)
    write("a.txt", TEXT + "注 坏\n")
    result = run_cli("a.txt", "--select", "TST", "--baseline", "baseline.json", cwd=tmp_path)
    assert codes(result) == ["TST103", "TST101"] and result.exit_code == 1


def test_json_output_with_a_baseline_is_still_valid(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    record_baseline(run_cli, tmp_path)
    data = run_cli("a.txt", "--select", "TST", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path).json()
    assert data["files"][0]["diagnostics"] == [] and data["summary"]["error"] == 0


def test_missing_baseline_file_is_a_usage_error(run_cli, write, tmp_path):
    write("a.txt", TEXT)
    result = run_cli("a.txt", "--baseline", "nope.json", cwd=tmp_path)
    assert result.exit_code == 2 and "nope.json" in result.stderr


def test_the_run_that_writes_the_baseline_ignores_the_configured_one(run_cli, marker_plugin, write, tmp_path):
    """`baseline = "b.json"` in the config must not block the command that creates b.json, nor filter
    what it records."""
    write("a.txt", TEXT)
    (tmp_path / ".reportlint.toml").write_text('baseline = "b.json"\n', encoding="utf-8")
    made = run_cli("a.txt", "--select", "TST", "--format", "json", "-o", "b.json", cwd=tmp_path)
    assert made.exit_code == 1, made.stderr
    recorded = (tmp_path / "b.json").read_text(encoding="utf-8")
    assert recorded.count('"code": "TST101"') == 1
    again = run_cli("a.txt", "--select", "TST", "--format", "json", "-o", "b.json", cwd=tmp_path)
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == recorded and again.exit_code == 1
    assert run_cli("a.txt", "--select", "TST", cwd=tmp_path).exit_code == 0  # now the baseline applies


def test_baseline_that_is_not_reportlint_json_is_a_usage_error(run_cli, write, tmp_path):
    write("a.txt", TEXT)
    (tmp_path / "b.json").write_text('{"files": 3}', encoding="utf-8")
    assert run_cli("a.txt", "--baseline", "b.json", cwd=tmp_path).exit_code == 2
