"""The running text and its claims (parsing/prose.py, rules/data/claims.toml): what each phrasing of
real reports is read as, what is deliberately not read, and where a claim stands in the file."""

from __future__ import annotations

import pytest

from reportlint.core.document import Document
from reportlint.core.lexicon import Lexicon, builtin_lexicon
from reportlint.parsing import build_report
from reportlint.parsing.prose import paragraphs, sentences

HEAD = "某某区市场监督管理局2021年政府信息公开工作年度报告\n一、总体情况\n"


def read(text: str, lexicon: Lexicon | None = None):
    return build_report(Document.from_text("r.txt", HEAD + text + "\n"), lexicon=lexicon)


def claims(text: str) -> list[tuple[str, int]]:
    return [(c.kind.id, c.value) for c in read(text).claims]


# --- what real reports write, and what it is read as ---------------------------------------------------

READ_AS = [
    ("本年共收到政府信息公开申请12件。", [("received", 12)]),
    ("全年共受理政府信息公开申请 4 件，均已办结。", [("received", 4)]),
    ("本年度共收到政府信息公开申请，共计15件。", [("received", 15)]),
    ("收到公民、法人和其他组织政府信息公开申请7件，按照《条例》要求，及时规范答复7件。", [("received", 7), ("answered", 7)]),
    ("本年度收到依申请公开事项0项。", [("received", 0)]),
    ("本年度，我局共办理依申请公开1件。", [("received-or-answered", 1)]),
    ("共收到申请12件，其中自然人申请10件、法人或其他组织申请2件。",
     [("received", 12), ("natural-persons", 10), ("organisations", 2)]),
    ("予以公开8件，部分公开2件，不予公开1件，因本机关不掌握等原因无法提供2件，不予处理1件，其他处理1件。",
     [("disclosed", 8), ("partly", 2), ("withheld", 1), ("unavailable", 2), ("not-processed", 1), ("other-processing", 1)]),
    ("予以公开及部分公开120件。", [("disclosed-or-partly", 120)]),
    ("给予同意公开答复 1 件，不予公开答复3件，区分处理后公开11件，因无法提供相关信息答复2件。",
     [("disclosed", 1), ("withheld", 3), ("partly", 11), ("unavailable", 2)]),
    ("本机关不掌握相关政府信息3件。", [("unavailable-not-held", 3)]),
    ("结转下年度继续办理2件。", [("carried-out", 2)]),
    ("所有申请均在法定期限内办结。", [("all-concluded", 0)]),
    ("答复率和办结率均为100%。", [("all-concluded", 0)]),
    ("未收到政府信息公开申请。", [("none-received", 0)]),
    ("2022年未收到依申请公开事宜。", []),  # another year than the report's: no claim on its tables
    ("因依申请公开引发行政复议1起、行政诉讼1起。", [("reviews", 1), ("lawsuits", 1)]),
    ("全年被申请行政复议3件，其中结果维持2件、结果纠正1件。", [("reviews", 3), ("upheld", 2), ("corrected", 1)]),
    ("被申请行政复议1件、提起行政诉讼2件，均获维持。", [("reviews", 1), ("lawsuits", 2), ("all-upheld", 1), ("all-upheld", 2)]),
    ("全年未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。", [("no-reviews-or-lawsuits", 0)]),
    ("被申请行政复议2件、提起行政诉讼1件，均未被纠错。", [("reviews", 2), ("lawsuits", 1), ("none-corrected", 0), ("none-corrected", 0)]),
    ("2021年度政府信息公开申请共计12件，全部依法作出答复12件。", [("received", 12), ("answered", 12)]),
    ("未发生因政府信息公开工作引发的相关行政诉讼案件。", [("no-lawsuits", 0)]),
    ("本年制发行政规范性文件3件，废止规范性文件1件，现行有效的规范性文件16件。",
     [("normative-made", 3), ("normative-repealed", 1), ("normative-in-force", 16)]),
    ("全年作出行政处罚决定25件，办理行政许可事项310件。", [("penalties", 25), ("licences", 310)]),
    ("全年共收到政府信息公开申请3,746件。", [("received", 3746)]),  # thousands grouped: not 746
    ("全年共收到政府信息公开申请3，746件。", [("received", 3746)]),
    ("全年共收到政府信息公开申请3 746件。", [("received", 3746)]),
]


