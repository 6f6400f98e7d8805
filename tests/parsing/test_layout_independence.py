"""Real reports as they are found (issue 8): nothing about a report depends on its line breaks.

A crawler saves the page on ONE line, with the table cells separated by a space or by nothing at all;
a web table keeps its blank rows; a report numbers sub-items like sections; a saved page carries the
site's clock and the crawler's capture time. Each of these has its test here, on generated reports
(tests/support, layout "crawler") and on small real-shaped snippets.
"""

from __future__ import annotations

import re

import pytest

from reportlint.api import lint_bytes
from reportlint.core.document import Document
from reportlint.parsing import build_report
from support import make_report, render
from support.generator import table3_layout, table3_values, table4_values, template
from support.mutations import AGENCY, TEMPLATES, MUTATIONS, YEARS, clean

ARITHMETIC = {"RL301", "RL302", "RL303", "RL304"}


def lint(text: str):
    return lint_bytes(text.encode("utf-8"), "report.txt").diagnostics


def findings(text: str) -> list[tuple[str, str]]:
    """(code, message) of every finding, line numbers in messages aside: what a reader is told."""
    return sorted((d.code, re.sub(r"第\d+行(第\d+列)?", "第N行", d.message)) for d in lint(text))


def model(text: str):
    return build_report(Document.from_text("report.txt", text))


# --- one line, spaced: the same findings as one cell per line ----------------------------------------


def one_line_cases():
    for m in MUTATIONS:
        if "crawler" not in m.layouts:
            continue
        for template_id in m.templates:
            yield pytest.param(m, template_id, id=f"{m.code}-{template_id}-{m.defect}")


@pytest.mark.parametrize("mutation,template_id", list(one_line_cases()))
def test_a_one_line_report_gives_the_findings_of_the_same_report_one_cell_per_line(mutation, template_id):
    report = mutation.inject(clean(template_id))
    one_line = findings(render(report, "crawler"))
    assert one_line == findings(render(report, "cell-per-line"))
    assert mutation.code in {code for code, _ in one_line}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_one_line_report_reads_the_cells_of_the_same_report_one_cell_per_line(template_id):
    def cells(text):
        return {(c.table, c.row, c.column): (c.value, c.raw) for c in model(text).cells}

    report = clean(template_id)
    assert cells(render(report, "crawler")) == cells(render(report, "cell-per-line"))
    assert len(model(render(report, "crawler")).lines) > 60  # its one body line, cut up


# --- one line, glued: figures with one reading are read, others are never guessed ------------------


def small(template_id: str) -> dict:
    """Consistent values of one digit each: glued together they have a single reading."""
    t = template(template_id)
    lay = table3_layout(t)
    outcomes = {(lay.outcomes[0], lay.applicants[0]): 2, (lay.outcomes[2], lay.applicants[1]): 1,
                (lay.outcomes[-1], lay.applicants[0]): 1}
    values = table3_values(t, outcomes, {lay.applicants[0]: 1}, {lay.applicants[1]: 1})
    values.update(table4_values(t, {(t.table4_groups[0], "结果维持"): 1, (t.table4_groups[2], "结果纠正"): 2}))
    for block in t.table2:
        for row in block.rows:
            for i, column in enumerate(block.columns):
                values[("二", row.key, column.label)] = 3
    return values


def glued(report) -> str:
    return render(report, "crawler", glued=True)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_glued_one_line_report_of_single_figures_reads_every_cell_and_is_clean(template_id):
    report = make_report(template_id, YEARS[template_id], AGENCY, small(template_id))
    text = glued(report)
    assert "规章333" in text  # nothing separates the cells
    assert list(lint(text)) == []
    read = {(c.table, c.row, c.column): c.value for c in model(text).cells}
    assert read == {k: v for k, v in report.values.items()}


def glued_cases():
    for m in MUTATIONS:
        # RL306/RL307: their figures are not of one digit; a negative figure run into others has
        # no reading (RL308)
        if "crawler" in m.layouts and m.code not in ("RL306", "RL307") and m.defect != "-1 in a count cell":
            for template_id in m.templates:
                yield pytest.param(m, template_id, id=f"{m.code}-{template_id}-{m.defect}")


@pytest.mark.parametrize("mutation,template_id", list(glued_cases()))
def test_a_defect_in_a_glued_one_line_report_is_found(mutation, template_id):
    base = make_report(template_id, YEARS[template_id], AGENCY, small(template_id))
    assert mutation.code in {d.code for d in lint(glued(mutation.inject(base)))}


def slow_to_decode(case):
    """The 2019 format's broken A1/A2 identities take the decoder tens of seconds: marked slow."""
    mutation, template_id = case.values
    if template_id == "2019" and mutation.code in ("RL301", "RL302"):
        return pytest.param(*case.values, id=case.id, marks=pytest.mark.slow)
    return case


@pytest.mark.parametrize("mutation,template_id", [slow_to_decode(case) for case in one_line_cases()])
def test_glued_figures_never_become_an_arithmetic_error_they_are_not(mutation, template_id):
    """Multi-digit figures run together may have several readings: then RL308, never a sum that fails
    only because the figures were misread."""
    report = mutation.inject(clean(template_id))
    wanted = {d.code for d in lint(render(report, "cell-per-line"))} & ARITHMETIC
    got = {d.code for d in lint(glued(report))} & ARITHMETIC
    assert got <= wanted


