"""Whole web pages as they are saved: the report inside a government site's frame.

The page carries a clock, a navigation bar, a breadcrumb, a list of the other years' reports, the
article's 发布日期 and 浏览次数, sharing buttons, 附件下载 and a footer with 版权所有 and another date.
None of that is the report. The same page is also read as a browser's copy of its text (blocks on
lines, table cells after tabs, a cell's paragraph on a line of its own) and as a crawler's one line.
"""

from __future__ import annotations

import html

import lxml.html
import pytest

from reportlint.api import lint_bytes
from support import make_report
from support.generator import TableGrid
from support.mutations import MUTATIONS

CASES = [("2019", 2020, "某某市商务局"), ("2021", 2022, "某某县人民政府"), ("2021", 2023, "某某镇人民政府")]


def _table(grid: TableGrid) -> str:
    rows = []
    for row in grid.rows:
        cells = []
        for c in row:
            if c.merged:
                continue
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            text = html.escape(c.text) if c.text else "&nbsp;"
            cells.append(f'<td{span} style="width:60px;"><p align="center"><span style="font-size:14px;">{text}</span></p></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="0" align="center"><tbody>' + "".join(rows) + "</tbody></table>"


def page(report) -> str:
    body = []
    for b in report.blocks:
        if isinstance(b, TableGrid):
            body.append(_table(b))
        elif b.role != "title":
            align = "right" if b.role in ("signature", "date") else "left"
            body.append(f'<p style="text-align:{align}">{html.escape(b.text)}</p>')
    date = report.published.isoformat() if report.published else ""
    title = report.title
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_某某市人民政府</title>
<script>function clock(){{document.getElementById('clock').innerHTML=new Date();}}</script></head>
<body>
<div class="top"><div class="wrap">某某市人民政府门户网站 <span id="clock">今天是2026年11月30日 星期一</span> 无障碍 长者模式</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a>政府信息公开</a> &gt; <a>政府信息公开年报</a></div>
<div class="main"><div class="left"><h3>年报列表</h3><ul><li><a href="a.html">{report.year - 1}年政府信息公开工作年度报告</a></li>
<li><a href="b.html">{report.year - 2}年政府信息公开工作年度报告</a></li></ul></div>
<div class="right"><div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>发布日期：{date}</span>　<span>来源：{report.agency}</span>　<span>浏览次数：1234</span>　<span>字号：【大 中 小】</span></div>
<div class="content" id="zoom">{''.join(body)}</div>
<div class="fj">附件下载：<a href="x.docx">{title}.docx</a></div>
<div class="share">分享到：<a>微信</a> <a>微博</a> 【打印本页】【关闭窗口】</div>
</div></div></div>
<div class="footer">主办单位：某某市人民政府办公室　版权所有　网站标识码：3300000001　浙ICP备12345678号<br>2026年11月30日 星期一</div>
</body></html>"""


def copied_text(page_html: str, one_line: bool = False) -> str:
    """A browser's copy of the page: blocks end lines, cells end with a tab; or all on one line."""
    root = lxml.html.fromstring(page_html)
    for bad in root.xpath("//script|//style|//title"):
        bad.drop_tree()
    for td in root.xpath("//td"):
        td.tail = "\t" + (td.tail or "")
    for tag in root.xpath("//p|//div|//li|//tr|//h1|//h3|//br"):
        tag.tail = "\n" + (tag.tail or "")
    text = root.text_content()
    if one_line:
        return " ".join(part.strip() for part in text.replace("\t", " ").split("\n") if part.strip())
    return text


def found(data: str, name: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in lint_bytes(data.encode("utf-8"), name).diagnostics]


@pytest.mark.parametrize("template_id,year,agency", CASES)
@pytest.mark.parametrize("form", ["html", "copied", "one-line"])
def test_a_clean_report_in_its_site_frame_gets_nothing(template_id, year, agency, form):
    page_html = page(make_report(template_id, year, agency))
    data = {"html": page_html, "copied": copied_text(page_html), "one-line": copied_text(page_html, True)}[form]
    assert found(data, "report.html" if form == "html" else "report.txt") == []


TABLE_AND_STRUCTURE = ("RL101", "RL103", "RL201", "RL301", "RL303", "RL304", "RL308", "RL402", "RL404", "RL504")


@pytest.mark.parametrize("mutation", [m for m in MUTATIONS if m.code in TABLE_AND_STRUCTURE], ids=lambda m: f"{m.code}-{m.defect}")
@pytest.mark.parametrize("form", ["html", "copied", "one-line"])
def test_a_defect_in_a_framed_report_is_found(mutation, form):
    page_html = page(mutation.inject(make_report("2021", 2022, "某某市商务局")))
    data = {"html": page_html, "copied": copied_text(page_html), "one-line": copied_text(page_html, True)}[form]
    assert mutation.code in {code for code, _ in found(data, "report.html" if form == "html" else "report.txt")}


# --- Markdown from a PDF converter: the tables kept as HTML ------------------------------------------


def converted_markdown(report, one_line_tables: bool = True) -> str:
    """What PDF-to-Markdown converters (MinerU, marker) write: # headings, paragraphs, and each
    table as HTML, on one line or a tag per line."""
    out = []
    for b in report.blocks:
        if isinstance(b, TableGrid):
            table = _table(b).replace('<p align="center"><span style="font-size:14px;">', "").replace("</span></p>", "")
            out.append(table if one_line_tables else table.replace("<tr>", "\n<tr>\n").replace("</td>", "</td>\n"))
        else:
            out.append({"title": "# ", "heading": "## "}.get(b.role, "") + b.text)
        out.append("")
    return "\n".join(out)


@pytest.mark.parametrize("one_line_tables", [True, False], ids=["table-on-a-line", "tag-per-line"])
@pytest.mark.parametrize("template_id,year,agency", CASES)
def test_markdown_with_html_tables_reads_every_cell_and_is_clean(template_id, year, agency, one_line_tables):
    from reportlint.core.document import Document
    from reportlint.parsing import build_report

    report = make_report(template_id, year, agency)
    text = converted_markdown(report, one_line_tables)
    assert found(text, "report.md") == []
    read = {(c.table, c.row, c.column): c.value for c in build_report(Document.from_text("r.md", text, "markdown")).cells}
    assert read == dict(report.values)


def test_a_finding_in_an_html_table_of_a_markdown_file_points_at_the_cell():
    mutation = next(m for m in MUTATIONS if m.code == "RL304")
    text = converted_markdown(mutation.inject(make_report("2021", 2022, "某某市商务局")))
    [d] = [d for d in lint_bytes(text.encode("utf-8"), "report.md").diagnostics if d.code == "RL304"]
    line = text.split("\n")[d.line - 1]
    assert line[d.column - 1].isdigit() and line[: d.column - 1].endswith(">")
