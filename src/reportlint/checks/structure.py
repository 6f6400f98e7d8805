"""RL101–RL109: the report's title, its six sections and their numbering."""

from __future__ import annotations

from typing import Iterator

from reportlint import hookimpl
from reportlint.checks import expected_template, numbered, template_of
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.numerals import CHINESE_NUMERALS
from reportlint.core.patterns import lazy
from reportlint.core.text import norm

_FEE = lazy(r"信息处理费|处理费|收费|收取[^。；]{0,8}费")


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("structure")


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
    yield from title_problem(report)
    if report.template == "legacy":
        return  # RL503 says the report must be redone in the national format; its old sections are moot
    yield from missing_section(report)
    yield from section_order(report)
    yield from section_number_style(report)
    yield from section_heading_wording(report)
    yield from overview_topics(report)
    yield from subsection_numbering(report)
    yield from fee_statement(report)


def missing_section(report: Report) -> Iterator[Finding]:
    """RL101: each of 一–六 must open with a heading (its number, or its wording)."""
    template = template_of(report)
    if template is None or not report.recognised:
        return
    present = {s.index for s in report.sections}
    present |= {h.canonical for h in report.headings if h.canonical is not None and h.style != "arabic"}
    for index, spec in enumerate(template.sections, start=1):
        if index in present:
            continue
        later = [s for s in report.sections if s.index > index]
        line = later[0].heading.line if later else report.last_line
        yield Finding("RL101", line, 1, {"number": numbered(spec.number), "heading": spec.heading})


def section_order(report: Report) -> Iterator[Finding]:
    """RL102 and RL104: headings out of sequence, numbers used twice, and a section worded as the
    format words one section but numbered as another (an extra part inserted before it shifts every
    number after it: said once, at the first, while the shift stays the same)."""
    seen: dict[int, int] = {}
    highest = 0
    shift = 0
    opens = {section.index: section.heading.line for section in report.sections}
    for heading in report.headings:
        if heading.style in ("arabic", "paren") and opens.get(heading.index, 0) > heading.line:
            continue  # "2.主动公开情况" among 总体情况's topics, before the section 二、 itself
        if heading.exact_elsewhere() and heading.index not in seen:  # a number used twice is RL104's
            offset = heading.index - heading.canonical
            if offset != shift:
                yield Finding(
                    "RL102", heading.line, heading.column,
                    {"heading": heading.raw, "problem": {
                        "zh": f"是第{CHINESE_NUMERALS[heading.canonical]}部分的标题，编号却是“{heading.number}”" + ("（其后各部分编号随之错位）" if offset else ""),
                        "en": f"is the heading of section {heading.canonical} but numbered {numbered(heading.number)['en']}" + (" (the sections after it are misnumbered too)" if offset else ""),
                    }},
                    end_column=heading.end_column,
                )
            shift = offset
            if heading.index > 6:
                continue
        if heading.index > 6:
            continue
        if heading.canonical is None and heading.index in seen:
            continue  # "一、加强组织领导": a list inside a section, not a section heading
        if heading.index in seen and heading.style in ("arabic", "paren") and seen[heading.index].style == "chinese":
            continue  # "1.主动公开政府信息情况" under 一、总体情况: its first topic, numbered below 一
        if heading.index in seen:
            yield Finding(
                "RL104", heading.line, heading.column,
                {"number": heading.number, "first": _cited(report, seen[heading.index], heading), "heading": heading.raw},
                end_column=heading.end_column,
            )
        elif heading.index < highest and heading.canonical in (None, heading.index):
            yield Finding(
                "RL102", heading.line, heading.column,
                {"heading": heading.raw, "problem": {"zh": f"出现在第{CHINESE_NUMERALS[highest]}部分之后，顺序错乱", "en": f"appears after section {highest}"}},
                end_column=heading.end_column,
            )
        seen.setdefault(heading.index, heading)
        highest = max(highest, heading.index)


def _cited(report: Report, earlier, finding) -> dict[str, str]:
    """Where an earlier heading stands, in the file's own lines as the finding itself is given (an
    HTML page's line, not the extracted text's); with its column when both share a line (a page
    saved on one line)."""
    line, column = report.position(earlier.line, earlier.column)
    if line != report.position(finding.line, finding.column)[0]:
        return {"zh": f"第{line}行", "en": f"line {line}"}
    return {"zh": f"第{line}行第{column}列", "en": f"line {line}, column {column}"}


