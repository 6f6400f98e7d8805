"""``reportlint review`` (issue 14): a reviewed Word copy with one comment per finding, anchored where
it stands, and each fix a tracked change by reportlint; the original never touched; every input
format gets a Word file back; what cannot be read gets its RL9xx and no copy."""

from __future__ import annotations

import copy
import ctypes
import hashlib
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from reportlint.api import Config, lint_bytes
from reportlint.review import AUTHOR, review_file
from support.paths import FIXTURES, SAMPLE_REPORTS

SEEDS = sorted((FIXTURES / "seeds").glob("*.docx"))
FILLED = FIXTURES / "template" / "2021-filled.docx"


def comments_of(path) -> list:
    return list(docx.Document(str(path)).comments)


def revisions(path, tag: str) -> list:
    body = docx.Document(str(path)).element.body
    return [e for e in body.iter(qn(f"w:{tag}")) if e.get(qn("w:author")) == AUTHOR]


def anchored_text(path) -> dict[int, str]:
    """{comment id: the text between its range start and end}, from the document XML."""
    body = docx.Document(str(path)).element.body
    texts: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for e in body.iter():
        if e.tag == qn("w:commentRangeStart"):
            open_ids.add(int(e.get(qn("w:id"))))
            texts.setdefault(int(e.get(qn("w:id"))), [])
        elif e.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(e.get(qn("w:id"))))
        elif e.tag in (qn("w:t"), qn("w:delText")):
            for i in open_ids:
                texts[i].append(e.text or "")
    return {i: "".join(t) for i, t in texts.items()}


def accepted(path) -> bytes:
    """The reviewed copy with every revision of reportlint accepted, as Word would."""
    document = docx.Document(str(path))
    body = document.element.body
    for d in [e for e in body.iter(qn("w:del")) if e.get(qn("w:author")) == AUTHOR]:
        d.getparent().remove(d)
    for ins in [e for e in body.iter(qn("w:ins")) if e.get(qn("w:author")) == AUTHOR]:
        for child in list(ins):
            ins.addprevious(child)
        ins.getparent().remove(ins)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seed_gets_one_comment_per_finding_and_its_fixes_as_revisions(seed, tmp_path):
    before = hashlib.sha256(seed.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    done = review_file(str(seed), Config(), str(out))
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == before  # the original is never written
    found = done.result.diagnostics
    comments = comments_of(out)
    assert len(comments) == len(found) == done.comments
    assert all(c.author == AUTHOR for c in comments)
    for comment, d in zip(comments, found):
        assert comment.text.startswith(f"{d.code} {d.message}")
    anchors = anchored_text(out)
    for comment, d in zip(comments, found):
        if d.code == "RL103":  # the heading whose number is wrong is what the comment marks
            assert anchors[comment.comment_id][:2] in d.message
    fixes = [d for d in found if d.fix is not None]
    assert done.changes == len(fixes)  # every fix of the seeds maps onto the Word runs
    assert len(revisions(out, "ins")) == sum(1 for d in fixes if d.fix.replacement)
    assert len(revisions(out, "del")) <= len(fixes)
    fixed = {(d.code, d.message) for d in fixes}
    after = {(d.code, d.message) for d in lint_bytes(accepted(out), "accepted.docx").diagnostics}
    assert not fixed & after  # accepting the revisions fixes exactly what they were for


def test_the_seed_with_fixes_gets_tracked_changes(tmp_path):
    out = tmp_path / "r.docx"
    done = review_file(str(FIXTURES / "seeds" / "000_46da6a5f0760e49a.docx"), Config(), str(out))
    assert done.changes >= 3
    deleted = "".join(t.text for d in revisions(out, "del") for t in d.iter(qn("w:delText")))
    inserted = "".join(t.text for i in revisions(out, "ins") for t in i.iter(qn("w:t")))
    assert "2、" in deleted and "二、" in inserted and "第二十六条" in deleted


def test_a_filled_template_with_merged_cells(tmp_path):
    out = tmp_path / "r.docx"
    done = review_file(str(FILLED), Config(), str(out))
    assert done.output and len(comments_of(out)) == len(done.result.diagnostics)


def test_existing_comments_content_controls_and_revisions_are_kept(tmp_path):
    document = docx.Document(str(FIXTURES / "seeds" / "000_46da6a5f0760e49a.docx"))
    first = document.paragraphs[0]
    document.add_comment(first.runs, text="审核人的意见", author="审核人")
    body = document.element.body
    # a content control around the second paragraph, a tracked insertion by someone else in the third
    second = document.paragraphs[1]._p
    sdt = body.makeelement(qn("w:sdt"), {})
    content = body.makeelement(qn("w:sdtContent"), {})
    second.addprevious(sdt)
    sdt.append(content)
    content.append(second)
    third = document.paragraphs[2]._p
    ins = third.makeelement(qn("w:ins"), {qn("w:id"): "77", qn("w:author"): "someone", qn("w:date"): "2024-01-01T00:00:00Z"})
    run = copy.deepcopy(third.find(qn("w:r")))
    ins.append(run)
    third.append(ins)
    source = tmp_path / "in.docx"
    document.save(str(source))
    out = tmp_path / "out.docx"
    done = review_file(str(source), Config(), str(out))
    comments = comments_of(out)
    assert [c.author for c in comments].count("审核人") == 1
    assert sum(1 for c in comments if c.author == AUTHOR) == len(done.result.diagnostics)
    reviewed = docx.Document(str(out)).element.body
    assert len(list(reviewed.iter(qn("w:sdt")))) == 1
    assert [e.get(qn("w:author")) for e in reviewed.iter(qn("w:ins")) if e.get(qn("w:author")) != AUTHOR] == ["someone"]
    ids = [e.get(qn("w:id")) for e in reviewed.iter() if e.tag in (qn("w:ins"), qn("w:del"))]
    assert len(ids) == len(set(ids))  # revision ids stay unique


@pytest.mark.parametrize("source", [
    SAMPLE_REPORTS / "000_46da6a5f0760e49a.txt",
    FIXTURES / "seeds" / "000_46da6a5f0760e49a.html",
    FIXTURES / "seeds" / "000_46da6a5f0760e49a.pdf",
], ids=lambda p: p.suffix)
def test_other_formats_are_reviewed_into_a_new_word_file(source, tmp_path):
    out = tmp_path / "r.docx"
    done = review_file(str(source), Config(), str(out))
    document = docx.Document(str(out))
    assert len(document.tables) >= 3  # the report's tables are tables again
    assert len(list(document.comments)) == len(done.result.diagnostics) > 0


@pytest.mark.parametrize("damage", ["truncated", "encrypted", "not-a-zip"])
def test_a_file_that_cannot_be_reviewed_gets_its_rl9xx_and_no_copy(damage, tmp_path, run_cli):
    data = (FIXTURES / "seeds" / "000_46da6a5f0760e49a.docx").read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "encrypted":
        data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000  # an encrypted Office file is OLE
    else:
        data = b"not a word file at all"
    source = tmp_path / "bad.docx"
    source.write_bytes(data)
    result = run_cli("review", str(source))
    assert result.exit_code == 1 and "RL901" in result.stderr
    assert not (tmp_path / "bad.reviewed.docx").exists()
    assert source.read_bytes() == data


def test_the_command_writes_beside_the_report_or_into_a_folder(tmp_path, run_cli):
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    one = run_cli("review", str(tmp_path / SEEDS[0].name))
    assert (tmp_path / f"{SEEDS[0].stem}.reviewed.docx").exists() and "条批注" in one.stderr
    folder = tmp_path / "out"
    folder.mkdir()
    run_cli("review", str(tmp_path / SEEDS[0].name), str(tmp_path / SEEDS[1].name), "-o", str(folder), "--lang", "en")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s.stem}.reviewed.docx" for s in SEEDS[:2])
    assert run_cli("review", str(tmp_path / SEEDS[0].name), str(tmp_path / SEEDS[1].name), "-o", str(tmp_path / "x.docx")).exit_code == 2


