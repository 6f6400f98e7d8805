"""The real corpus (shared/corpus/real): published reports labelled by hand, every file a test case.

Read from ../shared/corpus/real when this checkout sits beside it, else from the copy in
tests/fixtures/real (CI clones the project alone); the two must be the same files. Each file's labelled
facts (year, format, agency, period, publication date) come out of the model, and the table values its
label's notes name are read cell by cell — glued figures that have several readings stay unread (RL308),
never guessed. Its "must" findings and the absence of other errors are tested with the seeds in
tests/test_seed_expectations.py.
"""

from __future__ import annotations

import json

import pytest

from reportlint.api import lint_bytes
from reportlint.core.document import Document
from reportlint.parsing import build_report
from reportlint.readers import read_document
from reportlint.readers.decode import decode
from support.paths import REPO

VENDORED = REPO / "tests" / "fixtures" / "real"
SHARED = REPO.parent / "shared" / "corpus" / "real"
CORPUS = SHARED if (SHARED / "expected.json").is_file() else VENDORED
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(name for name in EXPECTED if name != "about")
DUMPS = [name for name in NAMES if name.endswith(".txt")]


def model(name: str):
    path = CORPUS / name
    if path.suffix == ".txt":
        text, _ = decode(path.read_bytes())
        return build_report(Document.from_text(str(path), text))
    return build_report(read_document(str(path)))


@pytest.mark.skipif(not (SHARED / "expected.json").is_file(), reason="../shared/corpus/real is not beside this checkout")
def test_the_vendored_copy_is_the_shared_corpus():
    shared = sorted(p.name for p in SHARED.iterdir())
    assert shared == sorted(p.name for p in VENDORED.iterdir())
    for name in shared:
        assert (VENDORED / name).read_bytes() == (SHARED / name).read_bytes(), name


@pytest.mark.parametrize("name", NAMES)
def test_labelled_facts_are_read(name):
    facts = EXPECTED[name]["facts"]
    report = model(name)
    period = [d.date.isoformat() for d in report.period] if report.period else None
    published = report.published.date.isoformat() if report.published and report.published.date else None
    assert (report.year, report.template, report.agency, period) == (
        facts["year"], facts["template"], facts["agency"], facts["statistics_period"])
    if facts["published"] is not None:  # the PDFs' labels leave it open (落款 only, no page date)
        assert published == facts["published"]


# The table values each label's notes give (rows not listed: every cell 0). None: the figures ran
# together and several readings exist, so the cell must stay unread.
ZEROS_2019_T2 = {"规章": [0, 0, 0], "规范性文件": [0, 0, 0], "行政许可": [0, 0, 0], "其他对外管理服务事项": [0, 0, 0],
                 "行政处罚": [0, 0, 0], "行政强制": [0, 0, 0], "行政事业性收费": [0, 0], "政府集中采购": [0, 0]}
ZEROS_2021_T2 = {"规章": [0, 0, 0], "行政规范性文件": [0, 0, 0], "行政许可": [0], "行政处罚": [0], "行政强制": [0],
                 "行政事业性收费": [0]}
TABLES = {
    "22_2019_pingtan-jjfzj.txt": {
        "二": {**ZEROS_2019_T2, "规范性文件": [6, 6, 6], "行政许可": [17, 0, 2], "行政处罚": [12, 0, 0]},
        "三": {},
        "四": [0] * 15,
    },
    "23_2020_pingtan-xzspj.txt": {
        # 行政许可 '0494246': 0 and then 494/246, 4942/46… — the first cell is 0 in every reading
        "二": {**ZEROS_2019_T2, "规范性文件": [0, 0, 6], "行政许可": [0, None, None]},
        "三": {"一、本年新收政府信息公开申请数量": [1, 0, 0, 0, 0, 0, 1], "（一）予以公开": [1, 0, 0, 0, 0, 0, 1],
              "（七）总计": [1, 0, 0, 0, 0, 0, 1]},
        "四": [0] * 15,
    },
    "26_2022_pingtan-xzspj.txt": {
        "二": {**ZEROS_2021_T2, "行政规范性文件": None, "行政许可": [7677]},
        "三": {"一、本年新收政府信息公开申请数量": [4, 0, 0, 0, 0, 0, 4], "（一）予以公开": [4, 0, 0, 0, 0, 0, 4],
              "（七）总计": [4, 0, 0, 0, 0, 0, 4]},
        "四": [0] * 15,
    },
    "30_2025_pingtan-jjfzj.txt": {
        "二": {**ZEROS_2021_T2, "行政规范性文件": None},
        "三": {"一、本年新收政府信息公开申请数量": [4, 0, 0, 0, 0, 0, 4], "（一）予以公开": [3, 0, 0, 0, 0, 0, 3],
              "（四）无法提供/1.本机关不掌握相关政府信息": [1, 0, 0, 0, 0, 0, 1]},
        "四": [0, 1] + [0] * 13,
    },
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_table_values_of_the_label_are_read_cell_by_cell(name):
    report = model(name)
    template = report.read_with
    expected = TABLES[name]
    t2 = report.table("二")
    for block in template.table2:
        for row in block.rows:
            want = expected["二"][row.key]
            got = [t2[(row.key, c.label)].value if (row.key, c.label) in t2 else None for c in block.columns]
            assert got == (want if want is not None else [None] * len(block.columns)), row.key
    t3 = report.table("三")
    for row in template.table3_rows:
        want = expected["三"].get(row.key, [0] * len(template.table3_columns))
        assert [t3[(row.key, c)].value for c in template.table3_columns] == want, row.key
    t4 = report.table("四")
    assert [t4[(g, c)].value for g in template.table4_groups for c in template.table4_columns] == expected["四"]


@pytest.mark.parametrize("name", DUMPS)
def test_a_crawler_dump_has_its_six_sections_on_its_one_line(name):
    report = model(name)
    assert [s.index for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert {report.position(s.heading.line, 1)[0] for s in report.sections} == {10}


@pytest.mark.parametrize("name", DUMPS)
def test_findings_point_into_the_one_line_at_what_they_name(name):
    """Positions are the file's: line 10, and the column where the named cell or heading stands."""
    data = (CORPUS / name).read_bytes()
    body = data.decode("utf-8").split("\n")[9]
    for d in lint_bytes(data, name).diagnostics:
        if d.code in ("RL301", "RL303", "RL304"):  # anchored at the 总计 cell: a figure
            assert d.line == 10 and body[d.column - 1].isdigit(), d
        if d.code == "RL105":
            assert d.line == 10 and body[d.column - 1 : d.end_column - 1] == d.message.split("“")[1].split("”")[0], d


@pytest.mark.parametrize("name", DUMPS)
def test_extract_says_which_cells_were_decoded_and_is_valid(name):
    from reportlint.core.resources import validate
    from reportlint.extract import report_data

    data = {"version": "0", "files": [report_data(model(name))]}
    validate(data, "extract")
    cells = data["files"][0]["cells"]
    glued = not name.startswith("22_")  # file 22 is spaced: nothing to decode
    assert any(c.get("decoded") for c in cells if c["table"] == "三") == glued
    assert all(c["line"] == 10 for c in cells)
