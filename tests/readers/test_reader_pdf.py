"""The PDF reader: three real published reports pinned cell by cell, the seeds rendered by reportlab,
tables over page breaks, and PDFs built to hurt (thousands of pages, encryption, truncation)."""

from __future__ import annotations

import io
import json
import re
import time
from decimal import Decimal

import pytest
from conftest import REAL, SEED_NAMES, SEEDS, expected_table_rows, read_cached, table_rows

from reportlint.api import lint_paths
from reportlint.parsing import build_report
from reportlint.readers import Limits, ReadError, read_document
from reportlint.readers.pdf import PdfReader

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

# Checked by eye against the rendered pages, then pinned. Rows of table 三 not listed are all 0.
REAL_TABLES = {
    "01_2023_hongzequ.pdf": {
        "二": {"规章": [0, 0, 0], "行政规范性文件": [0, 5, 5], "行政许可": [550], "行政处罚": [4119], "行政强制": [195],
              "行政事业性收费": [Decimal("7730.28")]},
        "三": {
            "一、本年新收政府信息公开申请数量": [21, 0, 0, 0, 0, 0, 21],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [4, 0, 0, 0, 0, 0, 4],
            "（三）不予公开/1.属于国家秘密": [1, 0, 0, 0, 0, 0, 1],
            "（三）不予公开/6.属于四类过程性信息": [1, 0, 0, 0, 0, 0, 1],
            "（三）不予公开/7.属于行政执法案卷": [1, 0, 0, 0, 0, 0, 1],
            "（四）无法提供/1.本机关不掌握相关政府信息": [10, 0, 0, 0, 0, 0, 10],
            "（四）无法提供/2.没有现成信息需要另行制作": [3, 0, 0, 0, 0, 0, 3],
            "（五）不予处理/1.信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],
            "（七）总计": [21, 0, 0, 0, 0, 0, 21],
        },
        # The real defect: 行政复议 and 复议后起诉 总计 are 0 while their parts are not.
        "四": {"行政复议": [10, 1, 0, 0, 0], "行政诉讼/未经复议直接起诉": [0, 0, 0, 0, 0], "行政诉讼/复议后起诉": [5, 0, 0, 0, 0]},
    },
    "02_2024_hongzequ.pdf": {
        "二": {"规章": [0, 0, 0], "行政规范性文件": [3, 0, 8], "行政许可": [9487], "行政处罚": [2776], "行政强制": [84],
              "行政事业性收费": [7545]},
        "三": {
            "一、本年新收政府信息公开申请数量": [95, 0, 0, 0, 0, 0, 95],
            "（一）予以公开": [50, 0, 0, 0, 0, 0, 50],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [9, 0, 0, 0, 0, 0, 9],
            "（三）不予公开/3.危及“三安全一稳定”": [1, 0, 0, 0, 0, 0, 1],
            "（三）不予公开/6.属于四类过程性信息": [1, 0, 0, 0, 0, 0, 1],
            "（三）不予公开/7.属于行政执法案卷": [1, 0, 0, 0, 0, 0, 1],
            "（四）无法提供/1.本机关不掌握相关政府信息": [31, 0, 0, 0, 0, 0, 31],
            "（四）无法提供/2.没有现成信息需要另行制作": [1, 0, 0, 0, 0, 0, 1],
            "（五）不予处理/1.信访举报投诉类申请": [1, 0, 0, 0, 0, 0, 1],
            "（七）总计": [95, 0, 0, 0, 0, 0, 95],
        },
        "四": {"行政复议": [1, 1, 0, 0, 2], "行政诉讼/未经复议直接起诉": [1, 0, 0, 0, 1], "行政诉讼/复议后起诉": [2, 0, 1, 0, 3]},
    },
    "03_2024_huaianshi.pdf": {
        "二": {"规章": [1, 0, 11], "行政规范性文件": [8, 26, 66], "行政许可": [447228], "行政处罚": [3985758],
              "行政强制": [88283], "行政事业性收费": [Decimal("96171.6")]},
        "三": {
            "一、本年新收政府信息公开申请数量": [3001, 53, 0, 0, 61, 4, 3119],
            "二、上年结转政府信息公开申请数量": [34, 0, 0, 0, 0, 0, 34],
            "（一）予以公开": [1288, 21, 0, 0, 50, 3, 1362],
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [447, 7, 0, 0, 0, 0, 454],
            "（三）不予公开/1.属于国家秘密": [2, 0, 0, 0, 0, 0, 2],
            "（三）不予公开/2.其他法律行政法规禁止公开": [30, 1, 0, 0, 0, 0, 31],
            "（三）不予公开/3.危及“三安全一稳定”": [5, 0, 0, 0, 0, 0, 5],
            "（三）不予公开/4.保护第三方合法权益": [6, 0, 0, 0, 0, 0, 6],
            "（三）不予公开/5.属于三类内部事务信息": [7, 1, 0, 0, 0, 0, 8],
            "（三）不予公开/6.属于四类过程性信息": [12, 0, 0, 0, 0, 0, 12],
            "（三）不予公开/7.属于行政执法案卷": [9, 0, 0, 0, 0, 0, 9],
            "（三）不予公开/8.属于行政查询事项": [105, 0, 0, 0, 0, 0, 105],
            "（四）无法提供/1.本机关不掌握相关政府信息": [746, 12, 0, 0, 10, 1, 769],
            "（四）无法提供/2.没有现成信息需要另行制作": [11, 0, 0, 0, 0, 0, 11],
            "（四）无法提供/3.补正后申请内容仍不明确": [1, 0, 0, 0, 0, 0, 1],
            "（五）不予处理/1.信访举报投诉类申请": [56, 6, 0, 0, 0, 0, 62],
            "（五）不予处理/2.重复申请": [25, 0, 0, 0, 0, 0, 25],
            "（五）不予处理/5.要求行政机关确认或重新出具已获取信息": [1, 0, 0, 0, 0, 0, 1],
            "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [67, 3, 0, 0, 1, 0, 71],
            "（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [6, 0, 0, 0, 0, 0, 6],
            "（六）其他处理/3.其他": [108, 2, 0, 0, 0, 0, 110],
            "（七）总计": [2932, 53, 0, 0, 61, 4, 3050],
            "四、结转下年度继续办理": [103, 0, 0, 0, 0, 0, 103],
        },
        "四": {"行政复议": [72, 64, 178, 37, 351], "行政诉讼/未经复议直接起诉": [13, 4, 8, 1, 26],
              "行政诉讼/复议后起诉": [12, 1, 1, 6, 20]},
    },
}


