"""From a plugin's :class:`~reportlint.core.diagnostic.Finding` to a :class:`~reportlint.core.diagnostic.Diagnostic`.

A finding is checked (a code its own plugin declared, a position inside the report, text that
encodes), given the rule's name, severity and message in the run's language, and placed in the file as
stored. What fails the checks is :class:`InvalidFinding`, which the pipeline turns into RL903. The
host's own findings (RL9xx) and the run's selection are made here too.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

from reportlint.core.catalogue import Rule
from reportlint.core.config import Config
from reportlint.core.diagnostic import SEVERITIES, Diagnostic, FileResult, Finding, Fix
from reportlint.core.document import location_text
from reportlint.core.resources import SchemaViolation, validate
from reportlint.host import registry
from reportlint.host.messages import read_detail
from reportlint.host.plugins import BUILTIN_DIST
from reportlint.host.style_guide import StyleGuide


class InvalidFinding(Exception):
    """A plugin yielded something that is not a valid finding of its own rules."""


def describe(exc: BaseException) -> str:
    """``Type: message`` of an exception, even one whose ``__str__`` itself fails."""
    try:
        text = str(exc)
    except Exception:
        text = "(its message cannot be shown)"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def resolve(finding: object, report, config: Config, dist: str, catalogue=None) -> Diagnostic:
    """Check a plugin's finding on one report and give it name, severity, message and location."""
    rule = _rule_of(finding, dist, catalogue or registry.catalogue())
    lines = report.lines
    line, column, end_line, end_column = _span_of(finding)
    _check_span(lines, line, column, end_line, end_column, finding.code)
    fix = finding.fix
    if fix is not None:
        if not isinstance(fix, Fix) or not isinstance(fix.replacement, str):
            raise InvalidFinding(f"{finding.code}: fix is {type(fix).__name__}, not a reportlint.core.diagnostic.Fix")
        _check_span(lines, fix.line, fix.column, fix.end_line, fix.end_column, f"{finding.code} fix")
    location = finding.location or report.location(line, column)
    # Rules speak of the report's logical lines; the user reads the file as stored.
    # (``reportlint review`` edits the document itself: it asks for the document's lines, fixes kept.)
    position = report.document_position if config.review else report.position
    width = end_column - column if end_line == line else None
    line, column = position(line, column)
    end_line, end_column = position(end_line, end_column)
    if width is not None and (end_line, end_column) != (line, column + width):
        end_line, end_column = line, column + width  # a span within a line stays one (HTML: entities aside)
    if fix is not None and not report.document.editable and not config.review:
        fix = None  # only a text file's own bytes can be fixed: no [*], no SARIF fix on a web page or Word file
    if fix is not None:
        start, end = position(fix.line, fix.column), position(fix.end_line, fix.end_column)
        fix = Fix(*start, *end, fix.replacement)
    return _diagnostic(rule, finding, report.path, (line, column, end_line, end_column), location, fix, config, dist)


def resolve_run(finding: object, path: str, config: Config, dist: str, catalogue=None) -> Diagnostic:
    """Check a finding of a run-level check (its positions are the file's own: the report is gone)."""
    rule = _rule_of(finding, dist, catalogue or registry.catalogue())
    span = _span_of(finding)
    for name, value in zip(("line", "column", "end_line", "end_column"), span):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidFinding(f"{finding.code}: {name} must be a positive int, not {value!r}")
    if span[2:] < span[:2]:
        raise InvalidFinding(f"{finding.code}: ends ({span[2]}:{span[3]}) before it starts ({span[0]}:{span[1]})")
    if finding.fix is not None:
        raise InvalidFinding(f"{finding.code}: a finding that compares reports cannot carry a fix")
    return _diagnostic(rule, finding, path, span, finding.location, None, config, dist)


def _rule_of(finding: object, dist: str, catalogue) -> Rule:
    """The rule a finding names, which must be one its own plugin declared; its fields checked."""
    if not isinstance(finding, Finding):
        raise InvalidFinding(f"yielded {type(finding).__name__}, not a reportlint.core.diagnostic.Finding")
    rule = catalogue.by_code.get(finding.code) if isinstance(finding.code, str) else None
    if rule is None:
        raise InvalidFinding(f"yielded undeclared code {finding.code!r}")
    if rule.plugin != dist:
        raise InvalidFinding(f"yielded {finding.code}, a code of {rule.plugin}")
    if finding.severity is not None and finding.severity not in SEVERITIES:
        raise InvalidFinding(f"{finding.code}: severity {finding.severity!r} is not one of {', '.join(SEVERITIES)}")
    if finding.location is not None and not isinstance(finding.location, str):
        raise InvalidFinding(f"{finding.code}: location must be a string")
    if not isinstance(finding.args, Mapping):
        raise InvalidFinding(f"{finding.code}: args must be a mapping")
    return rule


