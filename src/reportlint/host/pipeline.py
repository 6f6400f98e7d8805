"""One file's pipeline: read → model → every plugin's checks → diagnostics, fixed if asked.

``read_document`` → ``build_report`` → each plugin's ``reportlint_check`` → findings resolved through
the catalogue (:mod:`reportlint.host.resolve`) → select/ignore → sorted. Nothing one file does can stop
the run: a file that cannot be read is RL901/RL902, a plugin that raises or yields something invalid
is RL903 for that file (its other findings, and every other plugin's, stand), and a file that takes
longer than ``limits.timeout`` is RL901. With ``--fix`` the fixes are applied to exactly the bytes
that were checked (:mod:`reportlint.host.fixes`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import time
from dataclasses import replace
from typing import Any

from reportlint.core.config import Config
from reportlint.core.diagnostic import Diagnostic, FileResult
from reportlint.core.limits import ReadError
from reportlint.core.model import Report
from reportlint.core.publication import deadline_of
from reportlint.host import registry
from reportlint.host.deadline import FileTimeout, deadline
from reportlint.host.messages import read_detail
from reportlint.host.plugins import get_plugin_manager
from reportlint.host.resolve import InvalidFinding, describe, host_result, plugin_error, resolve, select, timed_out
from reportlint.parsing import build_report, looks_like_report
from reportlint.readers import read_bytes, read_document

MAX_FIX_PASSES = 5
#: A digest is what a run keeps of each report until its end: small, or memory grows with the corpus.
MAX_DIGEST_BYTES = 64 * 1024
PARSER = "reportlint:parsing"  # named in RL903 when building the model itself fails


def check_file(path: str, config: Config, data: bytes | None = None) -> FileResult:
    """Lint one file (or ``data`` under the name ``path``)."""
    config = registry.effective(config)
    started = time.perf_counter()
    try:
        with deadline(config.limits.timeout):
            result = _check_and_fix(path, config, data)
    except FileTimeout:
        result = timed_out(path, config)
    return replace(result, seconds=round(time.perf_counter() - started, 6))


def _check_and_fix(path: str, config: Config, data: bytes | None) -> FileResult:
    if not (config.fix or config.diff):
        return check(path, config, data)[0]
    from reportlint.host import fixes  # tempfile and difflib cost start-up: only --fix and --diff need them

    snapshot = None
    if data is None:  # fix exactly the bytes that are checked: read them once
        try:
            data = read_bytes(path, config.limits)
            if config.fix:
                snapshot = fixes.Snapshot.take(path, data)
        except (OSError, ReadError):
            pass  # check() reads the file again and reports why it cannot
    result, report = check(path, config, data)
    if report is None or not report.document.editable or not any(d.fix for d in result.diagnostics):
        return result
    try:
        current, applied, fixed_result = data, 0, result
        for _ in range(MAX_FIX_PASSES):
            todo = [d.fix for d in fixed_result.diagnostics if d.fix]
            if not todo:
                break
            current, count = fixes.apply_fixes(current, todo)
            if not count:
                break
            applied += count
            fixed_result, fixed_report = check(path, config, current)
            if fixed_report is None:  # a fix must never make a report unreadable; keep the original
                raise fixes.FixError("the fixed text could not be read back")
        if config.diff:
            return replace(result, diff=fixes.unified_diff(path, data, current) or None)
        if applied and snapshot is not None:
            try:
                fixes.write_checked(path, current, snapshot, follow_links=config.fix_links)
            except fixes.FixSkipped as exc:
                return replace(result, fix_warning=exc.text(config.lang))
        return replace(fixed_result, fixed=applied)
    except (OSError, ReadError, fixes.FixError, UnicodeError) as exc:
        return replace(result, fix_error=f"{type(exc).__name__}: {exc}")


def read_report(path: str, config: Config, data: bytes | None = None) -> tuple[Report | None, FileResult | None]:
    """The report model of a file, or (None, the RL9xx result saying why there is none)."""
    try:
        document = read_document(path, data, config.limits, registry.readers())
    except ReadError as exc:
        detail = read_detail(exc.args_for_message.get("reason"), exc.message, exc.args_for_message)
        unread = host_result(path, exc.code, {"detail": detail}, config)
        return None, replace(unread, no_report_signs=exc.code == "RL902" and not looks_like_report(path))
    except OSError as exc:  # read_document turns its own into ReadError; a plugin reader's may escape
        detail = read_detail("os-error", exc.strerror or str(exc), {"errno": exc.errno})
        return None, host_result(path, "RL901", {"detail": detail}, config)
    except Exception as exc:  # a reader's own bug must not end the run
        error = describe(exc)
        return None, host_result(path, "RL901", {"detail": read_detail("reader-error", f"读取器出错：{error}", {"error": error})}, config)
    try:
        report = build_report(document, registry.templates(), registry.lexicon())
    except Exception as exc:
        return None, host_result(path, "RL903", {"plugin": PARSER, "error": describe(exc)}, config, format=document.format)
    if not report.recognised:
        detail = {"detail": read_detail("no-report", "未找到标题、章节或统计表")}
        unread = host_result(path, "RL902", detail, config, format=document.format)
        return None, replace(unread, no_report_signs=not looks_like_report(path, (line.text for line in document.lines)))
    return report, None


def check(path: str, config: Config, data: bytes | None) -> tuple[FileResult, Report | None]:
    """Read, model and check one file, without fixing it."""
    if data is None:
        try:
            data = read_bytes(path, config.limits)  # read once: the bytes checked are the bytes hashed
        except (OSError, ReadError):
            pass  # read_report tries again and says why it cannot
    report, failed = read_report(path, config, data)
    if report is None:
        return failed, None
    diagnostics = run_checks(report, config)
    digests = run_digests(report, config, diagnostics)
    result = FileResult(
        path=path,
        diagnostics=tuple(sorted(select(diagnostics, path, config), key=lambda d: d.sort_key)),
        format=report.format,
        year=report.year,
        template=report.template,
        lines=report.document.file_lines() if config.keeps_source else None,
        cells=report.source_cells() if config.keeps_source else (),
        content_hash=hashlib.sha256(data).hexdigest() if data is not None else None,
        digests=digests,
        file_lines=report.document.has_file_lines,
        **publication(report, config),
    )
    return result, report


def publication(report: Report, config: Config) -> dict[str, str | None]:
    """The report's agency, publication date and deadline (ISO dates), for the overview of a run."""
    published = report.published.date if report.published is not None else None
    deadline = deadline_of(report.agency, report.year, config.settings)
    return {"agency": report.agency, "published": published.isoformat() if published else None,
            "deadline": deadline.isoformat() if deadline else None}


