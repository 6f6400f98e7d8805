"""Recover tables 二, 三 and 四 from flattened text, whatever the layout.

Layouts met in real reports (see the seeds): one cell per line indented by a tab with rows separated
by empty lines; one row per line with tab-separated cells (also what the DOCX, HTML and PDF readers
emit); one row per line separated by spaces; markdown pipe rows. Every layout is first turned into
rows of :class:`Cell`; then the template's row labels are matched in order, fuzzily, and the figures
after each label are aligned to the template's columns. What cannot be placed is a TableProblem,
never a guess.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Sequence
import unicodedata

from reportlint.model import Caption, LabelUse, TableCell, TableProblem
from reportlint.parsing.text import Cell, is_pipe_separator, is_placeholder, is_value, norm, split_cells
from reportlint.templates import Block, RowSpec, Template, chinese_to_int, label_core

CAPTION = re.compile(r"第\s*([一二三四五六七八九十百零〇\d]+)\s*条\s*第\s*[（(]\s*([一二三四五六七八九十\d]+)\s*[）)]\s*项")
_T3_ANCHORS = ("勾稽", "申请人情况", "本年新收政府信息公开申请数量", "本年新收")
_T4_ANCHOR = "行政复议"
_HEADER_WORDS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "勾稽", "信息内容", "结果维持", "未经复议")
_MATCH_THRESHOLD = 0.72


@dataclass
class Row:
    cells: list[Cell]
    layout: str

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    def split(self) -> tuple[list[Cell], list[Cell]]:
        """(label cells, the cells after the last label cell)."""
        last_text = -1
        for i, cell in enumerate(self.cells):
            if cell.text and not is_value(cell.text) and not is_placeholder(cell.text):
                last_text = i
        labels = [c for c in self.cells[: last_text + 1] if c.text and not is_value(c.text) and not is_placeholder(c.text)]
        return labels, self.cells[last_text + 1 :]


@dataclass
class TableResult:
    cells: list[TableCell] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    labels: list[LabelUse] = field(default_factory=list)
    problems: list[TableProblem] = field(default_factory=list)
    found: set[str] = field(default_factory=set)
    bare_other_row: bool = False  # a single （六）其他处理 row with figures (the 2019 layout)


# --------------------------------------------------------------------------------------------
# Regions and rows


def locate(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Line ranges (1-based, inclusive) of the three tables, by their anchors."""
    n = len(lines)
    t2 = next((i for i in range(1, n + 1) if CAPTION.search(lines[i - 1]) and len(lines[i - 1].strip()) < 40), None)
    t3 = None
    for i in range((t2 or 1), n + 1):
        text = lines[i - 1]
        if any(a in text for a in _T3_ANCHORS) and len(text.strip()) < 120:
            t3 = i
            break
    t4 = None
    for i in range((t3 or t2 or 1), n + 1):
        if _T4_ANCHOR in lines[i - 1] and len(lines[i - 1].strip()) < 60:
            window = "".join(lines[i - 1 : i + 8])
            if "结果维持" in window or "结果纠正" in window or ("维持" in window and "纠正" in window):
                t4 = i
                break
    regions = {}
    if t2:
        regions["二"] = (t2, (t3 - 1) if t3 else min(n, t2 + 150))
    if t3:
        regions["三"] = (t3, (t4 - 1) if t4 else min(n, t3 + 400))
    if t4:
        regions["四"] = (t4, min(n, t4 + 80))
    return regions


_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def rows_of(lines: Sequence[str], start: int, end: int) -> list[Row]:
    """Turn a range of lines into rows of cells, in the layout the range is written in."""
    numbered = [(i, lines[i - 1]) for i in range(start, end + 1)]
    single = sum(1 for _, t in numbered if t.startswith("\t") and "\t" not in t[1:])
    multi = sum(1 for _, t in numbered if "\t" in t.lstrip("\t"))
    if single >= 5 and single > multi:
        return _cell_per_line_rows(numbered)
    rows = []
    for i, text in numbered:
        if not text.strip() or is_pipe_separator(text) or _PAGE_NUMBER.match(text):
            continue
        cells, layout = split_cells(text, i)
        if cells:
            rows.append(Row(cells, layout))
    return rows


