"""``--format json-lines``: one diagnostic per line as a JSON object (``path`` plus the fields of a
diagnostic in ``--format json``; ``schemas/diagnostic-line.schema.json``), written as each file is
done, for consumers that stream (``jq -c``, log shippers). No summary: a line is a finding."""

from __future__ import annotations

import json

from reportlint.core.diagnostic import FileResult
from reportlint.formatters import Formatter, encodable_data


class JsonLinesFormatter(Formatter):
    name = "json-lines"

    def file(self, result: FileResult) -> None:
        lines = (json.dumps(encodable_data({"path": result.path, **d.to_json()}), ensure_ascii=False) for d in result.diagnostics)
        self.write("".join(line + "\n" for line in lines))
