"""A table's lines as rows of cells, whatever layout they were flattened into.

Layouts met in real reports: one cell per line indented by a tab with rows separated by empty lines
(Word's text export); one row per line with tab-separated cells (what the DOCX, HTML and PDF readers
emit); one row per line with the cells separated by spaces, or not separated at all (web copies);
markdown pipe rows. Each becomes a list of :class:`Row`; the table parsers never see the layout again
except to know whether a blank cell could have been written (``explicit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from reportlint.core.text import is_page_number
from reportlint.parsing import heuristics as h
from reportlint.parsing.text import Cell, is_pipe_separator, is_placeholder, is_value, split_cells


#: Layouts whose rows separate every cell, blank ones included (a tab, a pipe, a line per cell).
EXPLICIT = frozenset({"tab", "pipe", "cell"})


def is_label(cell: Cell) -> bool:
    return bool(cell.text) and not is_value(cell.text) and not is_placeholder(cell.text)


@dataclass
class Row:
    cells: list[Cell]
    layout: str

    @property
    def line(self) -> int:
        return self.cells[0].line if self.cells else 0

    @property
    def explicit(self) -> bool:
        return self.layout in EXPLICIT

    def split(self) -> tuple[list[Cell], list[Cell]]:
        """(label cells, the cells after the last label cell)."""
        labels, last_text = [], -1
        for i, cell in enumerate(self.cells):
            if is_label(cell):
                labels.append(cell)
                last_text = i
        return labels, self.cells[last_text + 1 :]


def rows_of(lines: Sequence[str], start: int, end: int,
            cells: Callable[[int], tuple[list[Cell], str]] | None = None) -> list[Row]:
    """Turn a range of lines into rows of cells, in the layout the range is written in; ``cells``:
    a line's cells, split once for the tables and the token stream
    (:class:`reportlint.parsing.tokens.LineCells`)."""
    split = cells if cells is not None else (lambda line: split_cells(lines[line - 1], line))
    numbered = [(i, lines[i - 1]) for i in range(start, end + 1)]
    single = multi = 0
    for _, text in numbered:
        if "\t" in text:
            if text[0] == "\t" and "\t" not in text[1:]:
                single += 1
            elif "\t" in text.lstrip("\t"):
                multi += 1
    if single >= h.CELL_PER_LINE_MIN and single > multi:
        return _cell_per_line_rows(numbered, split)
    rows = []
    for i, text in numbered:
        if not text.strip() or is_pipe_separator(text) or is_page_number(text):
            continue
        found, layout = split(i)
        if found:
            rows.append(Row(found, layout))
    return _figure_per_line_rows(rows) if _figure_per_line(rows) else rows


def _lone_figure(row: Row) -> bool:
    """A line that is one figure (or a dash) and nothing else."""
    return row.layout == "space" and len(row.cells) == 1 and (is_value(row.cells[0].text) or is_placeholder(row.cells[0].text))


def _figure_per_line(rows: list[Row]) -> bool:
    """A web copy that put every cell on a line of its own, without tabs (empty lines between cells,
    or none): many lines that are one figure, more than rows that hold figures side by side."""
    lone = sum(1 for row in rows if _lone_figure(row))
    side_by_side = sum(1 for row in rows if sum(1 for c in row.cells if is_value(c.text)) > 1)
    return lone >= h.CELL_PER_LINE_MIN and lone > side_by_side


def _figure_per_line_rows(rows: list[Row]) -> list[Row]:
    """The figures on the lines under a label are that label's row: a label line opens a row, each
    figure line after it is the row's next cell. Empty lines say nothing here (they stand between
    every two cells, or nowhere), so a blank cell cannot be told: the layout is not explicit."""
    merged: list[Row] = []
    for row in rows:
        if _lone_figure(row) and merged and (_lone_figure(merged[-1]) or merged[-1].layout == "line"
                                             or is_label(merged[-1].cells[-1])):
            merged[-1] = Row(merged[-1].cells + row.cells, "line")
        else:
            merged.append(row)
    return merged


def _cell_per_line_rows(numbered, split) -> list[Row]:
    """One cell per line: rows end at an empty line, where a label follows figures, or where a cell
    at the line's start follows a blank one (a copy that lost the empty lines between rows)."""
    rows: list[Row] = []
    current: list[Cell] = []
    has_value = False  # whether the current row holds a figure yet

    def close() -> None:
        nonlocal current, has_value
        if current:
            rows.append(Row(current, "cell"))
            current = []
        has_value = False

    for i, text in numbered:
        if not text.strip(" \u3000") and "\t" not in text:
            close()
            continue
        if "\t" in text and not (text.startswith("\t") and "\t" not in text[1:]):
            close()  # a stray tab row inside: its own row
            cells, layout = split(i)
            rows.append(Row(cells, layout))
            continue
        indented = text.startswith("\t")
        body = text[1:] if indented else text
        stripped = body.strip()
        col = 1 + indented + len(body) - len(body.lstrip())
        value = bool(stripped) and is_value(stripped)
        label = bool(stripped) and not value and not is_placeholder(stripped)
        if label and has_value:
            close()
        elif not indented and current and current[-1].blank:
            close()  # a row's first cell written at the line's start, after the last row's blank cell
        if not indented and current and current[-1].text and not is_value(current[-1].text) and label:
            prev = current[-1]  # a label broken over lines: 商业\n企业
            current[-1] = Cell(prev.text + stripped, prev.line, prev.column, prev.end_column)
        else:
            current.append(Cell(stripped, i, col, col + len(stripped)))
            has_value = has_value or value
    close()
    return rows


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


def end_column(cell: Cell) -> int:
    """End column of a cell's span: at least one character, except for a blank cell, which may stand
    at the very end of its line (a cell-per-line ``\t``, a trailing tab) where no character is."""
    return max(cell.end_column, cell.column + 1) if cell.text else cell.end_column
