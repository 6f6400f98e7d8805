"""Readers turn a file's bytes into a :class:`~reportlint.core.document.Document`.

One reader per format, chosen by suffix and, failing that, by sniffing the content. Readers are
plugins (``reportlint_readers``); the built-in ones are registered by this module. A reader imports
its parsing library inside :meth:`Reader.read`, so linting text files never loads lxml or pdfminer.

:func:`read_document` is the one entry point: it applies the :class:`Limits`, picks the reader and
turns everything that can go wrong with a hostile or broken file into a :class:`ReadError`.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Callable, Iterable, Sequence

from reportlint import hookimpl
from reportlint.core.document import Document
from reportlint.core.limits import Limits, ReadError  # noqa: F401  (readers' public names)
from reportlint.readers.decode import decode, looks_like_text


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
        text, encoding = decode(data)
        return Document.from_text(path, text, self.format, encoding)

    def sniff(self, head: bytes) -> bool:
        return looks_like_text(head)


class MarkdownReader(TextReader):
    name = "markdown"
    format = "markdown"
    suffixes = (".md", ".markdown")

    def sniff(self, head: bytes) -> bool:
        return False


class LazyReader(Reader):
    """A built-in reader made by ``load`` the first time a file of its kind is read or sniffed:
    linting text files never imports the DOCX, HTML and PDF readers (nor their libraries)."""

    def __init__(self, name: str, format: str, suffixes: tuple[str, ...], load: Callable[[], Reader]) -> None:
        self.name, self.format, self.suffixes = name, format, suffixes
        self._load = load
        self._reader: Reader | None = None

    @property
    def reader(self) -> Reader:
        if self._reader is None:
            self._reader = self._load()
        return self._reader

    def sniff(self, head: bytes) -> bool:
        return self.reader.sniff(head)

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        return self.reader.read(path, data, limits)


def _docx() -> Reader:
    from reportlint.readers.docx import DocxReader  # python-docx and lxml: only when a Word file is read or sniffed

    return DocxReader()


def _html() -> Reader:
    from reportlint.readers.html import HtmlReader  # lxml: only when a web page is read or sniffed

    return HtmlReader()


def _pdf() -> Reader:
    from reportlint.readers.pdf import PdfReader  # pypdfium2 and pdfplumber: only when a PDF is read or sniffed

    return PdfReader()


def emit(out: list, line, limits: Limits) -> None:
    """Append one extracted line, refusing more than ``limits.max_lines``: a hostile file is stopped
    while it is read, not after."""
    if len(out) >= limits.max_lines:
        raise ReadError(f"提取的文本超过上限 {limits.max_lines} 行", args={"reason": "max_lines", "limit": limits.max_lines})
    out.append(line)


def builtin_readers() -> list[Reader]:
    return [
        TextReader(),
        MarkdownReader(),
        LazyReader("docx", "docx", (".docx",), _docx),
        LazyReader("html", "html", (".html", ".htm", ".xhtml", ".shtml"), _html),
        LazyReader("pdf", "pdf", (".pdf",), _pdf),
    ]


@hookimpl
def reportlint_readers() -> Iterable[Reader]:
    return builtin_readers()


#: How many leading bytes :meth:`Reader.sniff` sees: enough to reach a DOCX's ``word/`` zip entries.
SNIFF_BYTES = 64 * 1024
_TEXT_FORMATS = ("text", "markdown")


def read_document(
    path: str, data: bytes | None = None, limits: Limits = Limits(), readers: Iterable[Reader] | None = None
) -> Document:
    """Read one file into a Document, or raise :class:`ReadError` (RL901 unreadable, RL902 no report).

    ``data`` is the file's content when the caller already has it (``lint_bytes``); otherwise the file
    is read, never more than ``limits.max_bytes``. ``readers`` are the ones to choose from (the host
    passes every plugin's, :func:`reportlint.host.registry.readers`); by default the built-in ones.
    Whatever a reader's library raises on a broken file becomes a ReadError, so one bad file never ends a run.
    """
    if data is None:
        data = read_bytes(path, limits)
    elif len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    if not data:
        raise ReadError("文件为空，没有报告内容", code="RL902", args={"reason": "empty"})
    available = list(readers) if readers is not None else builtin_readers()
    reader = choose_reader(path, data, available)
    document = _run_reader(reader, path, data, limits)
    if len(document.lines) > limits.max_lines:
        raise ReadError(
            f"提取的文本有 {len(document.lines)} 行，超过上限 {limits.max_lines} 行",
            args={"reason": "max_lines", "lines": len(document.lines), "limit": limits.max_lines},
        )
    return document


def choose_reader(path: str, data: bytes, readers: Sequence[Reader]) -> Reader:
    """The reader for a file: by suffix (case-insensitive), else by sniffing its first bytes.

    When a plugin and a built-in reader claim the same suffix, the plugin wins: installing it is how a
    user asks for it. Sniffing asks the specific formats (DOCX, PDF, HTML, plugins) before plain text,
    whose sniffer accepts almost anything decodable.
    """
    suffix = os.path.splitext(path)[1].lower()
    if suffix:
        claiming = [r for r in readers if suffix in (s.lower() for s in r.suffixes)]
        if claiming:
            return sorted(claiming, key=_is_builtin)[0]
    head = data[:SNIFF_BYTES]
    for reader in sorted(readers, key=lambda r: r.format in _TEXT_FORMATS):
        try:
            if reader.sniff(head):
                return reader
        except Exception:  # a plugin's broken sniffer must not hide the other readers
            continue
    raise ReadError(
        f"无法识别的文件格式{f'（{suffix}）' if suffix else ''}，不是可读取的报告文件",
        code="RL902",
        args={"reason": "unknown-format", "suffix": suffix},
    )


def read_bytes(path: str, limits: Limits = Limits()) -> bytes:
    """The file's bytes, refusing what is no regular file or larger than ``limits.max_bytes``."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_error(exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("这是一个目录，不是文件", args={"reason": "directory"})
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or a device would block or never end.
        raise ReadError("不是普通文件（设备、管道或套接字），不予读取", args={"reason": "not-regular"})
    if info.st_size > limits.max_bytes:
        raise _too_large(info.st_size, limits)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise _os_error(exc) from None
    if len(data) > limits.max_bytes:  # the file grew after stat
        raise _too_large(len(data), limits)
    return data


def _is_builtin(reader: Reader) -> bool:
    return type(reader).__module__.startswith("reportlint.")


def _run_reader(reader: Reader, path: str, data: bytes, limits: Limits) -> Document:
    label = reader.name or type(reader).__name__
    try:
        document = reader.read(path, data, limits)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError("文件内容过大，读取时内存不足", args={"reason": "memory", "reader": label}) from None
    except RecursionError:
        raise ReadError("文件结构嵌套过深，无法读取", args={"reason": "depth", "reader": label}) from None
    except Exception as exc:
        if _is_builtin(reader):
            raise ReadError(
                f"文件已损坏或格式无效，无法读取（{type(exc).__name__}）",
                args={"reason": "corrupt", "reader": label, "error": f"{type(exc).__name__}: {exc}"},
            ) from None
        raise ReadError(
            f"插件读取器“{label}”出错：{type(exc).__name__}: {exc}",
            code="RL903",
            args={"reason": "plugin-error", "reader": label},
        ) from None
    if not isinstance(document, Document):
        raise ReadError(
            f"插件读取器“{label}”返回的不是 Document", code="RL903", args={"reason": "plugin-error", "reader": label}
        )
    return document


def _too_large(size: int, limits: Limits) -> ReadError:
    return ReadError(
        f"文件过大（{size / 1048576:.1f} MB），超过上限 {limits.max_bytes / 1048576:.1f} MB",
        args={"reason": "max_bytes", "size": size, "limit": limits.max_bytes},
    )


def _os_error(exc: OSError) -> ReadError:
    if isinstance(exc, FileNotFoundError):
        return ReadError("文件不存在", args={"reason": "missing"})
    if isinstance(exc, PermissionError):
        return ReadError("没有读取该文件的权限", args={"reason": "permission"})
    if isinstance(exc, IsADirectoryError):
        return ReadError("这是一个目录，不是文件", args={"reason": "directory"})
    if exc.errno == errno.ELOOP:
        return ReadError("符号链接形成循环，无法打开文件", args={"reason": "symlink-loop"})
    return ReadError(f"无法打开文件：{exc.strerror or exc}", args={"reason": "os-error", "errno": exc.errno})
