"""Running the rules over files: read, model, check, resolve, select; serially or in worker processes.

One file's pipeline (:func:`check_file`): ``read_document`` → ``build_report`` → every plugin's
``reportlint_check`` → findings checked and resolved through the catalogue into diagnostics →
select/ignore → sorted. Nothing one file does can stop the run: a file that cannot be read is
RL901/RL902, a plugin that raises or yields something invalid is RL903 for that file (its other
findings, and every other plugin's, stand), and a file that takes longer than ``limits.timeout``
is RL901.

After all files, ``reportlint_check_run`` sees every report at once (RL7xx). Reports are kept for
it only when some plugin implements that hook, so memory stays flat in corpus size otherwise.
"""

from __future__ import annotations

import collections
import contextlib
import os
import sys
import signal
import threading
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Mapping, Sequence

from reportlint.catalogue import Rule, get_catalogue
from reportlint.config import Config
from reportlint.diagnostic import SEVERITIES, SEVERITY_RANK, Diagnostic, Finding, Fix
from reportlint.messages import read_detail
from reportlint.plugins import BUILTIN_DIST, get_plugin_manager

MAX_FIX_PASSES = 5
PARSER = "reportlint:parsing"  # named in RL903 when building the model itself fails


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

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "year": self.year,
            "template": self.template,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


class InvalidFinding(Exception):
    """A plugin yielded something that is not a valid finding of its own rules."""


class FileTimeout(BaseException):
    """Raised by the timer inside a file's pipeline; a BaseException so plugins' ``except Exception`` cannot swallow it."""


# --- one file ------------------------------------------------------------------------------------


def check_file(path: str, config: Config, data: bytes | None = None, keep_report: bool = False):
    """Lint one file (or ``data`` under the name ``path``): ``(FileResult, Report | None)``."""
    try:
        with _deadline(config.limits.timeout):
            return _check_and_fix(path, config, data, keep_report)
    except FileTimeout:
        detail = read_detail("timeout", f"处理超时（超过 {config.limits.timeout:g} 秒）", {"seconds": f"{config.limits.timeout:g}"})
        return host_result(path, "RL901", {"detail": detail}, config), None


def _check_and_fix(path: str, config: Config, data: bytes | None, keep_report: bool):
    if not (config.fix or config.diff):
        result, report = _check(path, config, data)
        return result, (report if keep_report else None)
    from reportlint import fixes
    from reportlint.readers import ReadError, read_bytes

    snapshot = None
    if data is None:  # fix exactly the bytes that are checked: read them once
        try:
            data = read_bytes(path, config.limits)
            if config.fix:
                snapshot = fixes.Snapshot.take(path, data)
        except (OSError, ReadError):
            pass  # _check reads the file again and reports why it cannot
    result, report = _check(path, config, data)
    if report is None or not report.document.editable or not any(d.fix for d in result.diagnostics):
        return result, (report if keep_report else None)
    try:
        current, applied, fixed_result, fixed_report = data, 0, result, report
        for _ in range(MAX_FIX_PASSES):
            todo = [d.fix for d in fixed_result.diagnostics if d.fix]
            if not todo:
                break
            current, count = fixes.apply_fixes(current, todo)
            if not count:
                break
            applied += count
            fixed_result, fixed_report = _check(path, config, current)
            if fixed_report is None:  # a fix must never make a report unreadable; keep the original
                raise fixes.FixError("the fixed text could not be read back")
        if config.diff:
            return replace(result, diff=fixes.unified_diff(path, data, current) or None), (report if keep_report else None)
        if applied and snapshot is not None:
            try:
                fixes.write_checked(path, current, snapshot, follow_links=config.fix_links)
            except fixes.FixSkipped as exc:
                return replace(result, fix_warning=str(exc)), (report if keep_report else None)
        return replace(fixed_result, fixed=applied), (fixed_report if keep_report else None)
    except (OSError, ReadError, fixes.FixError, UnicodeError) as exc:
        return replace(result, fix_error=f"{type(exc).__name__}: {exc}"), (report if keep_report else None)


def _check(path: str, config: Config, data: bytes | None):
    from reportlint.parsing import build_report
    from reportlint.readers import ReadError, read_document

    try:
        if os.path.isdir(path):  # discovery hands over a directory it could not list
            raise ReadError("无法列出目录内容（权限不足？）", args={"reason": "unlistable"})
        document = read_document(path, data, config.limits)
    except ReadError as exc:
        detail = read_detail(exc.args_for_message.get("reason"), exc.message, exc.args_for_message)
        return host_result(path, exc.code, {"detail": detail}, config), None
    except OSError as exc:  # read_document turns its own into ReadError; a plugin reader's may escape
        detail = read_detail("os-error", exc.strerror or str(exc), {"errno": exc.errno})
        return host_result(path, "RL901", {"detail": detail}, config), None
    except Exception as exc:  # a reader's own bug must not end the run
        error = f"{type(exc).__name__}: {exc}"
        return host_result(path, "RL901", {"detail": read_detail("reader-error", f"读取器出错：{error}", {"error": error})}, config), None
    try:
        report = build_report(document)
    except Exception as exc:
        detail = {"plugin": PARSER, "error": f"{type(exc).__name__}: {exc}"}
        return host_result(path, "RL903", detail, config, format=document.format), None
    if not report.recognised:
        detail = {"detail": read_detail("no-report", "未找到标题、章节或统计表")}
        return host_result(path, "RL902", detail, config, format=document.format), None

    diagnostics = run_checks(report, config)
    result = FileResult(
        path=path,
        diagnostics=tuple(sorted(select(diagnostics, path, config), key=lambda d: d.sort_key)),
        format=report.format,
        year=report.year,
        template=report.template,
        lines=tuple(line.text for line in report.document.lines) if config.keeps_source else None,
        cells=report.source_cells() if config.keeps_source else (),
    )
    return result, report


