"""The library API: lint paths or bytes, get :class:`~reportlint.runner.FileResult` values back.

Both functions are pure (they read, never write: ``fix``/``diff`` in the config are ignored) and
module-level, and everything they take and return pickles, so they map directly onto a cluster
engine: ``lint_bytes`` over a bag of (path, bytes) pairs, ``lint_paths`` over groups of paths
(README, "Linting at scale").
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from reportlint.config import Config
from reportlint.runner import FileResult

__all__ = ["Config", "FileResult", "lint_paths", "lint_bytes"]


def _pure(config: Config | None) -> Config:
    config = config if config is not None else Config()
    if config.fix or config.diff:
        config = dataclasses.replace(config, fix=False, diff=False)
    return config


def lint_paths(paths: Iterable[str], config: Config | None = None) -> list[FileResult]:
    """Lint files and directories (walked as on the command line), run-level checks included."""
    from reportlint import runner
    from reportlint.application import extensions
    from reportlint.discovery import discover

    config = _pure(config)
    paths = list(paths)
    files = discover(paths, extensions(config), config.exclude, config.root)
    return list(runner.run(files, config))


def lint_bytes(data: bytes, path: str = "<bytes>", config: Config | None = None) -> FileResult:
    """Lint one file's content; ``path`` names it in diagnostics and its suffix picks the reader."""
    from reportlint import runner

    result, _ = runner.check_file(path, _pure(config), data=data)
    return result
