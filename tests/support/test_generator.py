"""The generator's own promises, checked without reportlint's rules: the mutation and round-trip tests
lean on them, so a generator bug must not be able to hide a rule's bug."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import LAYOUTS, make_report, render
from support.generator import cell_keys, table3_layout, table4_parts, template
from support.strategies import consistent_tables

TEMPLATES = ("2019", "2021")


def _n(values, key) -> int:
    return values[key] or 0  # a blank is read as 0


@pytest.mark.parametrize("template_id", TEMPLATES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_drawn_tables_satisfy_a1_to_a4(template_id, data):
    t, lay = template(template_id), table3_layout(template(template_id))
    values = data.draw(consistent_tables(template_id, blanks=True))
    assert set(values) == set(cell_keys(t))

    def t3(row, col):
        return _n(values, ("三", row, col))

    for col in t.table3_columns:
        assert t3(lay.received, col) + t3(lay.carried_in, col) == t3(lay.total, col) + t3(lay.carried_out, col)  # A1
        assert t3(lay.total, col) == sum(t3(r, col) for r in lay.outcomes)  # A3
    for row in t.table3_rows:
        assert t3(row.key, lay.total_column) == sum(t3(row.key, c) for c in lay.applicants)  # A2
    summed, total = table4_parts(t)
    for group in t.table4_groups:
        assert _n(values, ("四", group, total)) == sum(_n(values, ("四", group, c)) for c in summed)  # A4


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_narrative_quotes_the_tables(template_id):
    report = make_report(template_id)
    t, lay = template(template_id), table3_layout(template(template_id))
    text = "".join(p.text for p in report.paragraphs())
    received = report.values[("三", lay.received, lay.total_column)]
    _, total = table4_parts(t)
    reviews = report.values[("四", t.table4_groups[0], total)]
    lawsuits = sum(report.values[("四", g, total)] for g in t.table4_groups[1:])
    assert f"收到政府信息公开申请{received}件" in text
    assert f"行政复议{reviews}件" in text and f"行政诉讼{lawsuits}件" in text
    stated = re.search(r"共计(\d+)条，其中\D*(\d+)条\D*(\d+)条\D*(\d+)条", text)
    assert int(stated.group(1)) == sum(int(stated.group(i)) for i in (2, 3, 4))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_section_heading_and_caption_is_rendered(layout):
    report = make_report("2021")
    text = render(report, layout)
    t = template("2021")
    assert all(f"{s.number}、{s.heading}" in text for s in t.sections)
    assert all(b.caption in text for b in t.table2)
