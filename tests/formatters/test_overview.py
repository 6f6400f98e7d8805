"""The overview for evaluators (issue 22): each report's agency, year, format, publication date
against its deadline and findings per rule family — in the HTML index (grouped by agency, with
inline SVG charts of the whole folder), in ``--format json`` and in ``extract`` — all the same figures."""

from __future__ import annotations

import collections
import csv
import html as html_lib
import io
import json
import re

import pytest

from reportlint.core.diagnostic import Diagnostic, FileResult
from reportlint.core.publication import deadline_of, issuer_kind
from reportlint.core.resources import validate
from reportlint.formatters.charts import Bar, bars, stacked_columns
from support.paths import SAMPLE_REPORTS

SEED = "000_46da6a5f0760e49a"
SAMPLE = (SAMPLE_REPORTS / f"{SEED}.txt").read_text(encoding="utf-8")


def check_json(run_cli, *args, cwd=None) -> dict:
    return json.loads(run_cli("check", "--no-cache", "--format", "json", *map(str, args), cwd=cwd).stdout)


def index_table(page: str) -> str:
    return page[page.index('<table class="files">'): page.index("</table>")]


def rows_of(page: str) -> list[str]:
    return re.findall(r"<tr(?: class=\"clean\")?>(.*?)</tr>", index_table(page).split("</thead>", 1)[1], re.S)


# --- who issued a report, and its deadline ------------------------------------------------------------


@pytest.mark.parametrize("agency, kind, deadline", [
    ("丰城市商务局", "department", "2021-01-31"), ("丰城市人民政府", "government", "2021-03-31"),
    ("某某镇人民政府", "township", "2021-03-31"), (None, "department", "2021-01-31"),
    # a title that names the place alone: its government's report, or its township's
    ("宁远市", "government", "2021-03-31"), ("某某市东湖区", "government", "2021-03-31"),
    ("某某区长林街道", "township", "2021-03-31"), ("某某县青石镇", "township", "2021-03-31"),
    ("某某经济开发区", "department", "2021-01-31")])
def test_the_deadline_follows_the_issuer(agency, kind, deadline):
    settings = {"department-deadline": "01-31", "government-deadline": "03-31", "township-deadline": "03-31"}
    assert issuer_kind(agency) == kind
    assert deadline_of(agency, 2020, settings).isoformat() == deadline
    assert deadline_of(agency, None, settings) is None
    assert deadline_of(agency, 2020, {**settings, f"{kind}-deadline": "02-30"}) is None  # no date: no deadline


# --- check --format json --------------------------------------------------------------------------


def test_json_carries_each_reports_agency_dates_and_findings_per_family(run_cli):
    data = check_json(run_cli, SAMPLE_REPORTS)
    validate(data, "diagnostics")
    first = next(f for f in data["files"] if f["path"].endswith(f"{SEED}.txt"))
    assert (first["agency"], first["published"], first["deadline"], first["on_time"]) == (
        "丰城市商务局", "2021-01-14", "2021-01-31", True)
    for file in data["files"]:
        counted = collections.defaultdict(collections.Counter)
        for d in file["diagnostics"]:
            counted[d["code"][:3]][d["severity"]] += 1
        assert {family: {s: counts[s] for s in ("error", "warning", "info")} for family, counts in counted.items()} == file["families"]
    summary = data["summary"]
    by_files = collections.Counter(code for f in data["files"] for code in {d["code"] for d in f["diagnostics"]})
    by_findings = collections.Counter(d["code"] for f in data["files"] for d in f["diagnostics"])
    assert summary["rules"] == {code: {"files": n, "findings": by_findings[code]} for code, n in by_files.items()}
    ranked = [(v["files"], v["findings"]) for v in summary["rules"].values()]
    assert ranked == sorted(ranked, reverse=True)  # the most widespread first
    years = collections.defaultdict(collections.Counter)
    for f in data["files"]:
        years[str(f["year"])][f["template"]] += 1
    assert summary["formats_by_year"] == {year: dict(counts) for year, counts in years.items()}
    on_time = collections.Counter({True: "on_time", False: "late", None: "unknown"}[f["on_time"]] for f in data["files"])
    assert summary["publication"] == {key: on_time[key] for key in ("on_time", "late", "unknown")}


