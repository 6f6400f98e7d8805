"""A run over many files: each file's pipeline, serially or in supervised worker processes, then the
checks that compare the reports of the run.

After all files, each plugin's ``reportlint_check_run`` sees its digests of every report (RL7xx):
the run keeps results and digests, never reports, so memory grows by a few KB a file at most.
"""

from __future__ import annotations

import collections
import hashlib
from dataclasses import replace
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from reportlint.core.config import Config
from reportlint.core.diagnostic import SEVERITY_RANK, Diagnostic, Digest, FileResult, Note
from reportlint.core.limits import ReadError
from reportlint.host import registry, startup
from reportlint.host.cache import ResultCache
from reportlint.host.cache import usable as cache_usable
from reportlint.host.messages import read_detail
from reportlint.host.plugins import get_plugin_manager
from reportlint.host.resolve import InvalidFinding, describe, host_result, plugin_error, resolve_run, select, timed_out
from reportlint.readers import read_bytes


def has_run_checks() -> bool:
    return bool(get_plugin_manager().callers("reportlint_check_run"))


def has_foreign_checks() -> bool:
    """Whether a third-party plugin checks reports (then the command line runs files in workers)."""
    return any(not info.builtin for info, _ in get_plugin_manager().callers("reportlint_check"))


def run(files: Sequence[str], config: Config, mp_context=None, isolate: bool = False,
        notes: list[str] | None = None, on_file: Callable[[], None] | None = None, client=None) -> Iterator[FileResult]:
    """Lint ``files`` (already discovered) and yield their results in order.

    With ``config.jobs > 1`` and more than one file, or with ``isolate``, files run in supervised
    worker processes (:mod:`reportlint.host.pool`); everything crossing the process boundary (paths,
    config, results) is plain data, so any start method works (``mp_context``, e.g.
    ``multiprocessing.get_context("spawn")``). The command line isolates whenever a third-party
    plugin checks reports: nothing it does can then corrupt the output or the exit status. What the
    run-level checks could not compare is appended to ``notes``; ``on_file`` is called as each file
    is done (a progress bar), before the run-level checks hold the results back. With a
    ``dask.distributed.Client`` as ``client``, files run on its cluster (:mod:`reportlint.host.cluster`)
    and the run-level checks here, with the same output.
    """
    config = registry.effective(config)
    cache = ResultCache.open(config) if cache_usable(config) else None
    results = _results(files, config, mp_context, isolate, cache, client)
    if on_file is not None:
        results = _counted(results, on_file)
    try:
        yield from finish(results, config, notes)
    finally:
        if cache is not None:
            cache.save()
        startup.save()


def finish(results: Iterable[FileResult], config: Config, notes: list[str] | None = None) -> Iterator[FileResult]:
    """The results in order, with what the run-level checks find merged in (they need every file
    first; without them the results stream through)."""
    if not has_run_checks():
        yield from results
        return
    collected = list(results)
    yield from check_run(collected, config, notes)


def check_run(results: Sequence[FileResult], config: Config, notes: list[str] | None = None) -> list[FileResult]:
    """Give each plugin's ``reportlint_check_run`` its digests of the run's reports and merge what
    it finds into the results (whose digests are then dropped: they are not output)."""
    config = registry.effective(config)
    by_path = {result.path: result for result in results}
    extra: dict[str, list[Diagnostic]] = collections.defaultdict(list)
    catalogue = registry.catalogue()
    for info, call in get_plugin_manager().callers("reportlint_check_run"):
        digests = [Digest(r.path, r.digests[info.key]) for r in results if info.key in r.digests]
        if not digests:
            continue
        first = digests[0].path
        reported: set[str] = set()

        def failed(path: str, error: str) -> None:
            if path not in reported:  # one RL903 per plugin and file is enough to act on
                extra[path].append(plugin_error(path, info.key, error, config))
                reported.add(path)

        try:
            for item in (item for found in call(digests=digests, config=config) for item in (found or ())):
                if isinstance(item, Note):
                    if notes is not None:
                        notes.append(_note_text(item, config.lang))
                    continue
                try:
                    path, finding = item
                    by_path[path]
                except (TypeError, ValueError, KeyError):
                    failed(first, f"yielded {item!r}, not (path of a report of this run, Finding) or Note")
                    continue
                try:
                    extra[path].append(resolve_run(finding, path, config, info.dist, catalogue))
                except InvalidFinding as exc:
                    failed(path, str(exc))
        except (Exception, SystemExit) as exc:  # the run-level check has no file of its own: report it on the first
            failed(first, describe(exc))
    merged = []
    for result in results:
        more = select(extra.get(result.path, ()), result.path, config)
        diagnostics = tuple(sorted((*result.diagnostics, *more), key=lambda d: d.sort_key)) if more else result.diagnostics
        merged.append(replace(result, diagnostics=diagnostics, digests={}))
    return merged


def _counted(results: Iterable[FileResult], on_file: Callable[[], None]) -> Iterator[FileResult]:
    for result in results:
        on_file()
        yield result


def _note_text(note: Note, lang: str) -> str:
    text = note.text
    if isinstance(text, Mapping):
        text = text.get(lang) or text.get("zh") or ""
    return str(text)


def _results(files: Sequence[str], config: Config, mp_context, isolate: bool, cache: ResultCache | None,
             client=None) -> Iterator[FileResult]:
    """The FileResult of each file, in order; a result the cache holds is not made again."""
    if client is not None or isolate or (config.jobs > 1 and len(files) > 1):
        hits = {i: hit for i, path in enumerate(files) if cache is not None and (hit := _cached(cache, path, config)[0])}
        misses = [path for i, path in enumerate(files) if i not in hits]
        if not misses:
            made: Iterator[FileResult] = iter(())
        elif client is not None:
            from reportlint.host import cluster  # only a run on Dask needs it

            made = cluster.run(misses, config, client, _failed(config))
        else:
            from reportlint.host import pool  # multiprocessing costs start-up: only when files run in workers

            made = pool.run(misses, config, config.jobs, _failed(config), mp_context)
        for i in range(len(files)):
            if i in hits:
                yield hits[i]
                continue
            result = next(made)
            if cache is not None:
                cache.put(result)
            yield result
        return
    check_file = None
    for path in files:
        hit, data = _cached(cache, path, config) if cache is not None else (None, None)
        if hit is not None:
            yield hit
            continue
        if check_file is None:
            from reportlint.host.pipeline import check_file  # the parser loads only for a file the cache lacks
        result = check_file(path, config, data=data)
        if cache is not None:
            cache.put(result)
        yield result


def _cached(cache: ResultCache, path: str, config: Config) -> tuple[FileResult | None, bytes | None]:
    """(the cached result of the file as it is now, or None; its bytes, read once for both)."""
    try:
        data = read_bytes(path, config.limits)  # never opens a pipe or a device: they would block
    except (OSError, ReadError):
        return None, None  # the pipeline reads it again and says why it cannot
    return cache.get(path, hashlib.sha256(data).hexdigest()), data


def _failed(config: Config):
    def failed(path: str, reason: str) -> FileResult:
        if reason == "timeout":
            return timed_out(path, config)
        detail = read_detail("worker-died", "处理该文件的进程意外退出")
        return host_result(path, "RL901", {"detail": detail}, config)

    return failed


def fails(results: Iterable[FileResult], fail_on: str) -> bool:
    """Whether any diagnostic is at or above the ``--fail-on`` severity."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[d.severity] >= threshold for r in results for d in r.diagnostics)
