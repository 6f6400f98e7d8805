"""RL301–RL308: the tables' identities, their cells, and the figures the text states; and the claim
lexicon (``rules/data/claims.toml``: what the prose states about the tables, which RL306 compares),
declared through ``reportlint_claims`` as a plugin declares its phrases."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import Iterator

from reportlint import hookimpl
from reportlint.checks import numbered, row_number, template_of
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding
from reportlint.core.lexicon import ClaimKind, builtin_lexicon
from reportlint.core.model import Paragraph, Report, TableCell
from reportlint.core.patterns import lazy
from reportlint.core.templates import Identity, Instance, Template


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("arithmetic")


@hookimpl
def reportlint_claims() -> tuple[ClaimKind, ...]:
    return builtin_lexicon().kinds


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
    template = template_of(report)
    tables = _tables(report)  # made once for every rule of the module
    if template is not None:
        for identity in template.identities:
            yield from check_identity(report, identity, template, tables)
    yield from cell_values(report)
    yield from narrative_figures(report, tables)
    yield from breakdown_sums(report, tables)
    yield from table_problems(report)


def _tables(report: Report) -> dict[str, dict]:
    """Tables 二, 三 and 四 as {(row, column): cell}, in one pass over the cells."""
    tables: dict[str, dict] = {"二": {}, "三": {}, "四": {}}
    for c in report.cells:
        tables.setdefault(c.table, {})[(c.row, c.column)] = c
    return tables


# --- identities A1–A4 (RL301–RL304) -----------------------------------------------------------


_ROW_NUMBERING = lazy(r"^([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


def _short(label: str) -> str:
    """第一项/（七）… the way the table's own note names its rows."""
    m = _ROW_NUMBERING.match(label)
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
        return  # a row or column the table lacks: RL308 says so
    if any(c.value is None or isinstance(c.value, str) for c in (*left, *right)):
        return  # a blank or unreadable cell is not 0: RL305 says which, the sum is not assessable
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
    "blank": {"zh": "空白（空白不是0，涉及该单元格的勾稽关系无法核对）", "en": "is blank (a blank is not 0: the identities that need it cannot be checked)"},
    "negative": {"zh": "为负数", "en": "is negative"},
    "fraction": {"zh": "不是整数", "en": "is not a whole number"},
    "non-numeric": {"zh": "不是数字", "en": "is not a number"},
}


def _blanks(count: int) -> dict[str, str]:
    return {"zh": f"空白，本表共{count}个空白单元格（空白不是0，涉及这些单元格的勾稽关系无法核对）",
            "en": f"is blank, one of {count} blank cells in this table (a blank is not 0: the identities that need them cannot be checked)"}


def cell_values(report: Report) -> Iterator[Finding]:
    """RL305: a cell that is no count. Blank cells are said once per table, at the first: a web
    table that leaves a whole column blank is one thing to fix, not twenty."""
    blanks: dict[str, list[TableCell]] = {}
    for cell in report.cells:
        if cell.problem == "blank":
            blanks.setdefault(cell.table, []).append(cell)
    for cell in report.cells:
        if cell.problem is None:
            continue
        if cell.problem == "blank":
            same = blanks[cell.table]
            if cell is not same[0]:
                continue
            problem = _blanks(len(same)) if len(same) > 1 else _PROBLEMS["blank"]
        else:
            problem = _PROBLEMS.get(cell.problem, cell.problem)
        yield Finding(
            "RL305", cell.line, cell.column_no,
            {"row": cell.row.split("/")[-1], "column": cell.column, "raw": {"zh": cell.raw or "（空）", "en": f"'{cell.raw}'" if cell.raw else "the cell"}, "problem": problem},
            end_column=cell.end_column,
            location=cell.location,
            severity="warning" if cell.problem == "blank" else None,
        )


# --- RL306 text against table --------------------------------------------------------------------


