"""The HTML report for the authors (issue 14): reasons visible next to the sentence or cell (also on
paper), a legend, the report's own table and cell names, deletions worded as such, a summary of the
files with links, no command-line words; ``-o DIR`` makes an index and a page per file. Rendered in
a real browser (Chromium headless) where one is installed."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess

import pytest

from support.paths import FIXTURES, SAMPLE_REPORTS

SEED = "000_46da6a5f0760e49a"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def page_of(run_cli, *paths, lang="zh", select="RL") -> str:
    return run_cli("check", "--no-cache", "--format", "html", "--lang", lang, "--select", select, *map(str, paths)).stdout


def visible_text(page: str) -> str:
    """The page's text outside tags and attributes (what a reader sees without hovering)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page))


def test_every_reason_is_text_on_the_page_not_a_tooltip(run_cli):
    page = page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt", FIXTURES / "seeds" / f"{SEED}.docx")
    assert " title=" not in page
    text = visible_text(page)
    for message in ("章节序号“2、”应写作“二、”", "表头“第二十六条第（六）项”与表中行政处罚"):
        assert text.count(message) >= 2  # in the list of problems and next to the line itself


def test_a_legend_plain_words_and_no_command_line(run_cli):
    page = page_of(run_cli, SAMPLE_REPORTS)
    text = visible_text(page)
    assert "必须改正" in text and "应当核实" in text and "供参考" in text
    for terminal in ("--fix", "[*]", "leftover-artefact", "section-number-style", "reportlint check"):
        assert terminal not in text


def test_deletions_are_worded_as_such(run_cli):
    text = visible_text(page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt"))
    assert "建议删除“[bookmark: _GoBack]”" in text and "→" not in text


def test_cells_are_named_as_the_report_names_them(run_cli):
    """A DOCX finding on a table cell says 表三 <column> × <row>, as the grid above it is titled."""
    text = visible_text(page_of(run_cli, FIXTURES / "seeds" / f"{SEED}.docx"))
    assert "表三 “5.属于三类内部事务信息”一行：第三部分表格标签“5、属于第三类内部事务信息”" in text
    assert not re.search(r"表2第\d+行第\d+列）：", text)  # the reader's coordinates are not the name


def test_the_summary_lists_every_file_with_counts_and_links(run_cli):
    page = page_of(run_cli, SAMPLE_REPORTS, select="RL101")
    summary = page[page.index('<table class="files">'): page.index("</table>")]
    links = re.findall(r'<a href="#([^"]+)">', summary)
    assert len(links) == len(list(SAMPLE_REPORTS.glob("*.txt")))
    for link in links:
        assert f'id="{link}"' in page
    assert "未发现问题" in summary  # the clean sample says so


def test_english_page(run_cli):
    text = visible_text(page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt", lang="en"))
    assert "must be corrected" in text and "line 19" in text and "delete '[bookmark: _GoBack]'" in text


def test_a_folder_of_pages_for_many_files(run_cli, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(out), str(SAMPLE_REPORTS))
    assert result.exit_code == 1 and result.stdout == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'<a href="([^"#]+\.html)">', index)
    assert len(pages) == len(list(SAMPLE_REPORTS.glob("*.txt")))
    for name in pages:
        page = (out / name).read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and 'href="index.html"' in page
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.html", *pages])


def test_print_css(run_cli):
    page = page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt")
    assert "@media print" in page and 'name="viewport"' in page


# --- in a real browser ------------------------------------------------------------------------------


def chromium(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--user-data-dir={cwd}/profile", *args], capture_output=True, text=True, timeout=180, cwd=cwd)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs chromium and fonts-noto-cjk)")
def test_chromium_shows_and_prints_the_reasons_without_hovering(run_cli, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt", FIXTURES / "seeds" / f"{SEED}.docx"), encoding="utf-8")
    dom = chromium("--dump-dom", page.as_uri(), cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = visible_text(dom.stdout)
    assert rendered.count("章节序号“2、”应写作“二、”") >= 2
    pdf = tmp_path / "report.pdf"
    printed = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), cwd=tmp_path)
    assert pdf.exists(), printed.stderr[-2000:]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    on_paper = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    on_paper = re.sub(r"\s+", "", on_paper)
    for reason in ("章节序号“2、”应写作“二、”", "建议删除“[bookmark:_GoBack]”", "必须改正"):
        assert reason in on_paper, reason
    shot = tmp_path / "shot.png"
    chromium("--window-size=1100,1400", f"--screenshot={shot}", page.as_uri(), cwd=tmp_path)
    assert shot.exists() and shot.stat().st_size > 10_000
