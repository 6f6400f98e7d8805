"""Make the README's screenshots: ``python tests/support/screenshots.py`` (needs Chromium and
LibreOffice, as .ci/run installs them). docs/images/html-report.png is a sample report's HTML page in
Chromium; docs/images/reviewed-docx.png the first page of its reviewed Word copy, with the comments
in the margin, as LibreOffice prints it."""

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


if __name__ == "__main__":
    main()