def narrative_figures(report: Report, tables: dict | None = None) -> Iterator[Finding]:
    """RL306: every claim the prose makes (rules/data/claims.toml) against the cells it names. A
    claim is compared only where every one of its cells was read as a count: a blank or a missing
    row is RL305's or RL308's, never a sum that counts it as 0."""
    template = template_of(report)
    if template is None or not report.claims:
        return
    tables = tables if tables is not None else _tables(report)
    for claim in report.claims:
        value = _cells_sum(claim.cells, template, tables)
        if value is None or value == claim.value:
            continue
        if any(_cells_sum(group, template, tables) == claim.value for group in _readings(report, claim, template, tables)):
            continue
        para = report.paragraphs[claim.paragraph]
        line, column, end = para.span(claim.start, claim.end)
        unit = "万元" if claim.unit in ("元", "万元") else claim.unit or _unit_of(claim)  # amounts are compared in 万元
        yield Finding("RL306", line, column, {
            "what": claim.kind.what,
            "stated": claim.value,
            "table": value,
            "unit": {"zh": unit, "en": ""},
            "table_cell": _cell_words(claim.cells, template),
            "note": _note(claim, template, tables),
        }, end_column=end)


def _readings(report: Report, claim, template: Template, tables):
    """The other right readings of a claim. A part (其中自然人10件) may be read as its head was: by
    the head's other reading only where that is the one that makes the head right."""
    if claim.head is None:
        return claim.accept
    head = report.claims[claim.head]
    if _cells_sum(head.cells, template, tables) == head.value:
        return ()
    return tuple(group for group, own in zip(claim.accept, head.accept) if _cells_sum(own, template, tables) == head.value)


def _cells_sum(refs, template: Template, tables) -> int | None:
    """The sum of the cells ``refs`` name in the format ``template``; None when the format has
    none of them or one of them was not read as a count."""
    total, counted = 0, 0
    for ref in refs:
        rows, columns = template.axes(ref.table)
        if ref.column not in columns:
            continue
        keys = ref.rows_in(rows)
        for row in keys:
            cell = tables[ref.table].get((row, ref.column))
            if cell is None or isinstance(cell.value, bool) or not isinstance(cell.value, (int, Decimal)):
                return None  # blank, unreadable, or an amount written with its unit (3.68万元)
            total += cell.value
            counted += 1
    return total if counted else None


def _unit_of(claim) -> str:
    """A statement writes no figure: its unit is the one its kind counts in first."""
    return claim.kind.units[0] if claim.kind.units else ""


def _cell_words(refs, template: Template) -> dict[str, str]:
    """The cells a claim names, as a reader finds them: 第三部分表格“（一）予以公开”“总计”列."""
    by_table: dict[str, tuple[list[str], list[str]]] = {}
    for ref in refs:
        rows, columns = template.axes(ref.table)
        if ref.column not in columns or not ref.rows_in(rows):
            continue
        row_names, column_names = by_table.setdefault(ref.table, ([], []))
        name = ref.row[:-2] if ref.row.endswith("/*") else ref.row
        if name not in row_names:
            row_names.append(name)
        if ref.column not in column_names:
            column_names.append(ref.column)
    zh, en = [], []
    for table, (row_names, column_names) in by_table.items():
        rows_zh = "、".join(f"“{r.split('/')[-1] if table != '四' else r}”" for r in row_names)
        cols_zh = "、".join(f"“{c}”" for c in column_names)
        several = len(row_names) * len(column_names) > 1
        zh.append(f"第{table}部分表格{rows_zh}行{cols_zh}列" + ("之和" if several else ""))
        rows_en = ", ".join(f"'{r}'" for r in row_names)
        cols_en = ", ".join(f"'{c}'" for c in column_names)
        en.append(f"table {numbered(table)['en']}, row {rows_en}, column {cols_en}" + (", summed" if several else ""))
    return {"zh": "；".join(zh), "en": "; ".join(en)}


