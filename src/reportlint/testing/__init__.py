"""Helpers for testing reportlint and its plugins: generated reports with known content.

:mod:`reportlint.testing.generator` builds a complete, internally consistent annual report for a
format, a year, an agency and table values, as structured blocks (paragraphs and table grids) and
rendered in each text layout real reports arrive in. :mod:`reportlint.testing.strategies` draws
consistent table values with hypothesis (imported only when used, so hypothesis stays a test
dependency).

A plugin author tests a rule the way the built-in rules are tested::

    from reportlint.testing import make_report, render
    report = make_report("2021", 2022, "某某市商务局")
    text = render(report, "tab-rows")              # clean: the rule must stay silent
    bad = render(report.replace_text("规章", "规 章"), "tab-rows")   # one defect injected
"""

from reportlint.testing.generator import (
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


def __getattr__(name):
    if name == "consistent_tables":  # needs hypothesis: import it only when asked for
        from reportlint.testing.strategies import consistent_tables

        return consistent_tables
    raise AttributeError(name)
