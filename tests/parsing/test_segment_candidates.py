"""The segmenter looks for cuts only in lines holding a sign of one (segment._candidates): the
result must be exactly what looking in every line gives, on real text and on random text made of
the characters the cuts react to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.core.templates import builtin_templates
from reportlint.parsing import segment as segment_module
from reportlint.parsing.segment import segment
from support.golden import corpus

TEMPLATES = builtin_templates()
#: Pieces the cuts react to: numbers of headings, sentence ends, brackets, dates, captions, anchors,
#: furniture, HTML, and plain text and blanks around them.
PIECES = ["一、", "二、", "四、", "2.", "3、", "第三部分", "总体情况", "主动公开政府信息情况", "行政复议", "结果维持",
          "。", "；", "！", " ", "\u3000", "\t", "（一）", "（二）", "(三)", "第二十条第（一）项", "信息内容", "勾稽",
          "申请人情况", "2023年1月15日", "二〇二三年", "某某市商务局2022年政府信息公开工作年度报告", "首页 > ",
          "附件下载", "<tr><td>", "</td>", "规章", "5", "12", "0", "件", "本年度", "收到申请", "其他"]


def everywhere(lines, marks):
    return range(len(lines))


def reference(lines):
    """The segmentation with every line looked at."""
    original = segment_module._candidates
    segment_module._candidates = everywhere
    try:
        return segment(lines, TEMPLATES)
    finally:
        segment_module._candidates = original


@pytest.mark.parametrize("name,text", [(n, d.decode("utf-8", "replace")) for n, p, d in corpus()
                                       if p.endswith(".txt") and n.startswith(("sample", "real", "generated/2021/crawler"))][:40])
def test_real_and_generated_reports_segment_as_if_every_line_were_looked_at(name, text):
    lines = tuple(text.split("\n"))
    assert segment(lines, TEMPLATES) == reference(lines)


def test_every_pair_of_pieces_segments_as_if_every_line_were_looked_at():
    lines = tuple(f"本年度{a}{b}收到申请" for a in PIECES for b in PIECES)
    assert segment(lines, TEMPLATES) == reference(lines)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), min_size=1, max_size=8))
def test_random_lines_of_cut_signs_segment_as_if_every_line_were_looked_at(lines):
    lines = tuple(lines)
    assert segment(lines, TEMPLATES) == reference(lines)
