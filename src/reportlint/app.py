"""What the commands do once their options are a :class:`~reportlint.host.config.Config`, and the
exit status each outcome gives.

``lint``: a session of the host (discover → run → skip, baseline) → the output format → exit status.
``extract``: discover → read → model → ``reportlint.extract.report_data`` → JSON or CSV.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import sys
from typing import Iterator, Sequence, TextIO

from reportlint import __version__
from reportlint.core.config import Config
from reportlint.formatters import encodable_data, printable
from reportlint.host import registry, runner
from reportlint.host.config import ConfigError
from reportlint.host.deadline import FileTimeout, deadline
from reportlint.host.discovery import reports_of, skipped
from reportlint.host.resolve import timed_out
from reportlint.host.session import Outcome, Session

#: Nothing at or above --fail-on; findings; a usage or configuration error, or a crash.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20


def lint(paths: Sequence[str], config: Config) -> int:
    """Lint ``paths`` (a :class:`~reportlint.host.session.Session`), write each result in the output
    format as it comes, and give the exit status."""
    session = Session(paths, config)
    files = session.files
    if not files and not config.quiet:  # still a run: every format writes its (valid) empty document
        where = ", ".join(paths)
        say(config, f"在 {where} 中没有找到报告文件", f"no report files found in {where}")
    refuse_output_over_inputs(config.output, files)
    formatter_class = registry.formatter(config.format)
    # a format that makes a folder of pages (html) writes its own files when -o names a folder
    into_folder = bool(config.output) and os.path.isdir(config.output) and getattr(formatter_class, "writes_folder", False)
    if into_folder:
        refuse_outputs_over_inputs([os.path.join(config.output, name) for name in formatter_class.folder_files(list(files))], files)
    with (_cluster(config) if files else contextlib.nullcontext()) as client, \
            (contextlib.nullcontext(sys.stdout) if into_folder else open_output(config.output)) as stream:
        if config.diff:
            return _print_diffs(runner.run(files, config), stream, config)
        formatter = formatter_class(stream, config, registry.catalogue())
        progress = Progress.for_run(len(files), config)
        formatter.start()
        for result in session.results(functools.partial(say, config), on_file=progress.advance, client=client):
            if result.diagnostics and stream.isatty():
                progress.clear()  # the findings go to the same terminal: no bar in the middle of a line
            formatter.file(result)
        progress.close()
        summary = session.outcome.summary
        if config.verbose:
            for path in summary.skipped:
                say(config, f"说明：跳过 {path}：文件名和开头都看不出是年度报告", f"note: skipped {path}: neither its name nor its first lines look like a report's")
            for note in summary.notes:
                say(config, f"说明：{note}", f"note: {note}")
        formatter.finish(summary)
    return exit_status(session.outcome)


def exit_status(outcome: Outcome) -> int:
    """A fix not written is an error; else findings at or above --fail-on fail the run."""
    if outcome.fix_failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.failing else EXIT_OK


def say(config: Config, zh: str, en: str) -> None:
    """One line on stderr, in the run's language."""
    print(printable("reportlint: " + (en if config.lang == "en" else zh)), file=sys.stderr)


@contextlib.contextmanager
def _cluster(config: Config) -> Iterator[object]:
    """A Dask client for ``--dask`` (None without it)."""
    if not config.dask:
        yield None
        return
    from reportlint.host import cluster  # Dask is imported only by runs that ask for it

    with cluster.connect(config.dask, config.jobs if config.jobs > 1 else 2) as client:
        yield client


