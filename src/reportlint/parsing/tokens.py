"""The token stream: every piece of every logical line, and what the parser took it for.

Each non-blank logical line is read once into tokens (:class:`reportlint.core.model.Token`), in
this order of precedence: the title's lines, a section heading, a line of page furniture, a table
row (its cells: the caption, row labels and header words as ``label``, figures and the dashes that
stand for them as ``figure``), running text (its paragraph's sentences, cut where a line breaks
them), and ``text`` for the rest. The rows of the tables are made from the same cells
(:class:`LineCells`, each line split once), and the rules that look for words in the text read the
tokens or what the parser found in them, never the lines.
"""

from __future__ import annotations

from typing import Sequence

from reportlint.core.model import Heading, Paragraph, Section, Title, Token
from reportlint.parsing.text import Cell, is_placeholder, is_value, split_cells

class LineCells:
    """Each line's cells and how they are separated ("tab", "pipe", "space"), split once, when the
    tables or the token stream first ask for them."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._cells: dict[int, tuple[list[Cell], str]] = {}

    def __call__(self, line: int) -> tuple[list[Cell], str]:
        found = self._cells.get(line)
        if found is None:
            found = self._cells[line] = split_cells(self._lines[line - 1], line)
        return found

    def known(self, line: int) -> tuple[list[Cell], str] | None:
        """The line's cells if something has split it already."""
        return self._cells.get(line)


def tokens(lines: Sequence[str], *, title: Title | None, headings: Sequence[Heading], furniture: frozenset[int],
           cells: LineCells | None, table_lines: frozenset[int], paragraphs: Sequence[Paragraph],
           sections: Sequence[Section]) -> tuple[Token, ...]:
    """The token stream of the report's logical lines (see the module's docstring)."""
    section_of = _section_of(sections, len(lines))
    title_lines = range(title.line, title.end_line + 1) if title is not None else range(0)
    heading_lines = {x.line for x in headings}
    prose = _sentence_pieces(paragraphs)
    out: list[Token] = []
    add = out.append
    make = tuple.__new__  # Token(...) without the keyword handling: a report has a thousand of them
    for n, text in enumerate(lines, start=1):
        stripped = text.strip()
        if not stripped:
            continue
        section = section_of[n]
        kind = ("title" if n in title_lines else "heading" if n in heading_lines else "furniture" if n in furniture
                else None)
        if kind is None:
            pieces = prose.get(n)
            if pieces:
                for column, piece in pieces:
                    add(make(Token, ("sentence", piece, n, column, section)))
                continue
            if n in table_lines or "\t" in text:
                row = _row(text, stripped, n, cells)
                if row:
                    for cell in row:
                        add(make(Token, (_cell_kind(cell.text), cell.text, n, cell.column, section)))
                    continue
            kind = "text"
        add(make(Token, (kind, stripped, n, len(text) - len(text.lstrip()) + 1, section)))
    return tuple(out)


def _row(text: str, stripped: str, n: int, cells: LineCells | None) -> list[Cell]:
    """A table line's cells as the tables read them: split once (a line holding one cell is it)."""
    found = cells.known(n) if cells is not None else None
    if found is not None:
        return [c for c in found[0] if c.text]
    if "\t" in text.lstrip("\t") or "|" in text:
        return [c for c in (cells(n) if cells is not None else split_cells(text, n))[0] if c.text]
    return [Cell(stripped, n, len(text) - len(text.lstrip()) + 1, 0)]


def _cell_kind(text: str) -> str:
    return "figure" if is_value(text) or is_placeholder(text) else "label"


def _sentence_pieces(paragraphs: Sequence[Paragraph]) -> dict[int, list[tuple[int, str]]]:
    """(column, text) of every piece of a sentence, by line: a sentence is cut where its
    paragraph's lines break, each piece without the spaces around it."""
    out: dict[int, list[tuple[int, str]]] = {}
    for para in paragraphs:
        bounds = (*para.starts, len(para.text))
        for k, line in enumerate(para.lines):
            lo, hi = bounds[k], bounds[k + 1]
            pieces = out.setdefault(line, [])
            for s, e in para.sentences or ((0, len(para.text)),):
                a, b = max(s, lo), min(e, hi)
                if a >= b:
                    continue
                piece = para.text[a:b]
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if piece:
                    pieces.append((a - lo + lead + 1, piece))
    return out


def _section_of(sections: Sequence[Section], count: int) -> list[int | None]:
    """The section each line (1-based) stands in, its heading included."""
    where: list[int | None] = [None] * (count + 1)
    for section in sections:
        for n in range(section.heading.line, min(section.end, count) + 1):
            where[n] = section.index
    return where
