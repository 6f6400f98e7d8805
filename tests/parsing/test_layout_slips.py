"""What real reports do to the layout, and what each must (not) become: one defect, one finding,
whatever the layout (issue 18, item 5, and what the collected real reports showed)."""

from __future__ import annotations

import re

import pytest

from reportlint.api import lint_bytes
from reportlint.core.document import Document
from reportlint.parsing import build_report
from support import LAYOUTS, render
from support.mutations import MUTATIONS, TEMPLATES, clean, heading_text, legacy


def codes(text: str) -> list[str]:
    return [d.code for d in lint_bytes(text.encode("utf-8"), "report.txt").diagnostics]


def model(text: str):
    return build_report(Document.from_text("report.txt", text))


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_title_broken_over_two_lines_is_the_title_in_a_one_line_dump(template_id):
    text = render(clean(template_id), "crawler").replace("年政府信息公开工作年度报告", "年政府信息公开 工作年度报告")
    assert codes(text) == []


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "space-rows", "markdown", "crawler"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_missing_section_four_is_rl101_alone_in_every_layout(template_id, layout):
    assert codes(render(clean(template_id).without_section(4), layout)) == ["RL101"]


@pytest.mark.parametrize("layout", ["cell-per-line", "tab-rows", "space-rows", "crawler"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_letter_o_typed_for_a_zero_is_rl305_for_that_cell(template_id, layout):
    text = render(clean(template_id), layout)
    row = re.search(r"二、上年结转政府信息公开申请数量(?:[ \t\n]+\d+)+", text).group(0)
    zero = re.search(r"(?<=[ \t\n])0(?=[ \t\n]|$)", row)
    broken = text.replace(row, row[: zero.start()] + "O" + row[zero.end() :], 1)
    assert codes(broken) == ["RL305"]


@pytest.mark.parametrize("layout", ["cell-per-line", "crawler"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_legacy_report_that_names_normative_documents_is_rl503_alone(template_id, layout):
    text = render(legacy(clean(template_id)), layout).replace("坚持以公开为常态", "本年制定行政规范性文件3件，坚持以公开为常态", 1)
    assert codes(text) == ["RL503"]


# --- glued figures as crawlers write them --------------------------------------------------------------


def test_a_glued_row_after_a_space_is_decoded():
    """一、本年新收政府信息公开申请数量 8000008: seven one-digit cells, the space after the label only."""
    report = clean("2021")
    text = render(report, "crawler", glued=True)
    spaced = re.sub(r"(一、本年新收政府信息公开申请数量)(\d)", r"\1 \2", text, count=1)
    assert spaced != text and codes(spaced) == codes(text)  # (table 二's glued rows have several readings: RL308)
    key = ("一、本年新收政府信息公开申请数量", "总计")
    assert model(spaced).table("三")[key].value == report.values[("三", *key)]


def test_a_row_glued_to_the_year_of_the_sentence_after_it_keeps_its_figures():
    """四、结转下年度继续办理20000022025年，我局…: the row's figures end where the year begins."""
    report = clean("2021")
    text = render(report, "crawler", glued=True)
    carried = "".join(str(report.values[("三", "四、结转下年度继续办理", c)]) for c in report.values and
                      ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
    glued = text.replace(f"四、结转下年度继续办理{carried}", f"四、结转下年度继续办理{carried}2022年，本机关共收到政府信息公开申请若干件。", 1)
    assert glued != text
    read = model(glued)
    assert read.title is not None and read.title.text.endswith("年度报告")
    assert read.table("三")[("四、结转下年度继续办理", "总计")].value == report.values[("三", "四、结转下年度继续办理", "总计")]


# --- what the real reports showed ------------------------------------------------------------------------


def test_a_sentence_after_the_first_heading_is_never_the_title():
    text = ("标题: 平潭综合实验区某某局2025年度政府信息公开工作年度报告\n发布时间: 2026-01-23 09:13\n"
            "根据《条例》要求，特编制本报告。一、总体情况\n2025年，我局共收到公民、法人及其他组织提出的政府信息公开申请21件\n")
    assert model(text).title.text == "平潭综合实验区某某局2025年度政府信息公开工作年度报告"


def test_a_letters_title_gives_the_agency_without_its_verb():
    text = "平潭综合实验区苏平片区管理局关于报送2020年政府信息公开工作年度报告的函\n一、总体情况\n"
    assert model(text).agency == "平潭综合实验区苏平片区管理局"


@pytest.mark.parametrize("sentence", [
    "本报告的统计数据时间段为2020年1月1日至2020年12月31日。",
    "报告涵盖2020年1月1日至2020年12月31日期间的工作。",
    "报告涵盖总体情况等六个部分。数据统计周期为2020年1月1日至2020年12月31日。",
])
def test_the_statistics_period_in_the_words_of_real_reports(sentence):
    report = model("某某局2020年政府信息公开工作年度报告\n" + sentence + "\n")
    assert [d.date.isoformat() for d in report.period] == ["2020-01-01", "2020-12-31"]


@pytest.mark.parametrize("line", ["来源：时间：2024-01-30 15:01", "来源：平潭综合实验区人民政府时间：2024-01-30 15:01"])
def test_a_web_pages_time_field_is_its_publication_date(line):
    report = model("某某局2023年政府信息公开工作年度报告\n" + line + "\n一、总体情况\n正文。\n某某局\n2024年1月20日\n")
    assert report.published.date.isoformat() == "2024-01-30"


def test_a_signature_dated_before_the_year_ended_is_rl403_even_where_the_page_date_is_later():
    text = ("标题: 某某局2021年政府信息公开工作年度报告\n发布时间: 2022-01-06 10:00\n某某局2021年政府信息公开工作年度报告\n"
            "一、总体情况\n本年度工作有序推进，各项任务按计划完成。\n某某局\n2021年1月25日\n")
    found = [d for d in lint_bytes(text.encode(), "r.txt").diagnostics if d.code == "RL403"]
    assert [d.line for d in found] == [7]


def test_a_report_that_calls_itself_another_years_report_is_rl404():
    text = ("标题: 某某局2022年度政府信息公开工作年度报告\n"
            "根据《条例》要求，结合我局实际，编制完成2023年度政府信息公开工作年度报告。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n")
    found = [d.message for d in lint_bytes(text.encode(), "r.txt").diagnostics if d.code == "RL404"]
    assert found == ["报告年度有误：正文称本报告为2023年度报告，标题和统计期限却是2022年"]


def test_a_report_quoting_another_years_notice_is_not_rl404():
    text = ("某某局2019年政府信息公开工作年度报告\n"
            "根据《关于做好2018年政府信息公开工作年度报告编制公布工作的通知》要求，现编制完成2019年政府信息公开工作年度报告。\n")
    assert "RL404" not in codes(text)


@pytest.mark.parametrize("layout", ["cell-per-line", "crawler"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_an_extra_part_inserted_after_the_overview_is_rl102_once(template_id, layout):
    """二、政务公开工作主要任务落实情况 inserted: 主动公开 becomes 三 … 其他需要报告的事项 七."""
    report = clean(template_id)
    for number in ("六", "五", "四", "三", "二"):
        following = {"二": "三", "三": "四", "四": "五", "五": "六", "六": "七"}[number]
        heading = next(p.text for p in report.paragraphs() if p.role == "heading" and p.text.startswith(number + "、"))
        report = report.replace_text(heading, following + heading[1:])
    report = report.with_paragraph("二、政务公开工作主要任务落实情况", after=next(
        p.text for p in report.paragraphs(1) if p.role == "body" and p.text.startswith("（五）")))
    found = codes(render(report, layout))
    assert found.count("RL102") == 1 and set(found) <= {"RL102", "RL105"}


# --- a web page turned into text by a converter that writes pipes ---------------------------------------


def converter_pipes(markdown: str) -> str:
    """A markdown rendering as some HTML-to-text converters write a page's tables: no leading pipe,
    no separator row, empty cells run together (``规章 | 0 | 0 | 0 |``, ``行政许可 | 0 | ||``), headings
    without ``#``."""
    out = []
    for line in markdown.split("\n"):
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out.append("".join(f"{c} | " if c else "|" for c in cells).rstrip())
        else:
            out.append(line.lstrip("# "))
    return "\n".join(out)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_tables_whose_pipes_a_converter_ran_together_are_read(template_id):
    text = converter_pipes(render(clean(template_id), "markdown"))
    assert "\n规章 | " in text or "\n规章 |" in text
    assert codes(text) == []
    assert model(text).table("三") is not None


MARKDOWN_MUTATIONS = [m for m in MUTATIONS if "markdown" in m.layouts]


@pytest.mark.parametrize(
    "mutation,template_id",
    [pytest.param(m, t, id=f"{m.code}-{t}-{m.defect}") for m in MARKDOWN_MUTATIONS for t in m.templates],
)
def test_each_defect_is_found_in_tables_whose_pipes_a_converter_ran_together(mutation, template_id):
    text = converter_pipes(render(mutation.inject(clean(template_id)), "markdown"))
    assert mutation.code in codes(text)


# --- a section number without its 、 ----------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_section_number_without_its_comma_is_rl103_not_a_missing_section(template_id, layout):
    """四 政府信息公开行政复议、行政诉讼情况: the heading is there, numbered wrong (it was RL101)."""
    report = clean(template_id)
    heading = heading_text(report, 4)
    text = render(report.replace_text(heading, heading[0] + " " + heading[2:]), layout)
    found = lint_bytes(text.encode("utf-8"), "report.txt").diagnostics
    assert [d.code for d in found] == ["RL103"]
    assert found[0].message == "章节序号“四”应写作“四、”"


def test_a_number_before_other_words_is_no_heading():
    report = clean("2021")
    text = render(report, "crawler").replace("坚持以公开为常态", "坚持 三 以公开为常态", 1)
    assert codes(text) == []


@pytest.mark.parametrize("numbering", ["(1)", "（1）", "1、"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_sub_rows_numbered_otherwise_are_read(template_id, layout, numbering):
    """（三）不予公开 (1)属于国家秘密 …, （六）其他处理 (3)其他: every row found (the last was RL308)."""
    text = render(clean(template_id), layout)
    renumbered = re.sub(r"(?<=[\s|])([1-8])\.(?=[\u4e00-\u9fff])", lambda m: numbering.replace("1", m.group(1)), text)
    assert renumbered != text
    assert codes(renumbered) == []


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_pipe_rows_that_lost_their_outer_pipes_are_read(template_id):
    """规章 | 0 | 0 | 0: a page's line breaks took the outer pipes away (their blank cells were RL305)."""
    markdown = render(clean(template_id), "markdown")
    text = "\n".join(line.strip().strip("|").strip() if line.startswith("|") else line
                     for line in markdown.split("\n") if not line.startswith("|---"))
    assert re.search(r"\n规章 \| \d+ \| \d+ \| \d+\n", text)
    assert codes(text) == []


def test_a_line_of_words_between_pipes_is_no_table_row():
    from reportlint.parsing.text import is_pipe_row

    assert not is_pipe_row("首页 | 政务公开 | 政府信息公开年报")
    assert is_pipe_row("规章 | 0 | 0 | 0") and is_pipe_row("行政许可 | 0 | ||")


# --- a web copy with every cell on a line of its own, without tabs --------------------------------------


def figure_per_line(text: str, spaced: bool) -> str:
    """The cell-per-line layout as web pages print it: no tab before a cell, an empty cell dropped,
    and an empty line after every cell (``spaced``) or none anywhere."""
    out = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            if line[1:].strip():
                out.append(line[1:])
                if spaced:
                    out.append("")
        elif line.strip() or spaced:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("spaced", [True, False], ids=["empty-lines", "no-empty-lines"])
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_tables_with_a_figure_a_line_and_no_tabs_are_read(template_id, spaced):
    """规章\\n\\n0\\n\\n0\\n\\n0: a page's table, a cell a line (every row was RL308 "only 0 figures")."""
    text = figure_per_line(render(clean(template_id), "cell-per-line"), spaced)
    assert "\t" not in text and re.search(r"\n规章\n+\d+\n+\d+\n+\d+\n", text)
    assert codes(text) == []
    assert model(text).table("三") is not None


FIGURE_PER_LINE_MUTATIONS = [m for m in MUTATIONS if "space-rows" in m.layouts and m.code.startswith(("RL30", "RL50"))]


@pytest.mark.parametrize("spaced", [True, False], ids=["empty-lines", "no-empty-lines"])
@pytest.mark.parametrize(
    "mutation,template_id",
    [pytest.param(m, t, id=f"{m.code}-{t}-{m.defect}") for m in FIGURE_PER_LINE_MUTATIONS for t in m.templates],
)
def test_each_table_defect_is_found_in_tables_with_a_figure_a_line(mutation, template_id, spaced):
    text = figure_per_line(render(mutation.inject(clean(template_id)), "cell-per-line"), spaced)
    assert mutation.code in codes(text)


def test_a_row_missing_a_figure_in_a_figure_a_line_table_is_still_rl308():
    text = figure_per_line(render(clean("2021"), "cell-per-line"), True)
    row = re.search(r"\n二、上年结转政府信息公开申请数量\n\n(\d+)\n\n", text)
    broken = text[: row.start(1)] + text[row.end(1) + 2 :]
    assert "RL308" in codes(broken)


def cell_per_line_with_pipes(text: str) -> str:
    """The cell-per-line layout as some town pages print it: every cell on a line of its own closed by
    a pipe (``规章 |`` / ``0 |``), an empty cell a pipe alone, and a run of pipes where a row ends."""
    out = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            out.append(f"{line[1:].strip()} |" if line[1:].strip() else "|")
        elif not line.strip():
            out.append("||")
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_tables_with_a_cell_a_line_closed_by_its_pipe_are_read(template_id):
    """规章 |\\n0 |\\n0 |\\n0 |: every row of table 二 was RL308 "only 0 figures" and table 三 unread."""
    text = cell_per_line_with_pipes(render(clean(template_id), "cell-per-line"))
    assert re.search(r"\n规章 \|\n\d+ \|\n\d+ \|\n\d+ \|\n", text)
    assert codes(text) == []
    assert model(text).table("三") is not None


@pytest.mark.parametrize(
    "mutation,template_id",
    [pytest.param(m, t, id=f"{m.code}-{t}-{m.defect}") for m in FIGURE_PER_LINE_MUTATIONS for t in m.templates],
)
def test_each_table_defect_is_found_in_tables_with_a_cell_a_line_closed_by_its_pipe(mutation, template_id):
    text = cell_per_line_with_pipes(render(mutation.inject(clean(template_id)), "cell-per-line"))
    assert mutation.code in codes(text)


def test_a_row_missing_a_figure_in_a_cell_a_line_table_closed_by_pipes_is_still_rl308():
    text = cell_per_line_with_pipes(render(clean("2021"), "cell-per-line"))
    row = re.search(r"\n二、上年结转政府信息公开申请数量 \|\n(\d+ \|\n)", text)
    broken = text[: row.start(1)] + text[row.end(1) :]
    assert "RL308" in codes(broken)
