"""The value types every rule produces and every formatter consumes: a finding, its resolved
diagnostic, one file's result, and the summary of a run."""

import collections
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import PurePath
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Fix(NamedTuple):
    """Replace the text between two (line, column) positions, 1-based and end-exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str

    def to_json(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "replacement": self.replacement,
        }


class Finding(NamedTuple):
    """What a rule yields: a code, a position and the values for the message template.

    Name, severity and wording come from the rule catalogue, so a rule never hard-codes its message
    and every language shares one set of arguments.
    """

    code: str
    line: int = 1
    column: int = 1
    args: Mapping[str, Any] = MappingProxyType({})
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    location: str | None = None
    severity: str | None = None  # overrides the rule's default (e.g. RL305 blank cells are warnings)


class Diagnostic(NamedTuple):
    """A resolved finding: everything an output format needs, nothing more."""

    path: str
    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    location: str | None = None
    fix: Fix | None = None
    plugin: str = "reportlint"

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "location": self.location,
            "fix": self.fix.to_json() if self.fix else None,
            "plugin": self.plugin,
        }


def identity(path: str, code: str, message: str) -> tuple[str, str, str]:
    """What makes a finding the same finding across edits above it: its file, code and message, not
    its line (the baseline's identity, and SARIF's and GitLab's fingerprints)."""
    return (PurePath(os.path.normpath(path)).as_posix(), code, message)


def fingerprint(d: "Diagnostic", occurrence: int = 0) -> str:
    """A stable hex fingerprint of ``d``'s :func:`identity`; ``occurrence`` tells identical findings
    of one file apart (0 for the first)."""
    key = "\0".join(identity(d.path, d.code, d.message)) + f"\0{occurrence}"
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Digest(NamedTuple):
    """What one plugin kept of one report (its ``reportlint_digest``) for the checks that compare the
    reports of a run: ``data`` is plain data, as JSON carries it (lists for tuples)."""

    path: str
    data: Any


class Note(NamedTuple):
    """What a check of a run has to say that is no finding: a comparison it could not make and why.
    ``text`` is a string, or ``{"zh": …, "en": …}``."""

    text: Any


@dataclass(frozen=True)
class FileResult:
    """The outcome for one file: its diagnostics and what was learnt about it (SPEC §10)."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    format: str | None = None
    year: int | None = None
    template: str | None = None
    #: The report's lines and table cells, only when the output shows them (``--show-source``, HTML).
    lines: tuple[str, ...] | None = None
    cells: tuple = ()
    #: ``--fix``: how many fixes were written; ``--diff``: the fixes as a unified diff.
    fixed: int = 0
    diff: str | None = None
    #: ``--fix``: why the fixed text could not be written, if it could not (exit 2).
    fix_error: str | None = None
    #: ``--fix``: why the file was deliberately left as it is (read-only, a link, changed meanwhile).
    fix_warning: str | None = None
    #: sha256 of the bytes that were checked (hex): what the result cache keys a result by.
    content_hash: str | None = None
    #: ``{plugin: digest}`` for the checks that compare reports (``reportlint_digest``); not printed.
    digests: Mapping[str, Any] = field(default_factory=dict)
    #: Whether lines and columns are the file's own (text, Markdown, HTML); False for DOCX and PDF,
    #: whose positions are lines of the extracted text and whose ``location`` says where they are.
    file_lines: bool = True
    #: Seconds the file took (reading, checks, fixes); 0 for a result taken from the cache.
    seconds: float = field(default=0.0, compare=False)
    #: RL902 for a file that shows no sign of being a report (neither its name nor a title like a
    #: report's): a run that found it by walking a folder, or that pre-commit named, skips it.
    no_report_signs: bool = False
    #: The issuing agency as the title names it, the publication date and the deadline it is held
    #: to (ISO dates): the overview's columns (:mod:`reportlint.core.publication`).
    agency: str | None = None
    published: str | None = None
    deadline: str | None = None

    @property
    def on_time(self) -> bool | None:
        """Published by its deadline; None when either date is unknown."""
        if self.published is None or self.deadline is None:
            return None
        return self.published <= self.deadline

    def families(self) -> dict[str, dict[str, int]]:
        """Findings per rule family (RL3 for RL301…RL308) and severity, families in code order."""
        counts: dict[str, dict[str, int]] = {}
        for d in sorted(self.diagnostics, key=lambda d: d.code):
            counts.setdefault(rule_family(d.code), dict.fromkeys(SEVERITIES, 0))[d.severity] += 1
        return counts

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "year": self.year,
            "template": self.template,
            "agency": self.agency,
            "published": self.published,
            "deadline": self.deadline,
            "on_time": self.on_time,
            "families": self.families(),
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


def rule_family(code: str) -> str:
    """The family of a rule code: its letters and first digit (RL3 for RL301; a plugin's XY1 for XY101)."""
    letters = code.rstrip("0123456789")
    return code[: len(letters) + 1]


@dataclass
class Summary:
    """Counts over a whole run: what the host makes of the results it shows, handed to a formatter's
    ``finish`` (:class:`reportlint.formatters.Formatter`)."""

    files: int = 0
    by_severity: collections.Counter = field(default_factory=collections.Counter)
    by_code: collections.Counter = field(default_factory=collections.Counter)
    fixable: int = 0
    fixed: int = 0
    #: What the checks comparing reports could not compare (reportlint_check_run's Notes).
    notes: list[str] = field(default_factory=list)
    #: Files found by walking (or named by pre-commit) that show no sign of being a report: not linted.
    skipped: list[str] = field(default_factory=list)
    #: The picture of the whole run (the HTML index's charts, ``--format json``'s summary): how many
    #: files each code was found in, the report formats (templates) of each year (``None``: no year
    #: found), and how many were published on time, late, or with a date or deadline unknown.
    files_by_code: collections.Counter = field(default_factory=collections.Counter)
    templates_by_year: dict = field(default_factory=dict)
    publication: collections.Counter = field(default_factory=collections.Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.fixed += result.fixed
        for d in result.diagnostics:
            self.by_severity[d.severity] += 1
            self.by_code[d.code] += 1
            self.fixable += d.fix is not None
        self.files_by_code.update({d.code for d in result.diagnostics})
        if result.template is not None:
            self.templates_by_year.setdefault(result.year, collections.Counter())[result.template] += 1
        self.publication[{True: "on_time", False: "late", None: "unknown"}[result.on_time]] += 1

    def rules_by_files(self) -> list[tuple[str, int, int]]:
        """(code, files, findings) of every code found, the most widespread first."""
        return sorted(((code, files, self.by_code[code]) for code, files in self.files_by_code.items()),
                      key=lambda item: (-item[1], -item[2], item[0]))

    @property
    def problems(self) -> int:
        return sum(self.by_severity.values())

    def to_json(self) -> dict:
        counts: dict = {"files": self.files, **{s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")}}
        counts["rules"] = {code: {"files": files, "findings": findings} for code, files, findings in self.rules_by_files()}
        # published as formats_by_year (schemas/diagnostics.schema.json): the report formats of each year
        counts["formats_by_year"] = {("unknown" if year is None else str(year)): dict(sorted(templates.items()))
                                     for year, templates in sorted(self.templates_by_year.items(), key=lambda item: (item[0] is None, item[0] or 0))}
        counts["publication"] = {key: self.publication.get(key, 0) for key in ("on_time", "late", "unknown")}
        if self.notes:
            counts["notes"] = list(self.notes)
        if self.skipped:
            counts["skipped"] = list(self.skipped)
        return counts