def test_the_reviewed_copy_is_a_valid_package(tmp_path):
    out = tmp_path / "r.docx"
    review_file(str(FIXTURES / "seeds" / "000_46da6a5f0760e49a.docx"), Config(), str(out))
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert "word/comments.xml" in archive.namelist()


# --- LibreOffice opens it, with the comments ------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def pdf_notes(pdf: bytes) -> list[str]:
    """The text annotations (comments exported as notes) of a PDF."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf)
    notes = []
    for i in range(len(document)):
        page = document[i]
        for k in range(raw.FPDFPage_GetAnnotCount(page)):
            annot = raw.FPDFPage_GetAnnot(page, k)
            if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_TEXT:
                size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
                notes.append(buffer.raw.decode("utf-16-le").rstrip("\x00"))
            raw.FPDFPage_CloseAnnot(annot)
    return notes


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
@pytest.mark.parametrize("source", [*SEEDS, *sorted((FIXTURES / "real").glob("*.pdf")), *sorted(SAMPLE_REPORTS.glob("00[024]_*.txt"))],
                         ids=lambda p: p.name)
def test_libreoffice_opens_the_reviewed_copy_with_every_comment(source, tmp_path):
    out = tmp_path / "r.docx"
    done = review_file(str(source), Config(), str(out))
    converted = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
         'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "r.pdf"
    assert pdf.exists(), converted.stderr
    notes = pdf_notes(pdf.read_bytes())
    assert len(notes) == done.comments == len(done.result.diagnostics)
    assert sorted(n.split()[0] for n in notes) == sorted(d.code for d in done.result.diagnostics)


# --- issue 20: copies an author can use as they are -------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_the_copy_follows_the_umask_like_every_written_file(umask, tmp_path):
    import os

    out = tmp_path / "r.docx"
    old = os.umask(umask)
    try:
        review_file(str(SAMPLE_REPORTS / "000_46da6a5f0760e49a.txt"), Config(), str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportlint-review-")]


def test_rl203s_comment_asks_for_what_its_change_writes(tmp_path):
    """After the full name, a wrong name is to become 《条例》: the comment says so, the change writes it."""
    text = (SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt").read_text(encoding="utf-8")
    text = text.replace("一、总体情况", "一、总体情况\n依据《中华人民共和国政府信息公开条例》开展工作，落实《信息公开条例》要求。", 1)
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "r.docx"
    done = review_file(str(source), Config(select=("RL203",)), str(out))
    [d] = done.result.diagnostics
    assert d.message.endswith("应为“《条例》”") and d.fix.replacement == "《条例》"
    [comment] = comments_of(out)
    assert "建议将“《信息公开条例》”改为“《条例》”" in comment.text
    inserted = "".join(t.text for i in revisions(out, "ins") for t in i.iter(qn("w:t")))
    assert inserted == "《条例》"


def word_text(document) -> str:
    """Every text of a Word document as the author wrote it (paragraphs and table cells, reportlint's
    changes rejected), without spaces."""
    body = document.element.body
    inserted = qn("w:ins")
    kept = [t.text or "" for t in body.iter(qn("w:t"), qn("w:delText"))
            if not any(a.tag == inserted and a.get(qn("w:author")) == AUTHOR for a in t.iterancestors())]
    return "".join(kept).replace(" ", "").replace("\u3000", "")


#: The tables a sample report has: table 二's caption blocks, 三 and 四 (004 has no table 三 of its
#: own layout that reads: its rows repeat their header after each page break, and are laid out all the same).
TABLES = {"000": 7, "001": 7, "002": 6, "003": 7, "004": 7}


@pytest.mark.parametrize("sample", sorted(SAMPLE_REPORTS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_a_text_reports_tables_are_real_tables_in_its_word_copy(sample, tmp_path):
    """One cell per line, rows with tabs, rows with spaces: each table of the report becomes one Word
    table, a row per row and a column per column with each figure in its cell; no text is lost, each
    cell finding is commented on its cell, and accepting the changes fixes what they were for."""
    out = tmp_path / "r.docx"
    done = review_file(str(sample), Config(), str(out))
    document = docx.Document(str(out))
    assert len(document.tables) == TABLES[sample.stem[:3]]
    table3 = max(document.tables, key=lambda t: len(t.rows))
    assert len(table3.columns) == 8 and len(table3.rows) >= 28  # 自然人 … 总计, and the label column
    header = [cell.text for cell in table3.rows[0].cells[1:]]
    assert header == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    first = next(row for row in table3.rows if row.cells[0].text.startswith("一、本年新收"))
    assert all(cell.text.strip().isdigit() for cell in first.cells[1:])
    kept = word_text(document)
    for line in sample.read_text(encoding="utf-8").splitlines():
        for part in line.split("\t"):
            # a row separated by spaces has its label and figures in cells of their own: each word is kept
            for word in (part.split() if len(part.split()) > 2 else [part]):
                assert word.replace(" ", "").replace("\u3000", "") in kept, word
    anchors = anchored_text(out)
    comments = comments_of(out)
    for comment, d in zip(comments, done.result.diagnostics):
        if d.location is None and d.code in ("RL301", "RL302", "RL303", "RL305"):
            cell = sample.read_text(encoding="utf-8").splitlines()[d.line - 1][d.column - 1 : d.end_column - 1]
            assert anchors[comment.comment_id] == cell, (d.code, d.message)
    fixes = [d for d in done.result.diagnostics if d.fix is not None]
    assert done.changes == len(fixes)
    after = {(d.code, d.message) for d in lint_bytes(accepted(out), "accepted.docx").diagnostics}
    assert not {(d.code, d.message) for d in fixes} & after


def test_a_finding_on_a_cell_of_a_text_report_is_commented_in_that_word_cell(tmp_path):
    """Rows with tabs: a wrong （七）总计 under 自然人 is commented on that figure's Word cell."""
    lines = (SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(("（七）", "(七)")))
    cells = lines[number].split("\t")
    cells[1] = "9"  # the outcomes under 自然人 add up to 1
    lines[number] = "\t".join(cells)
    source = tmp_path / "a.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    done = review_file(str(source), Config(select=("RL303",)), str(out))
    assert [d.code for d in done.result.diagnostics] == ["RL303"]
    body = docx.Document(str(out)).element.body
    [start] = list(body.iter(qn("w:commentRangeStart")))
    cell = start.getparent().getparent()
    assert cell.tag == qn("w:tc") and "".join(t.text for t in cell.iter(qn("w:t"))) == "9"
    row = [tc for tc in cell.getparent() if tc.tag == qn("w:tc")]
    assert "".join(t.text for t in row[0].iter(qn("w:t"))).endswith("总计") and row.index(cell) == 1  # under 自然人
