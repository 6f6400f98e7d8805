"""``--format json``: one object per SPEC §10, valid against ``schemas/diagnostics.schema.json``.

Written file by file as results arrive, so a corpus of any size is never held in memory.
"""

from __future__ import annotations

import json

from reportlint import __version__
from reportlint.core.diagnostic import FileResult
from reportlint.formatters import Formatter, Summary, encodable_data


class JsonFormatter(Formatter):
    name = "json"

    def start(self) -> None:
        self.write(f'{{"version": {json.dumps(__version__)}, "files": [')
        self.first = True

    def file(self, result: FileResult) -> None:
        self.write(("\n" if self.first else ",\n") + json.dumps(encodable_data(result.to_json()), ensure_ascii=False))
        self.first = False

    def finish(self, summary: Summary) -> None:
        self.write(f'\n], "summary": {json.dumps(encodable_data(summary.to_json()), ensure_ascii=False)}}}\n')
