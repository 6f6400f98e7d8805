"""RL201–RL203: references to the 条例 — table-二 captions, article and item numbers, its name."""

from __future__ import annotations

import functools
from typing import Iterator

from reportlint import hookimpl
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Finding, Fix
from reportlint.core.model import Report
from reportlint.core.numerals import CHINESE_NUMERALS, to_chinese
from reportlint.core.resources import data_dir, load_toml


@functools.cache
def statute() -> dict:
    data = load_toml(data_dir("rules") / "data" / "statute.toml")
    data["items"] = {int(k): int(v) for k, v in data["items"].items()}
    return data


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("statutes")


@hookimpl
def reportlint_check(report: Report, config: Config) -> Iterator[Finding]:
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
    for citation in report.citations:
        if (citation.line, citation.column) in caption_positions:
            continue  # a table caption: RL201 says which item it should cite
        article, item = citation.article, citation.item
        if not citation.statute or article is None:
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
            yield Finding("RL202", citation.line, citation.column, {"found": citation.raw, "problem": problem},
                          end_column=citation.end_column)


def statute_name(report: Report) -> Iterator[Finding]:
    """RL203: the first mention gives the full name; no mention misquotes it."""
    names = statute()["names"]
    full, short, wrong = names["full"], set(names["short"]), set(names["wrong"])
    first = True
    for work in report.works:
        title, line_no, column, end = work.name, work.line, work.column, work.end_column
        if title in wrong:  # the full name at the first mention, the short one after it: as the fix writes
            expected = f"《{full}》" if first else "《条例》"
            yield Finding("RL203", line_no, column, {"found": work.raw, "expected": expected}, end_column=end,
                          fix=Fix(line_no, column, line_no, end, expected))
            first = False
            continue
        if title == full:
            first = False
            continue
        if title in short:
            if first and title != "条例" and title != "新条例":
                yield Finding("RL203", line_no, column, {"found": work.raw, "expected": f"《{full}》"}, end_column=end,
                              fix=Fix(line_no, column, line_no, end, f"《{full}》"))
            first = False
