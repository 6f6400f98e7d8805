"""The library API: lint paths or bytes, get :class:`~reportlint.core.diagnostic.FileResult` values back.

Both functions are pure (they read, never write: ``fix``, ``diff`` and ``cache`` in the config are ignored) and
module-level, and everything they take and return pickles, so they map directly onto a cluster
engine: ``lint_bytes`` over a bag of (path, bytes) pairs, ``lint_paths`` over groups of paths
(README, "Linting at scale").
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.host import registry, runner
from reportlint.host.config import check_settings, load_config
from reportlint.host.discovery import discover
from reportlint.host.pipeline import check_file

__all__ = ["Config", "FileResult", "load_config", "lint_paths", "lint_bytes"]


def _pure(config: Config | None) -> Config:
    config = check_settings(config if config is not None else Config())
    if config.fix or config.diff or config.cache:
        config = dataclasses.replace(config, fix=False, diff=False, cache=False)
    return config


def lint_paths(paths: Iterable[str], config: Config | None = None, client=None) -> list[FileResult]:
    """Lint files and directories (walked as on the command line), run-level checks included.
    With a ``dask.distributed.Client``, the files are linted on its cluster (their bytes are sent)."""
    config = _pure(config)
    paths = list(paths)
    files = discover(paths, registry.extensions(config.extensions), config.exclude, config.root, config.force_exclude)
    return list(runner.run(files, config, client=client))


def lint_bytes(data: bytes, path: str = "<bytes>", config: Config | None = None) -> FileResult:
    """Lint one file's content; ``path`` names it in diagnostics and its suffix picks the reader."""
    return check_file(path, _pure(config), data=data)
