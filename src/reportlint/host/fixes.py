"""Applying fixes to text reports, and writing the result without ever half-writing a file.

Fixes are spans of the decoded text (1-based line and column, end exclusive, lines split like
:func:`reportlint.core.document.split_lines`). They are applied to the original text in one pass, so
everything outside the spans keeps its bytes: the encoding (BOM included) and each line's own
newline. Where two fixes overlap the first wins; the other is left for the next pass.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
import time
from typing import NamedTuple, Sequence

from reportlint.core.diagnostic import Fix
from reportlint.core.patterns import lazy
from reportlint.readers.decode import decode

_NEWLINE = lazy(r"\r\n|\r|\n")
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


class FixSkipped(Exception):
    """A file deliberately left as it is (a warning, not a failure): it changed while it was
    checked, it is read-only, or it is a link and links were not to be followed. Says why in
    English (``str``) and in Chinese (``zh``)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh

    def text(self, lang: str) -> str:
        return str(self) if lang == "en" else self.zh


class Snapshot(NamedTuple):
    """The bytes a file had when it was read, and what identifies that version of it."""

    data: bytes
    size: int
    mtime_ns: int
    inode: int
    device: int
    mode: int
    uid: int
    gid: int
    links: int
    symlink: bool

    @classmethod
    def take(cls, path: str, data: bytes) -> "Snapshot":
        """The file's identity now, for ``data`` just read from it."""
        info = os.stat(path)
        return cls(data, info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev, info.st_mode, info.st_uid,
                   info.st_gid, info.st_nlink, os.path.islink(path))

    def still(self, path: str) -> bool:
        """Whether the file still holds exactly these bytes (another writer, another run)."""
        try:
            info = os.stat(path)
            if (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev) != (self.size, self.mtime_ns, self.inode, self.device):
                return False
            with open(path, "rb") as fh:
                return fh.read(self.size + 1) == self.data
        except OSError:
            return False


def write_checked(path: str, data: bytes, snapshot: Snapshot, follow_links: bool = False) -> None:
    """Replace the file's content with ``data`` — fixes computed on ``snapshot.data`` — atomically,
    or not at all.

    A temporary file beside the target takes the data, the target's mode and its owner and group;
    it is fsynced, the target is checked to still hold the snapshot's bytes, and only then renamed
    over it. A read-only file, a symbolic link and a file with other hard links are left alone
    (:class:`FixSkipped`) unless ``follow_links`` (then a link's target is replaced, and a hard link
    is split from its other names). Stale temporary files of killed runs are removed first.
    """
    if snapshot.symlink and not follow_links:
        raise FixSkipped("a symbolic link: left as it is (--fix-links replaces its target)", "符号链接，未改动（--fix-links 会改写其目标）")
    if snapshot.links > 1 and not follow_links:
        raise FixSkipped(f"it has {snapshot.links - 1} other hard link(s): left as it is (--fix-links writes this name only)",
                         f"另有 {snapshot.links - 1} 个硬链接，未改动（--fix-links 只写这个文件名）")
    if not snapshot.mode & 0o200:
        raise FixSkipped("read-only: left as it is", "文件只读，未改动")
    target = os.path.realpath(path)
    directory, name = os.path.split(target)
    _remove_stale_temporaries(directory, name)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, snapshot.mode & 0o7777)
        if (snapshot.uid, snapshot.gid) != (os.geteuid(), os.getegid()) and hasattr(os, "chown"):
            try:
                os.chown(tmp, snapshot.uid, snapshot.gid)
            except PermissionError:
                raise FixSkipped("its owner could not be kept: left as it is", "无法保留文件所有者，未改动") from None
        if not snapshot.still(target):
            raise FixSkipped("it changed while it was checked: left as it is", "检查期间文件被修改，未改动")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_directory(directory)


TEMP_SUFFIX = ".reportlint-tmp"
#: A temporary file older than this whose run is gone is a leftover of a killed run.
STALE_SECONDS = 600


def _remove_stale_temporaries(directory: str, name: str) -> None:
    """Remove ``.NAME.PID.*.reportlint-tmp`` files left by runs that were killed (their process is gone,
    or they are older than any fix takes)."""
    prefix = f".{name}."
    try:
        entries = [e for e in os.listdir(directory) if e.startswith(prefix) and e.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for entry in entries:
        pid_text = entry[len(prefix):].split(".", 1)[0]
        full = os.path.join(directory, entry)
        try:
            alive = pid_text.isdigit() and _alive(int(pid_text))
            if not alive or time.time() - os.stat(full).st_mtime > STALE_SECONDS:
                os.unlink(full)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but is another user's
    return True


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
