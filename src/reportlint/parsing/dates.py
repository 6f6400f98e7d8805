"""Dates in a report: every date with its position, the statistics period and the 落款 date."""

from __future__ import annotations

from typing import Collection, Sequence

from reportlint.core.model import DateMention
from reportlint.core.numerals import chinese_to_int
from reportlint.core.patterns import lazy
from reportlint.parsing import heuristics as h
from reportlint.parsing.furniture import is_clock, is_furniture

#: The digits of a year written in Chinese numerals. The zero is often typed with what looks like
#: it: a white circle ○ (U+25CB), a letter O, a full-width Ｏ (二○二三年一月二十日 in a 落款).
_CN_YEAR_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0,
                   "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGIT = "".join(_CN_YEAR_DIGITS)
# 2020年1月14日, 2020 年 1 月 14 日, 20201月1日 (年 lost in a web copy), 2020-01-14, 2020.1.14, 2020/1/14
_ARABIC = lazy(
    r"(?<!\d)(\d{4})\s*(?:年\s*|(?=\d{1,2}\s*月))(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
    r"|(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])"
)
_CHINESE = lazy(rf"([{_CN_DIGIT}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,2}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日")
# "到12月31日", "至12月31日止": a period end without its year.
_MONTH_DAY = lazy(r"(?:至|到|—|-|~|～)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_PERIOD_CUE = lazy(
    r"统计(?:期限|时限|时间|区间|周期|期间|时段|范围|口径)|统计数据(?:的)?(?:时间|期限|区间|范围)|统计.{0,8}(?:自|从)"
    r"|数据.{0,6}(?:自|从).{0,3}\d{4}|(?:报告|数据|统计)[^。]{0,12}(?:时间段|涵盖)"
)
#: A page's own date field: 发布时间：…, or a bare 时间：… after its 来源 (来源：…　时间：2024-01-30 15:01).
_PUBLISHED_CUE = lazy(r"(?:(?:发布|印发|公开|成文)(?:日期|时间)|(?:^|(?<=[\s:：]))时间|来源[:：][^:：\d]{0,30}?时间)[:：]?")


def find_dates(lines: Sequence[str], furniture: Collection[int] | None = None) -> list[DateMention]:
    """Every date, with its position. A date on a line of page furniture (a crawler's metadata, the
    page's header or clock; ``furniture``: those lines, if known) is of kind "page": the page's,
    not the report's text."""
    found = []
    for number, text in enumerate(lines, start=1):
        if not text or ("月" not in text and "-" not in text and "." not in text and "/" not in text):
            continue
        on_furniture = number in furniture if furniture is not None else is_furniture(text)
        kind = "page" if on_furniture or is_clock(text) else "other"
        for m in _ARABIC.finditer(text):
            if m.group(1):
                y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            else:
                y, mo, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
            if not h.DATE_YEAR_MIN <= y <= h.DATE_YEAR_MAX:
                continue
            found.append(DateMention(kind, y, mo, d, m.group(0), number, m.start() + 1, m.end() + 1))
        for m in _CHINESE.finditer(text):
            y = int("".join(str(_CN_YEAR_DIGITS[c]) for c in m.group(1)))
            if not h.DATE_YEAR_MIN <= y <= h.DATE_YEAR_MAX:
                continue
            mo, d = chinese_to_int(m.group(2)), chinese_to_int(m.group(3))
            found.append(DateMention(kind, y, mo, d, m.group(0), number, m.start() + 1, m.end() + 1))
    found.sort(key=lambda d: (d.line, d.column))
    return found


def find_period(lines: Sequence[str], dates: Sequence[DateMention]) -> tuple[DateMention, DateMention] | None:
    """The statistics period: two dates in the sentence that speaks of 统计 (or 数据…自…). The
    sentence may run over several lines (a PDF wraps it anywhere); a line may speak of the report
    (报告涵盖六个部分。) before the sentence that gives the period."""
    for number, text in enumerate(lines, start=1):
        if not text:
            continue
        for cue in _PERIOD_CUE.finditer(text):
            period = _period_after(lines, dates, number, text, cue.start())
            if period is not None:
                return period
    return None


def _period_after(lines, dates, number: int, text: str, at: int) -> tuple[DateMention, DateMention] | None:
    after = []
    for d in dates:
        if (d.line, d.column) < (number, at - h.PERIOD_CUE_LOOKBACK) or d.line > number + h.SENTENCE_LINES:
            continue
        if d.line > number and "。" in "".join(lines[number : d.line - 1]) + lines[d.line - 1][: d.column - 1]:
            break  # past the end of the sentence
        if d.line == number and "。" in text[at : d.column - 1]:
            break
        after.append(d)
        if len(after) == 2:
            break
    if not after:
        return None
    start = after[0]
    end = after[1] if len(after) > 1 else None
    if end is None:
        line_text = lines[start.line - 1]
        m = _MONTH_DAY.search(line_text, start.end_column - 1)
        if not m:
            return None
        end = DateMention("period-end", start.year, int(m.group(1)), int(m.group(2)), m.group(0), start.line, m.start() + 1, m.end() + 1)
    return (_as(start, "period-start"), _as(end, "period-end"))


def find_published(lines: Sequence[str], dates: Sequence[DateMention], furniture: Collection[int] | None = None) -> DateMention | None:
    """When the report was published: the later of the page's 发布日期/发布时间 field and the 落款
    (a date standing, almost alone, on one of the report's last lines) — a report goes public
    once signed, not before. Page furniture after the report (附件下载, the site's footer) is not
    its end, and a date in the page's clock or a crawler's capture line is never the report's."""
    found = [d for d in (_page_field(lines, dates), find_signature(lines, dates, furniture)) if d is not None]
    valid = [d for d in found if d.date is not None]
    if valid:
        return _as(max(valid, key=lambda d: d.date), "published")
    return _as(found[0], "published") if found else None


def _page_field(lines: Sequence[str], dates: Sequence[DateMention]) -> DateMention | None:
    for d in dates:
        text = lines[d.line - 1]
        if d.line > h.PUBLISHED_FIELD_LINES or is_clock(text):
            continue
        cue = None
        for cue in _PUBLISHED_CUE.finditer(text, 0, d.column - 1):
            pass  # the cue nearest the date
        if cue is not None and d.column - 1 - cue.end() <= h.PUBLISHED_CUE_GAP and not text[cue.end() : d.column - 1].strip(" :：\t\u3000"):
            return d
    return None


def find_signature(lines: Sequence[str], dates: Sequence[DateMention], furniture: Collection[int] | None = None) -> DateMention | None:
    """The 落款's date: one standing almost alone on one of the report's last lines."""
    tail: set[int] = set()
    for n in range(len(lines), 0, -1):  # the report's last lines, page furniture after it aside
        if lines[n - 1].strip() and not (n in furniture if furniture is not None else is_furniture(lines[n - 1])):
            tail.add(n)
            if len(tail) == h.SIGNATURE_LINES:
                break
    for d in reversed(dates):
        if d.line in tail:
            text = lines[d.line - 1]
            rest = text.replace(d.raw, "").strip(" \t\u3000")
            if len(rest) <= h.SIGNATURE_REST_CHARS and not is_clock(text):
                return d
    return None


def _as(d: DateMention, kind: str) -> DateMention:
    return DateMention(kind, d.year, d.month, d.day, d.raw, d.line, d.column, d.end_column)