def _cell_per_line_rows(numbered) -> list[Row]:
    rows: list[Row] = []
    current: list[Cell] = []
    for i, text in numbered:
        if not text.strip(" \u3000") and "\t" not in text:
            if current:
                rows.append(Row(current, "cell"))
                current = []
            continue
        if text.startswith("\t") and "\t" not in text[1:]:
            body = text[1:]
            stripped = body.strip()
            col = 2 + len(body) - len(body.lstrip())
            current.append(Cell(stripped, i, col, col + len(stripped)))
        elif "\t" in text:  # a stray tab row inside: its own row
            if current:
                rows.append(Row(current, "cell"))
                current = []
            cells, layout = split_cells(text, i)
            rows.append(Row(cells, layout))
        else:
            stripped = text.strip()
            col = 1 + len(text) - len(text.lstrip())
            if current and current[-1].text and not is_value(current[-1].text) and not is_value(stripped):
                prev = current[-1]  # a label broken over lines: 商业\n企业
                current[-1] = Cell(prev.text + stripped, prev.line, prev.column, prev.end_column)
            else:
                current.append(Cell(stripped, i, col, col + len(stripped)))
    if current:
        rows.append(Row(current, "cell"))
    return rows


# --------------------------------------------------------------------------------------------
# Values


_NUMBER = re.compile(r"^([+\-−－]?)(\d[\d,，]*(?:\.\d+)?)(.*)$")
_NUMBERED_PIECE = re.compile(r"^\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_GLUED = re.compile(r"^(.*?[^\d\s.、．])(\d{7,})$")
_ENDS_WITH_YEAR = re.compile(r"\d{4}年$")


@functools.lru_cache(maxsize=4096)
def parse_value(raw: str, kind: str) -> tuple[object, str | None]:
    """(value, problem). Counts are ints; decimals Decimal; amounts keep their unit as written."""
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    if not text:
        return None, "blank"
    if is_placeholder(raw):
        return None, "blank"
    m = _NUMBER.match(text)
    if not m:
        return raw.strip(), "non-numeric"
    sign, digits, unit = m.group(1), m.group(2).replace(",", "").replace("，", ""), m.group(3)
    negative = sign in ("-", "−", "－")
    if kind == "amount":
        if unit:
            return raw.strip(), ("negative" if negative else None)
        kind = "decimal"
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return raw.strip(), "non-numeric"
    if negative:
        number = -number
    if unit and unit not in ("件", "条", "个", "项", "次", "人次"):
        if kind != "decimal":
            return raw.strip(), "non-numeric"
    if kind == "decimal":
        value: object = number if number != number.to_integral_value() else int(number)
        return value, ("negative" if number < 0 else None)
    if number != number.to_integral_value():
        return number, "fraction"
    if number < 0 and kind != "signed":
        return int(number), "negative"
    return int(number), None


def _end(cell: Cell) -> int:
    """End column of a cell's span: at least one character, except for a blank cell, which may stand
    at the very end of its line (a cell-per-line ``\t``, a trailing tab) where no character is."""
    return max(cell.end_column, cell.column + 1) if cell.text else cell.end_column


def align(values: list[Cell], n: int) -> list[Cell] | None:
    """Fit the cells after a label to n columns: drop blank padding from spans; None if it can't."""
    vals = list(values)
    while len(vals) > n and vals and vals[0].blank:
        vals.pop(0)
    while len(vals) > n and vals and vals[-1].blank:
        vals.pop()
    if len(vals) > n:
        return None
    return vals


# --------------------------------------------------------------------------------------------
# Label matching


_PREFIX = re.compile(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)")


def _core(text: str) -> str:
    """A found label without its numbering: "(三)1.属于国家秘密" -> "属于国家秘密"."""
    key = norm(text)
    while True:
        stripped = _PREFIX.sub("", key, count=1)
        if stripped == key:
            return key
        key = stripped


_ITEM_NUMBER = re.compile(r"(?<![\d.])(\d)\.(?!\d)")


def _numbering_clash(found: str, spec_label: str) -> float:
    """A penalty when the found label's item number (2.) differs from the row's (1.)."""
    want = _ITEM_NUMBER.search(norm(spec_label))
    got = _ITEM_NUMBER.findall(found)
    if want is None or not got:
        return 0.0
    return 0.0 if want.group(1) in got else 0.15


def _row_label(pieces: Sequence[Cell]) -> str:
    """The row label among text pieces broken over lines: from the last numbered piece on, since
    what comes before it is the group label (（六）其他 / 处理 / 1.申请人… / 公开申请)."""
    start = 0
    for i, piece in enumerate(pieces):
        if _NUMBERED_PIECE.match(piece.text):
            start = i
    return "".join(p.text for p in pieces[start:])


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


@functools.lru_cache(maxsize=16384)
def match_score(found: str, spec_label: str, spec_core: str, fuzzy: bool = True) -> float:
    """How well a label found in the text names a template row (1.0 = exact). Without ``fuzzy``
    only exact and containing matches count (the cheap first pass)."""
    f = norm(found)
    if f == norm(spec_label):
        return 1.0
    # A note after the label ("规章(设区的市、自治州人民政府应提供相关数据)", Hubei) does not make
    # another row: compare what stands before it, as the format's own labels are compared.
    fc, sc = _core(_TRAILING_NOTE.sub("", f) or f), norm(spec_core)
    if not fc or not sc:
        return 0.0
    if fc == sc or (len(sc) >= 4 and fc.startswith(sc)):
        return 0.97 - _numbering_clash(f, spec_label)
    if len(sc) >= 4 and sc in fc:
        return 0.93 - _numbering_clash(f, spec_label)
    if not fuzzy:
        return 0.0
    ratio = SequenceMatcher(None, fc, sc, autojunk=False).ratio() - _numbering_clash(f, spec_label)
    if len(sc) <= 3:
        ratio *= 0.8  # short labels (其他, 总计) must match exactly
    return ratio


def _label_use(table, spec_label, found_cells: list[Cell], variants, joined: str | None = None) -> LabelUse | None:
    """How a row label was written; ``joined`` is the whole label when it was broken over lines
    (then no fix is offered: the replacement would span lines)."""
    if not found_cells:
        return None
    cell = found_cells[-1]
    found = joined if joined is not None else cell.text
    canonical_core = norm(label_core(spec_label))
    found_core = _core(found)
    # A group label before the row's own ("（三）不予公开1.属于国家秘密") is not a deviation, nor is a
    # label cut short where a PDF line broke it ("5.要求行政机关确认或重新出").
    deviates = not (
        found_core == canonical_core
        or found_core.startswith(canonical_core)
        or found_core.endswith(canonical_core)
        or (canonical_core.startswith(found_core) and len(found_core) >= 0.6 * len(canonical_core))
    )
    replacement = None
    if deviates:
        for variant, canonical in variants.items():
            if norm(canonical) == norm(spec_label) and norm(variant) in norm(found):
                # A cell-per-line label rejoined from several lines has a span of its first line only.
                on_one_line = cell.end_column - cell.column == len(cell.text)
                if joined is None and variant in found and on_one_line:
                    replacement = found.replace(variant, label_core(canonical))
                break
    return LabelUse(table, spec_label, found, cell.line, cell.column, cell.end_column, deviates, replacement)


def match_best(label_text: str, specs: Sequence, start: int) -> float:
    """The best score a label reaches against the rows from ``start`` on (exact and containing only)."""
    return max((match_score(label_text, s.label, s.core, False) for s in specs[start:]), default=0.0)


def _best_row(label_text: str, context: str, specs: Sequence, start: int) -> tuple[int, float]:
    """The best-matching template row at or after ``start``; rows further ahead score a little less,
    so that of two equally good matches the next expected row wins. Exact and containing matches
    are tried first; the fuzzy comparison (PDF-mangled labels) only when none is found."""
    for fuzzy in (False, True):
        best, best_score = -1, 0.0
        for idx in range(start, len(specs)):
            spec = specs[idx]
            score = max(
                match_score(label_text, spec.label, spec.core, fuzzy),
                match_score(context, spec.label, spec.core, fuzzy) - 0.05,
            )
            score -= 0.002 * (idx - start)
            if score > best_score + 1e-9:
                best, best_score = idx, score
        if best_score >= 0.85:
            return best, best_score
    return best, best_score


# --------------------------------------------------------------------------------------------
# Table 二


def parse_table2(lines: Sequence[str], region: tuple[int, int] | None, template: Template) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("二", "missing-table", "未找到第二部分的主动公开统计表"))
        return result
    result.found.add("二")
    specs: list[tuple[Block, RowSpec]] = [(b, r) for b in template.table2 for r in b.rows]
    row_specs = [r for _, r in specs]
    rows = rows_of(lines, *region)
    matched: dict[int, Row] = {}
    position = 0
    captions_raw: list[tuple[Cell, int | None, int | None]] = []
    caption_rows: list[list[str]] = []
    header: list[Cell] = []  # the block's 信息内容 row: where its figure columns stand
    for row in rows:
        labels, after = row.split()
        caption_cell = next((c for c in row.cells if CAPTION.search(c.text)), None)
        if caption_cell is not None:
            m = CAPTION.search(caption_cell.text)
            article = _numeral(m.group(1))
            item = _numeral(m.group(2))
            col = caption_cell.column + m.start()
            captions_raw.append((Cell(m.group(0), caption_cell.line, col, col + len(m.group(0))), article, item))
            caption_rows.append([])
            continue
        if not labels:
            continue
        values = [c for c in after]
        has_value = any(not c.blank for c in values)
        label_cell = labels[-1]
        if any(w in label_cell.text for w in ("信息内容",)) or (labels and labels[0].text == "信息内容"):
            header = row.cells
            continue
        label_text, glued = label_cell.text, None
        if not has_value:
            m = _TRAILING_FIGURES.match(label_cell.text)
            if m:  # a web copy that lost its separators: 行政许可447228
                label_text, glued = m.group(1), m.group(2)
        idx, score = _best_row(label_text, "".join(c.text for c in labels), row_specs, position)
        if idx < 0 or score < _MATCH_THRESHOLD:
            continue
        block, spec = specs[idx]
        matched[idx] = row
        position = idx + 1
        if caption_rows:
            caption_rows[-1].append(spec.key)
        use = _label_use("二", spec.label, [label_cell], template.label_variants)
        if use:
            result.labels.append(use)
        if glued is not None:
            aligned = _split_glued(glued, label_cell, len(block.columns))
            if aligned is None:
                result.problems.append(TableProblem("二", "ambiguous", f"“{spec.label}”一行的数字连在一起（{glued}），无法唯一拆分为{len(block.columns)}列", row.line, label_cell.column))
                continue
        else:
            aligned = _under_header(row, header, len(block.columns)) or align(values, len(block.columns))
        if aligned is None:
            result.problems.append(TableProblem("二", "ambiguous", f"“{spec.label}”一行的数字多于{len(block.columns)}列", row.line, label_cell.column))
            continue
        if len(aligned) < len(block.columns) and row.layout in ("space",) and aligned:
            result.problems.append(TableProblem("二", "missing-column", f"“{spec.label}”一行只有{len(aligned)}个数字，应有{len(block.columns)}个", row.line, label_cell.column))
            continue
        for col_spec, cell in zip(block.columns, aligned + [None] * (len(block.columns) - len(aligned))):
            if cell is None:
                cell = Cell("", row.line, label_cell.end_column, label_cell.end_column)
            value, problem = parse_value(cell.text, col_spec.kind)
            result.cells.append(TableCell("二", spec.key, col_spec.label, cell.text, value, col_spec.kind, cell.line, cell.column, _end(cell), problem))
    for idx, (block, spec) in enumerate(specs):
        if idx not in matched:
            result.problems.append(TableProblem("二", "missing-row", f"第二十条第（{_cn(block.item)}）项缺少“{spec.label}”一行", region[0], 1))
    block_of = {r.key: b for b, r in specs}
    for (cell, article, item), keys in zip(captions_raw, caption_rows):
        blocks = {block_of[k].item for k in keys}
        expected = f"第二十条第（{_cn(blocks.pop())}）项" if len(blocks) == 1 else None
        result.captions.append(Caption(cell.text, cell.line, cell.column, cell.end_column, article, item, tuple(keys), expected))
    return result