def run_digests(report: Report, config: Config, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """Every plugin's ``reportlint_digest`` of one report, passed through JSON (what a run keeps for
    its run-level checks); a digest that fails, is not plain data or is too large is RL903."""
    digests: dict[str, Any] = {}
    for info, call in get_plugin_manager().callers("reportlint_digest"):
        try:
            with contextlib.redirect_stdout(sys.stderr):
                found = [value for value in call(report=report, config=config) if value is not None]
            if not found:
                continue
            text = json.dumps(found[0] if len(found) == 1 else found, ensure_ascii=False, allow_nan=False)
            if len(text.encode("utf-8")) > MAX_DIGEST_BYTES:
                raise ValueError(f"its digest is larger than {MAX_DIGEST_BYTES} bytes as JSON")
            digests[info.key] = json.loads(text)
        except (Exception, SystemExit) as exc:
            diagnostics.append(plugin_error(report.path, info.key, f"reportlint_digest: {describe(exc)}", config))
    return digests


def run_checks(report: Report, config: Config) -> list[Diagnostic]:
    """Every plugin's ``reportlint_check`` on one report; failures become RL903, the rest stand."""
    catalogue = registry.catalogue()
    diagnostics: list[Diagnostic] = []
    for info, call in get_plugin_manager().callers("reportlint_check"):
        reported_error = False
        try:
            # A plugin's print() goes to stderr: stdout carries the run's output (JSON, SARIF…).
            with contextlib.redirect_stdout(sys.stderr):
                for finding in (f for found in call(report=report, config=config) for f in (found or ())):
                    try:
                        diagnostics.append(resolve(finding, report, config, info.dist, catalogue))
                    except InvalidFinding as exc:
                        if not reported_error:  # one RL903 per plugin and file is enough to act on
                            diagnostics.append(plugin_error(report.path, info.key, str(exc), config))
                            reported_error = True
        except (Exception, SystemExit) as exc:  # sys.exit() in a plugin ends its check, not the run
            diagnostics.append(plugin_error(report.path, info.key, describe(exc), config))
    return diagnostics
