"""What a worker process of ``reportlint serve`` does with one uploaded file: check it as
``check --format html`` does (the findings page, the JSON) and make its reviewed Word copy as
``reportlint review`` does. It runs in the supervised worker pool (:mod:`reportlint.host.pool`),
which kills a worker whose file outlives its time: a hostile file costs one worker, never the server.
"""

from __future__ import annotations

import os
from typing import Callable, NamedTuple

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.host.messages import read_detail
from reportlint.host.pipeline import check_file
from reportlint.host.resolve import host_result, timed_out
from reportlint.review import SUFFIX, review_file

#: A file is checked twice (for the page, and in the reviewed copy's positions) and its copy made:
#: its worker is given this many times the per-file time limit.
TIME_LIMITS_PER_FILE = 2


class Served(NamedTuple):
    """One uploaded file's findings and its reviewed copy (None when it cannot be read as a report)."""

    result: FileResult
    reviewed: bytes | None


def check_and_review(path: str, config: Config) -> Served:
    """``path`` is the server's own name for the upload, in its private folder; so is the copy's."""
    result = check_file(path, config)
    if any(d.code in ("RL901", "RL902") for d in result.diagnostics):
        return Served(result, None)
    done = review_file(path, config, path + SUFFIX)
    if done.output is None:
        return Served(result, None)
    try:
        with open(done.output, "rb") as fh:
            return Served(result, fh.read())
    finally:
        os.unlink(done.output)


def failed(config: Config) -> Callable[[str, str], Served]:
    """What the pool answers for a file whose worker was killed (its time ran out) or died."""

    def outcome(path: str, reason: str) -> Served:
        if reason == "timeout":
            return Served(timed_out(path, config), None)
        detail = read_detail("worker-died", "处理该文件的进程意外退出")
        return Served(host_result(path, "RL901", {"detail": detail}, config), None)

    return outcome