_TRAILING_FIGURES = re.compile(r"^(.*?[^\d\s.．,，])(\d[\d.．]*)$")


def _split_glued(digits: str, label: Cell, n: int) -> list[Cell] | None:
    """Figures run together after a table-二 label, where only one reading exists: a single column
    takes them all; n columns take n single digits. Anything else is not guessed."""
    start = label.column + len(label.text) - len(digits)
    if n == 1:
        return [Cell(digits, label.line, start, start + len(digits))]
    if len(digits) == n and digits.isdigit():
        return [Cell(d, label.line, start + i, start + i + 1) for i, d in enumerate(digits)]
    return None


def _under_header(row: Row, header: list[Cell], n: int) -> list[Cell] | None:
    """The figures of a table-二 row that stand under its block's n column headings. Rows padded to
    the widest block (a blank before or after the figures) are ambiguous by position alone; the
    header row, padded the same way, says which cells are figures. None where it cannot say."""
    if len(row.cells) != len(header) or len(row.cells) <= n + 1:
        return None
    first = next((i for i, c in enumerate(header) if "信息内容" in c.text), 0)
    positions = [i for i, c in enumerate(header) if i > first and not c.blank]
    if len(positions) != n:
        return None
    return [row.cells[i] for i in positions]


def _numeral(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text)
    return chinese_to_int(text)


