"""Assemble the Report: the logical lines (segment), then one pass over them for what each line is
(furniture, headings, dates, the mentions the rules judge), the tables from each line's cells split
once, the prose's paragraphs and claims, and the token stream that records how every piece of every
line was read (docs/architecture.md, "The token stream")."""

from __future__ import annotations

import functools
from collections import Counter
from typing import Sequence

from reportlint.core.document import Document
from reportlint.core.lexicon import Lexicon, builtin_lexicon
from reportlint.core.model import Cue, Report
from reportlint.core.resources import data_dir, load_toml
from reportlint.core.templates import Template, builtin_templates, label_core, template_for_year
from reportlint.core.text import norm
from reportlint.parsing import dates as dates_mod
from reportlint.parsing import heuristics as h
from reportlint.parsing import mentions, prose, structure, tables, tokens
from reportlint.parsing.furniture import furniture_lines
from reportlint.parsing.segment import segment


@functools.cache
def _legacy_cue_data() -> tuple[dict, ...]:
    return tuple(load_toml(data_dir("rules") / "data" / "legacy.toml").get("cue", ()))


def build(document: Document, templates: Sequence[Template] | None = None, lexicon: Lexicon | None = None) -> Report:
    """The report model of ``document`` read against the formats ``templates`` and the claim
    ``lexicon``: by default the national formats and rules/data/claims.toml; the host passes its
    registry's, plugins' included."""
    templates = tuple(templates) if templates is not None else builtin_templates()
    lexicon = lexicon if lexicon is not None else builtin_lexicon()
    layout = segment(tuple(line.text for line in document.lines), templates)
    lines = layout.lines
    furniture = furniture_lines(lines)
    table_labels = _table_labels(templates)
    headings = structure.find_headings(lines, templates, table_labels)
    title = structure.find_title(lines, headings)
    sections = structure.with_text(structure.assemble_sections(headings, len(lines)), lines)
    all_dates = dates_mod.find_dates(lines, furniture)
    period = dates_mod.find_period(lines, all_dates)
    signed = dates_mod.find_signature(lines, all_dates, furniture)
    published = dates_mod.find_published(lines, all_dates, furniture)
    found = mentions.find(lines, sections, furniture)

    year, year_source = _report_year(title, period, found.years, sections)

    words = tables.words_of(templates)
    regions = tables.locate(lines, words)
    line_cells = tokens.LineCells(lines)
    cues = _cues(lines, regions, templates)
    legacy = _legacy_cues(lines)
    template, template_id = decide_template(cues, year, legacy, templates)
    t2 = tables.parse_table2(lines, regions.get("二"), template, words, line_cells) if template else None
    t3 = tables.parse_table3(lines, regions.get("三"), template, templates, words, line_cells) if template else None
    t4 = tables.parse_table4(lines, regions.get("四"), template, words, line_cells) if template else None
    results = [r for r in (t2, t3, t4) if r is not None]
    for result in results:
        for other, cue in result.foreign:  # a row of another format: evidence of mixing (RL502), no new decision
            if not any(norm(c.text) in norm(cue.text) for c in cues.get(other, ())):
                cues.setdefault(other, []).append(cue)

    cells = tuple(c for r in results for c in r.cells)
    labels = tuple(u for r in results for u in r.labels)
    captions = tuple(c for r in results for c in r.captions)
    cell_lines = {c.line for c in cells}
    paragraphs = prose.paragraphs(lines, sections, skip=cell_lines)
    table_lines = frozenset(cell_lines | {u.line for u in labels} | {c.line for c in captions}
                            | {n for start, end in regions.values() for n in range(start, end + 1)})
    stream = tokens.tokens(lines, title=title, headings=headings, furniture=furniture, cells=line_cells,
                           table_lines=table_lines, paragraphs=paragraphs, sections=sections)
    agency = title.agency if title else None
    # One stray "一、概述" does not make a report; a title, two sections or a table does.
    recognised = title is not None or len(sections) >= h.RECOGNISED_SECTIONS or bool(cells)
    return Report(
        path=document.path,
        document=document,
        lines=lines,
        title=title,
        year=year,
        year_source=year_source,
        agency=agency,
        template=template_id,
        template_cues={k: tuple(v) for k, v in cues.items()},
        headings=tuple(headings),
        sections=tuple(sections),
        cells=_with_locations(cells, document, layout),
        captions=captions,
        labels=labels,
        table_problems=tuple(p for r in results for p in r.problems),
        dates=tuple(all_dates),
        period=period,
        published=published,
        recognised=recognised,
        read_with=template,
        templates=templates,
        legacy_cues=tuple(legacy),
        layout=layout,
        paragraphs=paragraphs,
        claims=prose.claims(paragraphs, lexicon, year, agency),
        signed=signed,
        tokens=stream,
        citations=found.citations,
        works=found.works,
        slips=found.slips,
        numberings=found.numberings,
        years=found.years,
    )


