"""Built-in rule modules, one per concern. Each is a plugin registered under the ``reportlint``
entry-point group, exactly like a third-party plugin; each rule is a pure function of the Report."""

from __future__ import annotations

from reportlint.core.model import Report
from reportlint.core.templates import Template, template_for_year


def template_of(report: Report) -> Template | None:
    """The format the report's tables were read with (or the one its year calls for)."""
    if report.read_with is not None:
        return report.read_with
    return template_for_year(report.year, report.formats) or (report.formats[-1] if report.formats else None)


def expected_template(report: Report) -> Template | None:
    """The format the report's year calls for. A year before every format (a 2018 report) is held
    to the earliest national one: what a report may still be written in is never an older format."""
    if report.year is None:
        return None
    template = template_for_year(report.year, report.formats)
    if template is None:
        earlier = [t for t in report.formats if t.first_year > report.year]
        template = min(earlier, key=lambda t: t.first_year) if earlier else None
    return template


def format_name(report: Report, template_id: str) -> str:
    """The name of format ``template_id`` (its id when it is none the report was read against)."""
    return next((t.name for t in report.formats if t.id == template_id), template_id)
