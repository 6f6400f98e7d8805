"""Page furniture: what surrounds a report on a saved web page or in a crawler's dump.

Navigation, sharing buttons, counters, a site's footer, a crawler's ``标题:``/``原文链接:`` lines and
the page's clock are not the report: they are never its title, its 落款 or its date. The words are
data (``rules/data/furniture.toml``).
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from reportlint.core import patterns
from reportlint.core.patterns import skipping
from reportlint.core.resources import data_dir, load_toml
from reportlint.parsing import heuristics as h


@functools.cache
def _furniture_data() -> dict:
    return load_toml(data_dir("rules") / "data" / "furniture.toml")


@functools.cache
def _labels() -> str:
    """The page's field labels as one alternation, each letter-spaced or not (索 引 号, 索引号)."""
    return "|".join(r"\s*".join(map(re.escape, label)) for label in sorted(_furniture_data()["labels"], key=len, reverse=True))


@functools.cache
def _data() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = _furniture_data()
    anywhere = skipping("|".join(f"(?:{p})" for p in data["patterns"]), re.IGNORECASE)
    # a label may be letter-spaced (索 引 号:), follow a list's bullet (• 发布机构:) and stand in a
    # table row of the page's header (| 标题: |, or 标 题 | … | with the cell's border for its colon)
    label = patterns.compile(rf"^\s*(?:[|•·]\s*)?(?:{_labels()})\s*[:：|]", re.IGNORECASE)
    clock = skipping("|".join(f"(?:{p})" for p in data["clock"]))
    return anywhere, label, clock


@functools.cache
def _spaced_row() -> tuple[re.Pattern, re.Pattern]:
    """A page header's row whose labels take a space for their colon (索 引 号 H0/2025-001 成文日期
    2025-01-15): a label at its start, another after a space."""
    labels = _labels()
    return patterns.compile(rf"^\s*(?:{labels})\s"), patterns.compile(rf"\s(?:{labels})(?:\s|$)")


def _is_spaced_row(text: str) -> bool:
    """A short row of labels and values without the report's punctuation (:func:`_spaced_row`); a
    dump's one long line may start with a label word and hold the whole report."""
    if len(text.strip()) > h.FURNITURE_LINE_CHARS or any(ch in text for ch in "，。；、"):
        return False
    first, later = _spaced_row()
    lead = first.match(text)
    return lead is not None and later.search(text, lead.end() - 1) is not None


@functools.lru_cache(maxsize=8192)  # table cells repeat ("0", "\t0") within a report and across reports
def is_furniture(text: str) -> bool:
    """Whether a (logical) line is page furniture rather than the report's text: a crawler's or a
    page's ``label: value`` line, the page's clock, or a line of navigation, buttons or footer —
    short, or starting so (a paragraph that merely ends in 附件下载 is the report's)."""
    anywhere, label, clock = _data()
    if label.match(text) or _is_spaced_row(text):
        return True
    if len(text.strip()) > h.FURNITURE_LINE_CHARS:  # a long line only where it starts with furniture
        lead = len(text) - len(text.lstrip())
        return any(anywhere.match(text, pos) for pos in range(lead + 1))
    return bool(clock.search(text) or anywhere.search(text))


def furniture_lines(lines: Sequence[str]) -> frozenset[int]:
    """The (1-based) lines that are page furniture (:func:`is_furniture`)."""
    return frozenset(n for n, line in enumerate(lines, start=1) if line.strip() and is_furniture(line))


def has_furniture(text: str) -> bool:
    """Whether any word of page furniture stands in the line (cheap: one search)."""
    return _data()[0].search(text) is not None


def furniture_starts(text: str) -> list[int]:
    """Where page furniture begins inside a line, after a space (a dump's …。 附件下载)."""
    anywhere = _data()[0]
    return [m.start() for m in anywhere.finditer(text) if m.start() and text[m.start() - 1].isspace()]


def is_clock(text: str) -> bool:
    """A line holding the page's clock or a capture time: its dates are not the report's."""
    return bool(_data()[2].search(text))
