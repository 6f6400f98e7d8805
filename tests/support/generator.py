"""Generate complete annual reports with known content, for tests (ours and plugin authors').

A report is made in two steps, so that each can be reused on its own:

1. :func:`make_report` builds a :class:`GeneratedReport`: the format, year, agency, every table value,
   and the report as *blocks* — :class:`Paragraph` (title, headings, narrative, 落款) and
   :class:`TableGrid` (tables 二, 三 and 四 as rectangular grids with merged cells marked). The narrative
   agrees with the tables (收到申请N件 is table 三's 总计, 行政复议N件 is table 四's, a stated total is
   the sum of its parts) and the dates with the year, so a clean report has nothing to find.
2. :func:`render` turns the blocks into the text of one layout real reports arrive in (``LAYOUTS``):

   - ``cell-per-line``: one cell per line indented by a tab, rows separated by an empty line, blank
     cells as a line holding only a tab (Word's text export; seeds 000/001/003);
   - ``tab-rows``: one row per line, cells separated by tabs, merged cells as empty cells (seed 004);
   - ``space-rows``: one row per line, cells separated by spaces, group labels on lines of their own
     (seed 002). A blank cell cannot be written there, so it is written as 0;
   - ``markdown``: pipe tables, ``#`` headings;
   - ``crawler``: what a crawler saves of the published web page (see ``shared/corpus/real``): a few
     metadata lines (标题:, 发布时间:, 原文链接:), then the whole page on ONE line — breadcrumb and
     sharing buttons, the title, every paragraph, heading and table cell separated by one space, or,
     with ``glued``, by nothing at all (``规章000行政规范性文件2025``). A blank cell cannot be written.

   :class:`RenderOptions` adds what copying does to a report: labels broken over lines, the table-三
   header repeated after a page break, CRLF line ends, a title broken over two lines.

Other fixture builders (DOCX, HTML, PDF) take the blocks of step 1: a grid's cells carry their text,
their ``rowspan``/``colspan`` and, for figures, the (table, row, column) key of the model's cell.
Labels all come from the format's template (``rules/templates/``), never from this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Mapping, Sequence, Union

from reportlint.core.numerals import CHINESE_NUMERALS
from reportlint.core.templates import Template, builtin_templates

Key = tuple[str, str, str]  # (table, row key, column), as in reportlint.core.model.TableCell
Value = Union[int, Decimal, str, None]  # None: a blank cell

LAYOUTS = ("cell-per-line", "tab-rows", "space-rows", "markdown", "crawler")

#: What each layout can express; options a layout cannot express are ignored by it.
LAYOUT_SUPPORTS = {
    "cell-per-line": frozenset({"split_labels", "page_break", "blank_cells"}),
    "tab-rows": frozenset({"split_labels", "page_break", "blank_cells"}),
    "space-rows": frozenset({"split_labels", "page_break"}),
    "markdown": frozenset({"page_break", "blank_cells"}),
    "crawler": frozenset({"glued", "page_break"}),
}


# --- blocks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A line of running text. ``role``: title, heading, body, signature (agency), date (落款日期).
    ``section``: the section (1–6) it belongs to; None for what belongs to none (title, preamble, 落款)."""

    text: str
    role: str = "body"
    section: int | None = None


@dataclass(frozen=True)
class GridCell:
    """One cell of a table grid.

    ``kind``: caption (第二十条第（N）项), header, label (a row label), group (a merged row-group label),
    value (a figure: ``key`` names the model cell), pad. A cell covered by a merged cell has
    ``merged`` "row" (covered from above) or "col" (covered from the left) and empty text; the
    covering cell carries ``rowspan``/``colspan``.
    """

    text: str
    kind: str = "label"
    key: Key | None = None
    rowspan: int = 1
    colspan: int = 1
    merged: str | None = None


@dataclass(frozen=True)
class TableGrid:
    """Table 二, 三 or 四 as a rectangular grid; the first ``header_rows`` rows are its header."""

    table: str
    rows: tuple[tuple[GridCell, ...], ...]
    section: int
    header_rows: int = 0

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Block = Union[Paragraph, TableGrid]


