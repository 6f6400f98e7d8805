"""The DOCX reader: paragraphs and real tables in document order, merged cells, Word's odd corners,
and packages built to hurt (zip bombs, truncation, deep XML)."""

from __future__ import annotations

import io
import json
import struct
import time
import zipfile

import docx
import pytest
from conftest import SEED_NAMES, SEEDS, TEMPLATE, expected_table_rows, read_cached, structure, table_rows
from docx.oxml import parse_xml

from reportlint.parsing import build_report
from reportlint.readers import Limits, ReadError, read_document
from reportlint.readers.docx import DocxReader

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def docx_with_body(xml: str) -> bytes:
    """A real .docx (python-docx's default package) whose body holds ``xml`` before its sectPr."""
    document = docx.Document()
    section = document.element.body[-1]
    for child in list(parse_xml(f"<w:body {NS}>{xml}</w:body>")):
        section.addprevious(child)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{''.join(rows)}</w:tbl>"


def lines(data: bytes, limits: Limits = Limits()):
    return read_document("report.docx", data, limits).lines


# -- the official template ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank():
    return read_cached(str(TEMPLATE / "2021-format-blank.docx"))


def test_template_paragraphs_are_lines_numbered_as_word_numbers_them(blank):
    heading = next(line for line in blank.lines if line.text == "三、收到和处理政府信息公开申请情况")
    assert heading.origin == "第19段"
    assert heading.cells is None


