"""Splitting the text of reports into cells and pieces: one place for the width, spacing and
punctuation variants that copying out of Word, WPS, PDF and web pages produces (comparing text is
:mod:`reportlint.core.text`'s)."""

import functools
import unicodedata
from typing import Iterator, NamedTuple

from reportlint.core.patterns import lazy


class Cell(NamedTuple):
    """A cell of a flattened table row: its text and where it stands in the document."""

    text: str
    line: int
    column: int  # 1-based column of the first character of the stripped text
    end_column: int

    @property
    def blank(self) -> bool:
        return not self.text


_VALUE = lazy(
    r"^[+\-−－]?\d[\d,，]*(?:[.．]\d+)?\s*(?:万元|亿元|元|件|条|个|项|次|人次|%|％)?$"
)
_DASHES = {"-", "—", "－", "–", "/", "／", "无", "——"}


#: A letter typed for a zero (O, o, 〇): a figure cell written wrong (RL305), not a label.
LETTER_ZEROS = frozenset({"O", "o", "〇", "Ｏ", "ｏ"})


@functools.lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """Whether a cell's text is a figure (possibly with a unit), not a label. A run of digits too
    long for any figure is still no label: it is figures run together (or garbage), for the table
    parser to decode or report; a letter O standing for a zero is a figure written wrong."""
    if text.strip() in LETTER_ZEROS:
        return True
    return bool(text) and bool(_VALUE.match(unicodedata.normalize("NFKC", text).replace(" ", "")))


def is_placeholder(text: str) -> bool:
    """A dash or 无 in a figure cell: not a number, read as blank."""
    return text.strip() in _DASHES


# --- figures and text in a run of characters ------------------------------------------------------

_WORD = lazy(r"\S+")
_NUMBER = lazy(r"\d+(?:[,，]\d{3})*(?:[.．]\d+)?")
_SIGNS = "+-−－"
_UNITS = ("人次", "万元", "亿元", "元", "件", "条", "个", "项", "次", "%", "％")
#: A number followed by one of these is part of a phrase (2019年, 保留4位小数, 第3季度), not a figure.
_WORD_AFTER = set("年月日号时分秒位届期批季周岁倍级类名")
_ITEM_MARK = set(".．、")
_YEAR_TAIL = lazy(r"(?:19|20)\d\d")


class Piece(NamedTuple):
    """A run of a line that is one figure (``fig``) or text (``txt``); columns are 0-based, end-exclusive."""

    kind: str
    start: int
    end: int


def pieces(text: str) -> list[Piece]:
    """Cut a line into figures and text, whatever separates them: spaces, tabs, or nothing.

    A web copy glues a table's cells to their labels (``规章000行政规范性文件2025``,
    ``属于国家秘密00000002.其他法律…``). A number is text where it belongs to a phrase (2019年,
    第20条, H5) or numbers an item (the ``2`` of ``2.其他…``, even right after figures); otherwise it
    is a figure, with its sign and unit (``-8``, ``3.68万元``). Whitespace separates pieces and is in
    none of them. Linear in the length of the line.
    """
    out: list[Piece] = []
    for word in _WORD.finditer(text):
        found = word.group(0)
        if found in LETTER_ZEROS or found.isascii() and found.isdigit():
            # a letter O typed for a zero stands where a figure does; a word of digits alone is one
            # figure (what _word_pieces makes of it, without its tests)
            out.append(Piece("fig", word.start(), word.end()))
            continue
        out.extend(_word_pieces(text, word.start(), word.end()))
    return out


