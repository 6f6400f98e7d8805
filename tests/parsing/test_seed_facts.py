"""The five seed reports read into the facts that were labelled by hand (tests/fixtures/seeds_expected.json,
a copy of shared/corpus/seeds/expected.json), and `reportlint extract` prints them in its documented shapes.

"Tables not listed in facts are all zeros": every cell of the format that is not a listed fact must be 0.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.core.document import Document
from reportlint.core.resources import validate
from reportlint.parsing import build_report
from reportlint.readers.decode import decode
from support.generator import cell_keys, template
from support.paths import REPO

SEEDS = REPO / "examples" / "reports"
EXPECTED = json.loads((REPO / "tests" / "fixtures" / "seeds_expected.json").read_text(encoding="utf-8"))
NAMES = sorted(name for name in EXPECTED if name != "about")


def facts(name: str) -> dict:
    return EXPECTED[name]["facts"]


def model(name: str):
    text, _ = decode((SEEDS / name).read_bytes())
    return build_report(Document.from_text(str(SEEDS / name), text))


def expected_cells(name: str) -> dict:
    """Every cell of the seed's format: the listed facts, 0 everywhere else."""
    f = facts(name)
    t = template(f["template"])
    cells = {key: 0 for key in cell_keys(t)}
    columns2 = {row.key: [c.label for c in block.columns] for block in t.table2 for row in block.rows}
    for row, given in f.get("table2", {}).items():
        pairs = given.items() if isinstance(given, dict) else zip(columns2[row], given)
        for column, value in pairs:
            cells[("二", row, column)] = value
    for row, given in f.get("table3_nonzero", {}).items():
        for column, value in zip(t.table3_columns, given, strict=True):
            cells[("三", row, column)] = value
    return cells


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", NAMES)
def test_title_facts(name):
    m, f = model(name), facts(name)
    assert (m.year, m.agency, m.template) == (f["year"], f["agency"], f["template"])


@pytest.mark.parametrize("name", NAMES)
def test_publication_date(name):
    m, f = model(name), facts(name)
    published = m.published.date.isoformat() if m.published and m.published.date else None
    assert published == f["published"]


@pytest.mark.parametrize("name", [n for n in NAMES if "statistics_period" in facts(n)])
def test_statistics_period(name):
    m, f = model(name), facts(name)
    period = [d.date.isoformat() for d in m.period] if m.period else None
    assert period == f["statistics_period"]


@pytest.mark.parametrize("name", NAMES)
def test_every_table_cell_is_a_listed_fact_or_zero(name):
    m = model(name)
    assert {(c.table, c.row, c.column): c.value for c in m.cells} == expected_cells(name)


def test_seed_003_licensing_row_reads_4_0_33():
    """The row the model issue names: 行政许可 上一年项目数量 4, 本年增/减 0, 处理决定数量 33."""
    table2 = model("003_112b4b231559e6cc.txt").table("二")
    columns = [c.label for b in template("2019").table2 for r in b.rows if r.key == "行政许可" for c in b.columns]
    assert [table2[("行政许可", c)].value for c in columns] == [4, 0, 33]


def test_extract_json_of_all_seeds_is_valid():
    proc = run_cli("extract", "--format", "json", *[str(SEEDS / n) for n in NAMES])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    validate(data, "extract")
    assert sorted(Path(f["path"]).name for f in data["files"]) == NAMES


def test_extract_csv_has_one_row_per_cell():
    proc = run_cli("extract", "--format", "csv", *[str(SEEDS / n) for n in NAMES])
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    for name in NAMES:
        mine = [(r["table"], r["row"], r["column"]) for r in rows if Path(r["path"]).name == name]
        assert sorted(mine) == sorted((c.table, c.row, c.column) for c in model(name).cells)
