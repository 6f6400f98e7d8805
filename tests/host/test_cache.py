"""The result cache (issue 11): a file unchanged since the last run is not linted again, and anything
that could change its result — its bytes, a setting, reportlint's version or code, a plugin — makes
it be linted again. A damaged, unreadable or unwritable cache costs one warning, never a wrong result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import hookimpl
from reportlint.core.diagnostic import Finding
from reportlint.host import cache as cache_module
from support.cli import MarkerPlugin

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏 警 注\n"


class Counting(MarkerPlugin):
    """The marker plugin, writing down the reports it is asked to check (in a file: a third-party
    plugin's checks run in worker processes)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    @property
    def checked(self) -> list[str]:
        return sorted(self.log.read_text(encoding="utf-8").split()) if self.log.exists() else []

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)

    @hookimpl
    def reportlint_check(self, report):
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(Path(report.path).name + "\n")
        yield from MarkerPlugin.reportlint_check(self, report)


@pytest.fixture
def counting(add_plugin, tmp_path_factory):
    return add_plugin(Counting(tmp_path_factory.mktemp("log") / "checked"), name="counting", dist="reportlint-counting")


@pytest.fixture
def project(tmp_path, write):
    """Two reports and a config file whose folder holds the cache."""
    write("a.txt", TEXT)
    write("b.txt", TEXT.replace("警", "注"))
    (tmp_path / ".reportlint.toml").write_text(f'cache-dir = "{tmp_path / "cache"}"\n', encoding="utf-8")
    return tmp_path


def lint(run_cli, project, *args):
    return run_cli(".", "--select", "TST", *args, cwd=project)


def test_a_second_run_reuses_every_result_and_prints_the_same(run_cli, counting, project):
    first = lint(run_cli, project, "--format", "json")
    assert counting.checked == ["a.txt", "b.txt"]
    counting.clear()
    second = lint(run_cli, project, "--format", "json")
    assert counting.checked == []
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    assert lint(run_cli, project).stdout.count("TST101") == 2  # another output format, the same results


def test_a_changed_file_is_linted_again_and_only_it(run_cli, counting, project):
    lint(run_cli, project)
    (project / "b.txt").write_text(TEXT + "坏\n", encoding="utf-8")
    counting.clear()
    result = lint(run_cli, project)
    assert counting.checked == ["b.txt"]
    assert result.stdout.count("TST101") == 3


@pytest.mark.parametrize("change", [
    ["--lang", "en"],
    ["--ignore", "TST103"],
    ["--extend-select", "RL1"],
    ["--per-file-ignores", "a.txt:TST102"],
    ["--max-bytes", "100000"],
])
def test_a_changed_setting_lints_again(run_cli, counting, project, change):
    lint(run_cli, project)
    counting.clear()
    lint(run_cli, project, *change)
    assert counting.checked == ["a.txt", "b.txt"]


def test_a_changed_rule_setting_lints_again(run_cli, counting, project):
    lint(run_cli, project)
    counting.clear()
    config = project / ".reportlint.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'department-deadline = "02-28"\n', encoding="utf-8")
    lint(run_cli, project)
    assert counting.checked == ["a.txt", "b.txt"]


def test_another_reportlint_version_or_code_lints_again(run_cli, counting, project, monkeypatch):
    lint(run_cli, project)
    counting.clear()
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    lint(run_cli, project)
    assert counting.checked == ["a.txt", "b.txt"]
    counting.clear()
    monkeypatch.setattr(cache_module, "_code_stamp", lambda: ["a module edited in a source checkout"])
    lint(run_cli, project)
    assert counting.checked == ["a.txt", "b.txt"]


def test_another_plugin_version_lints_again(run_cli, fresh_plugins, project):
    plugin = Counting(project / "log-1")
    fresh_plugins.add_plugin(plugin, "counting", "reportlint-counting", "1.0")
    lint(run_cli, project)
    from reportlint.host import plugins

    plugins.reset()
    plugin = Counting(project / "log-2")
    plugins.get_plugin_manager().add_plugin(plugin, "counting", "reportlint-counting", "1.1")
    lint(run_cli, project)
    assert plugin.checked == ["a.txt", "b.txt"]


def test_a_file_stamp_follows_its_size_and_time(tmp_path):
    module = tmp_path / "plugin.py"
    module.write_text("x = 1\n", encoding="utf-8")
    before = cache_module._stamp(str(module))
    os.utime(module, ns=(1, 1))
    assert cache_module._stamp(str(module)) != before
    assert cache_module._stamp(str(tmp_path / "gone.py")) == (str(tmp_path / "gone.py"),)


@pytest.mark.parametrize("option", [["--no-cache"], ["--diff"], ["--show-source"]])
def test_the_cache_is_not_used_when_asked_not_or_when_it_cannot_hold_the_output(run_cli, counting, project, option):
    lint(run_cli, project, *option)
    lint(run_cli, project, *option)
    checked = counting.checked
    assert checked.count("a.txt") >= 2 and checked.count("b.txt") >= 2  # --diff checks the fixed text too
    assert not (project / "cache").exists()


def test_fix_bypasses_the_cache(run_cli, counting, project):
    lint(run_cli, project)
    counting.clear()
    result = lint(run_cli, project, "--fix")
    assert counting.checked == ["a.txt", "a.txt", "b.txt", "b.txt"]  # checked, fixed, checked again
    assert "坏" not in (project / "a.txt").read_text(encoding="utf-8")
    assert "TST101" not in result.stdout


def test_extract_does_not_use_the_cache(run_cli, project):
    lint(run_cli, project)
    assert run_cli("extract", "a.txt", cwd=project).exit_code == 0
    assert json.loads(run_cli("extract", "a.txt", cwd=project).stdout)["files"][0]["title"]


