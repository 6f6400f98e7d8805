"""RL601–RL602: known wrong phrases and editing residue."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from reportlint import hookimpl
from reportlint.diagnostic import Finding, Fix
from reportlint.model import Report
from reportlint.resources import data_dir, load_toml

# Editing residue: Word bookmarks and comments carried into text, template placeholders.
_ARTEFACTS = (
    (re.compile(r"\[bookmark:[^\]]*\]"), "Word书签残留", ""),
    (re.compile(r"\[comment:[^\]]*\]|\[批注[^\]]*\]"), "批注残留", ""),
    (re.compile(r"此处(?:填写|填报|报告|输入)[^。；\n]{0,20}"), "模板提示语未删除", None),
    (re.compile(r"(?<![A-Za-z])(?:XX|ＸＸ|××|xx)+(?![A-Za-z])"), "占位符未替换", None),
    (re.compile(r"【(?:注|备注|填写说明)[:：][^】]*】"), "填写说明未删除", None),
)


@functools.cache
def phrases() -> tuple[dict, ...]:
    return tuple(load_toml(data_dir("rules") / "data" / "phrases.toml").get("phrase", []))


@hookimpl
def reportlint_check(report: Report, config) -> Iterator[Finding]:
    yield from misused_phrases(report)
    yield from leftover_artefacts(report)


def misused_phrases(report: Report) -> Iterator[Finding]:
    """RL601: a known wrong phrase from rules/data/phrases.toml, with its correction."""
    entries = phrases()
    for number, text in enumerate(report.lines, start=1):
        for entry in entries:
            wrong = entry["wrong"]
            start = text.find(wrong)
            while start >= 0:
                end = start + len(wrong)
                guard = entry.get("only_if_not_followed_by")
                if not (guard and text.startswith(guard, end)):
                    yield Finding("RL601", number, start + 1, {"found": wrong, "expected": entry["right"], "why": entry.get("why", "")},
                                  end_column=end + 1, fix=Fix(number, start + 1, number, end + 1, entry["right"]))
                start = text.find(wrong, end)


def leftover_artefacts(report: Report) -> Iterator[Finding]:
    """RL602: [bookmark: _GoBack], 此处填写…, XX: residue of editing the template."""
    for number, text in enumerate(report.lines, start=1):
        if not text:
            continue
        for pattern, what, replacement in _ARTEFACTS:
            for m in pattern.finditer(text):
                fix = Fix(number, m.start() + 1, number, m.end() + 1, replacement) if replacement is not None else None
                yield Finding("RL602", number, m.start() + 1, {"found": m.group(0), "what": what}, end_column=m.end() + 1, fix=fix)
