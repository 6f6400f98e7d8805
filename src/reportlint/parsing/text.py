"""Normalising and splitting the text of reports: one place for the width, spacing and punctuation
variants that copying out of Word, WPS, PDF and web pages produces."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ITEM_PUNCT = re.compile(r"^(\d+)[、．.,，]")


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Compare-form of a label: NFKC (full-width digits and brackets to ASCII), no spaces, item
    numbering written one way (``1、`` and ``1．`` become ``1.``), curly quotes dropped."""
    out = unicodedata.normalize("NFKC", text)
    out = _SPACES.sub("", out)
    out = _ITEM_PUNCT.sub(r"\1.", out)
    return out.replace("“", "").replace("”", "").replace('"', "").replace("〔", "[").replace("〕", "]")


def strip_space(text: str) -> str:
    return _SPACES.sub("", text)


class Cell(NamedTuple):
    """A cell of a flattened table row: its text and where it stands in the document."""

    text: str
    line: int
    column: int  # 1-based column of the first character of the stripped text
    end_column: int

    @property
    def blank(self) -> bool:
        return not self.text


_VALUE = re.compile(
    r"^[+\-−－]?\d[\d,，]*(?:[.．]\d+)?\s*(?:万元|亿元|元|件|条|个|项|次|人次|%|％)?$"
)
_DASHES = {"-", "—", "－", "–", "/", "／", "无", "——"}


@functools.lru_cache(maxsize=8192)
def is_value(text: str) -> bool:
    """Whether a cell's text is a figure (possibly with a unit), not a label."""
    return bool(text) and bool(_VALUE.match(unicodedata.normalize("NFKC", text).replace(" ", "")))


def is_placeholder(text: str) -> bool:
    """A dash or 无 in a figure cell: not a number, read as blank."""
    return text.strip() in _DASHES


_WORD = re.compile(r"[^\s\u3000\u00a0]+")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def split_cells(text: str, line_no: int) -> tuple[list[Cell], str]:
    """Split one line into cells and say how: "tab", "pipe" or "space".

    Space-separated rows join neighbouring words that are not figures back into one label, since
    labels themselves are often broken by spaces (``度 办 理 结 果``, ``(四) 无法 提供``).
    """
    if "\t" in text:
        return _split_on(text, "\t", line_no), "tab"
    stripped = text.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = text
        cells = _split_on(inner, "|", line_no)
        if cells and cells[0].blank:
            cells = cells[1:]
        if cells and cells[-1].blank:
            cells = cells[:-1]
        return cells, "pipe"
    cells: list[Cell] = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        cell = Cell(word, line_no, m.start() + 1, m.end() + 1)
        if cells and not is_value(word) and not is_placeholder(word) and not is_value(cells[-1].text) and not is_placeholder(cells[-1].text):
            prev = cells[-1]
            cells[-1] = Cell(text[prev.column - 1 : m.end()], line_no, prev.column, m.end() + 1)
        else:
            cells.append(cell)
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


def is_pipe_separator(text: str) -> bool:
    return bool(_PIPE_SEPARATOR.match(text))
