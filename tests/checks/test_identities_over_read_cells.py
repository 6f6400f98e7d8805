"""Identities (RL301–RL304) are sums over cells that were read: a blank cell or a row the parser did not
find is not 0. The identity that needs it is not assessed, and RL305/RL308 say which cell or row is
missing — never an arithmetic error over a cell never read."""

from __future__ import annotations

import pytest

from reportlint.api import lint_bytes
from support import render
from support.generator import table3_layout, template
from support.mutations import TEMPLATES, clean

ARITHMETIC = {"RL301", "RL302", "RL303", "RL304"}


def codes(text: str) -> list[str]:
    return [d.code for d in lint_bytes(text.encode("utf-8"), "report.txt").diagnostics]


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "markdown"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_blank_total_column_of_the_outcome_rows_is_no_arithmetic_error(template_id, layout):
    """A web table leaves 总计 blank for the outcome rows (as 上海2019 does): not （一）至（六）之和为0."""
    report = clean(template_id)
    lay = table3_layout(template(template_id))
    for row in lay.outcomes:
        report = report.with_cell(("三", row, lay.total_column), None)
    found = codes(render(report, layout))
    assert not ARITHMETIC & set(found)
    assert found.count("RL305") == 1  # said once for the table


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "space-rows", "crawler"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_missing_outcome_row_is_rl308_not_an_arithmetic_error(template_id, layout):
    report = clean(template_id).without_row("三", "（一）予以公开")
    found = codes(render(report, layout))
    assert "RL308" in found and not ARITHMETIC & set(found)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_outcome_rows_under_their_own_sub_headings_are_read_or_missing_never_summed_as_zero(template_id):
    """A converted table puts （一）予以公开 and （二）部分公开 under sub-headings of their own."""
    text = render(clean(template_id), "tab-rows")
    lines = text.split("\n")
    out = []
    for line in lines:
        label = line.split("\t")[0]
        if label.startswith(("（一）予以公开", "（二）部分公开")) or (label == "" and "（一）予以公开" in line):
            cells = line.split("\t")
            name = next(c for c in cells if c.startswith(("（一）", "（二）")))
            out.append(name.split("（区分")[0])  # the sub-heading on its own line
            out.append("\t".join("" if c == name else c for c in cells))
        else:
            out.append(line)
    found = codes("\n".join(out))
    assert not ARITHMETIC & set(found), found


def test_a_blank_cell_is_said_once_per_table_with_how_many():
    report = clean("2021")
    blanks = [k for k, v in report.values.items() if k[0] == "三" and v == 0][:5]
    for key in blanks:
        report = report.with_cell(key, None)
    found = [d for d in lint_bytes(render(report, "tab-rows").encode(), "report.txt").diagnostics if d.code == "RL305"]
    assert len(found) == 1 and "本表共5个空白单元格" in found[0].message and found[0].severity == "warning"