@dataclass(frozen=True)
class GeneratedReport:
    """A generated report: what it says (format, year, agency, values, dates) and its blocks."""

    template: str
    year: int
    agency: str
    values: Mapping[Key, Value]
    blocks: tuple[Block, ...]
    published: dt.date | None
    period: tuple[dt.date, dt.date]

    @property
    def title(self) -> str:
        return next(b.text for b in self.blocks if isinstance(b, Paragraph) and b.role == "title")

    def paragraphs(self, section: int | None = None) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph) and (section is None or b.section == section)]

    def grid(self, table: str) -> TableGrid:
        return next(b for b in self.blocks if isinstance(b, TableGrid) and b.table == table)

    # Editing: each returns a new report, so a test injects exactly one defect into a clean one.

    def map_blocks(self, fn: Callable[[Block], Block | None]) -> "GeneratedReport":
        """Apply ``fn`` to every block; a None result drops the block."""
        blocks = tuple(b for b in (fn(b) for b in self.blocks) if b is not None)
        return dataclasses.replace(self, blocks=blocks)

    def replace_text(self, old: str, new: str, *, count: int = 1, tables: bool = True) -> "GeneratedReport":
        """Replace the first ``count`` occurrences of ``old`` in paragraphs and table labels, in order.
        Raises ValueError when ``old`` does not occur: a mutation that changes nothing is a bug."""
        remaining = [count]

        def sub(text: str) -> str:
            while remaining[0] and old in text:
                text = text.replace(old, new, 1)
                remaining[0] -= 1
            return text

        def edit(block: Block) -> Block:
            if isinstance(block, Paragraph):
                return dataclasses.replace(block, text=sub(block.text))
            if not tables:
                return block
            rows = tuple(
                tuple(c if c.kind == "value" else dataclasses.replace(c, text=sub(c.text)) for c in row) for row in block.rows
            )
            return dataclasses.replace(block, rows=rows)

        edited = self.map_blocks(edit)
        if remaining[0] == count:
            raise ValueError(f"{old!r} does not occur in the report")
        return edited

    def without_section(self, section: int) -> "GeneratedReport":
        """Drop a section: its heading, its paragraphs and its table."""
        return self.map_blocks(lambda b: None if _section_of(b) == section else b)

    def with_paragraph(self, text: str, *, after: str) -> "GeneratedReport":
        """Insert a body paragraph after the first paragraph containing ``after``."""
        blocks: list[Block] = []
        done = False
        for block in self.blocks:
            blocks.append(block)
            if not done and isinstance(block, Paragraph) and after in block.text:
                blocks.append(Paragraph(text, "body", block.section))
                done = True
        if not done:
            raise ValueError(f"no paragraph contains {after!r}")
        return dataclasses.replace(self, blocks=tuple(blocks))

    def with_cell(self, key: Key, value: Value) -> "GeneratedReport":
        """Change one figure in its table (the narrative is left as it was)."""
        if key not in self.values:
            raise KeyError(key)

        def edit(block: Block) -> Block:
            if not isinstance(block, TableGrid) or block.table != key[0]:
                return block
            rows = tuple(
                tuple(dataclasses.replace(c, text=format_value(value)) if c.key == key else c for c in row) for row in block.rows
            )
            return dataclasses.replace(block, rows=rows)

        values = dict(self.values)
        values[key] = value
        return dataclasses.replace(self.map_blocks(edit), values=values)

    def without_row(self, table: str, row: str) -> "GeneratedReport":
        """Drop one row of a table (its figures disappear from ``values`` too)."""

        def edit(block: Block) -> Block:
            if not isinstance(block, TableGrid) or block.table != table:
                return block
            at = [i for i, r in enumerate(block.rows) if any(c.key and c.key[1] == row for c in r)]
            if not at:
                raise ValueError(f"table {table} has no row {row!r}")
            return dataclasses.replace(block, rows=_drop_row(block.rows, at[0]))

        edited = self.map_blocks(edit)
        values = {k: v for k, v in self.values.items() if not (k[0] == table and k[1] == row)}
        return dataclasses.replace(edited, values=values)


def _section_of(block: Block) -> int | None:
    return block.section


