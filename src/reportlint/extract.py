"""``reportlint extract``: the report model's data as JSON or CSV, for building datasets.

The shape is SPEC §3 and ``schemas/extract.schema.json``; every value comes from the model, so what
is extracted is exactly what the rules checked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportlint.core.model import Report

CSV_FIELDS = ("path", "table", "row", "column", "value", "raw", "line", "location", "decoded")


def _value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def report_data(report: Report) -> dict:
    """One file's entry of the extract JSON."""
    period = None
    if report.period is not None and report.period[0].date and report.period[1].date:
        period = [report.period[0].date.isoformat(), report.period[1].date.isoformat()]
    published = report.published.date.isoformat() if report.published is not None and report.published.date else None
    return {
        "path": report.path,
        "format": report.format,
        "title": report.title.text if report.title else None,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "statistics_period": period,
        "published": published,
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
    """The rows ``--format csv`` writes for one file's data: one per table cell."""
    for cell in data["cells"]:
        yield {"path": data["path"], **{k: cell.get(k) for k in CSV_FIELDS if k != "path"}}
