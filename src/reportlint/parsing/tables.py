"""Recover tables 二, 三 and 四 from the report's lines, whatever the layout.

Each table is found by its anchors (the caption 第二十条第（N）项, the 勾稽 note, 行政复议), turned
into rows of cells (:mod:`reportlint.parsing.rows`), and read by matching the format's row labels in
order (:mod:`reportlint.parsing.labels`) and aligning the figures after each label to the format's
columns. Figures that ran together are decoded for the whole table at once
(:mod:`reportlint.parsing.figures`). What cannot be placed is a :class:`TableProblem`, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from reportlint.core.model import Caption, Cue, LabelUse, TableCell, TableProblem
from reportlint.core.numerals import number
from reportlint.core.templates import Block, RowSpec, TableWords, Template
from reportlint.core.text import norm
from reportlint.parsing import heuristics as h
from reportlint.parsing.figures import decode, parse_value, readings
from reportlint.parsing.labels import best_row, best_score, label_use, row_label, scores
from reportlint.parsing.rows import Row, align, end_column, is_label, rows_of
from reportlint.parsing.text import Cell, is_placeholder, is_value

CAPTION = re.compile(r"第\s*([一二三四五六七八九十百零〇\d]+)\s*条\s*第\s*[（(]\s*([一二三四五六七八九十\d]+)\s*[）)]\s*项")


@dataclass
class TableResult:
    cells: list[TableCell] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    labels: list[LabelUse] = field(default_factory=list)
    problems: list[TableProblem] = field(default_factory=list)
    #: Rows of another format found in this table: (that format's id, where).
    foreign: list[tuple[str, Cue]] = field(default_factory=list)


def words_of(templates: Sequence[Template]) -> TableWords:
    """The header words of every known format together (a provincial variant may omit its own)."""
    def merged(attr):
        return tuple(dict.fromkeys(w for t in templates for w in getattr(t.words, attr)))

    return TableWords(
        table2_header=next((t.words.table2_header for t in templates if t.words.table2_header), ""),
        table3_anchors=merged("table3_anchors"),
        table3_header=merged("table3_header"),
        table4_anchor=next((t.words.table4_anchor for t in templates if t.words.table4_anchor), ""),
        table4_confirm=merged("table4_confirm"),
    )


# --- where the tables are ------------------------------------------------------------------------


def locate(lines: Sequence[str], words: TableWords) -> dict[str, tuple[int, int]]:
    """Line ranges (1-based, inclusive) of the three tables, by their anchors."""
    n = len(lines)
    t2 = next((i for i in range(1, n + 1) if CAPTION.search(lines[i - 1]) and len(lines[i - 1].strip()) < h.CAPTION_LINE_CHARS), None)
    t3 = None
    for i in range(t2 or 1, n + 1):
        text = lines[i - 1]
        if any(a in text for a in words.table3_anchors) and len(text.strip()) < h.TABLE3_ANCHOR_LINE_CHARS:
            t3 = i
            break
    t4 = None
    anchor = words.table4_anchor
    for i in range(t3 or t2 or 1, n + 1):
        if anchor and anchor in lines[i - 1] and len(lines[i - 1].strip()) < h.TABLE4_ANCHOR_LINE_CHARS:
            window = "".join(lines[i - 1 : i + h.TABLE4_CONFIRM_LINES])
            if any(all(w in window for w in group) for group in words.table4_confirm):
                t4 = i
                break
    regions = {}
    if t2:
        regions["二"] = (t2, (t3 - 1) if t3 else min(n, t2 + h.TABLE2_MAX_LINES))
    if t3:
        regions["三"] = (t3, (t4 - 1) if t4 else min(n, t3 + h.TABLE3_MAX_LINES))
    if t4:
        regions["四"] = (t4, min(n, t4 + h.TABLE4_MAX_LINES))
    return regions


# --- figures after a label ----------------------------------------------------------------------

_GLUED_TOKEN = re.compile(r"[+\-−－]?\d+(?:[.．]\d+)?(?:万元|亿元|元)?")


class Figures(NamedTuple):
    """How a row's figures stand: ``cells`` aligned to the columns, ``glued`` tokens to be decoded,
    or ``missing``/``too-many`` (how many figures there are)."""

    how: str
    cells: list[Cell]


def row_figures(after: list[Cell], n: int, row: Row, label: Cell | None) -> Figures:
    """Fit the cells after a row's label to its ``n`` columns.

    Where the layout writes no separator between cells (a web copy), fewer figures than columns are
    figures that ran together, if the text shows it: a figure touching its label
    (``行政许可447228``), one written with a leading zero (``00``, ``01``: no count is written so), or
    as many digits as columns or more (``数量 8000008``: a crawler put a space after the label only).
    Otherwise too few figures means cells were lost (a blank cell in a space-separated row). A run
    read as glued is taken only where exactly one reading fits the identities, else it is RL308.
    """
    filled = [c for c in after if not c.blank]
    if not row.explicit and 0 < len(filled) < n and all(_GLUED_TOKEN.fullmatch(c.text) for c in filled):
        touching = label is not None and filled[0].line == label.line and filled[0].column == label.end_column
        zero_led = any(len(c.text) > 1 and c.text[0] == "0" and c.text[1:2].isdigit() for c in filled)
        digits = sum(len(c.text) for c in filled)
        if (touching or zero_led or any(len(c.text) > 1 for c in filled)) and digits >= n:
            return Figures("glued", filled)
        if zero_led:  # "000000" for seven cells: figures that ran together, one of them lost
            return Figures("glued", filled)
    aligned = align(after, n)
    if aligned is None:
        return Figures("too-many", filled)
    if len(aligned) < n and not row.explicit:
        return Figures("missing", filled)
    return Figures("cells", aligned)


class Glued(NamedTuple):
    """A run of figures to decode: the cells it fills (keys and kinds), as written (tokens)."""

    row: str
    keys: list[tuple[str, str]]
    kinds: list[str]
    tokens: list[Cell]
    label: Cell


def decode_glued(result: TableResult, table: str, glued: Sequence[Glued], instances=()) -> None:
    """Read every glued run of one table at once; what stays unread is a TableProblem."""
    fixed = {(c.row, c.column): c.value for c in result.cells if c.table == table and isinstance(c.value, int)}
    options = []
    listed = []
    for run in glued:
        found = readings([c.text for c in run.tokens], run.kinds)
        listed.append(found)
        if found is None:
            options.append(None)
            continue
        options.append([{key: _number(run.tokens[s.token].text[s.start : s.end]) for key, s in zip(run.keys, reading)}
                        for reading in found])
    decoding = decode(fixed, options, instances)
    for i, run in enumerate(glued):
        figures = " ".join(c.text for c in run.tokens)
        if i not in decoding.chosen:
            reason, count = decoding.unresolved.get(i, ("unreadable", 0))
            args = {"row": run.row, "figures": figures, "readings": count}
            if reason == "unreadable" and listed[i] is not None:
                args["readings"] = len(listed[i])
            result.problems.append(TableProblem(table, f"glued-{reason}", args, run.label.line, run.label.column))
            if reason == "ambiguous" and listed[i]:
                # the cells every reading cuts the same way are read: 3100 under 上一年项目数量/本年增/减/
                # 处理决定数量 is 3/10/0 or 31/0/0, its last cell 0 either way
                same = [k for k, s in enumerate(listed[i][0]) if all(r[k] == s for r in listed[i][1:])]
                _emit_reading(result, table, run, listed[i][0], same)
            continue
        _emit_reading(result, table, run, listed[i][decoding.chosen[i]])


def _emit_reading(result: TableResult, table: str, run: Glued, reading, only: Sequence[int] | None = None) -> None:
    for k, ((row_key, column), kind, s) in enumerate(zip(run.keys, run.kinds, reading)):
        if only is not None and k not in only:
            continue
        token = run.tokens[s.token]
        raw = token.text[s.start : s.end]
        value, problem = parse_value(raw, kind)
        start = token.column + s.start
        result.cells.append(TableCell(table, row_key, column, raw, value, kind, token.line, start, start + len(raw), problem,
                                      decoded=True))


def _number(text: str) -> int:
    value, _ = parse_value(text, "signed")
    return value if isinstance(value, int) else 0


def _emit(result: TableResult, table: str, row_key: str, columns: Sequence[str], kinds: Sequence[str],
          aligned: list[Cell], label: Cell) -> None:
    padded = aligned + [None] * (len(columns) - len(aligned))
    for column, kind, cell in zip(columns, kinds, padded):
        if cell is None:
            cell = Cell("", label.line, label.end_column, label.end_column)
        value, problem = parse_value(cell.text, kind)
        result.cells.append(TableCell(table, row_key, column, cell.text, value, kind, cell.line, cell.column, end_column(cell), problem))


def _figures_problem(result: TableResult, table: str, row: str, figures: Figures, n: int, label: Cell) -> None:
    reason = "too-many-figures" if figures.how == "too-many" else "missing-figures"
    result.problems.append(TableProblem(table, reason, {"row": row, "found": len(figures.cells), "expected": n}, label.line, label.column))


# --- Table 二 ----------------------------------------------------------------------------------------


def parse_table2(lines: Sequence[str], region: tuple[int, int] | None, template: Template, words: TableWords) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("二", "missing-table"))
        return result
    specs: list[tuple[Block, RowSpec]] = [(b, r) for b in template.table2 for r in b.rows]
    row_specs = tuple(r for _, r in specs)
    matched: set[int] = set()
    position = 0
    captions_raw: list[tuple[Cell, int | None, int | None]] = []
    caption_rows: list[list[str]] = []
    header: list[Cell] = []  # the block's 信息内容 row: where its figure columns stand
    for row in rows_of(lines, *region):
        labels, after = row.split()
        caption_cell = next((c for c in row.cells if CAPTION.search(c.text)), None)
        if caption_cell is not None:
            m = CAPTION.search(caption_cell.text)
            col = caption_cell.column + m.start()
            captions_raw.append((Cell(m.group(0), caption_cell.line, col, col + len(m.group(0))), number(m.group(1)), number(m.group(2))))
            caption_rows.append([])
            continue
        if not labels:
            continue
        label_cell = labels[-1]
        if words.table2_header and words.table2_header in norm(labels[0].text):
            header = row.cells
            continue
        idx, score = best_row(label_cell.text, "".join(c.text for c in labels), row_specs, position)
        if idx < 0 or score < h.LABEL_ACCEPT:
            continue
        block, spec = specs[idx]
        matched.add(idx)
        position = idx + 1
        if caption_rows:
            caption_rows[-1].append(spec.key)
        result.labels.append(label_use("二", spec.label, label_cell, template.label_variants))
        columns = [c.label for c in block.columns]
        kinds = [c.kind for c in block.columns]
        under = _under_header(row, header, len(columns))
        figures = Figures("cells", under) if under is not None else row_figures(after, len(columns), row, label_cell)
        if figures.how == "glued":
            run = Glued(spec.label, [(spec.key, c) for c in columns], kinds, figures.cells, label_cell)
            decode_glued(result, "二", [run])
        elif figures.how == "cells":
            _emit(result, "二", spec.key, columns, kinds, figures.cells, label_cell)
        else:
            _figures_problem(result, "二", spec.label, figures, len(columns), label_cell)
    for idx, (block, spec) in enumerate(specs):
        if idx not in matched:
            result.problems.append(TableProblem("二", "missing-row", {"row": spec.label, "caption": block.caption}, region[0], 1))
    block_of = {r.key: b for b, r in specs}
    for (cell, article, item), keys in zip(captions_raw, caption_rows):
        items = {block_of[k].item for k in keys}
        expected = block_of[keys[0]].caption if len(items) == 1 else None
        result.captions.append(Caption(cell.text, cell.line, cell.column, cell.end_column, article, item, tuple(keys), expected))
    return result


def _under_header(row: Row, header: list[Cell], n: int) -> list[Cell] | None:
    """The figures of a table-二 row that stand under its block's n column headings. Rows padded to
    the widest block (a blank before or after the figures) are ambiguous by position alone; the
    header row, padded the same way, says which cells are figures. None where it cannot say."""
    if len(row.cells) != len(header) or len(row.cells) <= n + 1:
        return None
    first = next((i for i, c in enumerate(header) if is_label(c)), 0)
    positions = [i for i, c in enumerate(header) if i > first and not c.blank]
    if len(positions) != n:
        return None
    return [row.cells[i] for i in positions]


# --- Table 三 ---------------------------------------------------------------------------------------


def parse_table3(lines: Sequence[str], region: tuple[int, int] | None, template: Template,
                 templates: Sequence[Template], words: TableWords) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("三", "missing-table"))
        return result
    specs = template.table3_rows
    columns = list(template.table3_columns)
    ncols = len(columns)
    kinds = ["count"] * ncols
    own_keys = {s.key for s in specs}
    foreign = [(t, r) for t in templates if t is not template for r in t.table3_rows if r.key not in own_keys]
    position = 0
    matched: set[int] = set()
    pending: list[Cell] = []
    unfilled: tuple[int, Cell] | None = None  # a label that stood alone: blank, if the next label is a later row
    glued: list[Glued] = []

    def blank_row(idx: int, label: Cell) -> None:
        nonlocal position
        matched.add(idx)
        position = idx + 1
        result.labels.append(label_use("三", specs[idx].label, label, template.label_variants))
        _emit(result, "三", specs[idx].key, columns, kinds, [], label)

    for row in rows_of(lines, *region):
        labels, after = _word_figures(row, *row.split(), ncols)
        has_value = any(not c.blank and (is_value(c.text) or is_placeholder(c.text)) for c in after)
        header_at = [i for i, c in enumerate(labels) if any(w in norm(c.text) for w in words.table3_header)]
        if header_at:
            pending, unfilled = [], None
            if not has_value:
                continue
            labels = labels[header_at[-1] + 1 :]  # a header cell run into the first row's cells
            if not labels:
                continue
        if labels:
            names = _names_row(labels[-1], specs, position)
            if unfilled is not None and names is not None and names > unfilled[0] and unfilled[0] not in matched:
                blank_row(*unfilled)  # the label before stood alone, and this one is a later row
                pending = []
            unfilled = None
            if not has_value:
                if row.explicit and after and names is not None:
                    blank_row(names, labels[-1])  # a row of blank cells (&nbsp; in a web table)
                    pending = []
                    continue
                if names is not None:
                    unfilled = (names, labels[-1])
                pending = (pending + labels)[-h.PENDING_PIECES :]
                continue
        elif not has_value:
            continue
        unfilled = None
        label_cells = labels or pending
        if not label_cells:
            continue
        label_text = label_cells[-1].text
        context = "".join(c.text for c in (pending + labels))
        split_label = not labels and len(pending) > 1
        if split_label:
            label_text = row_label(pending)
        elif labels and pending:
            # A PDF copy breaks a label around its figures: try it joined with the pieces before.
            joined = row_label([c for c in pending + labels if len(c.text) > 3 or c is labels[-1]])
            if best_score(joined, specs, position) > best_score(label_text, specs, position) + h.JOIN_GAIN:
                label_text, split_label = joined, True
        pending = []
        idx, score = best_row(label_text, context, specs, position)
        other = _foreign_row(label_text, foreign)
        if other is not None and score < 1.0:
            template_id, spec = other
            cell = label_cells[-1]
            result.foreign.append((template_id, Cue(spec.label, cell.line, cell.column)))
            result.problems.append(TableProblem("三", "foreign-row", {"row": spec.label, "template": template_id}, cell.line, cell.column))
            continue
        if idx < 0 or score < h.LABEL_ACCEPT:
            continue
        spec = specs[idx]
        matched.add(idx)
        position = idx + 1
        label = label_cells[-1]
        result.labels.append(label_use("三", spec.label, label, template.label_variants, label_text if split_label else None))
        figures = row_figures(after, ncols, row, label)
        if figures.how == "glued":
            glued.append(Glued(spec.label, [(spec.key, c) for c in columns], kinds, figures.cells, label))
        elif figures.how == "cells":
            _emit(result, "三", spec.key, columns, kinds, figures.cells, label)
        else:
            _figures_problem(result, "三", spec.label, figures, ncols, label)
    if unfilled is not None and unfilled[0] not in matched:
        blank_row(*unfilled)  # the table's last label stood alone
    if glued:
        decode_glued(result, "三", glued, template.instances("三"))
    replaced = {norm(cue.text) for _, cue in result.foreign}
    for idx, spec in enumerate(specs):
        if idx in matched:
            continue
        if spec.sub is not None and norm(spec.sub) in replaced:
            continue  # the other format's single row stands for these: reported once, there
        result.problems.append(TableProblem("三", "missing-row", {"row": spec.key}, region[0], 1))
    return result


def _names_row(label: Cell, specs: tuple[RowSpec, ...], position: int) -> int | None:
    """The data row from ``position`` on that a label names word for word (its distinctive words at
    least): the first of the best, or None."""
    best, best_value = None, h.LABEL_CONTAINED - 1e-9
    for offset, score in enumerate(scores(label.text, specs, False, position)):
        if score > best_value:
            best, best_value = position + offset, score
    return best


def _foreign_row(label_text: str, foreign) -> tuple[str, RowSpec] | None:
    """A row label of another format, found word for word (the 2019 （六）其他处理 in a 2021 table)."""
    key = norm(label_text)
    for template, spec in foreign:
        if norm(spec.label) == key:
            return template.id, spec
    return None


_FIGURE_WORD = re.compile(r"^[^\d（()、.．]{1,4}$")


def _word_figures(row: Row, labels: list[Cell], after: list[Cell], n: int) -> tuple[list[Cell], list[Cell]]:
    """A word written where a figure belongs (若干, 不详) is that figure's cell, not the row's label:
    so read when the row's last n cells are figures but for such short words, each followed by a
    figure (a word after the last figure is a label broken around the figures), with a label before."""
    if len(after) >= n or len(row.cells) <= n:
        return labels, after
    head, tail = row.cells[:-n], row.cells[-n:]
    words = [i for i, c in enumerate(tail) if is_label(c)]
    label_cells = [c for c in head if is_label(c)]
    if not words or not label_cells or not all(_FIGURE_WORD.match(tail[i].text) for i in words):
        return labels, after
    if any(not any(is_value(c.text) for c in tail[i + 1 :]) for i in words):
        return labels, after
    return label_cells, tail


# --- Table 四 ---------------------------------------------------------------------------------------


def parse_table4(lines: Sequence[str], region: tuple[int, int] | None, template: Template, words: TableWords) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("四", "missing-table"))
        return result
    keys = [(group, column) for group in template.table4_groups for column in template.table4_columns]
    n = len(keys)
    figures: list[Cell] = []
    layout_row: Row | None = None
    header: Cell | None = None  # the header word the figures follow on the same line (a web copy)
    for row in rows_of(lines, *region):
        labels, after = row.split()
        if labels:  # header rows; a label after the figures ends the table
            if figures:
                break
            header_words = any(w in norm(labels[-1].text) for group in words.table4_confirm for w in group)
            if not header_words or not any(not c.blank for c in after):
                continue  # a header row, or a sentence with a figure (被申请行政复议3件)
            figures.extend(after)  # the header and the figures on one line (a web copy)
            header = labels[-1]
        else:
            if all(c.blank for c in row.cells):
                continue
            figures.extend(row.cells)
        layout_row = layout_row or row
        if sum(1 for c in figures if not c.blank) >= n:
            break
    first_line = region[0]
    if not figures or layout_row is None:
        result.problems.append(TableProblem("四", "missing-figures", {"row": "行政复议、行政诉讼", "found": 0, "expected": n}, first_line, 1))
        return result
    found = row_figures(figures, n, layout_row, header)
    if found.how == "glued":
        decode_glued(result, "四", [Glued("行政复议、行政诉讼", keys, ["count"] * n, found.cells, found.cells[0])], template.instances("四"))
        return result
    if found.how != "cells" or len(found.cells) < n:
        first = found.cells[0] if found.cells else figures[0]
        count = sum(1 for c in figures if not c.blank)
        result.problems.append(TableProblem("四", "too-many-figures" if found.how == "too-many" else "missing-figures",
                                            {"row": "行政复议、行政诉讼", "found": count, "expected": n}, first.line, first.column))
        return result
    for (group, column), cell in zip(keys, found.cells):
        value, problem = parse_value(cell.text, "count")
        result.cells.append(TableCell("四", group, column, cell.text, value, "count", cell.line, cell.column, end_column(cell), problem))
    return result
