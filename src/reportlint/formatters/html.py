"""An HTML report for the people who wrote the reports: each problem in plain words next to the
sentence or table cell it concerns, its reason visible (on screen, on paper and on a phone — never
only in a tooltip), a colour legend, the statistics tables redrawn under the report's own names
(表三 自然人 ×（七）总计) and a summary of every file with links.

No scripts and no external resources, so a page can be mailed or printed. With ``-o DIR`` the
report is a folder — ``index.html`` with the summary and one page per file — so that several
thousand reports never make one unusable page. Needs the report's lines, which results carry when
this format is chosen.
"""

from __future__ import annotations

import html
import os
import re

from reportlint import __version__
from reportlint.core.diagnostic import FileResult
from reportlint.core.document import location_text
from reportlint.core.patterns import lazy
from reportlint.formatters import Formatter, Summary, printable
from reportlint.formatters.overview import STYLE as OVERVIEW_STYLE
from reportlint.formatters.overview import Row, overview

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2.5em;border-bottom:2px solid #ccc;word-break:break-all}
h3{font-size:1em;margin:1.5em 0 .3em}
.legend span,.sev{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.85em;margin-right:.4em;white-space:nowrap}
.error .sev,.legend .error{background:#c62828;color:#fff}.warning .sev,.legend .warning{background:#f9a825;color:#222}
.info .sev,.legend .info{background:#1565c0;color:#fff}
table.files{border-collapse:collapse;margin:1em 0}table.files th,table.files td{border:1px solid #ccc;padding:3px 10px}
table.files td.count{text-align:center}table.files td.count.none{color:#bbb}table.files tr.clean td{color:#2e7d32}
ol.problems{padding-left:1.5em}ol.problems li{margin:.3em 0}
.where{font-weight:bold}.advice{color:#1b5e20}.code{color:#888;font-size:.8em;white-space:nowrap;word-break:keep-all}
table.source{border-collapse:collapse;font-size:14px;width:100%;margin-top:1em}
td.n{color:#888;text-align:right;padding-right:1em;vertical-align:top;width:4em;font-family:monospace}
td.t{white-space:pre-wrap;word-break:break-all;tab-size:4}
tr.error td.t{background:#fdecea}tr.warning td.t{background:#fff8e1}tr.info td.t{background:#e8f4fd}
mark{background:#f9c0b8;border-bottom:2px solid #c62828}
div.note{margin:.2em 0 .6em 0;padding:.2em .6em;border-left:4px solid #c62828;background:#fff;font-size:13px}
div.note.warning{border-color:#f9a825}div.note.info{border-color:#1565c0}
table.grid{border-collapse:collapse;margin:.5em 0 .5em 0;font-size:13px}
table.grid th,table.grid td{border:1px solid #bbb;padding:2px 6px}table.grid td{text-align:right}
table.grid th{background:#f4f4f4;font-weight:normal;text-align:left}table.grid a{color:inherit;text-decoration:none}
table.grid td.error{background:#f9c0b8}table.grid td.warning{background:#ffe9a8}table.grid td.info{background:#cfe8fc}
table.grid sup{color:#b71c1c;font-weight:bold}ol.cellnotes{font-size:13px;margin-top:0}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}p.back{display:none}h1~section{break-before:page}
 tr,li,div.note{break-inside:avoid}table.source{font-size:11px}}
@media (max-width:40em){body{margin:.5em}table.grid{font-size:11px}td.n{width:2.5em;padding-right:.3em}}
"""
_RANK = {"error": 2, "warning": 1, "info": 0}
#: A line longer than this is a page saved on one line: a finding on it is placed by its column too.
_LONG_LINE = 120

_WORDS = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果", "error": "错误", "warning": "警告", "info": "提示",
        "legend": ("必须改正", "应当核实", "供参考"), "file": "文件", "clean": "未发现问题",
        "line": "第{n}行", "line_column": "第{n}行第{c}列", "row": "{table} “{row}”一行", "problems": "发现的问题", "text": "报告原文", "tables": "统计表格",
        "delete": "建议删除“{old}”", "replace": "建议将“{old}”改为“{new}”", "write": "建议写作“{new}”",
        "summary": "共检查 {files} 个文件，发现 {problems} 个问题。", "none": "共检查 {files} 个文件，未发现问题。",
        "back": "返回汇总", "made": "由 reportlint {version} 生成",
        "tables_named": {"二": "表二 主动公开政府信息情况", "三": "表三 收到和处理政府信息公开申请情况",
                         "四": "表四 政府信息公开行政复议、行政诉讼情况"},
    },
    "en": {
        "title": "Annual report check results", "error": "error", "warning": "warning", "info": "note",
        "legend": ("must be corrected", "to be checked", "for information"), "file": "File", "clean": "no problems",
        "line": "line {n}", "line_column": "line {n}, column {c}", "row": "{table}, row '{row}'", "problems": "Problems found", "text": "The report's text", "tables": "Statistics tables",
        "delete": "delete '{old}'", "replace": "replace '{old}' with '{new}'", "write": "write '{new}'",
        "summary": "{files} file(s) checked, {problems} problem(s) found.", "none": "{files} file(s) checked, no problems.",
        "back": "back to the summary", "made": "made by reportlint {version}",
        "tables_named": {"二": "Table 2 (二): proactive disclosure", "三": "Table 3 (三): applications received and handled",
                         "四": "Table 4 (四): administrative reconsideration and litigation"},
    },
}


class HtmlFormatter(Formatter):
    name = "html"
    #: ``-o DIR`` (an existing folder) makes a folder of pages instead of one page.
    writes_folder = True
    #: One page only: HTML put before the summary, and CSS added to the page's (``reportlint serve``'s
    #: downloads).
    preface = ""
    style = ""

    def start(self) -> None:
        self.words = _WORDS[self.config.lang]
        self.rows: list[Row] = []  # what the index's overview keeps of each file
        output = self.config.output
        self.folder = output if output and os.path.isdir(output) else None
        if self.folder is None:
            self.body: list[str] = []  # one page: the summary heads it, so the files wait (text only)

    @classmethod
    def folder_files(cls, paths) -> list[str]:
        """The files ``-o DIR`` gets for these reports: the index and a page per report, each name
        distinct (a number first)."""
        return ["index.html", *(_page_name(n, path) for n, path in enumerate(paths, 1))]

    def file(self, result: FileResult) -> None:
        number = len(self.rows) + 1
        section = _file_section(result, self.words, _anchor_id(number, result.path))
        if self.folder is None:
            self.rows.append(Row.of(result, f"#{_anchor_id(number, result.path)}"))
            self.body.append(section)
            return
        name = _page_name(number, result.path)
        self.rows.append(Row.of(result, name))
        back = f'<p class="back"><a href="index.html">{self.words["back"]}</a></p>'
        with open(os.path.join(self.folder, name), "w", encoding="utf-8") as fh:
            fh.write(_page(printable(os.path.basename(result.path)), back + section + back, self.config.lang))

    def finish(self, summary: Summary) -> None:
        head = _summary(self.rows, summary, self.words, self.config.lang, self.catalogue)
        if self.folder is None:
            self.write(_page(self.words["title"], self.preface + head + "".join(self.body), self.config.lang, self.style))
            return
        with open(os.path.join(self.folder, "index.html"), "w", encoding="utf-8") as fh:
            fh.write(_page(self.words["title"], head, self.config.lang))


def _page(title: str, body: str, lang: str, style: str = "") -> str:
    made = html.escape(_WORDS[lang]["made"].format(version=__version__))
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{stylesheet(style)}</style></head><body>\n{body}<footer><small>{made}</small></footer></body></html>\n")


def stylesheet(style: str = "") -> str:
    """The text of every page's one <style> element (``style`` added): what a Content-Security-Policy
    that allows no other style names by its hash (``reportlint serve``)."""
    return _STYLE + OVERVIEW_STYLE + style


def standalone_page(title: str, body: str, lang: str, style: str = "") -> str:
    """A page in the report's look, its footer included (``reportlint serve``'s own pages)."""
    return _page(title, body, lang, style)


def _summary(rows, summary: Summary, words: dict, lang: str, catalogue) -> str:
    out = [f"<h1>{words['title']}</h1>"]
    line = words["summary" if summary.problems else "none"].format(files=summary.files, problems=summary.problems)
    out.append(f"<p>{html.escape(line)}</p>")
    out.append('<p class="legend">' + "".join(
        f'<span class="{s}">{words[s]}</span>{words["legend"][i]}　' for i, s in enumerate(("error", "warning", "info"))) + "</p>")
    out.append(overview(rows, summary, lang, words, catalogue))
    return "".join(out)


def _file_section(result: FileResult, words: dict, anchor: str) -> str:
    out = [f'<section><h2 id="{anchor}">{html.escape(printable(result.path))}</h2>\n']
    lines = result.lines or ()
    cells = {id(d): c for d in result.diagnostics for c in result.cells if _points_at(d, c)}
    rows = {}  # a finding on a table row that points at no figure (its label): the row it is on
    for d in result.diagnostics:
        if id(d) not in cells:
            on_row = _row_of(d, result.cells, lines)
            if on_row is not None:
                rows[id(d)] = on_row
    if result.diagnostics:
        out.append(f"<h3>{words['problems']}</h3><ol class=\"problems\">")
        for d in result.diagnostics:
            target = f"{anchor}-L{d.line}" if lines else None
            out.append(f'<li class="{d.severity}">{_problem(d, cells.get(id(d)), words, target, lines, rows.get(id(d)))}</li>')
        out.append("</ol>\n")
    if lines:
        by_line: dict[int, list] = {}
        for d in result.diagnostics:
            by_line.setdefault(d.line, []).append(d)
        out.append(f"<h3>{words['text']}</h3><table class=\"source\">\n")
        for number, text in enumerate(lines, 1):
            found = by_line.get(number, [])
            worst = max((d.severity for d in found), key=_RANK.get, default=None)
            cls = f' class="{worst}"' if worst else ""
            notes = "".join(f'<div class="note {d.severity}">{_problem(d, cells.get(id(d)), words, None, lines, rows.get(id(d)))}</div>'
                            for d in found)
            out.append(f'<tr{cls} id="{anchor}-L{number}"><td class="n">{number}</td><td class="t">{_marked(text, number, found)}{notes}</td></tr>\n')
        out.append("</table>\n")
    if result.cells:
        out.append(_tables(result, anchor, words))
    out.append("</section>\n")
    return "".join(out)


def _problem(d, cell, words: dict, link: str | None, lines, row_cell=None) -> str:
    """One problem in plain words: severity, where (the report's own table and cell names — or the
    row, for a finding on a row's label — else the line), the message, what to write instead (a
    deletion said as such)."""
    if cell is not None:
        where = _cell_name(cell, words)
    elif row_cell is not None:
        where = _row_name(row_cell, words)
    else:
        long_line = bool(lines) and 1 <= d.line <= len(lines) and len(lines[d.line - 1]) > _LONG_LINE
        where = words["line_column" if long_line else "line"].format(n=d.line, c=d.column)
        if d.location:  # already in the run's language
            where += f"（{d.location}）"
    where_html = f'<a href="#{html.escape(link)}">{html.escape(where)}</a>' if link else html.escape(where)
    advice = ""
    if d.fix is not None:
        line = lines[d.line - 1] if lines and 1 <= d.line <= len(lines) else ""
        old = line[d.fix.column - 1 : d.fix.end_column - 1] if d.fix.line == d.fix.end_line == d.line else ""
        key = "delete" if not d.fix.replacement else "replace" if old else "write"
        advice = f' <span class="advice">{html.escape(words[key].format(old=old, new=d.fix.replacement))}</span>'
    return (f'<span class="sev">{words[d.severity]}</span><span class="where">{where_html}</span>：'
            f'{html.escape(d.message)}{advice} <span class="code">{d.code}</span>')


def _cell_name(cell, words: dict) -> str:
    """表三 自然人 ×（七）总计: the table, the column and the row as the report names them."""
    row = cell.row.split("/")[-1]
    table = words["tables_named"].get(cell.table, cell.table).split(" ")[0]
    return f"{table} {cell.column} × {row}"


def _row_name(cell, words: dict) -> str:
    """表三 “5.属于三类内部事务信息”一行: a finding on a row's label names the row."""
    table = words["tables_named"].get(cell.table, cell.table).split(" ")[0]
    row = cell.row.split("/")[-1]
    return words["row"].format(table=table, row=row)


def _marked(text: str, number: int, diagnostics) -> str:
    """The line with each finding's span wrapped in <mark> (overlapping spans merged)."""
    spans = []
    for d in diagnostics:
        start = max(d.column - 1, 0)
        end = d.end_column - 1 if d.end_line == number else len(text)
        spans.append((start, max(end, start + 1)))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        start, end = min(start, len(text)), min(end, len(text))
        out.append(html.escape(text[last:start]))
        if end > start:
            out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = max(last, end)
    out.append(html.escape(text[last:]))
    return "".join(out)


def _tables(result: FileResult, anchor: str, words: dict) -> str:
    """Each table as read (rows and columns in the report's order), flagged cells highlighted and
    numbered, the reasons listed under the table."""
    out = [f"<h3>{words['tables']}</h3>"]
    for name in dict.fromkeys(cell.table for cell in result.cells):
        cells = [c for c in result.cells if c.table == name]
        rows = list(dict.fromkeys(c.row for c in cells))
        columns = list(dict.fromkeys(c.column for c in cells))
        grid = {(c.row, c.column): c for c in cells}
        notes: list[str] = []
        out.append(f'<h4>{html.escape(words["tables_named"].get(name, name))}</h4><table class="grid"><tr><th></th>')
        out.extend(f"<th>{html.escape(column)}</th>" for column in columns)
        out.append("</tr>")
        for row in rows:
            out.append(f"<tr><th>{html.escape(row.split('/')[-1])}</th>")
            for column in columns:
                cell = grid.get((row, column))
                if cell is None:
                    out.append("<td></td>")
                    continue
                found = [d for d in result.diagnostics if _points_at(d, cell)]
                worst = max((d.severity for d in found), key=_RANK.get, default=None)
                marks = ""
                for d in found:
                    notes.append(f'<li class="{d.severity}" value="{len(notes) + 1}">{_problem(d, cell, words, None, ())}</li>')
                    marks += f"<sup>{len(notes)}</sup>"
                attrs = f' class="{worst}"' if worst else ""
                out.append(f'<td{attrs}><a href="#{anchor}-L{cell.line}">{html.escape(cell.raw) or "&nbsp;"}</a>{marks}</td>')
            out.append("</tr>")
        out.append("</table>\n")
        if notes:
            out.append('<ol class="cellnotes">' + "".join(notes) + "</ol>\n")
    return "".join(out)


#: Which table row a reader's location names: 表3第5行 of "第2页表3第5行第2列（…）".
_TABLE_ROW = lazy(r"(?:第\d+页)?表\d+第\d+行")


def _row_of(d, cells, lines):
    """The table row a finding that points at no cell is about — its label, or its figures as a
    whole — as a cell of that row; None for a finding elsewhere (a heading, a sentence), even on a
    line that holds table rows too (a page saved on one line).

    Where the reader names table rows (DOCX, HTML, PDF), the finding is in the row its location
    names. In text, it stands just before the row's first figure (nothing but spaces between) or
    among the row's figures."""
    if d.location:
        row = _TABLE_ROW.search(d.location)
        if row is None:
            return None
        return next((c for c in cells if c.location and (found := _TABLE_ROW.search(c.location)) and found.group() == row.group()), None)
    text = lines[d.line - 1] if 1 <= d.line <= len(lines) else ""
    by_row: dict = {}
    for c in cells:
        if c.line == d.line:
            by_row.setdefault((c.table, c.row), []).append(c)
    end = d.end_column if d.end_line == d.line else len(text) + 1
    for row_cells in by_row.values():
        first = min(row_cells, key=lambda c: c.column_no)
        last_end = max(c.end_column for c in row_cells)
        if first.column_no <= d.column < last_end:
            return first
        if end <= first.column_no and not text[end - 1 : first.column_no - 1].strip():
            return first
    return None


def _points_at(d, cell) -> bool:
    if d.location and cell.location:
        return d.location in (cell.location, location_text(cell.location, "en"))
    return d.line == cell.line and cell.column_no <= d.column < max(cell.end_column, cell.column_no + 1)


def _anchor_id(number: int, path: str) -> str:
    """The id of the n-th file's section: its number keeps it distinct (``a b.txt`` and ``a_b.txt``)."""
    return f"f{number}-" + re.sub(r"[^\w.-]", "_", path)


def _page_name(number: int, path: str) -> str:
    return f"{number:05d}-{_safe_name(path)}.html"


def _safe_name(path: str) -> str:
    return re.sub(r"[^\w.-]", "_", os.path.basename(path))[:80] or "report"
