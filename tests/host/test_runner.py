"""One file's problems never end a run: unreadable files are RL901, broken plugins RL903."""

import multiprocessing
import os
import time

import pytest

from reportlint import hookimpl
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding, Fix
from reportlint.host import pipeline, runner
from reportlint.host.discovery import discover
from support.cli import REPORT, codes

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏 警 注\n"
ONLY_TST = Config(select=("TST", "RL9"))


def lint(paths, config=ONLY_TST, **kwargs):
    return list(runner.run([str(p) for p in paths], config, **kwargs))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_rl901_and_the_others_are_still_linted(run_cli, marker_plugin, write, tmp_path):
    locked = write("a.txt", TEXT)
    locked.chmod(0)
    write("b.txt", TEXT)
    result = run_cli(".", "--select", "TST,RL9", cwd=tmp_path)
    assert "a.txt:1:1: RL901" in result.stdout
    assert "b.txt:3:1: TST101" in result.stdout


def test_unreadable_file_is_rl901_even_as_root(run_cli, marker_plugin, write, tmp_path, monkeypatch):
    """Root ignores permissions, so simulate the EACCES the reader gets from open()."""
    write("a.txt", TEXT)
    write("b.txt", TEXT)
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    result = run_cli(".", "--select", "TST,RL9", cwd=tmp_path)
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if line.startswith("a.txt")]
    assert line.startswith("a.txt:1:1: RL901 无法读取文件：") and "权限" in line
    assert "b.txt:3:1: TST101" in result.stdout


def test_missing_file_is_rl901(run_cli, tmp_path):
    result = run_cli("nope.txt", cwd=tmp_path)
    assert codes(result) == ["RL901"] and result.exit_code == 1


def test_text_without_a_report_is_rl902(run_cli, write):
    assert codes(run_cli(write("note.txt", "会议通知：定于下周一开会。\n"))) == ["RL902"]


class RaisingPlugin:
    @hookimpl
    def reportlint_rules(self):
        return [{"code": "BRK101", "name": "broken", "severity": "error", "message": "坏了"}]

    @hookimpl
    def reportlint_check(self, report):
        yield Finding("BRK101", 1, 1)
        raise KeyError("boom")


def test_raising_plugin_is_rl903_and_its_earlier_findings_and_other_plugins_stand(marker_plugin, add_plugin, write):
    add_plugin(RaisingPlugin(), name="raiser", dist="reportlint-broken")
    [result] = lint([write("a.txt", TEXT)], Config(select=("TST", "BRK", "RL9")))
    found = {(d.code, d.message) for d in result.diagnostics}
    assert ("BRK101", "坏了") in found
    assert ("RL903", "插件 reportlint-broken:raiser 出错：KeyError: 'boom'") in found
    assert {"TST101", "TST102", "TST103"} <= {d.code for d in result.diagnostics}


def make_emitter(finding):
    class Emitter:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "EMT101", "name": "emitted", "severity": "warning", "message": "x"}]

        @hookimpl
        def reportlint_check(self, report):
            yield finding
            yield Finding("EMT101", 2, 1)

    return Emitter()


@pytest.mark.parametrize(
    "finding, reason",
    [
        (Finding("EMT999", 1, 1), "undeclared code 'EMT999'"),
        (Finding("TST101", 1, 1), "a code of reportlint-test-plugin"),
        (Finding("RL101", 1, 1), "a code of reportlint"),
        (Finding("EMT101", 99, 1), "outside the file's"),
        (Finding("EMT101", 1, 500), "column 500"),
        (Finding("EMT101", "1", 1), "line must be an int"),
        (Finding("EMT101", 2, 3, end_line=1), "ends (1:3) before it starts (2:3)"),
        (Finding("EMT101", 1, 1, severity="fatal"), "severity 'fatal'"),
        (Finding("EMT101", 1, 1, fix=Fix(1, 1, 1, 900, "x")), "EMT101 fix: column"),
        (Finding("EMT101", 1, 1, location=7), "location must be a string"),
        ({"code": "EMT101"}, "yielded dict, not a reportlint.core.diagnostic.Finding"),
    ],
)
def test_invalid_finding_is_rl903_naming_plugin_and_error_and_valid_ones_stand(marker_plugin, add_plugin, write, finding, reason):
    add_plugin(make_emitter(finding), name="emitter", dist="reportlint-emitter")
    [result] = lint([write("a.txt", TEXT)], Config(select=("EMT", "RL9")))
    [error] = [d for d in result.diagnostics if d.code == "RL903"]
    assert "reportlint-emitter:emitter" in error.message and reason in error.message
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "EMT101"] == [("EMT101", 2)]


def test_third_party_diagnostic_rejected_by_the_schema_is_rl903(add_plugin, write):
    class EmptyMessage:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "EMT201", "name": "empty-message", "severity": "info", "message": "{text}"}]

        @hookimpl
        def reportlint_check(self, report):
            yield Finding("EMT201", 1, 1, args={"text": ""})

    add_plugin(EmptyMessage(), name="empty", dist="reportlint-empty")
    [result] = lint([write("a.txt", TEXT)], Config(select=("EMT", "RL9")))
    assert [d.code for d in result.diagnostics] == ["RL903"]
    assert "message" in result.diagnostics[0].message