def real(name: str):
    return read_cached(str(REAL / name))


# -- the three real reports -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REAL_TABLES))
def test_real_pdf_tables_are_recovered_exactly(name):
    report = build_report(real(name))
    got: dict = {}
    for cell in report.cells:
        got.setdefault(cell.table, {}).setdefault(cell.row, {})[cell.column] = cell.value
    pinned = REAL_TABLES[name]
    assert {row: list(cells.values()) for row, cells in got["二"].items()} == pinned["二"]
    assert {row: list(cells.values()) for row, cells in got["四"].items()} == pinned["四"]
    nonzero = {row: [cells.get(c) for c in T3_COLUMNS] for row, cells in got["三"].items() if any(cells.values())}
    assert nonzero == pinned["三"]
    assert all(value == 0 for row, cells in got["三"].items() if row not in pinned["三"] for value in cells.values())


@pytest.mark.parametrize("name", sorted(REAL_TABLES))
def test_real_pdf_reports_its_labelled_defects(name):
    expected = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))[name]
    codes = {d.code for d in lint_paths([str(REAL / name)])[0].diagnostics}
    for must in expected["must"]:
        wanted = must["code"] if isinstance(must["code"], list) else [must["code"]]
        assert codes & set(wanted), must["why"]


def test_a_vertical_label_is_one_cell():
    row = next(line.text.split("\t") for line in real("01_2023_hongzequ.pdf").lines if "（一）予以公开" in line.text)
    assert row[:2] == ["三、本年度办理结果", "（一）予以公开"]


def test_a_table_cut_by_a_page_break_continues_on_the_next_page():
    document = real("01_2023_hongzequ.pdf")
    first = next(line for line in document.lines if "2.没有现成信息需要另行制作" in line.text)
    after = next(line for line in document.lines if "3.补正后申请内容仍不明确" in line.text)
    assert (first.origin, after.origin) == ("第3页", "第4页")
    assert first.text.split("\t") == ["", "", "2.没有现成信息需要另行制作", "3", "0", "0", "0", "0", "0", "3"]
    assert after.text.split("\t")[2:] == ["3.补正后申请内容仍不明确", "0", "0", "0", "0", "0", "0", "0"]