def review(paths: Sequence[str], config: Config, output: str | None) -> int:
    """``reportlint review``: a reviewed Word copy of each report (:mod:`reportlint.review`)."""
    from reportlint import review as reviewing  # python-docx and the review's own code: only this command

    # a folder's reviewed copies of an earlier run are not reports to review (named ones are)
    files, named, _ = reports_of(paths, dataclasses.replace(config, exclude=(*config.exclude, "*" + reviewing.SUFFIX)))
    if not files:
        say(config, f"在 {', '.join(paths)} 中没有找到报告文件", f"no report files found in {', '.join(paths)}")
        return EXIT_OK
    several = len(files) > 1
    if several and output and not os.path.isdir(output):
        raise ConfigError(f"-o {output!r}: several reports are reviewed, so -o must name an existing folder",
                          f"-o {output!r}：审阅多个报告时，-o 应为已有的文件夹")
    outputs = reviewing.output_paths(files, output)
    refuse_outputs_over_inputs(outputs, files)
    failing = unread = unwritten = False
    for path, target in zip(files, outputs):
        done = reviewing.review_file(path, config, target)
        if skipped(done.result, named):
            continue
        failing = failing or runner.fails([done.result], config.fail_on)
        if done.error is not None:  # the copy could not be written: say so, review the others
            say(config, f"{path}：审阅副本未写入：{done.error}", f"{path}: the reviewed copy was not written: {done.error}")
            unwritten = True
            continue
        if done.output is None:
            unread = True
            for d in done.result.diagnostics:
                print(printable(f"{path}: {d.code} {d.message}"), file=sys.stderr)
            continue
        say(config, f"{done.output}：{done.comments} 条批注，{done.changes} 处修订",
            f"{done.output}: {done.comments} comment{'s' if done.comments != 1 else ''}, "
            f"{done.changes} tracked change{'s' if done.changes != 1 else ''}")
    if unwritten:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing or unread else EXIT_OK


def serve(config: Config) -> int:
    """``reportlint serve``: the upload page (:mod:`reportlint.serve`) until interrupted."""
    try:
        from reportlint import serve as serving  # Starlette and uvicorn: only `reportlint serve`, from reportlint[serve]
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in SERVE_LIBRARIES:
            raise
        raise ConfigError(f"reportlint serve needs {exc.name}: pip install 'reportlint[serve]'",
                          f"reportlint serve 需要 {exc.name}：请运行 pip install 'reportlint[serve]'") from None
    try:
        serving.run(config)
    except OSError as exc:  # the address is taken, or not this machine's
        raise ConfigError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}",
                          f"无法在 {config.host}:{config.port} 上监听：{exc.strerror or exc}") from None
    return EXIT_OK


#: What ``reportlint[serve]`` installs (import names).
SERVE_LIBRARIES = ("starlette", "uvicorn", "python_multipart", "anyio")


def refuse_output_over_inputs(output: str | None, files: Sequence[str]) -> None:
    """``-o`` naming one of the reports would overwrite it with the output: refuse before writing."""
    if output and output != "-":
        refuse_outputs_over_inputs([output], files)


def refuse_outputs_over_inputs(outputs: Sequence[str], files: Sequence[str]) -> None:
    """An output that is one of the reports (the same file, by any name) would overwrite it: refuse
    before anything is written. Each file is looked at once, so a folder of pages costs no more."""
    existing = {}
    for output in outputs:
        try:
            info = os.stat(output)
        except OSError:
            continue  # not there yet: it cannot be a report of this run
        existing[(info.st_dev, info.st_ino)] = output
    if not existing:
        return
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        output = existing.get((info.st_dev, info.st_ino))
        if output is not None:
            raise ConfigError(f"the output file {printable(output)!r} is one of the reports being linted ({printable(path)}); "
                              "name another, or exclude it (--exclude)",
                              f"输出文件 {printable(output)!r} 就是要检查的报告之一（{printable(path)}），请另指定一个，或将其排除（--exclude）")


def _print_diffs(results, stream: TextIO, config: Config) -> int:
    fixes = files = 0
    for result in results:
        if result.diff:
            stream.write(result.diff)
            files += 1
            fixes += sum(1 for d in result.diagnostics if d.fix)
    if not config.quiet:
        say(config, f"将修复 {files} 个文件中的 {fixes} 个问题", f"would fix {fixes} problem{'s' if fixes != 1 else ''} in {files} file{'s' if files != 1 else ''}")
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
        raise output_error(path, exc) from None
    with fh:
        yield fh


