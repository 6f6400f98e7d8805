"""The per-file work of a run on a Dask cluster (``--dask ADDRESS``, ``lint_paths(client=...)``).

Each file is read here and its bytes are sent to a worker with the run's Config; the worker runs the
same pipeline as ``-j 1`` and sends back the FileResult with its digests (a few KB). Results are
taken back in path order, with a bounded number of files in flight, so memory stays flat; the
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

#: Files in flight per worker thread of the cluster: enough to keep workers busy, few enough that
#: file bytes and results do not pile up in memory.
AHEAD_PER_THREAD = 4
LOCAL = "local"


@contextlib.contextmanager
def connect(address: str, workers: int = 2) -> Iterator[object]:
    """A ``dask.distributed.Client`` for ``address`` (``local``: a LocalCluster of ``workers``
    single-threaded worker processes on this machine), closed at the end."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--dask needs Dask: pip install 'reportlint[dask]'") from None
    if address == LOCAL:
        with LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:  # any free port: no clash
            yield client
        return
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from None
    with client:
        yield client


def run(files: Sequence[str], config: Config, client, failed: Callable[[str, str], FileResult]) -> Iterator[FileResult]:
    """The FileResult of each file, in order, computed on ``client``'s workers.
    ``failed(path, reason)`` makes the result of a file whose task was lost (its worker died)."""
    threads = sum(client.nthreads().values()) or 1
    window = AHEAD_PER_THREAD * threads
    pending: collections.deque = collections.deque()  # (path, future or finished FileResult)
    try:
        for path in files:
            pending.append((path, _submit(client, path, config)))
            if len(pending) >= window:
                yield _outcome(*pending.popleft(), failed)
        while pending:
            yield _outcome(*pending.popleft(), failed)
    finally:
        for _, task in pending:  # an interrupted run leaves nothing queued on the cluster
            if not isinstance(task, FileResult):
                task.cancel()


def _submit(client, path: str, config: Config):
    try:
        data = read_bytes(path, config.limits)  # never opens a pipe or a device: they would block
    except (OSError, ReadError):
        return check_file(path, config)  # says here, with the reader's RL901, why it cannot be read
    return client.submit(lint_remote, path, data, config, pure=False)


def _outcome(path: str, task, failed: Callable[[str, str], FileResult]) -> FileResult:
    if isinstance(task, FileResult):
        return task
    try:
        return task.result()
    except Exception:  # the task was lost: its workers died (KilledWorker) or the cluster went away
        return failed(path, "worker-died")
    finally:
        task.release()


def lint_remote(path: str, data: bytes, config: Config) -> FileResult:
    """What a worker runs: one file's pipeline on the bytes read by the client."""
    return check_file(path, config, data=data)
