"""Applying fixes to text reports, and writing the result without ever half-writing a file.

Fixes are spans of the decoded text (1-based line and column, end exclusive, lines split like
:func:`reportlint.document.split_lines`). They are applied to the original text in one pass, so
everything outside the spans keeps its bytes: the encoding (BOM included) and each line's own
newline. Where two fixes overlap the first wins; the other is left for the next pass.
"""

from __future__ import annotations

import codecs
import difflib
import errno
import os
import re
import tempfile
from typing import Sequence

from reportlint.decode import decode
from reportlint.diagnostic import Fix

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Longest BOM first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class FixError(Exception):
    """A fix that cannot be applied (a span outside the text)."""


def apply_fixes(data: bytes, fixes: Sequence[Fix]) -> tuple[bytes, int]:
    """Return the fixed bytes and how many fixes were applied."""
    text, encoding = decode(data)
    new_text, applied = apply_to_text(text, fixes)
    if not applied:
        return data, 0
    return encode_like(data, encoding, new_text), applied


def apply_to_text(text: str, fixes: Sequence[Fix]) -> tuple[str, int]:
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    ends = [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]
    newline = _dominant_newline(text)

    def offset(line: int, column: int) -> int:
        if not 1 <= line <= len(starts) or column < 1 or starts[line - 1] + column - 1 > ends[line - 1]:
            raise FixError(f"position {line}:{column} is outside the text")
        return starts[line - 1] + column - 1

    edits: list[tuple[int, int, str]] = []
    for fix in sorted(fixes, key=lambda f: (f.line, f.column, f.end_line, f.end_column)):
        start, end = offset(fix.line, fix.column), offset(fix.end_line, fix.end_column)
        if end < start:
            raise FixError(f"fix ends before it starts ({fix.line}:{fix.column}-{fix.end_line}:{fix.end_column})")
        if edits and start < edits[-1][1]:
            continue  # overlaps an earlier fix
        edits.append((start, end, _NEWLINE.sub(newline, fix.replacement)))
    if not edits:
        return text, 0
    parts, last = [], 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts), len(edits)


def encode_like(original: bytes, encoding: str, text: str) -> bytes:
    """Encode ``text`` as ``original`` was encoded, keeping its byte-order mark if it had one."""
    for bom, codec in _BOM_CODECS:
        if original.startswith(bom):
            return bom + text.encode(codec)
    return text.encode(encoding)


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    newline, count = max(counts.items(), key=lambda kv: kv[1])
    return newline if count else "\n"


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """The change as a unified diff naming the file as linted (``patch -p0`` applies it)."""
    old_text, _ = decode(old)
    new_text, _ = decode(new)
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True), fromfile=path, tofile=path
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's content: a temporary file in the same directory, fsync, then rename.

    On any error the temporary file is removed and the original is untouched. A read-only file is
    refused rather than silently replaced (a rename would succeed where a write should not).
    """
    target = os.path.realpath(path)  # through a symlink, replace the file, not the link
    if not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "file is not writable", path)
    directory, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".reportlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX); where directories cannot be opened, skip it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
