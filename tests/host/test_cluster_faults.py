"""Dask faults (issue 19, item 7), on a real LocalCluster: a plugin stuck on one file under a time
limit, a plugin that aborts its worker, a worker that dies as it starts, and addresses that are no
scheduler — an SSH server, a peer announcing a 4 GB frame and waiting, a peer saying nothing. Each
costs only its own files, or is a clear error in bounded time and memory."""

from __future__ import annotations

import socket
import struct
import threading
import time

import pytest

from reportlint.api import Config, lint_paths
from reportlint.core.limits import Limits
from support.faulty import Aborting, Hanging, OnWorkers, Spinning
from support.series import series

distributed = pytest.importorskip("dask.distributed", reason="reportlint[dask] is not installed")
from distributed.diagnostics.plugin import WorkerPlugin  # noqa: E402  (after the skip)


class _OnWorkers(OnWorkers, WorkerPlugin):
    pass


@pytest.fixture
def client():
    from reportlint.host import cluster

    with cluster.connect(cluster.LOCAL, 2) as client:  # the cluster --dask local starts
        yield client


@pytest.fixture
def reports(tmp_path):
    for agency in range(8):
        for year, text in series(f"平潭综合实验区第{agency}号局", range(2021, 2025), seed=agency).items():
            (tmp_path / f"{agency}_{year}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def outcome(results) -> dict[str, list[str]]:
    return {r.path.rsplit("/", 1)[-1]: sorted(d.code for d in r.diagnostics) for r in results}


@pytest.mark.slow
@pytest.mark.parametrize("fault, plugin", [("hang", Hanging), ("abort", Aborting)])
def test_a_file_that_hangs_or_kills_its_worker_costs_only_itself(client, reports, fault, plugin):
    """Stuck in C under --timeout 5, the run never ended (killed at 150 s); a plugin aborting the
    worker made all 500 files RL901 (the scattered settings were lost with the worker)."""
    config = Config(limits=Limits(timeout=5))
    expected = outcome(lint_paths([str(reports)], config))  # in this process: no faulty plugin here
    (reports / f"3_{fault}.txt").write_text((reports / "3_2024.txt").read_text(encoding="utf-8"), encoding="utf-8")
    client.register_plugin(_OnWorkers(plugin, fault))
    started = time.monotonic()
    found = outcome(lint_paths([str(reports)], config, client=client))
    assert time.monotonic() - started < 120
    assert found.pop(f"3_{fault}.txt") == ["RL901"]
    assert found == expected  # every other file linted as it is without the fault
    # the cluster is whole again: the next run gives the same, as fast
    started = time.monotonic()
    assert outcome(lint_paths([str(reports)], config, client=client)) == {**expected, f"3_{fault}.txt": ["RL901"]}
    assert time.monotonic() - started < 120


def test_a_local_cluster_whose_workers_die_as_they_start_is_a_clear_error(run_cli, reports, tmp_path):
    """RuntimeError: Nanny failed to start, shown as an internal error."""
    import dask

    preload = tmp_path / "die_at_start.py"
    preload.write_text("import os\nos._exit(3)\n", encoding="utf-8")
    with dask.config.set({"distributed.worker.preload": [str(preload)]}):
        result = run_cli("--dask", "local", "--no-cache", "--lang", "en", str(reports / "0_2021.txt"))
    assert result.exit_code == 2
    assert "could not start" in result.stderr and "internal error" not in result.stderr


class _Peer:
    """A TCP server on localhost that answers every connection with ``greeting`` and then waits."""

    def __init__(self, greeting: bytes) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.greeting, self.connections = greeting, []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)
            connection.sendall(self.greeting)

    def close(self) -> None:
        self.server.close()
        for connection in self.connections:
            connection.close()


@pytest.mark.parametrize("greeting", [
    b"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n",  # read as a frame length: MemoryError
    struct.pack("Q", 4_200_000_000),                 # a frame of 4.2 GB announced, then nothing: grew to 4.2 GB
    b"",                                             # nothing at all
    struct.pack("Q", 24) + b"\x00" * 24,              # a short frame that is no Dask handshake
])
def test_an_address_that_is_no_scheduler_is_refused_in_bounded_time_and_memory(run_cli, reports, monkeypatch, greeting):
    import tracemalloc

    from reportlint.host import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 3.0)
    peer = _Peer(greeting)
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = run_cli("--dask", peer.address, "--no-cache", str(reports / "0_2021.txt"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        peer.close()
    assert result.exit_code == 2 and peer.address in result.stderr and "internal error" not in result.stderr
    assert time.monotonic() - started < 30 and peak < 64 << 20


def test_a_real_scheduler_passes_the_check(client):
    from reportlint.host import cluster

    cluster.check_peer(client.scheduler.address)  # raises nothing


@pytest.mark.slow
def test_a_cluster_left_without_workers_ends_the_run_with_an_error(reports, monkeypatch):
    """Workers whose nannies gave up (a task killing each new worker as it starts) left tasks waiting
    for ever: now the run stops with an error once no worker has been seen for a while."""
    from reportlint.host import cluster
    from reportlint.host.settings import ConfigError

    monkeypatch.setattr(cluster, "RESTART_SECONDS", 3.0)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            distributed.Client(local) as client:
        local.scale(0)
        deadline = time.monotonic() + 30
        while client.nthreads() and time.monotonic() < deadline:
            time.sleep(0.1)
        started = time.monotonic()
        with pytest.raises(ConfigError, match="no worker"):
            lint_paths([str(reports)], Config(), client=client)
        assert time.monotonic() - started < 30


@pytest.mark.slow
def test_a_file_whose_plugin_holds_the_interpreter_lock_costs_only_itself(client, reports, monkeypatch):
    """Nothing on the worker answers: the client gives the task up after its files' limits and some
    slack, restarts the worker and sends the files again one by one (limits shortened here)."""
    from reportlint.host import cluster

    monkeypatch.setattr(cluster, "TASK_SLACK_SECONDS", 5.0)
    monkeypatch.setattr(cluster, "BATCH_FILES", 4)
    config = Config(limits=Limits(timeout=1))
    expected = outcome(lint_paths([str(reports)], config))
    (reports / "3_spin.txt").write_text((reports / "3_2024.txt").read_text(encoding="utf-8"), encoding="utf-8")
    client.register_plugin(_OnWorkers(Spinning, "spin"))
    started = time.monotonic()
    found = outcome(lint_paths([str(reports)], config, client=client))
    assert time.monotonic() - started < 180
    assert found.pop("3_spin.txt") == ["RL901"]
    assert found == expected
