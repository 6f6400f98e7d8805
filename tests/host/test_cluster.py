"""--dask (issue 12): the per-file work on a real dask.distributed cluster (a LocalCluster with two
worker processes, no mocks) gives output byte-identical to -j 1, run-level checks (RL7xx) included."""

from __future__ import annotations

import pytest

from reportlint.api import Config, lint_paths
from support.series import series

distributed = pytest.importorskip("dask.distributed", reason="reportlint[dask] is not installed")

YEARS = range(2021, 2026)
AGENCY = "平潭综合实验区经济发展局"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture
def reports(tmp_path):
    for year, text in series(AGENCY, YEARS, broken_carry=2023, broken_valid=2024, copied_problems=2025).items():
        (tmp_path / f"{year}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "2020年报-damaged.txt").write_bytes(b"\xff\xfe\x00garbage\x00" * 10)  # RL902: named like a report
    return tmp_path


def summary(results) -> list[tuple[str, str]]:
    return [(r.path.rsplit("/", 1)[-1], d.code) for r in results for d in r.diagnostics]


def test_the_library_gives_the_same_results_on_a_cluster(reports, client):
    local = lint_paths([str(reports)], Config())
    remote = lint_paths([str(reports)], Config(), client=client)
    pooled = lint_paths([str(reports)], Config(jobs=2))
    assert remote == local == pooled
    assert {("2023.txt", "RL701"), ("2024.txt", "RL702"), ("2025.txt", "RL703")} <= set(summary(remote))


def test_the_cluster_really_does_the_work(reports, client, monkeypatch):
    from reportlint.host import cluster

    monkeypatch.setattr(cluster, "BATCH_FILES", 2)
    with distributed.get_task_stream(client) as stream:
        lint_paths([str(reports)], Config(), client=client)
    ran = [task for task in stream.data if "lint_remote" in str(task["key"])]
    readable = len(list(reports.iterdir()))  # the unreadable file is read on the workers too: its bytes are sent
    assert len(ran) == (readable + 1) // 2
    assert len({task["worker"] for task in ran}) == 2  # both worker processes took files


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_command_line_output_is_byte_identical_to_one_process(reports, run_cli, fmt):
    serial = run_cli("check", "--no-cache", "-j", "1", "--format", fmt, str(reports))
    on_dask = run_cli("check", "--no-cache", "-j", "2", "--dask", "local", "--format", fmt, str(reports))
    assert on_dask.exit_code == serial.exit_code == 1
    assert on_dask.stdout == serial.stdout


def test_fix_is_refused_with_dask(reports, run_cli):
    result = run_cli("check", "--fix", "--dask", "local", str(reports))
    assert result.exit_code == 2 and "--dask" in result.stderr


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_usage_error(reports, run_cli):
    result = run_cli("check", "--dask", "tcp://127.0.0.1:9", "--no-cache", str(reports))
    assert result.exit_code == 2 and "127.0.0.1:9" in result.stderr