def _note(claim, template: Template, tables) -> dict[str, str]:
    """What else the reader should know: the sentence speaks of another body, or its figure is
    one column's where it speaks of all applicants."""
    if claim.scope:
        return {"zh": f"；该句所述为“{claim.scope}”，范围可能与本报告不同", "en": f"; the sentence speaks of '{claim.scope}', which may be another scope than this report's"}
    if all(ref.column == "总计" for ref in claim.cells):
        for column in template.axes("三")[1]:
            if column == "总计":
                continue
            value = _cells_sum([ref.with_column(column) for ref in claim.cells], template, tables)
            if value == claim.value:
                return {"zh": f"；{claim.value}是“{column}”一列的数字，不是总计", "en": f"; {claim.value} is the '{column}' column's figure, not the total"}
    return {"zh": "", "en": ""}


# --- RL307 a total against its parts -----------------------------------------------------------

#: The counting words of the figures RL307 adds up.
_COUNTING_WORDS = "条|件|篇|份|则|个|次|项"
#: A count and its counting word: 12件, 1,200条 (thousands grouped by commas). A figure right after a
#: digit and a comma or a space is the tail of a number written another way (1 200条): not read.
_MENTION = lazy(rf"(?<![\d.．])(?<!\d[,，\s])(\d{{1,3}}(?:[,，]\d{{3}})+|\d+)\s*({_COUNTING_WORDS})")
_GROUPING = str.maketrans("", "", ",，")
#: A figure given roughly (1600余条, 300多件, 约50条): a list holding one adds up to no exact sum.
_ROUGH = lazy(rf"(?:约|近|超过)\s*\d{{1,12}}\s*(?:{_COUNTING_WORDS})|(?<!\d)\d{{1,12}}\s*(?:余|多)\s*(?:{_COUNTING_WORDS})")
#: A total given roughly (共发布信息约1543条): the words just before its figure.
_ROUGH_LEAD = lazy(r"(?:约|近|超过)\s*$")
#: A figure that counts no items at all, a visit count (访问量414.7万人次): standing among a list's
#: parts, it says the list of items may have ended before it.
_VISITS = lazy(r"(?<![\d.．])\d+(?:\.\d+)?\s*(?:万|亿)?\s*人次")


def _count(m: re.Match[str]) -> int:
    """The count a mention of _MENTION states."""
    return int(m.group(1).translate(_GROUPING))


#: Counting words that count the same things: a list may change from one to another (发布信息420条，
#: 其中主动公开260份、依申请公开160份).
_FAMILY = {"条": "items", "篇": "items", "份": "items", "则": "items"}
_TOTAL_WORD = lazy(r"(?:共计|合计|总计|累计|共)[^。；;，,\d]{0,12}?$")
_LEAD = lazy(r"^[^。；;（(]{0,4}?[，,。：:]?\s*(?P<lead>其中|包括|涵盖|分别为|含)[:：]?")
#: Where a list after 其中 ends before the sentence does: a clause on another channel after a
#: semicolon (…，更新简历3条；在微信公众号公布信息230条) counts beside the total, not inside it.
_NEXT_CHANNEL = lazy(r"[；;]\s*(?:在|通过)")
#: A remainder named without a figure (其余全部办结, 剩余均已答复): the list names no more parts.
_REMAINDER = lazy(r"(?:其余|剩余|余下)[^\d，,；;。]{0,30}[，,；;]")
_SEMICOLON = lazy(r"[；;]")
#: A first part written figure first right after 其中 (其中33件已办结): what it counts comes after it.
_FIGURE_FIRST = lazy(r"其中[，,:：]?\s*$")
#: Where an included part (含…3件) ends: the next clause break.
_CLAUSE_BREAK = lazy(r"[，,；;]")
_PAREN_LEAD = lazy(r"^\s*[（(]\s*(?:其中|包括|涵盖|分别为|含)?[:：]?")
_NOUN_THEN_LIST = lazy(r"^[^\d。；;，,、（()）]{0,10}[，,、。]")
_RESIDUAL = lazy(r"其他[^，,、。；;\d]{0,12}信息$")
#: A part's printed share of its total: 占38.2%, 占比约38%.
_SHARE = lazy(r"^\s*[，,]?\s*(?:占|约占)([^，,。；;\d%％]{0,10}?)(\d+(?:\.\d+)?)\s*[%％]")
#: The words between 占 and a share that mean "of the total just stated".
_OWN_BASE = lazy(r"^(?:比|总数|总量|全部|全年|总计|其中)?(?:的)?(?:约|为|达)?$")
#: How far a printed share may be from the exact one: it is rounded.
SHARE_TOLERANCE = 0.6


