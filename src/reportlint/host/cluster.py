"""The per-file work of a run on a Dask cluster (``--dask ADDRESS``, ``lint_paths(client=...)``).

Each file is read here and its bytes are sent to a worker, a few files to a task, each task with the
run's Config (a few hundred bytes: nothing is kept on the cluster between tasks, so nothing is lost
with a worker); the worker runs the same pipeline as ``-j 1`` and sends back the FileResults with
their digests (a few KB each). Results are taken back in path order, with a bounded number of tasks
in flight, so memory stays flat; the run-level checks then run here on the gathered digests. Workers
need reportlint and the same plugins installed; they need no access to the files.

A cluster fails as a process pool does, and the run holds as it does in one:

- each file runs in a thread of its own on the worker; one that outlives its time limit by
  ``GRACE_SECONDS`` (a plugin stuck in C code, or swallowing the timer) is RL901, the rest of its
  task is sent again, and the worker is restarted — a stuck thread cannot be ended otherwise;
- a task the client hears nothing of for its files' limits and ``TASK_SLACK_SECONDS`` more (a
  thread holding the interpreter's lock: nothing on the worker answers) is given up and its worker
  restarted;
- a task lost with its worker (a plugin that aborts the process) is sent again one file to a task,
  so that only the file at fault is RL901 (a local cluster lets reportlint do this alone: Dask runs
  no lost task again, which would kill a worker per try); a cluster left with no worker ends the
  run with an error instead of waiting for ever;
- connecting is bounded in time and memory: a scheduler's address is first checked to answer as
  Dask does — a short handshake, at once — before Dask reads a frame from it (an SSH banner read as
  a frame length asks for exabytes), and a local cluster that cannot start is a clear error.
"""

from __future__ import annotations

import collections
import contextlib
import socket
import struct
import threading
import time
from typing import Callable, Iterator, Sequence

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.core.limits import ReadError
from reportlint.host.pipeline import check_file
from reportlint.host.resolve import describe
from reportlint.host.settings import ConfigError
from reportlint.readers import read_bytes

#: Tasks in flight per worker thread of the cluster: enough to keep workers busy, few enough that
#: file bytes and results do not pile up in memory.
AHEAD_PER_THREAD = 2
#: Files sent in one task (a task costs the scheduler about a millisecond and a round trip; a report
#: ten milliseconds of work), and at most this many bytes of them.
BATCH_FILES = 16
BATCH_BYTES = 8 << 20
LOCAL = "local"
#: How much longer than its time limit a file's thread may run on a worker before the file is RL901
#: (the in-thread timer normally reports first, with a proper finding).
GRACE_SECONDS = 2.0
#: What the client allows a task beyond its files' limits (waiting for a thread, the transfers).
TASK_SLACK_SECONDS = 30.0
#: Connecting to a scheduler, its handshake included; restarting a worker.
CONNECT_SECONDS = 20.0
RESTART_SECONDS = 60.0
#: How often a wait for a task looks whether the cluster still has workers.
POLL_SECONDS = 1.0
#: A scheduler's first message (its handshake) is some fifty bytes; a peer announcing more is no
#: scheduler, and is not read.
HANDSHAKE_BYTES = 64 << 10


