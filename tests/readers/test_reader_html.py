"""The HTML reader: the report inside a site frame, its tables on their grid, positions as source lines."""

from __future__ import annotations

import re
import time

import pytest
from conftest import SEED_NAMES, SEEDS, expected_table_rows, read_cached, structure, table_rows

from reportlint.readers import Limits, ReadError, read_document


def read(page: str, encoding: str = "utf-8", limits: Limits = Limits()):
    return read_document("report.html", page.encode(encoding), limits)


def texts(page: str) -> list[str]:
    return [line.text for line in read(page).lines]


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


# -- the seeds inside a site frame ----------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_html_tables_read_back_cell_for_cell(name):
    document = read_cached(str(SEEDS / f"{name}.html"))
    got = [[squeeze(cell) for cell in row] for row in table_rows(document)]
    assert got == [[squeeze(cell) for cell in row] for row in expected_table_rows(name)]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_html_reads_the_article_and_nothing_of_the_frame(name):
    document = read_cached(str(SEEDS / f"{name}.html"))
    paragraphs = [" ".join(block["p"].split()) for block in structure(name)["blocks"] if "p" in block and block["p"].strip()]
    text_lines = [line.text for line in document.lines if not line.cells]
    # The article's byline is the one piece of furniture inside the article: the parser skips it.
    assert text_lines == ["来源：某某市人民政府办公室 【字体：大 中 小】", *paragraphs]


def test_seed_html_positions_are_source_lines_of_the_elements():
    path = SEEDS / "004_fe63b0f92ece0c02.html"
    source = path.read_text(encoding="utf-8").split("\n")
    document = read_cached(str(path))
    for line in document.lines:
        number = int(re.fullmatch(r"HTML第(\d+)行", line.origin).group(1))
        first_cell = line.text.split("\t")[0]
        if first_cell:
            assert squeeze(first_cell)[:4] in squeeze(source[number - 1].replace("&nbsp;", "")), (line.text, number)
    row = next(line for line in document.lines if line.text.startswith("规范性文件"))
    assert re.fullmatch(r"表1第4行第2列（HTML第\d+行）", row.cells[1])


# -- frame and content ----------------------------------------------------------------------------

FRAME = """<!DOCTYPE html><html><head><title>年度报告_某某网</title><style>p {{ color: red }}</style>
<script>document.write("脚本里的字")</script></head><body>
<header><h1>某某市人民政府</h1></header>
<nav><a href="/">首页</a><a href="/a">政务公开</a></nav>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="dqwz">当前位置：首页</div>
{content}
<div class="related"><h3>相关文章</h3><ul><li><a>甲文章</a></li><li><a>乙文章</a></li><li><a>丙文章</a></li></ul></div>
<footer>版权所有：某某市人民政府 备案号：某ICP备1号</footer>
<!-- 注释里的字 -->
<script>var x = "脚本里的字";</script>
</body></html>"""


def test_navigation_header_footer_scripts_and_comments_are_dropped():
    page = FRAME.format(content="<div><p>某某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p></div>")
    assert texts(page) == ["某某局2021年政府信息公开工作年度报告", "一、总体情况"]


def test_a_main_container_is_preferred_over_the_rest_of_the_page():
    page = FRAME.format(
        content="<div class='left'><p>左栏通知：某某会议召开</p></div>"
        "<main><article><h1>某某局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度主动公开政府信息100条。</p></article></main>"
    )
    assert texts(page) == ["某某局2021年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开政府信息100条。"]


def test_a_header_inside_the_article_is_content():
    page = FRAME.format(
        content="<article><header><h1>某某局2021年政府信息公开工作年度报告</h1><span>发布日期：2022-01-20</span></header>"
        "<p>一、总体情况</p><p>本年度主动公开政府信息100条，依申请公开3件，行政复议0件。</p></article>"
    )
    assert texts(page)[:2] == ["某某局2021年政府信息公开工作年度报告", "发布日期：2022-01-20"]


def test_a_container_holding_little_of_the_page_text_is_not_preferred():
    page = FRAME.format(
        content="<article><p>一则短讯</p></article>"
        "<div><p>某某局2021年政府信息公开工作年度报告</p><p>一、总体情况。本年度主动公开政府信息100条，依申请公开3件。</p></div>"
    )
    assert texts(page) == ["一则短讯", "某某局2021年政府信息公开工作年度报告", "一、总体情况。本年度主动公开政府信息100条，依申请公开3件。"]


def test_hidden_elements_are_not_read():
    page = "<html><body><p>看得见</p><p style='display: none'>看不见</p><div hidden>也看不见</div></body></html>"
    assert texts(page) == ["看得见"]


def test_br_ends_a_line_and_inline_elements_do_not():
    page = "<html><body><p>某某局<br>2021年<b>政府信息公开</b>工作年度报告</p></body></html>"
    assert texts(page) == ["某某局", "2021年政府信息公开工作年度报告"]


def test_source_line_wraps_between_chinese_characters_are_no_spaces():
    page = "<html><body><p>政府信息\n    公开工作 2021 年\n度报告</p><p>黄埔区商务局 开发区商务局</p></body></html>"
    assert texts(page) == ["政府信息公开工作 2021 年度报告", "黄埔区商务局 开发区商务局"]


def test_nbsp_indentation_is_stripped():
    assert texts("<html><body><p>&nbsp;&nbsp;&#12288;一、总体情况&nbsp;</p></body></html>") == ["一、总体情况"]


# -- tables ---------------------------------------------------------------------------------------


