"""Recover tables 二, 三 and 四 from the report's lines, whatever the layout.

Each table is found by its anchors (the caption 第二十条第（N）项, the 勾稽 note, 行政复议), turned
into rows of cells (:mod:`reportlint.parsing.rows`), and read by matching the format's row labels in
order (:mod:`reportlint.parsing.labels`) and aligning the figures after each label to the format's
columns. Figures that ran together are decoded for the whole table at once
(:mod:`reportlint.parsing.figures`). What cannot be placed is a :class:`TableProblem`, never a guess.
"""

from dataclasses import dataclass, field
from typing import Callable, NamedTuple, Sequence

from reportlint.core.model import Caption, Cue, LabelUse, TableCell, TableProblem
from reportlint.core.numerals import number
from reportlint.core.patterns import lazy
from reportlint.core.templates import Block, RowSpec, TableWords, Template
from reportlint.core.text import norm
from reportlint.parsing import heuristics as h
from reportlint.parsing.figures import decode, parse_value, readings
from reportlint.parsing.labels import best_row, best_score, label_use, row_label, scores
from reportlint.parsing.rows import Row, align, end_column, is_label, rows_of
from reportlint.parsing.text import Cell, is_placeholder, is_value

LineCells = Callable[[int], tuple[list[Cell], str]]  # a line's cells, split once (parsing.tokens.LineCells)

CAPTION = lazy(r"第\s*([一二三四五六七八九十百零〇\d]+)\s*条\s*第\s*[（(]\s*([一二三四五六七八九十\d]+)\s*[）)]\s*项")


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

_GLUED_TOKEN = lazy(r"[+\-−－]?\d+(?:[.．]\d+)?(?:万元|亿元|元)?")


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


def _emit_cells(result: TableResult, table: str, keys: Sequence[tuple[str, str]], kinds: Sequence[str],
                aligned: Sequence[Cell], label: Cell) -> None:
    """The cells ``keys`` from the figures aligned to them; those past the figures are blank, at the
    label's end."""
    padded = list(aligned) + [None] * (len(keys) - len(aligned))
    add, make = result.cells.append, tuple.__new__  # TableCell(...) without its keyword handling
    for (row_key, column), kind, cell in zip(keys, kinds, padded):
        if cell is None:
            cell = Cell("", label.line, label.end_column, label.end_column)
        value, problem = parse_value(cell.text, kind)
        add(make(TableCell, (table, row_key, column, cell.text, value, kind, cell.line, cell.column, end_column(cell), problem,
                             None, False)))


def place_figures(result: TableResult, table: str, row: str, keys: Sequence[tuple[str, str]], kinds: Sequence[str],
                  figures: Figures, label: Cell, glued: list[Glued], pad: bool = True, anchor: Cell | None = None) -> None:
    """The one step that puts a row's figures in their cells, for every table: aligned figures are
    cells (``pad``: a short explicit row's missing cells are blank), a glued run waits in ``glued``
    to be decoded with the rest of its table, anything else is a TableProblem at ``anchor`` (the
    label by default)."""
    if figures.how == "glued":
        glued.append(Glued(row, list(keys), list(kinds), figures.cells, label))
        return
    if figures.how == "cells" and (pad or len(figures.cells) >= len(keys)):
        _emit_cells(result, table, keys, kinds, figures.cells, label)
        return
    at = anchor or label
    found = sum(1 for c in figures.cells if not c.blank)
    reason = "too-many-figures" if figures.how == "too-many" else "missing-figures"
    result.problems.append(TableProblem(table, reason, {"row": row, "found": found, "expected": len(keys)}, at.line, at.column))


class RowMatcher:
    """The format's rows of one table, matched in order to the labels found: the one matching step
    of tables 二 and 三 (table 四's rows have no labels of their own). A row further ahead than
    the next expected one scores a little less (:func:`reportlint.parsing.labels.best_row`)."""

    def __init__(self, table: str, specs: tuple[RowSpec, ...], template: Template, result: TableResult) -> None:
        self.table, self.specs, self.variants, self.result = table, specs, template.label_variants, result
        self.position = 0  # the next row expected
        self.matched: set[int] = set()

    def best(self, label_text: str, context: str) -> tuple[int, float]:
        """The row a label (and the text around it) names best from the expected row on, and how well."""
        return best_row(label_text, context, self.specs, self.position)

    def take(self, idx: int, label: Cell, joined: str | None = None) -> None:
        """Row ``idx`` is found at ``label`` (``joined``: the whole label, broken over lines): the
        rows after it are expected next, and how it is worded is recorded (RL504)."""
        self.matched.add(idx)
        self.position = idx + 1
        self.result.labels.append(label_use(self.table, self.specs[idx].label, label, self.variants, joined))

    def missing(self) -> list[int]:
        """The rows never found."""
        return [idx for idx in range(len(self.specs)) if idx not in self.matched]


