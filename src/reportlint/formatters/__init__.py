"""Output formats. Each is a :class:`Formatter` registered through ``reportlint_formatters``.

This module is itself a built-in plugin (listed in pyproject's ``reportlint`` entry points) and
registers the built-in formats exactly as a third-party package registers its own. Formats are
named by ``"module:Class"`` strings so that only the one in use is imported.
"""

from __future__ import annotations

import collections
import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, TextIO

from reportlint import hookimpl

if TYPE_CHECKING:
    from reportlint.config import Config
    from reportlint.runner import FileResult


@dataclass
class Summary:
    """Counts over a whole run, handed to :meth:`Formatter.finish`."""

    files: int = 0
    by_severity: collections.Counter = field(default_factory=collections.Counter)
    by_code: collections.Counter = field(default_factory=collections.Counter)
    fixable: int = 0
    fixed: int = 0

    def add(self, result: "FileResult") -> None:
        self.files += 1
        self.fixed += result.fixed
        for d in result.diagnostics:
            self.by_severity[d.severity] += 1
            self.by_code[d.code] += 1
            self.fixable += d.fix is not None

    @property
    def problems(self) -> int:
        return sum(self.by_severity.values())

    def to_json(self) -> dict:
        return {"files": self.files, **{s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")}}


class Formatter:
    """Writes one run's results to ``stream``.

    The host calls :meth:`start` once, :meth:`file` for every file in path order (files without
    diagnostics included, as they come, so a formatter can stream), and :meth:`finish` once with
    the run's :class:`Summary`. ``config`` carries ``--show-source``, ``--statistics``,
    ``--quiet``, ``--lang`` and ``--fail-on``. A plugin adds a format by returning
    ``{"name": MyFormatter}`` (or ``"package.module:MyFormatter"``) from ``reportlint_formatters``.
    """

    name = ""

    def __init__(self, stream: TextIO, config: "Config") -> None:
        self.stream = stream
        self.config = config

    def start(self) -> None:
        """Called before the first file."""

    def file(self, result: "FileResult") -> None:
        """Called for every file linted, in path order."""

    def finish(self, summary: Summary) -> None:
        """Called after the last file."""

    def write(self, text: str) -> None:
        self.stream.write(text)


BUILTIN_FORMATTERS = {
    "text": "reportlint.formatters.text:TextFormatter",
    "json": "reportlint.formatters.json:JsonFormatter",
    "sarif": "reportlint.formatters.sarif:SarifFormatter",
    "github": "reportlint.formatters.github:GithubFormatter",
    "junit": "reportlint.formatters.junit:JunitFormatter",
    "html": "reportlint.formatters.html:HtmlFormatter",
}


@hookimpl
def reportlint_formatters() -> Mapping[str, str]:
    return BUILTIN_FORMATTERS


def available_formatters() -> dict[str, object]:
    """``{name: Formatter class or "module:Class"}`` from every plugin."""
    from reportlint.plugins import get_plugin_manager

    formats: dict[str, object] = {}
    for mapping in reversed(get_plugin_manager().hook.reportlint_formatters()):
        formats.update(mapping or {})
    return formats


def get_formatter(name: str) -> type[Formatter]:
    target = available_formatters()[name]
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        target = getattr(importlib.import_module(module), attr)
    return target
