"""Hypothesis strategies for table values that satisfy the format's identities.

Table 三 is drawn the way the identities allow it to vary freely: per applicant column the outcome
rows （一）…（六） and the two carry-overs; （七）总计 (A3), 一、本年新收 (A1: 一 = （七） + 四 − 二) and
every row's 总计 (A2) follow. Table 四 draws 结果维持/结果纠正/其他结果/尚未审结 and derives each 总计
(A4). Table 二 has no identities: each cell is drawn by its column's kind (count, signed 本年增/减,
decimal 万元, amount with or without its unit).
"""

from __future__ import annotations

from hypothesis import strategies as st

from support.generator import (
    Key,
    Value,
    table3_layout,
    table3_values,
    table4_parts,
    table4_values,
    template,
)

_counts = st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 3000))
_decimals = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)


def table2_value(kind: str) -> st.SearchStrategy[Value]:
    """A value of a table-二 column of this kind, as reports write it."""
    if kind == "signed":
        return st.integers(-500, 500)
    if kind == "decimal":
        return st.one_of(st.integers(0, 100000), _decimals)
    if kind == "amount":
        return st.one_of(
            st.integers(0, 10**7).map(lambda n: f"{n}元"),
            _decimals.map(lambda d: f"{d}万元"),
            st.integers(0, 10**7),
        )
    return _counts


@st.composite
def _tables(draw, template_id: str, blanks: bool) -> dict[Key, Value]:
    t = template(template_id)
    lay = table3_layout(t)
    values: dict[Key, Value] = {}
    for block in t.table2:
        for row in block.rows:
            for column in block.columns:
                values[("二", row.key, column.label)] = draw(table2_value(column.kind))
    # Most cells of a real table are 0: draw the few that are not (fast to draw, quick to shrink).
    outcome_cells = [(r, c) for r in lay.outcomes for c in lay.applicants]
    outcomes = draw(st.dictionaries(st.sampled_from(outcome_cells), _counts, max_size=20))
    outcomes = {cell: outcomes.get(cell, 0) for cell in outcome_cells}
    carried_out = {c: draw(_counts) for c in lay.applicants}
    carried_in = {}
    for c in lay.applicants:
        room = sum(outcomes[(r, c)] for r in lay.outcomes) + carried_out[c]
        carried_in[c] = draw(st.integers(0, room))
    values.update(table3_values(t, outcomes, carried_in, carried_out))
    summed, _ = table4_parts(t)
    table4_cells = [(g, c) for g in t.table4_groups for c in summed]
    values.update(table4_values(t, draw(st.dictionaries(st.sampled_from(table4_cells), _counts, max_size=len(table4_cells)))))
    if blanks:
        # A blank is read as 0: blanking a table-二 cell or a zero of 三/四 keeps A1–A4 true.
        candidates = sorted(k for k, v in values.items() if k[0] == "二" or v == 0)
        if candidates:
            for key in draw(st.lists(st.sampled_from(candidates), max_size=8, unique=True)):
                values[key] = None
    return values


def consistent_tables(template_id: str, *, blanks: bool = False) -> st.SearchStrategy[dict[Key, Value]]:
    """Every figure of tables 二, 三 and 四 for the format ``template_id``, with A1–A4 holding.
    ``blanks``: also leave some cells blank (only where a blank read as 0 keeps the identities)."""
    return _tables(template_id, blanks)
