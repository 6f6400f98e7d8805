"""Figures that ran together: every way to read them, and the one reading the identities allow.

A web copy loses the separators between a table's cells: ``4000004`` after 一、本年新收… is seven
cells, ``0 00 0 0 00 0 00 00 0 0 0`` is table 四's fifteen. :func:`readings` lists every way to cut
such a run into the row's cells (a space is always a cut; no figure starts with 0 unless it is 0);
:func:`decode` picks, for a whole table at once, the one reading under which every identity of the
format holds. A row with a single possible reading is certain whatever its sums say (its arithmetic
errors are real); a row with several is taken only when exactly one reading of the whole table is
consistent, and otherwise reported, never guessed.
"""

import functools
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterable, Mapping, NamedTuple, Sequence

from reportlint.core.numerals import split_figure
from reportlint.core.patterns import lazy
from reportlint.core.templates import Instance
from reportlint.parsing import heuristics as h
from reportlint.parsing.text import is_placeholder

Key = tuple[str, str]  # (row, column) of one table

_PART = {
    "count": lazy(rf"(?:0|[1-9]\d{{0,{h.MAX_COUNT_DIGITS - 1}}})"),
    "signed": lazy(rf"[+\-−－]?(?:0|[1-9]\d{{0,{h.MAX_COUNT_DIGITS - 1}}})"),
    "decimal": lazy(r"(?:0|[1-9]\d{0,11})(?:[.．]\d+)?"),
    "amount": lazy(r"(?:0|[1-9]\d{0,11})(?:[.．]\d+)?(?:万元|亿元|元)?"),
}

_WIDEST = {"count": h.MAX_COUNT_DIGITS, "signed": h.MAX_COUNT_DIGITS + 1}


class Slice(NamedTuple):
    """One cell of a reading: characters ``start:end`` of token ``token``."""

    token: int
    start: int
    end: int


def readings(tokens: Sequence[str], kinds: Sequence[str], limit: int = h.MAX_READINGS) -> list[tuple[Slice, ...]] | None:
    """Every way to cut ``tokens`` (runs of figures as written, in order) into ``len(kinds)`` cells,
    each a valid figure of its column's kind; a token is never joined to the next. None when there
    are more than ``limit`` (the run is then unreadable rather than expensive)."""
    found = _readings(tuple(tokens), tuple(kinds), limit)
    return list(found) if found is not None else None


