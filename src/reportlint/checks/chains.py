"""RL701–RL703: an agency's reports compared across consecutive years, and section 五 compared
across the whole run.

Each report leaves a digest (:func:`reportlint_digest`): its agency, year and template, the cells the
chains need (table 三's 上年结转 and 结转下年度 rows, table 二's 规章/行政规范性文件 counts in the
2021 format) with their positions in the file, and a sketch of section 五 (the smallest hashes of
its five-character shingles). After the run, :func:`reportlint_check_run` pairs each report with
the same agency's report of the year before — only when that pairing is unique — and compares.
Nothing is guessed: an agency whose name gives no region, or a report that matches two, is not
compared, and a :class:`~reportlint.core.diagnostic.Note` says why.
"""

import collections
import heapq
import itertools
import unicodedata
import zlib
from typing import Any, Callable, Iterator, NamedTuple, Sequence

from reportlint import hookimpl
from reportlint.checks import template_of
from reportlint.core.catalogue import Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.diagnostic import Digest, Finding, Note
from reportlint.core.model import Report, TableCell
from reportlint.core.patterns import lazy
from reportlint.core.text import AGENCY_END

CODES = ("RL701", "RL702", "RL703")
#: Shingles of section 五 kept in a sketch (the smallest hashes): the similarity's resolution.
SKETCH_SIZE = 128
SHINGLE_CHARS = 5
#: Section 五 shorter than this (normalised) is not compared: "无" matches every "无".
MIN_REUSE_CHARS = 60
#: A sketch value shared by more reports than this says nothing about any two of them.
COMMON_SHINGLE_REPORTS = 200

#: One administrative unit of a name: 广州市, 黄埔区, 恩施州 (州 ends a unit unless 市/区/县 follow:
#: 广州市, 杭州市), 浦东新区, 平潭综合实验区.
_UNIT_PATTERN = r"[^省市区县盟旗]{1,12}?(?:自治区|自治州|自治县|地区|新区|[省市区县盟旗]|州(?![市区县]))"
_REGION = lazy(rf"^(?:{_UNIT_PATTERN})+")
_UNIT = lazy(_UNIT_PATTERN)
_DROP = lazy(r"[\s\u3000·•()（）【】\[\]〔〕《》“”\"'、，,。.:：;；-]")
_DIGIT = lazy(r"\d")
_SIGNATURE = lazy(rf"^\s*([^\s\d。，；：:]{{2,40}}{AGENCY_END})\s*(?:\d{{4}}\s*年.*)?$")


# --- what each report leaves behind ------------------------------------------------------------------


@hookimpl
def reportlint_rules() -> tuple[Rule, ...]:
    return rules_of("chains")


@hookimpl
def reportlint_digest(report: Report, config: Config) -> dict | None:
    if not any(config.selected(code) for code in CODES):
        return None  # nobody asked for these rules: keep nothing
    template = template_of(report)
    digest: dict[str, Any] = {"agency": agency_name(report), "year": report.year,
                              "template": template.id if template is not None else None}
    if template is not None:
        rows = {spec.key for spec in template.table3_rows}
        carried_in = next((k for k in rows if "上年结转" in k), None)
        carried_out = next((k for k in rows if "结转下年度" in k), None)
        table = report.table("三")
        digest["carried_in"] = _row(report, table, carried_in)
        digest["carried_out"] = _row(report, table, carried_out)
        digest["valid"] = _valid_counts(report, template)
    digest["reuse"] = _reuse_digest(report)
    return digest


@hookimpl
def reportlint_digest_valid(data) -> bool:
    """The shape :func:`reportlint_digest` makes, every type the comparison relies on (exact types:
    JSON gives no subclasses, and a bool is no count)."""
    if type(data) is not dict or not _optional(data.get("agency"), str) or not _optional(data.get("template"), str):
        return False
    if not _optional(data.get("year"), int):
        return False
    for key in ("carried_in", "carried_out"):
        row = data.get(key, {})
        if type(row) is not dict or not all(_is_cell(c) for c in row.values()):
            return False
    valid = data.get("valid", {})
    if type(valid) is not dict:
        return False
    for cells in valid.values():
        if type(cells) is not dict or cells.keys() != {"made", "repealed", "valid"} or not all(map(_is_cell, cells.values())):
            return False
    reuse = data.get("reuse")
    if reuse is None:
        return True
    at = reuse.get("at") if type(reuse) is dict else None
    return (type(reuse.get("sketch")) is str and _SKETCH.fullmatch(reuse["sketch"]) is not None
            and type(at) is list and len(at) == 3 and all(type(v) is int and v >= 1 for v in at))