@pytest.mark.parametrize("sentence,expected", READ_AS, ids=[s for s, _ in READ_AS])
def test_a_phrasing_of_real_reports_is_read_as_its_claim(sentence, expected):
    assert claims(sentence) == expected


NOT_CLAIMS = [
    # documents by how they are disclosed, not applications (a real 2019 report)
    "全年共制发政府信息437条，其中，主动公开政府信息55条、依申请公开341条、不予公开41条。",
    "2025年我局共制发政府信息405条，其中主动公开政府信息140条、依申请公开177条、不予公开88条。",
    "公开行政许可类信息3条，行政处罚类信息103条。",  # directory categories, not table 二's decisions
    "比上年多收到申请3件。",  # a change, not a count
    "上年共收到政府信息公开申请9件。",
    "全年在政务微博发布第100条信息。",
    "行政许可事项由原来的29项精简合并为22项。",
    "办结时限为20个工作日。",
    # a part of the year, or several years: not the year's tables
    "上半年共受理政府信息公开申请41件，答复39件。",
    "第三季度收到政府信息公开申请6件。",
    "1至10月共收到政府信息公开申请17件。",
    "其中11月份收到政府信息公开申请2件。",
    "截至10月底，共收到政府信息公开申请17件。",
    "近五年共收到政府信息公开申请120件。",
    "自平台上线以来，累计收到政府信息公开申请560件。",
    "上半年所有申请均在法定期限内办结。",
]

WHOLE_YEAR = [
    "1至12月共收到政府信息公开申请17件。",
    "1-12月共收到政府信息公开申请17件。",
    "截至12月31日，共收到政府信息公开申请17件。",
    "今年以来，共收到政府信息公开申请17件。",
    "全年共收到政府信息公开申请17件，其中上半年9件。",
]


@pytest.mark.parametrize("sentence", WHOLE_YEAR)
def test_a_sentence_about_the_whole_year_is_a_claim(sentence):
    assert claims(sentence) == [("received", 17)]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_figures_that_count_something_else_are_no_claim(sentence):
    assert claims(sentence) == []


def test_a_sentence_about_another_body_keeps_its_scope():
    (claim,) = read("区政府办公室共收到政府信息公开申请30件。").claims
    assert (claim.kind.id, claim.value, claim.scope) == ("received", 30, "区政府办公室")


@pytest.mark.parametrize("sentence", ["我局共收到政府信息公开申请30件。", "本机关全年收到政府信息公开申请30件。",
                                      "某某区市场监督管理局共收到政府信息公开申请30件。"])
def test_the_reports_own_body_is_no_other_scope(sentence):
    (claim,) = read(sentence).claims
    assert claim.scope is None


def test_a_part_names_its_heads_rows():
    report = read("予以公开5件，其中自然人申请3件。")
    head, part = report.claims
    assert part.head == 0
    assert [tuple(c) for c in part.cells] == [("三", "（一）予以公开", "自然人")]


def test_a_part_without_a_head_is_a_part_of_this_years_applications():
    (claim,) = read("全年来自自然人的申请共10件。").claims
    assert claim.head is None and [tuple(c) for c in claim.cells] == [("三", "一、本年新收政府信息公开申请数量", "自然人")]


def test_sections_five_and_six_make_no_claims():
    text = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n" \
           "五、存在的主要问题及改进情况\n下一步将力争全年受理政府信息公开申请50件以上。\n六、其他需要报告的事项\n本年度收取信息处理费0元。"
    assert read(text).claims == ()


# --- paragraphs and sentences -------------------------------------------------------------------------


def test_a_paragraph_runs_over_the_lines_a_pdf_wraps():
    lines = ["（二）依申请公开情况。本年共收到政府信息公开申请", "12件，均已按时答复，未发生行政复议。", "（三）政府信息管理情况。完善制度。"]
    paras = paragraphs(lines)
    assert [p.text for p in paras] == ["（二）依申请公开情况。本年共收到政府信息公开申请12件，均已按时答复，未发生行政复议。",
                                       "（三）政府信息管理情况。完善制度。"]
    assert paras[0].where(len(lines[0])) == (2, 1)