def _drop_row(rows: tuple[tuple[GridCell, ...], ...], at: int) -> tuple[tuple[GridCell, ...], ...]:
    """Remove row ``at``, keeping merged label cells whole: a cell spanning down from above spans one
    row less, and a label that started in the dropped row moves down to the row it covered next."""
    out = [list(r) for r in rows]
    dropped = out[at]
    for col, cell in enumerate(dropped):
        if cell.merged == "row":  # covered from above: the covering cell loses a row
            origin = at - 1
            while out[origin][col].merged == "row":
                origin -= 1
            out[origin][col] = dataclasses.replace(out[origin][col], rowspan=out[origin][col].rowspan - 1)
        elif cell.merged is None and cell.rowspan > 1:  # a label starting here moves down a row
            out[at + 1][col] = dataclasses.replace(cell, rowspan=cell.rowspan - 1)
    del out[at]
    return tuple(tuple(r) for r in out)


# --- values ----------------------------------------------------------------------------------------


def template(template_id: str) -> Template:
    """The format with this id (built-in or a plugin's)."""
    for t in builtin_templates():
        if t.id == template_id:
            return t
    raise KeyError(f"no template {template_id!r}")


def _identity(t: Template, identity_id: str):
    return next(i for i in t.identities if i.id == identity_id)


def _expand(keys: Sequence[str], available: Sequence[str]) -> list[str]:
    out = []
    for key in keys:
        if key.endswith("/*"):
            out.extend(k for k in available if k.startswith(key[:-1]))
        elif key in available:
            out.append(key)
    return out


@dataclass(frozen=True)
class Table3Layout:
    """Table 三's rows and columns by the part they play in identities A1–A3."""

    received: str  # 一、本年新收
    carried_in: str  # 二、上年结转
    total: str  # （七）总计
    carried_out: str  # 四、结转下年度
    outcomes: tuple[str, ...]  # the rows A3 adds up
    applicants: tuple[str, ...]  # the columns A2 adds up
    total_column: str


def table3_layout(t: Template) -> Table3Layout:
    rows = [r.key for r in t.table3_rows]
    a1, a2, a3 = _identity(t, "A1"), _identity(t, "A2"), _identity(t, "A3")
    return Table3Layout(
        received=a1.lhs[0], carried_in=a1.lhs[1], total=a1.rhs[0], carried_out=a1.rhs[1],
        outcomes=tuple(_expand(a3.lhs, rows)), applicants=tuple(a2.lhs), total_column=a2.rhs[0],
    )


def table4_parts(t: Template) -> tuple[tuple[str, ...], str]:
    """(the columns A4 adds up, the 总计 column) of table 四."""
    a4 = _identity(t, "A4")
    return tuple(a4.lhs), a4.rhs[0]


def table3_values(t: Template, outcomes: Mapping[tuple[str, str], int], carried_in: Mapping[str, int],
                  carried_out: Mapping[str, int]) -> dict[Key, int]:
    """Table 三 from its free parts: per applicant column the outcome rows and the carry-overs; the
    rest follows from A1–A3 (一 = （七） + 四 − 二, 总计 = the sum of the six applicant columns)."""
    lay = table3_layout(t)
    out: dict[Key, int] = {}
    for col in lay.applicants:
        total = 0
        for row in lay.outcomes:
            value = int(outcomes.get((row, col), 0))
            out[("三", row, col)] = value
            total += value
        cin, cout = int(carried_in.get(col, 0)), int(carried_out.get(col, 0))
        received = total + cout - cin
        if received < 0:
            raise ValueError(f"{col}: 上年结转 {cin} exceeds 办理结果 {total} + 结转下年度 {cout}")
        out[("三", lay.total, col)] = total
        out[("三", lay.carried_in, col)] = cin
        out[("三", lay.carried_out, col)] = cout
        out[("三", lay.received, col)] = received
    for row in [r.key for r in t.table3_rows]:
        out[("三", row, lay.total_column)] = sum(out[("三", row, c)] for c in lay.applicants)
    return out


def table4_values(t: Template, parts: Mapping[tuple[str, str], int]) -> dict[Key, int]:
    """Table 四 from 结果维持/结果纠正/其他结果/尚未审结 per group; each 总计 is their sum (A4)."""
    summed, total = table4_parts(t)
    out: dict[Key, int] = {}
    for group in t.table4_groups:
        for col in summed:
            out[("四", group, col)] = int(parts.get((group, col), 0))
        out[("四", group, total)] = sum(out[("四", group, c)] for c in summed)
    return out


