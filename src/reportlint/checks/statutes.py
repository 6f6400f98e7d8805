"""RL201–RL203: references to the 条例 — table-二 captions, article and item numbers, its name."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from reportlint import hookimpl
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.numerals import CHINESE_NUMERALS, number, to_chinese
from reportlint.core.resources import data_dir, load_toml

_NUM = r"[一二三四五六七八九十百零〇\d]+"
_REFERENCE = re.compile(rf"第\s*({_NUM})\s*条(?:\s*第\s*({_NUM})\s*款)?(?:\s*第\s*[（(]\s*({_NUM})\s*[）)]\s*项)?")
_BOOK_TITLE = re.compile(r"《([^《》]{1,40})》")


@functools.cache
def statute() -> dict:
    data = load_toml(data_dir("rules") / "data" / "statute.toml")
    data["items"] = {int(k): int(v) for k, v in data["items"].items()}
    return data


@hookimpl
def reportlint_check(report: Report, config) -> Iterator[Finding]:
    yield from caption_articles(report)
    if report.template != "legacy":  # a pre-2019 report cites the 2007 条例's articles
        yield from invalid_references(report)
    yield from statute_name(report)


def caption_articles(report: Report) -> Iterator[Finding]:
    """RL201: each table-二 caption cites 第二十条 and the item its rows belong to."""
    for caption in report.captions:
        if caption.expected is None:
            continue
        item = caption.item
        if caption.article == 20 and item is not None and f"第二十条第（{CHINESE_NUMERALS.get(item, item)}）项" == caption.expected:
            continue
        yield Finding(
            "RL201", caption.line, caption.column,
            {"found": caption.raw, "expected": caption.expected, "rows": _rows(caption.rows)},
            end_column=caption.end_column,
            fix=Fix(caption.line, caption.column, caption.line, caption.end_column, caption.expected),
        )


def _rows(rows) -> dict[str, str]:
    labels = [r.split("/")[-1] for r in rows]
    return {"zh": "、".join(labels), "en": ", ".join(f"'{label}'" for label in labels)}


def invalid_references(report: Report) -> Iterator[Finding]:
    """RL202: an article beyond 第五十六条, or an item the article does not have."""
    data = statute()
    caption_positions = {(c.line, c.column) for c in report.captions if c.expected is not None}
    for line_no, text in enumerate(report.lines, start=1):
        if "条" not in text:
            continue
        for m in _REFERENCE.finditer(text):
            if (line_no, m.start() + 1) in caption_positions:
                continue  # a table caption: RL201 says which item it should cite
            if _cites_other_law(text, m.start()):
                continue
            if m.group(1).strip().isdigit() and "条例" not in text[max(0, m.start() - 15) : m.start()]:
                continue  # "发布第100条政务微博": statute references are written in Chinese numerals
            article = number(m.group(1))
            item = number(m.group(3)) if m.group(3) else None
            if article is None:
                continue
            problem = None
            if article > data["articles"] or article < 1:
                problem = {"zh": f"《条例》只有{data['articles']}条", "en": f"the regulation has {data['articles']} articles"}
            elif item is not None:
                allowed = data["items"].get(article)
                if allowed is None:
                    problem = {"zh": f"第{to_chinese(article)}条没有分项", "en": f"article {article} has no items"}
                elif item > allowed:
                    problem = {"zh": f"第{to_chinese(article)}条只有{allowed}项", "en": f"article {article} has {allowed} items"}
            if problem:
                yield Finding("RL202", line_no, m.start() + 1, {"found": m.group(0), "problem": problem},
                              end_column=m.end() + 1)


_INSTRUMENT = re.compile(r"(条例|法|办法|规定|细则|意见|通知|决定|规则|章程|准则|标准)》?\s*$")


def _cites_other_law(text: str, position: int) -> bool:
    """Whether the reference belongs to an instrument other than the 条例: 《保守国家秘密法》第九条,
    保密法第九条. A bare 第X条 is read as the 条例's, as it is in these reports."""
    before = text[max(0, position - 30) : position]
    titles = _BOOK_TITLE.findall(before)
    if titles and before.rstrip().endswith("》"):
        last = titles[-1]
        return "政府信息公开条例" not in last and last not in ("条例", "新条例")
    m = _INSTRUMENT.search(before)
    if m is None:
        return False
    return m.group(1) != "条例" or "政府信息公开" not in before and "《条例》" not in before[-6:] and not before.rstrip().endswith("条例")


def statute_name(report: Report) -> Iterator[Finding]:
    """RL203: the first mention gives the full name; no mention misquotes it."""
    names = statute()["names"]
    full, short, wrong = names["full"], set(names["short"]), set(names["wrong"])
    first = True
    for line_no, text in enumerate(report.lines, start=1):
        if "《" not in text:
            continue
        for m in _BOOK_TITLE.finditer(text):
            title = m.group(1)
            if title in wrong:  # the full name at the first mention, the short one after it: as the fix writes
                expected = f"《{full}》" if first else "《条例》"
                yield Finding("RL203", line_no, m.start() + 1, {"found": m.group(0), "expected": expected},
                              end_column=m.end() + 1, fix=Fix(line_no, m.start() + 1, line_no, m.end() + 1, expected))
                first = False
                continue
            if title == full:
                first = False
                continue
            if title in short:
                if first and title != "条例" and title != "新条例":
                    yield Finding("RL203", line_no, m.start() + 1, {"found": m.group(0), "expected": f"《{full}》"},
                                  end_column=m.end() + 1,
                                  fix=Fix(line_no, m.start() + 1, line_no, m.end() + 1, f"《{full}》"))
                first = False