def test_a_short_line_that_ends_a_wrapped_sentence_stays_in_its_paragraph():
    paras = paragraphs(["本年共收到政府信息公开申请，共计", "12件。"])
    assert len(paras) == 1 and paras[0].text.endswith("12件。")


def test_a_sentence_that_goes_on_breaking_down_the_one_before_is_part_of_it():
    text = "全年共公开信息50条。其中，政策文件12条，工作动态30条。另有解读3篇。其他应主动公开的政府信息8条。下一句。"
    spans = list(sentences(text))
    assert [text[s:e] for s, e in spans] == [
        "全年共公开信息50条。其中，政策文件12条，工作动态30条。另有解读3篇。其他应主动公开的政府信息8条。", "下一句。"]


def test_a_semicolon_does_not_end_a_list():
    text = "共156条，其中A类信息12条；B类信息47条；其他应主动公开的政府信息45条。"
    assert [text[s:e] for s, e in sentences(text)] == [text]


# --- positions ------------------------------------------------------------------------------------------


def test_a_claim_in_a_one_line_dump_points_at_its_figure_in_the_file():
    body = "某某区市场监督管理局2021年政府信息公开工作年度报告 一、总体情况 （二）依申请公开情况。本年共收到政府信息公开申请 12 件，均已办结。"
    text = "标题: x\n" + body + "\n"
    report = build_report(Document.from_text("r.txt", text))
    (claim,) = report.claims
    para = report.paragraphs[claim.paragraph]
    line, column, end = para.span(claim.start, claim.end)
    file_line, file_column = report.position(line, column)
    assert file_line == 2 and body[file_column - 1 : file_column + 3] == "12 件"


def test_the_compared_form_maps_full_width_figures_back():
    report = read("本年共收到政府信息公开申请１２件。")
    (claim,) = report.claims
    assert claim.value == 12 and report.paragraphs[claim.paragraph].text[claim.start : claim.end] == "１２件"


# --- the lexicon is data -------------------------------------------------------------------------------


def test_a_lexicon_entry_added_by_a_plugin_is_read():
    extra = Lexicon.from_entries([{
        "id": "hotline", "role": "head", "what": {"zh": "热线转办的申请", "en": "applications from the hotline"},
        "cells": ["三|一、本年新收政府信息公开申请数量|总计"], "phrases": ["12345热线转办(?:申请)?"]}], plugin="jiangsu")
    lexicon = builtin_lexicon().extended(extra)
    (claim,) = read("12345热线转办申请6件。", lexicon).claims
    assert (claim.kind.id, claim.kind.plugin, claim.value) == ("hotline", "jiangsu", 6)


@pytest.mark.parametrize("entry,problem", [
    ({"id": "x", "role": "head", "what": "x", "phrases": ["收到"]}, "names its cells"),
    ({"id": "x", "role": "part", "what": "x", "phrases": ["其中"]}, "names its columns"),
    ({"id": "x", "role": "nonsense", "what": "x", "phrases": ["x"]}, "role"),
    ({"id": "x", "role": "head", "what": "x", "phrases": ["(unclosed"], "cells": ["三|a|b"]}, "unterminated subpattern"),
    ({"id": "x", "role": "head", "what": "x", "phrases": ["a"], "cells": ["三|a"]}, "TABLE|ROW|COLUMN"),
])
def test_a_bad_lexicon_entry_is_refused_when_it_loads(entry, problem):
    with pytest.raises(Exception, match=problem.replace("|", r"\|")):
        Lexicon.from_entries([entry])


@pytest.mark.parametrize("sentence,value", [("全年收取行政事业性收费3.68万元。", "3.68"), ("本年度共收取行政事业性收费36800元。", "3.68"),
                                            ("全年收取行政事业性收费20000元。", "2")])
def test_an_amount_is_read_in_the_tables_unit(sentence, value):
    from decimal import Decimal

    (claim,) = read(sentence).claims
    assert claim.kind.id == "fees" and claim.value == Decimal(value)
