"""Defects to inject into a generated report, one per rule of RL101–RL602 at least: each
:class:`Mutation` names the code it must produce, the defect, the edit, and the formats and layouts
that can express it. The mutation tests (tests/checks/test_rule_mutations.py) and the golden-output
test (tests/test_outputs_unchanged.py) both lint these."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Callable

from reportlint.core.numerals import CHINESE_NUMERALS, chinese_to_int
from support.generator import LAYOUTS, GeneratedReport, Paragraph, make_report, table3_layout, table4_parts, template

#: A report year of each format, and a department (its deadline is 31 January).
YEARS = {"2019": 2020, "2021": 2022}
AGENCY = "某某市商务局"
TEMPLATES = tuple(YEARS)
#: What copying out of Word or a PDF does to a report (tests/support.RenderOptions).
COPIED = {"split_labels": True, "page_break": True, "crlf": True, "title_break": True}


@functools.cache
def clean(template_id: str) -> GeneratedReport:
    return make_report(template_id, YEARS[template_id], AGENCY)


# --- editing helpers: each changes one thing of a report ---------------------------------------


def heading_text(report: GeneratedReport, section: int) -> str:
    return next(p.text for p in report.paragraphs(section) if p.role == "heading")


def edit_paragraphs(report: GeneratedReport, fn: Callable[[Paragraph], Paragraph]) -> GeneratedReport:
    return report.map_blocks(lambda b: fn(b) if isinstance(b, Paragraph) else b)


def swap_headings(report: GeneratedReport, a: int, b: int) -> GeneratedReport:
    texts = {a: heading_text(report, b), b: heading_text(report, a)}
    return edit_paragraphs(report, lambda p: dataclasses.replace(p, text=texts[p.section]) if p.role == "heading" and p.section in texts else p)


def skip_subsection(report: GeneratedReport, after: int) -> GeneratedReport:
    """Renumber 总体情况's （N） from N = after + 1 on as （N+1）: the number after ``after`` is skipped."""

    def renumber(p: Paragraph) -> Paragraph:
        m = re.match(r"^（([一二三四五六七八九十]+)）", p.text)
        if p.section != 1 or not m or chinese_to_int(m.group(1)) <= after:
            return p
        return dataclasses.replace(p, text=f"（{CHINESE_NUMERALS[chinese_to_int(m.group(1)) + 1]}）{p.text[m.end():]}")

    return edit_paragraphs(report, renumber)


def reword_body(report: GeneratedReport, section: int, text: str) -> GeneratedReport:
    return edit_paragraphs(report, lambda p: dataclasses.replace(p, text=text) if p.section == section and p.role == "body" else p)


def with_date(report: GeneratedReport, text: str | None) -> GeneratedReport:
    return report.map_blocks(lambda b: (None if text is None else dataclasses.replace(b, text=text)) if isinstance(b, Paragraph) and b.role == "date" else b)


def remake(report: GeneratedReport, **kw) -> GeneratedReport:
    return make_report(report.template, report.year, report.agency, report.values, **kw)


def other_format(template_id: str) -> str:
    return next(f for f in TEMPLATES if f != template_id)


def with_grid_of(report: GeneratedReport, table: str, donor: GeneratedReport) -> GeneratedReport:
    grid = donor.grid(table)
    return report.map_blocks(lambda b: grid if getattr(b, "table", None) == table else b)


def with_block_of(report: GeneratedReport, donor: GeneratedReport, item: int) -> GeneratedReport:
    """Table 二 with the donor's block 第二十条第（item）项 added at its end (both grids are as wide)."""
    caption = f"第二十条第（{CHINESE_NUMERALS[item]}）项"
    rows = donor.grid("二").rows
    start = next(i for i, r in enumerate(rows) if r[0].text == caption)
    end = next((i for i, r in enumerate(rows) if i > start and r[0].kind == "caption"), len(rows))
    grid = report.grid("二")
    mixed = dataclasses.replace(grid, rows=grid.rows + rows[start:end])
    return report.map_blocks(lambda b: mixed if b is grid else b)


def reviews_total(report: GeneratedReport) -> int:
    t = template(report.template)
    return report.values[("四", t.table4_groups[0], table4_parts(t)[1])]


def t3_cell(report: GeneratedReport, row_part: str, column_part: str):
    lay = table3_layout(template(report.template))
    rows = {"received": lay.received, "carried_in": lay.carried_in, "carried_out": lay.carried_out, "first_outcome": lay.outcomes[0]}
    column = lay.applicants[0] if column_part == "first" else lay.total_column
    return ("三", rows[row_part], column)


def bump(report: GeneratedReport, key) -> GeneratedReport:
    return report.with_cell(key, report.values[key] + 1)


def received_total(report: GeneratedReport) -> int:
    return report.values[t3_cell(report, "received", "total")]


def legacy(report: GeneratedReport) -> GeneratedReport:
    """A 2017 report: no national tables, a 一、概述 and a 收费及减免 section as local formats had."""
    old = make_report(report.template, 2017, report.agency, report.values)
    old = old.map_blocks(lambda b: None if not isinstance(b, Paragraph) else b)
    return old.replace_text(heading_text(old, 1), "一、概述").replace_text(heading_text(old, 6), "六、政府信息公开的收费及减免情况")


# --- the mutations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    code: str
    defect: str
    inject: Callable[[GeneratedReport], GeneratedReport]
    templates: tuple[str, ...] = TEMPLATES
    layouts: tuple[str, ...] = LAYOUTS  # the layouts that can express the defect


