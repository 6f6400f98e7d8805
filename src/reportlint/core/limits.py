"""What one file may cost, and the error that says it cannot be read: value types every layer uses."""

from __future__ import annotations

from dataclasses import dataclass


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


#: The largest value each limit may be set to: beyond, a setting is a mistake (2**63 bytes, an
#: infinite timeout) that would overflow or disable the limit rather than raise it.
LIMIT_MAXIMA = {
    "max_bytes": 1 << 34,  # 16 GiB
    "max_unpacked_bytes": 1 << 36,
    "max_pages": 100_000,
    "max_lines": 100_000_000,
    "max_depth": 100_000,
    "timeout": 86_400.0,  # a day
}