def output_error(path: str, exc: OSError) -> ConfigError:
    """Why ``-o`` cannot be written, said so that the user knows what to do (not "Is a directory")."""
    if os.path.isdir(path):
        return ConfigError(f"-o {path!r} is a folder: name the file to write (only --format html writes into a folder, "
                           "an index and a page per file)",
                           f"-o {path!r} 是文件夹：请给出要写入的文件名（只有 --format html 写入文件夹：一个索引页和每个文件一页）")
    if path.endswith(("/", os.sep)) or isinstance(exc, IsADirectoryError):
        return ConfigError(f"-o {path!r}: no such folder; create it first (mkdir -p {path!r}), or name a file",
                           f"-o {path!r}：没有这个文件夹；请先创建（mkdir -p {path!r}），或给出文件名")
    if isinstance(exc, FileNotFoundError):
        folder = os.path.dirname(path)
        return ConfigError(f"-o {path!r}: the folder {folder!r} does not exist; create it first",
                           f"-o {path!r}：文件夹 {folder!r} 不存在，请先创建")
    if isinstance(exc, PermissionError):
        return ConfigError(f"-o {path!r}: no permission to write there", f"-o {path!r}：没有写入权限")
    return ConfigError(f"cannot write -o {path!r}: {exc.strerror or exc}", f"无法写入 -o {path!r}：{exc.strerror or exc}")


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
            self.stream.write("\r" + self.bar(self.columns()))
            self.stream.flush()
            self.drawn = True

    def bar(self, columns: int) -> str:
        """The bar in at most ``columns - 1`` characters: a line that fills the terminal would wrap."""
        counts = f" {self.done}/{self.total}"
        width = min(30, columns - 1 - len(counts) - 2)
        if width < 5:
            return counts.strip()[: max(columns - 1, 0)]
        filled = width * self.done // self.total
        return f"[{'#' * filled}{'.' * (width - filled)}]{counts}"

    def columns(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80
        except (OSError, ValueError, AttributeError):
            return 80

    def clear(self) -> None:
        """Erase the bar (before other output to the same terminal); the next advance redraws it."""
        if self.stream is not None and self.drawn:
            self.stream.write("\r" + " " * (self.columns() - 1) + "\r")
            self.stream.flush()
            self.drawn = False

    close = clear


def extract(paths: Sequence[str], config: Config, format: str, output: str | None, bom: bool = False) -> int:
    """Print each report's model data (``reportlint.extract``), streamed file by file; files that
    cannot be read are named on stderr with the RL9xx they would get when linted (exit 1)."""
    from reportlint.host.pipeline import read_report  # the parser: loaded by the commands that read reports
    from reportlint.extract import CSV_FIELDS, csv_rows, report_data  # the model's data: only `reportlint extract`
    failed = False
    files, named, _ = reports_of(paths, config)
    refuse_output_over_inputs(output, files)
    settings = registry.effective(config).settings  # the deadlines, as RL402 reads them
    with open_output(output) as stream:
        if bom:
            stream.write("\ufeff")
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
                if skipped(unread, named):
                    continue
                for d in unread.diagnostics:
                    print(printable(f"{path}: {d.code} {d.message}"), file=sys.stderr)  # in config.lang already
                failed = True
                continue
            data = report_data(report, settings)
            if format == "json":
                stream.write(("\n" if first else ",\n") + json.dumps(encodable_data(data), ensure_ascii=False))
            else:
                writer.writerows(csv_rows(encodable_data(data)))
            first = False
        if format == "json":
            stream.write("\n]}\n")
    return EXIT_FINDINGS if failed else EXIT_OK