# --- Table 二 ----------------------------------------------------------------------------------------


def parse_table2(lines: Sequence[str], region: tuple[int, int] | None, template: Template, words: TableWords,
                 cells: LineCells | None = None) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("二", "missing-table"))
        return result
    specs: list[tuple[Block, RowSpec]] = [(b, r) for b in template.table2 for r in b.rows]
    rows = RowMatcher("二", tuple(r for _, r in specs), template, result)
    captions_raw: list[tuple[Cell, int | None, int | None]] = []
    caption_rows: list[list[str]] = []
    header: list[Cell] = []  # the block's 信息内容 row: where its figure columns stand
    for row in rows_of(lines, *region, cells):
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
        idx, score = rows.best(label_cell.text, "".join(c.text for c in labels))
        if idx < 0 or score < h.LABEL_ACCEPT:
            continue
        block, spec = specs[idx]
        rows.take(idx, label_cell)
        if caption_rows:
            caption_rows[-1].append(spec.key)
        columns = [c.label for c in block.columns]
        kinds = [c.kind for c in block.columns]
        under = _under_header(row, header, len(columns))
        figures = Figures("cells", under) if under is not None else row_figures(after, len(columns), row, label_cell)
        glued: list[Glued] = []
        place_figures(result, "二", spec.label, [(spec.key, c) for c in columns], kinds, figures, label_cell, glued)
        if glued:  # table 二 has no identities: each run is read on its own, where it stands
            decode_glued(result, "二", glued)
    for idx in rows.missing():
        block, spec = specs[idx]
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
                 templates: Sequence[Template], words: TableWords, cells: LineCells | None = None) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("三", "missing-table"))
        return result
    reader = _Table3(template, templates, words, result)
    for row in rows_of(lines, *region, cells):
        reader.read(row)
    reader.finish(region)
    return result


