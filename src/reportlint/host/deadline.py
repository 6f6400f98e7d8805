"""One file's time limit, inside the process doing the work."""

from __future__ import annotations

import signal
import threading


class FileTimeout(BaseException):
    """Raised by the timer inside a file's pipeline; a BaseException so plugins' ``except Exception`` cannot swallow it."""


class deadline:
    """Raise :class:`FileTimeout` after ``seconds`` of one file's work.

    Uses a real-time interval timer, which only the main thread of a process can set; elsewhere
    (an embedding application's worker thread) the limit is not enforced. C code (a parser
    library) is interrupted when it returns to Python; what never returns, or swallows the timer,
    is stopped from outside by :mod:`reportlint.host.pool`.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (
            seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self):
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

    @staticmethod
    def _expire(signum, frame):
        raise FileTimeout()