_SKETCH = lazy(rf"(?:[0-9a-f]{{8}}){{1,{SKETCH_SIZE}}}")


def _optional(value, kind) -> bool:
    return value is None or type(value) is kind


def _is_cell(cell) -> bool:
    """[value, line, column, end column, location] as :func:`_cell` makes it."""
    return (type(cell) is list and len(cell) == 5 and type(cell[0]) is int and type(cell[1]) is int
            and type(cell[2]) is int and type(cell[3]) is int and cell[1] >= 1 and cell[2] >= 1 and cell[3] >= 1
            and (cell[4] is None or type(cell[4]) is str))


def _cell(report: Report, cell: TableCell | None) -> list | None:
    """[value, line, column, end column, location] in the file's own positions; None when the cell
    holds no count."""
    if cell is None or not isinstance(cell.value, int) or isinstance(cell.value, bool):
        return None
    line, column = report.position(cell.line, cell.column_no)
    end = cell.end_column + (column - cell.column_no)
    return [cell.value, line, column, max(end, column + 1), cell.location or report.location(cell.line, cell.column_no)]


def _row(report: Report, table: dict, row: str | None) -> dict:
    if row is None:
        return {}
    found = {column: _cell(report, cell) for (r, column), cell in table.items() if r == row}
    return {column: cell for column, cell in found.items() if cell is not None}


def _valid_counts(report: Report, template) -> dict:
    """{row: {"made"|"repealed"|"valid": cell}} of table 二's first block, where the format counts
    documents made, repealed and in force (2021 on)."""
    block = next((b for b in template.table2 if b.item == 1), None)
    if block is None:
        return {}
    roles = {}
    for column in block.columns:
        for word, role in (("制发", "made"), ("废止", "repealed"), ("现行有效", "valid")):
            if word in column.label:
                roles[column.label] = role
    if len(set(roles.values())) < 3:
        return {}
    table = report.table("二")
    out: dict[str, dict] = {}
    for spec in block.rows:
        cells = {role: _cell(report, table.get((spec.key, label))) for label, role in roles.items()}
        if all(cells.values()):
            out[spec.label] = cells
    return out


def _reuse_digest(report: Report) -> dict | None:
    section = report.section(5)
    if section is None:
        return None
    text = normalise_text(section.text)
    if len(text) < MIN_REUSE_CHARS:
        return None
    line, column = report.position(section.heading.line, section.heading.column)
    return {"sketch": sketch(text), "at": [line, column, column + max(1, section.heading.end_column - section.heading.column)]}


def agency_name(report: Report) -> str | None:
    """The agency as named by the title, or by the 落款 when the title's name gives no region."""
    title = report.agency
    if title and split_agency(canonical(title))[0]:
        return title
    if report.published is not None:
        number = report.published.line
        for candidate in (number, *range(number - 1, max(0, number - 4), -1)):
            m = _SIGNATURE.match(_text_of(report.line_tokens(candidate)))
            if m and split_agency(canonical(m.group(1)))[0]:
                return m.group(1)
    return title


def _text_of(tokens) -> str:
    """A line's text as its tokens give it, each at its column (what separates them as spaces)."""
    out = ""
    for token in tokens:
        out += " " * (token.column - 1 - len(out)) + token.text
    return out


# --- names, texts ------------------------------------------------------------------------------------


def canonical(name: str) -> str:
    """A name compared: full-width folded, no spaces or punctuation, 人民政府 written 政府."""
    key = _DROP.sub("", unicodedata.normalize("NFKC", name))
    return key.replace("人民政府", "政府")


def split_agency(key: str) -> tuple[tuple[str, ...], str]:
    """(the region's units, the office): 淮安市洪泽区政府办公室 -> ((淮安市, 洪泽区), 政府办公室)."""
    m = _REGION.match(key)
    if not m:
        return (), key
    return tuple(_UNIT.findall(m.group(0))), key[m.end():]


