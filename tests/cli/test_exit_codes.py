"""Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage error or crash."""

from reportlint import hookimpl

CLEAN = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n"
WARNED = CLEAN + "警\n"
FAILED = CLEAN + "坏\n"


def test_no_findings_exit_0(run_cli, marker_plugin, write):
    assert run_cli(write("a.txt", CLEAN), "--select", "TST").exit_code == 0


def test_an_error_exits_1(run_cli, marker_plugin, write):
    assert run_cli(write("a.txt", FAILED), "--select", "TST").exit_code == 1


def test_a_warning_passes_by_default(run_cli, marker_plugin, write):
    assert run_cli(write("a.txt", WARNED), "--select", "TST").exit_code == 0


def test_fail_on_warning_fails_on_a_warning(run_cli, marker_plugin, write):
    assert run_cli(write("a.txt", WARNED), "--select", "TST", "--fail-on", "warning").exit_code == 1


def test_fail_on_info_fails_on_info(run_cli, marker_plugin, write):
    path = write("a.txt", CLEAN + "注\n")
    assert run_cli(path, "--select", "TST", "--fail-on", "warning").exit_code == 0
    assert run_cli(path, "--select", "TST", "--fail-on", "info").exit_code == 1


def test_unknown_option_exits_2(run_cli, write):
    assert run_cli(write("a.txt", CLEAN), "--frobnicate").exit_code == 2


def test_a_crash_exits_2_with_one_line_on_stderr(run_cli, add_plugin, write):
    class BrokenFormats:
        @hookimpl
        def reportlint_formatters(self):
            raise RuntimeError("formatter registry exploded")

    add_plugin(BrokenFormats(), name="broken")
    result = run_cli(write("a.txt", CLEAN))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "reportlint: 内部错误：RuntimeError: formatter registry exploded（设置 REPORTLINT_DEBUG=1 可显示调用栈）"
    ]
    english = run_cli(write("a.txt", CLEAN), "--lang", "en")
    assert english.stderr.strip().splitlines() == [
        "reportlint: internal error: RuntimeError: formatter registry exploded (set REPORTLINT_DEBUG=1 for a traceback)"
    ]


def test_empty_directory_exits_0_with_a_note(run_cli, tmp_path):
    result = run_cli(tmp_path)
    assert result.exit_code == 0 and "没有找到报告文件" in result.stderr


def test_a_plugin_whose_rules_cannot_be_read_is_a_clear_error(run_cli, add_plugin, write):
    class BadRules:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "BAD101", "name": "no-message", "severity": "error"}]

    add_plugin(BadRules(), name="bad", dist="reportlint-bad")
    result = run_cli(write("a.txt", CLEAN))
    assert result.exit_code == 2
    assert "plugin reportlint-bad:bad: rule BAD101 lacks 'message'" in result.stderr


def test_two_plugins_declaring_one_code_is_a_clear_error(run_cli, add_plugin, marker_plugin, write):
    class Thief:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "TST101", "name": "stolen", "severity": "error", "message": "x"}]

    add_plugin(Thief(), name="thief", dist="reportlint-thief")
    result = run_cli(write("a.txt", CLEAN))
    assert result.exit_code == 2 and "TST101 declared by both" in result.stderr
