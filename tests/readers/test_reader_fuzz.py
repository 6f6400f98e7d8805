"""Fuzzing: whatever bytes arrive under whatever name, a reader returns a Document or raises ReadError,
and the whole pipeline returns a result. Fixed example budgets keep the run short and the same in CI."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint import api
from reportlint.core.document import Document
from reportlint.readers import Limits, ReadError, read_document

SUFFIXES = [".txt", ".md", ".docx", ".html", ".htm", ".pdf", ""]
LIMITS = Limits(max_bytes=1 << 20, max_pages=5, max_lines=5000)
FUZZ = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(path: str, data: bytes) -> Document | None:
    try:
        document = read_document(path, data, LIMITS)
    except ReadError as error:
        assert error.code in ("RL901", "RL902")
        assert error.message
        return None
    assert isinstance(document, Document)
    assert all(isinstance(line.text, str) and "\n" not in line.text for line in document.lines)
    return document


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_are_read_or_refused(data, suffix):
    read_or_refuse(f"report{suffix}", data)


@FUZZ
@given(text=st.text(max_size=2000), suffix=st.sampled_from(SUFFIXES), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_arbitrary_text_is_read_or_refused(text, suffix, encoding):
    read_or_refuse(f"report{suffix}", text.encode(encoding, errors="replace"))


@FUZZ
@given(data=st.binary(min_size=1, max_size=2048), head=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"<!DOCTYPE html>"]))
def test_bytes_behind_a_format_signature_are_read_or_refused(data, head):
    read_or_refuse("report", head + data)


def small_pdf() -> bytes:
    """A one-page PDF with a ruled table in a standard font: read on the fast path, cheap to mutate."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    buffer = io.BytesIO()
    table = Table([["label", "1", "2"], ["other", "3", "4"]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph("Report 2021", getSampleStyleSheet()["Normal"]), table])
    return buffer.getvalue()


def docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SEEDS / "004_fe63b0f92ece0c02.docx") as source:
        return {info.filename: source.read(info) for info in source.infolist()}


PARTS = docx_parts()


def damaged_docx(edit) -> bytes:
    """The seed 004 DOCX with its document.xml damaged and zipped again, so that the damage reaches
    python-docx and lxml instead of stopping at the zip's CRC check."""
    parts = dict(PARTS)
    parts["word/document.xml"] = edit(bytearray(parts["word/document.xml"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name, content in parts.items():
            target.writestr(name, bytes(content))
    return out.getvalue()


SAMPLES = {
    ".pdf": small_pdf(),
    ".docx": None,
    ".html": (SEEDS / "004_fe63b0f92ece0c02.html").read_bytes()[:6000],
}


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from(sorted(SAMPLES)),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_damaged_documents_are_read_or_refused(suffix, edits, cut):
    def edit(data: bytearray) -> bytes:
        for where, junk in edits:
            at = int(where * len(data))
            data[at : at + len(junk)] = junk
        return bytes(data[: int(cut * len(data))] if cut is not None else data)

    data = damaged_docx(edit) if suffix == ".docx" else edit(bytearray(SAMPLES[suffix]))
    read_or_refuse(f"report{suffix}", data)


ATTRIBUTE_VALUES = ["0", "-1", "abc", "99999", "continue", "restart", "", "page", "true"]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(operations=st.lists(
    st.tuples(st.sampled_from(["delete", "duplicate", "attribute", "hoist"]), st.floats(0, 1, exclude_max=True),
              st.sampled_from(ATTRIBUTE_VALUES)),
    min_size=1, max_size=8))
def test_structurally_damaged_docx_is_read_or_refused(operations):
    """Well-formed XML in the wrong shape: cells outside rows, rows without cells, spans of -1 or
    99999, merges that continue nothing. These reach the reader's own walk over the body."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def edit(data: bytearray) -> bytes:
        root = etree.fromstring(bytes(data))
        for operation, where, value in operations:
            elements = list(root.iter())[2:]  # never the document or the body itself
            if not elements:
                break
            element = elements[int(where * len(elements))]
            parent = element.getparent()
            if operation == "delete":
                parent.remove(element)
            elif operation == "duplicate":
                element.addnext(etree.fromstring(etree.tostring(element)))
            elif operation == "attribute":
                element.set(f"{w}val", value)
            elif parent.getparent() is not None:  # hoist: move the element up one level
                parent.addnext(element)
        return etree.tostring(root)

    read_or_refuse("report.docx", damaged_docx(edit))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=st.sampled_from(list("一二三四五六、（）总计自然人0123456789\t\n 年月日政府信息公开工作年度报告第条项")), max_size=600),
    suffix=st.sampled_from([".txt", ".html"]),
)
def test_the_whole_pipeline_turns_any_input_into_a_result(text, suffix):
    data = text.encode("utf-8")
    if suffix == ".html":
        data = b"<html><body><p>" + data.replace(b"\t", b"</td><td>").replace(b"\n", b"</p><p>") + b"</p></body></html>"
    result = api.lint_bytes(data, f"report{suffix}")
    assert result.path == f"report{suffix}"
    assert all(d.code for d in result.diagnostics)