def cell_keys(t: Template) -> list[Key]:
    """Every figure of the format, in reading order."""
    keys: list[Key] = []
    for block in t.table2:
        for row in block.rows:
            keys.extend(("二", row.key, c.label) for c in block.columns)
    for row in t.table3_rows:
        keys.extend(("三", row.key, c) for c in t.table3_columns)
    for group in t.table4_groups:
        keys.extend(("四", group, c) for c in t.table4_columns)
    return keys


def default_values(template_id: str, seed: int = 2021) -> dict[Key, Value]:
    """Consistent values with some figures in every table: A1–A4 hold, amounts carry units."""
    t = template(template_id)
    rng = random.Random(seed)
    lay = table3_layout(t)
    outcomes = {}
    for i, row in enumerate(lay.outcomes):
        for col in lay.applicants:
            outcomes[(row, col)] = rng.choice((0, 0, 0, 1, 2, 3, 7)) if i < 6 or rng.random() < 0.2 else 0
    carried_in = {c: rng.choice((0, 0, 1)) for c in lay.applicants}
    carried_out = {c: rng.choice((0, 0, 1, 2)) for c in lay.applicants}
    values: dict[Key, Value] = {}
    for block in t.table2:
        for row in block.rows:
            for c in block.columns:
                values[("二", row.key, c.label)] = _default_table2(c.kind, rng)
    values.update(table3_values(t, outcomes, carried_in, carried_out))
    summed, _ = table4_parts(t)
    values.update(table4_values(t, {(g, c): rng.choice((0, 0, 1, 2, 3)) for g in t.table4_groups for c in summed}))
    return values


def _default_table2(kind: str, rng: random.Random) -> Value:
    if kind == "signed":
        return rng.choice((-3, 0, 2, 5))
    if kind == "decimal":
        return rng.choice((Decimal("2.02"), Decimal("7730.28"), 0))
    if kind == "amount":
        return rng.choice(("3.68万元", "200326元"))
    return rng.randint(0, 40)


