"""Make the README's screenshots: ``python tests/support/screenshots.py`` (needs Chromium and
LibreOffice, as .ci/run installs them, and the test extra's Playwright and reportlint[serve]).
docs/images/html-report.png is a sample report's HTML page in Chromium; docs/images/reviewed-docx.png
the first page of its reviewed Word copy, with the comments in the margin, as LibreOffice prints it;
docs/images/overview.png the index of the five samples (``-o DIR``) with its charts;
docs/images/serve-upload.png and serve-results.png ``reportlint serve``'s upload page and its answer
to the sample DOCX, in Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "docs" / "images"
SAMPLE = REPO / "examples" / "reports" / "000_46da6a5f0760e49a.txt"
SEED_DOCX = REPO / "tests" / "fixtures" / "seeds" / "000_46da6a5f0760e49a.docx"


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    reportlint = [sys.executable, "-m", "reportlint"]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(subprocess.run([*reportlint, "check", "--no-cache", "--format", "html", str(SAMPLE)],
                                       capture_output=True, text=True).stdout, encoding="utf-8")
        browser = shutil.which("chromium") or shutil.which("google-chrome")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp}/profile",
                        "--window-size=1100,1300", f"--screenshot={IMAGES / 'html-report.png'}", page.as_uri()],
                       capture_output=True, check=True)
        reviewed = Path(tmp) / "reviewed.docx"
        subprocess.run([*reportlint, "review", str(SEED_DOCX), "-o", str(reviewed)], capture_output=True)
        soffice = shutil.which("soffice")
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to",
                        'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}',
                        "--outdir", tmp, str(reviewed)], capture_output=True, check=True)
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(Path(tmp) / "reviewed.pdf"))
        document[1].render(scale=1.6).to_pil().save(IMAGES / "reviewed-docx.png")
        overview = Path(tmp) / "overview"
        overview.mkdir()
        subprocess.run([*reportlint, "check", "--no-cache", "--format", "html", "-o", str(overview), "examples/reports"],
                       capture_output=True, cwd=REPO)
        served(browser, overview / "index.html", tmp)


def served(browser: str, index: Path, tmp: str) -> None:
    """The overview, and the upload page and its answer from a real ``reportlint serve``."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen([sys.executable, "-m", "reportlint", "serve", "--port", "0"], cwd=tmp,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        url = "http://" + server.stderr.readline().split("http://", 1)[1].split("/", 1)[0] + "/"
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=browser, args=["--no-sandbox"])
            page = chromium.new_page(locale="zh-CN", viewport={"width": 1100, "height": 1000})
            page.goto(index.as_uri())
            page.screenshot(path=str(IMAGES / "overview.png"), full_page=True)
            page.set_viewport_size({"width": 1000, "height": 620})
            page.goto(url)
            page.screenshot(path=str(IMAGES / "serve-upload.png"))
            page.set_input_files("input[type=file]", str(SEED_DOCX))
            page.click("button[type=submit]")
            page.wait_for_selector("ol.problems")
            page.set_viewport_size({"width": 1000, "height": 1100})
            page.screenshot(path=str(IMAGES / "serve-results.png"))
            chromium.close()
    finally:
        server.terminate()
        server.wait(15)


if __name__ == "__main__":
    main()
