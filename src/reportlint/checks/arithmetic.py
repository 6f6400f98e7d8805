"""RL301–RL308: the tables' identities, their cells, and the figures the text states."""

from __future__ import annotations

import bisect
import re
from typing import Iterator, NamedTuple

from reportlint import hookimpl
from reportlint.checks import numbered, row_number, template_of
from reportlint.core.diagnostic import Finding
from reportlint.core.model import Report, TableCell
from reportlint.core.templates import Identity, Instance, Template


@hookimpl
def reportlint_check(report: Report, config) -> Iterator[Finding]:
    template = template_of(report)
    if template is not None:
        tables = {name: report.table(name) for name in ("二", "三", "四")}
        for identity in template.identities:
            yield from check_identity(report, identity, template, tables)
    yield from cell_values(report)
    paragraphs = list(_paragraphs(report))
    yield from narrative_figures(report, paragraphs)
    yield from breakdown_sums(report, paragraphs)
    yield from table_problems(report)


# --- identities A1–A4 (RL301–RL304) -----------------------------------------------------------


def _short(label: str) -> str:
    """第一项/（七）… the way the table's own note names its rows."""
    m = re.match(r"^([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", label)
    if m:
        return m.group(1).rstrip("、")
    return label


def check_identity(report: Report, identity: Identity, template: Template, tables: dict | None = None) -> Iterator[Finding]:
    """One identity on every column (or row). A row or column the table lacks voids the check
    there: RL308 reports what is missing, and a sum over a partial table would be a false error."""
    table = tables[identity.table] if tables is not None else report.table(identity.table)
    if not table:
        return
    if identity.across == "columns":
        lnames, rnames = [_short(k) for k in identity.lhs], [_short(k) for k in identity.rhs]
    else:
        lnames, rnames = list(identity.lhs), list(identity.rhs)
    for inst in template.instances(identity.table, identity):
        yield from _compare(identity, inst, table, lnames, rnames)


def _compare(identity: Identity, inst: Instance, table, lnames, rnames) -> Iterator[Finding]:
    left = [table.get(k) for k in inst.lhs]
    right = [table.get(k) for k in inst.rhs]
    if None in left or None in right:
        return
    if any(c.value is None for c in right):
        return  # a blank total is RL305's; summing past it would only repeat that finding
    if any(isinstance(c.value, str) for c in left) or any(isinstance(c.value, str) for c in right):
        return
    lsum, rsum = inst.sides(lambda key: table[key].number)
    if lsum == rsum:
        return
    where = inst.where
    anchor: TableCell = right[0]
    yield Finding(
        identity.code, anchor.line, anchor.column_no,
        {
            "where": where.split("/")[-1] if identity.table != "四" else where,
            "lhs": _names(lnames) if len(lnames) <= 6 else {"zh": "各项", "en": "the rows"},
            "rhs": _names(rnames),
            "lhs_value": _fmt(lsum),
            "rhs_value": _fmt(rsum),
            "identity": identity.id,
        },
        end_column=anchor.end_column,
        location=anchor.location,
    )


def _names(names: list[str]) -> dict[str, str]:
    """一+二 (the rows as the table's note names them); 1+2, (7)+4 in English."""
    return {lang: "+".join(row_number(n)[lang] for n in names) for lang in ("zh", "en")}


def _fmt(value) -> str:
    return str(int(value)) if value == int(value) else str(value)


# --- RL305 cell values --------------------------------------------------------------------------

_PROBLEMS = {
    "blank": {"zh": "空白（按0计算）", "en": "is blank (counted as 0)"},
    "negative": {"zh": "为负数", "en": "is negative"},
    "fraction": {"zh": "不是整数", "en": "is not a whole number"},
    "non-numeric": {"zh": "不是数字", "en": "is not a number"},
}


def cell_values(report: Report) -> Iterator[Finding]:
    for cell in report.cells:
        if cell.problem is None:
            continue
        yield Finding(
            "RL305", cell.line, cell.column_no,
            {"row": cell.row.split("/")[-1], "column": cell.column, "raw": {"zh": cell.raw or "（空）", "en": f"'{cell.raw}'" if cell.raw else "the cell"}, "problem": _PROBLEMS.get(cell.problem, cell.problem)},
            end_column=cell.end_column,
            location=cell.location,
            severity="warning" if cell.problem == "blank" else None,
        )


