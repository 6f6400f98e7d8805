"""A run over many files: each file's pipeline, serially or in supervised worker processes, then the
checks that compare the reports of the run.

After all files, ``reportlint_check_run`` sees every report at once (RL7xx). Reports are kept for it
only when some plugin implements that hook, so memory stays flat in corpus size otherwise.
"""

from __future__ import annotations

import collections
import hashlib
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from reportlint.core.diagnostic import SEVERITY_RANK, Diagnostic, FileResult
from reportlint.core.limits import ReadError
from reportlint.host import registry
from reportlint.host.cache import ResultCache
from reportlint.host.cache import usable as cache_usable
from reportlint.host.config import Config
from reportlint.host.messages import read_detail
from reportlint.host.plugins import get_plugin_manager
from reportlint.host.resolve import InvalidFinding, describe, host_result, plugin_error, resolve, select, timed_out
from reportlint.readers import read_bytes


def has_run_checks() -> bool:
    return bool(get_plugin_manager().callers("reportlint_check_run"))


def has_foreign_checks() -> bool:
    """Whether a third-party plugin checks reports (then the command line runs files in workers)."""
    return any(not info.builtin for info, _ in get_plugin_manager().callers("reportlint_check"))


def run(files: Sequence[str], config: Config, mp_context=None, isolate: bool = False) -> Iterator[FileResult]:
    """Lint ``files`` (already discovered) and yield their results in order.

    With ``config.jobs > 1`` and more than one file, or with ``isolate``, files run in supervised
    worker processes (:mod:`reportlint.host.pool`); everything crossing the process boundary (paths,
    config, results) is plain data, so any start method works (``mp_context``, e.g.
    ``multiprocessing.get_context("spawn")``). The command line isolates whenever a third-party
    plugin checks reports: nothing it does can then corrupt the output or the exit status.
    """
    keep = has_run_checks()
    config = registry.effective(config)
    cache = ResultCache.open(config) if cache_usable(config, keep) else None
    pairs = _results(files, config, keep, mp_context, isolate, cache)
    try:
        if not keep:
            for result, _ in pairs:
                yield result
            return
        collected = list(pairs)
        yield from check_run(collected, config)
    finally:
        if cache is not None:
            cache.save()


def check_run(pairs: Sequence[tuple[FileResult, object]], config: Config) -> list[FileResult]:
    """Give ``reportlint_check_run`` every report of the run and merge what it finds into the results."""
    config = registry.effective(config)
    reports = [report for _, report in pairs if report is not None]
    by_path = {report.path: report for report in reports}
    extra: dict[str, list[Diagnostic]] = collections.defaultdict(list)
    catalogue = registry.catalogue()
    for info, call in get_plugin_manager().callers("reportlint_check_run"):
        if not reports:
            break
        reported: set[str] = set()
        try:
            for item in (item for found in call(reports=reports, config=config) for item in (found or ())):
                try:
                    path, finding = item
                    report = by_path[path]
                except (TypeError, ValueError, KeyError):
                    error = f"yielded {item!r}, not (path of a report of this run, Finding)"
                    if info.key not in reported:
                        extra[reports[0].path].append(plugin_error(reports[0].path, info.key, error, config))
                        reported.add(info.key)
                    continue
                try:
                    extra[path].append(resolve(finding, report, config, info.dist, catalogue))
                except InvalidFinding as exc:
                    if path not in reported:
                        extra[path].append(plugin_error(path, info.key, str(exc), config))
                        reported.add(path)
        except (Exception, SystemExit) as exc:  # the run-level check has no file of its own: report it on the first
            extra[reports[0].path].append(plugin_error(reports[0].path, info.key, describe(exc), config))
    results = []
    for result, _ in pairs:
        more = select(extra.get(result.path, ()), result.path, config)
        if more:
            result = replace(result, diagnostics=tuple(sorted((*result.diagnostics, *more), key=lambda d: d.sort_key)))
        results.append(result)
    return results


def _results(files: Sequence[str], config: Config, keep: bool, mp_context, isolate: bool, cache: ResultCache | None):
    """``(FileResult, Report | None)`` per file, in order; a result the cache holds is not made again."""
    if isolate or (config.jobs > 1 and len(files) > 1):
        from reportlint.host import pool  # multiprocessing costs start-up: only when files run in workers

        hits = {i: hit for i, path in enumerate(files) if cache is not None and (hit := _cached(cache, path, config)[0])}
        misses = [path for i, path in enumerate(files) if i not in hits]
        made = pool.run(misses, config, config.jobs, keep, _failed(config), mp_context) if misses else iter(())
        for i in range(len(files)):
            if i in hits:
                yield hits[i], None
                continue
            outcome = next(made)
            if cache is not None:
                cache.put(outcome[0])
            yield outcome
        return
    check_file = None
    for path in files:
        hit, data = _cached(cache, path, config) if cache is not None else (None, None)
        if hit is not None:
            yield hit, None
            continue
        if check_file is None:
            from reportlint.host.pipeline import check_file  # the parser loads only for a file the cache lacks
        outcome = check_file(path, config, data=data, keep_report=keep)
        if cache is not None:
            cache.put(outcome[0])
        yield outcome


def _cached(cache: ResultCache, path: str, config: Config) -> tuple[FileResult | None, bytes | None]:
    """(the cached result of the file as it is now, or None; its bytes, read once for both)."""
    try:
        data = read_bytes(path, config.limits)  # never opens a pipe or a device: they would block
    except (OSError, ReadError):
        return None, None  # the pipeline reads it again and says why it cannot
    return cache.get(path, hashlib.sha256(data).hexdigest()), data


def _failed(config: Config):
    def failed(path: str, reason: str) -> tuple:
        if reason == "timeout":
            return timed_out(path, config), None
        detail = read_detail("worker-died", "处理该文件的进程意外退出")
        return host_result(path, "RL901", {"detail": detail}, config), None

    return failed


def fails(results: Iterable[FileResult], fail_on: str) -> bool:
    """Whether any diagnostic is at or above the ``--fail-on`` severity."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[d.severity] >= threshold for r in results for d in r.diagnostics)
