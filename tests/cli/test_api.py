"""The library API is pure and picklable, so it maps onto process pools and cluster engines."""

import pickle
from concurrent.futures import ProcessPoolExecutor

from reportlint.api import lint_bytes, lint_paths
from reportlint.core.config import Config
from support.cli import REPORT
from support.paths import REPO

SEEDS = REPO / "examples" / "reports"


def test_lint_bytes_lints_content_under_a_given_name():
    result = lint_bytes("会议通知\n".encode("gb18030"), "notice.txt")
    assert (result.path, [d.code for d in result.diagnostics]) == ("notice.txt", ["RL902"])


def test_lint_bytes_never_writes_even_when_asked_to_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    lint_bytes(path.read_bytes(), str(path), Config(fix=True))
    assert path.read_text(encoding="utf-8") == REPORT


def test_lint_paths_walks_directories_like_the_cli():
    results = lint_paths([str(SEEDS)], Config(select=("RL101",)))
    assert [r.path.rsplit("/", 1)[1][:3] for r in results] == ["000", "001", "002", "003", "004"]


def test_results_and_config_pickle():
    config = Config(select=("RL1",))
    results = lint_paths([str(SEEDS / "003_112b4b231559e6cc.txt")], config)
    assert pickle.loads(pickle.dumps((config, results))) == (config, results)


def test_lint_bytes_runs_in_another_process_like_a_cluster_task():
    data = (SEEDS / "003_112b4b231559e6cc.txt").read_bytes()
    with ProcessPoolExecutor(1) as pool:
        remote = pool.submit(lint_bytes, data, "003.txt", Config(select=("RL101",))).result()
    assert remote == lint_bytes(data, "003.txt", Config(select=("RL101",)))
    assert [d.code for d in remote.diagnostics] == ["RL101"]