def format_value(value: Value) -> str:
    """A figure as a report writes it: blank for None, decimals without exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def expected_values(report: GeneratedReport, layout: str) -> dict[Key, Value]:
    """The values the model must read back from ``render(report, layout)``: the report's values,
    except that a layout which cannot write a blank cell writes 0."""
    if "blank_cells" in LAYOUT_SUPPORTS[layout]:
        return dict(report.values)
    return {k: (0 if v is None else v) for k, v in report.values.items()}


# --- the report ------------------------------------------------------------------------------------


def make_report(
    template_id: str = "2021",
    year: int | None = None,
    agency: str = "某某市商务局",
    values: Mapping[Key, Value] | None = None,
    *,
    published: dt.date | None | str = "default",
    period_year: int | None = None,
    title_year: int | None = None,
    plan_year: int | None = None,
    topics: Sequence[str] | None = None,
    fee_statement: bool | None = None,
    published_items: tuple[int, int, int] = (317, 49, 360),
    problems: Sequence[str] | None = None,
) -> GeneratedReport:
    """Build a consistent report in the format ``template_id`` for ``year`` (default: the format's
    first year) by ``agency``.

    ``values`` overrides figures of :func:`default_values` by key; the narrative follows the tables.
    The other arguments exist to make one thing wrong on purpose: ``published`` (the 落款 date; None
    for none; default within the 条例 第四十九条 deadline), ``period_year`` (the statistics period),
    ``title_year``, ``plan_year`` (the year section 五's plan names), ``topics`` (the 总体情况 topics
    covered, default all of the format's), ``fee_statement`` (section 六 states the 信息处理费; default:
    when the format asks for it), ``published_items`` (the parts of the stated 主动公开 total),
    ``problems`` (section 五's paragraphs, instead of the default two).
    """
    t = template(template_id)
    year = year if year is not None else t.first_year
    all_values = default_values(template_id)
    if values:
        unknown = set(values) - set(all_values)
        if unknown:
            raise KeyError(f"not cells of the {template_id} format: {sorted(unknown)[:3]}")
        all_values.update(values)
    if published == "default":
        deadline_month = 3 if agency.endswith("人民政府") else 1
        published = dt.date(year + 1, deadline_month, 15)
    fee = t.fee_statement if fee_statement is None else fee_statement
    topics = tuple(t.overview_topics) if topics is None else tuple(topics)
    blocks = _blocks(t, year, agency, all_values, published, period_year or year, title_year or year,
                     plan_year or year + 1, topics, fee, published_items, problems)
    return GeneratedReport(
        template=t.id, year=year, agency=agency, values=all_values, blocks=tuple(blocks),
        published=published, period=(dt.date(period_year or year, 1, 1), dt.date(period_year or year, 12, 31)),
    )


def _number(values: Mapping[Key, Value], key: Key) -> int:
    value = values.get(key)
    return value if isinstance(value, int) else 0


#: The paragraph of 总体情况 for each topic (TEMPLATES.md §4.2). Each names its own topic and none of
#: the others' keywords, so that dropping one paragraph drops exactly one topic.
_TOPIC_TEXT = {
    "主动公开": "主动公开情况。{year}年，通过本机关网站和政务新媒体主动公开政府信息共计{total}条，其中政策文件{a}条、工作动态{b}条、通知公告{c}条。",
    "依申请公开": "依申请公开情况。本年共收到政府信息公开申请{received}件，均在法定期限内答复。",
    "政府信息管理": "政府信息管理情况。严格落实公文公开属性源头认定和保密审查制度，及时清理已公开的政府信息。",
    "平台建设": "平台建设情况。优化政府信息公开专栏的栏目设置，提升平台的友好度和易用性。",
    "监督保障": "监督保障情况。将政府信息公开工作纳入年度绩效考核，组织业务培训两次，未发生责任追究情况。",
}
_SECTION_BODIES = {
    4: "本年度被申请行政复议{reviews}件，被提起行政诉讼{lawsuits}件。",
}


def _blocks(t: Template, year, agency, values, published, period_year, title_year, plan_year, topics, fee, items,
            problems=None) -> list[Block]:
    lay = table3_layout(t)
    _, t4_total = table4_parts(t)
    received = _number(values, ("三", lay.received, lay.total_column))
    reviews = _number(values, ("四", t.table4_groups[0], t4_total))
    lawsuits = sum(_number(values, ("四", g, t4_total)) for g in t.table4_groups[1:])
    blocks: list[Block] = [Paragraph(f"{agency}{title_year}年政府信息公开工作年度报告", "title")]
    headings = "、".join(s.heading for s in t.sections)
    blocks.append(Paragraph(
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制，内容包括{headings}。"
        f"本报告中所列数据的统计期限自{period_year}年1月1日起至{period_year}年12月31日止。"
    ))
    for index, spec in enumerate(t.sections, start=1):
        blocks.append(Paragraph(f"{spec.number}、{spec.heading}", "heading", index))
        if index == 1:
            blocks.append(Paragraph(f"{year}年，{agency}认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，各项工作有序推进。", "body", 1))
            for n, topic in enumerate(topics, start=1):
                text = _TOPIC_TEXT.get(topic, f"{topic}情况。相关工作按计划推进。")
                text = text.format(year=year, total=sum(items), a=items[0], b=items[1], c=items[2], received=received)
                blocks.append(Paragraph(f"（{CHINESE_NUMERALS[n]}）{text}", "body", 1))
        elif index == 2:
            blocks.append(table2_grid(t, values))
        elif index == 3:
            blocks.append(table3_grid(t, values))
        elif index == 4:
            blocks.append(Paragraph(_SECTION_BODIES[4].format(reviews=reviews, lawsuits=lawsuits), "body", 4))
            blocks.append(table4_grid(t, values))
        elif index == 5 and problems is not None:
            blocks.extend(Paragraph(text, "body", 5) for text in problems)
        elif index == 5:
            blocks.append(Paragraph(f"{year}年，本机关政府信息公开工作还存在一些不足：公开内容的深度有待拓展，政策解读形式较为单一。", "body", 5))
            blocks.append(Paragraph(f"{plan_year}年，本机关将进一步丰富解读形式，提升政府信息公开质量。", "body", 5))
        elif index == 6:
            if fee:
                blocks.append(Paragraph("依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费0元。", "body", 6))
            else:
                blocks.append(Paragraph("本年度无其他需要报告的事项。", "body", 6))
    blocks.append(Paragraph(agency, "signature"))
    if published is not None:
        blocks.append(Paragraph(f"{published.year}年{published.month}月{published.day}日", "date"))
    return blocks


# --- grids -----------------------------------------------------------------------------------------


def _cell(text: str, kind: str = "label", **kw) -> GridCell:
    return GridCell(text, kind, **kw)


def _covered(how: str) -> GridCell:
    return GridCell("", "pad", merged=how)


def table2_grid(t: Template, values: Mapping[Key, Value]) -> TableGrid:
    """Table 二: per block a caption row across the table, a header row, its data rows; a block with
    fewer columns than the widest lets its last column span the rest (as printed)."""
    width = 1 + max(len(b.columns) for b in t.table2)
    rows: list[tuple[GridCell, ...]] = []
    for block in t.table2:
        rows.append((_cell(block.caption, "caption", colspan=width), *[_covered("col")] * (width - 1)))
        rows.append(_spread([_cell("信息内容", "header")] + [_cell(c.label, "header") for c in block.columns], width))
        for row in block.rows:
            cells = [_cell(row.label)]
            for c in block.columns:
                key = ("二", row.key, c.label)
                cells.append(_cell(format_value(values[key]), "value", key=key))
            rows.append(_spread(cells, width))
    return TableGrid("二", tuple(rows), 2, header_rows=0)


def _spread(cells: list[GridCell], width: int) -> tuple[GridCell, ...]:
    extra = width - len(cells)
    if extra <= 0:
        return tuple(cells)
    last = dataclasses.replace(cells[-1], colspan=1 + extra)
    return (*cells[:-1], last, *[_covered("col")] * extra)


def table3_grid(t: Template, values: Mapping[Key, Value]) -> TableGrid:
    """Table 三 as printed: three header rows under the 勾稽 note; three label columns (group, sub-group,
    row label) merged where a label spans rows or columns; seven figure columns."""
    columns = t.table3_columns
    applicants = table3_layout(t).applicants
    n = len(columns)
    width = 3 + n
    header = [
        (_cell(t.table3_note, "header", rowspan=3, colspan=3), _covered("col"), _covered("col"),
         _cell("申请人情况", "header", colspan=n), *[_covered("col")] * (n - 1)),
        (_covered("row"), _covered("col"), _covered("col"), _cell(columns[0], "header", rowspan=2),
         _cell("法人或其他组织", "header", colspan=len(applicants) - 1), *[_covered("col")] * (len(applicants) - 2),
         _cell(columns[-1], "header", rowspan=2)),
        (_covered("row"), _covered("col"), _covered("col"), _covered("row"),
         *[_cell(c, "header") for c in applicants[1:]], _covered("row")),
    ]
    specs = list(t.table3_rows)
    group_span = {g: sum(1 for r in specs if r.group == g) for g in {r.group for r in specs if r.group}}
    sub_span = {s: sum(1 for r in specs if r.sub == s) for s in {r.sub for r in specs if r.sub}}
    rows = list(header)
    seen_group: set[str] = set()
    seen_sub: set[str] = set()
    for spec in specs:
        figures = [_cell(format_value(values[("三", spec.key, c)]), "value", key=("三", spec.key, c)) for c in columns]
        if spec.group is None:
            labels = [_cell(spec.label, colspan=3), _covered("col"), _covered("col")]
        else:
            if spec.group in seen_group:
                first = _covered("row")
            else:
                first = _cell(spec.group, "group", rowspan=group_span[spec.group])
                seen_group.add(spec.group)
            if spec.sub is None:
                labels = [first, _cell(spec.label, colspan=2), _covered("col")]
            else:
                if spec.sub in seen_sub:
                    second = _covered("row")
                else:
                    second = _cell(spec.sub, "group", rowspan=sub_span[spec.sub])
                    seen_sub.add(spec.sub)
                labels = [first, second, _cell(spec.label)]
        rows.append((*labels, *figures))
    assert all(len(r) == width for r in rows)
    return TableGrid("三", tuple(rows), 3, header_rows=len(header))


def table4_grid(t: Template, values: Mapping[Key, Value]) -> TableGrid:
    """Table 四: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉), each with its five result columns."""
    cols = t.table4_columns
    k = len(cols)
    groups = t.table4_groups
    top: dict[str, int] = {}
    for g in groups:
        head = g.split("/")[0]
        top[head] = top.get(head, 0) + k
    row1: list[GridCell] = []
    for head, span in top.items():
        row1 += [_cell(head, "header", colspan=span)] + [_covered("col")] * (span - 1)
    row2: list[GridCell] = []
    row3: list[GridCell] = []
    for g in groups:
        if "/" in g:
            row2 += [_cell(g.split("/", 1)[1], "header", colspan=k)] + [_covered("col")] * (k - 1)
            row3 += [_cell(c, "header") for c in cols]
        else:
            row2 += [_cell(c, "header", rowspan=2) for c in cols]
            row3 += [_covered("row")] * k
    data = [_cell(format_value(values[("四", g, c)]), "value", key=("四", g, c)) for g in groups for c in cols]
    return TableGrid("四", (tuple(row1), tuple(row2), tuple(row3), tuple(data)), 4, header_rows=3)


# --- rendering -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderOptions:
    """What copying a report out of Word, WPS, a PDF or a web page does to it."""

    split_labels: bool = False  # long labels broken over lines (商业\n企业), as the layout does it
    page_break: bool = False  # table 三's header repeated part-way down, after a page break
    crlf: bool = False  # CRLF line ends
    title_break: bool = False  # the title over two lines: …政府信息公开工作 / 年度报告
    glued: bool = False  # crawler: nothing separates paragraphs, headings and table cells


def render(report: GeneratedReport, layout: str, options: RenderOptions | None = None, **kw) -> str:
    """The report's text in ``layout`` (one of ``LAYOUTS``). Keyword arguments set RenderOptions."""
    options = dataclasses.replace(options or RenderOptions(), **kw)
    try:
        renderer = _RENDERERS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}") from None
    lines = renderer(report, options)
    return ("\r\n" if options.crlf else "\n").join(lines) + ("\r\n" if options.crlf else "\n")


