"""Test helpers: generated reports with known content (not shipped in the wheel).

:mod:`support.generator` builds a complete, internally consistent annual report for a
format, a year, an agency and table values, as structured blocks (paragraphs and table grids) and
rendered in each text layout real reports arrive in. :mod:`support.strategies` draws consistent
table values with hypothesis.

A rule is tested like this (``tests/`` is on pytest's ``pythonpath``)::

    from support import make_report, render
    report = make_report("2021", 2022, "某某市商务局")
    text = render(report, "tab-rows")              # clean: the rule must stay silent
    bad = render(report.replace_text("规章", "规 章"), "tab-rows")   # one defect injected
"""

from support.generator import (
    LAYOUTS,
    GeneratedReport,
    GridCell,
    Paragraph,
    RenderOptions,
    TableGrid,
    default_values,
    expected_values,
    make_report,
    render,
)
from support.strategies import consistent_tables

__all__ = [
    "LAYOUTS",
    "GeneratedReport",
    "GridCell",
    "Paragraph",
    "RenderOptions",
    "TableGrid",
    "consistent_tables",
    "default_values",
    "expected_values",
    "make_report",
    "render",
]

