"""The real thing, end to end: a built wheel in a fresh venv, a pip-installed plugin, and pre-commit.

Slow (each builds or installs into a new environment) and needs the package index, as CI has.
"""

import json
import os
import shutil
import subprocess
import sys
import venv

import pytest

from reportlint.core.resources import validate
from support.paths import REPO

SEEDS = REPO / "examples" / "reports"
BROKEN = SEEDS / "003_112b4b231559e6cc.txt"  # lacks section 六: RL101
CLEAN = SEEDS / "004_fe63b0f92ece0c02.txt"

pytestmark = pytest.mark.slow


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv (no system packages) with reportlint installed from its wheel."""
    root = tmp_path_factory.mktemp("wheel")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", root / "dist", REPO)
    assert built.returncode == 0, built.stderr[-3000:]
    [wheel] = (root / "dist").glob("reportlint-*.whl")
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    installed = run(bin_dir / "python", "-m", "pip", "install", wheel)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return bin_dir


def test_wheel_ships_the_rule_docs(installed, tmp_path):
    result = run(installed / "reportlint", "rule", "RL101", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("# RL101 missing-section")


def test_wheel_lints_the_samples_from_another_directory(installed, tmp_path):
    result = run(installed / "reportlint", SEEDS, cwd=tmp_path)
    assert result.returncode == 1
    assert any(line.startswith(f"{BROKEN}:") and " RL101 " in line for line in result.stdout.splitlines())


def test_wheel_json_output_is_valid(installed, tmp_path):
    result = run(installed / "reportlint", SEEDS, "--format", "json", cwd=tmp_path)
    validate(json.loads(result.stdout), "diagnostics")


def test_pip_installed_example_plugin_is_listed_and_fires(installed, tmp_path):
    pip = run(installed / "python", "-m", "pip", "install", "--no-deps",
              REPO / "examples" / "reportlint-plugin-example")
    assert pip.returncode == 0, pip.stderr[-3000:]
    rules = run(installed / "reportlint", "rules", cwd=tmp_path).stdout
    assert ["EX101", "contact-missing", "warning", "reportlint-plugin-example"] in [line.split()[:4] for line in rules.splitlines()]
    fired = run(installed / "reportlint", BROKEN, "--select", "EX101", cwd=tmp_path)
    assert " EX101 " in fired.stdout


def test_serve_needs_its_extra_and_gives_the_page_with_it(installed, tmp_path):
    """Without reportlint[serve], `reportlint serve` says how to get it; with it, it serves the page."""
    missing = run(installed / "reportlint", "serve", "--port", "0", cwd=tmp_path)
    assert missing.returncode == 2 and "pip install 'reportlint[serve]'" in missing.stderr, missing.stderr[-2000:]
    [wheel] = (installed.parent.parent / "dist").glob("reportlint-*.whl")
    extra = run(installed / "python", "-m", "pip", "install", f"{wheel}[serve]")
    assert extra.returncode == 0, extra.stderr[-3000:]
    server = subprocess.Popen([installed / "reportlint", "serve", "--port", "0"], cwd=tmp_path, text=True,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        said = server.stderr.readline()
        url = "http://" + said.split("http://", 1)[1].split("/", 1)[0] + "/"
        import urllib.request

        with urllib.request.urlopen(url, timeout=60) as answer:
            page = answer.read().decode("utf-8")
        assert 'type="file"' in page and "上传" in page
    finally:
        server.terminate()
        server.wait(15)


def test_pre_commit_hook_fails_on_the_broken_report_only(tmp_path):
    """A reports repository as it is: a README, requirements.txt, docs/ and notes beside the reports,
    a drafts folder the config excludes. pre-commit names every file; only the reports outside drafts
    are linted (the rest show no sign of a report: skipped), in one process with one summary."""
    repo = tmp_path / "reports"
    (repo / "drafts").mkdir(parents=True)
    shutil.copy(BROKEN, repo / "broken.txt")
    shutil.copy(CLEAN, repo / "clean.txt")
    shutil.copy(BROKEN, repo / "drafts" / "draft.txt")
    (repo / "README.md").write_text("# 年度报告\n\n本仓库存放各年度报告。\n", encoding="utf-8")
    (repo / "notes.json").write_text("{}", encoding="utf-8")
    (repo / "requirements.txt").write_text("pre-commit\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# 说明\n\n报告按年度存放。\n", encoding="utf-8")
    (repo / "docs" / "notes.txt").write_text("", encoding="utf-8")
    (repo / ".reportlint.toml").write_text('select = ["RL101", "RL9"]\nexclude = ["drafts"]\n', encoding="utf-8")
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    env = {**os.environ, **identity, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    assert run("git", "init", "-q", cwd=repo, env=env).returncode == 0
    assert run("git", "add", ".", cwd=repo, env=env).returncode == 0

    def try_repo(*files):
        which = ["--files", *files] if files else ["--all-files"]
        return run(sys.executable, "-m", "pre_commit", "try-repo", REPO, "reportlint", *which, cwd=repo, env=env)

    everything = try_repo()
    out = everything.stdout
    assert everything.returncode == 1, out[-3000:] + everything.stderr[-3000:]
    assert "broken.txt:405:1: RL101" in out and "clean.txt:" not in out
    assert "draft.txt" not in out and "README.md" not in out and "RL902" not in out
    assert out.count("检查了") == 1  # one process, one summary
    clean = try_repo("clean.txt", "README.md", "drafts/draft.txt", "requirements.txt", "docs/index.md", "docs/notes.txt")
    assert clean.returncode == 0, clean.stdout[-3000:]