def run_checks(report, config: Config) -> list[Diagnostic]:
    """Every plugin's ``reportlint_check`` on one report; failures become RL903, the rest stand."""
    pm = get_plugin_manager()
    catalogue = get_catalogue()
    diagnostics: list[Diagnostic] = []
    for impl in pm.hook.reportlint_check.get_hookimpls():
        if impl.hookwrapper or impl.wrapper:
            continue
        info = pm.info_for(impl.plugin)
        plugin_key = impl.plugin_name
        kwargs = {"report": report, "config": config}
        reported_error = False
        try:
            # A plugin's print() goes to stderr: stdout carries the run's output (JSON, SARIF…).
            with contextlib.redirect_stdout(sys.stderr):
                for finding in impl.function(*[kwargs[name] for name in impl.argnames]) or ():
                    try:
                        diagnostics.append(resolve(finding, report, config, info.dist, catalogue))
                    except InvalidFinding as exc:
                        if not reported_error:  # one RL903 per plugin and file is enough to act on
                            diagnostics.append(plugin_error(report.path, plugin_key, str(exc), config))
                            reported_error = True
        except (Exception, SystemExit) as exc:  # sys.exit() in a plugin ends its check, not the run
            diagnostics.append(plugin_error(report.path, plugin_key, describe(exc), config))
    return diagnostics


def describe(exc: BaseException) -> str:
    """``Type: message`` of an exception, even one whose ``__str__`` itself fails."""
    try:
        text = str(exc)
    except Exception:
        text = "(its message cannot be shown)"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def resolve(finding: object, report, config: Config, dist: str, catalogue=None) -> Diagnostic:
    """Check a plugin's finding and give it name, severity, message and location."""
    catalogue = catalogue or get_catalogue()
    if not isinstance(finding, Finding):
        raise InvalidFinding(f"yielded {type(finding).__name__}, not a reportlint.diagnostic.Finding")
    rule = catalogue.by_code.get(finding.code) if isinstance(finding.code, str) else None
    if rule is None:
        raise InvalidFinding(f"yielded undeclared code {finding.code!r}")
    if rule.plugin != dist:
        raise InvalidFinding(f"yielded {finding.code}, a code of {rule.plugin}")
    lines = report.lines
    line, column = finding.line, finding.column
    end_line = finding.end_line if finding.end_line is not None else line
    end_column = finding.end_column if finding.end_column is not None else column
    _check_span(lines, line, column, end_line, end_column, finding.code)
    fix = finding.fix
    if fix is not None:
        if not isinstance(fix, Fix) or not isinstance(fix.replacement, str):
            raise InvalidFinding(f"{finding.code}: fix is {type(fix).__name__}, not a reportlint.diagnostic.Fix")
        _check_span(lines, fix.line, fix.column, fix.end_line, fix.end_column, f"{finding.code} fix")
    if finding.severity is not None and finding.severity not in SEVERITIES:
        raise InvalidFinding(f"{finding.code}: severity {finding.severity!r} is not one of {', '.join(SEVERITIES)}")
    if finding.location is not None and not isinstance(finding.location, str):
        raise InvalidFinding(f"{finding.code}: location must be a string")
    if not isinstance(finding.args, Mapping):
        raise InvalidFinding(f"{finding.code}: args must be a mapping")
    location = finding.location or report.location(line, column)
    # Rules speak of the report's logical lines; the user reads the file as stored.
    line, column = report.position(line, column)
    end_line, end_column = report.position(end_line, end_column)
    if fix is not None:
        start, end = report.position(fix.line, fix.column), report.position(fix.end_line, fix.end_column)
        fix = Fix(*start, *end, fix.replacement)
    diagnostic = Diagnostic(
        path=report.path,
        code=rule.code,
        name=rule.name,
        severity=finding.severity or rule.severity,
        message=rule.format_message(finding.args, config.lang),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        location=location,
        fix=fix,
        plugin=rule.plugin,
    )
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
    """A third-party diagnostic must satisfy the published schema (jsonschema only loaded here)."""
    import jsonschema

    from reportlint.resources import validate

    try:
        validate(diagnostic.to_json(), "diagnostics", "diagnostic")
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "diagnostic"
        raise InvalidFinding(f"{diagnostic.code}: {where}: {exc.message}") from None


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
    rule: Rule = get_catalogue().by_code[code]
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


_style_guide: tuple[Config, object] | None = None


