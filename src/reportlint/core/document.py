"""What a reader produces: the report's text as lines, whatever the file format.

Readers flatten tables into one line per table row with the cells separated by a tab, and say for
each line (and each cell of a table row) where it came from in the source file. The report model is
built from this one shape, so every rule works on every format.
"""

import functools
from typing import NamedTuple, Sequence

from reportlint.core.patterns import lazy


class SourceLine(NamedTuple):
    text: str
    #: Where the line came from, for formats whose lines are not the file's own: "第3页",
    #: "第12段", "HTML第120行". None for text files, where the line number says it all.
    origin: str | None = None
    #: For a table row: the origin of each tab-separated cell ("表3第5行第2列").
    cells: tuple[str, ...] | None = None
    #: Where in the file (line, column) the text starts, and for a table row where each cell's
    #: element starts, for formats whose file has lines (HTML); None for DOCX and PDF.
    at: tuple[int, int] | None = None
    cells_at: tuple[tuple[int, int], ...] | None = None


class Document(NamedTuple):
    path: str
    format: str  # "text", "markdown", "docx", "html", "pdf" or a plugin's own
    lines: tuple[SourceLine, ...]
    encoding: str | None = None
    #: Line numbers in the document are the file's own (text files): fixes can be applied.
    editable: bool = False
    #: The file's text as decoded, where positions in it are given by ``SourceLine.at`` (HTML).
    source: str | None = None

    @property
    def has_file_lines(self) -> bool:
        """Whether positions can be given as the file's own lines and columns (not DOCX or PDF)."""
        return self.editable or self.source is not None

    @classmethod
    def from_text(cls, path: str, text: str, format: str = "text", encoding: str | None = None) -> "Document":
        return cls(path, format, tuple(map(SourceLine, split_lines(text))), encoding, editable=True)

    def location(self, line: int, column: int = 1) -> str | None:
        """The source position of a (line, column) of the document, for non-text formats."""
        if not 1 <= line <= len(self.lines):
            return None
        src = self.lines[line - 1]
        if src.cells:
            index = src.text.count("\t", 0, max(column - 1, 0))
            if index < len(src.cells):
                return src.cells[index]
        return src.origin


    def file_lines(self) -> tuple[str, ...]:
        """The lines positions refer to: the file's own when it has lines, else the extracted ones."""
        if self.source is not None:
            return _source_lines(self.source)
        return tuple(line.text for line in self.lines)

    def file_position(self, line: int, column: int) -> tuple[int, int]:
        """The (line, column) of the file where a (line, column) of the document stands: the same for
        text files; for HTML, found in the source from where the line's element starts (the text of
        an element is the file's text but for entities, tags and spacing); unchanged where unknown."""
        if self.source is None or not 1 <= line <= len(self.lines):
            return line, column
        src = self.lines[line - 1]
        start, offset, text = src.at, column - 1, src.text
        if src.cells_at:
            index = text.count("\t", 0, max(offset, 0))
            if index < len(src.cells_at):
                cell_start = text.rfind("\t", 0, max(offset, 0)) + 1
                start, offset = src.cells_at[index], offset - cell_start
                text = text[cell_start:].split("\t", 1)[0]
        if start is None:
            return line, column
        return _find_in_source(_source_lines(self.source), start, text, max(offset, 0))


@functools.lru_cache(maxsize=2)  # the document being resolved; a string's hash is computed once
def _source_lines(source: str) -> tuple[str, ...]:
    return tuple(split_lines(source))


#: How far below its element's line a text is looked for (an element's text may start lines later).
_SEARCH_LINES = 40
_FRAGMENT_CHARS = 8


def _find_in_source(source: Sequence[str], start: tuple[int, int], text: str, offset: int) -> tuple[int, int]:
    """Where ``text[offset:]`` stands in the file, searching from ``start``: the text's own span when
    it is there verbatim, else the characters around ``offset`` (those before it too, so that an
    earlier occurrence of the same word is not taken), else the element's start."""
    line, column = start
    if not 1 <= line <= len(source):
        return start
    found = source[line - 1].find(text, column - 1) if text else -1
    if found >= 0:
        return line, found + 1 + offset
    for before in (_FRAGMENT_CHARS, 0):
        left = offset
        while left > offset - before and left > 0 and not text[left - 1].isspace():
            left -= 1
        right = offset
        while right < offset + _FRAGMENT_CHARS and right < len(text) and not text[right].isspace():
            right += 1
        if right - left < 2 and before:
            continue
        fragment = text[left:right]
        if not fragment:
            break
        for number in range(line, min(len(source), line + _SEARCH_LINES) + 1):
            found = source[number - 1].find(fragment, column - 1 if number == line else 0)
            if found >= 0:
                return number, found + 1 + offset - left
    return start


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or CR, like an editor does, keeping line numbers of the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


#: Where a finding stands in a DOCX, PDF or web page, as the readers write it, and in English.
_LOCATION_EN = (
    (lazy(r"第(\d+)页(?=表)"), r"page \1, "),
    (lazy(r"表(\d+)第(\d+)行第(\d+)列"), r"table \1 row \2 column \3"),
    (lazy(r"表(\d+)第(\d+)行"), r"table \1 row \2"),
    (lazy(r"HTML第(\d+)行"), r"HTML line \1"),
    (lazy(r"第(\d+)段"), r"paragraph \1"),
    (lazy(r"第(\d+)页"), r"page \1"),
    (lazy(r"（"), " ("),
    (lazy(r"）"), ")"),
)


@functools.lru_cache(maxsize=4096)  # a report names the same few hundred cells over and over
def location_text(location: str | None, lang: str) -> str | None:
    """A reader's location ("表1第9行第1列（HTML第54行）") in the user's language."""
    if location is None or lang != "en":
        return location
    for pattern, replacement in _LOCATION_EN:
        location = pattern.sub(replacement, location)
    return location
