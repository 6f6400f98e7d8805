"""Fuzzing the whole pipeline (issue 9): reports damaged at random, and text made of a report's words.

For every input: no built-in rule causes RL903, every position (and every fix's) lies inside the file
as stored, the fixes apply, and every output format stays parseable. Derandomized and bounded, so a
failure reproduces and the run stays short.
"""

from __future__ import annotations

import io
import json
from xml.etree import ElementTree

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.core.config import Config
from reportlint.core.document import split_lines
from reportlint.formatters import Summary
from reportlint.host import registry
from reportlint.host.fixes import apply_fixes
from reportlint.host.pipeline import check_file
from support import LAYOUTS, make_report, render

REPORTS = {(t, layout, glued): render(make_report(t, 2020 if t == "2019" else 2022), layout, glued=glued)
           for t in ("2019", "2021") for layout in LAYOUTS for glued in (False, True) if glued is False or layout == "crawler"}
FRAGMENTS = [
    "第二十条第（九十九）项", "第二十六条第（六）项", "第五十七条", "一、总体情况", "二、主动公开政府信息情况", "4.认真办理依申请公开",
    "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：", "一、本年新收政府信息公开申请数量", "（七）总计", "行政复议",
    "结果维持", "总计", "规章", "行政规范性文件", "0", "00", "4000004", "9" * 40, "-3", "3.68万元", "若干", "—", "\t", "\n", "\r\n",
    " ", "　", "\x1b[2J", "\x0b", "\ud800", "<td>", "</tr>", "&nbsp;", "|", "| --- |", "2021年2月30日", "2022年1月15日",
    "发布时间: 2023-01-09 16:22", "共计726条，其中", "其他应主动公开的政府信息19条", "。", "，", "《政府信息公开条例》",
]
ALPHABET = list("一二三四五六七八九十、．.（）()总计自然人0123456789\t\n 年月日政府信息公开工作年度报告第条项规章许可复议诉讼其他")


@st.composite
def damaged_reports(draw):
    key = draw(st.sampled_from(sorted(REPORTS)))
    text = REPORTS[key]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        else:
            span = text[at : at + draw(st.integers(1, 300))]
            text = text[:at] + span + text[at:]
    return text


def check(text: str, suffix: str = ".txt") -> None:
    data = text.encode("utf-8", "surrogatepass")
    result = check_file(f"report{suffix}", Config(), data=data)
    builtin = [d for d in result.diagnostics if d.code == "RL903"]
    assert not builtin, builtin
    if suffix == ".txt" and not any(d.code in ("RL901", "RL902") for d in result.diagnostics):
        lines = split_lines(data.decode("utf-8", "replace"))
        for d in result.diagnostics:
            for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
                assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1, d
            if d.fix:
                assert 1 <= d.fix.line <= d.fix.end_line <= len(lines), d
        apply_fixes(data, [d.fix for d in result.diagnostics if d.fix])  # never a FixError
    for name in ("text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html"):
        stream = io.StringIO()
        config = Config(format=name, show_source=True)
        formatter = registry.formatter(name)(stream, config, registry.catalogue())
        formatter.start()
        formatter.file(result)
        summary = Summary()
        summary.add(result)
        formatter.finish(summary)
        out = stream.getvalue()
        out.encode("utf-8")  # no lone surrogate escapes into any output
        if name in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif name == "json-lines":
            [json.loads(line) for line in out.splitlines()]
        elif name == "junit":
            ElementTree.fromstring(out.encode("utf-8"))
        elif name == "html":
            lxml.html.document_fromstring(out)
        elif name in ("text", "github"):
            assert not any(c in out for c in "\x1b\x07\x0b"), "terminal control characters in the output"


@pytest.mark.slow
@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=damaged_reports())
def test_a_damaged_report_gets_a_sound_result_in_every_format(text):
    check(text)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=ALPHABET, max_size=30)), max_size=60),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_text_made_of_a_reports_words_gets_a_sound_result_in_every_format(parts, suffix):
    check("".join(parts), suffix)


def test_a_caption_after_the_cells_it_would_head_is_placed_from_the_model():
    """Fuzzing found RL201/RL305/RL308 positions searched again in the text (issue 9): a caption
    standing after its block's cells, with an item the article does not have."""
    text = ("某某市商务局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
            "规章\t-1\t\t若干\n行政规范性文件\t0\t0\t0\n第二十条第（九十九）项\n行政许可\t3\n第二十六条第（六）项\n")
    check(text)