def late(text: str, date: str) -> str:
    return text.replace("2021年1月14日", date)


def test_a_late_report_and_a_governments_own_deadline(run_cli, write, tmp_path):
    write("late.txt", late(SAMPLE, "2021年2月20日"))
    write("gov.txt", late(SAMPLE, "2021年2月20日").replace("丰城市商务局", "丰城市人民政府"))
    data = {f["path"]: f for f in check_json(run_cli, "late.txt", "gov.txt", cwd=tmp_path)["files"]}
    assert (data["late.txt"]["deadline"], data["late.txt"]["on_time"]) == ("2021-01-31", False)
    assert (data["gov.txt"]["agency"], data["gov.txt"]["deadline"], data["gov.txt"]["on_time"]) == ("丰城市人民政府", "2021-03-31", True)
    (tmp_path / ".reportlint.toml").write_text('department-deadline = "02-28"\n', encoding="utf-8")
    configured = {f["path"]: f for f in check_json(run_cli, "late.txt", cwd=tmp_path)["files"]}
    assert (configured["late.txt"]["deadline"], configured["late.txt"]["on_time"]) == ("2021-02-28", True)


def test_the_result_cache_keeps_the_overview_figures(run_cli, write, tmp_path):
    write("late.txt", late(SAMPLE, "2021年2月20日"))
    args = ("check", "--format", "json", "--cache-dir", str(tmp_path / "cache"), "late.txt")
    fresh = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    cached = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert (tmp_path / "cache").is_dir() and cached == fresh and cached["files"][0]["on_time"] is False


def test_an_unreadable_file_has_no_agency_or_dates(run_cli, write, tmp_path):
    data = check_json(run_cli, "missing.txt", cwd=tmp_path)
    validate(data, "diagnostics")
    [file] = data["files"]
    assert (file["agency"], file["published"], file["deadline"], file["on_time"]) == (None, None, None, None)
    assert file["families"] == {"RL9": {"error": 1, "warning": 0, "info": 0}}


# --- extract ----------------------------------------------------------------------------------------


def test_extract_carries_the_same_dates(run_cli, write, tmp_path):
    write("late.txt", late(SAMPLE, "2021年2月20日"))
    data = json.loads(run_cli("extract", "late.txt", cwd=tmp_path).stdout)
    validate(data, "extract")
    checked = check_json(run_cli, "late.txt", cwd=tmp_path)["files"][0]
    [extracted] = data["files"]
    for key in ("agency", "year", "template", "published", "deadline", "on_time"):
        assert extracted[key] == checked[key], key
    rows = list(csv.DictReader(io.StringIO(run_cli("extract", "late.txt", "--format", "csv", cwd=tmp_path).stdout)))
    assert rows and all((r["published"], r["deadline"]) == ("2021-02-20", "2021-01-31") for r in rows)


# --- the HTML index -----------------------------------------------------------------------------------


