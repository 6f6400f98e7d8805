"""Text encodings of reports copied out of Word, WPS and web pages, and of HTML pages."""

from __future__ import annotations

import codecs

import pytest

from reportlint.readers import ReadError, read_document
from reportlint.readers.decode import decode, decode_markup, looks_like_text

TEXT = "某某市商务局2020年政府信息公开工作年度报告\r\n一、总体情况\r\n本年度共受理申请3件，“三安全一稳定”。\r\n"


@pytest.mark.parametrize(
    "encoded, name",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_a_report_decodes_whatever_its_encoding(encoded, name):
    text, encoding = decode(encoded)
    assert text == TEXT
    assert encoding == name


def test_gb18030_only_characters_survive():
    text = "𠀀䶮里的申请人\n"  # an extension-B character and 䶮, outside GBK
    assert decode(text.encode("gb18030"))[0] == text


def test_the_text_reader_keeps_crlf_line_numbers_and_reports_the_encoding():
    document = read_document("report.txt", TEXT.encode("gbk"))
    assert document.encoding == "gb18030"
    assert [line.text for line in document.lines[:2]] == ["某某市商务局2020年政府信息公开工作年度报告", "一、总体情况"]
    assert document.editable


def test_utf16_without_a_bom_is_recognised_when_it_is_mostly_ascii():
    text = "Report 2020\nline two\n" * 20
    assert decode(text.encode("utf-16-le"))[0] == text


def test_binary_data_is_not_text():
    with pytest.raises(ReadError) as caught:
        decode(bytes(range(32)) * 100)
    assert caught.value.code == "RL901"
    assert "二进制" in caught.value.message
    assert not looks_like_text(bytes(range(32)) * 100)


def test_a_utf8_character_cut_at_the_sniffing_boundary_still_looks_like_text():
    head = ("政府信息公开" * 1000).encode("utf-8")[:4096]  # 4096 is not a multiple of 3
    assert looks_like_text(head)


@pytest.mark.parametrize(
    "page, expected",
    [
        ('<meta charset="gb2312"><p>政府信息公开</p>'.encode("gb18030"), "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>统计</p>'.encode("gbk"), "gb18030"),
        ('<meta charset="utf-8"><p>政府信息公开</p>'.encode("utf-8"), "utf-8"),
        ("<p>政府信息公开</p>".encode("utf-8"), "utf-8"),
        ("<p>政府信息公开</p>".encode("gb18030"), "gb18030"),
        (codecs.BOM_UTF16_LE + "<p>政府信息公开</p>".encode("utf-16-le"), "utf-16"),
    ],
    ids=["meta-gb2312", "http-equiv-gbk", "meta-utf8", "undeclared-utf8", "undeclared-gbk", "utf16-bom"],
)
def test_a_web_page_decodes_by_its_bom_its_meta_charset_or_by_trying(page, expected):
    text, encoding = decode_markup(page)
    assert "<p>" in text and ("政府信息公开" in text or "统计" in text)
    assert encoding == expected


def test_a_web_page_declaring_the_wrong_charset_is_decoded_by_what_works():
    page = '<meta charset="utf-8"><p>政府信息公开</p>'.encode("gb18030")
    assert "政府信息公开" in decode_markup(page)[0]


def test_a_web_page_with_broken_bytes_is_still_decoded():
    page = '<meta charset="utf-8"><p>政府信息公开</p>'.encode("utf-8") + b"\xff\xfe\xfa"
    text, _ = decode_markup(page)
    assert "政府信息公开" in text