def _word_pieces(text: str, start: int, end: int) -> Iterator[Piece]:
    pos = start  # where the pending text piece begins
    depth, scanned = 0, start  # brackets open before the number: a filling note's "如-8" is text
    word = text[start:end]
    brackets = "（" in word or "(" in word
    for m in _NUMBER.finditer(text, start, end):
        s, e = m.span()
        if brackets:
            depth = max(0, depth + text.count("（", scanned, s) + text.count("(", scanned, s)
                        - text.count("）", scanned, s) - text.count(")", scanned, s))
            scanned = s
        before = text[s - 1] if s > start else ""
        after = text[e] if e < end else ""
        if depth > 0:
            continue
        if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
            continue  # H5, A3 paper: text
        if after == "年" and e - s > 4 and _YEAR_TAIL.fullmatch(text, e - 4, e) and m.group(0).isdigit():
            # "结转下年度继续办理20000022025年，我局…": a row's figures glued to the year that begins
            # the prose after the table; the year is text, the digits before it are figures
            e -= 4
        elif after in _WORD_AFTER or before == "第" or text.startswith(("条", "款", "章", "部分"), e):
            continue
        if after in _ITEM_MARK and e + 1 < end and not text[e + 1].isdigit():
            # "2.其他…": an item number; after glued figures ("00000002.") only its last digit is.
            if e - s == 1:
                continue
            e -= 1
        if s > start and text[s - 1] in _SIGNS and (s - 1 == start or not text[s - 2].isdigit()):
            s -= 1  # "-8", "+1036": a signed figure (本年增/减)
        for unit in _UNITS:
            if text.startswith(unit, e) and e + len(unit) <= end:
                e += len(unit)
                break
        if s > pos:
            yield Piece("txt", pos, s)
        yield Piece("fig", s, e)
        pos = e
    if pos < end:
        yield Piece("txt", pos, end)


_PIPE_SEPARATOR = lazy(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")


def split_cells(text: str, line_no: int) -> tuple[list[Cell], str]:
    """Split one line into cells and say how: "tab", "pipe" or "space".

    Without tabs or pipes, the line's figures are cells of their own, and the text between them is
    one label: labels are often broken by spaces (``度 办 理 结 果``, ``（四）无法 提供``), and web copies
    glue labels and figures together (``行政许可447228``). A dash or 无 standing alone is a cell.
    """
    if "\t" in text:
        return _split_on(text, "\t", line_no), "tab"
    stripped = text.strip()
    if stripped.count("|") == 1 and stripped.endswith("|"):
        # a cell a line, each closed by its pipe (规章 | / 0 | / 0 |): the cell is what stands before it
        text = text[: text.rindex("|")]
        stripped = text.strip()
    if is_pipe_row(stripped):
        cells = _split_on(text, "|", line_no)
        if cells and cells[0].blank:
            cells = cells[1:]
        if cells and cells[-1].blank:
            cells = cells[:-1]
        return cells, "pipe"
    spans: list[list[int]] = []  # [start, end, is_text]
    for word in _WORD.finditer(text):
        found = word.group(0)
        if found in _DASHES or found in LETTER_ZEROS or found.isascii() and found.isdigit():
            spans.append([word.start(), word.end(), 0])  # a dash, an O for a zero, a word of digits: one cell
            continue
        for piece in _word_pieces(text, word.start(), word.end()):
            is_text = piece.kind == "txt"
            if is_text and spans and spans[-1][2]:
                spans[-1][1] = piece.end  # one label, broken by spaces
            else:
                spans.append([piece.start, piece.end, int(is_text)])
    cells = [Cell(text[s:e], line_no, s + 1, e + 1) for s, e, _ in spans]
    return cells, "space"


def _split_on(text: str, sep: str, line_no: int) -> list[Cell]:
    cells = []
    start = 0
    for part in text.split(sep):
        lead = len(part) - len(part.lstrip())
        stripped = part.strip()
        col = start + lead + 1
        cells.append(Cell(stripped, line_no, col, col + len(stripped)))
        start += len(part) + 1
    return cells


#: A label and then only figures (or blanks, dashes, 无) between pipes: 规章 | 0 | 0 | 0, a row whose
#: outer pipes a page's line breaks took away.
_FIGURES_BETWEEN_PIPES = lazy(r"[^|]*(?:\|[\s\d.,，\-—/／无]*){2,}")


def is_pipe_row(stripped: str) -> bool:
    """Whether a line (without its surrounding spaces) is a row of pipe-separated cells: a markdown
    row (``| 规章 | 0 | 0 | 0 |``), a web page turned into text by a converter that leaves the first
    pipe out and runs empty cells together (``规章 | 0 | 0 | 0 |``, ``行政许可 | 0 | ||``), or a row
    without its outer pipes whose cells after the label are figures (``规章 | 0 | 0 | 0``)."""
    if stripped.count("|") < 2:
        return False
    return stripped.startswith("|") or stripped.endswith("|") or _FIGURES_BETWEEN_PIPES.fullmatch(stripped) is not None


def is_pipe_separator(text: str) -> bool:
    return "-" in text and bool(_PIPE_SEPARATOR.fullmatch(text.strip()))