@functools.lru_cache(maxsize=4096)  # a web copy's rows of zeros ("0000000") come back report after report
def _readings(tokens: tuple[str, ...], kinds: tuple[str, ...], limit: int) -> tuple[tuple[Slice, ...], ...] | None:
    parts = len(kinds)
    total = sum(len(t) for t in tokens)
    if not tokens or total > parts * h.MAX_FIGURE_CHARS or len(tokens) > parts:
        return ()
    out: list[tuple[Slice, ...]] = []
    suffix = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + len(tokens[i])
    room = [0] * (parts + 1)  # the most characters cells cell.. can hold
    for i in range(parts - 1, -1, -1):
        room[i] = room[i + 1] + _WIDEST.get(kinds[i], h.MAX_FIGURE_CHARS)
    acc: list[Slice] = []
    budget = [h.MAX_READING_STEPS]

    def walk(token: int, pos: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        cell = len(acc)
        if token == len(tokens):
            if cell == parts:
                out.append(tuple(acc))
            return len(out) <= limit
        left_cells = parts - cell
        left_tokens = len(tokens) - token
        left_chars = suffix[token] - pos
        if left_cells < left_tokens or left_cells > left_chars or left_chars > room[cell]:
            return True
        text = tokens[token]
        pattern = _PART.get(kinds[cell], _PART["count"])
        for end in range(pos + 1, min(len(text), pos + h.MAX_FIGURE_CHARS) + 1):
            if not pattern.fullmatch(text, pos, end):
                continue
            acc.append(Slice(token, pos, end))
            ok = walk(token + 1, 0) if end == len(text) else walk(token, end)
            acc.pop()
            if not ok:
                return False
        return True

    return tuple(out) if walk(0, 0) else None


class Decoding(NamedTuple):
    chosen: dict[int, int]  # glued row -> the index of its reading
    #: glued row -> why it stays unread: ("ambiguous", n readings), ("inconsistent", n), ("unreadable", 0)
    unresolved: dict[int, tuple[str, int]]


def decode(fixed: Mapping[Key, int], options: Sequence[Sequence[Mapping[Key, int]] | None],
           instances: Iterable[Instance]) -> Decoding:
    """Choose one reading per glued row so that every identity holds.

    ``fixed``: the table's cells read without doubt; ``options``: per glued row, its readings as
    cell values (None: too many to list); ``instances``: the equations. Rows with one reading are
    taken as they are. The others are taken when exactly one combination satisfies every equation
    whose cells are all known; failing that, when exactly one combination breaks exactly one
    equation (an arithmetic error the report really has); otherwise they stay unresolved.
    """
    instances = list(instances)
    chosen: dict[int, int] = {}
    unresolved: dict[int, tuple[str, int]] = {}
    known: dict[Key, int] = dict(fixed)
    open_rows: list[int] = []
    for row, opts in enumerate(options):
        if opts is None or not opts:
            unresolved[row] = ("unreadable", 0)
        elif len(opts) == 1:
            chosen[row] = 0
            known.update(opts[0])
        else:
            open_rows.append(row)
    if not open_rows:
        return Decoding(chosen, unresolved)
    owner: dict[Key, int] = {k: row for row in open_rows for k in options[row][0]}
    relevant = [i for i in instances if any(k in owner for k in (*i.lhs, *i.rhs))]
    consistent = {row: _prefilter(row, options[row], known, owner, relevant) for row in open_rows}
    solutions, exhausted = _search(open_rows, consistent, options, known, relevant, 0)
    if not exhausted and not solutions:
        # No reading is consistent: one that breaks a single equation is the report's own error.
        every = {row: list(range(len(options[row]))) for row in open_rows}
        solutions, exhausted = _search(open_rows, every, options, known, relevant, 1)
        if not exhausted and len(solutions) != 1:
            for row in open_rows:
                unresolved[row] = ("inconsistent", len(options[row]))
            return Decoding(chosen, unresolved)
    if exhausted:
        for row in open_rows:
            unresolved[row] = ("unreadable", len(options[row]))
    elif len(solutions) == 1:
        chosen.update(solutions[0])
    else:
        for row in open_rows:
            unresolved[row] = ("ambiguous", len(consistent[row]))
    return Decoding(chosen, unresolved)


def _prefilter(row: int, opts, known, owner, instances) -> list[int]:
    """The readings of one row that break no equation decided by this row and the known cells alone."""
    keep = []
    for index, values in enumerate(opts):
        ok = True
        for inst in instances:
            cells = (*inst.lhs, *inst.rhs)
            if any(owner.get(k, -1) not in (-1, row) for k in cells):
                continue
            got = inst.sides(lambda k: values.get(k, known.get(k)))
            if got is not None and got[0] != got[1]:
                ok = False
                break
        if ok:
            keep.append(index)
    return keep


def _search(rows: list[int], candidates, options, known, instances, allowed: int):
    """Combinations of the open rows' readings breaking exactly ``allowed`` equations (at most two
    are collected); ``exhausted`` when the bounded search had to stop."""
    order = sorted(rows, key=lambda r: len(candidates[r]))
    position = {row: i for i, row in enumerate(order)}
    # Each equation is checked once, when the last of its open rows has been given a reading.
    due: dict[int, list[Instance]] = {}
    for inst in instances:
        involved = {position[r] for r in rows for k in (*inst.lhs, *inst.rhs) if k in options[r][0]}
        if involved:
            due.setdefault(max(involved), []).append(inst)
    solutions: list[dict[int, int]] = []
    assignment: dict[Key, int] = {}
    picked: dict[int, int] = {}
    budget = [h.MAX_DECODE_STEPS]

    def walk(depth: int, broken: int) -> bool:
        if budget[0] <= 0:
            return False
        budget[0] -= 1
        if depth == len(order):
            if broken == allowed:
                solutions.append(dict(picked))
            return len(solutions) < 2
        row = order[depth]
        for index in candidates[row]:
            values = options[row][index]
            assignment.update(values)
            picked[row] = index
            now = broken
            for inst in due.get(depth, ()):
                got = inst.sides(lambda k: assignment.get(k, known.get(k)))
                if got is not None and got[0] != got[1]:
                    now += 1
            if now <= allowed and not walk(depth + 1, now):
                return False
            for key in values:
                del assignment[key]
            del picked[row]
        return True

    finished = walk(0, 0)
    exhausted = not finished and len(solutions) < 2
    return solutions, exhausted


# --- one cell's value ----------------------------------------------------------------------------

_COUNT_UNITS = ("件", "条", "个", "项", "次", "人次")


@functools.lru_cache(maxsize=4096)  # a table repeats its figures ("0") and its values are immutable
def parse_value(raw: str, kind: str) -> tuple[object, str | None]:
    """(value, problem) of a cell of the given kind. Counts are ints, decimals Decimal, amounts keep
    their unit as written; a figure longer than any a table holds is text ("non-numeric")."""
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    if not text or is_placeholder(raw):
        return None, "blank"
    figure = split_figure(raw, h.MAX_FIGURE_CHARS)
    if figure is None:
        return raw.strip(), "non-numeric"
    negative, digits, unit = figure
    if kind == "amount":
        if unit:
            return raw.strip(), ("negative" if negative else None)
        kind = "decimal"
    try:
        number = Decimal(digits)
    except InvalidOperation:
        return raw.strip(), "non-numeric"
    if negative:
        number = -number
    if unit and unit not in _COUNT_UNITS and kind != "decimal":
        return raw.strip(), "non-numeric"
    if kind == "decimal":
        value: object = number if number != number.to_integral_value() else int(number)
        return value, ("negative" if number < 0 else None)
    if number != number.to_integral_value():
        return number, "fraction"
    if number < 0 and kind != "signed":
        return int(number), "negative"
    return int(number), None
