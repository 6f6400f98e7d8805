"""Select, ignore, extend-select and per-file ignores: by code, prefix or rule name; longest match wins."""

from reportlint.core.selection import DecisionEngine
from support.cli import codes

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏 警 注\n"


def test_default_selection_is_every_rule():
    engine = DecisionEngine()
    assert engine.decide("RL101") and engine.decide("TST999")


def test_select_keeps_only_matching_prefixes():
    engine = DecisionEngine(select=["RL1"])
    assert engine.decide("RL101") and not engine.decide("RL301")


def test_longer_ignore_beats_shorter_select():
    engine = DecisionEngine(select=["RL1"], ignore=["RL10"])
    assert not engine.decide("RL101") and engine.decide("RL110")


def test_longer_select_beats_shorter_ignore():
    engine = DecisionEngine(select=["RL101"], ignore=["RL1"])
    assert engine.decide("RL101") and not engine.decide("RL102")


def test_ignore_wins_a_tie():
    assert not DecisionEngine(select=["RL1"], ignore=["RL1"]).decide("RL101")


def test_any_ignore_beats_the_implicit_default_selection():
    assert not DecisionEngine(ignore=["RL"]).decide("RL101")


def test_extend_select_overrides_a_broader_ignore():
    engine = DecisionEngine(ignore=["RL"], extend_select=["RL101"])
    assert engine.decide("RL101") and not engine.decide("RL102")


def test_all_selects_everything_explicitly():
    engine = DecisionEngine(select=["ALL"], ignore=["RL3"])
    assert engine.decide("RL101") and not engine.decide("RL301")


def test_cli_select_by_prefix(run_cli, marker_plugin, write):
    path = write("r.txt", TEXT)
    assert codes(run_cli(path, "--select", "TST10")) == ["TST101", "TST102", "TST103"]


def test_cli_select_by_rule_name(run_cli, marker_plugin, write):
    path = write("r.txt", TEXT)
    assert codes(run_cli(path, "--select", "warn-word")) == ["TST102"]


def test_cli_ignore_by_code_among_a_comma_separated_list(run_cli, marker_plugin, write):
    path = write("r.txt", TEXT)
    assert codes(run_cli(path, "--select", "TST", "--ignore", "TST101,note-word")) == ["TST102"]


def test_cli_extend_select_adds_to_select(run_cli, marker_plugin, write):
    path = write("r.txt", TEXT)
    assert codes(run_cli(path, "--select", "TST101", "--extend-select", "TST103")) == ["TST101", "TST103"]


def test_per_file_ignores_apply_to_matching_files_only(run_cli, marker_plugin, write, tmp_path):
    write("old/a.txt", TEXT)
    write("new/b.txt", TEXT)
    result = run_cli(".", "--select", "TST", "--per-file-ignores", "old/*.txt:TST1", cwd=tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "TST" in line] == ["new/b.txt"] * 3


def test_per_file_ignores_without_a_slash_match_the_file_name(run_cli, marker_plugin, write, tmp_path):
    write("deep/er/a.txt", TEXT)
    result = run_cli(".", "--select", "TST", "--per-file-ignores", "a.txt:warn-word", cwd=tmp_path)
    assert codes(result) == ["TST101", "TST103"]


def test_per_file_ignores_beat_an_explicit_select(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    result = run_cli(".", "--select", "TST101", "--per-file-ignores", "*.txt:TST", cwd=tmp_path)
    assert codes(result) == []


def test_unknown_code_in_select_is_a_usage_error(run_cli, write):
    result = run_cli(write("r.txt", TEXT), "--select", "RL999")
    assert result.exit_code == 2
    assert "RL999" in result.stderr


def test_unknown_name_in_ignore_is_a_usage_error(run_cli, write):
    result = run_cli(write("r.txt", TEXT), "--ignore", "missing-sektion")
    assert result.exit_code == 2
    assert "是否想写 'missing-section'" in result.stderr
    english = run_cli(write("r.txt", TEXT), "--ignore", "missing-sektion", "--lang", "en")
    assert "did you mean 'missing-section'" in english.stderr


def test_malformed_per_file_ignores_is_a_usage_error(run_cli, write):
    result = run_cli(write("r.txt", TEXT), "--per-file-ignores", "no-colon-here")
    assert result.exit_code == 2
