"""What the commands do once their options are a :class:`~reportlint.host.config.Config`, and the
exit status each outcome gives.

``lint``: discover → run (serially or in a pool) → baseline → formatter → exit status.
``extract``: discover → read → model → ``reportlint.extract.report_data`` → JSON or CSV.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Iterator, Sequence, TextIO

from reportlint import __version__
from reportlint.extract import CSV_FIELDS, csv_rows, report_data
from reportlint.formatters import Summary, encodable_data, printable
from reportlint.host import registry, runner
from reportlint.host.baseline import Baseline
from reportlint.host.config import Config, ConfigError
from reportlint.host.deadline import FileTimeout, deadline
from reportlint.host.discovery import discover
from reportlint.host.resolve import timed_out

#: Nothing at or above --fail-on; findings; a usage or configuration error, or a crash.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20


def lint(paths: Sequence[str], config: Config) -> int:
    baseline = Baseline.load(config.baseline) if config.baseline else None
    files = discover(paths, registry.extensions(config.extensions), config.exclude, config.root)
    if not files:
        if not config.quiet:
            print(printable(f"reportlint: no report files found in {', '.join(paths)}"), file=sys.stderr)
        return EXIT_OK
    refuse_output_over_inputs(config.output, files)
    with open_output(config.output) as stream:
        if config.diff:
            return _print_diffs(runner.run(files, config), stream, config)
        formatter = registry.formatter(config.format)(stream, config, registry.catalogue())
        summary = Summary()
        failing = fix_errors = False
        progress = Progress.for_run(len(files), config)
        formatter.start()
        for result in runner.run(files, config, isolate=runner.has_foreign_checks()):
            if baseline is not None:
                result = baseline.filter(result)
            if result.fix_error:
                print(printable(f"reportlint: {result.path}: fixes not written: {result.fix_error}"), file=sys.stderr)
                fix_errors = True
            if result.fix_warning:
                print(printable(f"reportlint: warning: {result.path}: not fixed: {result.fix_warning}"), file=sys.stderr)
            summary.add(result)
            if result.diagnostics and stream.isatty():
                progress.clear()  # the findings go to the same terminal: no bar in the middle of a line
            formatter.file(result)
            failing = failing or runner.fails([result], config.fail_on)
            progress.advance()
        progress.close()
        formatter.finish(summary)
    if fix_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_OK


def refuse_output_over_inputs(output: str | None, files: Sequence[str]) -> None:
    """``-o`` naming one of the reports would overwrite it with the output: refuse before writing."""
    if not output or output == "-":
        return
    try:
        out = os.stat(output)
    except OSError:
        return  # not there yet: it cannot be a report of this run
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
            raise ConfigError(f"the output file {output!r} is one of the reports being linted ({path}); name another")


def _print_diffs(results, stream: TextIO, config: Config) -> int:
    fixes = files = 0
    for result in results:
        if result.diff:
            stream.write(result.diff)
            files += 1
            fixes += sum(1 for d in result.diagnostics if d.fix)
    if not config.quiet:
        print(f"reportlint: would fix {fixes} problem(s) in {files} file(s)", file=sys.stderr)
    return EXIT_FINDINGS if files else EXIT_OK


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ConfigError(f"cannot write --output {path!r}: {exc.strerror or exc}") from None
    with fh:
        yield fh


class Progress:
    """A one-line bar on stderr: only at a terminal, for many files, outside CI and ``--quiet``."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.step = max(1, total // 200)
        self.drawn = False

    @property
    def enabled(self) -> bool:
        return self.stream is not None

    @classmethod
    def for_run(cls, total: int, config: Config, stream: TextIO | None = None) -> "Progress":
        stream = stream if stream is not None else sys.stderr
        shown = total >= PROGRESS_MIN_FILES and not config.quiet and not os.environ.get("CI") and stream.isatty()
        return cls(total, stream if shown else None)

    def advance(self) -> None:
        self.done += 1
        if self.stream is not None and (self.done % self.step == 0 or self.done == self.total):
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            self.stream.flush()
            self.drawn = True

    def clear(self) -> None:
        """Erase the bar (before other output to the same terminal); the next advance redraws it."""
        if self.stream is not None and self.drawn:
            self.stream.write("\r" + " " * 50 + "\r")
            self.stream.flush()
            self.drawn = False

    close = clear


def extract(paths: Sequence[str], config: Config, format: str, output: str | None) -> int:
    """Print each report's model data (``reportlint.extract``), streamed file by file; files that
    cannot be read are named on stderr with the RL9xx they would get when linted (exit 1)."""
    from reportlint.host.pipeline import read_report  # the parser: loaded by the commands that read reports
    failed = False
    files = discover(paths, registry.extensions(config.extensions), config.exclude, config.root)
    refuse_output_over_inputs(output, files)
    with open_output(output) as stream:
        if format == "json":
            stream.write(f'{{"version": {json.dumps(__version__)}, "files": [')
        else:
            import csv  # only `reportlint extract --format csv` writes CSV

            writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
            writer.writeheader()
        first = True
        for path in files:
            try:
                with deadline(config.limits.timeout):
                    report, unread = read_report(path, config)
            except FileTimeout:
                report, unread = None, timed_out(path, config)
            if report is None:
                for d in unread.diagnostics:
                    print(printable(f"{path}: {d.code} {d.message}"), file=sys.stderr)
                failed = True
                continue
            data = report_data(report)
            if format == "json":
                stream.write(("\n" if first else ",\n") + json.dumps(encodable_data(data), ensure_ascii=False))
            else:
                writer.writerows(csv_rows(encodable_data(data)))
            first = False
        if format == "json":
            stream.write("\n]}\n")
    return EXIT_FINDINGS if failed else EXIT_OK
