"""RL401–RL406: the report year, the statistics period, the publication date and the plan's year."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from typing import Iterator

from reportlint import hookimpl
from reportlint.checks import date_words
from reportlint.core import patterns
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding
from reportlint.core.model import Report
from reportlint.core.publication import deadline_date, issuer_kind
from reportlint.core.patterns import lazy
from reportlint.core.resources import data_dir, load_toml

@functools.cache
def _plan() -> tuple[re.Pattern, re.Pattern]:
    """A year that starts a plan (rules/data/plans.toml): a marker of the future in its clause; and
    what, in that clause, makes the year the plan's basis instead."""
    data = load_toml(data_dir("rules") / "data" / "plans.toml")
    verbs = "|".join(map(re.escape, data["verbs"]))
    not_marker = "".join(f"(?<!{re.escape(w)})" for w in data["marker_not_after"])
    markers = "|".join(map(re.escape, data["markers"]))
    marker_not_before = "|".join(map(re.escape, data["marker_not_before"]))
    not_year = "".join(f"(?<!{re.escape(w)})" for w in data["year_not_after"])
    plan = patterns.compile(rf"{not_year}(\d{{4}})\s*年度?[，,]?\s*[^。；;！？\d]{{0,12}}?"
                            rf"(?:(?:还|也|仍|都|均|亦)?(?:将会|将|要|需要)(?:{verbs})|{not_marker}(?:{markers})(?!{marker_not_before}))")
    return plan, patterns.compile("|".join(map(re.escape, data["basis"])))


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("dates")


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
    yield from report_year(report)
    yield from statistics_period(report)
    yield from impossible_dates(report)
    yield from late_publication(report, config)
    yield from plan_year(report)
    yield from undated(report)


def report_year(report: Report) -> Iterator[Finding]:
    """RL404: a year must be found, and title, statistics period and body must agree on it."""
    if not report.recognised:
        return
    if report.year is None:
        line = report.title.line if report.title else 1
        yield Finding("RL404", line, 1, {"problem": {"zh": "找不到报告年度（标题、统计期限和正文中都没有）", "en": "no report year in the title, the statistics period or the text"}})
        return
    if report.title is None or report.title.year is None:
        return
    year = report.title.year
    if year != report.year:
        # The statistics period and 总体情况 agree on another year: the title is the mistake.
        yield Finding("RL404", report.title.line, report.title.column,
                      {"problem": {"zh": f"标题为{year}年，统计期限和正文所述却是{report.year}年", "en": f"the title says {year}, the statistics period and the text {report.year}"}})
        return
    named = _self_named(report)
    if named is not None and named[0] != year:
        found, line, column, end = named
        yield Finding("RL404", line, column, {"problem": {"zh": f"正文称本报告为{found}年度报告，标题和统计期限却是{year}年", "en": f"the text calls this the {found} report, the title and the statistics period say {year}"}},
                      end_column=end)
        return
    opening = _opening_of_another_year(report, year)
    if opening is not None:
        found, line, column, end = opening
        yield Finding("RL404", line, column, {"problem": {"zh": f"总体情况写的是“{found}年，……”，报告年度却是{year}年（沿用上年报告？）",
                                                          "en": f"the overview says “{found}年，…”, but the report is for {year} (last year's text kept?)"}},
                      end_column=end)
        return
    body = _body_years(report)
    if body:
        top, count = body.most_common(1)[0]
        total = sum(body.values())
        if top != year and count >= 3 and count >= 0.7 * total:
            yield Finding("RL404", report.title.line, report.title.column, {"problem": {"zh": f"标题为{year}年，正文所述却主要是{top}年", "en": f"the title says {year}, the text speaks mostly of {top}"}})


#: A report naming itself: 现编制完成2023年度政府信息公开工作年度报告 (not 《…2019年政府信息公开工作年度报告…的通知》).
_SELF_NAMED = lazy(r"(?:编制|编写|形成|完成|现将|特?发布|公布|本)[^。《》\d]{0,6}?(20\d{2})\s*年度?政府信息公开工作年度报告(?![^《》]*》)")


def _self_named(report: Report) -> tuple[int, int, int, int] | None:
    """(year, line, column, end column) of the first sentence before 二 in which the report names
    itself with a year."""
    for para in report.paragraphs:
        if para.section not in (None, 1):
            continue
        m = _SELF_NAMED.search(para.text)
        if m is not None:
            return (int(m.group(1)), *para.span(m.start(1), m.end(1)))
    return None


#: A sentence of 总体情况 that opens with a year and a comma: 2022年，我局…
_OPENING_YEAR = lazy(r"[\s\u3000]*(20\d{2})\s*年度?\s*[，,]")
#: A topic's heading standing as a sentence of its own: （一）主动公开情况。
_TOPIC_HEADING = lazy(r"[\s\u3000]*[（(][一二三四五六七八九十][）)][^，,。；;]{0,20}[。：:]?[\s\u3000]*")


