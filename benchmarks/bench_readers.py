"""Time the DOCX, HTML and PDF readers per file (targets: DOCX ≤ 50 ms, PDF ≤ 500 ms per report).

Usage: python benchmarks/bench_readers.py [--repeat N] [FILE...]

Without files it times the checked-in fixtures (the seeds rendered as DOCX/HTML/PDF, the filled 2021
template, the three real PDFs). Each file is read once to warm up (imports, caches), then N times;
the median is reported. For PDFs it also times pdfplumber's own pdfminer-based page parsing
(``page.find_tables()`` + ``page.extract_text_lines()``) as the baseline the PDFium-based reader
replaced.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reportlint.readers import read_document  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def default_files() -> list[Path]:
    patterns = ["seeds/*.docx", "template/*.docx", "seeds/*.html", "seeds/*.pdf", "real/*.pdf"]
    return [path for pattern in patterns for path in sorted(FIXTURES.glob(pattern))]


def timed(function, repeat: int) -> float:
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def pdfplumber_rows(data: bytes) -> list[list[str]]:
    """The baseline: pdfplumber parsing every page with pdfminer, tables by its default finder."""
    import pdfplumber

    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                rows.extend(table.extract())
            page.extract_text_lines(return_chars=False)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    files = options.files or default_files()
    print(f"{'file':<48} {'format':<6} {'lines':>6} {'median ms':>10} {'pdfminer ms':>12}")
    by_format: dict[str, list[float]] = {}
    for path in files:
        data = path.read_bytes()
        document = read_document(str(path), data)
        seconds = timed(lambda: read_document(str(path), data), options.repeat)
        by_format.setdefault(document.format, []).append(seconds)
        baseline = ""
        if document.format == "pdf":
            baseline = f"{timed(lambda: pdfplumber_rows(data), max(1, options.repeat // 2)) * 1000:12.1f}"
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        print(f"{name:<48} {document.format:<6} {len(document.lines):>6} {seconds * 1000:>10.1f} {baseline}")
    print()
    for fmt, samples in sorted(by_format.items()):
        print(f"{fmt:<6} files={len(samples):<3} median={statistics.median(samples) * 1000:.1f} ms  max={max(samples) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
