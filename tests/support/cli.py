"""What the tests of the host and the command line share: a plugin whose behaviour the test
controls, the smallest report, and reading text output back.

The host is tested with a plugin of its own (codes TST1xx), selected with ``--select TST`` so that
the built-in rules, tested elsewhere, never change what these tests see. The fixtures that use
these (``run_cli``, ``add_plugin``, ``marker_plugin``, ``write``) are in ``tests/conftest.py``.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from reportlint import hookimpl
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.resources import validate

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


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        data = json.loads(self.stdout)
        validate(data, "diagnostics")
        return data


def codes(result: CliResult) -> list[str]:
    """The codes in text output, in order."""
    return [line.split(": ", 1)[1].split()[0] for line in result.stdout.splitlines() if line.count(":") >= 3 and ": " in line]
