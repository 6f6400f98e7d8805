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
    """The format the report's year calls for."""
    return template_for_year(report.year)
