"""Which of the format's rows a label found in the text names, and whether it is worded as the format.

Labels arrive with their numbering written otherwise (``1、``), their group label in front
(``（三）不予公开1.属于国家秘密``), a filling note after them (``规章(设区的市…)``), broken over
lines, or with characters lost in a PDF copy (``2.其他法律行政止公开``). Matching is exact first,
then by the label's distinctive words, and fuzzy only when neither finds the row.
"""

from __future__ import annotations

import functools
from difflib import SequenceMatcher
from typing import Mapping, Sequence

from reportlint.core.model import LabelUse
from reportlint.core.patterns import lazy
from reportlint.core.templates import RowSpec, label_core
from reportlint.core.text import norm
from reportlint.parsing import heuristics as h
from reportlint.parsing.text import Cell

_PREFIX = lazy(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.|\(\d+\))")
#: An item's number: 1. (the format's), or (1) as some reports number sub-rows.
_ITEM_NUMBER = lazy(r"(?<![\d.])(\d)(?=\.(?!\d)|\))")
_TRAILING_NOTE = lazy(r"\([^()]*\)$")
NUMBERED = lazy(r"^\s*(?:\d+\s*[.．、]|[（(][一二三四五六七八九十]+[）)]|[（(]\d+[）)]|[一二三四五六七八九十]+、)")


def core(text: str) -> str:
    """A found label without its numbering: "(三)1.属于国家秘密" -> "属于国家秘密"."""
    key = norm(text)
    while True:
        stripped = _PREFIX.sub("", key, count=1)
        if stripped == key:
            return key
        key = stripped


def _numbering_clash(found: str, spec_label: str) -> float:
    """A penalty when the found label's item number (2.) differs from the row's (1.)."""
    want = _ITEM_NUMBER.search(norm(spec_label))
    got = _ITEM_NUMBER.findall(found)
    if want is None or not got:
        return 0.0
    return 0.0 if want.group(1) in got else h.NUMBER_CLASH


@functools.lru_cache(maxsize=16384)
def match_score(found: str, spec_label: str, spec_core: str, fuzzy: bool = True) -> float:
    """How well a label found in the text names a template row (1.0 = exact). Without ``fuzzy``
    only exact and containing matches count (the cheap first pass)."""
    f = norm(found)
    if f == norm(spec_label):
        return 1.0
    # A note after the label ("规章(设区的市、自治州人民政府应提供相关数据)", Hubei) does not make
    # another row: compare what stands before it, as the format's own labels are compared.
    fc, sc = core(_TRAILING_NOTE.sub("", f) or f), norm(spec_core)
    if not fc or not sc:
        return 0.0
    if fc == sc or (len(sc) >= h.DISTINCT_CORE_CHARS and fc.startswith(sc)):
        return h.LABEL_PREFIX - _numbering_clash(f, spec_label)
    if len(sc) >= h.DISTINCT_CORE_CHARS and sc in fc:
        return h.LABEL_CONTAINED - _numbering_clash(f, spec_label)
    if not fuzzy:
        return 0.0
    ratio = SequenceMatcher(None, fc, sc, autojunk=False).ratio() - _numbering_clash(f, spec_label)
    if len(sc) <= h.SHORT_LABEL_CHARS:
        ratio *= h.SHORT_LABEL_FACTOR
    return ratio


@functools.lru_cache(maxsize=8192)
def scores(found: str, specs: tuple[RowSpec, ...], fuzzy: bool, start: int = 0) -> tuple[float, ...]:
    """:func:`match_score` of a label against each row from ``start`` on: a table's rows are matched
    against the same labels report after report."""
    return tuple(match_score(found, s.label, s.core, fuzzy) for s in specs[start:])


def best_score(label_text: str, specs: tuple[RowSpec, ...], start: int = 0) -> float:
    """The best score a label reaches against the rows from ``start`` on (exact and containing only)."""
    return max(scores(label_text, specs, False, start), default=0.0)


def best_row(label_text: str, context: str, specs: tuple[RowSpec, ...], start: int) -> tuple[int, float]:
    """The best-matching template row at or after ``start``; rows further ahead score a little less,
    so that of two equally good matches the next expected row wins. Exact and containing matches
    are tried first; the fuzzy comparison (PDF-mangled labels) only when none is found."""
    best, best_value = -1, 0.0
    for fuzzy in (False, True):
        best, best_value = -1, 0.0
        own, around = scores(label_text, specs, fuzzy, start), scores(context, specs, fuzzy, start)
        for offset, (score, context_score) in enumerate(zip(own, around)):
            score = max(score, context_score - h.CONTEXT_PENALTY) - h.DISTANCE_PENALTY * offset
            if score > best_value + 1e-9:
                best, best_value = start + offset, score
        if best_value >= h.LABEL_CERTAIN:
            return best, best_value
    return best, best_value


def row_label(pieces: Sequence[Cell]) -> str:
    """The row label among text pieces broken over lines: from the last numbered piece on, since
    what comes before it is the group label (（六）其他 / 处理 / 1.申请人… / 公开申请)."""
    start = 0
    for i, piece in enumerate(pieces):
        if NUMBERED.match(piece.text):
            start = i
    return "".join(p.text for p in pieces[start:])


def label_use(table: str, spec_label: str, cell: Cell, variants: Mapping[str, str], joined: str | None = None) -> LabelUse:
    """How a row label was written; ``joined`` is the whole label when it was broken over lines
    (then no fix is offered: the replacement would span lines)."""
    found = joined if joined is not None else cell.text
    canonical_core = norm(label_core(spec_label))
    found_core = core(found)
    # A group label before the row's own ("（三）不予公开1.属于国家秘密") is not a deviation, nor is a
    # label cut short where a PDF line broke it ("5.要求行政机关确认或重新出").
    deviates = not (
        found_core == canonical_core
        or found_core.startswith(canonical_core)
        or found_core.endswith(canonical_core)
        or (canonical_core.startswith(found_core) and len(found_core) >= h.LABEL_CUT_SHORT * len(canonical_core))
    )
    replacement = None
    if deviates:
        for variant, canonical in variants.items():
            if norm(canonical) == norm(spec_label) and norm(variant) in norm(found):
                # A cell-per-line label rejoined from several lines has a span of its first line only.
                on_one_line = cell.end_column - cell.column == len(cell.text)
                if joined is None and variant in found and on_one_line:
                    replacement = found.replace(variant, label_core(canonical))
                break
    return LabelUse(table, spec_label, found, cell.line, cell.column, cell.end_column, deviates, replacement)
