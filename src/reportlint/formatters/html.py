"""A standalone HTML page: each file's lines with the findings marked where they stand, and its
statistics tables redrawn as grids with the cells that findings point at highlighted.

No scripts and no external resources, so the page can be mailed to the office that wrote the
report. Needs the report's lines, which results carry when this format is chosen.
"""

from __future__ import annotations

import html

from reportlint import __version__
from reportlint.core.diagnostic import FileResult
from reportlint.formatters import Formatter, Summary
from reportlint.formatters.text import summary_line

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
table.source{border-collapse:collapse;font-family:monospace;font-size:14px;width:100%}
td.n{color:#888;text-align:right;padding-right:1em;user-select:none;vertical-align:top;width:4em}
td.t{white-space:pre-wrap;word-break:break-all;tab-size:4}
tr.error td.t{background:#fdecea}tr.warning td.t{background:#fff8e1}tr.info td.t{background:#e8f4fd}
mark{background:#f9c0b8;border-bottom:2px solid #c62828}
ul.d{margin:.2em 0 .6em 0;padding-left:1.2em;font-family:system-ui,sans-serif;font-size:13px}
li.error{color:#b71c1c}li.warning{color:#8a5a00}li.info{color:#0d47a1}
code{font-weight:bold}.fix{color:#2e7d32}
table.grid{border-collapse:collapse;margin:.5em 0 1.5em 0;font-size:13px}
table.grid th,table.grid td{border:1px solid #bbb;padding:2px 6px}table.grid td{text-align:right}
table.grid th{background:#f4f4f4;font-weight:normal;text-align:left}table.grid a{color:inherit;text-decoration:none}
table.grid td.error{background:#f9c0b8}table.grid td.warning{background:#ffe9a8}table.grid td.info{background:#cfe8fc}
"""
_RANK = {"error": 2, "warning": 1, "info": 0}


class HtmlFormatter(Formatter):
    name = "html"

    def start(self) -> None:
        title = "reportlint 检查结果" if self.config.lang == "zh" else "reportlint results"
        self.write(
            f'<!DOCTYPE html>\n<html lang="{"zh-CN" if self.config.lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_STYLE}</style></head><body>\n<h1>{title}</h1>\n"
        )

    def file(self, result: FileResult) -> None:
        path = html.escape(result.path)
        self.write(f'<section><h2 id="{path}">{path}</h2>\n')
        by_line: dict[int, list] = {}
        for d in result.diagnostics:
            by_line.setdefault(d.line, []).append(d)
        lines = result.lines or ()
        if result.diagnostics:  # an index of the findings, each linked to its line below
            self.write(_diagnostic_list(result.diagnostics, result.path if lines else None))
        if lines:
            self.write('<table class="source">\n')
            for number, text in enumerate(lines, 1):
                found = by_line.get(number, [])
                worst = max((d.severity for d in found), key=_RANK.get, default=None)
                cls = f' class="{worst}"' if worst else ""
                self.write(f'<tr{cls} id="{path}-L{number}"><td class="n">{number}</td><td class="t">{_marked(text, number, found)}')
                if found:
                    self.write(_diagnostic_list(found))
                self.write("</td></tr>\n")
            self.write("</table>\n")
        if result.cells:
            self.write(_tables(result))
        self.write("</section>\n")

    def finish(self, summary: Summary) -> None:
        self.write(f"<p>{html.escape(summary_line(summary, self.config.lang))}</p>\n")
        self.write(f'<footer><small>reportlint {html.escape(__version__)}</small></footer></body></html>\n')


def _diagnostic_list(diagnostics, link_to: str | None = None) -> str:
    """The findings as a list; with ``link_to`` (the file's path) each starts with a link to its line."""
    items = []
    for d in diagnostics:
        fix = f' <span class="fix">→ {html.escape(d.fix.replacement)}</span>' if d.fix else ""
        where = f" （{html.escape(d.location)}）" if d.location else ""
        link = f'<a href="#{html.escape(link_to)}-L{d.line}">{d.line}:{d.column}</a> ' if link_to else ""
        items.append(
            f'<li class="{d.severity}">{link}<code>{d.code}</code> {html.escape(d.name)}: {html.escape(d.message)}{where}{fix}</li>'
        )
    return '<ul class="d">' + "".join(items) + "</ul>"


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


_TABLE_NAMES = {"二": "第二部分 主动公开政府信息情况", "三": "第三部分 收到和处理政府信息公开申请情况",
                "四": "第四部分 政府信息公开行政复议、行政诉讼情况"}


def _tables(result: FileResult) -> str:
    """Each table as read (rows and columns in the report's order), flagged cells highlighted."""
    out = []
    for name in dict.fromkeys(cell.table for cell in result.cells):
        cells = [c for c in result.cells if c.table == name]
        rows = list(dict.fromkeys(c.row for c in cells))
        columns = list(dict.fromkeys(c.column for c in cells))
        grid = {(c.row, c.column): c for c in cells}
        out.append(f'<h3>表{html.escape(name)} {html.escape(_TABLE_NAMES.get(name, ""))}</h3><table class="grid"><tr><th></th>')
        out.extend(f"<th>{html.escape(column)}</th>" for column in columns)
        out.append("</tr>")
        for row in rows:
            out.append(f"<tr><th>{html.escape(row)}</th>")
            for column in columns:
                cell = grid.get((row, column))
                if cell is None:
                    out.append("<td></td>")
                    continue
                found = [d for d in result.diagnostics if _points_at(d, cell)]
                worst = max((d.severity for d in found), key=_RANK.get, default=None)
                attrs = f' class="{worst}" title="{html.escape(" / ".join(f"{d.code} {d.message}" for d in found))}"' if worst else ""
                out.append(f'<td{attrs}><a href="#{html.escape(result.path)}-L{cell.line}">{html.escape(cell.raw) or "&nbsp;"}</a></td>')
            out.append("</tr>")
        out.append("</table>\n")
    return "".join(out)


def _points_at(d, cell) -> bool:
    if d.location and cell.location:
        return d.location == cell.location
    return d.line == cell.line and cell.column_no <= d.column < max(cell.end_column, cell.column_no + 1)