def _title_lines(text: str, options: RenderOptions) -> list[str]:
    if options.title_break and text.endswith("年度报告"):
        return [text[: -len("年度报告")], "年度报告"]
    return [text]


def _split(text: str) -> tuple[str, str] | None:
    """Where a label breaks when copied: near its middle, never inside its numbering; short labels
    (3.其他, 规章) do not break."""
    if len(text) < 4:
        return None
    start = 0
    for prefix_end in range(len(text)):
        if text[prefix_end] in "）.、．":
            start = prefix_end + 1
            break
        if prefix_end > 4:
            break
    body = len(text) - start
    if body < 4:
        return None
    cut = start + body // 2
    return text[:cut], text[cut:]


def _with_page_break(grid: TableGrid, options: RenderOptions) -> list[tuple[GridCell, ...]]:
    rows = list(grid.rows)
    if options.page_break and grid.table == "三" and grid.header_rows:
        at = grid.header_rows + (len(rows) - grid.header_rows) // 2
        rows = rows[:at] + [_PAGE_BREAK] + rows[: grid.header_rows] + rows[at:]
    return rows


_PAGE_BREAK: tuple[GridCell, ...] = ()  # marks where a page ends inside a table


def _is_label(cell: GridCell) -> bool:
    return cell.kind in ("label", "group", "header") and cell.merged is None and bool(cell.text)


