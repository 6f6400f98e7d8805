"""From a Document to the Report model: structure, tables, dates and the template in use."""

from __future__ import annotations

from reportlint.document import Document
from reportlint.model import Report


def build_report(document: Document, templates=None) -> Report:
    """Build the report model. ``templates`` defaults to every known template (built-in and plugins)."""
    from reportlint.parsing.builder import build

    return build(document, templates)
