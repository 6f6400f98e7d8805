"""Output formats. Each is a :class:`Formatter` registered through ``reportlint_formatters``.

This module is itself a built-in plugin (listed in pyproject's ``reportlint`` entry points) and
registers the built-in formats exactly as a third-party package registers its own. Formats are
named by ``"module:Class"`` strings so that only the one in use is imported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Mapping, TextIO

from reportlint import hookimpl
from reportlint.core.diagnostic import Summary  # noqa: F401  (a formatter's finish() is handed one)
from reportlint.core.patterns import lazy

if TYPE_CHECKING:
    from reportlint.core.catalogue import Catalogue
    from reportlint.core.config import Config
    from reportlint.core.diagnostic import FileResult


# --- text from files and reports is not to be trusted on a terminal or in XML -------------------------

#: Terminal controls (an ESC would clear the screen or forge a hyperlink), other C0/C1 controls but
#: the tab, bidirectional overrides, and lone surrogates (a file name's bytes that are not UTF-8).
_UNPRINTABLE = lazy(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = lazy(r"[\ud800-\udfff]")
#: Characters XML 1.0 cannot hold at all.
_NOT_XML = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of a byte that is not UTF-8: name the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text safe to print on a terminal: controls, bidi overrides and undecodable bytes as \\xNN."""
    return _UNPRINTABLE.sub(_escaped, text)


def encodable(text: str) -> str:
    """Text that encodes as UTF-8: a file name's undecodable bytes written as \\xNN (reversible)."""
    return _SURROGATE.sub(_escaped, text)


def encodable_data(value):
    """A JSON-ready value with every string made :func:`encodable` (before it is serialised)."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable(k): encodable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encodable_data(v) for v in value]
    return value


def xml_safe(text: str) -> str:
    """Text XML can hold: what it cannot, written as \\xNN."""
    return _NOT_XML.sub(_escaped, text)


# --- where a file is, for CI: one root for every format that names files to a CI system ------------


def source_root(start: Path | None = None) -> Path:
    """The repository holding the current folder (its top, where ``.git`` is), else the current folder:
    what GitHub annotations, SARIF's ``%SRCROOT%`` and GitLab's paths are relative to."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes; absolute when it lies outside the root."""
    absolute = Path(os.path.abspath(path))
    try:
        return PurePath(absolute.relative_to(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


class Formatter:
    """Writes one run's results to ``stream``.

    The host calls :meth:`start` once, :meth:`file` for every file in path order (files without
    diagnostics included, as they come, so a formatter can stream), and :meth:`finish` once with
    the run's :class:`Summary`. ``config`` carries ``--show-source``, ``--statistics``,
    ``--quiet``, ``--lang`` and ``--fail-on``; ``catalogue`` is every rule of the run (built-in and
    plugins'), for formats that describe the rules (SARIF, ``--statistics``). A plugin adds a format by returning
    ``{"name": MyFormatter}`` (or ``"package.module:MyFormatter"``) from ``reportlint_formatters``.
    """

    name = ""
    #: True for a format that, when ``-o`` names an existing folder, writes its own files there
    #: (the HTML report: an index and a page per file); the stream is then not written.
    writes_folder = False

    def __init__(self, stream: TextIO, config: "Config", catalogue: "Catalogue") -> None:
        self.stream = stream
        self.config = config
        self.catalogue = catalogue

    @classmethod
    def folder_files(cls, paths: "list[str]") -> "list[str]":
        """A format that ``writes_folder``: the names of the files it writes into the folder for the
        reports ``paths`` (the run refuses, before anything is written, to write over a report)."""
        return []

    def start(self) -> None:
        """Called before the first file."""

    def file(self, result: "FileResult") -> None:
        """Called for every file linted, in path order."""

    def finish(self, summary: Summary) -> None:
        """Called after the last file."""

    def write(self, text: str) -> None:
        """Write to the stream; whatever a formatter writes encodes (see :func:`encodable`)."""
        self.stream.write(encodable(text))


BUILTIN_FORMATTERS = {
    "text": "reportlint.formatters.text:TextFormatter",
    "json": "reportlint.formatters.json:JsonFormatter",
    "sarif": "reportlint.formatters.sarif:SarifFormatter",
    "github": "reportlint.formatters.github:GithubFormatter",
    "junit": "reportlint.formatters.junit:JunitFormatter",
    "html": "reportlint.formatters.html:HtmlFormatter",
    "gitlab": "reportlint.formatters.gitlab:GitlabFormatter",
    "json-lines": "reportlint.formatters.json_lines:JsonLinesFormatter",
}


@hookimpl
def reportlint_formatters() -> Mapping[str, str]:
    return BUILTIN_FORMATTERS