def _cn(n: int) -> str:
    from reportlint.templates import CHINESE_NUMERALS

    return CHINESE_NUMERALS.get(n, str(n))


# --------------------------------------------------------------------------------------------
# Table 三


def parse_table3(lines: Sequence[str], region: tuple[int, int] | None, template: Template, all_templates: Sequence[Template]) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("三", "missing-table", "未找到第三部分的依申请公开统计表"))
        return result
    result.found.add("三")
    specs = list(template.table3_rows)
    ncols = len(template.table3_columns)
    rows = rows_of(lines, *region)
    position = 0
    matched: set[int] = set()
    pending: list[Cell] = []
    glued_rows: list[tuple[RowSpec, str, Cell]] = []
    other_specs = [r for t in all_templates for r in t.table3_rows if t is not template]
    for row in rows:
        labels, after = _word_figures(row, *row.split(), ncols)
        has_value = any(not c.blank and (is_value(c.text) or is_placeholder(c.text)) for c in after)
        header_at = [i for i, c in enumerate(labels) if any(w in c.text for w in _HEADER_WORDS)]
        if header_at:
            pending = []
            if not has_value:
                continue
            labels = labels[header_at[-1] + 1 :]  # a header cell run into the first row's cells
            if not labels:
                continue
        if not has_value:
            if labels:
                glued = _glued_figures(labels[-1].text)
                if glued is None:
                    pending = (pending + labels)[-6:]
                    continue
            else:
                continue
        label_cells = labels or pending
        if not label_cells:
            continue
        label_text = label_cells[-1].text
        context = "".join(c.text for c in (pending + labels))
        split_label = not labels and len(pending) > 1
        if split_label:
            label_text = _row_label(pending)
        elif labels and pending:
            # A PDF copy breaks a label around its figures: try it joined with the pieces before.
            joined = _row_label([c for c in pending + labels if len(c.text) > 3 or c is labels[-1]])
            if match_best(joined, specs, position) > match_best(label_text, specs, position) + 0.05:
                label_text, split_label = joined, True
        pending = []
        glued = _glued_figures(label_text) if not has_value else None
        if glued is not None:
            label_text = glued[0]
        idx, score = _best_row(label_text, context, specs, position)
        if idx < 0 or score < _MATCH_THRESHOLD:
            # The 2019 single （六）其他处理 row in a 2021 table, or a row of another format.
            oidx = max(((match_score(label_text, s.label, s.core), s) for s in other_specs), default=(0, None), key=lambda t: t[0])
            if oidx[1] is not None and oidx[0] >= 0.95 and norm(oidx[1].label) == norm("（六）其他处理"):
                result.bare_other_row = True
                result.problems.append(TableProblem("三", "extra-row", "“（六）其他处理”只有一行，缺少2021年格式的三个细项", row.line, label_cells[-1].column))
            continue
        spec = specs[idx]
        if template.id != "2019" and norm(spec.label) == norm("3.其他") and "其他处理" in norm(context) and "3." not in norm(label_text):
            result.bare_other_row = True
            result.problems.append(TableProblem("三", "extra-row", "“（六）其他处理”只有一行，缺少2021年格式的三个细项", row.line, label_cells[-1].column))
            continue
        matched.add(idx)
        position = idx + 1
        joined = glued[0] if glued is not None else (label_text if split_label else None)
        use = _label_use("三", spec.label, [label_cells[-1]], template.label_variants, joined)
        if use:
            result.labels.append(use)
        if glued is not None:
            glued_rows.append((spec, glued[1], label_cells[-1]))
            continue
        aligned = align(after, ncols)
        if aligned is None:
            result.problems.append(TableProblem("三", "ambiguous", f"“{spec.label}”一行有{sum(1 for c in after if not c.blank)}个数字，多于{ncols}列", row.line, label_cells[-1].column))
            continue
        if len(aligned) < ncols and row.layout == "space":
            result.problems.append(TableProblem("三", "missing-column", f"“{spec.label}”一行只有{len(aligned)}个数字，应有{ncols}个", row.line, label_cells[-1].column))
            continue
        _emit_row(result, "三", spec.key, template.table3_columns, aligned, row, label_cells[-1])
    if glued_rows:
        _decode_glued(result, template, glued_rows)
    for idx, spec in enumerate(specs):
        if idx not in matched:
            if result.bare_other_row and spec.sub == "（六）其他处理":
                continue  # already reported once, at the single （六） row
            result.problems.append(TableProblem("三", "missing-row", f"缺少“{spec.key}”一行", region[0], 1))
    return result


