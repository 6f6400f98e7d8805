"""RL601–RL602: known wrong phrases and editing residue, as the parser found them in the text
(:attr:`reportlint.core.model.Report.slips`)."""

from __future__ import annotations

import functools
from typing import Iterator

from reportlint import hookimpl
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.resources import data_dir, load_toml

#: Each sort of editing residue, as the message names it, and what --fix writes instead (None: no
#: fix, the author must fill it in).
_RESIDUE = {
    "bookmark": ({"zh": "Word书签残留", "en": "Word bookmark"}, ""),
    "comment": ({"zh": "批注残留", "en": "comment"}, ""),
    "prompt": ({"zh": "模板提示语未删除", "en": "template prompt"}, None),
    "placeholder": ({"zh": "占位符未替换", "en": "placeholder"}, None),
    "instruction": ({"zh": "填写说明未删除", "en": "filling instruction"}, None),
}


@functools.cache
def phrases() -> tuple[dict, ...]:
    return tuple(load_toml(data_dir("rules") / "data" / "phrases.toml").get("phrase", []))


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("wording")


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
    yield from misused_phrases(report)
    yield from leftover_artefacts(report)


def misused_phrases(report: Report) -> Iterator[Finding]:
    """RL601: a known wrong phrase from rules/data/phrases.toml, with its correction."""
    by_wrong = {p["wrong"]: p for p in phrases()}
    for slip in report.slips:
        entry = by_wrong.get(slip.what) if slip.kind == "phrase" else None
        if entry is None:
            continue
        yield Finding("RL601", slip.line, slip.column, {"found": slip.raw, "expected": entry["right"], "why": {"zh": entry.get("why", ""), "en": entry.get("why_en") or entry.get("why", "")}},
                      end_column=slip.end_column, fix=Fix(slip.line, slip.column, slip.line, slip.end_column, entry["right"]))


def leftover_artefacts(report: Report) -> Iterator[Finding]:
    """RL602: [bookmark: _GoBack], 此处填写…, XX: residue of editing the template."""
    for slip in report.slips:
        if slip.kind != "residue" or slip.what not in _RESIDUE:
            continue
        what, replacement = _RESIDUE[slip.what]
        fix = Fix(slip.line, slip.column, slip.line, slip.end_column, replacement) if replacement is not None else None
        yield Finding("RL602", slip.line, slip.column, {"found": slip.raw, "what": what}, end_column=slip.end_column, fix=fix)
