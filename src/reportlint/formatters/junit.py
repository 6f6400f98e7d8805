"""JUnit XML, one test case per file, for CI systems that show test reports.

Valid against the Jenkins xunit plugin's ``junit-10.xsd`` (what Jenkins, and most CI readers of
JUnit, accept; pytest's own output is too): the file is the test case's ``name``, and the suite's
totals are the attributes that schema allows.

A file fails when it has a diagnostic at or above ``--fail-on``; the other diagnostics go to its
``system-out``. Test cases are kept until the end because the suite's totals head the document.
Every text is made XML-safe (characters XML 1.0 cannot hold are written as \\xNN); ``time`` is the
seconds each file took (0 for a result from the cache).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportlint.core.diagnostic import SEVERITY_RANK, FileResult
from reportlint.formatters import Formatter, Summary, xml_safe


class JunitFormatter(Formatter):
    name = "junit"

    def start(self) -> None:
        self.cases: list[ET.Element] = []
        self.failures = 0
        self.seconds = 0.0

    def file(self, result: FileResult) -> None:
        case = ET.Element("testcase", {"classname": "reportlint", "name": xml_safe(result.path),
                                       "time": f"{result.seconds:.3f}"})
        self.seconds += result.seconds
        threshold = SEVERITY_RANK[self.config.fail_on]
        failing = [d for d in result.diagnostics if SEVERITY_RANK[d.severity] >= threshold]
        other = [d for d in result.diagnostics if SEVERITY_RANK[d.severity] < threshold]
        if failing:
            self.failures += 1
            count = len(failing)
            message = f"{count} 个问题" if self.config.lang == "zh" else f"{count} problem{'s' if count > 1 else ''}"
            failure = ET.SubElement(case, "failure", {"type": "reportlint", "message": message})
            failure.text = "\n".join(_line(d) for d in failing)
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in other)
        self.cases.append(case)

    def finish(self, summary: Summary) -> None:
        counts = {"tests": str(len(self.cases)), "failures": str(self.failures), "errors": "0",
                  "time": f"{self.seconds:.3f}"}
        root = ET.Element("testsuites", {"name": "reportlint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "reportlint", **counts, "skipped": "0"})
        suite.extend(self.cases)
        ET.indent(root)
        self.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


def _line(d) -> str:
    where = f" ({d.location})" if d.location else ""
    return xml_safe(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}{where}")
