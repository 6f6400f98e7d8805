"""Reports saved as PDF from a browser or a word processor (issue 19, item 8): the ruling-grid bound
that stops the k⁴ attack (tests/readers/test_reader_pdf.py) counts the rulings as the table finder
merges them, so a browser that strokes every cell border as its own segment — 180 to 470 segments a
page — no longer gets a real report refused as "表格线过多". The pages are printed in the test itself,
by headless Chromium and LibreOffice, from real report pages (tests/fixtures/collected, see
printed-sources.json) and the seeds as web pages."""

from __future__ import annotations

import shutil
import subprocess

import pypdfium2 as pdfium
import pytest

from reportlint.core.config import Config
from reportlint.host.pipeline import read_report
from reportlint.readers import pdf as pdf_reader
from support.paths import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REAL_PAGES = sorted((FIXTURES / "collected").glob("*.html"))
PAGES = REAL_PAGES + sorted((FIXTURES / "seeds").glob("*.html"))


def chromium_pdf(page, folder) -> bytes:
    """The page as Chromium prints it (headers and footers on, as a user's "save as PDF"); no network."""
    out = folder / (page.stem + ".pdf")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
                    f"--print-to-pdf={out}", page.as_uri()], capture_output=True, timeout=180, check=True)
    return out.read_bytes()


def libreoffice_pdf(page, folder) -> bytes:
    """The page opened in LibreOffice Writer and exported as PDF."""
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(folder), str(page)],
                   capture_output=True, timeout=300, check=True)
    return (folder / (page.stem + ".pdf")).read_bytes()


def cells(path: str, data: bytes | None = None) -> dict:
    report, failed = read_report(path, Config(), data)
    assert report is not None, failed.diagnostics
    return {(c.table, c.row, c.column): c.value for c in report.source_cells()}


def most_raw_crossings(data: bytes) -> int:
    """The most crossings of one page's ruling segments as drawn, before they are merged: what the
    bound counted when it refused these pages."""
    document = pdfium.PdfDocument(data)
    try:
        most = 0
        for i in range(len(document)):
            edges = pdf_reader.page_content(document[i]).edges
            horizontal = sum(1 for e in edges if e["orientation"] == "h")
            most = max(most, horizontal * (len(edges) - horizontal))
        return most
    finally:
        document.close()


def assert_read_with_its_tables(page, pdf: bytes, share: float) -> None:
    from_page = cells(str(page))
    printed = cells("printed.pdf", pdf)
    assert {"二", "三", "四"} <= {table for table, _, _ in printed}
    both = [k for k in from_page if from_page[k] is not None and printed.get(k) is not None]
    assert [k for k in both if printed[k] != from_page[k]] == []  # no figure read differently
    assert sum(printed.get(k) == v for k, v in from_page.items()) >= share * len(from_page)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs chromium)")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_report_page_printed_by_a_browser_is_read_with_its_tables(page, tmp_path):
    pdf = chromium_pdf(page, tmp_path)
    assert most_raw_crossings(pdf) > pdf_reader._MAX_CROSSINGS  # each cell border a segment: refused before
    assert_read_with_its_tables(page, pdf, share=0.75)


def test_the_real_pages_are_there():
    assert len(REAL_PAGES) >= 4


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
@pytest.mark.parametrize("page", REAL_PAGES[:2], ids=lambda p: p.name)
def test_a_report_page_saved_as_pdf_by_a_word_processor_is_read_with_its_tables(page, tmp_path):
    """(This LibreOffice draws these pages' tables with a few hundred crossings: not refused before
    either; it guards the merged count against a second PDF producer.)"""
    assert_read_with_its_tables(page, libreoffice_pdf(page, tmp_path), share=0.6)


def test_a_running_header_and_footer_are_dropped_a_title_in_the_margin_is_kept():
    """A browser prints its clock and the page's title at the top of every page and the address with
    "n/m" at the bottom: they are not the report's lines (its title would not stand first)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from reportlint.readers import read_document

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1)
    for n in range(1, 4):
        pdf.setFont("STSong-Light", 8)
        pdf.drawString(30, 830, "12/6/26, 4:20 AM 某局2023年报告_政务公开")
        pdf.drawString(30, 12, f"file:///tmp/report.html {n}/3")
        pdf.setFont("STSong-Light", 14)
        if n == 1:
            pdf.drawString(100, 800, "某局2023年政府信息公开工作年度报告")  # in the top tenth, once
        pdf.drawString(100, 600, f"第{n}页的正文。")
        pdf.showPage()
    pdf.save()
    lines = [line.text for line in read_document("printed.pdf", buffer.getvalue()).lines]
    assert lines == ["某局2023年政府信息公开工作年度报告", "第1页的正文。", "第2页的正文。", "第3页的正文。"]