class _Table3:
    """Table 三 read row by row. Its jobs, one method each: the header (:meth:`header`), label
    pieces broken over lines (:meth:`gather`, :meth:`label`), rows left blank (:meth:`blank_row`),
    rows of another format (:meth:`foreign_row`), matching a label to the format's row
    (:class:`RowMatcher`, as table 二 does), the figures (:func:`place_figures`, glued runs decoded in :meth:`finish`) and
    the rows never found (:meth:`missing_rows`)."""

    def __init__(self, template: Template, templates: Sequence[Template], words: TableWords, result: TableResult) -> None:
        self.template, self.words, self.result = template, words, result
        self.specs = template.table3_rows
        self.columns = list(template.table3_columns)
        self.kinds = ["count"] * len(self.columns)
        own_keys = {s.key for s in self.specs}
        self.foreign = [(t, r) for t in templates if t is not template for r in t.table3_rows if r.key not in own_keys]
        self.rows = RowMatcher("三", self.specs, template, result)
        self.pending: list[Cell] = []  # label pieces waiting for their figures
        self.unfilled: tuple[int, Cell] | None = None  # a label that stood alone: blank, if the next label is a later row
        self.glued: list[Glued] = []

    def read(self, row: Row) -> None:
        labels, after = _word_figures(row, *row.split(), len(self.columns))
        has_value = any(not c.blank and (is_value(c.text) or is_placeholder(c.text)) for c in after)
        labels = self.header(labels, has_value)
        if labels is None:
            return
        if labels:
            if self.gather(row, labels, after, has_value):
                return
        elif not has_value:
            return
        self.unfilled = None
        found = self.label(labels)
        if found is None:
            return
        label_cells, label_text, context, split_label = found
        idx, score = self.rows.best(label_text, context)
        if self.foreign_row(label_text, score, label_cells[-1]):
            return
        if idx < 0 or score < h.LABEL_ACCEPT:
            return
        label = label_cells[-1]
        self.rows.take(idx, label, label_text if split_label else None)
        spec = self.specs[idx]
        figures = row_figures(after, len(self.columns), row, label)
        place_figures(self.result, "三", spec.label, [(spec.key, c) for c in self.columns], self.kinds, figures, label, self.glued)

    def header(self, labels: list[Cell], has_value: bool) -> list[Cell] | None:
        """The labels of a row that are not the table's header words (None: a header row, done).
        A header forgets the label pieces before it."""
        header_at = [i for i, c in enumerate(labels) if any(w in norm(c.text) for w in self.words.table3_header)]
        if not header_at:
            return labels
        self.pending, self.unfilled = [], None
        if not has_value:
            return None
        labels = labels[header_at[-1] + 1 :]  # a header cell run into the first row's cells
        return labels or None

    def gather(self, row: Row, labels: list[Cell], after: list[Cell], has_value: bool) -> bool:
        """Label cells before their figures: a label alone that a later row's label follows was a
        row of blank cells; a row of explicit blank cells is one; pieces without figures wait for
        theirs. True when the row is done with."""
        names = _names_row(labels[-1], self.specs, self.rows.position)
        if self.unfilled is not None and names is not None and names > self.unfilled[0] and self.unfilled[0] not in self.rows.matched:
            self.blank_row(*self.unfilled)  # the label before stood alone, and this one is a later row
            self.pending = []
        self.unfilled = None
        if has_value:
            return False
        if row.explicit and after and names is not None:
            self.blank_row(names, labels[-1])  # a row of blank cells (&nbsp; in a web table)
            self.pending = []
            return True
        if names is not None:
            self.unfilled = (names, labels[-1])
        self.pending = (self.pending + labels)[-h.PENDING_PIECES :]
        return True

    def label(self, labels: list[Cell]) -> tuple[list[Cell], str, str, bool] | None:
        """(the label's cells, its text, the text around it, whether it was joined from pieces)."""
        pending, specs, position = self.pending, self.specs, self.rows.position
        label_cells = labels or pending
        if not label_cells:
            return None
        label_text = label_cells[-1].text
        context = "".join(c.text for c in (pending + labels))
        split_label = not labels and len(pending) > 1
        if split_label:
            label_text = row_label(pending)
        elif labels and pending:
            # A PDF copy breaks a label around its figures: try it joined with the pieces before.
            joined = row_label([c for c in pending + labels if len(c.text) > h.LABEL_TAIL_CHARS or c is labels[-1]])
            if best_score(joined, specs, position) > best_score(label_text, specs, position) + h.JOIN_GAIN:
                label_text, split_label = joined, True
        self.pending = []
        return label_cells, label_text, context, split_label

    def blank_row(self, idx: int, label: Cell) -> None:
        """A row whose label stands with no figure after it: its cells are blank."""
        self.rows.take(idx, label)
        _emit_cells(self.result, "三", [(self.specs[idx].key, c) for c in self.columns], self.kinds, [], label)

    def foreign_row(self, label_text: str, score: float, cell: Cell) -> bool:
        """A row of another format (the 2019 （六）其他处理 in a 2021 table): a cue of that format
        and a problem of this table, when no row of this one names it exactly."""
        other = _foreign_row(label_text, self.foreign)
        if other is None or score >= 1.0:
            return False
        template_id, spec = other
        self.result.foreign.append((template_id, Cue(spec.label, cell.line, cell.column)))
        self.result.problems.append(TableProblem("三", "foreign-row", {"row": spec.label, "template": template_id}, cell.line, cell.column))
        return True

    def finish(self, region: tuple[int, int]) -> None:
        if self.unfilled is not None and self.unfilled[0] not in self.rows.matched:
            self.blank_row(*self.unfilled)  # the table's last label stood alone
        if self.glued:
            decode_glued(self.result, "三", self.glued, self.template.instances("三"))
        self.missing_rows(region)

    def missing_rows(self, region: tuple[int, int]) -> None:
        replaced = {norm(cue.text) for _, cue in self.result.foreign}
        for idx in self.rows.missing():
            spec = self.specs[idx]
            if spec.sub is not None and norm(spec.sub) in replaced:
                continue  # the other format's single row stands for these: reported once, there
            self.result.problems.append(TableProblem("三", "missing-row", {"row": spec.key}, region[0], 1))


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


_FIGURE_WORD = lazy(rf"^[^\d（()、.．]{{1,{h.FIGURE_WORD_CHARS}}}$")


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


def parse_table4(lines: Sequence[str], region: tuple[int, int] | None, template: Template, words: TableWords,
                 cells: LineCells | None = None) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("四", "missing-table"))
        return result
    keys = [(group, column) for group in template.table4_groups for column in template.table4_columns]
    n = len(keys)
    figures: list[Cell] = []
    layout_row: Row | None = None
    header: Cell | None = None  # the header word the figures follow on the same line (a web copy)
    for row in rows_of(lines, *region, cells):
        labels, after = row.split()
        if labels:  # header rows; a label after the figures ends the table
            if figures:
                break
            # the figures after the last header cell: on its line (a web copy), or on the lines under
            # it, one figure a line (the row has no label of its own to open it)
            header_words = row.layout == "line" or any(w in norm(labels[-1].text) for group in words.table4_confirm for w in group)
            if not header_words or not any(not c.blank for c in after):
                continue  # a header row, or a sentence with a figure (被申请行政复议3件)
            figures.extend(after)
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
    first = found.cells[0] if found.cells else figures[0]
    glued: list[Glued] = []
    # one row of all the table's figures, under no label of its own: a glued run starts the row
    place_figures(result, "四", "行政复议、行政诉讼", keys, ["count"] * n, found, first, glued, pad=False, anchor=first)
    if glued:
        decode_glued(result, "四", glued, template.instances("四"))
    return result
