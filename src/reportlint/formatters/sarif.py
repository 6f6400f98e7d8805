"""SARIF 2.1.0 for code-scanning dashboards, with every rule's documentation from the catalogue.

Results are written as they arrive and the ``tool`` object (rules) after them; JSON objects are
unordered, so the log is the same as one written in the usual order.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from reportlint import __version__
from reportlint.core.catalogue import Rule
from reportlint.core.diagnostic import Diagnostic, FileResult
from reportlint.formatters import Formatter, Summary, encodable_data

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class SarifFormatter(Formatter):
    name = "sarif"

    def start(self) -> None:
        self.rules = list(self.catalogue)
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}
        self.write(f'{{"$schema": "{SCHEMA_URI}", "version": "2.1.0", "runs": [{{"columnKind": "unicodeCodePoints", "results": [')
        self.first = True

    def file(self, result: FileResult) -> None:
        for d in result.diagnostics:
            self.write(("\n" if self.first else ",\n") + json.dumps(encodable_data(self.result(d)), ensure_ascii=False))
            self.first = False

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "reportlint",
            "version": __version__,
            "informationUri": "https://pypi.org/project/reportlint/",
            "rules": [rule_descriptor(rule, self.config.lang) for rule in self.rules],
        }
        self.write(f'\n], "tool": {{"driver": {json.dumps(encodable_data(driver), ensure_ascii=False)}}}}}]}}\n')

    def result(self, d: Diagnostic) -> dict:
        # a URI: the file name's bytes percent-encoded (non-ASCII, and bytes that are not UTF-8)
        uri = quote(os.fsencode(PurePath(d.path).as_posix()))
        region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
        if d.location:
            location["logicalLocations"] = [{"name": d.location, "kind": "element"}]
        out: dict = {
            "ruleId": d.code,
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [location],
        }
        if d.code in self.index:
            out["ruleIndex"] = self.index[d.code]
        if d.fix:
            f = d.fix
            out["fixes"] = [
                {
                    "description": {"text": f"{d.code} {d.name}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": uri},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": f.line,
                                        "startColumn": f.column,
                                        "endLine": f.end_line,
                                        "endColumn": f.end_column,
                                    },
                                    "insertedContent": {"text": f.replacement},
                                }
                            ],
                        }
                    ],
                }
            ]
        return out


def rule_descriptor(rule: Rule, lang: str) -> dict:
    summary = rule.summary or rule.name
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": " ".join(p for p in (summary, rule.why) if p)},
        "help": {"text": rule.markdown(lang), "markdown": rule.markdown(lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"fixable": rule.fixable, "plugin": rule.plugin, "message": rule.message.get(lang) or rule.message["zh"]},
    }
