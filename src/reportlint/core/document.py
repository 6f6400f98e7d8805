"""What a reader produces: the report's text as lines, whatever the file format.

Readers flatten tables into one line per table row with the cells separated by a tab, and say for
each line (and each cell of a table row) where it came from in the source file. The report model is
built from this one shape, so every rule works on every format.
"""

from __future__ import annotations

from typing import NamedTuple


class SourceLine(NamedTuple):
    text: str
    #: Where the line came from, for formats whose lines are not the file's own: "第3页",
    #: "第12段", "HTML第120行". None for text files, where the line number says it all.
    origin: str | None = None
    #: For a table row: the origin of each tab-separated cell ("表3第5行第2列").
    cells: tuple[str, ...] | None = None


class Document(NamedTuple):
    path: str
    format: str  # "text", "markdown", "docx", "html", "pdf" or a plugin's own
    lines: tuple[SourceLine, ...]
    encoding: str | None = None
    #: Line numbers in the document are the file's own (text files): fixes can be applied.
    editable: bool = False

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


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or CR, like an editor does, keeping line numbers of the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