def test_the_other_files_are_linted_after_a_plugin_error(marker_plugin, add_plugin, write):
    add_plugin(RaisingPlugin(), name="raiser", dist="reportlint-broken")
    results = lint([write("a.txt", TEXT), write("b.txt", TEXT)], Config(select=("TST", "RL9")))
    assert [sorted({d.code for d in r.diagnostics}) for r in results] == [["RL903", "TST101", "TST102", "TST103"]] * 2


def test_finding_without_location_gets_the_documents(marker_plugin, write):
    from reportlint.core.document import Document, SourceLine

    doc = Document("t.docx", "docx", (SourceLine("某某市商务局2021年政府信息公开工作年度报告", "第1段"),
                                      SourceLine("一、总体情况", "第2段"), SourceLine("坏\t1", "表1第1行第1列", ("表1第1行第1列", "表1第1行第2列"))))
    from reportlint.parsing import build_report

    report = build_report(doc)
    [d] = [d for d in pipeline.run_checks(report, ONLY_TST) if d.code == "TST101"]
    assert d.location == "表1第1行第1列"


class Pairs:
    """A run-level plugin: each report's first line as its digest; every report told how many there are."""

    def __init__(self) -> None:
        self.seen: list = []

    @hookimpl
    def reportlint_rules(self):
        return [{"code": "RUN701", "name": "pair", "severity": "warning", "message": "共 {n} 份，首行 {first}"}]

    @hookimpl
    def reportlint_digest(self, report):
        return {"first": report.lines[0][:4], "tuple": (1, 2)}

    @hookimpl
    def reportlint_check_run(self, digests):
        self.seen.append(digests)
        for digest in digests:
            yield digest.path, Finding("RUN701", 1, 1, args={"n": len(digests), "first": digest.data["first"]})


def test_run_level_hook_sees_every_digest_and_reports_per_path(add_plugin, write):
    pairs = add_plugin(Pairs(), name="pairs", dist="reportlint-pairs")
    results = lint([write("a.txt", TEXT), write("b.txt", TEXT)], Config(select=("RUN",)))
    [digests] = pairs.seen
    assert [d.data for d in digests] == [{"first": "某某市商", "tuple": [1, 2]}] * 2  # as JSON carries it
    assert [[d.message for d in r.diagnostics] for r in results] == [["共 2 份，首行 某某市商"]] * 2
    assert all(not r.digests for r in results)  # dropped once used: they are never output


def test_run_level_hook_gets_the_same_digests_from_workers(add_plugin, write):
    pairs = add_plugin(Pairs(), name="pairs", dist="reportlint-pairs")
    paths = [write(f"{c}.txt", TEXT) for c in "abc"]
    serial = lint(paths, Config(select=("RUN",)))
    pooled = lint(paths, Config(select=("RUN",), jobs=2))
    assert serial == pooled
    assert [d.data for d in pairs.seen[0]] == [d.data for d in pairs.seen[1]]


@pytest.mark.parametrize("digest", [lambda r: {"bad": object()}, lambda r: {"big": "x" * 70000}, lambda r: 1 / 0])
def test_a_digest_that_is_no_plain_data_is_the_plugins_rl903(add_plugin, write, digest):
    class Bad(Pairs):
        @hookimpl
        def reportlint_digest(self, report):
            return digest(report)

    add_plugin(Bad(), name="bad", dist="reportlint-bad")
    [result] = lint([write("a.txt", TEXT)], Config(select=("RUN", "RL9")))
    assert [d.code for d in result.diagnostics] == ["RL903"]
    assert "reportlint-bad:bad" in result.diagnostics[0].message


def test_a_run_level_finding_must_be_well_formed(add_plugin, write):
    from reportlint.core.diagnostic import Fix, Note

    class Odd(Pairs):
        @hookimpl
        def reportlint_check_run(self, digests):
            yield Note({"zh": "无法比较", "en": "could not compare"})
            yield digests[0].path, Finding("RUN701", 0, 1, args={"n": 1, "first": ""})
            yield digests[1].path, Finding("RUN701", 1, 1, args={"n": 1, "first": ""}, fix=Fix(1, 1, 1, 2, "x"))
            yield "elsewhere.txt", Finding("RUN701", 1, 1)

    add_plugin(Odd(), name="odd", dist="reportlint-odd")
    notes: list[str] = []
    results = list(runner.run([str(write("a.txt", TEXT)), str(write("b.txt", TEXT))], Config(select=("RUN", "RL9"), lang="en"), notes=notes))
    assert notes == ["could not compare"]
    assert [[d.code for d in r.diagnostics] for r in results] == [["RL903"], ["RL903"]]
    assert "positive int" in results[0].diagnostics[0].message and "fix" in results[1].diagnostics[0].message


