"""Fixtures for every test folder: plugins added for one test, the CLI run in-process, files
written under ``tmp_path``. The plugin and helpers they use are in :mod:`support.cli`.

The tests marked ``slow`` (a wheel, pre-commit and plugins installed in fresh environments, LibreOffice
and Chromium rendering, the golden corpus, the slowest decodings) run in CI — wherever ``$CI`` is set,
as ``.ci/run`` sets it — and with ``--run-slow`` (or any ``-m``); a contributor's ``pytest -q`` leaves
them out and says so."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reportlint.host import plugins
from support.cli import REPORT, CliResult, MarkerPlugin

def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="also run the tests marked slow (CI runs them: $CI is set)")


def runs_slow_tests(config) -> bool:
    return bool(config.getoption("--run-slow") or os.environ.get("CI") or config.option.markexpr)


def pytest_collection_modifyitems(config, items):
    if runs_slow_tests(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
        config.hook.pytest_deselected(items=slow)


def pytest_terminal_summary(terminalreporter, config):
    if not runs_slow_tests(config):
        terminalreporter.write_line("the tests marked slow were left out (deselected): CI runs them; so does --run-slow")


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
