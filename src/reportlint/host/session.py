"""One lint run of the command line, from the files found to what the run comes to.

:meth:`Session.results` runs the files (:func:`reportlint.host.runner.run`: serially, in workers or on a
Dask cluster; a third party's checks in workers, so that nothing they do can corrupt the output)
and hands back the results to show, in order, as they come: a file found by walking that holds
no report is skipped, what the baseline holds is taken out, a fix that could not be written is
said. What the run comes to — the :class:`~reportlint.core.diagnostic.Summary` a formatter is
given, whether anything is at or above ``--fail-on``, whether a fix could not be written — is its
:class:`Outcome`, complete when the results are.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult, Summary
from reportlint.host import runner
from reportlint.host.baseline import Baseline
from reportlint.host.discovery import reports_of, skipped

#: ``say(zh, en)``: one line for the user, in the run's language.
Say = Callable[[str, str], None]


class Outcome:
    """What a run comes to: the summary, whether a diagnostic is at or above ``--fail-on``
    (``failing``), whether a fix could not be written (``fix_failed``)."""

    def __init__(self, summary: Summary | None = None) -> None:
        self.summary = summary if summary is not None else Summary()
        self.failing = False
        self.fix_failed = False


class Session:
    """One lint run: its files, found when it is made (a baseline that cannot be read is an error
    before anything is written), then :meth:`results`."""

    def __init__(self, paths: Sequence[str], config: Config) -> None:
        self.config = config
        self.baseline = Baseline.of_run(config)
        self.files, self.named, notes = reports_of(paths, config)
        self.outcome = Outcome(Summary(skipped=notes))

    def results(self, say: Say, on_file: Callable[[], None] | None = None, client=None) -> Iterator[FileResult]:
        """The results to show, in order; :attr:`outcome` is filled in as they come. ``on_file`` is
        called as each file is done; ``client``: a Dask client."""
        config, summary, outcome = self.config, self.outcome.summary, self.outcome
        isolate = client is None and runner.has_foreign_checks()
        for result in runner.run(self.files, config, isolate=isolate, notes=summary.notes, on_file=on_file, client=client):
            if skipped(result, self.named):
                summary.skipped.append(result.path)
                continue
            if self.baseline is not None:
                result = self.baseline.filter(result)
            if result.fix_error:
                say(f"{result.path}：修复未写入：{result.fix_error}", f"{result.path}: fixes not written: {result.fix_error}")
                outcome.fix_failed = True
            if result.fix_warning:
                say(f"警告：{result.path}：未修复：{result.fix_warning}", f"warning: {result.path}: not fixed: {result.fix_warning}")
            summary.add(result)
            outcome.failing = outcome.failing or runner.fails([result], config.fail_on)
            yield result
        summary.skipped.sort()
