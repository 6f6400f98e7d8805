"""The per-file work of a run on a Dask cluster (``--dask ADDRESS``, ``lint_paths(client=...)``).

Each file is read here and its bytes are sent to a worker, a few files to a task, with the run's
Config (sent to every worker once); the worker runs the same pipeline as ``-j 1`` and sends back the
FileResults with their digests (a few KB each). Results are taken back in path order, with a bounded
number of tasks in flight, so memory stays flat; the
run-level checks then run here on the gathered digests. Workers need reportlint and the same plugins
installed; they need no access to the files.
"""

from __future__ import annotations

import collections
import contextlib
from typing import Callable, Iterator, Sequence

from reportlint.core.diagnostic import FileResult
from reportlint.core.limits import ReadError
from reportlint.host.config import Config
from reportlint.host.pipeline import check_file
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


@contextlib.contextmanager
def connect(address: str, workers: int = 2) -> Iterator[object]:
    """A ``dask.distributed.Client`` for ``address`` (``local``: a LocalCluster of ``workers``
    single-threaded worker processes on this machine), closed at the end."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--dask needs Dask: pip install 'reportlint[dask]'", "--dask 需要 Dask：pip install 'reportlint[dask]'") from None
    if address == LOCAL:
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:  # any free port: no clash
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {exc}", f"无法连接 {address!r} 上的 Dask 调度器：{exc}") from None
    with client:
        yield client


def run(files: Sequence[str], config: Config, client, failed: Callable[[str, str], FileResult]) -> Iterator[FileResult]:
    """The FileResult of each file, in order, computed on ``client``'s workers.
    ``failed(path, reason)`` makes the result of a file whose task was lost (its worker died)."""
    threads = sum(client.nthreads().values()) or 1
    window = AHEAD_PER_THREAD * threads
    shared = client.scatter(config, broadcast=True, hash=False)  # the settings travel once, not with every task
    pending: collections.deque = collections.deque()  # (batch, future or None)
    try:
        for batch in _batches(files, config):
            remote = [(path, data) for path, data, _ in batch if data is not None]
            pending.append((batch, client.submit(lint_remote, remote, shared, pure=False) if remote else None))
            if len(pending) >= window:
                yield from _outcome(*pending.popleft(), failed)
        while pending:
            yield from _outcome(*pending.popleft(), failed)
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


def _outcome(batch: list, task, failed: Callable[[str, str], FileResult]) -> Iterator[FileResult]:
    made: list[FileResult] | None = None
    if task is not None:
        try:
            made = task.result()
        except Exception:  # the task was lost: its workers died (KilledWorker) or the cluster went away
            made = None
        finally:
            task.release()
    remote = iter(made or ())
    for path, data, local in batch:
        if local is not None:
            yield local
        elif made is not None:
            yield next(remote)
        else:
            yield failed(path, "worker-died")


def lint_remote(batch: list[tuple[str, bytes]], config: Config) -> list[FileResult]:
    """What a worker runs: the pipeline of each file of a batch, on the bytes read by the client."""
    return [check_file(path, config, data=data) for path, data in batch]
