"""``reportlint extract``: the report model's data as JSON or CSV, for building datasets.

The shape is SPEC §3 and ``schemas/extract.schema.json``; every value comes from the model, so what
is extracted is exactly what the rules checked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Mapping

from reportlint.core.model import Report
from reportlint.core.numerals import split_figure
from reportlint.core.patterns import lazy
from reportlint.core.publication import deadline_of
from reportlint.host import registry

CSV_FIELDS = ("path", "agency", "year", "template", "published", "deadline", "table", "row", "column", "value", "unit", "raw", "line",
              "location", "decoded")
#: What may follow a figure as its unit (万元, 元, 件); a figure followed by more is no amount.
_UNIT = lazy(r"[^\d\s.]{1,4}")
#: A cell's unit may be in its column's label: 本年收费金额（单位：万元）.
_UNIT_IN_LABEL = lazy(r"[（(]单位[：:]\s*([^）)]+)[）)]")
#: What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection"), and a plain number,
#: which it reads as a number whatever its sign.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = lazy(r"[-+]?\d+(?:\.\d+)?")


def _value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def report_data(report: Report, settings: Mapping[str, Any] | None = None) -> dict:
    """One file's entry of the extract JSON; ``settings`` are the run's rule settings (the deadlines:
    the rules' defaults when None)."""
    period = None
    if report.period is not None and report.period[0].date and report.period[1].date:
        period = [report.period[0].date.isoformat(), report.period[1].date.isoformat()]
    published = report.published.date.isoformat() if report.published is not None and report.published.date else None
    deadline = deadline_of(report.agency, report.year, registry.catalogue().option_defaults() if settings is None else settings)
    return {
        "path": report.path,
        "format": report.format,
        "title": report.title.text if report.title else None,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "statistics_period": period,
        "published": published,
        "deadline": deadline.isoformat() if deadline else None,
        "on_time": None if published is None or deadline is None else published <= deadline.isoformat(),
        "sections": [
            {"number": s.heading.number, "heading": s.heading.text, "line": report.position(s.heading.line, 1)[0]}
            for s in report.sections
        ],
        "cells": [
            {
                "table": c.table,
                "row": c.row,
                "column": c.column,
                "value": _value(c.value),
                "raw": c.raw,
                "line": c.line,
                **({"location": c.location} if c.location else {}),
                **({"decoded": True} if c.decoded else {}),
            }
            for c in report.source_cells()
        ],
    }


def csv_rows(data: dict) -> Iterator[dict]:
    """The rows ``--format csv`` writes for one file's data: one per table cell, with the report's
    agency, year and format, and ``value`` a number (its unit in ``unit``; empty when the cell is
    blank or holds no figure, ``raw`` keeping what was written) for a spreadsheet to sum."""
    report = {key: data.get(key) for key in ("path", "agency", "year", "template", "published", "deadline")}
    for cell in data["cells"]:
        value, unit = amount(cell.get("value"), cell.get("column") or "")
        row = {**report, **{k: cell.get(k) for k in CSV_FIELDS if k not in report}, "value": value, "unit": unit}
        yield {k: inert(v) for k, v in row.items()}


def inert(value):
    """A CSV field a spreadsheet shows and never runs: text that would start a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as OWASP recommends; a
    plain number (``-3``, ``+1.5``) and every non-text value are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def amount(value, column: str = "") -> tuple[int | float | str, str]:
    """(number, unit) of a cell's value: ``3.68万元`` → (3.68, "万元"); a plain count → (n, the
    column's ``（单位：…）`` or ""); a blank or a word → ("", "")."""
    label_unit = _UNIT_IN_LABEL.search(column)
    default_unit = label_unit.group(1).strip() if label_unit else ""
    if isinstance(value, bool) or value is None:
        return "", ""
    if isinstance(value, (int, float)):
        return value, default_unit
    figure = split_figure(str(value))
    if figure is None or (figure[2] and not _UNIT.fullmatch(figure[2])):
        return "", ""
    negative, digits, unit = figure
    number = float(digits) if "." in digits else int(digits)
    return (-number if negative else number), unit or default_unit
