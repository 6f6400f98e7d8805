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
    [results] = folder.glob(f"{cache_module.PREFIX}*.json")
    assert json.loads(results.read_text(encoding="utf-8"))["format"] == cache_module.FORMAT_VERSION


def test_a_damaged_cache_is_one_warning_and_is_rewritten(run_cli, counting, project):
    first = lint(run_cli, project)
    [results] = (project / "cache").glob(f"{cache_module.PREFIX}*.json")
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
    [results] = (project / "cache").glob(f"{cache_module.PREFIX}*.json")
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
    for results in (tmp_path / "shared-cache").glob(f"{cache_module.PREFIX}*.json"):
        assert json.loads(results.read_text(encoding="utf-8"))["entries"]
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    assert again.stdout == reference.stdout and b"warning" not in again.stderr


# --- issue 19: nothing read from the cache folder is trusted unchecked; the folder is not only ours ---


def _entries(project):
    [results] = (project / "cache").glob(f"{cache_module.PREFIX}*.json")
    return results, json.loads(results.read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", ["severity", "message", "code", "name", "line", "fix", "format", "digest"])
def test_a_kept_result_of_the_wrong_type_or_value_is_a_miss_with_one_warning(run_cli, counting, project, damage):
    """Valid JSON, wrong values: a severity "bogus" (KeyError, exit 2), a message 12345 (TypeError), a
    code no rule declares (a finding that does not exist), an unknown digest — each is linted again."""
    first = lint(run_cli, project, "--format", "json")
    results, data = _entries(project)
    entry = data["entries"]["a.txt"]
    diagnostic = entry[4][0]
    if damage == "severity":
        diagnostic[2] = "bogus"
    elif damage == "message":
        diagnostic[3] = 12345
    elif damage == "code":
        diagnostic[0] = "ZZ999"
    elif damage == "name":
        diagnostic[1] = "not-its-name"
    elif damage == "line":
        diagnostic[4] = -3
    elif damage == "fix":
        diagnostic[9] = [1, 2, 3]
    elif damage == "format":
        entry[1] = ["text"]
    else:
        entry[5] = {"nobody:digest": {"x": 1}}
    results.write_text(json.dumps(data), encoding="utf-8")
    counting.clear()
    again = lint(run_cli, project, "--format", "json")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert again.stderr.count("warning: cache") == 1 and "a.txt" in again.stderr
    assert counting.checked == ["a.txt"]
    counting.clear()
    third = lint(run_cli, project, "--format", "json")  # the entry was replaced by a good one
    assert counting.checked == [] and third.stdout == first.stdout and "warning" not in third.stderr


def test_a_kept_digest_of_the_wrong_shape_is_a_miss_not_an_rl903(run_cli, tmp_path):
    """A digest year "2020" made RL903 on an unrelated file and lost the RL7xx findings."""
    from support.series import series

    for year, text in series("平潭综合实验区经济发展局", range(2021, 2025), broken_carry=2023).items():
        (tmp_path / f"{year}.txt").write_text(text, encoding="utf-8")
    args = (".", "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    first = run_cli(*args, cwd=tmp_path)
    assert "RL701" in first.stdout and "RL903" not in first.stdout
    results, data = _entries(tmp_path)
    for key, value in (("year", "2020"), ("carried_out", {"总计": ["7", 1, 1, 2, None]}), ("reuse", {"sketch": 5})):
        damaged = json.loads(json.dumps(data))
        damaged["entries"]["2022.txt"][5]["reportlint:chains"][key] = value
        results.write_text(json.dumps(damaged), encoding="utf-8")
        again = run_cli(*args, cwd=tmp_path)
        assert again.stdout == first.stdout, key
        assert again.stderr.count("warning: cache") == 1


def test_every_digest_of_the_corpus_has_the_shape_chains_checks():
    from reportlint.checks import chains
    from reportlint.core.config import Config
    from reportlint.host.pipeline import check_file
    from support.paths import REPO

    paths = sorted((REPO / "tests" / "fixtures" / "seeds").glob("*.*")) + sorted((REPO / "tests" / "fixtures" / "real").glob("*.*"))
    digests = [r.digests["reportlint:chains"] for r in (check_file(str(p), Config()) for p in paths if p.suffix != ".json")
               if "reportlint:chains" in r.digests]
    assert len(digests) >= 10
    assert all(chains.reportlint_digest_valid(d) for d in digests)


def _subprocess_lint(project, timeout=60):
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(project / "cache")}
    return subprocess.run([sys.executable, "-m", "reportlint", "--format", "json", "."], cwd=project,
                          capture_output=True, env=env, timeout=timeout)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link", "huge"])
def test_a_cache_file_that_is_no_regular_file_is_not_read(tmp_path, kind):
    """A FIFO in its place hung the run; a link to /dev/zero grew to 3.7 GB."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    first = _subprocess_lint(tmp_path)
    [results] = (tmp_path / "cache").glob(f"{cache_module.PREFIX}*.json")
    kept = results.read_bytes()
    results.unlink()
    if kind == "fifo":
        os.mkfifo(results)
    elif kind == "dev-zero":
        results.symlink_to("/dev/zero")
    elif kind == "link":
        (tmp_path / "elsewhere.json").write_bytes(kept)
        results.symlink_to(tmp_path / "elsewhere.json")
    else:
        with open(results, "wb") as fh:
            fh.truncate(cache_module.MAX_CACHE_BYTES + 1)
    again = _subprocess_lint(tmp_path)  # a hang fails here (timeout), it does not hang the tests
    assert again.stdout == first.stdout and again.returncode == first.returncode
    assert again.stderr.count(b"warning: cache") == 1
    if kind == "link":
        assert (tmp_path / "elsewhere.json").read_bytes() == kept  # nothing written through the link


def test_pruning_removes_only_reportlints_own_files(run_cli, counting, tmp_path, write):
    """--cache-dir shared deleted other tools' results-*.json."""
    write("a.txt", TEXT)
    shared = tmp_path / "shared"
    shared.mkdir()
    foreign = [shared / f"results-{i}.json" for i in range(20)] + [shared / "notes.txt"]
    own = [shared / f"{cache_module.PREFIX}{i:032x}.json" for i in range(cache_module.KEEP_FILES + 4)]
    for n, path in enumerate(foreign + own):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    run_cli("a.txt", "--select", "TST", "--cache-dir", str(shared), cwd=tmp_path)
    assert all(path.exists() for path in foreign)
    assert sum(path.exists() for path in own) == cache_module.KEEP_FILES  # the oldest of its own pruned
    assert len(list(shared.glob(f"{cache_module.PREFIX}*.json"))) == cache_module.KEEP_FILES + 1


def test_a_folder_reportlint_did_not_make_gets_no_gitignore(tmp_path):
    """--cache-dir . wrote a .gitignore of * into a repository's root: git status stopped showing new reports."""
    git = __import__("shutil").which("git")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": ""}
    subprocess.run([sys.executable, "-m", "reportlint", "--cache-dir", ".", "."], cwd=tmp_path, capture_output=True,
                   env=env, timeout=120)
    assert not (tmp_path / ".gitignore").exists() and not (tmp_path / "CACHEDIR.TAG").exists()
    assert list(tmp_path.glob(f"{cache_module.PREFIX}*.json"))  # the results are kept all the same
    if git:
        subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
        (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
        status = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                                capture_output=True, text=True, check=True).stdout
        assert "b.txt" in status


def test_a_link_in_the_cache_folder_is_never_followed(run_cli, counting, project, tmp_path):
    """A dangling .gitignore link in the folder was followed and a file created where it pointed."""
    folder = project / "cache"
    folder.mkdir()
    target = tmp_path.parent / f"{tmp_path.name}-outside" / "gitignore"
    target.parent.mkdir()
    (folder / ".gitignore").symlink_to(target)
    (folder / "CACHEDIR.TAG").symlink_to(target.with_name("tag"))
    lint(run_cli, project)
    lint(run_cli, project)
    assert not target.exists() and not target.with_name("tag").exists()
    assert (folder / ".gitignore").is_symlink()
