"""Shared fixtures of the reader tests: the checked-in files and their derived structures.

The files under ``tests/fixtures/`` are made by ``tests/fixtures/make_fixtures.py``; its helpers
(the structure of each seed, the grid a table must read back as) are imported from there so the tests
and the generator agree on what a fixture contains.
"""

from __future__ import annotations

import functools
import json
import sys

import pytest

from support.paths import FIXTURES, SAMPLE_REPORTS

SEEDS = FIXTURES / "seeds"
REAL = FIXTURES / "real"
TEMPLATE = FIXTURES / "template"
SEED_TEXTS = SAMPLE_REPORTS
SEED_NAMES = sorted(path.stem for path in SEEDS.glob("*.json"))

sys.path.insert(0, str(FIXTURES))
import make_fixtures  # noqa: E402


@functools.cache
def structure(name: str) -> dict:
    return json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))


def expected_table_rows(name: str) -> list[list[str]]:
    """Every table row of a seed as a reader must emit it: covered cells empty, cell lines joined."""
    rows = []
    for block in structure(name)["blocks"]:
        if "table" in block:
            for row in make_fixtures.table_grid(block["table"]):
                rows.append(["".join(part.strip() for part in cell.split("\n")).strip() for cell in row])
    return rows


def table_rows(document) -> list[list[str]]:
    return [line.text.split("\t") for line in document.lines if line.cells]


@functools.cache
def read_cached(path: str):
    """Read a fixture once per session: several tests look at the same document."""
    from reportlint.readers import read_document

    return read_document(path)


@pytest.fixture
def fresh_plugins():
    """Forget the loaded plugins before and after a test that registers its own."""
    from reportlint.host import plugins

    plugins.reset()
    yield plugins.get_plugin_manager()
    plugins.reset()