def _with_locations(cells, document: Document, layout):
    if document.editable:
        return cells
    return tuple(c._replace(location=document.location(*layout.position(c.line, c.column_no))) for c in cells)


@functools.lru_cache(maxsize=8)
def _table_labels(templates: tuple[Template, ...]) -> frozenset[str]:
    labels = set()
    for t in templates:
        for row in t.table3_rows:
            for label in (row.label, row.group):
                if label:
                    labels.add(norm(label))
                    labels.add(norm(label_core(label)))
    return frozenset(labels)


def _cues(lines, regions, templates) -> dict[str, list[Cue]]:
    """Which format-specific strings the tables contain (the narrative may quote anything), and
    where each first stands."""
    spans = list(regions.values())
    if not spans:
        return {}  # no table: nothing says the format (a legacy report's prose may name 行政规范性文件)
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    text = norm("".join(lines[lo - 1 : hi]))
    found: dict[str, list[Cue]] = {}
    for t in templates:
        hits = [cue for cue in t.cues if norm(cue) in text and not _inside_other(cue, t, templates, text)]
        if hits:
            found[t.id] = [_where(cue, lines, lo, hi) for cue in hits]
    return found


def _where(cue: str, lines, lo: int, hi: int) -> Cue:
    for number in range(lo, hi + 1):
        pos = lines[number - 1].find(cue)
        if pos >= 0:
            return Cue(cue, number, pos + 1)
    return Cue(cue, lo, 1)  # written with other spacing or width: the table's first line


def _inside_other(cue: str, template: Template, templates, text: str) -> bool:
    # "规范性文件" is part of "行政规范性文件": a cue contained in another format's cue only counts
    # where it stands on its own.
    key = norm(cue)
    for other in templates:
        if other is template:
            continue
        for ocue in other.cues:
            okey = norm(ocue)
            if key != okey and key in okey and text.count(key) <= text.count(okey):
                return True
    return False


def decide_template(cues, year, legacy, templates) -> tuple[Template | None, str]:
    """The report's format (template), decided once, before its tables are read: (the template to
    read them with, the one the report is in — a template's id, "mixed", "legacy" or "unknown").

    The tables' own words decide (``cues``: the strings only one format's tables contain), then the
    report year; a report whose tables hold a second format's words nearly as often is "mixed", and
    one with none of them but older than every format (or with the old 条例's marks, ``legacy``)
    is "legacy". A row of another format met while the tables are read (the 2019 single
    （六）其他处理 row in a 2021 table) is evidence of mixing for RL502 and a TableProblem, not a
    second decision: it never changed one on the golden corpus of 907 reports."""
    return _reading_format(cues, year, templates), _report_format(cues, year, legacy, templates)


def _reading_format(cues, year, templates) -> Template | None:
    """The format the tables are read with: the one most of their words belong to, else the year's."""
    if not templates:
        return None
    if cues:
        ranked = sorted(cues.items(), key=lambda kv: len(kv[1]), reverse=True)
        top = ranked[0]
        if len(ranked) == 1 or len(top[1]) > len(ranked[1][1]):
            return next(t for t in templates if t.id == top[0])
    by_year = template_for_year(year, templates) if year else None
    if by_year is not None and by_year in templates:
        return by_year
    return templates[-1]


def _report_format(cues, year, legacy, templates) -> str:
    """The format the tables are in; "legacy" for a report before every format (its tables, if
    any, are a province's own)."""
    if not cues:
        if legacy or (year is not None and templates and year < min(t.first_year for t in templates)):
            return "legacy"
        return "unknown"  # no table says which format: too little of them was read
    counts = sorted((len(v) for v in cues.values()), reverse=True)
    if len(counts) > 1 and counts[1] >= h.MIXED_CUE_RATIO * counts[0]:
        return "mixed"
    template = _reading_format(cues, year, templates)
    return template.id if template else "unknown"


def _legacy_cues(lines) -> list[str]:
    """Why the report looks pre-2019, by the cues of rules/data/legacy.toml."""
    text = "".join(lines)
    return [c["why"] for c in _legacy_cue_data() if c["text"] in text and not (c.get("unless") and c["unless"] in text)]


def _report_year(title, period, years, sections) -> tuple[int | None, str | None]:
    """The year the report covers: the title's, unless the statistics period and the body agree on
    another (then the title is the one mistake, RL404 says so, and the other rules judge the report
    by the year it is really about instead of reporting the one mistake several times)."""
    title_year = title.year if title is not None else None
    period_year = period[0].year if period is not None and period[0].year == period[1].year else None
    body_year = _body_year(years)
    if title_year is not None:
        if period_year is not None and period_year != title_year and body_year == period_year:
            return period_year, "period"
        return title_year, "title"
    if period_year is not None:
        return period_year, "period"
    if body_year is not None:
        return body_year, "body"
    return None, None


def _body_year(years) -> int | None:
    """The year 总体情况 speaks of most (or, without it, the report's first lines)."""
    counted = Counter(y.year for y in years)
    if not counted:
        return None
    return counted.most_common(1)[0][0]
