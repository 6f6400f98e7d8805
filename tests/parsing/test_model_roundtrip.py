"""Round trip: a generated report, rendered in any text layout, reads back into the model it was made from.

The generator (tests/support) knows every value it wrote; the model must give each one back under
the same (table, row, column) key, whatever the layout and whatever copying did to the text (labels
broken over lines, the table-三 header repeated after a page break, CRLF, the title over two lines).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.core.document import Document
from reportlint.parsing import build_report
from support import LAYOUTS, expected_values, make_report, render
from support.generator import template
from support.strategies import consistent_tables

FORMATS = ("2019", "2021")
AGENCIES = ("某某市商务局", "某某县人民政府", "广州市黄埔区商务局", "某某市自然资源和规划局")
COPY_DAMAGE = st.fixed_dictionaries({
    "split_labels": st.booleans(),
    "page_break": st.booleans(),
    "crlf": st.booleans(),
    "title_break": st.booleans(),
})


def read(text: str):
    return build_report(Document.from_text("report.txt", text))


def cells_of(model) -> dict:
    return {(c.table, c.row, c.column): c.value for c in model.cells}


def sections_of(model) -> list[tuple[int, str]]:
    return [(s.index, s.heading.text) for s in model.sections]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", FORMATS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_every_cell_and_fact_reads_back(template_id, layout, data):
    """Drawn values (blanks, signed 本年增/减, amounts with units included), year, agency and copy damage."""
    t = template(template_id)
    year = data.draw(st.integers(t.first_year, min(t.last_year, t.first_year + 3)), label="year")
    agency = data.draw(st.sampled_from(AGENCIES), label="agency")
    values = data.draw(consistent_tables(template_id, blanks=True), label="values")
    damage = data.draw(COPY_DAMAGE, label="damage")
    report = make_report(template_id, year, agency, values)

    model = read(render(report, layout, **damage))

    assert cells_of(model) == expected_values(report, layout)
    assert (model.year, model.agency, model.template) == (year, agency, template_id)
    assert sections_of(model) == [(i, s.heading) for i, s in enumerate(t.sections, start=1)]
    assert tuple(d.date for d in model.period) == report.period
    assert model.published.date == report.published
    assert not model.table_problems


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "markdown"])
def test_blank_cell_reads_back_as_blank(layout):
    report = make_report("2019", values={("三", "（七）总计", "科研机构"): None, ("二", "规章", "本年新公开数量"): None})
    model = read(render(report, layout))
    table3, table2 = model.table("三"), model.table("二")
    assert table3[("（七）总计", "科研机构")].value is None
    assert table2[("规章", "本年新公开数量")].value is None


def test_space_rows_write_a_blank_cell_as_zero():
    """A space-separated row cannot hold a blank cell: the generator writes 0 and expects 0 back."""
    report = make_report("2019", values={("二", "规章", "本年新公开数量"): None})
    model = read(render(report, "space-rows"))
    assert model.table("二")[("规章", "本年新公开数量")].value == 0


@pytest.mark.parametrize("layout", LAYOUTS)
def test_negative_change_is_a_signed_number_not_a_problem(layout):
    key = ("二", "行政许可", "本年增/减")
    report = make_report("2019", values={key: -8})
    cell = read(render(report, layout)).table("二")[key[1:]]
    assert (cell.value, cell.problem) == (-8, None)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("amount", ["3.68万元", "200326元"])
def test_amount_keeps_its_unit_as_written(layout, amount):
    key = ("二", "政府集中采购", "采购总金额")
    report = make_report("2019", values={key: amount})
    assert read(render(report, layout)).table("二")[key[1:]].value == amount


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fee_in_wan_yuan_is_a_decimal(layout):
    key = ("二", "行政事业性收费", "本年收费金额（单位：万元）")
    report = make_report("2021", values={key: Decimal("7730.28")})
    assert read(render(report, layout)).table("二")[key[1:]].value == Decimal("7730.28")


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "space-rows"])
def test_labels_broken_over_lines_are_rejoined(layout):
    report = make_report("2021")
    plain, broken = render(report, layout), render(report, layout, split_labels=True)
    assert broken != plain  # the option really breaks labels in this layout
    assert cells_of(read(broken)) == expected_values(report, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_repeated_table3_header_after_page_break_adds_no_rows(layout):
    report = make_report("2021")
    text = render(report, layout, page_break=True)
    assert text.count(template("2021").table3_note) == 2
    model = read(text)
    assert cells_of(model) == expected_values(report, layout)
    assert not model.table_problems


@pytest.mark.parametrize("layout", LAYOUTS)
def test_crlf_gives_the_same_model_as_lf(layout):
    report = make_report("2021")
    lf, crlf = read(render(report, layout)), read(render(report, layout, crlf=True))
    assert cells_of(crlf) == cells_of(lf)
    assert [(c.line, c.column_no) for c in crlf.cells] == [(c.line, c.column_no) for c in lf.cells]
