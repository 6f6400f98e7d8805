"""Built-in rule modules, one per concern. Each is a plugin registered under the ``reportlint``
entry-point group, exactly like a third-party plugin; each rule is a pure function of the Report."""

from __future__ import annotations

import datetime as dt

from reportlint.core.model import Report
from reportlint.core.numerals import chinese_to_int
from reportlint.core.patterns import lazy
from reportlint.core.templates import Template, template_for_year


def template_of(report: Report) -> Template | None:
    """The format the report's tables were read with (or the one its year calls for)."""
    if report.read_with is not None:
        return report.read_with
    return template_for_year(report.year, report.templates) or (report.templates[-1] if report.templates else None)


def expected_template(report: Report) -> Template | None:
    """The format the report's year calls for. A year before every format (a 2018 report) is held
    to the earliest national one: what a report may still be written in is never an older format."""
    if report.year is None:
        return None
    template = template_for_year(report.year, report.templates)
    if template is None:
        earlier = [t for t in report.templates if t.first_year > report.year]
        template = min(earlier, key=lambda t: t.first_year) if earlier else None
    return template


def template_name(report: Report, template_id: str) -> dict[str, str]:
    """The name of format ``template_id`` (its id when it is none the report was read against),
    per language: in English "the 2021 format" for a national one, else its name quoted."""
    name = next((t.name for t in report.templates if t.id == template_id), template_id)
    return {"zh": name, "en": f"the {template_id} format" if template_id.isascii() else f"the format '{name}'"}


def numbered(number: str) -> dict[str, str]:
    """A section or table number written in Chinese (三), per language: 3 in English, or the
    numeral quoted where it is none."""
    value = chinese_to_int(number)
    return {"zh": number, "en": str(value) if value is not None else f"'{number}'"}


_ROW_NUMBER = lazy(r"^([（(]?)([一二三四五六七八九十]+)([）)]?)$")


def row_number(label: str) -> dict[str, str]:
    """A table row named by its number (一, （七）), per language: 1 and (7) in English, like the
    outcome rows (1)–(7) of the English messages; any other label quoted."""
    m = _ROW_NUMBER.match(label)
    value = chinese_to_int(m.group(2)) if m and bool(m.group(1)) == bool(m.group(3)) else None
    if value is None:
        return {"zh": label, "en": f"'{label}'"}
    return {"zh": label, "en": f"({value})" if m.group(1) else str(value)}


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def date_words(date: dt.date) -> dict[str, str]:
    """A date the message states (not one it quotes), per language: 2021年1月31日, 31 January 2021."""
    return {"zh": f"{date:%Y年%-m月%-d日}", "en": f"{date.day} {_MONTHS[date.month - 1]} {date.year}"}
