"""The README's pre-commit configuration works when pasted as is, on the repository as it is published
(issue 20): only branch main is published and no tag reaches users, so ``rev:`` names a commit of
main, as ``pre-commit autoupdate`` writes one.

The fast test holds the README to that (a commit, an ancestor of the README's own commit, whose hook
definition is the one the README describes). The slow one runs pre-commit for real: a bare repository
holding only this checkout's HEAD as main, no tag, stands in for the published one (git's
``url.<base>.insteadOf`` sends the README's URL there), and a reports repository with a README,
requirements.txt and docs/ beside its reports commits with the README's configuration pasted as is.

When the hook changes, or the README should name a newer commit: commit the change, then set the
README's ``rev:`` to that commit (``git rev-parse HEAD``) in a commit of its own, and merge into main
keeping both (no squash, no rebase of them), so that the commit named stays on main.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from support.paths import REPO, SAMPLE_REPORTS

README = (REPO / "README.md").read_text(encoding="utf-8")
URL = "https://github.com/reportlint/reportlint"
BROKEN = SAMPLE_REPORTS / "003_112b4b231559e6cc.txt"  # lacks section 六: RL101
CLEAN = SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt"


def snippet() -> str:
    """The README's .pre-commit-config.yaml, as a user copies it."""
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", README, re.S) if URL in b]
    return block


def readme_rev() -> str:
    [rev] = re.findall(r"^\s*rev:\s*(\S+)", snippet(), re.M)
    return rev


def git(*args: str, cwd=REPO, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def history_or_skip() -> None:
    """Skip where this is no git checkout with the history of main (a source archive, a shallow clone)."""
    if shutil.which("git") is None or git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout (a source archive): the commit the README names cannot be looked at")
    if git("cat-file", "-e", f"{readme_rev()}^{{commit}}").returncode != 0 and \
            git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone: the commit the README names is not in it (.ci/run unshallows its clone)")


def test_the_readme_names_a_commit_not_a_tag():
    rev = readme_rev()
    assert re.fullmatch(r"[0-9a-f]{40}", rev), f"rev: {rev} is no commit: a tag never reaches users"
    assert "rev: v" not in (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def test_the_commit_the_readme_names_is_on_the_readmes_branch_with_the_hook_it_describes():
    history_or_skip()
    rev = readme_rev()
    assert git("merge-base", "--is-ancestor", rev, "HEAD").returncode == 0, (
        f"rev: {rev} is not in this branch's history (rebased or squashed away?): set it to a commit of "
        "main that has the hook as the README describes it (see this module's docstring)")
    changed = git("diff", "--name-only", rev, "HEAD", "--", ".pre-commit-hooks.yaml").stdout.strip()
    assert not changed, f"the hook changed since {rev}: set rev: to the commit that changed it"


@pytest.fixture
def published(tmp_path):
    """A bare repository holding this checkout's HEAD as its one branch, main, and no tag; git is told
    that the README's URL is this repository. The environment to run pre-commit in."""
    history_or_skip()
    bare = tmp_path / "published.git"
    assert git("init", "--quiet", "--bare", str(bare)).returncode == 0
    fetched = git("fetch", "--quiet", "--no-tags", str(REPO), "HEAD:refs/heads/main", cwd=bare)
    assert fetched.returncode == 0, fetched.stderr
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=bare)
    assert git("tag", "--list", cwd=bare).stdout == ""
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    redirect = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{bare.as_uri()}.insteadOf", "GIT_CONFIG_VALUE_0": URL}
    return {**os.environ, **identity, **redirect, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}


@pytest.mark.slow
def test_the_readmes_configuration_pasted_as_is_works_on_the_published_main(published, tmp_path):
    repo = tmp_path / "reports-repo"
    (repo / "reports").mkdir(parents=True)
    (repo / "docs").mkdir()
    shutil.copy(CLEAN, repo / "reports" / "2020.txt")
    (repo / "README.md").write_text("# 各单位政府信息公开工作年度报告\n\n按年度存放。\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("pre-commit\n", encoding="utf-8")
    (repo / "docs" / "index.md").write_text("# 说明\n\n报告放在 reports/ 下，每年一份。\n", encoding="utf-8")
    (repo / "docs" / "notes.txt").write_text("待办：补齐 2019 年的报告。\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(snippet(), encoding="utf-8")
    assert git("init", "--quiet", cwd=repo, env=published).returncode == 0
    assert git("add", ".", cwd=repo, env=published).returncode == 0

    def pre_commit():
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=published,
                              capture_output=True, text=True, timeout=900)

    clean = pre_commit()
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-3000:]
    assert "RL902" not in clean.stdout and "Passed" in clean.stdout
    shutil.copy(BROKEN, repo / "reports" / "2019.txt")
    assert git("add", ".", cwd=repo, env=published).returncode == 0
    broken = pre_commit()
    assert broken.returncode == 1, broken.stdout[-3000:] + broken.stderr[-3000:]
    assert "reports/2019.txt:405:1: RL101" in broken.stdout and "RL902" not in broken.stdout
