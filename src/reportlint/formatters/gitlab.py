"""GitLab Code Quality report (``artifacts: reports: codequality``): a JSON array of issues with a
description, the rule as ``check_name``, a fingerprint that survives edits above the finding (the
baseline's identity), a severity GitLab knows, and the file and line. Paths are relative to the
repository (the current folder's), as GitLab shows them in merge requests (the root SARIF and GitHub
annotations use too: :func:`~reportlint.formatters.source_root`).
"""

from __future__ import annotations

import collections
import json

from reportlint.core.diagnostic import FileResult, fingerprint
from reportlint.formatters import Formatter, Summary, encodable_data, relative_path, source_root

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabFormatter(Formatter):
    name = "gitlab"

    def start(self) -> None:
        self.root = source_root()
        self.write("[")
        self.first = True

    def file(self, result: FileResult) -> None:
        path = relative_path(result.path, self.root)
        seen: collections.Counter = collections.Counter()
        for d in result.diagnostics:
            key = (d.code, d.message)
            where = f"（{d.location}）" if d.location and not result.file_lines else ""
            issue = {
                "type": "issue",
                "description": f"{d.code} {d.message}{where}",
                "check_name": f"{d.code} {d.name}",
                "fingerprint": fingerprint(d, seen[key]),
                "severity": SEVERITIES[d.severity],
                "categories": ["Style"],
                "location": {"path": path, "lines": {"begin": d.line if result.file_lines else 1}},
            }
            seen[key] += 1
            self.write(("\n" if self.first else ",\n") + json.dumps(encodable_data(issue), ensure_ascii=False))
            self.first = False

    def finish(self, summary: Summary) -> None:
        self.write("\n]\n")
