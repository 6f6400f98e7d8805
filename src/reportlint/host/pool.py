"""Worker processes that lint files under supervision.

Each file's pipeline runs in a worker process. The parent gives each worker one file at a time, and
kills and replaces a worker whose file outlives its time limit (a plugin stuck in C code, or one that
swallows the in-process timer with ``except BaseException``) or that dies (a segfault,
``os._exit``). In a worker, standard output is standard error: a plugin's ``print`` never reaches the
run's output. Results come back in the order of the files; at most a few files run ahead of the first
unfinished one, so memory stays flat. At the end every worker is stopped, and killed if a plugin's
thread keeps it alive.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import replace
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator, Sequence

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.host.pipeline import check_file

#: How much longer than its time limit a file may run before its worker is killed: the worker's own
#: timer normally reports first, with a proper finding.
GRACE_SECONDS = 2.0
#: Files dispatched ahead of the first unfinished one, per worker.
AHEAD_PER_WORKER = 4


def run(files: Sequence[str], config: Config, jobs: int, failed: Callable[[str, str], Any], mp_context=None,
        work: Callable[[str, Config], Any] = check_file, seconds: float | None = None) -> Iterator[Any]:
    """The FileResult of each file, in order, from ``jobs`` supervised workers.
    ``failed(path, reason)`` makes the result of a file whose worker died or was killed.

    ``work(path, config)`` is what a worker does with a file (a module-level function: it is
    pickled by name), and ``seconds`` how long it may take before its worker is killed (default:
    the per-file time limit): ``reportlint serve`` checks a file and makes its reviewed copy."""
    context = mp_context or multiprocessing.get_context()
    limit = (config.limits.timeout if seconds is None else seconds) + GRACE_SECONDS
    workers = [_Worker(context, config, work) for _ in range(max(1, min(jobs, len(files))))]
    done: dict[int, FileResult] = {}
    dispatched = delivered = 0
    try:
        while delivered < len(files):
            for i, worker in enumerate(workers):
                if worker.task is None and dispatched < len(files) and dispatched - delivered < AHEAD_PER_WORKER * len(workers):
                    if not worker.process.is_alive():  # it died after its last file
                        worker.stop()
                        workers[i] = worker = _Worker(context, config, work)
                    try:
                        worker.send(dispatched, files[dispatched])
                    except (OSError, ValueError):
                        done[dispatched] = failed(files[dispatched], "worker-died")
                        worker.task = None
                        worker.stop()
                        workers[i] = _Worker(context, config, work)
                    dispatched += 1
            busy = [w for w in workers if w.task is not None]
            if not busy:
                while delivered in done:
                    yield done.pop(delivered)
                    delivered += 1
                continue
            now = time.monotonic()
            timeout = max(0.0, min(w.started + limit for w in busy) - now)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout))
            for i, worker in enumerate(workers):
                if worker.task is None:
                    continue
                index, path = worker.task
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = worker.receive()
                    if outcome is not None:
                        done[index] = outcome
                        continue
                    done[index] = failed(path, "worker-died")
                elif time.monotonic() > worker.started + limit:
                    done[index] = failed(path, "timeout")
                else:
                    continue
                worker.stop()
                workers[i] = _Worker(context, config, work)
            while delivered in done:
                yield done.pop(delivered)
                delivered += 1
    finally:
        for worker in workers:
            worker.stop()


class _Worker:
    def __init__(self, context, config: Config, work: Callable[[str, Config], Any]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, config, work), daemon=True)
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def send(self, index: int, path: str) -> None:
        self.task = (index, path)
        self.started = time.monotonic()
        self.conn.send(self.task)

    def receive(self) -> Any:
        """The finished file's outcome, or None when the worker is gone without one."""
        try:
            if not self.conn.poll():
                return None
            index, outcome = self.conn.recv()
        except (EOFError, OSError):
            return None
        self.task = None
        return outcome

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(0.5)
        if self.process.is_alive():  # a plugin's thread keeps it alive, or it is stuck
            self.process.kill()
            self.process.join(1)
        self.conn.close()


def _serve(conn, config: Config, work: Callable[[str, Config], Any]) -> None:
    """A worker's loop: a path in, its outcome out, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt ends
    faulthandler.disable()  # a crash here is RL901 for its file, not a dump on the user's terminal
    try:
        os.dup2(2, 1)  # stdout is stderr here: nothing a plugin prints reaches the run's output
    except OSError:
        pass
    sys.stdout = sys.stderr
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        result = work(path, config)
        try:
            conn.send((index, result))
        except Exception:  # digests that cannot be pickled: the file's findings still count
            if not isinstance(result, FileResult):
                raise
            conn.send((index, replace(result, digests={})))