# --- RL306 text against table --------------------------------------------------------------------

_RECEIVED = re.compile(
    r"(?:共|全年|本年|年度)?(?:收到|受理|新收|接收|办理)[^。；;，,]{0,14}?(?:政府)?信息公开申请[^。；;，,\d]{0,6}?(\d+)\s*(?:件|条|个|宗)"
)
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|发生)[^。；;]{0,10}?(?:政府)?信息公开申请")
# Only a count that follows the word directly: "行政复议结果维持1件" is a part, not the total.
_REVIEW = re.compile(r"(?:被申请|申请|提起|发生)?行政复议(?:案件)?(?:共|共计|总计|合计)?\s*(\d+)\s*(?:件|起|宗)")
_LAWSUIT = re.compile(r"(?:被提起|提起|发生)?行政诉讼(?:案件)?(?:共|共计|总计|合计)?\s*(\d+)\s*(?:件|起|宗)")


def _narrative_lines(report: Report):
    """Lines of running text: not table rows, not inside a table's region of short cells."""
    for number, text in enumerate(report.lines, start=1):
        if not text or text.startswith("\t") or "\t" in text or len(text.strip()) < 12:
            continue
        yield number, text


_NEW_PARAGRAPH = re.compile(r"^[\s\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d))")


class _Paragraph(NamedTuple):
    """Running text joined over the line breaks a PDF or a narrow page put anywhere in it."""

    text: str
    starts: tuple[int, ...]  # where each of its lines begins in ``text``
    lines: tuple[int, ...]

    def where(self, index: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, index) - 1
        return self.lines[k], index - self.starts[k] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int]:
        """(line, column, end column) of characters ``start:end``, cut at the end of the line."""
        line, column = self.where(start)
        end_line, end_column = self.where(max(start, end - 1))
        return line, column, (end_column + 1 if end_line == line else len(self.text))


def _paragraphs(report: Report) -> Iterator[_Paragraph]:
    text, starts, lines = "", [], []
    previous = 0
    for number, line in _narrative_lines(report):
        if text and (number != previous + 1 or _NEW_PARAGRAPH.match(line)):
            yield _Paragraph(text, tuple(starts), tuple(lines))
            text, starts, lines = "", [], []
        starts.append(len(text))
        lines.append(number)
        text += line
        previous = number
    if text:
        yield _Paragraph(text, tuple(starts), tuple(lines))


def narrative_figures(report: Report, paragraphs: list[_Paragraph] | None = None) -> Iterator[Finding]:
    t3 = report.table("三")
    t4 = report.table("四")
    received = _cell_number(t3, "一、本年新收政府信息公开申请数量", "总计")
    carried = _cell_number(t3, "二、上年结转政府信息公开申请数量", "总计")
    reviews = _cell_number(t4, "行政复议", "总计")
    suits = [_cell_number(t4, g, "总计") for g in ("行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")]
    lawsuits = None if None in suits else sum(suits)
    counts = [
        (pattern, value, what, cell)
        for pattern, value, what, cell in (
            (_REVIEW, reviews, {"zh": "行政复议", "en": "administrative reviews"}, {"zh": "第四部分表格“行政复议”总计", "en": "table 4, review total"}),
            (_LAWSUIT, lawsuits, {"zh": "行政诉讼", "en": "lawsuits"}, {"zh": "第四部分表格两项行政诉讼总计之和", "en": "table 4, both lawsuit totals"}),
        )
        if value is not None
    ]
    for para in paragraphs if paragraphs is not None else _paragraphs(report):
        text = para.text
        if received is not None:
            for m in _RECEIVED.finditer(text):
                stated = int(m.group(1))
                if stated in (received, received + (carried or 0)):
                    continue
                if "结转" in text[max(0, m.start() - 6) : m.end() + 2]:
                    continue
                line, column, end = para.span(*m.span(1))
                yield Finding("RL306", line, column, {"what": {"zh": "收到的政府信息公开申请", "en": "applications received"}, "stated": stated, "table": received, "table_cell": {"zh": "第三部分表格“一、本年新收政府信息公开申请数量”总计", "en": "table 3, row 1, total"}},
                              end_column=end)
        for pattern, table_value, what, cell in counts:
            for m in pattern.finditer(text):
                stated = int(m.group(1))
                if stated != table_value:
                    line, column, end = para.span(*m.span(1))
                    yield Finding("RL306", line, column, {"what": what, "stated": stated, "table": table_value, "table_cell": cell},
                                  end_column=end)


