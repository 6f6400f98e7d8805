"""The release the README's pre-commit sample names exists: ``rev: vX.Y.Z`` is ``v`` + the version,
and, in a git checkout with tags, that tag is there."""

from __future__ import annotations

import re
import subprocess

import pytest

from reportlint import __version__
from support.paths import REPO


def test_the_readme_names_the_current_release():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^\s*rev: (\S+)$", readme, re.M) == [f"v{__version__}"]
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in hooks


def test_the_release_tag_exists_in_a_checkout_with_tags():
    try:
        tags = subprocess.run(["git", "tag", "--list", "v*"], cwd=REPO, capture_output=True, text=True, timeout=30)
    except OSError:
        pytest.skip("git is not installed")
    if tags.returncode != 0 or not tags.stdout.strip():
        pytest.skip("not a git checkout with tags (a source archive, or a shallow clone without tags)")
    assert f"v{__version__}" in tags.stdout.split()