def normalise_text(text: str) -> str:
    """Section 五 as compared: no spaces or punctuation, every digit a 0 (the years change)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", text))
    return _DIGIT.sub("0", text)


def sketch(text: str) -> str:
    """The smallest hashes of the text's shingles (all of them, for a short text), as one string of
    8-digit hex values: a run keeps one per report, and a string costs a quarter of a list of ints."""
    hashes = {zlib.crc32(text[i : i + SHINGLE_CHARS].encode("utf-8")) for i in range(max(1, len(text) - SHINGLE_CHARS + 1))}
    return "".join(f"{h:08x}" for h in sorted(hashes)[:SKETCH_SIZE])


def sketch_values(encoded: str) -> list[int]:
    return [int(encoded[i : i + 8], 16) for i in range(0, len(encoded) - 7, 8)]


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of two texts from their sketches (exact when both are whole)."""
    sa, sb = set(sketch_values(a)), set(sketch_values(b))
    union = sorted(sa | sb)[:SKETCH_SIZE]
    if not union:
        return 0.0
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def _one_apart(a: str, b: str) -> bool:
    """One character replaced, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


# --- the comparison ------------------------------------------------------------------------------------


class _Report(NamedTuple):
    path: str
    data: dict
    year: int | None
    region: tuple[str, ...]
    office: str


def _same_agency(a: _Report, b: _Report) -> bool:
    """Regions the same, or one the other's tail (洪泽区 / 淮安市洪泽区); offices the same, or (four
    characters on) one character apart."""
    if not a.region or not b.region:
        return False
    short, long = sorted((a.region, b.region), key=len)
    if long[len(long) - len(short) :] != short:
        return False
    return a.office == b.office or (min(len(a.office), len(b.office)) >= 4 and _one_apart(a.office, b.office))


@hookimpl
def reportlint_check_run(digests: Sequence[Digest], config: Config) -> Iterator[tuple[str, Finding] | Note]:
    aliases = {canonical(k): canonical(v) for k, v in (config.setting("agency-aliases") or {}).items()}
    # the host fills in the default the rule declares and checked the user's value: a number in [0, 1]
    # (0.0 is 0.0: any shared fragment is a reuse)
    threshold = float(config.setting("reuse-threshold"))
    reports = []
    for digest in digests:
        name = digest.data.get("agency")
        key = canonical(name) if name else ""
        region, office = split_agency(aliases.get(key, key))
        reports.append(_Report(digest.path, digest.data, digest.data.get("year"), region, office))
    pairs, same = yield from _pairs(reports)
    for previous, this in pairs:
        yield from _carry_over(previous, this)
        yield from _valid_chain(previous, this)
    yield from _reuse(reports, pairs, same, threshold)


def _pairs(reports: list[_Report]):
    """(previous year, this year) of one agency, where each is the other's only match; and the
    function telling whether two reports are of one agency (for RL703's comparison across agencies).

    Names are compared once per distinct name, not per report: a corpus holding one report many
    times (crawled twice, HTML and PDF) costs no more than its distinct names. The names one
    character apart are looked up in an index (:class:`_Names`), never found by comparing all
    pairs; a name with more than ``CROWDED_NAMES`` such names is not compared (one note says how
    many), so the work and what is kept grow with the reports, not with their square."""
    notes = _Notes()
    groups: dict[tuple, list[_Report]] = collections.defaultdict(list)
    for report in reports:
        if report.year is None:
            continue
        if not report.region:
            if report.data.get("agency") and (report.data.get("carried_in") or report.data.get("reuse")):
                yield from notes.add("no-region", {
                    "zh": f"{report.path}：机关名称“{report.data['agency']}”没有行政区划，不与其他年度比较",
                    "en": f"{report.path}: the agency name '{report.data['agency']}' names no region; not compared across years"})
            continue
        groups[_key(report)].append(report)
    names = _Names(groups)
    by_year: dict[tuple, dict[int, list[_Report]]] = {}  # a name → its reports by year, by path
    for key, members in groups.items():
        years: dict[int, list[_Report]] = collections.defaultdict(list)
        for report in sorted(members, key=lambda r: r.path):
            years[report.year].append(report)
        by_year[key] = years
    seen: dict[tuple, tuple[int, list[_Report]]] = {}

    def in_year(key: tuple, year: int) -> tuple[int, list[_Report]]:
        """How many reports of ``year`` bear a name matching ``key``, and the first four by path."""
        if (key, year) not in seen:
            found = [by_year[other].get(year, ()) for other in names.matching(key)]
            seen[(key, year)] = (sum(map(len, found)), heapq.nsmallest(4, (r for f in found for r in f[:4]), key=lambda r: r.path))
        return seen[(key, year)]

    pairs = []
    for report in reports:
        if report.year is None or not report.region:
            continue
        key = _key(report)
        if names.matching(key) is None:
            yield from notes.add("crowded", {
                "zh": f"{report.path}：有超过{CROWDED_NAMES}个机关名称与“{report.data['agency']}”只差一个字，不与其他年度比较",
                "en": f"{report.path}: more than {CROWDED_NAMES} agency names are one character from "
                      f"'{report.data['agency']}'; not compared across years"})
            continue
        count, twins = in_year(key, report.year)
        if count > 1:
            if report is twins[0]:  # one note for the lot
                others = "、".join(r.path for r in twins[1:4]) + (f"等{count - 1}份" if count > 4 else "")
                others_en = ", ".join(r.path for r in twins[1:4]) + (f" and {count - 4} more" if count > 4 else "")
                yield from notes.add("twins", {"zh": f"{report.path} 与 {others} 似为同一机关同一年度的报告，不做跨年度比较",
                                               "en": f"{report.path} and {others_en} look like one agency's reports of one year; not compared across years"})
            continue
        count, before = in_year(key, report.year - 1)
        if count > 1:
            yield from notes.add("several", {
                "zh": f"{report.path} 可与多份{report.year - 1}年报告对应（{'、'.join(m.path for m in before)}{'等' if count > 4 else ''}），不比较",
                "en": f"{report.path} matches several {report.year - 1} reports ({', '.join(m.path for m in before)}{', …' if count > 4 else ''}); not compared"})
            continue
        if count:
            previous = before[0]
            if names.matching(_key(previous)) is not None and in_year(_key(previous), report.year)[0] == 1:
                pairs.append((previous, report))
    yield from notes.rest()

    def one_agency(a: _Report, b: _Report) -> bool:
        return bool(a.region and b.region) and (_key(a) == _key(b) or _same_agency(a, b))

    return pairs, one_agency


#: A name with more names one character apart than this is not compared across years: its reports
#: of one year would match several anyway, and comparing them all would cost the square of a run.
CROWDED_NAMES = 32
#: Notes of one kind kept whole; the rest are counted in one more note.
NOTES_PER_KIND = 50


class _Names:
    """The distinct (region, office) names of a run, indexed so that the names :func:`_same_agency`
    with one are found by lookups, among the names whose region ends with the same unit (洪泽区):
    offices by each one-character gap (a character replaced) and by each one-character deletion
    (one added or dropped), regions by each tail (洪泽区 / 淮安市洪泽区)."""

    def __init__(self, groups: dict[tuple, list]) -> None:
        self.keys = set(groups)
        self.offices: set[tuple[str, str]] = set()
        self.gaps: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
        self.longer: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
        self.tails: dict[tuple, list[tuple]] = collections.defaultdict(list)
        for region, office in groups:
            for i in range(len(region)):
                self.tails[(region[i:], office)].append((region, office))
            if (region[-1], office) in self.offices:
                continue
            self.offices.add((region[-1], office))
            if len(office) >= 4:
                for i in range(len(office)):
                    self.gaps[(region[-1], office[:i] + "\0" + office[i + 1 :])].append(office)
            if len(office) >= 5:
                for i in range(len(office)):
                    self.longer[(region[-1], office[:i] + office[i + 1 :])].append(office)
        self.found: dict[tuple, set | None] = {}

    def matching(self, key: tuple) -> set | None:
        """The names of one agency with ``key`` (itself included), or None when its office has more
        than :data:`CROWDED_NAMES` offices one character apart (under the same last unit)."""
        if key not in self.found:
            self.found[key] = self._matching(key)
        return self.found[key]

    def _matching(self, key: tuple) -> set | None:
        region, office = key
        offices = list(itertools.islice(self._offices(region[-1], office), CROWDED_NAMES + 2))
        if len(offices) > CROWDED_NAMES + 1:
            return None
        found: set = set()
        for other in offices:
            # regions the same or one the other's tail: mine ends theirs, or theirs is a tail of mine
            found.update(self.tails.get((region, other), ()))
            found.update(name for name in ((region[i:], other) for i in range(1, len(region))) if name in self.keys)
        return found

    def _offices(self, unit: str, office: str) -> Iterator[str]:
        """The office, then the run's offices one character from it under ``unit``, each once."""
        yield office
        if len(office) < 4:
            return
        seen = {office}
        nearby = itertools.chain(
            (o for i in range(len(office)) for o in self.gaps.get((unit, office[:i] + "\0" + office[i + 1 :]), ())),
            self.longer.get((unit, office), ()),
            (office[:i] + office[i + 1 :] for i in range(len(office)) if len(office) >= 5))
        for other in nearby:
            if other not in seen and (unit, other) in self.offices:
                seen.add(other)
                yield other


class _Notes:
    """The notes of the comparison, at most :data:`NOTES_PER_KIND` of a kind; then how many more."""

    def __init__(self) -> None:
        self.counts: collections.Counter = collections.Counter()

    def add(self, kind: str, text: dict) -> Iterator[Note]:
        self.counts[kind] += 1
        if self.counts[kind] <= NOTES_PER_KIND:
            yield Note(text)

    def rest(self) -> Iterator[Note]:
        more = sum(max(0, n - NOTES_PER_KIND) for n in self.counts.values())
        if more:
            yield Note({"zh": f"另有{more}条同类说明从略", "en": f"{more} more notes of these kinds are left out"})


def _key(report: _Report) -> tuple:
    return report.region, report.office


def _carry_over(previous: _Report, this: _Report) -> Iterator[tuple[str, Finding]]:
    """RL701: this year's 二、上年结转 against last year's 四、结转下年度继续办理, column by column; one
    finding for the pair, at the total (or the first column that differs), naming every column."""
    carried_out = previous.data.get("carried_out") or {}
    carried_in = this.data.get("carried_in") or {}
    differ = [(column, cell, carried_out[column]) for column, cell in carried_in.items()
              if column in carried_out and carried_out[column][0] != cell[0]]
    if not differ:
        return
    column, cell, before = next((d for d in differ if d[0] == "总计"), differ[0])
    yield this.path, _finding("RL701", cell, {
        "columns": {"zh": "、".join(f"{c}{now}（上年报告为{was[0]}）" for c, now, was in ((c, x[0], y) for c, x, y in differ)),
                    "en": ", ".join(f"'{c}' {x[0]} (carried out {y[0]})" for c, x, y in differ)},
        "other": previous.path, "other_year": previous.year, "other_line": before[1]})


def _valid_chain(previous: _Report, this: _Report) -> Iterator[tuple[str, Finding]]:
    """RL702: 现行有效(Y) = 现行有效(Y−1) + 制发(Y) − 废止(Y), row by row of table 二 (2021 format)."""
    last = previous.data.get("valid") or {}
    for row, cells in (this.data.get("valid") or {}).items():
        before = last.get(row)
        if before is None:
            continue
        expected = before["valid"][0] + cells["made"][0] - cells["repealed"][0]
        if cells["valid"][0] == expected:
            continue
        yield this.path, _finding("RL702", cells["valid"], {
            "row": row, "this": cells["valid"][0], "previous": before["valid"][0], "made": cells["made"][0],
            "repealed": cells["repealed"][0], "expected": expected, "other": previous.path,
            "other_year": previous.year, "other_line": before["valid"][1]})


def _reuse(reports: list[_Report], pairs, same: Callable[[_Report, _Report], bool], threshold: float) -> Iterator[tuple[str, Finding]]:
    """RL703: section 五 against the agency's report of the year before, and against other
    agencies' reports of the run (a copy goes against the later report, both in one year). One
    finding a file, naming the closest and counting the others; copies of one report (same year,
    same name) and one agency's reports of years apart are not compared."""
    best: dict[str, tuple[float, _Report]] = {}
    count: collections.Counter = collections.Counter()

    def candidate(this: _Report, other: _Report, score: float, more: int = 0) -> None:
        known = best.get(this.path)
        if known is None or (-score, other.path) < (-known[0], known[1].path):
            best[this.path] = (score, other)
        count[this.path] += 1 + more

    for previous, this in pairs:
        a, b = previous.data.get("reuse"), this.data.get("reuse")
        if a and b and _reused(score := similarity(a["sketch"], b["sketch"]), threshold):
            candidate(this, previous, score)
    for this, other, score, more in _similar_across(reports, same, threshold):
        candidate(this, other, score, more)
    by_path = {r.path: r for r in reports}
    for path in sorted(best):
        score, other = best[path]
        yield path, _reuse_finding(by_path[path].data["reuse"], other, other.data["reuse"], score, count[path] - 1)


def _reused(score: float, threshold: float) -> bool:
    """Whether two sections 五 this alike are one copied from the other: at least ``threshold`` of
    their fragments shared, and some fragment shared at all (a threshold of 0 reports any overlap,
    never two texts with nothing in common as "0% alike")."""
    return score > 0 and score >= threshold


def _similar_across(reports: list[_Report], same: Callable[[_Report, _Report], bool],
                    threshold: float) -> Iterator[tuple[_Report, _Report, float, int]]:
    """(report, the closest other, similarity, how many more are as close) between different
    agencies. Identical texts are one text here: candidates are pairs of distinct texts that share
    sketch values (values shared by very many texts — boilerplate — aside), so a corpus holding one
    text many times costs no more than the text once."""
    copies: dict[str, list[_Report]] = collections.defaultdict(list)
    for report in reports:
        if report.data.get("reuse") and isinstance(report.data["reuse"].get("sketch"), str):
            copies[report.data["reuse"]["sketch"]].append(report)
    texts = list(copies)
    for members in copies.values():
        members.sort(key=lambda r: (r.year if r.year is not None else 0, r.path))
    index: dict[int, list[int]] = collections.defaultdict(list)
    for i, encoded in enumerate(texts):
        for value in sketch_values(encoded):
            index[value].append(i)
    shared: collections.Counter = collections.Counter()
    for holders in index.values():
        if len(holders) > COMMON_SHINGLE_REPORTS:
            continue
        for x, i in enumerate(holders):
            for j in holders[x + 1 :]:
                shared[(i, j)] += 1
    least = max(1, int(threshold * SKETCH_SIZE * 0.25))
    groups = [(i, i, 1.0) for i in range(len(texts)) if len(copies[texts[i]]) > 1]
    for (i, j), common in sorted(shared.items()):
        if common < min(least, len(texts[i]) // 8, len(texts[j]) // 8):
            continue
        score = similarity(texts[i], texts[j])
        if _reused(score, threshold):
            groups.append((i, j, score))
    for i, j, score in groups:
        for mine, theirs in ((i, j), (j, i)) if i != j else ((i, i),):
            # copies of one text by one agency of one year have one closest other: looked for once
            closest: dict[tuple, tuple[_Report | None, int]] = {}
            for this in copies[texts[mine]]:
                who = (this.region, this.office, this.year, this.data.get("agency"))
                if who not in closest:
                    closest[who] = _closest(this, copies[texts[theirs]], same)
                other, more = closest[who]
                if other is not None:
                    yield this, other, score, more


#: How many reports of one text are looked at for one report (a text copied thousands of times).
_SCAN_COPIES = 1000


def _closest(this: _Report, others: list[_Report], same: Callable[[_Report, _Report], bool]) -> tuple[_Report | None, int]:
    """The first of ``others`` (sorted by year) ``this`` may have copied — another agency's, of its
    year or before, not a copy of this very report — and how many more there are. It depends on
    ``this`` only through its agency (name, region, office) and year: a report is never its own
    closest (same agency, same year)."""
    found, more = None, 0
    for other in others[:_SCAN_COPIES]:
        if other is this or (this.year is not None and other.year is not None and other.year > this.year):
            continue
        if same(this, other) or (this.year == other.year and this.data.get("agency") == other.data.get("agency")):
            continue  # one agency (years apart: no chain), or copies of one report (its HTML and its PDF)
        if found is None:
            found = other
        else:
            more += 1
    return found, more


def _reuse_finding(reuse: dict, other: _Report, other_reuse: dict, score: float, more: int) -> Finding:
    line, column, end = reuse["at"]
    return Finding("RL703", line, column, {
        "other": other.path, "other_year": other.year, "other_line": other_reuse["at"][0], "percent": max(1, int(score * 100)),
        "more": {"zh": f"；另有{more}份报告与之相近", "en": f"; {more} more reports are as close"} if more else "",
    }, end_column=end)


def _finding(code: str, cell: list, args: dict) -> Finding:
    value, line, column, end, location = cell
    return Finding(code, line, column, args, end_column=end, location=location)