def test_slow_file_is_rl901_timeout_and_the_run_goes_on(add_plugin, write):
    class Slow:
        @hookimpl
        def reportlint_check(self, report):
            if report.path.endswith("slow.txt"):
                while True:
                    time.sleep(0.01)
            return []

    add_plugin(Slow(), name="slow", dist="reportlint-slow")
    from reportlint.readers import Limits

    config = Config(select=("RL9",), limits=Limits(timeout=0.3))
    results = lint([write("slow.txt", TEXT), write("fast.txt", TEXT)], config)
    assert [(r.path.rsplit("/", 1)[1], [d.message for d in r.diagnostics]) for r in results] == [
        ("slow.txt", ["无法读取文件：处理超时（超过 0.3 秒）"]),
        ("fast.txt", []),
    ]


def test_parallel_run_gives_the_same_results_in_the_same_order(marker_plugin, write):
    paths = [write(f"r{i:02}.txt", TEXT if i % 3 else REPORT) for i in range(12)]
    serial = lint(paths)
    parallel = lint(paths, Config(select=("TST", "RL9"), jobs=2))
    assert parallel == serial


def test_parallel_run_works_with_the_spawn_start_method(write):
    paths = [write(f"r{i}.txt", REPORT) for i in range(3)] + [write("none.txt", "不是报告\n")]
    results = lint(paths, Config(select=("RL9",), jobs=2), mp_context=multiprocessing.get_context("spawn"))
    assert [[d.code for d in r.diagnostics] for r in results] == [[], [], [], ["RL902"]]


def test_a_worker_crash_is_rl901_for_its_file_only(add_plugin, write):
    class Crash:
        @hookimpl
        def reportlint_check(self, report):
            if report.path.endswith("crash.txt"):
                os._exit(3)  # what a segfault in a C library looks like to the pool
            return []

    add_plugin(Crash(), name="crash", dist="reportlint-crash")
    paths = [write("a.txt", REPORT), write("crash.txt", REPORT), write("z.txt", REPORT)]
    results = lint(paths, Config(select=("RL9",), jobs=2), mp_context=multiprocessing.get_context("fork"))
    assert [[d.message for d in r.diagnostics] for r in results] == [[], ["无法读取文件：处理该文件的进程意外退出"], []]


def test_discovery_walks_for_report_suffixes_and_skips_hidden_folders(tmp_path):
    for name in ("a.txt", "b.MD", "c.docx", "d.html", "e.htm", "f.pdf", "g.py", ".hidden/h.txt", "sub/i.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [os.path.relpath(p, tmp_path) for p in discover([str(tmp_path)], Config().extensions)]
    assert found == ["a.txt", "b.MD", "c.docx", "d.html", "e.htm", "f.pdf", "sub/i.txt"]


def test_discovery_lints_an_explicit_file_whatever_its_suffix(tmp_path):
    (tmp_path / "report.doc").write_text("x")
    assert discover([str(tmp_path / "report.doc")], Config().extensions) == [str(tmp_path / "report.doc")]


def test_discovery_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert discover([str(tmp_path)], Config().extensions) == [str(tmp_path / "a" / "r.txt")]


def test_discovery_skips_exclude_globs(tmp_path):
    for name in ("keep/a.txt", "drafts/b.txt", "c.bak.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = discover([str(tmp_path)], Config().extensions, exclude=("drafts", "*.bak.txt"), root=str(tmp_path))
    assert found == [str(tmp_path / "keep" / "a.txt")]


def test_force_exclude_applies_exclude_to_files_named_explicitly(tmp_path, monkeypatch):
    for name in ("keep/a.txt", "drafts/deep/b.txt", "c.bak.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    monkeypatch.chdir(tmp_path)
    named = ["keep/a.txt", "drafts/deep/b.txt", "c.bak.txt"]
    patterns = ("drafts", "*.bak.txt")
    assert discover(named, Config().extensions, exclude=patterns) == sorted(named)  # as flake8: named is linted
    assert discover(named, Config().extensions, exclude=patterns, force_exclude=True) == ["keep/a.txt"]
    assert discover(["drafts"], Config().extensions, exclude=patterns, force_exclude=True) == []


def test_force_exclude_looks_at_folders_below_the_settings_only(tmp_path, monkeypatch):
    inner = tmp_path / "drafts" / "project"
    (inner / "r.txt").parent.mkdir(parents=True)
    (inner / "r.txt").write_text("x")
    # the project lives in a folder named like an excluded one: its files are not excluded for that
    found = discover([str(inner / "r.txt")], Config().extensions, exclude=("drafts",), root=str(inner), force_exclude=True)
    assert found == [str(inner / "r.txt")]


def test_file_over_max_bytes_is_rl901_and_the_others_are_linted(run_cli, marker_plugin, write, tmp_path):
    write("big.txt", TEXT + "甲" * 400)
    write("small.txt", TEXT)
    result = run_cli(".", "--select", "TST,RL9", "--max-bytes", "300", cwd=tmp_path)
    assert [line.split(": ")[1].split()[0] for line in result.stdout.splitlines() if line.startswith("big.txt")] == ["RL901"]
    assert "small.txt:3:1: TST101" in result.stdout