_FIGURE_WORD = re.compile(r"^[^\d（()、.．]{1,4}$")


def _word_figures(row: Row, labels: list[Cell], after: list[Cell], n: int) -> tuple[list[Cell], list[Cell]]:
    """A word written where a figure belongs (若干, 不详) is that figure's cell, not the row's label:
    so read when the row's last n cells are figures but for such short words, each followed by a
    figure (a word after the last figure is a label broken around the figures), with a label before."""
    if len(after) >= n or len(row.cells) <= n:
        return labels, after
    head, tail = row.cells[:-n], row.cells[-n:]
    words = [i for i, c in enumerate(tail) if c.text and not is_value(c.text) and not is_placeholder(c.text)]
    label_cells = [c for c in head if c.text and not is_value(c.text) and not is_placeholder(c.text)]
    if not words or not label_cells or not all(_FIGURE_WORD.match(tail[i].text) for i in words):
        return labels, after
    if any(not any(is_value(c.text) for c in tail[i + 1 :]) for i in words):
        return labels, after
    return label_cells, tail


_MAX_SPLITS = 50_000  # candidates per glued row, and joint assignments: bounded work on hostile input


def splits(digits: str, parts: int, limit: int = _MAX_SPLITS):
    """Every way to cut a digit string into ``parts`` numbers written without leading zeros.
    Stops (returning None) past ``limit`` candidates rather than run away on a long string."""
    out: list[tuple[int, ...]] = []

    def walk(pos: int, acc: list[int]) -> bool:
        left = parts - len(acc)
        remaining = len(digits) - pos
        if left == 0:
            if remaining == 0:
                out.append(tuple(acc))
            return len(out) <= limit
        if remaining < left:
            return True
        if digits[pos] == "0":
            return walk(pos + 1, acc + [0])
        for end in range(pos + 1, len(digits) - (left - 1) + 1):
            if not walk(end, acc + [int(digits[pos:end])]):
                return False
        return True

    return out if walk(0, []) else None


