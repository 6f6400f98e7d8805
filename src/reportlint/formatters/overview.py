"""The HTML index's overview, for the evaluators who grade a folder of reports.

One row per report — agency, year, format, publication date against its deadline, errors and
warnings per rule family, a link to its page — grouped by agency (an agency's reports together,
by year); and the picture of the whole folder as inline SVG charts: which rules fail in most
reports, publication dates against the deadline, the formats of each year's reports. The same
figures are in ``--format json`` (each file's, and the summary's) and in ``extract``.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import NamedTuple, Sequence

from reportlint.core.catalogue import Catalogue
from reportlint.core.diagnostic import SEVERITIES, FileResult
from reportlint.formatters import Summary, printable
from reportlint.formatters.charts import Bar, bars, stacked_columns

STYLE = """
div.charts{display:flex;flex-wrap:wrap;gap:1em 2.5em;margin:1em 0}div.charts figure{margin:0;max-width:100%}
div.charts svg{max-width:100%;height:auto}figcaption{font-weight:bold;margin-bottom:.3em}
dl.rules{font-size:12px;margin:.3em 0 0;max-width:560px}dl.rules dt{float:left;clear:left;margin-right:.6em;color:#555}dl.rules dd{margin:0 0 .2em 3.6em}
div.wide{overflow-x:auto}table.files{font-size:.92em}table.files th{white-space:nowrap}table.files td.date,table.files td.kind{white-space:nowrap}table.files td.path{min-width:14em;overflow-wrap:anywhere}table.files th.rowgroup{text-align:left;vertical-align:top;font-weight:normal;background:#f7f7f7;white-space:normal;min-width:6em;max-width:12em}
table.files td.fam{white-space:nowrap;text-align:center}table.files th small{display:block;color:#888;font-weight:normal}
td.fam .sev{margin:0 .1em}td.fam .e{background:#c62828;color:#fff}td.fam .w{background:#f9a825;color:#222}
.late{color:#c62828;font-weight:bold}.ontime{color:#2e7d32}.unknown{color:#888}
@media print{div.charts{break-inside:avoid}table.files{font-size:10px}div.wide{overflow:visible}}
"""

#: Colours of a report's format (template) in the chart of templates per year (a plugin's: grey).
FORMAT_COLOURS = {"2021": "#1565c0", "2019": "#7e57c2", "legacy": "#8d6e63", "mixed": "#ef6c00", "unknown": "#9e9e9e"}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#f9a825", "info": "#1565c0"}
#: Days a report was published after its deadline, in bins: (lowest, highest, key); on time is <= 0.
DELAY_BINS = ((None, -31, "early"), (-30, 0, "just"), (1, 30, "late30"), (31, 90, "late90"), (91, None, "later"))
DELAY_COLOURS = {"early": "#2e7d32", "just": "#66bb6a", "late30": "#ef9a9a", "late90": "#e53935", "later": "#b71c1c", "unknown": "#9e9e9e"}
TOP_RULES = 12

_WORDS = {
    "zh": {
        "overview": "总览", "agency": "机关", "year": "年度", "format": "格式", "published": "发布日期", "deadline": "法定期限",
        "no_agency": "（未识别机关）", "none": "—", "on_time": "按期", "late": "逾期{days}天", "no_date": "未找到",
        "reports": "{n}份", "templates": {"2019": "2019年版", "2021": "2021年版", "legacy": "2019年以前的格式", "mixed": "混用新旧格式", "unknown": "未能识别"},
        "families": {"RL1": "结构", "RL2": "条例引用", "RL3": "表格数据", "RL4": "日期", "RL5": "格式", "RL6": "用语", "RL7": "跨报告", "RL9": "读取"},
        "rules_chart": "问题最多的规则（出现该问题的报告数）", "rule_note": "{files}份报告，{findings}处",
        "dates_chart": "发布日期与法定期限", "templates_chart": "各年度报告所用格式", "unknown_year": "年度不明",
        "delays": {"early": "提前30天以上", "just": "期限前30天内", "late30": "逾期1–30天", "late90": "逾期31–90天", "later": "逾期90天以上", "unknown": "日期不明"},
    },
    "en": {
        "overview": "Overview", "agency": "Agency", "year": "Year", "format": "Format", "published": "Published", "deadline": "Deadline",
        "no_agency": "(agency not found)", "none": "—", "on_time": "on time", "late": "{days} days late", "no_date": "not found",
        "reports": "{n} reports", "templates": {"2019": "2019 format", "2021": "2021 format", "legacy": "pre-2019 format", "mixed": "both formats mixed", "unknown": "not recognised"},
        "families": {"RL1": "structure", "RL2": "statutes", "RL3": "tables", "RL4": "dates", "RL5": "format", "RL6": "wording", "RL7": "across reports", "RL9": "reading"},
        "rules_chart": "Rules failing most (reports with the problem)", "rule_note": "{files} reports, {findings} findings",
        "dates_chart": "Publication against the deadline", "templates_chart": "Formats of each year's reports", "unknown_year": "year unknown",
        "delays": {"early": "over 30 days early", "just": "within 30 days before", "late30": "1–30 days late", "late90": "31–90 days late", "later": "over 90 days late", "unknown": "date unknown"},
    },
}


class Row(NamedTuple):
    """What the index keeps of one file (not its text): a row of the table and the charts' data."""

    path: str
    link: str
    agency: str | None
    year: int | None
    template: str | None
    format: str | None
    published: str | None
    deadline: str | None
    counts: dict
    families: dict

    @classmethod
    def of(cls, result: FileResult, link: str) -> "Row":
        counts = {s: sum(1 for d in result.diagnostics if d.severity == s) for s in SEVERITIES}
        return cls(result.path, link, result.agency, result.year, result.template, result.format,
                   result.published, result.deadline, counts, result.families())

    @property
    def days_late(self) -> int | None:
        """Days after the deadline it was published (0 or less: on time); None when a date is unknown."""
        if self.published is None or self.deadline is None:
            return None
        return (dt.date.fromisoformat(self.published) - dt.date.fromisoformat(self.deadline)).days


def overview(rows: Sequence[Row], summary: Summary, lang: str, words: dict, catalogue: Catalogue | None) -> str:
    """The charts (for two reports or more) and the table of every report."""
    own = _WORDS[lang]
    out = []
    if len(rows) >= 2:
        out.append(f'<h2>{own["overview"]}</h2><div class="charts">')
        out.append(_rules_chart(summary, own, catalogue, lang))
        out.append(_dates_chart(rows, own))
        out.append(_templates_chart(summary, own))
        out.append("</div>\n")
    out.append(table(rows, lang, words))
    return "".join(out)


def table(rows: Sequence[Row], lang: str, words: dict) -> str:
    """One row per report, grouped by agency (its name a cell spanning its reports' rows)."""
    own = _WORDS[lang]
    families = sorted({family for row in rows for family, counts in row.families.items() if counts["error"] or counts["warning"]})
    head = (f'<th>{own["agency"]}</th><th>{words["file"]}</th><th>{own["year"]}</th><th>{own["format"]}</th>'
            f'<th>{own["published"]}</th><th>{own["deadline"]}</th>'
            + "".join(f"<th>{words[s]}</th>" for s in SEVERITIES)
            + "".join(f'<th>{html.escape(own["families"].get(f, f))}<small>{html.escape(f)}</small></th>' for f in families))
    out = [f'<div class="wide"><table class="files"><thead><tr>{head}</tr></thead>']
    for agency, group in _by_agency(rows):
        out.append("<tbody>")
        for i, row in enumerate(group):
            cells = ""
            if i == 0:
                name = html.escape(agency) if agency else own["no_agency"]
                cells += f'<th class="rowgroup" rowspan="{len(group)}" scope="rowgroup">{name}<small>{own["reports"].format(n=len(group))}</small></th>'
            clean = not any(row.counts.values())
            cells += (f'<td class="path"><a href="{html.escape(row.link)}">{html.escape(printable(row.path))}</a></td>'
                      f'<td>{row.year if row.year is not None else own["none"]}</td><td class="kind">{_format(row, own)}</td>'
                      f'<td class="date">{_published(row, own, lang)}</td>'
                      f'<td class="date">{html.escape(_date(row.deadline, lang)) or own["none"]}</td>')
            if clean:
                cells += f'<td colspan="{len(SEVERITIES) + len(families)}">{words["clean"]}</td>'
            else:
                # a count is a badge in its severity's colour: a bare grey figure would read as a line number
                cells += "".join(f'<td class="count {s}"><span class="sev">{row.counts[s]}</span></td>' if row.counts[s]
                                 else '<td class="count none">0</td>' for s in SEVERITIES)
                cells += "".join(_family_cell(row.families.get(f)) for f in families)
            attrs = ' class="clean"' if clean else ""
            out.append(f"<tr{attrs}>{cells}</tr>")
        out.append("</tbody>")
    out.append("</table></div>\n")
    return "".join(out)


def _by_agency(rows: Sequence[Row]) -> list[tuple[str | None, list[Row]]]:
    """The rows grouped by agency, agencies in name order (none found: last), each by year and path."""
    groups: dict[str | None, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.agency, []).append(row)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [(agency, sorted(group, key=lambda r: (r.year is None, r.year or 0, r.path))) for agency, group in ordered]


def _format(row: Row, own: dict) -> str:
    name = own["templates"].get(row.template, row.template) if row.template else own["none"]
    kind = f' <small>{html.escape(row.format.upper())}</small>' if row.format else ""
    return html.escape(name) + kind


def _published(row: Row, own: dict, lang: str) -> str:
    if row.published is None:
        return f'<span class="unknown">{own["no_date"]}</span>'
    date = html.escape(_date(row.published, lang))
    days = row.days_late
    if days is None:
        return date
    if days > 0:
        return f'{date} <span class="late">{own["late"].format(days=days)}</span>'
    return f'{date} <span class="ontime">{own["on_time"]}</span>'


def _date(iso: str | None, lang: str) -> str:
    if iso is None:
        return ""
    date = dt.date.fromisoformat(iso)
    return f"{date.year}年{date.month}月{date.day}日" if lang == "zh" else date.isoformat()


def _family_cell(counts: dict | None) -> str:
    if not counts or not (counts["error"] or counts["warning"]):
        return '<td class="fam"></td>'
    badges = "".join(f'<span class="sev {key[0]}">{counts[key]}</span>' for key in ("error", "warning") if counts[key])
    return f'<td class="fam">{badges}</td>'


def _rules_chart(summary: Summary, own: dict, catalogue: Catalogue | None, lang: str) -> str:
    top = summary.rules_by_files()[:TOP_RULES]
    items = []
    for code, files, findings in top:
        rule = catalogue.get(code) if catalogue is not None else None
        colour = SEVERITY_COLOURS.get(rule.severity if rule else "warning", "#9e9e9e")
        items.append(Bar(code, files, colour, own["rule_note"].format(files=files, findings=findings)))
    described = "".join(f"<dt>{html.escape(code)}</dt><dd>{html.escape(rule.short_description(lang))}</dd>"
                        for code, _, _ in top for rule in [catalogue.get(code) if catalogue is not None else None] if rule)
    chart = bars(own["rules_chart"], items) if items else f"<p>{own['none']}</p>"
    return (f'<figure><figcaption>{own["rules_chart"]}</figcaption>{chart}'
            + (f'<dl class="rules">{described}</dl>' if described else "") + "</figure>")


def _dates_chart(rows: Sequence[Row], own: dict) -> str:
    counts = dict.fromkeys([key for _, _, key in DELAY_BINS] + ["unknown"], 0)
    for row in rows:
        counts[_delay_bin(row.days_late)] += 1
    items = [Bar(own["delays"][key], n, DELAY_COLOURS[key]) for key, n in counts.items()]
    return f'<figure><figcaption>{own["dates_chart"]}</figcaption>{bars(own["dates_chart"], items, width=440)}</figure>'


def _delay_bin(days: int | None) -> str:
    if days is None:
        return "unknown"
    for low, high, key in DELAY_BINS:
        if (low is None or days >= low) and (high is None or days <= high):
            return key
    raise AssertionError(days)


def _templates_chart(summary: Summary, own: dict) -> str:
    years = sorted(summary.templates_by_year.items(), key=lambda item: (item[0] is None, item[0] or 0))
    groups = [(str(year) if year is not None else own["unknown_year"], dict(counts)) for year, counts in years]
    colours = dict(FORMAT_COLOURS)
    for _, counts in groups:
        for key in counts:
            colours.setdefault(key, "#bdbdbd")
    chart = stacked_columns(own["templates_chart"], groups, colours, own["templates"], width=440)
    return f'<figure><figcaption>{own["templates_chart"]}</figcaption>{chart}</figure>'
