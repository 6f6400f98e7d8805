"""Plugins that fail the way an attack run made them fail on a Dask cluster (issue 19, item 7), for
the workers: each hooks into the worker's own plugin manager through a Dask WorkerPlugin, so the
client's run is the ordinary one and only the workers misbehave. Importable on the workers (tests/
is on their path), so Dask sends them by reference."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from reportlint import hookimpl


class Hanging:
    """Stuck in C code (a sleep no timer interrupts) on every report whose file name says ``hang``."""

    @hookimpl
    def reportlint_check(self, report):
        if "hang" in Path(report.path).name:
            time.sleep(600)
        return ()


class Spinning:
    """Holds the interpreter's lock in C code (a regular expression backtracking for ever) on every
    report whose file name says ``spin``: no thread of the worker runs, nothing on it answers."""

    @hookimpl
    def reportlint_check(self, report):
        if "spin" in Path(report.path).name:
            re.match(r"(a+)+$", "a" * 64 + "b")
        return ()


class Aborting:
    """Aborts the worker process on every report whose file name says ``abort``."""

    @hookimpl
    def reportlint_check(self, report):
        if "abort" in Path(report.path).name:
            os.abort()
        return ()


class OnWorkers:
    """A ``distributed.WorkerPlugin`` (duck-typed: ``setup``/``teardown``) registering ``plugin`` in
    each worker's plugin manager, restarted workers included."""

    idempotent = False

    def __init__(self, plugin_class: type, name: str) -> None:
        self.plugin_class, self.name = plugin_class, name

    def setup(self, worker) -> None:
        from reportlint.host import plugins

        plugins.get_plugin_manager().add_plugin(self.plugin_class(), self.name, f"reportlint-{self.name}")

    def teardown(self, worker) -> None:
        pass
