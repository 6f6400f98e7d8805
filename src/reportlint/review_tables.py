"""The statistics tables of a report read from text, laid out again as tables for its reviewed Word copy.

Text copied out of Word or a PDF keeps a table as one cell per line, or a row per line with tabs or
spaces between the cells. ``reportlint review`` gives such a report back as a Word document, and its
author expects the tables there to be tables: one per table of the report (table 二 one per caption
block), a header row, a row per row of the report and a column per column, each figure in its cell.
The report model knows every cell and row label and where it stands; this module finds the run of
lines each table occupies, lays its rows out in the order the text has them, and tells for each of
those lines which Word cells its tab-separated parts went to, so that a finding is commented, and a
fix made as a tracked change, in the right cell.

Nothing of the text is lost: a header word that names no column (申请人情况, 法人或其他组织) goes to the
table's corner cell, a row label standing alone (（三）不予公开, a group's name) becomes a row of its
own. Where a table's lines hold anything else (a sentence in the middle of the rows, a page saved on
one line), that table is not rebuilt and its lines stay paragraphs.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple, Sequence

from reportlint.core.model import Report
from reportlint.core.patterns import lazy

#: A header above a table's first row is looked for this many lines up (table 三's header, cut one
#: word per line, is some twenty lines).
HEADER_LINES = 30
#: A row label standing alone is this short and holds no sentence; a word of a table's header shorter
#: still (a note above the header, 本列数据的勾稽关系为…, is no header: it stays a paragraph).
LABEL_CHARS = 40
HEADER_CHARS = 20
#: A header word broken over lines (商业 / 企业) is joined from at most this many parts.
HEADER_PARTS = 3

_FIGURE = lazy(r"^[\d\s.,，%万元-]+$")
_SPACE = lazy(r"\s+")


class Part(NamedTuple):
    """One cell or row label of a table, where it stands in the document's lines (0-based)."""

    line: int
    start: int
    end: int
    row: str
    column: str | None  # None for a row label


class Laid(NamedTuple):
    """A table laid out for Word: ``grid[r][c]`` the texts of each cell (row 0 the header, column 0 the
    labels), and for each document line it covers (``first``..``last``), the grid cell of each of its
    tab-separated parts (None for an empty part)."""

    first: int
    last: int
    grid: list[list[list[str]]]
    places: dict[int, tuple[tuple[int, int] | None, ...]]


def laid_tables(report: Report, lines: Sequence[str]) -> list[Laid]:
    """Every table of ``report`` that can be laid out from ``lines`` (the document's), in order."""
    laid: list[Laid] = []
    taken_until = -1
    for parts in _tables(report, len(lines)):
        table = _lay(parts, lines, report, taken_until)
        if table is not None:
            laid.append(table)
            taken_until = table.last
    return laid


def _tables(report: Report, count: int) -> list[list[Part]]:
    """The parts of each table, table 二 one per caption block, in the order they stand."""
    def at(line: int, column: int) -> tuple[int, int]:
        doc_line, doc_column = report.document_position(line, column)
        return doc_line - 1, doc_column - 1

    caption_of = {}
    for index, caption in enumerate(report.captions):
        for row in caption.rows:
            caption_of.setdefault(row, index)
    groups: dict[tuple[str, int], list[Part]] = {}
    for cell in report.cells:
        line, start = at(cell.line, cell.column_no)
        end = at(cell.line, cell.end_column)[1]
        key = (cell.table, caption_of.get(cell.row, -1) if cell.table == "二" else -1)
        groups.setdefault(key, []).append(Part(line, start, max(end, start), cell.row, cell.column))
    rows_of = {key: list(dict.fromkeys(p.row for p in parts)) for key, parts in groups.items()}
    for label in report.labels:
        line, start = at(label.line, label.column)
        end = at(label.line, label.end_column)[1]
        for key, rows in rows_of.items():
            if key[0] != label.table:
                continue
            row = next((r for r in rows if r.split("/")[-1] == label.canonical), None)
            if row is not None:
                groups[key].append(Part(line, start, max(end, start), row, None))
                break
    tables = [sorted(parts, key=lambda p: (p.line, p.start)) for parts in groups.values()]
    return sorted((t for t in tables if t and all(0 <= p.line < count for p in t)), key=lambda t: t[0].line)


