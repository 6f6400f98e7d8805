"""Built-in rule modules, one per concern. Each is a plugin registered under the ``reportlint``
entry-point group, exactly like a third-party plugin; each rule is a pure function of the Report."""

from __future__ import annotations

from reportlint.model import Report
from reportlint.templates import Template, get_templates, template_for_year


def template_of(report: Report) -> Template | None:
    """The format the report's tables were read with (or the one its year calls for)."""
    template = report.extras.get("template_object") if report.extras else None
    if template is not None:
        return template
    return template_for_year(report.year) or (get_templates()[-1] if get_templates() else None)


def expected_template(report: Report) -> Template | None:
    """The format the report's year calls for. A year before every format (a 2018 report) is held
    to the earliest national one: what a report may still be written in is never an older format."""
    if report.year is None:
        return None
    template = template_for_year(report.year)
    if template is None:
        earlier = [t for t in get_templates() if t.first_year > report.year]
        template = min(earlier, key=lambda t: t.first_year) if earlier else None
    return template
