"""Running text that restates a generated report's tables, in the phrasings real reports use.

:func:`narrate` rewrites a :class:`~support.generator.GeneratedReport`'s 依申请公开 paragraph (总体情况)
and section 四's text from its values, choosing for every figure one of the phrasings of
:data:`PHRASINGS` (the ones of ``rules/data/claims.toml``, as real reports write them). Each figure
it writes is a :class:`Stated`, so a test can change exactly one of them (RL306), or change the table
under it (RL306 again), or break a total from its parts (RL307) — and know what must be found.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from support.generator import GeneratedReport, Paragraph, table3_layout, table4_parts, template

#: How reports state each figure: ``{n}`` is the figure (``{a}``/``{b}`` the parts of a split).
PHRASINGS: dict[str, tuple[str, ...]] = {
    "received": (
        "本年共收到政府信息公开申请{n}件",
        "全年共受理政府信息公开申请{n}件",
        "{year}年，本机关新收政府信息公开申请{n}件",
        "本年度收到各类政府信息公开申请共计{n}件",
        "本年度共收到政府信息公开申请，共计 {n} 件",
        "共收到公民、法人和其他组织政府信息公开申请{n}件",
        "全年受理依申请公开申请{n}件",
    ),
    "applicants": (
        "其中自然人申请{a}件、法人或其他组织申请{b}件",
        "其中，自然人{a}件，法人或其他组织{b}件",
        "其中来自公民的申请{a}件，来自法人或其他组织的申请{b}件",
    ),
    "disclosed": ("予以公开{n}件", "同意公开{n}件"),
    "partly": ("部分公开{n}件",),
    "disclosed-or-partly": ("予以公开及部分公开{n}件", "同意公开和部分公开{n}件"),
    "withheld": ("不予公开{n}件",),
    "unavailable": ("因本机关不掌握等原因无法提供{n}件", "无法提供{n}件"),
    "not-processed": ("不予处理{n}件",),
    "other-processing": ("其他处理{n}件",),
    "answered": ("已答复申请{n}件", "办结政府信息公开申请{n}件"),
    "carried-out": ("结转下年度继续办理{n}件", "尚在办理中的申请{n}件"),
    "reviews": ("被申请行政复议{n}件", "因政府信息公开引发行政复议{n}起", "行政复议案件共{n}件"),
    "lawsuits": ("被提起行政诉讼{n}件", "行政诉讼{n}起"),
    "upheld": ("其中结果维持{n}件", "其中维持{n}件"),
}
#: Breakdowns of a stated total (RL307): ``{t}`` the total, ``{a}`` ``{b}`` ``{c}`` its parts.
BREAKDOWNS: tuple[str, ...] = (
    "主动公开政府信息共计{t}条，其中政策文件{a}条、工作动态{b}条、通知公告{c}条。",
    "全年共公开信息{t}条。其中，政策文件{a}条，工作动态{b}条，通知公告{c}条。",
    "通过门户网站发布信息{t}条，其中政策文件{a}份，工作动态{b}份，通知公告{c}份。",
    "主动公开政府信息{t}条，机构职能类信息{a}条，政策文件类信息{b}条，其他应主动公开的政府信息{c}条。",
    "全年主动公开信息{t}条（涵盖政策文件{a}条、工作动态{b}条、其他应主动公开的政府信息{c}条）。",
)


@dataclass(frozen=True)
class Stated:
    """A figure the narrative states: the lexicon kind it is read as, the figure, and the exact
    text around it (unique in the report), so that a test can change it."""

    kind: str
    value: int
    text: str


@dataclass(frozen=True)
class Narrated:
    report: GeneratedReport
    stated: tuple[Stated, ...]
    breakdown: Stated  # the total of the 主动公开 breakdown (kind "breakdown")


def _t3(report: GeneratedReport, row: str, column: str | None = None) -> int:
    t = template(report.template)
    lay = table3_layout(t)
    column = column or lay.total_column
    rows = [r.key for r in t.table3_rows]
    keys = [r for r in rows if r == row or r.startswith(row + "/")]
    return sum(int(report.values[("三", r, column)] or 0) for r in keys)


def narrate(report: GeneratedReport, seed: int = 0) -> Narrated:
    """``report`` with its 依申请公开 paragraph, section 四's text and its 主动公开 breakdown rewritten in
    phrasings chosen by ``seed``; every figure agrees with the tables."""
    rng = random.Random(seed)
    t = template(report.template)
    lay = table3_layout(t)
    say = lambda kind, **kw: rng.choice(PHRASINGS[kind]).format(year=report.year, **kw)  # noqa: E731
    stated: list[Stated] = []

    def clause(kind: str, value: int) -> str:
        text = say(kind, n=value)
        stated.append(Stated(kind, value, text))
        return text

    received = _t3(report, lay.received)
    natural = _t3(report, lay.received, lay.applicants[0])
    clauses = [clause("received", received)]
    split = say("applicants", a=natural, b=received - natural)
    stated.append(Stated("applicants", natural, split))
    clauses.append(split)
    first = ["（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    outcome = [clause("answered", _t3(report, lay.total))]
    if rng.random() < 0.5:
        outcome.append(clause("disclosed-or-partly", sum(_t3(report, r) for r in first)))
    else:
        outcome.append(clause("disclosed", _t3(report, first[0])))
        outcome.append(clause("partly", _t3(report, first[1])))
    for kind, row in (("withheld", "（三）不予公开"), ("unavailable", "（四）无法提供"), ("not-processed", "（五）不予处理"),
                      ("other-processing", "（六）其他处理")):
        outcome.append(clause(kind, _t3(report, row)))
    carried = clause("carried-out", _t3(report, lay.carried_out))
    paragraph = (f"依申请公开情况。{'，'.join(clauses)}。{'，'.join(outcome)}；{carried}。")

    summed, total = table4_parts(t)
    groups = t.table4_groups
    value4 = lambda g, c: int(report.values[("四", g, c)] or 0)  # noqa: E731
    reviews = value4(groups[0], total)
    lawsuits = sum(value4(g, total) for g in groups[1:])
    section4 = f"本年度{clause('reviews', reviews)}，{clause('upheld', value4(groups[0], summed[0]))}；{clause('lawsuits', lawsuits)}。"

    a, b, c = 12, 30, 7
    breakdown_text = rng.choice(BREAKDOWNS).format(t=a + b + c, a=a, b=b, c=c)
    breakdown = Stated("breakdown", a + b + c, breakdown_text)

    def rewrite(block):
        if not isinstance(block, Paragraph):
            return block
        if block.section == 1 and block.text.startswith("（") and "依申请公开情况。" in block.text:
            return dataclasses.replace(block, text=block.text[: block.text.index("依申请公开情况。")] + paragraph)
        if block.section == 1 and "主动公开情况。" in block.text:
            return dataclasses.replace(block, text=block.text[: block.text.index("主动公开情况。")] + "主动公开情况。" + breakdown_text)
        if block.section == 4 and block.role == "body":
            return dataclasses.replace(block, text=section4)
        return block

    return Narrated(report.map_blocks(rewrite), tuple(stated), breakdown)


def misstate(narrated: Narrated, index: int, delta: int = 1) -> GeneratedReport:
    """The report with the ``index``-th stated figure written ``delta`` off (the tables unchanged)."""
    s = narrated.stated[index]
    wrong = s.text.replace(str(s.value), str(s.value + delta), 1)
    return narrated.report.replace_text(s.text, wrong, tables=False)


def break_breakdown(narrated: Narrated, delta: int = 1) -> GeneratedReport:
    """The report with its 主动公开 total written ``delta`` off its parts."""
    s = narrated.breakdown
    return narrated.report.replace_text(s.text, s.text.replace(str(s.value), str(s.value + delta), 1), tables=False)


def shift_outcome(report: GeneratedReport) -> GeneratedReport:
    """The tables with one application moved from （一）予以公开 to （三）不予公开's first reason, in a
    column that has one: every identity still holds, the text's 予以公开 and 不予公开 figures no
    longer do."""
    t = template(report.template)
    lay = table3_layout(t)
    source = "（一）予以公开"
    target = next(r for r in lay.outcomes if r.startswith("（三）不予公开/"))
    column = next(c for c in lay.applicants if (report.values[("三", source, c)] or 0) > 0)
    out = report
    for row, delta in ((source, -1), (target, 1)):
        for col in (column, lay.total_column):
            out = out.with_cell(("三", row, col), int(out.values[("三", row, col)] or 0) + delta)
    return out


def shift_review_result(report: GeneratedReport) -> GeneratedReport:
    """Table 四 with one review moved from 结果维持 to 结果纠正 (its 总计 unchanged), or the other
    way where none was upheld: the text's 结果维持 figure no longer holds."""
    t = template(report.template)
    summed, _ = table4_parts(t)
    group = t.table4_groups[0]
    upheld, corrected = ("四", group, summed[0]), ("四", group, summed[1])
    source, target = (upheld, corrected) if (report.values[upheld] or 0) > 0 else (corrected, upheld)
    if (report.values[source] or 0) == 0:
        source, target = ("四", group, summed[2]), upheld
    return report.with_cell(source, int(report.values[source] or 0) - 1).with_cell(target, int(report.values[target] or 0) + 1)
