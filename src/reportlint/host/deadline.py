"""One file's time limit, inside the process doing the work."""

from __future__ import annotations

import signal
import sys
import threading


class FileTimeout(BaseException):
    """Raised by the timer inside a file's pipeline; a BaseException so plugins' ``except Exception`` cannot swallow it."""


class deadline:
    """Raise :class:`FileTimeout` after ``seconds`` of one file's work.

    In a process's main thread a real-time interval timer raises it. In another thread (a Dask
    worker's task, an embedding application's thread pool) a timer thread raises it in the working
    thread through CPython's ``PyThreadState_SetAsyncExc``; on other interpreters the limit is not
    enforced there. Either way C code (a parser library) is interrupted when it returns to Python;
    what never returns, or swallows the timer, is stopped from outside by :mod:`reportlint.host.pool`.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.main = threading.current_thread() is threading.main_thread()
        self.active = seconds > 0 and (hasattr(signal, "setitimer") if self.main else sys.implementation.name == "cpython")

    def __enter__(self):
        if not self.active:
            return self
        if self.main:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self._lock = threading.Lock()
            self._done = self._fired = False
            self._thread_id = threading.get_ident()
            self._timer = threading.Timer(self.seconds, self._interrupt)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc):
        if not self.active:
            return False
        if self.main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        else:
            with self._lock:
                self._done = True
                self._timer.cancel()
                if self._fired:  # fired as the work ended: withdraw a FileTimeout not yet raised
                    _set_async_exc(self._thread_id, None)
        return False

    def _interrupt(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = True
                _set_async_exc(self._thread_id, FileTimeout)

    @staticmethod
    def _expire(signum, frame):
        raise FileTimeout()


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in thread ``thread_id`` at its next Python instruction (None: withdraw it)."""
    import ctypes  # only a deadline outside the main thread needs it

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None if exc is None else ctypes.py_object(exc))