def _family(unit: str) -> str:
    return _FAMILY.get(unit, unit)


def breakdown_sums(report: Report, tables: dict | None = None) -> Iterator[Finding]:
    """RL307: a total and the list of its parts within one sentence (or the sentence that goes on
    breaking it down: 共500条。其中…) — 共计N条，其中A条、B条; N条，其中A份、B份; N条（涵盖A条、B条）;
    or N条，A类a条，…，其他…c条 (a list closed by its residual category is the whole breakdown).
    Parts inside a part's own parentheses are that part's breakdown; a printed share (占38%) says
    which total a part belongs to. Also an answered total and its outcome list, where the table
    cannot say which figure is wrong (RL306 says it where it can)."""
    tables = tables if tables is not None else _tables(report)
    assessed = _assessed_figures(report, tables)
    for number, para in enumerate(report.paragraphs):
        for start, end in para.sentences:
            yield from _sentence_breakdowns(para, start, end, assessed.get(number, frozenset()))
    yield from _outcome_lists(report, tables)


def _assessed_figures(report: Report, tables: dict) -> dict[int, set[int]]:
    """Per paragraph, where the figures stand that RL306 compares with the table: a breakdown all
    of whose figures are such is the table's to judge (one defect, one finding)."""
    template = template_of(report)
    if template is None:
        return {}
    out: dict[int, set[int]] = {}
    for claim in report.claims:
        if _cells_sum(claim.cells, template, tables) is not None:
            out.setdefault(claim.paragraph, set()).add(claim.start)
    return out


