"""The five seeds as DOCX, HTML and PDF give the model and the findings of their text versions.

This is the readers' contract with the rest of reportlint: whatever the file format, the report
parser recovers the same table values, and the rules find the same problems.
"""

from __future__ import annotations

import functools

import pytest
from conftest import SEED_NAMES, SEED_TEXTS, SEEDS, TEMPLATE, read_cached

from reportlint import api, parsing

FORMATS = ["docx", "html", "pdf"]


def build(path: str):
    return parsing.build_report(read_cached(path))


def values(report) -> dict:
    return {(cell.table, cell.row, cell.column): cell.value for cell in report.cells}


@functools.cache
def codes(path: str) -> tuple[str, ...]:
    return tuple(sorted({d.code for d in api.lint_paths([path])[0].diagnostics}))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_tables_have_the_same_values_in_every_format(name, fmt):
    text = build(str(SEED_TEXTS / f"{name}.txt"))
    other = build(str(SEEDS / f"{name}.{fmt}"))
    assert values(other) == values(text)
    assert len(text.cells) >= 189  # all three tables were found, not two empty models compared


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_title_year_and_template_are_the_same_in_every_format(name, fmt):
    text = build(str(SEED_TEXTS / f"{name}.txt"))
    other = build(str(SEEDS / f"{name}.{fmt}"))
    assert (other.agency, other.year, other.template) == (text.agency, text.year, text.template)
    assert [s.index for s in other.sections] == [s.index for s in text.sections]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_lints_with_the_same_codes_in_every_format(name, fmt):
    assert codes(str(SEEDS / f"{name}.{fmt}")) == codes(str(SEED_TEXTS / f"{name}.txt"))


def test_the_filled_official_template_lints_clean():
    assert codes(str(TEMPLATE / "2021-filled.docx")) == ()
