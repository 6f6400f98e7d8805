"""The README works when copied (issue 13): its config sample and its `reportlint` commands run as
pasted in a repository of reports, and the output it shows is what the command prints."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from support.paths import REPO, SAMPLE_REPORTS

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.S)
#: Commands that need what a test cannot have: a Dask cluster on other machines; and a server, which
#: runs until it is stopped (tests/serve starts it as the README says and stops it).
CANNOT_RUN_HERE = re.compile(r"tcp://|^reportlint serve\b")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository of reports as the README's commands expect it: reports/ beside the config."""
    shutil.copytree(SAMPLE_REPORTS, tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def commands(block: str) -> list[list[str]]:
    out = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        if line.startswith("reportlint ") and not CANNOT_RUN_HERE.search(line):
            out.append(shlex.split(line)[1:])
    return out


def test_the_readme_test_command_is_what_ci_runs_and_ci_runs_every_test():
    """The contributor's command is CI's (``.ci/run``); CI sets ``CI``, which brings in the slow tests."""
    [quick_start] = [b for k, b in BLOCKS if k == "sh" and "pip install -e" in b]
    command = quick_start.strip().splitlines()[-1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert command == ci[-1] == ".venv/bin/pytest -q"
    assert 'export CI="${CI:-true}"' in ci


def test_the_readme_has_what_these_tests_read():
    kinds = [kind for kind, _ in BLOCKS]
    assert kinds.count("toml") >= 1 and kinds.count("sh") >= 3 and kinds.count("console") >= 2


@pytest.mark.parametrize("block", [b for k, b in BLOCKS if k == "toml"], ids=lambda b: b.splitlines()[0])
def test_the_config_sample_runs_as_pasted(block, repo, run_cli):
    (repo / "pyproject.toml").write_text(block, encoding="utf-8")
    made = run_cli("reports/", "--format", "json", "-o", "reportlint-baseline.json")
    assert made.exit_code in (0, 1) and "error" not in made.stderr, made.stderr
    linted = run_cli("reports/")
    assert linted.exit_code in (0, 1) and "error" not in linted.stderr, linted.stderr


@pytest.mark.parametrize("block", [pytest.param(b, marks=pytest.mark.slow) if "--dask" in b else b  # a LocalCluster: seconds
                                   for k, b in BLOCKS if k == "sh" and commands(b)], ids=lambda b: b.splitlines()[0][:40])
def test_every_command_runs_as_pasted(block, repo, run_cli):
    for args in commands(block):
        result = run_cli(*args)
        assert result.exit_code in (0, 1), f"reportlint {shlex.join(args)}: {result.stderr}"


@pytest.mark.parametrize("block", [b for k, b in BLOCKS if k == "console" and "$ reportlint" in b], ids=lambda b: b.splitlines()[0][:50])
def test_the_output_shown_is_what_the_command_prints(block, run_cli, monkeypatch):
    monkeypatch.chdir(REPO)
    runs = re.split(r"^\$ ", block, flags=re.M)[1:]
    checked = 0
    for run in runs:
        command, *shown = run.splitlines()
        if not command.startswith("reportlint "):
            continue
        printed = run_cli(*shlex.split(command.split("  #", 1)[0])[1:], "--no-cache").stdout.splitlines()
        for line in shown:
            if line.strip() in ("...", "…", ""):
                continue
            assert line in printed, f"README shows a line `{command}` does not print: {line}"
            checked += 1
    assert checked


def test_the_guarantees_name_the_cache_review_outputs_and_dask_with_the_codes_own_bounds():
    """Issue 19: what the README promises is what the code holds — its figures are the code's."""
    from reportlint.checks import chains
    from reportlint.host import cache, cluster

    guarantees = README[README.index("## What a run guarantees"):README.index("## Result cache")]
    for subject in ("**the result cache**", "**outputs**", "HTML folder", "**`reportlint review`**", "**on Dask**",
                    "**the run-level checks (RL7xx)**"):
        assert subject in guarantees
    assert f"{cache.MAX_CACHE_BYTES >> 20} MiB" in guarantees
    assert f"at most {chains.NOTES_PER_KIND} notes" in guarantees
    dask_section = README[README.index("## Linting on several machines"):README.index("## Library API")]
    for figure in (f"{cluster.GRACE_SECONDS:g} s past its limit", f"{cluster.TASK_SLACK_SECONDS:g} s more",
                   f"{cluster.RESTART_SECONDS:g} s", f"within {cluster.CONNECT_SECONDS:g} s"):
        assert figure in dask_section