def _cell_per_line(report: GeneratedReport, options: RenderOptions) -> list[str]:
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            lines.extend(_title_lines(block.text, options) if block.role == "title" else [block.text])
            continue
        for row in _with_page_break(block, options):
            if row is _PAGE_BREAK:
                lines.append("")
                continue
            for cell in row:
                if cell.merged == "col":
                    continue
                parts = _split(cell.text) if options.split_labels and _is_label(cell) and cell.kind != "caption" else None
                if parts:
                    lines.extend(("\t" + parts[0], parts[1]))
                else:
                    lines.append("\t" + cell.text)
            lines.append("")
        lines.append("")
    return lines


def _tab_rows(report: GeneratedReport, options: RenderOptions) -> list[str]:
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            lines.extend(_title_lines(block.text, options) if block.role == "title" else [block.text])
            lines.append("")
            continue
        rows = _with_page_break(block, options)
        texts = [[c.text for c in row] for row in rows]
        if options.split_labels:
            _split_tab_labels(rows, texts)
        for row, text in zip(rows, texts):
            lines.append("" if row is _PAGE_BREAK else "\t".join(text))
        lines.append("")
    return lines


def _split_tab_labels(rows, texts) -> None:
    """As seed 004: a merged group label split between its first row and the next (三、本年 / 度办理结果),
    a sub-group label broken by a space (不予 公开)."""
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.kind != "group" or cell.merged:
                continue
            parts = _split(cell.text)
            if not parts:
                continue
            if cell.rowspan > 1 and r + 1 < len(rows) and rows[r + 1] is not _PAGE_BREAK and rows[r + 1][c].merged == "row":
                texts[r][c], texts[r + 1][c] = parts
            else:
                texts[r][c] = " ".join(parts)