def test_the_index_of_the_five_samples_has_five_rows_grouped_by_agency_and_three_charts(run_cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    run_cli("check", "--no-cache", "--format", "html", "-o", str(out), str(SAMPLE_REPORTS))
    index = (out / "index.html").read_text(encoding="utf-8")
    data = check_json(run_cli, SAMPLE_REPORTS)
    rows = rows_of(index)
    assert len(rows) == 5 == len(data["files"])
    for file in data["files"]:
        [row] = [r for r in rows if html_lib.escape(file["path"]) in r]
        link = re.search(r'<a href="([^"]+)">', row).group(1)
        assert (out / link).is_file()  # its page
        assert f"<td>{file['year']}</td>" in row
    agencies = re.findall(r'<th class="rowgroup" rowspan="(\d+)" scope="rowgroup">([^<]+)', index)
    names = [name for _, name in agencies]
    assert names == sorted(names) and sum(int(n) for n, _ in agencies) == 5
    assert "2021年1月14日" in index and "按期" in index and "2021年1月31日" in index
    assert "2019年版" in index and "2021年版" in index
    charts = re.findall(r"<figure><figcaption>([^<]+)</figcaption>(<svg.*?</svg>)", index, re.S)
    assert [title for title, _ in charts] == ["问题最多的规则（出现该问题的报告数）", "发布日期与法定期限", "各年度报告所用格式"]
    rules, dates, formats = (svg for _, svg in charts)
    top = list(data["summary"]["rules"].items())[0]
    assert f">{top[0]}</text>" in rules and f"{top[1]['files']}份报告，{top[1]['findings']}处" in rules
    assert ">1</text>" in dates and "期限前30天内" in dates and "日期不明" in dates
    for year, formats_of_year in data["summary"]["formats_by_year"].items():
        assert f">{year}</text>" in formats and f">{sum(formats_of_year.values())}</text>" in formats
    assert "<script" not in index and " on" not in re.sub(r"<text[^>]*>[^<]*</text>", "", "".join(svg for _, svg in charts))


def test_a_family_column_counts_errors_and_warnings(run_cli):
    page = run_cli("check", "--no-cache", "--format", "html", str(SAMPLE_REPORTS / f"{SEED}.txt")).stdout
    data = check_json(run_cli, SAMPLE_REPORTS / f"{SEED}.txt")
    head = index_table(page).split("</thead>")[0]
    families = [f for f, counts in data["files"][0]["families"].items() if counts["error"] or counts["warning"]]
    assert re.findall(r"<small>(RL\d)</small>", head) == families
    [row] = rows_of(page)
    cells = re.findall(r'<td class="fam">(.*?)</td>', row)
    for family, cell in zip(families, cells):
        counts = data["files"][0]["families"][family]
        assert re.findall(r'<span class="sev e">(\d+)</span>', cell) == ([str(counts["error"])] if counts["error"] else [])
        assert re.findall(r'<span class="sev w">(\d+)</span>', cell) == ([str(counts["warning"])] if counts["warning"] else [])
    assert "<svg" not in page  # one report: no picture of a folder


def test_a_late_report_is_marked_late_in_both_languages(run_cli, write, tmp_path):
    write("late.txt", late(SAMPLE, "2021年2月20日"))
    write("ok.txt", SAMPLE)
    zh = run_cli("check", "--no-cache", "--format", "html", "late.txt", "ok.txt", cwd=tmp_path).stdout
    en = run_cli("check", "--no-cache", "--format", "html", "--lang", "en", "late.txt", "ok.txt", cwd=tmp_path).stdout
    assert "逾期20天" in index_table(zh) and "按期" in index_table(zh)
    assert "20 days late" in index_table(en) and "on time" in index_table(en) and "Publication against the deadline" in en
    assert "逾期1–30天" in zh


def test_names_and_agencies_are_escaped_in_the_table_and_charts(run_cli, write, tmp_path):
    write("<b>x</b>.txt", SAMPLE.replace("丰城市商务局", "<i>某局</i>"))
    write("b.txt", SAMPLE)
    page = run_cli("check", "--no-cache", "--format", "html", "<b>x</b>.txt", "b.txt", cwd=tmp_path).stdout
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;.txt" in page
    assert "<i>" not in index_table(page)


def test_charts_escape_their_words_and_scale_their_bars():
    svg = bars("t<", [Bar("<a>", 4, "#000", "4 & more"), Bar("b", 2, "#000")], width=400)
    assert "<a>" not in svg and "&lt;a&gt;" in svg and "4 &amp; more" in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    columns = stacked_columns("t", [("2020", {"2019": 3}), ("2021", {"2021": 1, "2019": 1})], {"2021": "#00f", "2019": "#f00"},
                              {"2021": "2021年版", "2019": "2019年版"})
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)" fill', columns)][:3]
    assert heights[0] == pytest.approx(3 * heights[1], rel=0.01) and "2021年版" in columns and ">3</text>" in columns


def test_a_plugins_codes_make_their_own_family():
    d = Diagnostic("a.txt", "XYZ101", "x", "warning", "m", 1, 1, 1, 2)
    assert FileResult("a.txt", (d, d._replace(code="XYZ305", severity="error"))).families() == {
        "XYZ1": {"error": 0, "warning": 1, "info": 0}, "XYZ3": {"error": 1, "warning": 0, "info": 0}}