def _cell_number(table, row: str, column: str) -> int | None:
    cell = table.get((row, column))
    if cell is None or not isinstance(cell.value, int):
        return None
    return cell.value


# --- RL307 a total against its parts -----------------------------------------------------------

_MENTION = re.compile(r"(?<![\d.．])(\d+)\s*(条|件|篇|个|次|项)")
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|累计|共)[^。；;，,\d]{0,12}?$")
_LEAD = re.compile(r"^[^。；;（(]{0,4}?[，,。：:]?\s*(?:其中|包括|涵盖|分别为|含)[:：]?")
_PAREN_LEAD = re.compile(r"^\s*[（(]\s*(?:其中|包括|涵盖|分别为|含)?[:：]?")
_NOUN_THEN_LIST = re.compile(r"^[^\d。；;，,、（()）]{0,10}[，,、]")
_SENTENCE = re.compile(r"[^。；;！？!?]+")
_RESIDUAL = re.compile(r"其他[^，,、。；;\d]{0,12}信息$")


def breakdown_sums(report: Report, paragraphs: list[_Paragraph] | None = None) -> Iterator[Finding]:
    """RL307: a total and the list of its parts within one sentence — 共计N条，其中A条、B条；
    N条（涵盖A条、B条）; or N条，A类a条，…，其他…c条 (a list closed by its residual category is
    the whole breakdown). Parts inside a part's own parentheses are that part's breakdown."""
    for para in paragraphs if paragraphs is not None else _paragraphs(report):
        for sentence in _SENTENCE.finditer(para.text):
            yield from _sentence_breakdowns(para, sentence.start(), sentence.end())


def _sentence_breakdowns(para: _Paragraph, start: int, end: int) -> Iterator[Finding]:
    text = para.text
    mentions = list(_MENTION.finditer(text, start, end))
    if len(mentions) < 2:
        return  # a total and at least one part
    depth = [0] * (end - start + 1)
    level = 0
    for i in range(start, end):
        ch = text[i]
        if ch in "（(":
            level += 1
        depth[i - start] = level
        if ch in "）)":
            level = max(0, level - 1)
    for i, m in enumerate(mentions):
        total, unit = int(m.group(1)), m.group(2)
        rest = text[m.end() : end]
        level = depth[m.start() - start]
        explicit = bool(_TOTAL_WORD.search(text[max(start, m.start() - 14) : m.start()]))
        first = all(p.group(2) != unit for p in mentions[:i])
        if (paren := _PAREN_LEAD.match(rest)) is not None and rest.lstrip().startswith(("（", "(")):
            parts = _parts(mentions[i + 1 :], unit, depth, start, level + 1, stop=_closing(text, m.end() + paren.end() - 1, end))
            lead = paren.group(0).strip(" （(:：")
            residual = first and _ends_residual(text, m, parts)
            if not (explicit or lead or residual):
                continue
            # "（含上年结转34件，另有103件…）" names some parts; "（涵盖A、B…其他…）" all of them
            complete = residual or lead != "含" and len(parts) >= 3
        elif explicit and _LEAD.match(rest):
            parts = _parts(mentions[i + 1 :], unit, depth, start, level)
            complete = len(parts) >= 3
        elif first and _NOUN_THEN_LIST.match(rest):
            parts = _parts(mentions[i + 1 :], unit, depth, start, level)
            if not _ends_residual(text, m, parts):
                continue
            complete = True
        else:
            continue
        values = [int(p.group(1)) for p in parts]
        if len(values) < 2 or sum(values) == total:
            continue
        if sum(values) < total and not complete:
            continue  # "其中A条、B条" may name only some of the parts
        line, column, end_column = para.span(*m.span(1))
        yield Finding("RL307", line, column,
                      {"total": total, "unit": {"zh": unit, "en": _UNITS.get(unit, f" ('{unit}')")}, "parts": "+".join(map(str, values)), "sum": sum(values)},
                      end_column=end_column)


