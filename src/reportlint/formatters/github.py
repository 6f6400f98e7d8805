"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.

``file=`` is relative to the repository's root, as GitHub resolves it (and as SARIF and GitLab name
files: :func:`~reportlint.formatters.source_root`), wherever in the repository reportlint runs.
DOCX and PDF have no lines: their annotations stand on line 1 and the message says where (paragraph,
table cell, page)."""

from __future__ import annotations

from reportlint.core.diagnostic import FileResult
from reportlint.formatters import Formatter, printable, relative_path, source_root

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


class GithubFormatter(Formatter):
    name = "github"

    def start(self) -> None:
        self.root = source_root()

    def file(self, result: FileResult) -> None:
        path = relative_path(result.path, self.root)
        for d in result.diagnostics:
            props: dict = {"file": path, "line": 1}
            if result.file_lines:
                props.update(line=d.line, col=d.column, endLine=d.end_line, endColumn=d.end_column)
            props["title"] = f"{d.code} {d.name}"
            where = f" ({d.location})" if d.location else ""
            fields = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
            self.write(f"::{_COMMANDS[d.severity]} {fields}::{_escape_data(d.message + where)}\n")


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
