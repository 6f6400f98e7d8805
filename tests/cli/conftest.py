"""Fixtures for the frame's tests: an in-test plugin with its own rules, and the CLI run in-process.

The frame is tested with a plugin whose behaviour the test controls (codes TST1xx), selected with
``--select TST`` so that the built-in rules, tested elsewhere, never change what these tests see.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportlint import hookimpl, plugins
from reportlint.diagnostic import Finding, Fix
from reportlint.resources import validate

REPO = Path(__file__).resolve().parents[2]

#: The smallest text the parser recognises as a report.
REPORT = textwrap.dedent(
    """\
    某某市商务局2021年政府信息公开工作年度报告
    一、总体情况
    本年度坏工作。
    二、主动公开政府信息情况
    """
)


class MarkerPlugin:
    """TST101 (error, fixable) at every 坏, fixed to 好; TST102 (warning) at 警; TST103 (info) at 注."""

    rules = [
        {"code": "TST101", "name": "bad-word", "severity": "error", "fixable": True,
         "message": {"zh": "不应写“坏”", "en": "do not write 坏"}, "summary": "finds 坏", "why": "it is bad",
         "bad": "坏", "good": "好", "fix_safety": "always safe"},
        {"code": "TST102", "name": "warn-word", "severity": "warning", "message": {"zh": "警告：{what}", "en": "warning: {what}"}},
        {"code": "TST103", "name": "note-word", "severity": "info", "message": "提示"},
    ]

    @hookimpl
    def reportlint_rules(self):
        return self.rules

    @hookimpl
    def reportlint_check(self, report):
        for number, text in enumerate(report.lines, 1):
            for char, code in (("坏", "TST101"), ("警", "TST102"), ("注", "TST103")):
                column = text.find(char) + 1
                while column:
                    fix = Fix(number, column, number, column + 1, "好") if code == "TST101" else None
                    yield Finding(code, number, column, args={"what": char}, end_line=number, end_column=column + 1, fix=fix)
                    column = text.find(char, column) + 1


@pytest.fixture(autouse=True)
def fresh_plugins():
    """Every test starts from the installed plugins only, and leaves nothing registered behind."""
    plugins.reset()
    yield
    plugins.reset()


@pytest.fixture
def add_plugin():
    def add(plugin: object, name: str = "inline", dist: str = "reportlint-test-plugin") -> object:
        plugins.get_plugin_manager().add_plugin(plugin, name, dist)
        return plugin

    return add


@pytest.fixture
def marker_plugin(add_plugin):
    return add_plugin(MarkerPlugin(), name="markers")


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        data = json.loads(self.stdout)
        validate(data, "diagnostics")
        return data


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``reportlint ARGS`` in this process (so in-test plugins apply), from ``cwd``."""
    from reportlint.cli import main

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(exit_info.value.code, out, err)

    return run


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path: ``write("a/b.txt", text, encoding="gb18030", newline="\\r\\n")``."""

    def write_file(relative: str, text: str = REPORT, encoding: str = "utf-8", newline: str = "\n") -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.replace("\n", newline).encode(encoding))
        return path

    return write_file


def codes(result: CliResult) -> list[str]:
    """The codes in text output, in order."""
    return [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines() if line.count(":") >= 3 and ": " in line]
