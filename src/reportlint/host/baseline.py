"""``--baseline FILE``: report only what is new since a recorded run.

The baseline is an earlier ``--format json`` output. A diagnostic is known when the baseline holds
one with the same path, code and message; lines are ignored, so editing the report above an old
finding does not resurrect it. Each baseline entry absorbs one diagnostic, so a second identical
finding in the same file is still new.
"""

from __future__ import annotations

import collections
import json
import os
from dataclasses import replace

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.core.diagnostic import identity as _key
from reportlint.core.resources import SchemaViolation, validate
from reportlint.host.config import MAX_BASELINE_BYTES, ConfigError, read_setting_file


class Baseline:
    def __init__(self, known: collections.Counter) -> None:
        self.known = known

    @classmethod
    def of_run(cls, config: Config) -> "Baseline | None":
        """The baseline a run applies: none without ``--baseline``, and none when ``-o`` names the
        baseline file itself — that run records every finding, the new baseline."""
        if not config.baseline:
            return None
        if config.output and os.path.realpath(config.baseline) == os.path.realpath(config.output):
            return None
        return cls.load(config.baseline)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        raw = read_setting_file(path, MAX_BASELINE_BYTES, "baseline file")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise ConfigError(f"baseline file {path!r} cannot be read: {type(exc).__name__}: {exc}",
                              f"基线文件 {path!r} 无法读取：{type(exc).__name__}：{exc}") from None
        try:
            validate(data, "diagnostics")
        except SchemaViolation as exc:
            raise ConfigError(f"baseline file {path!r} is not reportlint --format json output: {exc.message}",
                              f"基线文件 {path!r} 不是 reportlint --format json 的输出：{exc.message}") from None
        known = collections.Counter(
            _key(f["path"], d["code"], d["message"]) for f in data["files"] for d in f["diagnostics"]
        )
        return cls(known)

    def filter(self, result: FileResult) -> FileResult:
        """The result without the diagnostics the baseline already holds."""
        if not result.diagnostics:
            return result
        kept = []
        for d in result.diagnostics:
            key = _key(d.path, d.code, d.message)
            if self.known[key] > 0:
                self.known[key] -= 1
            else:
                kept.append(d)
        if len(kept) == len(result.diagnostics):
            return result
        return replace(result, diagnostics=tuple(kept))