def select(diagnostics: Iterable[Diagnostic], path: str, config: Config) -> list[Diagnostic]:
    """Apply select/ignore/per-file-ignores; the style guide is built once per config object."""
    global _style_guide
    from reportlint.style_guide import StyleGuide

    cached = _style_guide  # one read: another thread may swap it for its own config meanwhile
    if cached is None or cached[0] is not config:
        cached = _style_guide = (config, StyleGuide(config))
    return cached[1].filter(path, diagnostics)


class _deadline:
    """Raise :class:`FileTimeout` after ``seconds`` of one file's work.

    Uses a real-time interval timer, which only the main thread of a process can set; elsewhere
    (an embedding application's worker thread) the limit is not enforced. C code (a parser
    library) is interrupted when it returns to Python.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.active = (
            seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )

    def __enter__(self):
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        return False

    @staticmethod
    def _expire(signum, frame):
        raise FileTimeout()


# --- a run ---------------------------------------------------------------------------------------


def has_run_checks() -> bool:
    return bool(get_plugin_manager().hook.reportlint_check_run.get_hookimpls())


def has_foreign_checks() -> bool:
    """Whether a third-party plugin checks reports (then the command line runs files in workers)."""
    pm = get_plugin_manager()
    return any(pm.info_for(impl.plugin).dist != BUILTIN_DIST
               for impl in pm.hook.reportlint_check.get_hookimpls())


def run(files: Sequence[str], config: Config, mp_context=None, isolate: bool = False) -> Iterator[FileResult]:
    """Lint ``files`` (already discovered) and yield their results in order.

    With ``config.jobs > 1`` and more than one file, or with ``isolate``, files run in supervised
    worker processes (:mod:`reportlint.pool`); everything crossing the process boundary (paths,
    config, results) is plain data, so any start method works (``mp_context``, e.g.
    ``multiprocessing.get_context("spawn")``). The command line isolates whenever a third-party
    plugin checks reports: nothing it does can then corrupt the output or the exit status.
    """
    keep = has_run_checks()
    pairs = _results(files, config, keep, mp_context, isolate)
    if not keep:
        for result, _ in pairs:
            yield result
        return
    collected = list(pairs)
    yield from check_run(collected, config)


def check_run(pairs: Sequence[tuple[FileResult, object]], config: Config) -> list[FileResult]:
    """Give ``reportlint_check_run`` every report of the run and merge what it finds into the results."""
    reports = [report for _, report in pairs if report is not None]
    by_path = {report.path: report for report in reports}
    extra: dict[str, list[Diagnostic]] = collections.defaultdict(list)
    pm = get_plugin_manager()
    catalogue = get_catalogue()
    for impl in pm.hook.reportlint_check_run.get_hookimpls():
        if impl.hookwrapper or impl.wrapper or not reports:
            continue
        info = pm.info_for(impl.plugin)
        kwargs = {"reports": reports, "config": config}
        reported: set[str] = set()
        try:
            for item in impl.function(*[kwargs[name] for name in impl.argnames]) or ():
                try:
                    path, finding = item
                    report = by_path[path]
                except (TypeError, ValueError, KeyError):
                    error = f"yielded {item!r}, not (path of a report of this run, Finding)"
                    if impl.plugin_name not in reported:
                        extra[reports[0].path].append(plugin_error(reports[0].path, impl.plugin_name, error, config))
                        reported.add(impl.plugin_name)
                    continue
                try:
                    extra[path].append(resolve(finding, report, config, info.dist, catalogue))
                except InvalidFinding as exc:
                    if path not in reported:
                        extra[path].append(plugin_error(path, impl.plugin_name, str(exc), config))
                        reported.add(path)
        except (Exception, SystemExit) as exc:  # the run-level check has no file of its own: report it on the first
            extra[reports[0].path].append(plugin_error(reports[0].path, impl.plugin_name, describe(exc), config))
    results = []
    for result, _ in pairs:
        more = select(extra.get(result.path, ()), result.path, config)
        if more:
            result = replace(result, diagnostics=tuple(sorted((*result.diagnostics, *more), key=lambda d: d.sort_key)))
        results.append(result)
    return results


def _results(files: Sequence[str], config: Config, keep: bool, mp_context, isolate: bool):
    if isolate or (config.jobs > 1 and len(files) > 1):
        from reportlint import pool

        yield from pool.run(files, config, config.jobs, keep, _failed(config), mp_context)
        return
    for path in files:
        yield check_file(path, config, keep_report=keep)


def _failed(config: Config):
    def failed(path: str, reason: str) -> tuple:
        if reason == "timeout":
            zh = f"处理超时（超过 {config.limits.timeout:g} 秒）"
            detail = read_detail("timeout", zh, {"seconds": f"{config.limits.timeout:g}"})
        else:
            detail = read_detail("worker-died", "处理该文件的进程意外退出")
        return host_result(path, "RL901", {"detail": detail}, config), None

    return failed


def fails(results: Iterable[FileResult], fail_on: str) -> bool:
    """Whether any diagnostic is at or above the ``--fail-on`` severity."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[d.severity] >= threshold for r in results for d in r.diagnostics)
