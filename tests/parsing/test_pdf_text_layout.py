"""Text copied out of a PDF without its table structure: the hardest text layout the parser meets.

What it cannot associate it must report (RL308), never turn into an arithmetic error.
"""

from reportlint.api import lint_bytes
from reportlint.core.document import Document
from reportlint.parsing import build_report
from support.paths import FIXTURES

PDF_TEXT = FIXTURES / "pdf_text"


def lint(name: str):
    path = PDF_TEXT / name
    return lint_bytes(path.read_bytes(), path=str(path))


def codes(result, severity="error"):
    return sorted(d.code for d in result.diagnostics if d.severity == severity)


def test_city_report_reads_every_cell_and_lints_clean():
    report = build_report(Document.from_text("r.txt", (PDF_TEXT / "03_2024_huaianshi.txt").read_text(encoding="utf-8")))
    cells = {(c.table, c.row, c.column): c.value for c in report.cells}
    assert len([k for k in cells if k[0] == "三"]) == 25 * 7
    assert cells[("三", "一、本年新收政府信息公开申请数量", "总计")] == 3119
    assert cells[("三", "（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "总计")] == 6
    assert cells[("四", "行政复议", "总计")] == 351
    assert codes(lint("03_2024_huaianshi.txt")) == []


def test_district_report_keeps_its_real_defects_and_gains_no_arithmetic_error():
    found = codes(lint("01_2023_hongzequ.txt"))
    assert found.count("RL304") == 2  # 总计 0 while its parts are 11 and 5
    assert "RL502" in found  # the single （六）其他处理 row of the 2019 format
    assert not {"RL301", "RL302", "RL303"} & set(found)