def section_number_style(report: Report) -> Iterator[Finding]:
    """RL103: a section numbered 2、 or 二. where the format writes 二、."""
    for section in report.sections:
        heading = section.heading
        if heading.style == "chinese":
            continue
        wanted = f"{CHINESE_NUMERALS[heading.index]}、"
        found = heading.raw[: heading.number_end - heading.column]
        yield Finding(
            "RL103", heading.line, heading.column,
            {"found": found.strip(), "expected": wanted},
            end_column=heading.number_end,
            fix=Fix(heading.line, heading.column, heading.line, heading.number_end, wanted),
        )


def section_heading_wording(report: Report) -> Iterator[Finding]:
    """RL105: a heading worded otherwise than the format (accepted variants aside)."""
    template = template_of(report)
    if template is None:
        return
    for section in report.sections:
        heading = section.heading
        if not 1 <= section.index <= len(template.sections):
            continue
        if heading.canonical is not None and heading.canonical != section.index:
            continue
        spec = template.sections[section.index - 1]
        text = heading.text.rstrip("。：: ")
        if norm(text) == norm(spec.heading) or norm(text) in {norm(v) for v in spec.variants}:
            continue
        start = heading.number_end
        end = start + len(heading.text.rstrip("。：: \u3000"))
        yield Finding(
            "RL105", heading.line, start,
            {"found": text, "expected": spec.heading, "number": numbered(spec.number)},
            end_column=end,
            fix=Fix(heading.line, start, heading.line, end, spec.heading),
        )


_TOPIC_KEYWORDS = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请公开", "依申请"),
    "政府信息管理": ("政府信息管理", "信息管理", "信息资源管理", "公文公开属性", "公开属性"),
    "平台建设": ("平台建设", "平台", "网站建设", "门户网站"),
    "监督保障": ("监督保障", "监督", "考核", "社会评议", "责任追究"),
}


def overview_topics(report: Report) -> Iterator[Finding]:
    """RL106: 总体情况 covers 主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障."""
    template = template_of(report)
    section = report.section(1)
    if template is None or section is None:
        return
    body = norm(section.text)
    for topic in template.overview_topics:
        keywords = _TOPIC_KEYWORDS.get(topic, (topic,))
        if not any(k in body for k in keywords):
            yield Finding("RL106", section.heading.line, section.heading.column, {"topic": topic},
                          end_column=section.heading.end_column)


def title_problem(report: Report) -> Iterator[Finding]:
    """RL107: the title names the agency, the year and 政府信息公开工作年度报告, and comes first."""
    title = report.title
    if title is None:
        if report.recognised:
            yield Finding("RL107", 1, 1, {"problem": {"zh": "找不到报告标题", "en": "no title found"}})
        return
    missing = []
    if not title.agency:
        missing.append(("机关名称", "the agency"))
    if title.year is None:
        missing.append(("年份", "the year"))
    if not title.has_report_words:
        missing.append(("“政府信息公开工作年度报告”字样", "the words '政府信息公开工作年度报告'"))
    end = title.end_column
    if missing:
        problem = {"zh": "标题缺少" + "、".join(zh for zh, _ in missing), "en": "the title lacks " + ", ".join(en for _, en in missing)}
        yield Finding("RL107", title.line, title.column, {"problem": problem}, end_column=end)
    if not title.first_content:
        problem = {"zh": "标题不在报告开头", "en": "the title is not at the start of the report"}
        yield Finding("RL107", title.line, title.column, {"problem": problem}, end_column=end, severity="warning")


def subsection_numbering(report: Report) -> Iterator[Finding]:
    """RL108: （一）（二）… inside 总体情况, 五 and 六 run in order without gaps or repeats."""
    for index in (1, 5, 6):
        expected = 1
        for numbering in report.numberings:
            if numbering.section != index or numbering.value is None:
                continue
            if numbering.value != expected:
                yield Finding("RL108", numbering.line, numbering.column,
                              {"found": f"（{numbering.number}）", "expected": f"（{CHINESE_NUMERALS.get(expected, expected)}）"},
                              end_column=numbering.end_column)
            expected = numbering.value + 1


def fee_statement(report: Report) -> Iterator[Finding]:
    """RL109: from the 2021 format on, 六 states the 信息处理费 collected."""
    template = expected_template(report)
    section = report.section(6)
    if template is None or not template.fee_statement or section is None:
        return
    if any(t.id == report.template and not t.fee_statement for t in report.templates) or report.template == "legacy":
        return  # a report in an older format: RL501 says so, its 六 had no fee to state
    if not _FEE.search(section.text):
        yield Finding("RL109", section.heading.line, section.heading.column, {}, end_column=section.heading.end_column)