def test_template_table_rows_are_tab_rows_on_the_table_grid(blank):
    rows = table_rows(blank)
    assert rows[0] == ["第二十条第（一）项", "", "", ""]  # one cell spanning four columns
    assert rows[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert rows[5] == ["信息内容", "本年处理决定数量", "", ""]  # the value column spans three


def test_template_vertically_merged_labels_are_empty_in_the_rows_below(blank):
    rows = {line.text.split("\t")[1]: line.text.split("\t") for line in blank.lines if line.cells and "\t" in line.text}
    first = next(line.text.split("\t") for line in blank.lines if line.text.startswith("三、本年度办理结果"))
    assert first[:3] == ["三、本年度办理结果", "（一）予以公开", ""]
    assert rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"][:3] == ["", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""]
    assert rows["（三）不予公开"][:3] == ["", "（三）不予公开", "1.属于国家秘密"]
    second = next(line.text.split("\t") for line in blank.lines if "2.其他法律行政法规禁止公开" in line.text)
    assert second[:3] == ["", "", "2.其他法律行政法规禁止公开"]


def test_template_header_labels_broken_over_paragraphs_are_joined(blank):
    header = next(line.text.split("\t") for line in blank.lines if "科研机构" in line.text)
    assert header[4:10] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    review = next(line.text.split("\t") for line in blank.lines if line.text.startswith("结果维持"))
    assert review[:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_template_every_row_of_a_table_has_the_same_width(blank):
    widths = {}
    for line in blank.lines:
        if line.cells:
            table = line.origin.split("第")[0]
            widths.setdefault(table, set()).add(len(line.text.split("\t")))
            assert len(line.cells) == len(line.text.split("\t"))
    assert widths == {"表1": {4}, "表2": {10}, "表3": {15}}


def test_template_cells_say_table_row_and_column(blank):
    line = next(line for line in blank.lines if line.text.startswith("一、本年新收"))
    assert line.origin == "表2第4行"
    assert line.cells[3] == "表2第4行第4列"
    document = blank
    number = blank.lines.index(line) + 1
    assert document.location(number, len(line.text.split("\t")[0]) + 4) == "表2第4行第4列"


def test_full_width_spaces_in_an_empty_template_cell_read_as_blank(blank):
    rule = next(line.text.split("\t") for line in blank.lines if line.text.startswith("规章"))
    assert rule == ["规章", "", "", ""]


# -- the template filled with python-docx ---------------------------------------------------------


@pytest.fixture(scope="module")
def filled():
    return read_cached(str(TEMPLATE / "2021-filled.docx"))


def test_filled_template_rows_carry_the_figures_in_their_columns(filled):
    rows = table_rows(filled)
    assert ["规章", "1", "0", "5"] in rows
    assert ["行政许可", "1520", "", ""] in rows
    assert ["一、本年新收政府信息公开申请数量", "", "", "30", "5", "1", "0", "2", "1", "39"] in rows
    assert ["", "（七）总计", "", "31", "6", "1", "0", "2", "1", "41"] in rows
    assert rows[-1] == ["2", "1", "0", "1", "4", "1", "0", "1", "0", "2", "0", "0", "0", "1", "1"]


def test_filled_template_gives_the_model_its_figures(filled):
    report = build_report(filled)
    expected = json.loads((TEMPLATE / "2021-filled.json").read_text(encoding="utf-8"))
    values = {(c.table, c.row, c.column): c.value for c in report.cells}
    for table, row, column, value in expected["cells"]:
        got = values[(table, row, column)]
        assert str(got) == str(value), (table, row, column)
    assert (report.template, report.year, report.agency) == ("2021", expected["year"], expected["agency"])
    assert report.table_problems == ()


# -- the seeds rendered as DOCX -------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_docx_tables_read_back_cell_for_cell(name):
    document = read_cached(str(SEEDS / f"{name}.docx"))
    assert table_rows(document) == expected_table_rows(name)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_docx_paragraphs_read_back_in_order(name):
    document = read_cached(str(SEEDS / f"{name}.docx"))
    paragraphs = [block["p"] for block in structure(name)["blocks"] if "p" in block]
    assert [line.text for line in document.lines if not line.cells] == paragraphs
    assert [line.origin for line in document.lines if not line.cells] == [f"第{i}段" for i in range(1, len(paragraphs) + 1)]


def test_seed_docx_labels_over_several_cell_paragraphs_are_one_label():
    rows = table_rows(read_cached(str(SEEDS / "001_ef2c1c31100b3a17.docx")))
    assert ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"] in rows


# -- Word's corners -------------------------------------------------------------------------------


def test_a_soft_line_break_splits_a_paragraph_into_lines_of_the_same_paragraph():
    result = lines(docx_with_body('<w:p><w:r><w:t>某某局</w:t><w:br/><w:t>2021年报告</w:t><w:br w:type="page"/></w:r></w:p>'))
    assert [(line.text, line.origin) for line in result] == [("某某局", "第1段"), ("2021年报告", "第1段")]


def test_a_line_break_inside_a_cell_joins_the_label():
    row = tbl("<w:tr>" + tc('<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>') + tc(p("1")) + tc(p("2")) + "</w:tr>")
    assert lines(docx_with_body(row))[0].text == "商业企业\t1\t2"


def test_a_tab_stays_in_a_paragraph_but_never_splits_a_cell():
    body = '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p>' + tbl(
        "<w:tr>" + tc('<w:p><w:r><w:t>丙</w:t><w:tab/><w:t>丁</w:t></w:r></w:p>') + tc(p("1")) + tc(p("2")) + "</w:tr>"
    )
    paragraph, row = lines(docx_with_body(body))
    assert paragraph.text == "甲\t乙"
    assert row.text.split("\t") == ["丙 丁", "1", "2"]


def test_tab_stop_definitions_in_paragraph_properties_are_no_text():
    body = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>'
    assert lines(docx_with_body(body))[0].text == "一、总体情况"


def test_tracked_insertions_are_read_and_deletions_are_not():
    body = ('<w:p><w:r><w:t>共受理</w:t></w:r><w:del><w:r><w:delText>3</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>4</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p>')
    assert lines(docx_with_body(body))[0].text == "共受理4件"


def test_hidden_text_and_field_codes_are_not_read():
    body = ('<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第1页</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert lines(docx_with_body(body))[0].text == "第1页"


def test_content_controls_keep_document_order():
    body = p("一") + f"<w:sdt><w:sdtPr/><w:sdtContent>{p('二')}{tbl('<w:tr>' + tc(p('甲')) + tc(p('乙')) + tc(p('丙')) + '</w:tr>')}</w:sdtContent></w:sdt>" + p("三")
    assert [line.text for line in lines(docx_with_body(body))] == ["一", "二", "甲\t乙\t丙", "三"]


def test_a_nested_table_is_read_into_its_cell():
    inner = tbl("<w:tr>" + tc(p("内")) + tc(p("表")) + "</w:tr>")
    body = tbl("<w:tr>" + tc(p("外") + inner) + tc(p("1")) + tc(p("2")) + "</w:tr>")
    result = lines(docx_with_body(body))
    assert [line.text for line in result] == ["外内表\t1\t2"]


def test_grid_before_and_after_keep_cells_in_their_columns():
    row = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc(p("乙")) + tc(p("丙")) + "</w:tr>"
    short = "<w:tr>" + tc(p("甲")) + "</w:tr>"
    assert [line.text for line in lines(docx_with_body(tbl(row, short)))] == ["\t乙\t丙", "甲\t\t"]


def test_horizontal_and_vertical_merges():
    rows = [
        "<w:tr>" + tc(p("申请人情况"), '<w:gridSpan w:val="2"/>') + tc(p("总计"), '<w:vMerge w:val="restart"/>') + "</w:tr>",
        "<w:tr>" + tc(p("自然人")) + tc(p("法人")) + tc(p(""), "<w:vMerge/>") + "</w:tr>",
        "<w:tr>" + tc(p("1")) + tc(p("2")) + tc(p("不应出现"), '<w:vMerge w:val="continue"/>') + "</w:tr>",
    ]
    result = lines(docx_with_body(tbl(*rows)))
    assert [line.text.split("\t") for line in result] == [["申请人情况", "", "总计"], ["自然人", "法人", ""], ["1", "2", ""]]
    assert result[0].cells == ("表1第1行第1列", "表1第1行第2列", "表1第1行第3列")


def test_a_text_box_is_read_once_after_its_paragraph():
    box = f"<w:txbxContent>{p('框内文字')}</w:txbxContent>"
    body = (
        '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r></w:p>" + p("下一段")
    )
    result = lines(docx_with_body(body))
    assert [(line.text, line.origin) for line in result] == [("正文", "第1段"), ("框内文字", "第1段（文本框）"), ("下一段", "第2段")]


def test_max_lines_bounds_a_docx():
    body = p("行") * 50
    with pytest.raises(ReadError) as caught:
        lines(docx_with_body(body), Limits(max_lines=10))
    assert "超过上限 10 行" in caught.value.message


# -- hostile packages -----------------------------------------------------------------------------


def zip_with(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def fixture_members() -> dict[str, bytes]:
    with zipfile.ZipFile(TEMPLATE / "2021-filled.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked():
    members = fixture_members()
    members["word/media/image1.png"] = bytes(80 * 1024 * 1024)  # 80 MB of zeros, about 80 kB packed
    bomb = zip_with(members)
    assert len(bomb) < 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        read_document("bomb.docx", bomb)
    assert time.perf_counter() - start < 2
    assert caught.value.code == "RL901"
    assert "压缩炸弹" in caught.value.message


def test_the_unpacked_size_limit_is_a_setting():
    data = (TEMPLATE / "2021-filled.docx").read_bytes()
    with pytest.raises(ReadError) as caught:
        read_document("report.docx", data, limits=Limits(max_unpacked_bytes=10_000))
    assert caught.value.args_for_message["reason"] == "max_unpacked_bytes"


def test_a_member_whose_declared_size_lies_is_caught_while_unpacking():
    members = fixture_members()
    real = members["word/document.xml"]
    data = bytearray(zip_with(members))
    # Declare a tenth of the real size in the local header and the central directory.
    small = len(real) // 10
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_length]) == b"word/document.xml":
                struct.pack_into("<I", data, start + offset, small)
            start += 4
    with pytest.raises(ReadError) as caught:
        read_document("liar.docx", bytes(data))
    assert caught.value.code == "RL901"
    assert caught.value.args_for_message["reason"] == "zip-member"


def test_a_truncated_docx_is_unreadable():
    data = (TEMPLATE / "2021-filled.docx").read_bytes()
    for cut in (100, len(data) // 2, len(data) - 30):
        with pytest.raises(ReadError) as caught:
            read_document("cut.docx", data[:cut])
        assert caught.value.code == "RL901"
        assert "损坏" in caught.value.message or "截断" in caught.value.message


def test_a_zip_that_is_no_word_document_says_so():
    with pytest.raises(ReadError) as caught:
        read_document("sheet.docx", zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))
    assert "不是 Word 文档" in caught.value.message


def test_document_xml_nested_too_deep_is_unreadable_not_a_recursion_error():
    members = fixture_members()
    depth = 5000
    members["word/document.xml"] = (
        f'<w:document {NS}><w:body>'.encode() + b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
        + b"</w:body></w:document>"
    )
    with pytest.raises(ReadError) as caught:
        read_document("deep.docx", zip_with(members))
    assert caught.value.code == "RL901"
    assert "嵌套过深" in caught.value.message


def test_xml_entity_expansion_is_not_performed():
    members = fixture_members()
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    members["word/document.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>'
        f'<w:document {NS}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    start = time.perf_counter()
    try:
        result = read_document("laughs.docx", zip_with(members))
    except ReadError as error:
        assert error.code == "RL901"
    else:
        assert sum(len(line.text) for line in result.lines) < 1000
    assert time.perf_counter() - start < 2


def test_the_reader_sniffs_docx_by_its_word_part():
    data = (TEMPLATE / "2021-filled.docx").read_bytes()
    assert DocxReader().sniff(data[:65536])
    assert not DocxReader().sniff(zip_with({"xl/workbook.xml": b"<workbook/>"}))
    assert not DocxReader().sniff(b"%PDF-1.7")


def test_a_stored_uncompressed_docx_reads_too():
    assert lines(zip_with(fixture_members(), zipfile.ZIP_STORED))[1].text == "某某市某某局2022年政府信息公开工作年度报告"


def test_a_declared_gigabyte_is_refused_without_unpacking_anything():
    members = fixture_members()
    data = bytearray(zip_with({**members, "word/media/x.bin": b"tiny"}, zipfile.ZIP_STORED))
    start = data.rfind(b"PK\x01\x02", 0, data.find(b"PK\x05\x06"))
    struct.pack_into("<I", data, start + 24, 1 << 30)
    with pytest.raises(ReadError) as caught:
        read_document("declared.docx", bytes(data))
    assert caught.value.args_for_message["reason"] == "max_unpacked_bytes"


def test_absurd_spans_are_capped_at_words_column_limit():
    row = '<w:tr><w:trPr><w:gridBefore w:val="99999"/></w:trPr>' + tc(p("甲"), '<w:gridSpan w:val="99999"/>') + "</w:tr>"
    negative = "<w:tr>" + tc(p("乙"), '<w:gridSpan w:val="-5"/>') + tc(p("丙"), '<w:gridSpan w:val="x"/>') + "</w:tr>"
    result = lines(docx_with_body(tbl(row, negative)))
    assert [len(line.text.split("\t")) for line in result] == [64, 64]
    assert result[1].text.split("\t")[:2] == ["乙", "丙"]


# -- automatic list numbers -----------------------------------------------------------------------

NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf06c"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def numbered_docx(body: str, style: str = "") -> bytes:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    document = docx.Document()
    numbering = document.part.part_related_by(RT.NUMBERING).element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    if style:
        document.styles.element.append(parse_xml(style))
    section = document.element.body[-1]
    for child in list(parse_xml(f"<w:body {NS}>{body}</w:body>")):
        section.addprevious(child)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def listed(text: str, num: int, level: int = 0) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            f"<w:r><w:t>{text}</w:t></w:r></w:p>")


def test_automatic_list_numbers_are_part_of_the_text():
    body = (listed("总体情况", 5) + listed("主动公开", 5, 1) + listed("依申请公开", 5, 1) + listed("规章", 5, 2)
            + listed("主动公开政府信息情况", 5) + listed("规章", 5, 1))
    assert [line.text for line in lines(numbered_docx(body))] == [
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1.规章", "二、主动公开政府信息情况", "（一）规章",
    ]


def test_a_heading_style_carries_its_list_number():
    style = (f'<w:style {NS} w:type="paragraph" w:styleId="Heading1CN"><w:name w:val="标题一"/>'
             '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>')
    body = ('<w:p><w:pPr><w:pStyle w:val="Heading1CN"/></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>'
            '<w:p><w:pPr><w:pStyle w:val="Heading1CN"/></w:pPr><w:r><w:t>主动公开政府信息情况</w:t></w:r></w:p>')
    assert [line.text for line in lines(numbered_docx(body, style))] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_bullets_and_numbering_switched_off_add_nothing():
    body = listed("要点", 6) + listed("不编号", 0) + listed("未定义", 99)
    assert [line.text for line in lines(numbered_docx(body))] == ["要点", "不编号", "未定义"]


def test_a_list_started_at_an_override_counts_from_there():
    assert lines(numbered_docx(listed("存在的主要问题及改进情况", 7)))[0].text == "五、存在的主要问题及改进情况"