@contextlib.contextmanager
def connect(address: str, workers: int = 2) -> Iterator[object]:
    """A ``dask.distributed.Client`` for ``address`` (``local``: a LocalCluster of ``workers``
    single-threaded worker processes on this machine), closed at the end."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--dask needs Dask: pip install 'reportlint[dask]'", "--dask 需要 Dask：pip install 'reportlint[dask]'") from None
    if address == LOCAL:
        try:  # any free port for the dashboard: no clash; a lost task is not run again by Dask: see run()
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=":0")
        except Exception as exc:  # a worker process that dies as it starts: "Nanny failed to start"
            raise ConfigError(f"the local Dask cluster could not start: {describe(exc)}",
                              f"无法启动本机的 Dask 集群：{describe(exc)}") from None
        with cluster, Client(cluster) as client:
            yield client
        return
    check_peer(address)
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_SECONDS:g}s"}):
            client = Client(address, timeout=f"{CONNECT_SECONDS:g}s")
    except (OSError, TimeoutError, ValueError, MemoryError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {describe(exc)}",
                          f"无法连接 {address!r} 上的 Dask 调度器：{describe(exc)}") from None
    with client:
        yield client


def check_peer(address: str) -> None:
    """That ``address`` (``tcp://host:port`` or ``host:port``) answers as a Dask scheduler does —
    its handshake, a few dozen bytes, within ``CONNECT_SECONDS`` — read with a bounded buffer; a
    ConfigError otherwise. Other protocols (``tls://``) check their peer in their own handshake."""
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp") or not host or not port.isdigit():
        return  # Dask says what is wrong with the address
    ends = time.monotonic() + CONNECT_SECONDS
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS) as peer:
            head = _receive(peer, 8, ends)
            (size,) = struct.unpack("Q", head)
            if size > HANDSHAKE_BYTES:
                raise ConfigError(f"{address!r} does not answer as a Dask scheduler (it sent {head!r})",
                                  f"{address!r} 的应答不是 Dask 调度器的（它发来 {head!r}）")
            body = _receive(peer, size, ends)
    except (socket.timeout, TimeoutError):
        raise ConfigError(f"{address!r} sent no Dask handshake within {CONNECT_SECONDS:g} s: no Dask scheduler there",
                          f"{address!r} 在 {CONNECT_SECONDS:g} 秒内没有发来 Dask 握手：那里没有 Dask 调度器") from None
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {exc.strerror or exc}",
                          f"无法连接 {address!r} 上的 Dask 调度器：{exc.strerror or exc}") from None
    if b"pickle-protocol" not in body:
        raise ConfigError(f"{address!r} does not answer as a Dask scheduler (it sent {(head + body)[:40]!r})",
                          f"{address!r} 的应答不是 Dask 调度器的（它发来 {(head + body)[:40]!r}）")


def _receive(peer: socket.socket, size: int, ends: float) -> bytes:
    chunks, got = [], 0
    while got < size:
        peer.settimeout(max(ends - time.monotonic(), 0.001))
        chunk = peer.recv(min(size - got, 65536))
        if not chunk:
            raise OSError(0, "the connection was closed during the handshake")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def run(files: Sequence[str], config: Config, client, failed: Callable[[str, str], FileResult]) -> Iterator[FileResult]:
    """The FileResult of each file, in order, computed on ``client``'s workers.
    ``failed(path, reason)`` makes the result of a file the cluster could not lint: its worker died
    (``"worker-died"``) or it outlived its time limit (``"timeout"``)."""
    threads = sum(client.nthreads().values()) or 1
    window = AHEAD_PER_THREAD * threads
    pending: collections.deque = collections.deque()  # (batch, future or None)
    try:
        for batch in _batches(files, config):
            pending.append((batch, _submit(client, [(path, data) for path, data, local in batch if local is None], config)))
            if len(pending) >= window:
                yield from _outcome(client, *pending.popleft(), config, failed)
        while pending:
            yield from _outcome(client, *pending.popleft(), config, failed)
    finally:
        for _, task in pending:  # an interrupted run leaves nothing queued on the cluster
            if task is not None:
                task.cancel()


def _batches(files: Sequence[str], config: Config) -> Iterator[list[tuple[str, bytes | None, FileResult | None]]]:
    """The files in order, a few to a task: (path, bytes to send, or the result made here when the
    file cannot be read — the reader's RL901 says why)."""
    batch: list = []
    size = 0
    for path in files:
        try:
            data = read_bytes(path, config.limits)  # never opens a pipe or a device: they would block
            batch.append((path, data, None))
            size += len(data)
        except (OSError, ReadError):
            batch.append((path, None, check_file(path, config)))
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _submit(client, remote: list[tuple[str, bytes]], config: Config):
    return client.submit(lint_remote, remote, config, pure=False) if remote else None


def _outcome(client, batch: list, task, config: Config, failed: Callable[[str, str], FileResult]) -> Iterator[FileResult]:
    remote = [(path, data) for path, data, local in batch if local is None]
    outcomes: list = _collect(client, task, len(remote), config)[0] if task is not None else []
    if len(outcomes) != len(remote):  # the task was lost with its worker, or ran out of time
        outcomes = [None] * len(remote)
    made = iter(zip(remote, outcomes))
    for path, data, local in batch:
        if local is not None:
            yield local
            continue
        _, outcome = next(made)
        if outcome is None:  # not linted: alone, so that only a file at fault is RL901
            outcome = _alone(client, path, data, config)
        yield outcome if isinstance(outcome, FileResult) else failed(path, outcome)