def _opening_of_another_year(report: Report, year: int) -> tuple[int, int, int, int] | None:
    """(year, line, column, end column) of 总体情况's opening sentence when it opens with an earlier
    year than the report's and names no other (2022年，我局… in the 2023 report): the year's work
    told as last year's. A topic's own heading (（一）主动公开。) before it is passed over; later
    sentences may look back (2022年，我局收到…，同比…) and are not read."""
    for para in report.paragraphs:
        if para.section != 1:
            continue
        for start, end in para.sentences:
            if _TOPIC_HEADING.fullmatch(para.text, start, end):
                continue
            m = _OPENING_YEAR.match(para.text, start, end)
            if m is None or int(m.group(1)) >= year or str(year) in para.text[m.end() : end]:
                return None
            return (int(m.group(1)), *para.span(m.start(1), m.end(1)))
    return None


def _body_years(report: Report) -> Counter:
    """Years the 总体情况 speaks of (2020年, 2020年度), dates aside."""
    if report.section(1) is None:
        return Counter()
    date_spans = {(d.line, d.column) for d in report.dates}
    return Counter(y.year for y in report.years if y.section == 1 and (y.line, y.column) not in date_spans)


def statistics_period(report: Report) -> Iterator[Finding]:
    """RL401: the statistics period is 1 January to 31 December of the report year."""
    if report.period is None or report.year is None:
        return
    start, end = report.period
    want = (dt.date(report.year, 1, 1), dt.date(report.year, 12, 31))
    if (start.date, end.date) == want:
        return
    if start.date is None or end.date is None:
        return  # an impossible date: RL403 says so
    yield Finding(
        "RL401", start.line, start.column,
        {"found": _period(start.date, end.date), "year": report.year},
        end_column=end.end_column if end.line == start.line else start.end_column,
    )


def _period(start: dt.date, end: dt.date) -> dict[str, str]:
    first, last = date_words(start), date_words(end)
    return {"zh": f"{first['zh']}至{last['zh']}", "en": f"{first['en']} to {last['en']}"}


def impossible_dates(report: Report) -> Iterator[Finding]:
    """RL403: no 2月30日, and no publication before the year it reports on has ended."""
    for date in report.dates:
        if not date.valid and date.kind != "page":  # the page's header and clock are not the report
            yield Finding("RL403", date.line, date.column, {"found": date.raw, "problem": {"zh": "日期不存在", "en": "does not exist"}}, end_column=date.end_column)
    if report.year is None:
        return
    # the publication, and the 落款 where the page's later date outweighs it (a 落款 copied from
    # last year's report: 2021年1月25日 in the 2021 report)
    # one finding for one date: the 落款 is often the publication date too (the same place, two
    # kinds), and a page's 发布时间 the 落款's day (said once, at the 落款)
    dated: dict = {}
    for d in (report.signed, report.published):
        if d is not None and d.date is not None:
            dated.setdefault(d.date, d)
    for date in dated.values():
        if date.date <= dt.date(report.year, 12, 31) and date.date.year >= 2000:
            yield Finding("RL403", date.line, date.column,
                          {"found": date.raw, "problem": {"zh": f"早于{report.year}年度结束，报告不可能在此时发布", "en": f"is before the end of {report.year}, the year reported on"}},
                          end_column=date.end_column)


def late_publication(report: Report, config: Config) -> Iterator[Finding]:
    """RL402: published after 31 January (departments) or 31 March (a government's own report)."""
    published = report.published
    if published is None or published.date is None or report.year is None:
        return
    kind = issuer_kind(report.agency)
    key = f"{kind}-deadline"
    setting = config.setting(key)  # the host fills in the default declared in rules/catalogue/dates.toml
    if setting is None:
        return
    deadline = deadline_date(report.year + 1, key, setting)
    if published.date > deadline:
        yield Finding(
            "RL402", published.line, published.column,
            {"published": date_words(published.date), "deadline": date_words(deadline),
             "issuer": _ISSUERS[kind]},
            end_column=published.end_column,
        )


_ISSUERS = {
    "department": {"zh": "政府部门", "en": "a department's report"},
    "government": {"zh": "本级政府", "en": "a government's own report"},
    "township": {"zh": "乡镇（街道）", "en": "a township's (subdistrict's) report"},
}


def plan_year(report: Report) -> Iterator[Finding]:
    """RL405: the improvement plan in 五 is for the next year. A year followed by a marker of the
    future (将进一步, 计划, 下一步…) starts a plan; the report's own year there is last year's plan
    copied forward. 将 as a preposition (2021年，我局将X纳入考核) says what was done: no plan."""
    if report.year is None:
        return
    plan, basis = _plan()
    for para in report.paragraphs:
        if para.section != 5:
            continue
        for m in plan.finditer(para.text):
            year = int(m.group(1))
            if year == report.year + 1 or basis.search(m.group(0)):
                continue
            line, column, end = para.span(m.start(1), m.end(1))
            yield Finding("RL405", line, column, {"found": year, "expected": report.year + 1}, end_column=end)


def undated(report: Report) -> Iterator[Finding]:
    """RL406: no 落款 date found."""
    if report.published is None and report.recognised:
        yield Finding("RL406", report.last_line, 1, {})