def _sentence_breakdowns(para: Paragraph, start: int, end: int, assessed=frozenset()) -> Iterator[Finding]:
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
    channels = [c.start() for c in _NEXT_CHANNEL.finditer(text, start, end)]
    breaks = [c.start() for c in _CLAUSE_BREAK.finditer(text, start, end)]
    rough = [r.start() for r in _ROUGH.finditer(text, start, end)]
    visits = [v.start() for v in _VISITS.finditer(text, start, end)]
    first_of_family: dict[str, int] = {}
    for i, m in enumerate(mentions):
        first_of_family.setdefault(_family(m.group(2)), i)
    for i, m in enumerate(mentions):
        total, unit = _count(m), m.group(2)
        rest = text[m.end() : end]
        level = depth[m.start() - start]
        explicit = bool(_TOTAL_WORD.search(text[max(start, m.start() - 14) : m.start()]))
        first = first_of_family[_family(unit)] == i
        stop = None
        if (paren := _PAREN_LEAD.match(rest)) is not None and rest.lstrip().startswith(("（", "(")):
            parts = _parts(mentions, i + 1, unit, depth, start, level + 1, stop=_closing(text, m.end() + paren.end() - 1, end))
            lead = paren.group(0).strip(" （(:：")
            residual = first and _ends_residual(text, m, parts)
            if not (explicit or lead or residual):
                continue
            # "（含上年结转34件，另有103件…）" names some parts; "（涵盖A、B…其他…）" all of them
            complete = residual or lead != "含" and len(parts) >= 3
        elif (lead := _LEAD.match(rest)) is not None:
            stop = _after(channels, m.end())
            if lead.group("lead") == "含":
                # 共办理69件，含上年结转3件，办结68件…: 含 names the parts it joins with 、, not
                # the clauses after them, and not all of them
                stop = _after(breaks, m.end() + lead.end())
            parts = _parts(mentions, i + 1, unit, depth, start, level, stop=stop)
            complete = lead.group("lead") != "含" and (len(parts) >= 3 or (first and _ends_residual(text, m, parts)))
        elif first and _NOUN_THEN_LIST.match(rest):
            parts = _parts(mentions, i + 1, unit, depth, start, level)
            if not _ends_residual(text, m, parts):
                continue
            complete = True
        else:
            continue
        if any(_broken_down(text[p.end() : end]) for p in parts[:-1]):
            continue  # a part broken down in turn: which figures are whose parts cannot be told
        parts = _listed(text, parts, total)
        values = [_count(p) for p in parts]
        if _subtotal(text, parts, values, total):
            continue  # 37件，其中33件已办结，答复27件，撤回6件: a part that sums the parts after it
        if complete and len(parts) >= 2 and _goes_on(text, mentions, parts, unit, depth, start, end if stop is None else stop):
            complete = False  # 3553条，其中…78条，回应关切16次，…238件: the list counts more than its 条
        if len(values) < 2 or sum(values) == total:
            continue
        cut = next((k for k, p in enumerate(parts) if p.group(2) != unit), len(parts))
        if 2 <= cut < len(parts) and sum(values[:cut]) == total:
            continue  # 4210条，其中A2650条，B1560条，文件312份，解读9篇: the 条 made the total, then other counts
        others = _other_units(mentions, i, parts, unit, depth, start)
        if others and (sum(values) + sum(others) == total or sum(values) < total):
            continue  # 47条，其中部门文件22件，通知公告16条…: a list that changes its counting word
        if others and _before_other(mentions, i, parts, values, unit, total):
            continue  # 10条，其中A4条、B5条，新开设专栏6个，解读信息3条: the list ended at 6个
        if (r := _after(rough, m.end() - 1)) is not None and r < parts[-1].start():
            continue  # 8769条，其中A2100条、B1600余条…: a rough part, no exact sum to compare
        if _ROUGH_LEAD.search(text, max(start, m.start() - 4), m.start()):
            continue  # 约1543条，其中A668条…: a rough total, no exact sum to compare with
        if (v := _after(visits, m.end())) is not None and v < parts[-1].start() \
                and sum(val for p, val in zip(parts, values) if p.start() < v) <= total:
            continue  # 6154条，其中解读242条，访问量414.7万人次；受理留言111条…: the list ended at the visits
        if max(values) >= total > 0:
            continue  # a "part" as large as the whole: the list breaks down another figure (制作514条，主动公开514条，其中…)
        if m.start(1) in assessed and all(p.start(1) in assessed for p in parts):
            continue  # RL306 compares each of these figures with its cell
        if _shares(text, parts, end, total) is False:
            continue  # a part's share is of another total: these are not this total's parts
        if sum(values) < total and not complete:
            continue  # "其中A条、B条" may name only some of the parts
        line, column, end_column = para.span(*m.span(1))
        yield Finding("RL307", line, column,
                      {"total": total, "unit": {"zh": unit, "en": _UNITS.get(unit, f" ('{unit}')")}, "parts": "+".join(map(str, values)), "sum": sum(values)},
                      end_column=end_column)


def _listed(text: str, parts: list, total: int) -> list:
    """The parts the list really names: it ends at a remainder without a figure (其中6件结转下一年度，
    其余全部办结；…复议3件), or where the parts so far make the total and a semicolon closes the
    clause (发布微博120条，其中原创11条，转发109条；收到投诉12条)."""
    running = 0
    for j, p in enumerate(parts[:-1]):
        running += _count(p)
        between = text[p.end() : parts[j + 1].start()]
        if _REMAINDER.search(between) or (running == total and _SEMICOLON.search(between)):
            return parts[: j + 1]
    return parts


