"""[tool.reportlint] discovery, precedence of the command line, and strictness about keys and values."""

import pytest

from reportlint.core.config import Config
from reportlint.host.config import ConfigError, find_config_file, load_config
from support.cli import codes

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏 警 注\n"


def test_pyproject_table_is_found_upward_from_the_linted_path(tmp_path, write):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["RL1"]\n', encoding="utf-8")
    report = write("reports/2021/a.txt", TEXT)
    assert find_config_file([str(report)]) == tmp_path / "pyproject.toml"


def test_pyproject_without_a_reportlint_table_is_passed_over(tmp_path, write):
    (tmp_path / ".reportlint.toml").write_text('select = ["RL1"]\n', encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    report = write("reports/a.txt", TEXT)
    assert find_config_file([str(report)]) == tmp_path / ".reportlint.toml"


def test_reportlint_toml_beats_pyproject_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.reportlint]\n", encoding="utf-8")
    (tmp_path / ".reportlint.toml").write_text("[tool.reportlint]\n", encoding="utf-8")
    assert find_config_file([str(tmp_path)]) == tmp_path / ".reportlint.toml"


def test_config_file_settings_apply(run_cli, marker_plugin, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["TST102"]\n', encoding="utf-8")
    write("a.txt", TEXT)
    assert codes(run_cli("a.txt", cwd=tmp_path)) == ["TST102"]


def test_command_line_overrides_the_config_file(run_cli, marker_plugin, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["TST102"]\n', encoding="utf-8")
    write("a.txt", TEXT)
    assert codes(run_cli("a.txt", "--select", "TST103", cwd=tmp_path)) == ["TST103"]


def test_extend_select_on_the_command_line_adds_to_the_file(run_cli, marker_plugin, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["TST102"]\n', encoding="utf-8")
    write("a.txt", TEXT)
    assert codes(run_cli("a.txt", "--extend-select", "TST103", cwd=tmp_path)) == ["TST102", "TST103"]


def test_explicit_config_option_replaces_discovery(run_cli, marker_plugin, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["TST102"]\n', encoding="utf-8")
    other = tmp_path / "elsewhere.toml"
    other.write_text('[tool.reportlint]\nselect = ["TST101"]\n', encoding="utf-8")
    write("a.txt", TEXT)
    assert codes(run_cli("a.txt", "--config", other, cwd=tmp_path)) == ["TST101"]


def test_per_file_ignores_table_matches_relative_to_the_config_file(run_cli, marker_plugin, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportlint]\nselect = ["TST"]\n[tool.reportlint.per-file-ignores]\n"old/*.txt" = ["TST"]\n', encoding="utf-8"
    )
    write("old/a.txt", TEXT)
    write("b.txt", TEXT)
    result = run_cli(tmp_path / "old", tmp_path / "b.txt", cwd=tmp_path / "old")
    assert {line.split(":")[0] for line in result.stdout.splitlines() if "TST" in line} == {str(tmp_path / "b.txt")}


@pytest.mark.parametrize(
    "toml, fragment",
    [
        ("selct = ['RL1']", "did you mean 'select'"),
        ("select = ['RL9999']", "RL9999"),
        ("fail-on = 'fatal'", "fail-on must be one of"),
        ("jobs = 'many'", "jobs must be"),
        ("show-source = 'yes'", "show-source must be a boolean"),
        ("lang = 'fr'", "lang 应为 zh, en 之一"),  # no --lang here: it would replace the file's
        ("format = 'xml'", "format must be one of"),
        ("timeout = -1", "timeout must be a positive number"),
        ("[tool.reportlint.nosuchplugin]\nx = 1", "configures the plugin 'nosuchplugin', which is not installed"),
    ],
)
def test_bad_config_is_a_usage_error_naming_the_problem(run_cli, write, tmp_path, toml, fragment):
    header = "" if toml.startswith("[") else "[tool.reportlint]\n"
    (tmp_path / "pyproject.toml").write_text(header + toml + "\n", encoding="utf-8")
    write("a.txt", TEXT)
    result = run_cli("a.txt", *(() if toml.startswith("lang") else ("--lang", "en")), cwd=tmp_path)
    assert result.exit_code == 2
    assert fragment in result.stderr


def test_unparsable_toml_is_a_usage_error(run_cli, write, tmp_path):
    (tmp_path / ".reportlint.toml").write_text("select = [\n", encoding="utf-8")
    write("a.txt", TEXT)
    result = run_cli("a.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert ".reportlint.toml" in result.stderr


def test_missing_config_option_file_is_a_usage_error(run_cli, write, tmp_path):
    write("a.txt", TEXT)
    assert run_cli("a.txt", "--config", "nope.toml", cwd=tmp_path).exit_code == 2


class SettingPlugin:
    """A rule that declares a setting with its default, as rules in rules/catalogue/*.toml do with ``options``."""

    from reportlint import hookimpl

    @hookimpl
    def reportlint_rules(self):
        return [{"code": "TST301", "name": "late-thing", "severity": "warning", "message": "晚了",
                 "options": {"thing-deadline": "01-31"}}]


def test_rule_settings_fall_back_to_the_default_their_rule_declares(add_plugin, tmp_path):
    from reportlint.host import registry

    add_plugin(SettingPlugin())
    assert load_config([str(tmp_path)]).setting("thing-deadline") == "01-31"
    # a library user's bare Config names no setting: the host fills in the defaults before checks run
    assert Config().setting("thing-deadline") is None
    assert registry.effective(Config()).setting("thing-deadline") == "01-31"


def test_rule_settings_come_from_the_config_file(add_plugin, tmp_path):
    add_plugin(SettingPlugin())
    (tmp_path / ".reportlint.toml").write_text('thing-deadline = "04-30"\n', encoding="utf-8")
    assert load_config([str(tmp_path)]).setting("thing-deadline") == "04-30"


def test_rule_setting_of_the_wrong_type_is_a_config_error(add_plugin, tmp_path):
    add_plugin(SettingPlugin())
    (tmp_path / ".reportlint.toml").write_text("thing-deadline = 131\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="thing-deadline must be a string"):
        load_config([str(tmp_path)])


def test_limits_come_from_the_config_file(tmp_path):
    (tmp_path / ".reportlint.toml").write_text("max-bytes = 1000\ntimeout = 2.5\n", encoding="utf-8")
    limits = load_config([str(tmp_path)]).limits
    assert (limits.max_bytes, limits.timeout) == (1000, 2.5)


def test_jobs_auto_means_one_per_cpu(tmp_path):
    import os

    assert load_config([str(tmp_path)], overrides={"jobs": "auto"}).jobs == (os.cpu_count() or 1)


def test_fix_and_diff_together_are_refused(tmp_path):
    with pytest.raises(ConfigError):
        load_config([str(tmp_path)], overrides={"fix": True, "diff": True})


@pytest.mark.parametrize("writes", ["fix", "diff"])
def test_dask_with_fix_or_diff_is_refused_when_the_settings_are_read(tmp_path, writes):
    """Fixes are written where the files are: --dask cannot carry them. Refused with the settings
    (from a file as from the command line), before a file is found or an output opened."""
    with pytest.raises(ConfigError, match="--dask cannot be used with --fix or --diff"):
        load_config([str(tmp_path)], overrides={"dask": "local", writes: True})
    (tmp_path / ".reportlint.toml").write_text(f'dask = "tcp://10.0.0.1:8786"\n{writes} = true\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="--dask") as raised:
        load_config([str(tmp_path)])
    assert "--dask 不能与 --fix 或 --diff 同时使用" in raised.value.text("zh")
    assert load_config([str(tmp_path)], overrides={writes: False}).dask == "tcp://10.0.0.1:8786"


class OptionsPlugin:
    from reportlint import hookimpl

    @hookimpl
    def reportlint_add_options(self):
        return {"min-length": 10, "words": ["甲"]}


def test_plugin_options_merge_the_users_table_over_the_declared_defaults(add_plugin, tmp_path):
    add_plugin(OptionsPlugin(), name="opts")
    (tmp_path / ".reportlint.toml").write_text("[opts]\nmin-length = 3\n", encoding="utf-8")
    assert load_config([str(tmp_path)]).plugin_options("opts") == {"min-length": 3, "words": ["甲"]}


def test_plugin_options_default_without_a_table(add_plugin, tmp_path):
    add_plugin(OptionsPlugin(), name="opts")
    assert load_config([str(tmp_path)]).plugin_options("opts") == {"min-length": 10, "words": ["甲"]}


def test_unknown_plugin_option_is_a_config_error(add_plugin, tmp_path):
    add_plugin(OptionsPlugin(), name="opts")
    (tmp_path / ".reportlint.toml").write_text("[opts]\nmin-lenght = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="min-lenght"):
        load_config([str(tmp_path)])


def test_an_error_in_a_command_line_option_names_the_command_line(run_cli, write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["RL1"]\n', encoding="utf-8")
    write("a.txt", TEXT)
    result = run_cli("a.txt", "--select", "RL999", cwd=tmp_path)
    assert result.exit_code == 2 and result.stderr.startswith("reportlint: 错误：命令行：select：'RL999'")
    english = run_cli("a.txt", "--select", "RL999", "--lang", "en", cwd=tmp_path)
    assert english.stderr.startswith("reportlint: error: command line: select: 'RL999'")


@pytest.mark.parametrize("value", [False, True, -1, "2.5"])
def test_jobs_must_be_a_whole_number_or_auto(tmp_path, value):
    with pytest.raises(ConfigError, match="jobs must be"):
        load_config([str(tmp_path)], overrides={"jobs": value})
