"""Mutation tests: a clean generated report gets nothing; the same report with one defect injected gets
the rule for that defect, in every text layout where the defect can be written.

Clean means more than "no error": a generated report is consistent by construction (tables satisfy
A1–A4, the narrative quotes them, dates fit the year), so *any* diagnostic on it is a false positive.
A defect is injected into the report's blocks (tests/support), then rendered in each layout, so
the same defect is judged in every layout it can be expressed in.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.api import lint_bytes
from support import LAYOUTS, make_report, render
from support.generator import template
from support.mutations import (
    AGENCY,
    COPIED,
    TEMPLATES,
    MUTATIONS,
    YEARS,
    clean,
)
from support.strategies import consistent_tables


def codes(text: str) -> list[str]:
    return [d.code for d in lint_bytes(text.encode("utf-8"), "report.txt").diagnostics]


def read(text: str):
    from reportlint.core.document import Document
    from reportlint.parsing import build_report

    return build_report(Document.from_text("report.txt", text))


def cells_of(model) -> dict:
    return {(c.table, c.row, c.column): c.value for c in model.cells}


def labels_of(model) -> list[tuple[str, str]]:
    """Each table label as read, whitespace aside: a fix must leave no fragment of the old label behind."""
    return [(u.canonical, "".join(u.found.split())) for u in model.labels]


def diagnostics(text: str) -> list[tuple[str, str, int, str]]:
    return [(d.code, d.severity, d.line, d.message) for d in lint_bytes(text.encode("utf-8"), "report.txt").diagnostics]


#: Every rule of RL101–RL602 has at least one mutation.
RULES = sorted({m.code for m in MUTATIONS})


def mutation_cases():
    for m in MUTATIONS:
        for template_id in m.templates:
            for layout in m.layouts:
                yield pytest.param(m, template_id, layout, id=f"{m.code}-{template_id}-{layout}-{m.defect}")


def test_every_rule_of_rl1_to_rl6_has_a_mutation():
    from reportlint.host.registry import catalogue as get_catalogue

    wanted = sorted(r.code for r in get_catalogue() if re.match(r"^RL[1-6]\d\d$", r.code))
    assert RULES == wanted


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("damage", [{}, COPIED], ids=["plain", "copied"])
def test_clean_report_gets_no_diagnostic(template_id, layout, damage):
    assert diagnostics(render(clean(template_id), layout, **damage)) == []


@pytest.mark.parametrize("damage", [{}, COPIED], ids=["plain", "copied"])
@pytest.mark.parametrize("mutation,template_id,layout", list(mutation_cases()))
def test_injected_defect_is_reported(mutation, template_id, layout, damage):
    text = render(mutation.inject(clean(template_id)), layout, **damage)
    assert text != render(clean(template_id), layout, **damage)
    assert mutation.code in codes(text)


# --- fixes undo the defect ------------------------------------------------------------------------


def fixable_cases():
    from reportlint.host.registry import catalogue as get_catalogue

    fixable = {r.code for r in get_catalogue() if r.fixable}
    return [c for c in mutation_cases() if c.values[0].code in fixable]


def apply_fixes(text: str, code: str) -> tuple[str, int]:
    from reportlint.host.fixes import apply_to_text

    found = lint_bytes(text.encode("utf-8"), "report.txt").diagnostics
    return apply_to_text(text, [d.fix for d in found if d.code == code and d.fix])


@pytest.mark.parametrize("mutation,template_id,layout", fixable_cases())
def test_fix_restores_the_clean_report(mutation, template_id, layout):
    fixed, applied = apply_fixes(render(mutation.inject(clean(template_id)), layout), mutation.code)
    assert applied and fixed == render(clean(template_id), layout)


@pytest.mark.parametrize("mutation,template_id,layout", fixable_cases())
def test_fix_of_a_copy_removes_the_finding_and_keeps_the_tables(mutation, template_id, layout):
    """On a copy a fix may be withheld (a label broken over lines), but one that is offered must work."""
    fixed, applied = apply_fixes(render(mutation.inject(clean(template_id)), layout, **COPIED), mutation.code)
    fixed_model, clean_model = read(fixed), read(render(clean(template_id), layout, **COPIED))
    assert cells_of(fixed_model) == cells_of(clean_model)
    if applied:
        assert mutation.code not in codes(fixed)
        assert labels_of(fixed_model) == labels_of(clean_model)


# --- through the command line, once per layout ---------------------------------------------------


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """One `reportlint --format json` run over a clean and an RL103-mutated report in every layout."""
    folder = tmp_path_factory.mktemp("layouts")
    mutated = MUTATIONS[[m.code for m in MUTATIONS].index("RL103")]
    for layout in LAYOUTS:
        suffix = ".md" if layout == "markdown" else ".txt"
        (folder / f"clean-{layout}{suffix}").write_text(render(clean("2021"), layout), encoding="utf-8")
        (folder / f"rl103-{layout}{suffix}").write_text(render(mutated.inject(clean("2021")), layout), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "--format", "json", str(folder)],
                          capture_output=True, text=True, timeout=120)
    return proc, {f["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]: f for f in json.loads(proc.stdout)["files"]}


def test_cli_fails_the_run_for_the_mutated_reports(cli_run):
    proc, _ = cli_run
    assert proc.returncode == 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_cli_reports_the_defect_in_each_layout(cli_run, layout):
    _, files = cli_run
    assert files[f"clean-{layout}"]["diagnostics"] == []
    assert [d["code"] for d in files[f"rl103-{layout}"]["diagnostics"]] == ["RL103"]


# --- drawn tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_consistent_tables_get_no_arithmetic_finding(template_id, data):
    values = data.draw(consistent_tables(template_id), label="values")
    layout = data.draw(st.sampled_from(LAYOUTS), label="layout")
    text = render(make_report(template_id, YEARS[template_id], AGENCY, values), layout)
    assert [c for c in codes(text) if c.startswith("RL3")] == []


AGENCIES = ("某某市商务局", "某某县人民政府", "广州市黄埔区商务局 开发区商务局", "某某镇人民政府")


@pytest.mark.parametrize("template_id", TEMPLATES)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_clean_report_of_any_year_issuer_and_copy_gets_no_diagnostic(template_id, data):
    """Deadlines by issuer (department, government, township), every year of the format, copy damage."""
    t = template(template_id)
    year = data.draw(st.integers(t.first_year, min(t.last_year, t.first_year + 4)), label="year")
    agency = data.draw(st.sampled_from(AGENCIES), label="agency")
    layout = data.draw(st.sampled_from(LAYOUTS), label="layout")
    damage = data.draw(st.fixed_dictionaries({k: st.booleans() for k in ("split_labels", "page_break", "crlf", "title_break")}))
    assert diagnostics(render(make_report(template_id, year, agency), layout, **damage)) == []


def test_2021_format_in_a_report_before_2019_is_a_template_mismatch():
    assert "RL501" in codes(render(make_report("2021", 2018, AGENCY), "tab-rows"))