def test_table_rows_stand_between_the_text_lines_around_them():
    texts = [line.text for line in real("03_2024_huaianshi.pdf").lines]
    heading = texts.index("三、收到和处理政府信息公开申请情况")
    assert texts[heading - 1] == "行政事业性收费\t96171.6"
    assert texts[heading + 1].startswith("（本列数据的勾稽关系为")
    assert texts[texts.index("四、政府信息公开行政复议、行政诉讼情况") + 1].startswith("行政复议\t")


def test_lines_and_cells_say_page_table_row_and_column():
    document = real("03_2024_huaianshi.pdf")
    row = next(line for line in document.lines if line.text.startswith("行政规范性文件\t"))
    assert row.origin == "第3页"
    assert row.cells[1] == "第3页表1第4行第2列"
    assert all(re.fullmatch(r"第\d页", line.origin) for line in document.lines)


def test_page_numbers_in_the_margin_are_not_text():
    for name in REAL_TABLES:
        assert not [line.text for line in real(name).lines if re.fullmatch(r"-\s*\d+\s*-", line.text)]


def test_text_in_word_paragraph_boxes_is_text_not_a_one_column_table():
    document = real("01_2023_hongzequ.pdf")
    title = next(line for line in document.lines if "政府信息公开工作年度报告" in line.text)
    assert title.cells is None
    assert document.lines[0].text == "洪泽区人民政府"


def test_a_bold_run_in_heading_stays_on_its_line():
    texts = [line.text for line in real("01_2023_hongzequ.pdf").lines]
    assert "（一）主动公开情况。主要通过政府门户网站主动公开政府" in texts


# -- the seeds rendered by reportlab ----------------------------------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def without_repeated_headers(rows: list[list[str]], expected: list[list[str]]) -> list[list[str]]:
    """The rows read, less the header rows a table repeated after a page break: a header row is
    dropped where the expected rows do not have it at that point."""
    headers = [row for row in expected if any(word in "".join(row) for word in ("申请人情况", "自然人", "商业企业"))]
    out, j = [], 0
    for row in rows:
        if j < len(expected) and row == expected[j]:
            j += 1
        elif row in headers:
            continue
        out.append(row)
    return out


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_pdf_tables_read_back_row_for_row(name):
    """Every row with its cells' text, in order. Empty cells are left out of the comparison: a PDF
    shows a grid column only where a ruling marks it, and a column that every row on a page spans
    (table 三's third label column on a page without （三）–（五）) has none there."""
    document = read_cached(str(SEEDS / f"{name}.pdf"))
    expected = [[squeeze(cell) for cell in row if cell.strip()] for row in expected_table_rows(name)]
    got = [[squeeze(cell) for cell in row if cell.strip()] for row in table_rows(document)]
    assert without_repeated_headers(got, expected) == expected


def test_a_table_header_repeated_after_a_page_break_is_emitted_again():
    document = read_cached(str(SEEDS / "000_46da6a5f0760e49a.pdf"))
    notes = [line.origin for line in document.lines if line.text.startswith("（本列数据的勾稽关系")]
    assert len(notes) >= 2
    assert len(set(notes)) == len(notes)  # once per page the table runs onto


def test_a_last_line_of_one_character_in_a_cell_is_not_lost():
    # reportlab's STSong-Light is not embedded: PDFium alone would drop the lone "卷" of the cell.
    rows = table_rows(read_cached(str(SEEDS / "000_46da6a5f0760e49a.pdf")))
    assert any(cell == "7、属于行政执法案卷" for row in rows for cell in row)


# -- hostile PDFs ---------------------------------------------------------------------------------