def _span_of(finding: Finding) -> tuple:
    line, column = finding.line, finding.column
    end_line = finding.end_line if finding.end_line is not None else line
    end_column = finding.end_column if finding.end_column is not None else column
    return line, column, end_line, end_column


def _diagnostic(rule: Rule, finding: Finding, path: str, span: tuple, location, fix, config: Config, dist: str) -> Diagnostic:
    diagnostic = Diagnostic(path, rule.code, rule.name, finding.severity or rule.severity,
                            rule.format_message(finding.args, config.lang), *span,
                            location_text(location, config.lang), fix, rule.plugin)
    if dist != BUILTIN_DIST:
        _validate_third_party(diagnostic)
    for what, text in (("message", diagnostic.message), ("location", diagnostic.location),
                       ("fix", fix.replacement if fix is not None else None)):
        try:
            if text is not None:
                text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidFinding(f"{finding.code}: its {what} is not valid text (a lone surrogate)") from None
    return diagnostic


def _validate_third_party(diagnostic: Diagnostic) -> None:
    """A third-party diagnostic must satisfy the published schema (jsonschema is imported only then)."""
    try:
        validate(diagnostic.to_json(), "diagnostics", "diagnostic")
    except SchemaViolation as exc:
        raise InvalidFinding(f"{diagnostic.code}: {exc.where or 'diagnostic'}: {exc.message}") from None


def _check_span(lines: Sequence[str], line, column, end_line, end_column, what: str) -> None:
    for name, value in (("line", line), ("column", column), ("end_line", end_line), ("end_column", end_column)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidFinding(f"{what}: {name} must be an int, not {value!r}")
    count = max(len(lines), 1)
    if not (1 <= line <= count and 1 <= end_line <= count):
        raise InvalidFinding(f"{what}: line {line}-{end_line} outside the file's {count} lines")
    if not 1 <= column <= _width(lines, line) + 1 or not 1 <= end_column <= _width(lines, end_line) + 1:
        raise InvalidFinding(f"{what}: column {column}-{end_column} outside lines {line}-{end_line}")
    if (end_line, end_column) < (line, column):
        raise InvalidFinding(f"{what}: ends ({end_line}:{end_column}) before it starts ({line}:{column})")


def _width(lines: Sequence[str], line: int) -> int:
    return len(lines[line - 1]) if line <= len(lines) else 0


def plugin_error(path: str, plugin: str, error: str, config: Config) -> Diagnostic:
    return host_diagnostic(path, "RL903", {"plugin": plugin, "error": error}, config)


def host_diagnostic(path: str, code: str, args: Mapping, config: Config) -> Diagnostic:
    """A diagnostic of the host itself (RL9xx), always at the top of the file."""
    rule: Rule = registry.catalogue().by_code[code]
    return Diagnostic(
        path=path,
        code=code,
        name=rule.name,
        severity=rule.severity,
        message=rule.format_message(args, config.lang),
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        plugin=rule.plugin,
    )


def host_result(path: str, code: str, args: Mapping, config: Config, format: str | None = None) -> FileResult:
    diagnostics = select([host_diagnostic(path, code, args, config)], path, config)
    return FileResult(path=path, diagnostics=tuple(diagnostics), format=format)


def select(diagnostics: Iterable[Diagnostic], path: str, config: Config) -> list[Diagnostic]:
    """The diagnostics that select, ignore and per-file-ignores report for ``path``."""
    return StyleGuide(config).filter(path, diagnostics)


def timed_out(path: str, config: Config) -> FileResult:
    """RL901 for a file that took longer than ``limits.timeout``."""
    seconds = f"{config.limits.timeout:g}"
    return host_result(path, "RL901", {"detail": read_detail("timeout", f"处理超时（超过 {seconds} 秒）", {"seconds": seconds})}, config)
