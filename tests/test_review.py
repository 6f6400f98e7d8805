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


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
@pytest.mark.parametrize("source", [*SEEDS, *sorted((FIXTURES / "real").glob("*.pdf"))], ids=lambda p: p.name)
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
