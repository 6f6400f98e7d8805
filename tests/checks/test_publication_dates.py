"""The 落款 and the publication date as rules see them: one finding for one date, whatever way the
date is written (RL402, RL403, RL406); and the year 总体情况 opens with (RL404)."""

from __future__ import annotations

import dataclasses

import pytest

from reportlint.api import lint_bytes
from support import LAYOUTS, make_report, render
from support.mutations import TEMPLATES, clean, edit_paragraphs, with_date


def found(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in lint_bytes(text.encode("utf-8"), "report.txt").diagnostics]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_signature_dated_in_the_report_year_is_one_rl403(template_id, layout):
    """The 落款 is the publication date too: one date, one finding (it was reported twice)."""
    report = clean(template_id)
    results = found(render(with_date(report, f"{report.year}年7月20日"), layout))
    assert [code for code, _ in results] == ["RL403"]


@pytest.mark.parametrize("written", ["二○{y}年七月二十日", "二O{y}年七月二十日", "二〇{y}年七月二十日"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_late_signature_in_chinese_numerals_is_rl402(template_id, written):
    report = clean(template_id)
    year = "".join("〇一二三四五六七八九"[int(c)] for c in str(report.year + 1)[2:])
    text = render(with_date(report, written.format(y=year)), "cell-per-line")
    assert [code for code, _ in found(text)] == ["RL402"]


# --- RL404: 总体情况 told as last year's ----------------------------------------------------------------


def overview_opening(report, text: str):
    """The report with its 总体情况's first paragraph (``2022年，某某市商务局认真贯彻落实…``) reworded."""
    first = []

    def edit(p):
        if not first and p.text.startswith(f"{report.year}年，"):
            first.append(p)
            return dataclasses.replace(p, text=text)
        return p

    return edit_paragraphs(report, edit)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_an_overview_that_opens_with_last_year_is_rl404(template_id, layout):
    report = clean(template_id)
    text = render(overview_opening(report, f"{report.year - 1}年，本局认真贯彻落实《条例》，各项工作有序推进。"), layout)
    found = lint_bytes(text.encode("utf-8"), "report.txt").diagnostics
    assert [d.code for d in found] == ["RL404"]
    assert f"“{report.year - 1}年，" in found[0].message


@pytest.mark.parametrize("opening", [
    "{last}年以来，本局认真贯彻落实《条例》，各项工作有序推进。",  # since last year: this year included
    "{last}年12月，本局印发政务公开工作要点，各项工作有序推进。",  # a date, not the year's work
    "自{last}年起，本局认真贯彻落实《条例》，各项工作有序推进。",
    "{year}年，本局认真贯彻落实《条例》，与{last}年相比各项工作有序推进。",
    "{last}年，上级印发新版格式，{year}年本局按新格式编制报告。",  # names the report year too
    "{year}年，本局各项工作有序推进。{last}年，本局获评先进单位。",  # a later sentence looks back
])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_an_overview_that_names_last_year_otherwise_is_not(template_id, opening):
    report = clean(template_id)
    text = render(overview_opening(report, opening.format(year=report.year, last=report.year - 1)), "cell-per-line")
    assert found(text) == []


@pytest.mark.parametrize("agency,late", [("某某市", False), ("某某县", False), ("某某市商务局", True),
                                         ("某某经济开发区", True), ("某某街道", False)])
def test_a_title_naming_only_a_place_is_its_governments_report_due_31_march(agency, late):
    """RL402 by who issued it (rules/data/issuers.toml): 某某市2022年… is the city government's report."""
    report = clean("2021")
    report = make_report(report.template, report.year, agency, report.values)
    text = render(with_date(report, f"{report.year + 1}年3月15日"), "cell-per-line")
    assert [code for code, _ in found(text)] == (["RL402"] if late else [])