def test_a_row_with_two_readings_is_rl308_naming_the_row_and_its_figures():
    text = glued(make_report("2021", 2022, AGENCY, {**small("2021"), ("二", "规章", "本年制发件数"): 12}))
    [finding] = [d for d in lint(text) if d.code == "RL308"]
    assert "“规章”" in finding.message and "1233" in finding.message and "3种" in finding.message  # 1|2|33, 1|23|3, 12|3|3


@pytest.mark.parametrize("digits", [5_000, 50_000])
def test_a_hostile_run_of_digits_is_unreadable_quickly_not_a_crash(digits):
    """Bounded work, whatever the length (two sizes): the row is RL308, no plugin error."""
    text = glued(make_report("2021", 2022, AGENCY, small("2021"))).replace("（一）予以公开2", "（一）予以公开" + "7" * digits)
    codes = {d.code for d in lint(text)}
    assert "RL308" in codes and "RL903" not in codes and not codes & ARITHMETIC


# --- blank rows: a row is a row, its cells blank -------------------------------------------------------

NBSP_ROWS = "".join(
    f"<tr><td>{label}</td>" + "<td>&nbsp;</td>" * 7 + "</tr>"
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")
)


def test_blank_rows_of_a_web_table_are_rows_with_blank_cells_not_missing_rows():
    report = clean("2021")
    t = template("2021")
    zero_row = next(r.key for r in t.table3_rows if all(report.values[("三", r.key, c)] == 0 for c in t.table3_columns))
    blank = {("三", zero_row, c): None for c in t.table3_columns}  # &nbsp; in every cell of a zero row
    html = _html(render(make_report("2021", 2022, AGENCY, {**report.values, **blank}), "tab-rows"))
    found = lint_bytes(html.encode("utf-8"), "report.html").diagnostics
    assert [d.code for d in found] == ["RL305"]  # the blank cells said once for the table; no row is missing
    assert "本表共7个空白单元格" in found[0].message


def _html(tab_text: str) -> str:
    """A web page of a tab-rows report: paragraphs as <p>, tab rows as table rows."""
    body, table = [], []
    for line in tab_text.split("\n"):
        if "\t" in line:
            table.append("<tr>" + "".join(f"<td>{c or '&nbsp;'}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if table:
            body.append("<table>" + "".join(table) + "</table>")
            table = []
        if line.strip():
            body.append(f"<p>{line}</p>")
    return "<html><head><title>年报</title></head><body>" + "".join(body) + "</body></html>"


def test_a_label_standing_alone_in_a_one_line_table_is_a_blank_row():
    text = render(clean("2021"), "crawler").replace(
        "（一）予以公开 " + " ".join(str(clean("2021").values[("三", "（一）予以公开", c)]) for c in template("2021").table3_columns) + " ",
        "（一）予以公开 ",
    )
    found = lint(text)
    assert not [d for d in found if d.code == "RL308"]
    blanks = [d for d in found if d.code == "RL305"]
    assert len(blanks) == 1 and "本表共7个空白单元格" in blanks[0].message  # once for the table


# --- numbered sub-items are not sections ------------------------------------------------------------


def test_numbered_sub_items_of_a_section_are_not_sections():
    """4.认真办理依申请公开 and 二、加强制度建设 inside 总体情况 are list items: numbering alone never
    makes a heading (a sub-item holding another section's words, 三、改进措施 inside 五, is a
    misplaced heading: seed 002)."""
    text = render(clean("2021"), "tab-rows").replace(
        "（二）依申请公开情况。", "（二）依申请公开情况。\n4.认真办理依申请公开，依法答复。\n二、加强制度建设，规范办理流程。\n")
    assert list(lint(text)) == []
    assert [s.heading.text for s in model(text).sections] == [s.heading for s in template("2021").sections]


# --- page wrappers are not the report --------------------------------------------------------------------


def test_a_saved_pages_clock_capture_time_and_site_name_are_not_the_reports_dates():
    text = render(clean("2021"), "crawler")
    wrapped = ("采集时间: 2026-11-30 10:15\n页面生成时间：2026-11-30 10:15:02\n某某市人民政府门户网站\n今天是2026年11月30日 星期一\n"
               + text + "版权所有：某某市人民政府办公室 网站标识码3300000001\n2026年11月30日 星期一\n")
    assert list(lint(wrapped)) == []
    assert model(wrapped).published.date == clean("2021").published


def test_a_list_of_other_years_reports_on_the_page_is_not_the_title():
    text = render(clean("2021"), "tab-rows")
    listed = "年报列表\n2020年政府信息公开工作年度报告\n2019年政府信息公开工作年度报告\n" + text
    assert list(lint(listed)) == []


# --- a legacy report on one line ---------------------------------------------------------------------------


def test_a_legacy_report_on_one_line_is_rl503_not_a_mixed_format():
    legacy = next(m for m in MUTATIONS if m.code == "RL503").inject(clean("2021"))
    codes = {d.code for d in lint(render(legacy, "crawler"))}
    assert "RL503" in codes and "RL502" not in codes


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_page_whose_rows_were_joined_on_one_line_with_their_tabs_kept_is_clean(template_id):
    """Some crawlers keep the cells' tabs but join the rows (and everything else) with spaces."""
    lines = render(clean(template_id), "tab-rows").split("\n")
    assert list(lint(" ".join(line for line in lines if line.strip()))) == []


def test_figures_with_thousands_separators_are_one_figure():
    text = render(clean("2021"), "space-rows").replace("行政许可 14", "行政许可 1,234")
    cells = {(c.row, c.column): c.value for c in model(text).cells if c.table == "二"}
    assert cells[("行政许可", "本年处理决定数量")] == 1234
