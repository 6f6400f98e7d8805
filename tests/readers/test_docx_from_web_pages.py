"""A web page opened in a word processor and saved as .docx (issue 18, item 6): its tables survive, but
each row label is one cell merged across the label columns however Word spans it, header words are
split one character per paragraph (结/果/纠/正), and cells carry no-break spaces. Every row must still
be read, cell by cell — from a synthetic table with each of those habits, from real pages converted
by LibreOffice (committed), and from a conversion made in the test where LibreOffice is installed."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_reader_docx import docx_with_body

from reportlint.api import lint_bytes
from reportlint.parsing import build_report
from reportlint.readers import read_document
from support.generator import template
from support.paths import FIXTURES

COLLECTED = FIXTURES / "collected"
EXPECTED = json.loads((COLLECTED / "expected.json").read_text(encoding="utf-8"))
NBSP = "\u00a0"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(text: str, span: int = 1, vmerge: str | None = None, per_character: bool = False) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    paragraphs = [f"<w:p>{run(ch)}</w:p>" for ch in text] if per_character and text else [f"<w:p>{run(text)}</w:p>"]
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def table(rows: list[str], columns: int) -> str:
    grid = "".join("<w:gridCol/>" for _ in range(columns))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(f'<w:tr>{r}</w:tr>' for r in rows)}</w:tbl>"


def p(text: str) -> str:
    return f"<w:p>{run(text)}</w:p>"


def web_page_docx(values: dict[str, list[int]]) -> bytes:
    """Table 三 of the 2021 format as a word processor saves a web page: 3 label columns + 7 figures;
    a row label spanning all three label columns, or the group in the first, the sub-group in the
    second and the row in the third, the group cells merged down; header words a character per
    paragraph; no-break spaces around figures and inside labels."""
    t = template("2021")
    rows = [
        cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", span=3, vmerge="restart")
        + cell("申请人情况", span=7),
        cell("", span=3, vmerge="continue") + cell("自然人", vmerge="restart", per_character=True)
        + cell("法人或其他组织", span=5, per_character=True) + cell("总计", vmerge="restart", per_character=True),
        cell("", span=3, vmerge="continue") + cell("", vmerge="continue")
        + "".join(cell(f"商业{NBSP}企业" if c == "商业企业" else c, per_character=c != "商业企业") for c in t.table3_columns[1:6])
        + cell("", vmerge="continue"),
    ]
    seen_groups: set[str] = set()
    for spec in t.table3_rows:
        figures = "".join(cell(f"{NBSP}{v}{NBSP}") for v in values[spec.key])
        if spec.group is None:
            rows.append(cell(spec.label, span=3) + figures)
            continue
        group = cell(spec.group, vmerge="restart") if spec.group not in seen_groups else cell("", vmerge="continue")
        seen_groups.add(spec.group)
        if spec.sub is None:
            rows.append(group + cell(spec.label, span=2) + figures)
        else:
            first = spec.sub not in seen_groups
            seen_groups.add(spec.sub)
            sub = cell(spec.sub, vmerge="restart") if first else cell("", vmerge="continue")
            rows.append(group + sub + cell(spec.label.replace("申请", f"{NBSP}申请", 1)) + figures)
    body = [p("某某市商务局2021年政府信息公开工作年度报告"), p("三、收到和处理政府信息公开申请情况"), table(rows, 10)]
    return docx_with_body("".join(body))


def test_a_table_saved_from_a_web_page_reads_every_row_cell_by_cell():
    t = template("2021")
    values = {spec.key: [(i + j) % 3 for j in range(6)] for i, spec in enumerate(t.table3_rows)}
    for key in values:
        values[key].append(sum(values[key]))
    report = build_report(read_document("page.docx", web_page_docx(values)))
    table = report.table("三")
    for spec in t.table3_rows:
        assert [table[(spec.key, c)].value for c in t.table3_columns] == values[spec.key], spec.key
    assert [p for p in report.table_problems if p.table == "三"] == []


DOCX = sorted(name for name in EXPECTED if name.endswith(".docx"))


@pytest.mark.parametrize("name", DOCX)
def test_a_real_page_saved_as_docx_reads_as_the_page(name):
    page = name.replace(".docx", ".html")
    from_docx = build_report(read_document(str(COLLECTED / name)))
    from_html = build_report(read_document(str(COLLECTED / page)))
    values = lambda r: {(c.table, c.row, c.column): c.value for c in r.cells}  # noqa: E731
    assert values(from_docx) == values(from_html)
    assert [s.index for s in from_docx.sections] == [s.index for s in from_html.sections]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
def test_a_real_page_converted_now_reads_as_the_page(tmp_path):
    page = COLLECTED / "88_2024_pingtan-jjp.html"
    shutil.copy(page, tmp_path / page.name)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(tmp_path / page.name)],
                   check=True, capture_output=True, timeout=180)
    converted = (tmp_path / page.name).with_suffix(".docx").read_bytes()
    result = lint_bytes(converted, "page.docx")
    entry = EXPECTED[page.name]
    allowed = set(entry["may"]) | {c for m in entry["must"] for c in ([m["code"]] if isinstance(m["code"], str) else m["code"])}
    assert [d.code for d in result.diagnostics if d.severity == "error" and d.code not in allowed] == []
    html = build_report(read_document(str(page)))
    docx_model = build_report(read_document("page.docx", converted))
    assert {(c.row, c.column): c.value for c in docx_model.cells if c.table == "三"} == \
        {(c.row, c.column): c.value for c in html.cells if c.table == "三"}
