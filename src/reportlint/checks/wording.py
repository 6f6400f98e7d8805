"""RL601–RL602: known wrong phrases and editing residue."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from reportlint import hookimpl
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.resources import data_dir, load_toml

# Editing residue: Word bookmarks and comments carried into text, template placeholders.
_ARTEFACTS = (
    (re.compile(r"\[bookmark:[^\]]*\]"), {"zh": "Word书签残留", "en": "Word bookmark"}, ""),
    (re.compile(r"\[comment:[^\]]*\]|\[批注[^\]]*\]"), {"zh": "批注残留", "en": "comment"}, ""),
    (re.compile(r"此处(?:填写|填报|报告|输入)[^。；\n]{0,20}"), {"zh": "模板提示语未删除", "en": "template prompt"}, None),
    (re.compile(r"(?<![A-Za-z])(?:XX|ＸＸ|××|xx)+(?![A-Za-z])"), {"zh": "占位符未替换", "en": "placeholder"}, None),
    (re.compile(r"【(?:注|备注|填写说明)[:：][^】]*】"), {"zh": "填写说明未删除", "en": "filling instruction"}, None),
)


@functools.cache
def phrases() -> tuple[dict, ...]:
    return tuple(load_toml(data_dir("rules") / "data" / "phrases.toml").get("phrase", []))


@functools.cache
def _phrase_pattern() -> re.Pattern:
    """One alternation of every wrong phrase, longest first: one scan per line whatever the list's size."""
    wrongs = sorted({p["wrong"] for p in phrases()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in wrongs)) if wrongs else re.compile(r"(?!)")


# A cheap test before the artefact patterns: every artefact contains one of these.
_ARTEFACT_HINT = re.compile(r"[\[【XxＸ×]|此处")


@hookimpl
def reportlint_check(report: Report, config) -> Iterator[Finding]:
    yield from misused_phrases(report)
    yield from leftover_artefacts(report)


def misused_phrases(report: Report) -> Iterator[Finding]:
    """RL601: a known wrong phrase from rules/data/phrases.toml, with its correction."""
    by_wrong = {p["wrong"]: p for p in phrases()}
    pattern = _phrase_pattern()
    for number, text in enumerate(report.lines, start=1):
        for m in pattern.finditer(text):
            entry = by_wrong[m.group(0)]
            guard = entry.get("only_if_not_followed_by")
            if guard and text.startswith(guard, m.end()):
                continue
            yield Finding("RL601", number, m.start() + 1, {"found": m.group(0), "expected": entry["right"], "why": {"zh": entry.get("why", ""), "en": entry.get("why_en") or entry.get("why", "")}},
                          end_column=m.end() + 1, fix=Fix(number, m.start() + 1, number, m.end() + 1, entry["right"]))


def leftover_artefacts(report: Report) -> Iterator[Finding]:
    """RL602: [bookmark: _GoBack], 此处填写…, XX: residue of editing the template."""
    for number, text in enumerate(report.lines, start=1):
        if not text or not _ARTEFACT_HINT.search(text):
            continue
        for pattern, what, replacement in _ARTEFACTS:
            for m in pattern.finditer(text):
                fix = Fix(number, m.start() + 1, number, m.end() + 1, replacement) if replacement is not None else None
                yield Finding("RL602", number, m.start() + 1, {"found": m.group(0), "what": what}, end_column=m.end() + 1, fix=fix)
