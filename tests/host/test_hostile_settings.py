"""Settings that would hang, exhaust memory or overflow are refused with one clear line (issue 9)."""

from __future__ import annotations

import os
import time

import pytest

from reportlint.host.config import ConfigError, load_config
from reportlint.host.style_guide import StyleGuide


@pytest.mark.parametrize("setting", [
    "timeout = inf", "timeout = nan", "timeout = 1e308", "timeout = -1", "max-bytes = 9223372036854775807",
    "max-pages = 0", "jobs = 100000",
])
def test_a_setting_out_of_range_is_a_config_error(tmp_path, setting):
    (tmp_path / ".reportlint.toml").write_text(setting + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config([str(tmp_path)])


@pytest.mark.parametrize("option", [["--timeout", "inf"], ["--timeout", "nan"], ["--max-bytes", str(2**63 - 1)], ["-j", "100000"]])
def test_an_option_out_of_range_exits_2(run_cli, write, option):
    result = run_cli(write("a.txt"), *option)
    assert result.exit_code == 2 and result.stderr.startswith("reportlint: 错误：")


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_a_deeply_nested_config_file_is_a_config_error(tmp_path, depth):
    (tmp_path / ".reportlint.toml").write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config([str(tmp_path)])


@pytest.mark.parametrize("baseline", ["/dev/zero", "fifo"])
def test_a_baseline_that_is_no_regular_file_is_refused_not_read(run_cli, write, tmp_path, baseline):
    if baseline == "fifo":
        baseline = str(tmp_path / "fifo")
        os.mkfifo(baseline)
    started = time.monotonic()
    result = run_cli(write("a.txt"), "--baseline", baseline)
    assert result.exit_code == 2 and "不是普通文件" in result.stderr
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_a_deeply_nested_baseline_is_refused(run_cli, write, tmp_path, depth):
    (tmp_path / "base.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    result = run_cli(write("a.txt"), "--baseline", str(tmp_path / "base.json"))
    assert result.exit_code == 2 and "baseline" in result.stderr


@pytest.mark.parametrize("globs", [4_000, pytest.param(40_000, marks=pytest.mark.slow)])
def test_many_per_file_ignore_globs_are_compiled_once(tmp_path, globs):
    from reportlint.core.config import Config

    config = Config(per_file_ignores=tuple((f"dir{i}/*.txt", ("RL1",)) for i in range(globs)), root=str(tmp_path))
    guide = StyleGuide(config)
    started = time.monotonic()
    for i in range(200):
        guide.ignores_for(str(tmp_path / f"dir{i}" / "a.txt"))
    assert (time.monotonic() - started) / 200 < 0.5  # per file: a linear scan, not a recompile per glob


@pytest.mark.parametrize("setting", [
    "reuse-threshold = nan", "reuse-threshold = inf", "reuse-threshold = -inf", "reuse-threshold = 1.5",
    "reuse-threshold = -0.1", 'department-deadline = "02-30"', 'government-deadline = "02-29"',
    'township-deadline = "13-01"', 'department-deadline = "04-31"', 'agency-aliases = { "经发局" = 1 }',
    'agency-aliases = { "经发局" = "" }',
])
def test_a_rule_setting_a_check_would_choke_on_or_be_switched_off_by_exits_2(run_cli, write, tmp_path, setting):
    """nan or inf switched RL703 off; 02-30 passed the pattern and then every file got RL903."""
    (tmp_path / ".reportlint.toml").write_text(setting + "\n", encoding="utf-8")
    result = run_cli(write("a.txt"), cwd=tmp_path)
    assert result.exit_code == 2 and setting.split(" =")[0] in result.stderr
    assert "RL903" not in result.stdout


@pytest.mark.parametrize("setting", ["reuse-threshold = 1", "reuse-threshold = 0.95", 'department-deadline = "02-28"',
                                     'agency-aliases = { "经发局" = "平潭综合实验区经济发展局" }'])
def test_a_rule_setting_in_range_is_taken(tmp_path, setting):
    (tmp_path / ".reportlint.toml").write_text(setting + "\n", encoding="utf-8")
    key, value = setting.split(" = ", 1)
    assert key in load_config([str(tmp_path)]).settings


def test_the_library_checks_rule_settings_too(tmp_path):
    from reportlint.api import Config, lint_bytes

    with pytest.raises(ConfigError, match="reuse-threshold"):
        lint_bytes(b"x", "a.txt", Config(settings={"reuse-threshold": float("nan")}))
