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


def problems_listed(page: str) -> list[tuple[str, str]]:
    """(code, where) of each problem in the list at the head of a file's section."""
    listed = page.split('<ol class="problems">', 1)[1].split("</ol>", 1)[0]
    out = []
    for item in re.findall(r'<li class="\w+">(.*?)</li>', listed):
        where = html_lib.unescape(re.sub(r"<[^>]+>", "", item.split('<span class="where">', 1)[1].split("</span>：", 1)[0]))
        out.append((re.search(r'<span class="code">(\w+)</span>', item).group(1), where))
    return out


@pytest.mark.parametrize("dump", ["23_2020_pingtan-xzspj.txt", "26_2022_pingtan-xzspj.txt", "30_2025_pingtan-jjfzj.txt"])
def test_on_a_page_saved_on_one_line_only_a_tables_findings_get_its_names(dump, run_cli):
    """A crawler's dump has the whole page on line 10, tables and prose alike: a heading or a sentence
    is placed by its line and column, never named after a table row that happens to share the line."""
    path = FIXTURES / "real" / dump
    page = page_of(run_cli, path)
    found = run_cli("check", "--no-cache", "--format", "json", str(path)).json()["files"][0]["diagnostics"]
    listed = problems_listed(page)
    assert [code for code, _ in listed] == [d["code"] for d in found] and len(found) >= 2
    for (code, where), d in zip(listed, found):
        if code[:3] in ("RL1", "RL4", "RL6") or code == "RL307":  # headings, dates, wording, a sentence's sum
            assert where == f"第{d['line']}行第{d['column']}列", (code, where)
        if where.startswith("表"):
            assert code[:3] in ("RL3", "RL5") and code != "RL307", (code, where)
    if dump.startswith("30_"):  # RL301/RL303/RL304 on cells of tables 三 and 四 keep the cells' names
        assert sum(where.startswith("表") for _, where in listed) == 5


def test_a_finding_on_a_rows_label_names_the_row_in_text_too(run_cli, tmp_path):
    """Rows laid out one per line (tabs): a label's finding names its row; the heading above does not."""
    text = (SAMPLE_REPORTS / f"{SEED}.txt").read_text(encoding="utf-8")
    from reportlint.api import Config, lint_bytes

    found = lint_bytes(text.encode("utf-8"), "a.txt", Config(select=("RL504",))).diagnostics
    assert found
    report = tmp_path / "rows.txt"
    lines = text.splitlines()
    d = found[0]
    label = lines[d.line - 1].strip()
    lines[d.line - 1] = "\t".join([label, "0", "0", "0", "0", "0", "0", "0"])
    report.write_text("\n".join(lines), encoding="utf-8")
    listed = problems_listed(page_of(run_cli, report, select="RL504,RL1"))
    assert any(code == "RL504" and where.startswith("表三 “") and where.endswith("”一行") for code, where in listed), listed
    assert all(not where.startswith("表") for code, where in listed if code.startswith("RL1"))


def test_the_summary_counts_are_badges_not_bare_figures(run_cli):
    """The counts of the index are in their severity's colour: a bare grey figure in a right-aligned
    column reads as a line number."""
    page = page_of(run_cli, SAMPLE_REPORTS)
    summary = page[page.index('<table class="files">'): page.index("</table>")]
    assert 'class="n"' not in summary
    badges = re.findall(r'<td class="count (error|warning|info)"><span class="sev">(\d+)</span></td>', summary)
    assert badges and all(int(n) > 0 for _, n in badges)
    style = page[page.index("<style>"): page.index("</style>")]
    assert ".error .sev" in style and "td.count" in style


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


@pytest.mark.slow
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


def printed_pages(page_path, tmp_path, paper: str = "") -> list[str]:
    """The text of each printed page of an HTML file (``paper``: an @page rule added to its style)."""
    import pypdfium2 as pdfium

    if paper:
        page_path.write_text(page_path.read_text(encoding="utf-8").replace("</style>", paper + "</style>", 1), encoding="utf-8")
    pdf = tmp_path / (page_path.stem + ".pdf")
    printed = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page_path.as_uri(), cwd=tmp_path)
    assert pdf.exists(), printed.stderr[-2000:]
    document = pdfium.PdfDocument(str(pdf))
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs chromium and fonts-noto-cjk)")
def test_a_printed_page_starts_with_the_report_not_a_blank_page(run_cli, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    run_cli("check", "--no-cache", "--format", "html", "-o", str(out), str(SAMPLE_REPORTS / f"{SEED}.txt"))
    [page] = [p for p in out.iterdir() if p.name != "index.html"]
    first = re.sub(r"\s+", "", printed_pages(page, tmp_path)[0])
    assert "发现的问题" in first and f"{SEED}.txt" in first and "返回汇总" not in first
    one = tmp_path / "one.html"
    one.write_text(page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt", SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt"), encoding="utf-8")
    pages = [re.sub(r"\s+", "", text) for text in printed_pages(one, tmp_path)]
    assert "政府信息公开工作年度报告检查结果" in pages[0] and all(pages)  # the summary, then each file on its own pages


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs chromium and fonts-noto-cjk)")
def test_rule_codes_never_break_across_lines(run_cli, tmp_path):
    """On narrow paper (or a phone) a code stays whole: ``RL1`` on one line and ``03`` on the next
    is no code anyone can look up."""
    page = tmp_path / "narrow.html"
    page.write_text(page_of(run_cli, SAMPLE_REPORTS / f"{SEED}.txt"), encoding="utf-8")
    text = "\n".join(printed_pages(page, tmp_path, "@page{size:60mm 297mm;margin:3mm}"))
    assert not re.search(r"RL\d{0,2}\s*\r?\n\s*\d", text), re.findall(r".{0,12}RL\d{0,2}\s*\r?\n.{0,6}", text)
    assert len(re.findall(r"RL\d{3}", text)) >= 16