def _fields(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each tab-separated part of a line."""
    spans, start = [], 0
    for part in text.split("\t"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def _gaps(start: int, end: int, inside: list[Part]) -> list[tuple[int, int]]:
    """The stretches of a field ``[start, end)`` that none of its parts covers."""
    gaps, at = [], start
    for part in sorted(inside, key=lambda p: p.start):
        if part.start > at:
            gaps.append((at, part.start))
        at = max(at, part.end)
    if at < end:
        gaps.append((at, end))
    return gaps


def _label_like(text: str, limit: int = LABEL_CHARS) -> bool:
    text = text.strip()
    return 0 < len(text) <= limit and "。" not in text and not _FIGURE.match(text)


def _lay(parts: list[Part], lines: Sequence[str], report: Report, taken_until: int) -> Laid | None:
    columns = list(dict.fromkeys(p.column for p in parts if p.column is not None))
    first, last = parts[0].line, max(p.line for p in parts)
    if first <= taken_until:
        return None
    by_line: dict[int, list[Part]] = {}
    for part in parts:
        by_line.setdefault(part.line, []).append(part)
    stops = {report.document_position(h.line, h.column)[0] - 1 for h in report.headings}
    stops |= {report.document_position(c.line, c.column)[0] - 1 for c in report.captions}

    # the header: short words (or blank lines) right above the first row
    top = first
    while top - 1 > taken_until and first - (top - 1) <= HEADER_LINES and top - 1 not in stops:
        if not all(_label_like(f, HEADER_CHARS) or not f.strip() for f in lines[top - 1].split("\t")):
            break
        top -= 1
    while top < first and not lines[top].strip():
        top += 1

    column_names = {_SPACE.sub("", c): c for c in columns}
    row_names = {_SPACE.sub("", p.row.split("/")[-1]): p.row for p in parts}
    #: every name a label standing alone may be the start of: rows', and their parents' (（三）不予公开)
    known = [*row_names, *{_SPACE.sub("", p.row.split("/")[0]) for p in parts if "/" in p.row}]
    rows: list[str] = []  # the rows in the order of the text; a label standing alone is a row "\0<line>"
    labels: dict[str, list[str]] = {}
    texts: dict[tuple[str, str], list[str]] = {}
    header: dict[str, list[str]] = {}
    corner: list[str] = []
    alias: dict[str, str] = {}  # a label standing alone that turned out to be the start of a row's label
    places: dict[int, list[tuple[str, str] | None]] = {}  # (row, column) of each part of a line; "" the header row/label column

    def start_row(row: str) -> None:
        if row not in labels:
            rows.append(row)
            labels[row] = []

    def named(words: str) -> tuple[str, str] | None:
        """The place of a column's name (over its column: said once, a header repeated after a page
        break included), or of a row's name (on its row)."""
        key = _SPACE.sub("", words)
        if key in column_names:
            column = column_names[key]
            if words.strip() not in header.setdefault(column, []):
                header[column].append(words.strip())
            return ("", column)
        if key in row_names:
            row = row_names[key]
            start_row(row)
            if words.strip() not in labels[row]:
                labels[row].append(words.strip())
            return (row, "")
        words_apart = words.split()
        if len(words_apart) > 1 and all(_SPACE.sub("", w) in column_names for w in words_apart):
            return [named(w) for w in words_apart][0]  # 商业企业 科研机构: several columns' names on one line
        return None

    def begins_a_name(words: str) -> bool:
        key = _SPACE.sub("", words)
        return any(name.startswith(key) and name != key for name in known)

    pieces = [(n, s, e) for n in range(top, first) for s, e in _fields(lines[n]) if lines[n][s:e].strip()]
    indexes: dict[int, dict[tuple[int, int], int]] = {}

    def field_index(n: int) -> dict[tuple[int, int], int]:
        if n not in indexes:
            indexes[n] = {span: k for k, span in enumerate(_fields(lines[n]))}
        return indexes[n]

    i = 0
    while i < len(pieces):  # the header's words: a column's name over it, a row's on it, the rest in the corner
        for size in range(min(HEADER_PARTS, len(pieces) - i), 0, -1):
            words = "".join(lines[n][s:e].strip() for n, s, e in pieces[i:i + size])
            if _SPACE.sub("", words) in column_names or _SPACE.sub("", words) in row_names:
                break
        else:
            size, words = 1, lines[pieces[i][0]][pieces[i][1]:pieces[i][2]].strip()
        place = named(words)
        if place is None:
            corner.append(words)
            place = ("", "")
        for n, s, e in pieces[i:i + size]:
            places.setdefault(n, [None] * len(field_index(n)))[field_index(n)[(s, e)]] = place
        i += size
    for n in range(top, first):
        places.setdefault(n, [None] * len(_fields(lines[n])))

    alone: str | None = None  # the row of the label standing alone just before (a label may go on over lines)
    for number in range(first, last + 1):
        text, mine = lines[number], by_line.get(number, [])
        spans = _fields(text)
        starts = [p.start for p in mine]  # sorted: the parts of a line in the order they stand
        if not text.strip():
            places[number] = [None] * len(spans)
            continue
        found: list[tuple[str, str] | None] = []
        for start, end in spans:
            field = text[start:end]
            inside = mine[bisect.bisect_left(starts, start):bisect.bisect_left(starts, max(end, start + 1))]
            if inside:
                rest = _SPACE.sub("", "".join(text[a:b] for a, b in _gaps(start, end, inside)))
                if rest and (len(inside) > 1 or not _label_like(rest)):
                    return None  # a sentence (a page on one line), or words between a row's figures
                for part in inside:
                    if part.column is None and part.row not in labels and alone is not None and alone.startswith("\0") and \
                            _SPACE.sub("", "".join(labels[alone]) + text[part.start:part.end]) == _SPACE.sub("", part.row.split("/")[-1]):
                        alias[alone] = part.row  # the label's first part stood alone on the line before
                        rows[rows.index(alone)] = part.row
                        labels[part.row] = labels.pop(alone)
                    start_row(part.row)
                # a part alone in its field keeps the field as written (a fix maps onto it); several in
                # one field (a row separated by spaces) each get their own text
                words = [field] if len(inside) == 1 else [text[p.start:p.end] for p in inside]
                for part, word in zip(inside, words):
                    (labels[part.row] if part.column is None else texts.setdefault((part.row, part.column), [])).append(word)
                found.append((inside[0].row, inside[0].column or ""))
                continue
            if not field.strip():
                found.append(None)
                continue
            if not _label_like(field):
                return None  # a sentence, or a figure no cell holds, among the rows: not a table's line
            place = named(field)
            if place is None and alone is not None and alone.startswith("\0") and begins_a_name("".join(labels[alone])):
                labels[alone].append(field.strip())  # the rest of a label broken over lines
                place = (alone, "")
            if place is None:  # a label standing alone (（三）不予公开, a group's name): a row of its own
                row = f"\0{number}.{len(found)}"
                start_row(row)
                labels[row].append(field.strip())
                place = (row, "")
            found.append(place)
        places[number] = found
        alone = next((p[0] for p in found if p is not None and p[1] == ""), None) if not mine else \
            next((p.row for p in mine if p.column is None), None) if all(p.column is None for p in mine) else None

    grid_rows = {row: r + 1 for r, row in enumerate(rows)}
    grid_columns = {column: c + 1 for c, column in enumerate(columns)}
    grid: list[list[list[str]]] = [[[] for _ in range(len(columns) + 1)] for _ in range(len(rows) + 1)]
    grid[0][0] = corner
    for column in columns:
        grid[0][grid_columns[column]] = header.get(column) or [column]
    for row in rows:
        grid[grid_rows[row]][0] = labels[row] or [row.split("/")[-1]]
    for (row, column), words in texts.items():
        grid[grid_rows[row]][grid_columns[column]] = words
    laid_places = {n: tuple(None if p is None else (grid_rows.get(alias.get(p[0], p[0]), 0), grid_columns.get(p[1], 0))
                             for p in found) for n, found in places.items()}
    return Laid(top, last, grid, laid_places)
