"""RL501–RL504: the report format (template) used against the report year, mixed and legacy formats,
label wording; and the national templates themselves (``rules/templates/``), declared through
``reportlint_templates`` as a province's plugin declares its own."""

from __future__ import annotations

import functools
from typing import Iterator

from reportlint import hookimpl
from reportlint.checks import expected_template, template_name, numbered
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.resources import data_dir, load_toml
from reportlint.core.templates import Template, builtin_templates, label_core, numbering_of


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("template")


@hookimpl
def reportlint_templates() -> tuple[Template, ...]:
    return builtin_templates()


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
    yield from template_version(report)
    yield from mixed_template(report)
    yield from legacy_format(report)
    yield from template_labels(report)


def _anchor(report: Report) -> tuple[int, int]:
    cells = sorted(report.cells, key=lambda c: c.line)
    if report.captions:
        return report.captions[0].line, report.captions[0].column
    if cells:
        return cells[0].line, 1
    return (report.title.line if report.title else 1), 1


def template_version(report: Report) -> Iterator[Finding]:
    """RL501: a 2021-or-later report in the 2019 format, or the reverse."""
    expected = expected_template(report)
    if expected is None or report.template not in {t.id for t in report.templates}:
        return
    if report.template == expected.id:
        return
    line, column = _anchor(report)
    yield Finding("RL501", line, column, {"year": report.year, "found": template_name(report, report.template), "expected": template_name(report, expected.id)})


def mixed_template(report: Report) -> Iterator[Finding]:
    """RL502: strings of two formats in one report's tables."""
    cues = report.template_cues
    if len(cues) < 2:
        return
    expected = expected_template(report)
    main = report.template if report.template in cues else (expected.id if expected and expected.id in cues else None)
    if main is None:
        main = max(cues, key=lambda k: len(cues[k]))
    for template_id, found in cues.items():
        if template_id == main:
            continue
        first = min(found, key=lambda c: (c.line, c.column))
        yield Finding("RL502", first.line, first.column, {"main": template_name(report, main), "other": template_name(report, template_id), "cues": {"zh": "、".join(c.text for c in found[:4]), "en": ", ".join(f"'{c.text}'" for c in found[:4])}})


def legacy_format(report: Report) -> Iterator[Finding]:
    """RL503: a report in a pre-2019 format (old 条例, local tables)."""
    if report.template != "legacy":
        return
    cues = report.legacy_cues
    if cues:
        english = _legacy_why_en()
        why = {"zh": "、".join(cues), "en": "; ".join(english.get(c, f"'{c}'") for c in cues)}
    else:
        why = {"zh": f"报告年度为{report.year}年", "en": f"the report year is {report.year}"}
    line = report.title.line if report.title else 1
    yield Finding("RL503", line, 1, {"why": why})


@functools.cache
def _legacy_why_en() -> dict[str, str]:
    """The English of each cue's reason in rules/data/legacy.toml, by its Chinese (the report keeps the Chinese)."""
    cues = load_toml(data_dir("rules") / "data" / "legacy.toml").get("cue", ())
    return {c["why"]: c["why_en"] for c in cues if "why" in c and "why_en" in c}


def _expected_label(use) -> str:
    """What the message asks for is what the fix writes: the format's wording, numbered as the
    report numbers its rows (the rule is about the words; numbering style is not checked here)."""
    if use.replacement is not None:
        return use.replacement
    canonical = use.canonical.split("/")[-1]
    numbering = numbering_of(use.found)
    return numbering + label_core(canonical) if numbering else canonical


def template_labels(report: Report) -> Iterator[Finding]:
    """RL504: a row label worded otherwise than the format."""
    for use in report.labels:
        if not use.deviates:
            continue
        fix = None
        if use.replacement is not None:
            fix = Fix(use.line, use.column, use.line, use.end_column, use.replacement)
        yield Finding("RL504", use.line, use.column, {"found": use.found, "expected": _expected_label(use), "table": numbered(use.table)},
                      end_column=use.end_column, fix=fix, location=report.location(use.line, use.column))
