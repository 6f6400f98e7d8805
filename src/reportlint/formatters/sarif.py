"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).

Results are written as they arrive and the ``tool`` object (rules) after them; JSON objects are
unordered, so the log is the same as one written in the usual order. What code scanning needs:
artifact URIs relative to ``%SRCROOT%`` (the repository root, else the current folder), a
``partialFingerprints`` entry that survives edits above a finding (the baseline's identity), and,
for the rules that were selected, a one-line ``shortDescription`` and a ``helpUri`` to the rule's
page in ``docs/rules/``. DOCX and PDF have no lines: their results stand on line 1 and say where
they are (paragraph, table cell, page) as a ``logicalLocation`` and in the message.
"""

from __future__ import annotations

import collections
import json
import os
from pathlib import Path, PurePath
from urllib.parse import quote

from reportlint import HOMEPAGE, __version__
from reportlint.core.catalogue import Rule
from reportlint.core.diagnostic import Diagnostic, FileResult, fingerprint
from reportlint.formatters import Formatter, Summary, encodable_data, source_root

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "reportlint/v1"
#: Where the rule pages are, relative to the project's home page (pyproject's [project.urls]): on
#: branch main, the one branch published (no tag reaches users); a code never changes its meaning, so
#: main's page is the rule's.
RULE_PAGES = "blob/main/docs/rules/{code}.md"


class SarifFormatter(Formatter):
    name = "sarif"

    def start(self) -> None:
        self.rules = [rule for rule in self.catalogue if self.config.selected(rule.code)]
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}
        self.root = source_root()
        self.write(f'{{"$schema": "{SCHEMA_URI}", "version": "2.1.0", "runs": [{{"columnKind": "unicodeCodePoints", "results": [')
        self.first = True

    def file(self, result: FileResult) -> None:
        seen: collections.Counter = collections.Counter()
        for d in result.diagnostics:
            key = (d.code, d.message)
            out = self.result(d, result.file_lines, seen[key])
            seen[key] += 1
            self.write(("\n" if self.first else ",\n") + json.dumps(encodable_data(out), ensure_ascii=False))
            self.first = False

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "reportlint",
            "version": __version__,
            "informationUri": HOMEPAGE,
            "rules": [rule_descriptor(rule, self.config.lang, HOMEPAGE) for rule in self.rules],
        }
        run_tail = {"tool": {"driver": driver},
                    "originalUriBaseIds": {SRCROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}}}
        body = json.dumps(encodable_data(run_tail), ensure_ascii=False)[1:-1]
        self.write(f"\n], {body}}}]}}\n")

    def result(self, d: Diagnostic, file_lines: bool = True, occurrence: int = 0) -> dict:
        artifact = artifact_location(d.path, self.root)
        message = d.message if file_lines or not d.location else f"{d.message}（{d.location}）"
        if file_lines:
            region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
        else:
            region = {"startLine": 1}
        location: dict = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        if d.location:
            location["logicalLocations"] = [{"name": d.location, "kind": "element"}]
        out: dict = {
            "ruleId": d.code,
            "level": LEVELS[d.severity],
            "message": {"text": message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(d, occurrence)},
        }
        if d.code in self.index:
            out["ruleIndex"] = self.index[d.code]
        if d.fix and file_lines:
            f = d.fix
            deleted = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
            out["fixes"] = [{
                "description": {"text": f"{d.code} {d.name}"},
                "artifactChanges": [{"artifactLocation": artifact,
                                     "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": f.replacement}}]}],
            }]
        return out


def rule_descriptor(rule: Rule, lang: str, home: str | None = None) -> dict:
    summary = rule.text("summary", lang) or rule.name
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.short_description(lang)},
        "fullDescription": {"text": " ".join(p for p in (summary, rule.text("why", lang)) if p)},
        "help": {"text": rule.markdown(lang), "markdown": rule.markdown(lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"fixable": rule.fixable, "plugin": rule.plugin, "message": rule.message.get(lang) or rule.message["zh"]},
    }
    if home and rule.plugin == "reportlint":
        out["helpUri"] = f"{home.rstrip('/')}/" + RULE_PAGES.format(code=rule.code)
    return out


def artifact_location(path: str, root: Path) -> dict:
    """The file's URI relative to ``%SRCROOT%``; absolute (``file://``) when it lies outside the root."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = PurePath(absolute.relative_to(root)).as_posix()
    except ValueError:
        return {"uri": "file://" + quote(os.fsencode(absolute.as_posix()))}
    # the file name's bytes percent-encoded (non-ASCII, and bytes that are not UTF-8)
    return {"uri": quote(os.fsencode(relative)), "uriBaseId": SRCROOT}
