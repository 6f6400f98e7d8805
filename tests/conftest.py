"""Fixtures for every test folder: plugins added for one test, the CLI run in-process, files
written under ``tmp_path``. The plugin and helpers they use are in :mod:`support.cli`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reportlint.host import plugins
from support.cli import REPORT, CliResult, MarkerPlugin

# Runs of the tests keep their result caches out of the checkout (child processes inherit this).
if not os.environ.get("REPORTLINT_CACHE_DIR"):
    os.environ["REPORTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="reportlint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["REPORTLINT_CACHE_DIR"], True)


@pytest.fixture
def fresh_plugins():
    """The installed plugins only, before and after the test: what it registers does not leak."""
    plugins.reset()
    yield plugins.get_plugin_manager()
    plugins.reset()


@pytest.fixture
def add_plugin(fresh_plugins):
    """``add_plugin(obj, name, dist)``: register an in-test plugin for this test only."""

    def add(plugin: object, name: str = "inline", dist: str = "reportlint-test-plugin") -> object:
        fresh_plugins.add_plugin(plugin, name, dist)
        return plugin

    return add


@pytest.fixture
def marker_plugin(add_plugin):
    return add_plugin(MarkerPlugin(), name="markers")


@pytest.fixture
def run_cli(capsys, monkeypatch, fresh_plugins):
    """Run ``reportlint ARGS`` in this process (so in-test plugins apply), from ``cwd``."""
    from reportlint.cli import main

    def run(*args: str, cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(exit_info.value.code, out, err)

    return run


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path: ``write("a/b.txt", text, encoding="gb18030", newline="\\r\\n")``."""

    def write_file(relative: str, text: str = REPORT, encoding: str = "utf-8", newline: str = "\n") -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.replace("\n", newline).encode(encoding))
        return path

    return write_file