def _decode_glued(result: TableResult, template: Template, glued_rows) -> None:
    """Split web-copied rows whose figures ran together (``…申请数量640020470``) using the table's
    identities: each row's 总计 is the sum of its six columns (A2), and every column balances (A1,
    A3). A split is taken only when exactly one assignment satisfies them all; otherwise RL308."""
    ncols = len(template.table3_columns)
    known = {(c.row, c.column): c.value for c in result.cells if c.table == "三" and isinstance(c.value, int)}
    candidates = []
    for spec, digits, cell in glued_rows:
        options = splits(digits, ncols)
        if options is not None:
            options = [o for o in options if sum(o[:-1]) == o[-1]]
        candidates.append(options)
    ambiguous = [i for i, o in enumerate(candidates) if not o or len(o) > 1]
    chosen: dict[int, tuple[int, ...]] = {i: o[0] for i, o in enumerate(candidates) if o and len(o) == 1}
    open_rows = [i for i in ambiguous if candidates[i]]
    if open_rows and all(candidates[i] for i in ambiguous):
        total = 1
        for i in open_rows:
            total *= len(candidates[i])
        if total <= _MAX_SPLITS:
            solutions = []
            for combo in _product([candidates[i] for i in open_rows]):
                trial = dict(chosen)
                trial.update(zip(open_rows, combo))
                if _balances(template, known, glued_rows, trial):
                    solutions.append(combo)
                    if len(solutions) > 1:
                        break
            if len(solutions) == 1:
                chosen.update(zip(open_rows, solutions[0]))
                ambiguous = [i for i in ambiguous if i not in open_rows]
    if chosen and not ambiguous and not _balances(template, known, glued_rows, chosen):
        ambiguous = list(chosen)  # each row is unique, but together they contradict: don't guess
    for i, (spec, digits, cell) in enumerate(glued_rows):
        if i in ambiguous or i not in chosen:
            count = len(candidates[i]) if candidates[i] is not None else "过多"
            result.problems.append(TableProblem("三", "ambiguous", f"“{spec.label}”一行的数字连在一起（{digits}），有{count}种拆法符合勾稽关系，无法唯一确定", cell.line, cell.column))
            continue
        start = cell.column + len(cell.text) - len(digits)
        pos = start
        for column, value in zip(template.table3_columns, chosen[i]):
            width = len(str(value))
            result.cells.append(TableCell("三", spec.key, column, str(value), value, "count", cell.line, pos, pos + width, None))
            pos += width


