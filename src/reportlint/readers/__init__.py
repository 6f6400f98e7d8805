"""Readers turn a file's bytes into a :class:`~reportlint.document.Document`.

One reader per format, chosen by suffix and, failing that, by sniffing the content. Readers are
plugins (``reportlint_readers``); the built-in ones are registered by this module. A reader imports
its parsing library inside :meth:`Reader.read`, so linting text files never loads lxml or pdfminer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from reportlint import hookimpl
from reportlint.document import Document


class ReadError(Exception):
    """The file cannot become a document: RL901 (unreadable) or RL902 (not a report)."""

    def __init__(self, message: str, code: str = "RL901", args: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.args_for_message = args or {}


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost; exceeding one is RL901, never a hang or a crash."""

    max_bytes: int = 32 * 1024 * 1024  # size of the file on disk
    max_unpacked_bytes: int = 64 * 1024 * 1024  # DOCX: total decompressed size of the parts read
    max_pages: int = 300  # PDF pages read
    max_lines: int = 200_000  # lines of extracted text
    max_depth: int = 2_000  # HTML element nesting
    timeout: float = 60.0  # seconds per file (enforced by the runner)


class Reader:
    """Base class of readers. Subclasses set ``name``, ``format`` and ``suffixes``."""

    name: str = ""
    format: str = ""
    suffixes: tuple[str, ...] = ()

    def sniff(self, head: bytes) -> bool:
        """Whether the first bytes of a file look like this format (for unknown suffixes)."""
        return False

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        raise NotImplementedError


class TextReader(Reader):
    name = "text"
    format = "text"
    suffixes = (".txt", ".text")

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        from reportlint.decode import decode

        text, encoding = decode(data)
        return Document.from_text(path, text, self.format, encoding)

    def sniff(self, head: bytes) -> bool:
        from reportlint.decode import looks_like_text

        return looks_like_text(head)


class MarkdownReader(TextReader):
    name = "markdown"
    format = "markdown"
    suffixes = (".md", ".markdown")

    def sniff(self, head: bytes) -> bool:
        return False


def builtin_readers() -> list[Reader]:
    from reportlint.readers.docx import DocxReader
    from reportlint.readers.html import HtmlReader
    from reportlint.readers.pdf import PdfReader

    return [TextReader(), MarkdownReader(), DocxReader(), HtmlReader(), PdfReader()]


@hookimpl
def reportlint_readers() -> Iterable[Reader]:
    return builtin_readers()