#: RL307's {unit} in English: the counting words of _MENTION.
_UNITS = {"条": " items", "件": " items", "篇": " articles", "个": "", "次": " times", "项": " items"}


def _parts(following, unit: str, depth, start: int, level: int, stop: int | None = None) -> list:
    """The mentions of ``unit`` at one bracket level, up to ``stop`` or the end of the level."""
    parts = []
    for m in following:
        if stop is not None and m.start() >= stop:
            break
        d = depth[m.start() - start]
        if d < level:
            break
        if d == level and m.group(2) == unit:
            parts.append(m)
    return parts


def _closing(text: str, opening: int, end: int) -> int:
    level = 0
    for i in range(opening, end):
        if text[i] in "（(":
            level += 1
        elif text[i] in "）)":
            level -= 1
            if level <= 0:
                return i
    return end


def _ends_residual(text: str, total, parts) -> bool:
    """The list closes with its residual category of the same kind of thing as the total
    (…政府信息364条，…，其他应主动公开的政府信息19条): then it names every part. A list of
    channels or sources closed by 其他渠道 is no breakdown of a count of 信息."""
    if len(parts) < 2 or int(total.group(1)) < max(int(p.group(1)) for p in parts):
        return False
    residual = text[max(parts[-2].end(), parts[-1].start() - 20) : parts[-1].start()]
    around_total = text[max(0, total.start() - 12) : total.end() + 8]
    return bool(_RESIDUAL.search(residual)) and "信息" in around_total


# --- RL308 tables that could not be read whole ---------------------------------------------------


_TABLE_SECTION = {"二": 2, "三": 3, "四": 4}

#: RL308's {detail}, per reason the parser gives (reportlint.core.model.TableProblem).
_REASONS = {
    "missing-table": {"zh": "未找到该表", "en": "the table was not found"},
    "missing-row": {"zh": "缺少“{row}”一行", "en": "row '{row}' is missing"},
    "missing-figures": {"zh": "“{row}”一行只有{found}个数字，应有{expected}个", "en": "row '{row}' has {found} figures, {expected} expected"},
    "too-many-figures": {"zh": "“{row}”一行有{found}个数字，多于{expected}列", "en": "row '{row}' has {found} figures, more than its {expected} columns"},
    "glued-ambiguous": {"zh": "“{row}”一行的数字连在一起（{figures}），可拆分为{readings}种不同的读数，无法唯一确定",
                        "en": "the figures of row '{row}' ran together ({figures}); {readings} readings are possible, none can be chosen"},
    "glued-inconsistent": {"zh": "“{row}”一行的数字连在一起（{figures}），没有一种拆法符合勾稽关系",
                           "en": "the figures of row '{row}' ran together ({figures}); no reading fits the identities"},
    "glued-unreadable": {"zh": "“{row}”一行的数字连在一起（{figures}），无法拆分为各列",
                         "en": "the figures of row '{row}' ran together ({figures}) and cannot be split into its columns"},
    "foreign-row": {"zh": "“{row}”是{template}年格式的行，本格式应分列细项", "en": "'{row}' is a row of the {template} format; this format breaks it into sub-rows"},
}


def _detail(problem) -> dict:
    wording = _REASONS.get(problem.reason, {"zh": problem.reason, "en": problem.reason})
    args = {k: str(v) for k, v in problem.args.items()}
    return {lang: text.format_map(_Blank(args)) for lang, text in wording.items()}


class _Blank(dict):
    def __missing__(self, key):
        return "?"


def table_problems(report: Report) -> Iterator[Finding]:
    """RL308. A whole table is missing only where its section is there, or most of the report is:
    a fragment is not asked for tables it never meant to contain."""
    if not report.recognised or report.template in ("legacy",):
        return
    substantial = len(report.sections) >= 4
    for problem in report.table_problems:
        line, column = problem.line, problem.column
        if problem.reason == "missing-table":
            section = report.section(_TABLE_SECTION[problem.table])
            if section is None and not substantial:
                continue
            if section is not None:
                line, column = section.heading.line, section.heading.column
        yield Finding("RL308", line, column, {"table": numbered(problem.table), "detail": _detail(problem)})
