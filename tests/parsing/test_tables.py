"""Table recovery from flattened text (reportlint.parsing.tables): layouts, labels, figures."""

from decimal import Decimal

from reportlint.core.document import Document
from reportlint.parsing import build_report
from reportlint.parsing.figures import parse_value, readings

HEAD = "某某市商务局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
ROWS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 （一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理 1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def model(text: str):
    return build_report(Document.from_text("r.txt", text))


def table3(rows: dict[str, list[int]], join=lambda label, nums: label + " " + " ".join(map(str, nums))) -> str:
    lines = [join(label, rows.get(label, [0] * 7)) for label in ROWS_2021]
    return HEAD + "\n".join(lines) + "\n"


def values(report, table="三"):
    return {(c.row, c.column): c.value for c in report.cells if c.table == table}


def test_space_rows_give_every_cell_of_the_2021_table():
    report = model(table3({"一、本年新收政府信息公开申请数量": [2, 1, 0, 0, 0, 0, 3]}))
    cells = values(report)
    assert len(cells) == 25 * 7
    assert cells[("一、本年新收政府信息公开申请数量", "商业企业")] == 1
    assert cells[("（六）其他处理/3.其他", "总计")] == 0
    assert not report.table_problems or all(p.table != "三" for p in report.table_problems)


def test_tab_rows_with_a_spanned_label_cell_align_to_seven_columns():
    text = HEAD + "一、本年新收政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1\n"
    assert values(model(text))[("一、本年新收政府信息公开申请数量", "总计")] == 1


def test_one_cell_per_line_with_blank_cells():
    text = HEAD + "\t一、本年新收政府信息公开申请数量\n\t1\n\t\n\t0\n\t0\n\t0\n\t0\n\t1\n\n"
    cell = next(c for c in model(text).cells if c.column == "商业企业")
    assert (cell.value, cell.problem, cell.line) == (None, "blank", 6)


def test_label_broken_over_lines_before_its_figures():
    text = HEAD + "（六）其他\n处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息\n公开申请\n4 0 0 0 0 0 4\n"
    report = model(text)
    key = "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert values(report)[(key, "总计")] == 4


def test_single_other_row_in_a_2021_table_is_recorded_not_matched_as_3_other():
    rows = table3({}).replace(
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
        "3.其他 0 0 0 0 0 0 0\n",
        "（六）其他处理 0 0 0 0 0 0 0\n",
    )
    report = model(rows)
    assert [p.reason for p in report.table_problems if p.table == "三"] == ["foreign-row"]
    assert ("（六）其他处理/3.其他", "总计") not in values(report)


def test_unique_split_of_figures_that_ran_together():
    rows = {
        "一、本年新收政府信息公开申请数量": [64, 0, 0, 2, 0, 4, 70],
        "三、本年度办理结果 （一）予以公开": [64, 0, 0, 2, 0, 4, 70],
        "（七）总计": [64, 0, 0, 2, 0, 4, 70],
    }
    text = table3(rows, join=lambda label, nums: label.replace(" ", "") + "".join(map(str, nums)))
    report = model(text)
    assert [values(report)[("一、本年新收政府信息公开申请数量", c)] for c in ("自然人", "社会公益组织", "其他", "总计")] == [64, 2, 4, 70]
    assert not [p for p in report.table_problems if p.reason.startswith("glued")]


def test_figures_that_ran_together_and_cannot_be_split_uniquely_are_not_guessed():
    # "111111112": 1+1+1+1+1+1=... no split satisfies the row total and the columns at once.
    text = table3({"一、本年新收政府信息公开申请数量": [11, 1, 1, 1, 1, 1, 12]}, join=lambda label, nums: label.replace(" ", "") + "".join(map(str, nums)))
    report = model(text)
    assert ("一、本年新收政府信息公开申请数量", "总计") not in values(report)
    assert any(p.reason.startswith("glued") for p in report.table_problems)


def _numbers(tokens, parts):
    return [tuple(int(tokens[s.token][s.start : s.end]) for s in r) for r in readings(tokens, ["count"] * parts)]


