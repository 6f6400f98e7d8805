"""A lint run of the command line (host/session.py): the results it shows and what it comes to —
the per-result work that app.lint handed to the host."""

from __future__ import annotations

import json

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.host import runner, session
from reportlint.host.session import Session
from support.paths import SAMPLE_REPORTS

SAMPLE = sorted(SAMPLE_REPORTS.glob("*.txt"))[0]


def folder(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "2021年度报告.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("会议记录\n明天下午三点开会。\n", encoding="utf-8")  # no sign of a report
    (tmp_path / "README.md").write_text("# 年度报告\n", encoding="utf-8")  # a repository's note
    return tmp_path


def run(paths, config, said=None):
    made = Session([str(p) for p in paths], config)
    shown = list(made.results(lambda zh, en: (said if said is not None else []).append((zh, en))))
    return made, shown


def test_a_walked_file_that_holds_no_report_is_skipped_and_counted(tmp_path):
    made, shown = run([folder(tmp_path)], Config(cache=False))
    assert [r.path.rsplit("/", 1)[-1] for r in shown] == ["2021年度报告.txt"]
    summary = made.outcome.summary
    assert [p.rsplit("/", 1)[-1] for p in summary.skipped] == ["README.md", "notes.txt"]
    assert summary.files == 1 and summary.problems == len(shown[0].diagnostics) > 0
    assert made.outcome.failing and not made.outcome.fix_failed


def test_a_file_named_is_shown_whatever_it_looks_like(tmp_path):
    folder(tmp_path)
    made, shown = run([tmp_path / "notes.txt"], Config(cache=False))
    assert [d.code for r in shown for d in r.diagnostics] == ["RL902"] and made.outcome.summary.skipped == []


def test_the_baseline_takes_out_what_it_holds_unless_the_run_writes_it(tmp_path):
    reports = folder(tmp_path / "reports")
    _, first = run([reports], Config(cache=False))
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"version": "0", "files": [r.to_json() for r in first],
                                    "summary": {"files": 1, "error": 0, "warning": 0, "info": 0, "rules": {},
                                                "formats_by_year": {}, "publication": {"on_time": 0, "late": 0, "unknown": 1}}}),
                        encoding="utf-8")
    made, shown = run([reports], Config(cache=False, baseline=str(baseline)))
    assert [r.diagnostics for r in shown] == [()] and not made.outcome.failing
    made, shown = run([reports], Config(cache=False, baseline=str(baseline), output=str(baseline)))
    assert shown[0].diagnostics == first[0].diagnostics and made.outcome.failing


def test_a_fix_not_written_is_said_and_fails_the_run(tmp_path, monkeypatch):
    path = str(tmp_path / "a.txt")
    results = [FileResult(path=path, fix_error="PermissionError: denied"), FileResult(path=path, fix_warning="a symbolic link")]
    monkeypatch.setattr(runner, "run", lambda files, config, **kwargs: iter(results))
    monkeypatch.setattr(session, "reports_of", lambda paths, config: ([path], {path}, []))
    said: list = []
    made, shown = run([path], Config(cache=False), said)
    assert shown == results and made.outcome.fix_failed and not made.outcome.failing
    assert said == [(f"{path}：修复未写入：PermissionError: denied", f"{path}: fixes not written: PermissionError: denied"),
                    (f"警告：{path}：未修复：a symbolic link", f"warning: {path}: not fixed: a symbolic link")]


def test_a_third_partys_checks_run_in_workers(tmp_path, monkeypatch, add_plugin):
    from reportlint import hookimpl

    class Checks:
        @hookimpl
        def reportlint_check(self, report, config):
            return []

    seen = {}
    monkeypatch.setattr(runner, "run", lambda files, config, **kwargs: seen.update(kwargs) or iter(()))
    run([folder(tmp_path)], Config(cache=False))
    assert seen["isolate"] is False
    add_plugin(Checks())
    run([tmp_path], Config(cache=False))
    assert seen["isolate"] is True