MUTATIONS = [
    Mutation("RL101", "section 六 deleted", lambda r: r.without_section(6)),
    Mutation("RL102", "headings 二 and 三 swapped", lambda r: swap_headings(r, 2, 3)),
    Mutation("RL103", "2、 written for 二、", lambda r: r.replace_text(heading_text(r, 2), "2、" + heading_text(r, 2)[2:])),
    Mutation("RL104", "section 四 numbered 三 again", lambda r: r.replace_text(heading_text(r, 4), "三、" + heading_text(r, 4)[2:])),
    Mutation("RL105", "五 reworded", lambda r: r.replace_text(heading_text(r, 5), "五、存在问题及改进措施")),
    Mutation("RL106", "总体情况 without 平台建设", lambda r: remake(r, topics=[t for t in template(r.template).overview_topics if t != "平台建设"])),
    Mutation("RL107", "no year in the title", lambda r: r.replace_text(r.title, r.agency + "政府信息公开工作年度报告")),
    Mutation("RL108", "（二） skipped in 总体情况", lambda r: skip_subsection(r, 1)),
    Mutation("RL109", "六 does not state the 信息处理费", lambda r: reword_body(r, 6, "本年度无其他需要报告的事项。"), templates=("2021",)),
    Mutation("RL201", "caption 第二十六条第（六）项", lambda r: r.replace_text("第二十条第（六）项", "第二十六条第（六）项")),
    Mutation("RL202", "第五十七条 cited", lambda r: r.with_paragraph("依照《条例》第五十七条的规定，本年度无其他需要报告的事项。", after=heading_text(r, 6))),
    Mutation("RL203", "《信息公开条例》 for the 条例", lambda r: r.replace_text("《中华人民共和国政府信息公开条例》", "《信息公开条例》")),
    Mutation("RL301", "A1 broken: 上年结转 总计 one more", lambda r: bump(r, t3_cell(r, "carried_in", "total"))),
    Mutation("RL302", "A2 broken: 结转下年度 总计 one more", lambda r: bump(r, t3_cell(r, "carried_out", "total"))),
    Mutation("RL303", "A3 broken: （一）予以公开 自然人 one more", lambda r: bump(r, t3_cell(r, "first_outcome", "first"))),
    Mutation("RL304", "A4 broken: 行政复议 结果维持 one more",
             lambda r: bump(r, ("四", template(r.template).table4_groups[0], table4_parts(template(r.template))[0][0]))),
    # A word in a space-separated row joins the label before it: the row loses a figure (RL308), it
    # cannot be told from a label.
    Mutation("RL305", "若干 in a count cell", lambda r: r.with_cell(t3_cell(r, "first_outcome", "first"), "若干"),
             layouts=("cell-per-line", "tab-rows", "markdown")),
    Mutation("RL305", "-1 in a count cell", lambda r: r.with_cell(t3_cell(r, "first_outcome", "first"), -1)),
    Mutation("RL305", "a zero left blank (a warning)", lambda r: r.with_cell(next(k for k, v in r.values.items() if k[0] == "三" and v == 0), None),
             layouts=("cell-per-line", "tab-rows", "markdown")),
    Mutation("RL306", "收到申请 stated one more than the table",
             lambda r: r.replace_text(f"申请{received_total(r)}件", f"申请{received_total(r) + 1}件", tables=False)),
    Mutation("RL306", "行政复议 stated one more than the table",
             lambda r: r.replace_text(f"行政复议{reviews_total(r)}件", f"行政复议{reviews_total(r) + 1}件", tables=False)),
    Mutation("RL307", "共计 one more than its parts", lambda r: r.replace_text("共计726条", "共计727条")),
    Mutation("RL308", "a table-三 row removed", lambda r: r.without_row("三", table3_layout(template(r.template)).outcomes[6])),
    Mutation("RL401", "statistics period ends 6月30日", lambda r: r.replace_text("12月31日止", "6月30日止")),
    Mutation("RL402", "落款 after 31 January", lambda r: with_date(r, f"{r.year + 1}年2月20日")),
    Mutation("RL403", "落款 on 2月30日", lambda r: with_date(r, f"{r.year + 1}年2月30日")),
    Mutation("RL404", "title year one later than the period", lambda r: r.replace_text(f"{r.year}年政府信息公开工作", f"{r.year + 1}年政府信息公开工作")),
    Mutation("RL405", "plan for a year after next", lambda r: r.replace_text(f"{r.year + 1}年，本机关将", f"{r.year + 3}年，本机关将")),
    Mutation("RL406", "no 落款 date", lambda r: with_date(r, None)),
    Mutation("RL501", "the other format's tables for this year",
             lambda r: make_report(other_format(r.template), r.year, r.agency)),
    Mutation("RL502", "table 三 of the other format", lambda r: with_grid_of(r, "三", clean(other_format(r.template)))),
    Mutation("RL502", "a table-二 block only the 2019 format has", lambda r: with_block_of(r, clean("2019"), 9), templates=("2021",)),
    Mutation("RL502", "a table-二 block of the 2021 format", lambda r: with_block_of(r, clean("2021"), 8), templates=("2019",)),
    Mutation("RL503", "a legacy (2017) report", legacy),
    Mutation("RL504", "信访举报类申请 for 信访举报投诉类申请", lambda r: r.replace_text("信访举报投诉类申请", "信访举报类申请")),
    Mutation("RL601", "政府信息公共工作", lambda r: r.replace_text("将政府信息公开工作", "将政府信息公共工作")),
    Mutation("RL602", "[bookmark: _GoBack] left in", lambda r: r.replace_text(f"{r.year}年，{r.agency}认真", f"[bookmark: _GoBack]{r.year}年，{r.agency}认真")),
]