def test_readings_respect_leading_zeros_and_count():
    assert _numbers(["1000001"], 7) == [(1, 0, 0, 0, 0, 0, 1)]
    assert (64, 0, 0, 2, 0, 4, 70) in _numbers(["640020470"], 7)
    assert _numbers(["12"], 3) == []


def test_readings_cut_at_every_space():
    assert _numbers(["10", "0", "00", "0", "1"], 7) == [(1, 0, 0, 0, 0, 0, 1)]


def test_value_kinds():
    assert parse_value(" 1", "count") == (1, None)
    assert parse_value("-8", "signed") == (-8, None)
    assert parse_value("-8", "count") == (-8, "negative")
    assert parse_value("3.68万元", "amount") == ("3.68万元", None)
    assert parse_value("7730.28", "decimal") == (Decimal("7730.28"), None)
    assert parse_value("1.5", "count") == (Decimal("1.5"), "fraction")
    assert parse_value("若干", "count") == ("若干", "non-numeric")
    assert parse_value("—", "count") == (None, "blank")


def test_table2_caption_records_the_rows_under_it():
    text = (
        "某某市商务局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十六条第（六）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t3\t-1\t2\n行政强制\t0\t0\t0\n"
    )
    report = model(text)
    caption = report.captions[0]
    assert (caption.article, caption.item, caption.expected) == (26, 6, "第二十条第（六）项")
    assert values(report, "二")[("行政处罚", "本年增/减")] == -1


def test_table4_fifteen_figures_on_one_line():
    text = (
        "某某区人民政府2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n10 1 0 0 11 0 0 0 0 0 5 0 0 0 5\n"
    )
    cells = values(model(text), "四")
    assert cells[("行政复议", "总计")] == 11
    assert cells[("行政诉讼/复议后起诉", "结果维持")] == 5


def test_table2_figures_run_together_are_split_only_where_one_reading_exists():
    text = (
        "某某市人民政府2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容本年制发件数本年废止件数现行有效件数\n规章101\n行政规范性文件82666\n"
        "第二十条第（五）项\n信息内容本年处理决定数量\n行政许可447228\n"
    )
    report = model(text)
    cells = values(report, "二")
    assert cells[("行政许可", "本年处理决定数量")] == 447228
    assert [cells[("规章", c)] for c in ("本年制发件数", "本年废止件数", "现行有效件数")] == [1, 0, 1]
    assert ("行政规范性文件", "本年制发件数") not in cells
    assert any(p.reason == "glued-ambiguous" and p.args["row"] == "行政规范性文件" for p in report.table_problems)


def test_a_filling_note_after_a_row_label_does_not_make_another_row():
    text = (
        "某某市商务局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
        "规章(设区的市、自治州人民政府应提供相关数据)\t1\t0\t5\n规范性文件\t2\t2\t9\n"
    )
    cells = values(model(text), "二")
    assert [cells[("规章", c)] for c in ("本年新制作数量", "本年新公开数量", "对外公开总数量")] == [1, 0, 5]


def test_the_format_is_decided_once_and_a_row_of_another_is_evidence_not_a_second_decision(monkeypatch):
    """The format is decided before the tables are read (builder.decide_template, called once); the
    2019 single （六）其他处理 row met in a 2021 table is a cue of 2019 for RL502 and a TableProblem,
    and leaves the decision as it was."""
    from reportlint.parsing import builder

    rows = table3({}).replace(
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
        "3.其他 0 0 0 0 0 0 0\n",
        "（六）其他处理 0 0 0 0 0 0 0\n",
    )
    decisions = []
    decide = builder.decide_template
    monkeypatch.setattr(builder, "decide_template", lambda *args: decisions.append(decide(*args)) or decisions[-1])
    report = model(rows)
    assert len(decisions) == 1
    read_with, format_id = decisions[0]
    assert (report.read_with, report.template) == (read_with, format_id)
    assert [c.text for c in report.template_cues.get("2019", ())] == ["（六）其他处理"]
    assert [p.reason for p in report.table_problems if p.table == "三"] == ["foreign-row"]