def _subtotal(text: str, parts, values: list[int], total: int) -> bool:
    """Whether the first part, short of the total and written figure first right after 其中, is
    the sum of the two or more parts after it: the list breaks down that part, not the total
    (37件，其中33件已办结，答复27件，撤回6件). A named first part (其中规范性文件50条…) is a part."""
    return (len(values) >= 3 and 0 < values[0] < total and values[0] == sum(values[1:])
            and _FIGURE_FIRST.search(text, max(0, parts[0].start() - len("其中， ")), parts[0].start()) is not None)


def _goes_on(text: str, mentions, parts, unit: str, depth, start: int, stop: int) -> bool:
    """Whether the list goes on past its last part in the total's counting word, within its clause,
    with a figure in another one at its bracket level and more after it (…信息78条，回应关切16次，…238件):
    it lists more kinds of things than the total's word counts, and its parts in that word need not
    make the whole. A figure after a semicolon (…其他类97条；办理申请1件) is another clause's."""
    family, last = _family(unit), parts[-1]
    level = depth[last.start() - start]
    k = bisect.bisect_right(mentions, last.start(), key=lambda mm: mm.start())
    if k + 1 >= len(mentions):
        return False
    other, further = mentions[k], mentions[k + 1]  # two figures ahead: bounded
    # the other word's figure must be followed by more of the list (…回应关切16次，…238件): a closing
    # 组织培训3次。 is a clause of its own
    return all(mm.start() < stop and depth[mm.start() - start] == level for mm in (other, further)) \
        and _family(other.group(2)) != family and not _SEMICOLON.search(text, last.end(), further.start())


def _broken_down(rest: str) -> bool:
    """Whether a figure is followed by its own 其中-breakdown (…598条，其中…): its parts stand at the
    same level as the outer list's (a breakdown in brackets is told apart by its depth)."""
    return bool(_LEAD.match(rest))


def _shares(text: str, parts, end: int, total: int) -> bool | None:
    """Whether the parts' printed shares are shares of ``total`` (True), of another total (False),
    or none is printed (None)."""
    seen = None
    for p in parts:
        m = _SHARE.match(text[p.end() : end])
        if m is None:
            continue
        if not _OWN_BASE.match(m.group(1)):
            return False  # 占转载总量的20%: a share of another total
        printed = float(m.group(2))
        exact = 100.0 * _count(p) / total if total else 0.0
        if abs(printed - exact) > SHARE_TOLERANCE:
            return False
        seen = True
    return seen


#: RL307's {unit} in English: the counting words of _MENTION.
_UNITS = {"条": " items", "件": " items", "篇": " articles", "份": " documents", "则": " items", "个": "", "次": " times", "项": " items"}


#: A stated total is broken down into at most this many listed parts (real lists name up to a
#: dozen categories); past it the list is no breakdown, and each total looks no further — which
#: keeps a sentence of thousands of figures linear.
MAX_BREAKDOWN_PARTS = 40
#: The figures after a total that may belong to its list: its parts and as many again in other
#: counting words (文件22件 among 条) — how far each total looks.
MAX_LIST_MENTIONS = 2 * MAX_BREAKDOWN_PARTS + 1


def _parts(mentions, first: int, unit: str, depth, start: int, level: int, stop: int | None = None) -> list:
    """The mentions from ``mentions[first]`` on counting what ``unit`` counts at one bracket level,
    up to ``stop`` or the end of the level; none where there are more than MAX_BREAKDOWN_PARTS."""
    parts = []
    family = _family(unit)
    for k in range(first, len(mentions)):
        m = mentions[k]
        if stop is not None and m.start() >= stop:
            break
        d = depth[m.start() - start]
        if d < level:
            break
        if d == level and _family(m.group(2)) == family:
            parts.append(m)
            if len(parts) > MAX_BREAKDOWN_PARTS:
                return []
    return parts


def _after(positions: list[int], at: int) -> int | None:
    """The first of the (sorted) ``positions`` past ``at``, or None."""
    k = bisect.bisect_right(positions, at)
    return positions[k] if k < len(positions) else None