def test_the_cache_folder_says_what_it_is(run_cli, counting, project):
    lint(run_cli, project)
    folder = project / "cache"
    assert (folder / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    [results] = folder.glob("results-*.json")
    assert json.loads(results.read_text(encoding="utf-8"))["format"] == cache_module.FORMAT_VERSION


def test_a_damaged_cache_is_one_warning_and_is_rewritten(run_cli, counting, project):
    first = lint(run_cli, project)
    [results] = (project / "cache").glob("results-*.json")
    for damage in (b"{not json", b'{"format": 1, "entries": []}', b'{"format": 1, "entries": {"a.txt": [1, 2]}}', b"\xff\xfe"):
        results.write_bytes(damage)
        counting.clear()
        again = lint(run_cli, project)
        assert again.stdout == first.stdout
        assert again.stderr.count("warning: cache") <= 1
        assert counting.checked == ["a.txt", "b.txt"]
        json.loads(results.read_text(encoding="utf-8"))  # whole again


def test_an_entry_of_the_wrong_shape_is_a_miss(run_cli, counting, project):
    first = lint(run_cli, project)
    [results] = (project / "cache").glob("results-*.json")
    data = json.loads(results.read_text(encoding="utf-8"))
    data["entries"]["a.txt"][4] = [["TST101", "only", "three"]]
    results.write_text(json.dumps(data), encoding="utf-8")
    counting.clear()
    assert lint(run_cli, project).stdout == first.stdout
    assert counting.checked == ["a.txt"]


def test_an_unwritable_cache_folder_is_one_warning(run_cli, counting, project):
    (project / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    first = lint(run_cli, project, "--cache-dir", "blocked/cache")
    second = lint(run_cli, project, "--cache-dir", "blocked/cache")
    assert first.exit_code == second.exit_code == 1
    assert first.stderr.count("warning: cache") == 1
    assert first.stdout == second.stdout and "TST101" in first.stdout


def test_results_of_files_that_failed_are_not_kept(run_cli, add_plugin, project):
    calls = project / "calls"

    class Flaky:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "FLK101", "name": "flaky", "severity": "warning", "message": "m"}]

        @hookimpl
        def reportlint_check(self, report):
            with open(calls, "a", encoding="utf-8") as fh:
                fh.write("x")
            if calls.read_text(encoding="utf-8") == "x":
                raise RuntimeError("a passing failure")
            yield Finding("FLK101", 1, 1)

    add_plugin(Flaky(), name="flaky", dist="reportlint-flaky")
    (project / "b.txt").unlink()
    assert "RL903" in run_cli("a.txt", "--select", "FLK,RL9", cwd=project).stdout
    assert "FLK101" in run_cli("a.txt", "--select", "FLK,RL9", cwd=project).stdout
    assert calls.read_text(encoding="utf-8") == "xx"


def test_digests_are_kept_with_the_results_for_the_run_level_checks(run_cli, counting, add_plugin, project):
    class Titles:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "TTL701", "name": "same-title", "severity": "warning", "message": "同题 {other}"}]

        @hookimpl
        def reportlint_digest(self, report):
            return {"title": report.lines[0]}

        @hookimpl
        def reportlint_check_run(self, digests):
            for d in digests:
                others = [o.path for o in digests if o.path != d.path and o.data["title"] == d.data["title"]]
                if others:
                    yield d.path, Finding("TTL701", 1, 1, args={"other": others[0]})

    add_plugin(Titles(), name="titles", dist="reportlint-titles")
    first = run_cli(".", "--select", "TST,TTL", cwd=project)
    counting.clear()
    second = run_cli(".", "--select", "TST,TTL", cwd=project)
    assert counting.checked == []  # every result from the cache, and the run-level check still ran
    assert second.stdout == first.stdout and second.stdout.count("TTL701") == 2


def test_workers_and_the_cache_give_the_results_in_order(run_cli, counting, project, write):
    for i in range(6):
        write(f"c{i}.txt", TEXT + "坏\n" * i)
    serial = lint(run_cli, project, "--no-cache", "--format", "json").stdout
    lint(run_cli, project, "-j", "2")  # fills the cache through the workers
    (project / "c3.txt").write_text(TEXT, encoding="utf-8")  # one miss among hits
    mixed = lint(run_cli, project, "-j", "2", "--format", "json").stdout
    expected = json.loads(serial)
    for f in expected["files"]:
        if f["path"].endswith("c3.txt"):
            f["diagnostics"] = [d for d in f["diagnostics"] if d["line"] <= 3]
            f["families"] = {"TST1": {s: sum(d["severity"] == s for d in f["diagnostics"]) for s in ("error", "warning", "info")}}
    assert json.loads(mixed)["files"] == expected["files"]


def test_concurrent_runs_leave_a_whole_cache_and_right_results(tmp_path):
    """Four runs at once over the same folder and cache: each writes a whole file, the last wins."""
    for i in range(12):
        (tmp_path / f"r{i}.txt").write_text(TEXT.replace("一、总体情况", f"一、总体情况{i}"), encoding="utf-8")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "shared-cache")}
    command = [sys.executable, "-m", "reportlint", "--format", "json", "."]
    reference = subprocess.run([*command, "--no-cache"], cwd=tmp_path, capture_output=True, env=env, timeout=300)
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(out == reference.stdout for out, _ in outputs)
    for results in (tmp_path / "shared-cache").glob("results-*.json"):
        assert json.loads(results.read_text(encoding="utf-8"))["entries"]
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    assert again.stdout == reference.stdout and b"warning" not in again.stderr