def test_rowspan_and_colspan_resolve_into_a_grid_with_empty_covered_cells():
    page = """<html><body><table>
    <tr><td rowspan="2" colspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td><td rowspan="2">总计</td></tr>
    <tr><td>自然人</td><td>法人</td></tr>
    <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td><td>3</td></tr>
    <tr><td>（二）部分公开</td><td>0</td><td>0</td><td>0</td></tr>
    </table></body></html>"""
    assert [line.text.split("\t") for line in read(page).lines] == [
        ["（本列数据的勾稽关系）", "", "申请人情况", "", "总计"],
        ["", "", "自然人", "法人", ""],
        ["三、本年度办理结果", "（一）予以公开", "1", "2", "3"],
        ["", "（二）部分公开", "0", "0", "0"],
    ]


def test_nbsp_cells_are_blank_and_br_inside_a_cell_joins_the_label():
    page = "<html><body><table><tr><td>商业<br>企业</td><td>&nbsp;</td><td> <p>&nbsp;</p> </td><td>科研\n机构</td></tr></table></body></html>"
    assert read(page).lines[0].text.split("\t") == ["商业企业", "", "", "科研机构"]


def test_short_rows_are_padded_to_the_table_width():
    page = "<html><body><table><tr><td>第二十条第（一）项</td></tr><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table></body></html>"
    assert [line.text for line in read(page).lines] == ["第二十条第（一）项\t\t\t", "规章\t0\t0\t0"]


def test_a_table_keeps_its_place_among_the_paragraphs():
    page = "<html><body><p>二、主动公开</p><table><tr><td>规章</td><td>1</td></tr></table><p>三、收到申请</p></body></html>"
    assert texts(page) == ["二、主动公开", "规章\t1", "三、收到申请"]


def test_thead_tbody_tfoot_rows_are_all_read_but_nested_table_rows_are_not_the_outer_tables():
    page = """<html><body><table><thead><tr><th>信息内容</th><th>数量</th></tr></thead>
    <tbody><tr><td>规章</td><td>1</td></tr></tbody><tfoot><tr><td>合计</td><td>1</td></tr></tfoot></table></body></html>"""
    assert texts(page) == ["信息内容\t数量", "规章\t1", "合计\t1"]


def test_a_layout_table_is_read_as_blocks_and_its_data_table_as_rows():
    page = """<html><body><table width="1000"><tr>
    <td class="left"><p>导航一</p></td>
    <td><p>某某局2021年政府信息公开工作年度报告</p>
        <table><tr><td>规章</td><td>0</td></tr><tr><td>规范性文件</td><td>4</td></tr></table>
        <p>三、收到和处理政府信息公开申请情况</p></td>
    </tr></table></body></html>"""
    assert texts(page) == ["导航一", "某某局2021年政府信息公开工作年度报告", "规章\t0", "规范性文件\t4", "三、收到和处理政府信息公开申请情况"]


def test_a_one_column_table_is_read_as_paragraphs():
    page = "<html><body><table><tr><td>某某局2021年报告</td></tr><tr><td>一、总体情况</td></tr></table></body></html>"
    lines = read(page).lines
    assert [line.text for line in lines] == ["某某局2021年报告", "一、总体情况"]
    assert all(line.cells is None for line in lines)


def test_huge_spans_are_capped():
    page = '<html><body><table><tr><td colspan="100000" rowspan="100000">甲</td><td>乙</td></tr><tr><td>丙</td></tr></table></body></html>'
    lines = read(page).lines
    assert lines[0].text.split("\t")[0] == "甲"
    assert len(lines[0].text.split("\t")) <= 1001


# -- encodings and hostile pages ------------------------------------------------------------------


def test_a_gbk_page_declared_as_gb2312_decodes():
    page = '<html><head><meta charset="gb2312"></head><body><p>某某局2021年政府信息公开工作年度报告</p></body></html>'
    document = read(page, "gbk")
    assert document.lines[0].text == "某某局2021年政府信息公开工作年度报告"
    assert document.encoding == "gb18030"


def test_an_xhtml_page_with_an_xml_declaration_reads():
    page = '<?xml version="1.0" encoding="gbk"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>某某局报告</p></body></html>'
    assert texts_of(page.encode("gbk")) == ["某某局报告"]


def texts_of(data: bytes) -> list[str]:
    return [line.text for line in read_document("report.xhtml", data).lines]


def test_html_nested_100000_levels_deep_is_refused_quickly():
    page = "<html><body>" + "<div>" * 100_000 + "深" + "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read(page)
    assert time.perf_counter() - start < 5
    assert caught.value.code == "RL901"
    assert "嵌套层级过深" in caught.value.message


def test_nesting_below_the_parser_cap_but_above_max_depth_is_refused():
    page = "<html><body>" + "<span>" * 100 + "深" + "</span>" * 100 + "</body></html>"
    with pytest.raises(ReadError) as caught:
        read(page, limits=Limits(max_depth=50))
    assert caught.value.args_for_message["reason"] == "depth"


def test_a_page_without_content_reads_as_no_lines_or_no_report():
    for page in ("<html></html>", "<html><body><script>x()</script></body></html>"):
        try:
            assert read(page).lines == ()
        except ReadError as error:
            assert error.code == "RL902"


def test_a_page_of_only_whitespace_is_no_report():
    with pytest.raises(ReadError) as caught:
        read_document("blank.html", b"   \n  ")
    assert caught.value.code == "RL902"


def test_max_lines_bounds_an_html_page():
    page = "<html><body>" + "<p>行</p>" * 100 + "</body></html>"
    with pytest.raises(ReadError):
        read(page, limits=Limits(max_lines=10))


def test_a_table_grid_beyond_the_cell_bound_is_refused():
    rows = "".join('<tr><td colspan="1000">x</td></tr>' for _ in range(300))
    with pytest.raises(ReadError) as caught:
        read(f"<html><body><table>{rows}<tr><td>a</td><td>b</td></tr></table></body></html>")
    assert caught.value.args_for_message["reason"] == "table-size"
