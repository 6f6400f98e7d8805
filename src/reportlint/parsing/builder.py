"""Assemble the Report: structure, template, tables, dates — in that order, each step reading the
document's lines and what the steps before it found."""

from __future__ import annotations

import functools
import re
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
from reportlint.parsing import prose, structure, tables
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
    table_labels = _table_labels(templates)
    headings = structure.find_headings(lines, templates, table_labels)
    title = structure.find_title(lines, headings)
    sections = structure.assemble_sections(headings, len(lines))
    all_dates = dates_mod.find_dates(lines)
    period = dates_mod.find_period(lines, all_dates)
    published = dates_mod.find_published(lines, all_dates)

    year, year_source = _report_year(title, period, lines, sections)

    words = tables.words_of(templates)
    regions = tables.locate(lines, words)
    cues = _cues(lines, regions, templates)
    template = _choose_template(cues, year, templates)
    t2 = tables.parse_table2(lines, regions.get("二"), template, words) if template else None
    t3 = tables.parse_table3(lines, regions.get("三"), template, templates, words) if template else None
    t4 = tables.parse_table4(lines, regions.get("四"), template, words) if template else None
    results = [r for r in (t2, t3, t4) if r is not None]
    for result in results:
        for template_id, cue in result.foreign:  # a row of another format is a cue of it
            if not any(norm(c.text) in norm(cue.text) for c in cues.get(template_id, ())):
                cues.setdefault(template_id, []).append(cue)

    legacy = _legacy_cues(lines)
    template_id = _template_id(cues, year, template, legacy, templates)
    cells = tuple(c for r in results for c in r.cells)
    paragraphs = prose.paragraphs(lines, sections, skip={c.line for c in cells})
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
        captions=tuple(c for r in results for c in r.captions),
        labels=tuple(u for r in results for u in r.labels),
        table_problems=tuple(p for r in results for p in r.problems),
        dates=tuple(all_dates),
        period=period,
        published=published,
        recognised=recognised,
        read_with=template,
        formats=templates,
        legacy_cues=tuple(legacy),
        layout=layout,
        paragraphs=paragraphs,
        claims=prose.claims(paragraphs, lexicon, year, agency),
        signed=dates_mod.find_signature(lines, all_dates),
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


def _choose_template(cues, year, templates) -> Template | None:
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


def _template_id(cues, year, template, legacy, templates) -> str:
    """The format the tables are in; "legacy" for a report before every format (its tables, if
    any, are a province's own)."""
    if not cues:
        if legacy or (year is not None and templates and year < min(t.first_year for t in templates)):
            return "legacy"
        return "unknown"  # no table says which format: too little of them was read
    counts = sorted((len(v) for v in cues.values()), reverse=True)
    if len(counts) > 1 and counts[1] >= h.MIXED_CUE_RATIO * counts[0]:
        return "mixed"
    return template.id if template else "unknown"


def _legacy_cues(lines) -> list[str]:
    """Why the report looks pre-2019, by the cues of rules/data/legacy.toml."""
    text = "".join(lines)
    return [c["why"] for c in _legacy_cue_data() if c["text"] in text and not (c.get("unless") and c["unless"] in text)]


def _report_year(title, period, lines, sections) -> tuple[int | None, str | None]:
    """The year the report covers: the title's, unless the statistics period and the body agree on
    another (then the title is the one mistake, RL404 says so, and the other rules judge the report
    by the year it is really about instead of reporting the one mistake several times)."""
    title_year = title.year if title is not None else None
    period_year = period[0].year if period is not None and period[0].year == period[1].year else None
    body_year = _body_year(lines, sections)
    if title_year is not None:
        if period_year is not None and period_year != title_year and body_year == period_year:
            return period_year, "period"
        return title_year, "title"
    if period_year is not None:
        return period_year, "period"
    if body_year is not None:
        return body_year, "body"
    return None, None


def _body_year(lines, sections=()) -> int | None:
    """The year 总体情况 speaks of most (or, without sections, the first 60 lines)."""
    first = next((s for s in sections if s.index == 1), None)
    if first is not None:
        lines = lines[first.start - 1 : first.end]
    else:
        lines = lines[: h.BODY_YEAR_LINES]
    years = Counter(int(m.group(1)) for line in lines for m in _YEAR_WORD.finditer(line))
    if not years:
        return None
    return years.most_common(1)[0][0]


_YEAR_WORD = re.compile(r"(20\d{2})\s*年(?:度)?")