def _alone(client, path: str, data: bytes, config: Config) -> FileResult | str:
    outcomes, reason = _collect(client, _submit(client, [(path, data)], config), 1, config)
    return outcomes[0] if outcomes and outcomes[0] is not None else reason


def _collect(client, task, files: int, config: Config) -> tuple[list, str]:
    """What a task of ``files`` files gave (a FileResult, a reason or None per file; [] when the task
    was lost), and why it gave nothing: its worker died, or it ran out of time."""
    limit = config.limits.timeout
    budget = files * (limit + GRACE_SECONDS) + TASK_SLACK_SECONDS if limit > 0 else None
    try:
        outcomes, stuck_on = _wait(client, task, budget)
    except ConfigError:
        raise
    except TimeoutError:  # nothing heard for all that time: the worker's thread holds everything
        _restart(client, _running(client, task))
        task.cancel()
        return [], "timeout"
    except Exception:  # the task was lost: its workers died (KilledWorker) or the cluster went away
        return [], "worker-died"
    finally:
        task.release()
    if stuck_on is not None:
        _restart(client, [stuck_on])
    return outcomes, "worker-died"


def _wait(client, task, budget: float | None):
    """The task's result, waiting at most ``budget`` seconds (TimeoutError); a cluster left without
    a worker for ``RESTART_SECONDS`` ends the run (a ConfigError) instead of waiting for ever."""
    started = time.monotonic()
    empty_since = None
    while True:
        left = None if budget is None else budget - (time.monotonic() - started)
        if left is not None and left <= 0:
            raise TimeoutError
        try:
            return task.result(timeout=POLL_SECONDS if left is None else min(POLL_SECONDS, left))
        except TimeoutError:
            pass
        if client.nthreads():
            empty_since = None
        elif empty_since is None:
            empty_since = time.monotonic()
        elif time.monotonic() - empty_since > RESTART_SECONDS:
            raise ConfigError(f"the Dask cluster has had no worker for {RESTART_SECONDS:g} s: the run cannot go on",
                              f"Dask 集群已有 {RESTART_SECONDS:g} 秒没有工作进程，检查无法继续")


def _running(client, task) -> list[str]:
    """The workers the scheduler has ``task`` on."""
    try:
        return [worker for worker, keys in client.processing().items() if task.key in keys]
    except Exception:
        return []


def _restart(client, workers: list[str]) -> None:
    """Restart workers whose thread is stuck (their nanny starts them afresh); a worker without a
    nanny is left to the cluster."""
    if workers:
        with contextlib.suppress(Exception):
            client.restart_workers(workers, timeout=RESTART_SECONDS, raise_for_error=False)


def lint_remote(batch: list[tuple[str, bytes]], config: Config) -> tuple[list, str | None]:
    """What a worker runs: the pipeline of each file of a batch, on the bytes read by the client,
    each file in a thread of its own under its time limit. Returns a FileResult per file — or
    ``"timeout"`` for a file whose thread is stuck past it, None for the files after it (they are
    sent again elsewhere) — and this worker's address when a thread of it is stuck."""
    outcomes: list = []
    for path, data in batch:
        if outcomes and outcomes[-1] == "timeout":
            outcomes.append(None)
            continue
        outcomes.append(_within_limit(path, data, config))
    if "timeout" not in outcomes:
        return outcomes, None
    from dask.distributed import get_worker  # only a worker whose thread is stuck needs it

    return outcomes, get_worker().address


def _within_limit(path: str, data: bytes, config: Config) -> FileResult | str | None:
    limit = config.limits.timeout
    if limit <= 0:
        return check_file(path, config, data=data)
    done: list[FileResult] = []
    thread = threading.Thread(target=lambda: done.append(check_file(path, config, data=data)), daemon=True,
                              name=f"reportlint {path}")
    thread.start()
    thread.join(limit + GRACE_SECONDS)
    if done:
        return done[0]
    return "timeout" if thread.is_alive() else "worker-died"
