"""From a Document to the Report model: structure, tables, dates and the format in use.

:func:`build_report` is the one entry point; the modules below it each read one aspect of the
report's logical lines (:mod:`~reportlint.parsing.segment`).
"""

from reportlint.parsing.builder import build as build_report
from reportlint.parsing.signs import looks_like_report

__all__ = ["build_report", "looks_like_report"]