def _other_units(mentions, i: int, parts, unit: str, depth, start: int) -> list[int]:
    """The figures among a list's parts, at their bracket level, that count in another word than
    the total (文件22件 in a list of 条): the list may count them among its parts."""
    family, level = _family(unit), depth[parts[0].start() - start]
    last = parts[-1].start()
    others: list[int] = []
    for mm in mentions[i + 1 : i + 1 + MAX_LIST_MENTIONS]:
        if mm.start() > last:
            break
        if depth[mm.start() - start] == level and _family(mm.group(2)) != family:
            others.append(_count(mm))
    return others


def _before_other(mentions, i: int, parts, values, unit: str, total: int) -> bool:
    """Whether the parts before the first figure in another counting word stay within the total:
    then the list may have ended there (…5403条，新开设专栏6个，发布解读信息44条), and the parts
    after it are no part of the total's sum."""
    family = _family(unit)
    first_other = next((mm.start() for mm in mentions[i + 1 : i + 1 + MAX_LIST_MENTIONS]
                        if mm.start() < parts[-1].start() and _family(mm.group(2)) != family), None)
    if first_other is None:
        return False
    return sum(v for p, v in zip(parts, values) if p.start() < first_other) <= total


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
    if len(parts) < 2 or _count(total) < max(_count(p) for p in parts):
        return False
    residual = text[max(parts[-2].end(), parts[-1].start() - 20) : parts[-1].start()]
    around_total = text[max(0, total.start() - 12) : total.end() + 8]
    return bool(_RESIDUAL.search(residual)) and "信息" in around_total


#: The outcomes (三、本年度办理结果) an answered total breaks down into.
_OUTCOMES = frozenset({"disclosed", "partly", "disclosed-or-partly", "withheld", "unavailable", "unavailable-not-held", "not-processed", "other-processing"})


def _outcome_lists(report: Report, tables: dict) -> Iterator[Finding]:
    """答复申请80件，予以公开…、不予公开…、无法提供…: the outcomes listed after an answered total add
    up to it. Where the table has every cell they name, RL306 compares each figure with its cell
    and says which one is wrong; this only speaks where it cannot."""
    template = template_of(report)
    by_sentence: dict[tuple[int, int], list] = {}
    starts = {}
    for claim in report.claims:
        para = report.paragraphs[claim.paragraph]
        if claim.paragraph not in starts:
            starts[claim.paragraph] = [s for s, _ in para.sentences]
        k = bisect.bisect_right(starts[claim.paragraph], claim.start) - 1
        if k >= 0 and claim.start < para.sentences[k][1]:
            by_sentence.setdefault((claim.paragraph, para.sentences[k][0]), []).append(claim)
    for claims in by_sentence.values():
        for i, head in enumerate(claims):
            if head.kind.id != "answered":
                continue
            parts = []
            for claim in claims[i + 1 :]:
                if claim.kind.id not in _OUTCOMES:
                    break
                parts.append(claim)
            if len(parts) < 2:
                continue
            values = [p.value for p in parts]
            if sum(values) == head.value or (sum(values) < head.value and len(parts) < 3):
                continue
            if template is not None and all(_cells_sum(c.cells, template, tables) is not None for c in (head, *parts)):
                continue  # the table says which figure is wrong: RL306
            para = report.paragraphs[head.paragraph]
            line, column, end_column = para.span(head.start, head.end)
            yield Finding("RL307", line, column,
                          {"total": head.value, "unit": {"zh": head.unit, "en": _UNITS.get(head.unit, "")}, "parts": "+".join(map(str, values)), "sum": sum(values)},
                          end_column=end_column)


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
    for problem in report.table_problems:
        line, column = problem.line, problem.column
        if problem.reason == "missing-table":
            section = report.section(_TABLE_SECTION[problem.table])
            if section is None:
                continue  # the section is missing: RL101 says so, its table goes with it
            line, column = section.heading.line, section.heading.column
        yield Finding("RL308", line, column, {"table": numbered(problem.table), "detail": _detail(problem)})