def _product(lists):
    from itertools import product

    return product(*lists)


def _balances(template: Template, known, glued_rows, chosen) -> bool:
    """Whether the fixed cells plus a trial split satisfy every column identity of table 三."""
    values = dict(known)
    for i, split in chosen.items():
        spec = glued_rows[i][0]
        for column, value in zip(template.table3_columns, split):
            values[(spec.key, column)] = value
    rows = list(dict.fromkeys(r for r, _ in values))
    for identity in template.identities:
        if identity.table != "三" or identity.across != "columns":
            continue
        lhs = _keys(identity.lhs, rows)
        rhs = _keys(identity.rhs, rows)
        if lhs is None or rhs is None:
            continue
        for column in template.table3_columns:
            left = [values.get((r, column)) for r in lhs]
            right = [values.get((r, column)) for r in rhs]
            if None in left or None in right:
                continue
            if sum(left) != sum(right):
                return False
    return True


def _keys(keys, rows):
    out = []
    for key in keys:
        if key.endswith("/*"):
            subs = [r for r in rows if r.startswith(key[:-1])]
            if not subs:
                return None
            out.extend(subs)
        elif key in rows:
            out.append(key)
        else:
            return None
    return out


def _glued_figures(text: str) -> tuple[str, str] | None:
    """A web copy that lost its cell separators: 一、本年新收政府信息公开申请数量640020470."""
    m = _GLUED.match(norm(text))
    if m and not _ENDS_WITH_YEAR.search(m.group(1)):
        return m.group(1), m.group(2)
    return None


def _emit_row(result: TableResult, table: str, row_key: str, columns: Sequence[str], aligned: list[Cell], row: Row, label: Cell) -> None:
    padded = aligned + [None] * (len(columns) - len(aligned))
    for column, cell in zip(columns, padded):
        if cell is None:
            cell = Cell("", label.line, label.end_column, label.end_column)
        value, problem = parse_value(cell.text, "count")
        result.cells.append(TableCell(table, row_key, column, cell.text, value, "count", cell.line, cell.column, _end(cell), problem))


# --------------------------------------------------------------------------------------------
# Table 四


def parse_table4(lines: Sequence[str], region: tuple[int, int] | None, template: Template) -> TableResult:
    result = TableResult()
    if region is None:
        result.problems.append(TableProblem("四", "missing-table", "未找到第四部分的行政复议、行政诉讼统计表"))
        return result
    result.found.add("四")
    rows = rows_of(lines, *region)
    n = len(template.table4_groups) * len(template.table4_columns)
    figures: list[Cell] = []
    first_line = region[0]
    for row in rows:
        labels, _ = row.split()
        if labels:  # header rows; a label after the figures ends the table
            if figures:
                break
            continue
        if all(c.blank for c in row.cells):
            continue
        figures.extend(row.cells)
        if sum(1 for c in figures if not c.blank) >= n:
            break
    aligned = align(figures, n)
    if not figures:
        result.problems.append(TableProblem("四", "missing-row", "第四部分统计表没有数字", first_line, 1))
        return result
    if aligned is None or len(aligned) < n:
        count = sum(1 for c in figures if not c.blank)
        result.problems.append(TableProblem("四", "missing-column", f"第四部分统计表应有{n}个数字，读到{count}个", figures[0].line, figures[0].column))
        return result
    cells = iter(aligned)
    for group in template.table4_groups:
        for column in template.table4_columns:
            cell = next(cells)
            value, problem = parse_value(cell.text, "count")
            result.cells.append(TableCell("四", group, column, cell.text, value, "count", cell.line, cell.column, _end(cell), problem))
    return result