def canvas_pdf(pages: int = 1, encrypt=None, text: str = "Report 2021") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt, invariant=1)
    for number in range(pages):
        pdf.drawString(100, 700, f"{text} {number + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_a_pdf_of_thousands_of_pages_is_refused_without_reading_them():
    with pytest.raises(ReadError) as caught:
        read_document("long.pdf", canvas_pdf(pages=3000))
    assert caught.value.code == "RL901"
    assert caught.value.message == "PDF 共 3000 页，超过上限 300 页，不予读取"


def test_max_pages_is_a_setting():
    data = (REAL / "03_2024_huaianshi.pdf").read_bytes()
    with pytest.raises(ReadError) as caught:
        read_document("report.pdf", data, limits=Limits(max_pages=5))
    assert caught.value.args_for_message == {"reason": "max_pages", "pages": 6, "limit": 5}


def test_a_pdf_that_needs_a_password_is_unreadable():
    from reportlab.lib.pdfencrypt import StandardEncryption

    with pytest.raises(ReadError) as caught:
        read_document("secret.pdf", canvas_pdf(encrypt=StandardEncryption("secret", ownerPassword="owner")))
    assert (caught.value.code, caught.value.message) == ("RL901", "PDF 已加密，需要密码才能打开")


def test_a_pdf_with_only_print_and_copy_restrictions_is_read():
    from reportlab.lib.pdfencrypt import StandardEncryption

    restricted = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    assert [line.text for line in read_document("restricted.pdf", canvas_pdf(encrypt=restricted)).lines] == ["Report 2021 1"]


@pytest.mark.parametrize("fraction", [0.01, 0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_unreadable_or_read_as_far_as_it_goes(fraction):
    data = (REAL / "02_2024_hongzequ.pdf").read_bytes()
    try:
        document = read_document("cut.pdf", data[: int(len(data) * fraction)])
    except ReadError as error:
        assert error.code == "RL901"
        assert "PDF" in error.message
    else:  # PDFium rebuilds what it can of a cut file
        assert all(isinstance(line.text, str) for line in document.lines)


def test_a_pdf_header_followed_by_garbage_is_unreadable():
    with pytest.raises(ReadError) as caught:
        read_document("bad.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert caught.value.code == "RL901"


def test_a_pdf_without_text_reads_as_no_lines():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.rect(100, 100, 200, 200)
    pdf.showPage()
    pdf.save()
    assert read_document("scan.pdf", buffer.getvalue()).lines == ()


def test_the_reader_sniffs_the_pdf_header_anywhere_in_the_first_kilobyte():
    assert PdfReader().sniff(b"%PDF-1.4\n")
    assert PdfReader().sniff(b"\x00" * 100 + b"%PDF-1.4\n")
    assert not PdfReader().sniff(b"PK\x03\x04")


def test_a_lone_character_in_a_font_pdfium_has_no_glyphs_for_is_read():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a CID font reportlab never embeds
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(100, 700, "属于行政执法案")
    pdf.drawString(100, 688, "卷")
    pdf.showPage()
    pdf.save()
    assert [line.text for line in read_document("lone.pdf", buffer.getvalue()).lines] == ["属于行政执法案", "卷"]


def grid_pdf(k: int, step: float | None = None) -> bytes:
    """One page drawn as a k×k grid of ruling lines, ``step`` points apart (default: the grid fills
    500 points): a few kilobytes whose table finding costs k⁴."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    step = step or 500 / k
    side = 100 + k * step
    pdf = canvas.Canvas(buffer, pagesize=(max(side, 600), max(side + 50, 600)), invariant=1)
    for i in range(k + 1):
        pdf.line(50, 50 + i * step, 50 + k * step, 50 + i * step)
        pdf.line(50 + i * step, 50, 50 + i * step, 50 + k * step)
    pdf.drawString(60, 60 + k * step, "grid")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("k", [200, 400])
def test_a_page_drawn_as_a_fine_grid_is_refused_not_a_hang(k):
    """Rulings 5 points apart — beyond the table finder's snap tolerance, so they stay k×k rulings."""
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_document("grid.pdf", grid_pdf(k, step=5))
    assert caught.value.code == "RL901" and caught.value.args_for_message["reason"] == "rulings"
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("k", [200, 400])
def test_a_grid_finer_than_the_snap_tolerance_merges_into_few_rulings(k):
    """2.5 or 1.25 points apart the table finder snaps the lines together: its work is bounded by the
    merged rulings, and the page is read (it holds no table)."""
    started = time.monotonic()
    assert [line.text for line in read_document("grid.pdf", grid_pdf(k)).lines] == ["grid"]
    assert time.monotonic() - started < 30


def test_a_page_with_a_reports_tables_is_not_a_fine_grid():
    read_document("grid.pdf", grid_pdf(30))  # 31 × 31 rulings: a big table, still read