def _space_rows(report: GeneratedReport, options: RenderOptions) -> list[str]:
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            lines.extend(_title_lines(block.text, options) if block.role == "title" else [block.text])
            lines.append("")
            continue
        for row in _with_page_break(block, options):
            if row is _PAGE_BREAK:
                continue
            labels = [c for c in row if c.kind != "value" and c.merged is None and c.text]
            figures = [c.text or "0" for c in row if c.kind == "value"]
            if not figures:
                lines.append(" ".join(c.text for c in labels))
                lines.append("")
                continue
            for cell in labels[:-1]:  # group labels stand on lines of their own
                parts = _split(cell.text) if options.split_labels else None
                lines.extend((parts[0], "", parts[1]) if parts else (cell.text,))
            last = labels[-1].text if labels else ""
            parts = _split(last) if options.split_labels and len(last) > 20 else None
            if parts:  # a long label broken, its figures on a line of their own (seed 002)
                lines.extend((parts[0], "", parts[1], " ".join(figures)))
            else:
                lines.append(" ".join([last, *figures]).strip())
            lines.append("")
    return lines


def _markdown(report: GeneratedReport, options: RenderOptions) -> list[str]:
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            prefix = {"title": "# ", "heading": "## "}.get(block.role, "")
            lines.extend((prefix + block.text, ""))
            continue
        for i, row in enumerate(_with_page_break(block, options)):
            if row is _PAGE_BREAK:
                continue
            lines.append("| " + " | ".join(c.text for c in row) + " |")
            if i == 0:
                lines.append("|" + "---|" * len(row))
        lines.append("")
    return lines


_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def _crawler(report: GeneratedReport, options: RenderOptions) -> list[str]:
    sep = "" if options.glued else " "
    date = next((b.text for b in report.blocks if isinstance(b, Paragraph) and b.role == "date"), None)
    m = _CN_DATE.match(date or "")
    stamp = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d} 09:30" if m else ""
    title = report.title
    lines = [
        f"标题: {title}", f"发布时间: {stamp}", "文号: ", "发布机构: ", "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/xxgknb/{report.year + 1}01/t{report.year + 1}0115_1001.htm",
        f"本地目录: zwgk/xxgknb/{report.year + 1}01/1001_{title}", "页面链接与图片详见 links.tsv(同目录)",
        "==================== 正文 ====================",
    ]
    page = [f"当前位置： 首页政务公开政府信息公开{report.agency}政府信息公开年报 {title} 来源： 时间：{stamp} "
            "--> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： "]
    pieces: list[str] = []
    for block in report.blocks:
        if isinstance(block, Paragraph):
            pieces.append(block.text)
            continue
        for row in _with_page_break(block, options):
            for cell in row:
                if cell.merged:
                    continue
                text = cell.text or ("0" if cell.kind == "value" else "")
                if text:
                    pieces.append(text)
    body = sep.join(pieces)
    lines.append(page[0] + body + " 附件下载")
    return lines


_RENDERERS = {
    "cell-per-line": _cell_per_line,
    "tab-rows": _tab_rows,
    "space-rows": _space_rows,
    "markdown": _markdown,
    "crawler": _crawler,
}
