"""The 落款 and the publication date as rules see them: one finding for one date, whatever way the
date is written (RL402, RL403, RL406)."""

from __future__ import annotations

import pytest

from reportlint.api import lint_bytes
from support import LAYOUTS, render
from support.mutations import TEMPLATES, clean, with_date


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
