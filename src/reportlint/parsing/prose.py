"""The running text: paragraphs joined over line breaks, and the claims they make about the tables.

A report's prose restates its tables in many phrasings (rules/data/claims.toml). This module reads
it once: every paragraph outside the tables, and in each sentence every figure a phrase of the
lexicon introduces, with the cells it names (:class:`reportlint.core.model.Claim`). The rules
compare claims with cells (RL306) and totals with their parts (RL307); they never read the lines.

The text is compared as NFKC without whitespace (``收到 政府信息公开申请 12 件`` is
``收到政府信息公开申请12件``); every position is mapped back to the paragraph as written.
"""

import bisect
import re
from decimal import Decimal
from typing import Iterable, Iterator, NamedTuple, Sequence

from reportlint.core import patterns
from reportlint.core.lexicon import ClaimKind, Lexicon
from reportlint.core.model import Claim, Paragraph, Section
from reportlint.core.patterns import lazy
from reportlint.parsing import heuristics as h

# --- paragraphs ------------------------------------------------------------------------------------

#: A line that starts a new paragraph even right after another: its own numbering.
_NEW_PARAGRAPH = lazy(r"^[\s\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[、.．](?!\d))")
_ENDS_SENTENCE = lazy(r"[。；;！？!?]\s*$")


def _prose_lines(lines: Sequence[str], skip: frozenset[int]) -> Iterator[tuple[int, str]]:
    previous = -1
    for number, text in enumerate(lines, start=1):
        if number in skip or not text or "\t" in text:
            continue
        long_enough = len(text.strip()) >= h.MIN_PROSE_CHARS
        continues = previous == number - 1 and _ENDS_SENTENCE.search(text) and not _NEW_PARAGRAPH.match(text)
        if long_enough or continues:
            previous = number
            yield number, text


def paragraphs(lines: Sequence[str], sections: Sequence[Section] = (), skip: Iterable[int] = ()) -> tuple[Paragraph, ...]:
    """The report's running text, a paragraph per run of consecutive prose lines; a numbered line
    (（二）…, 2.…) starts a new one. ``skip``: lines that are tables'."""
    where = _section_of_line(sections, len(lines))
    out: list[Paragraph] = []
    text, starts, numbers = "", [], []
    for number, line in _prose_lines(lines, frozenset(skip)):
        if text and (number != numbers[-1] + 1 or _NEW_PARAGRAPH.match(line)):
            out.append(Paragraph(text, tuple(starts), tuple(numbers), where[numbers[0]]))
            text, starts, numbers = "", [], []
        starts.append(len(text))
        numbers.append(number)
        text += line
    if text:
        out.append(Paragraph(text, tuple(starts), tuple(numbers), where[numbers[0]]))
    return tuple(p._replace(sentences=tuple(sentences(p.text))) for p in out)


#: A sentence ends at 。！？ — not at ；, which separates the items of one list as often as it ends a
#: thought (…扶贫类信息12条；突发公共事件应急预案类信息47条；其他…45条。).
_SENTENCE_END = lazy(r"[^。！？!?]+[。！？!?]*")
#: Words that continue a sentence's breakdown into the next one (…共12件。其中，自然人10件;
#: …行政许可类信息3条。其他应主动公开的政府信息24条).
_CONTINUES = lazy(r"[\s\u3000]*(?:其中|包括|分别(?:为|是)?|具体(?:为|是|如下)?|其他|另有)")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, a sentence that only goes on breaking down the
    one before it joined to it."""
    merged: list[list[int]] = []
    for m in _SENTENCE_END.finditer(text):
        if merged and _CONTINUES.match(text, m.start()):
            merged[-1][1] = m.end()
        else:
            merged.append([m.start(), m.end()])
    return ((s, e) for s, e in merged)


def _section_of_line(sections: Sequence[Section], count: int) -> list[int | None]:
    where: list[int | None] = [None] * (count + 2)
    for section in sections:
        for n in range(section.heading.line, min(section.end, count) + 1):
            where[n] = section.index
    return where


# --- the compared form -----------------------------------------------------------------------------


#: Full-width ASCII (digits, ，；：（）！？％) to ASCII, as NFKC folds them; one character each, so that
#: positions stay the paragraph's. Whitespace, zero-width spaces and BOMs are then dropped.
_FOLD = str.maketrans({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0xA0: " ", 0x200B: " ", 0xFEFF: " "})
_GAPS = lazy(r"\s+")


class _Compact(NamedTuple):
    """A paragraph as compared (full-width ASCII folded, no whitespace), and where the whitespace it
    dropped stood: ``runs[k]`` is the compact position before which ``removed[k]`` characters of the
    paragraph, in all, were dropped."""

    text: str
    runs: tuple[int, ...]
    removed: tuple[int, ...]

    def original(self, pos: int) -> int:
        """The paragraph's index of compact character ``pos``."""
        k = bisect.bisect_right(self.runs, pos) - 1
        return pos + (self.removed[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The paragraph's (start, end) of compact characters ``start:end``."""
        return self.original(start), self.original(end - 1) + 1

    def compact(self, index: int) -> int:
        """The compact position of the paragraph's character ``index`` (or of the next kept one)."""
        lo, hi = 0, len(self.text)
        while lo < hi:  # the first compact position whose original index is >= index
            mid = (lo + hi) // 2
            if self.original(mid) < index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _compact(text: str) -> _Compact:
    folded = text.translate(_FOLD)
    parts, runs, removed = [], [], []
    last, dropped = 0, 0
    for m in _GAPS.finditer(folded):
        parts.append(folded[last : m.start()])
        dropped += m.end() - m.start()
        runs.append(m.start() - (dropped - (m.end() - m.start())))
        removed.append(dropped)
        last = m.end()
    parts.append(folded[last:])
    return _Compact("".join(parts), tuple(runs), tuple(removed))


# --- claims ------------------------------------------------------------------------------------------

#: A figure with its counting word: 12件, 1,200件 (thousands grouped; the compact text has no spaces and
#: ASCII commas). Not a share, a duration or an ordinal (12个工作日, 第3件).
_FIGURE = lazy(r"(?<![\d.第])(?<!\d,)((?:\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.\d{1,6})?)(件|个|宗|起|份|条|项|次|部|篇|万元|元)(?!工作日|自然日|月|小时|百分点|日内)")
#: An amount in 元 stated against a table cell in 万元 (本年收费金额（单位：万元）).
_YUAN_PER_WAN = Decimal(10000)
#: What may stand between a phrase and its figure.
_FILLER = r"(?:[,:]|共计|共|合计|总计|累计|达到|达|为|了|计|约|分别为|分别是|分别|各|是|有)*"
#: The last year a sentence names before a phrase: a figure of another year is no claim on this
#: year's tables.
_YEAR = lazy(r"(20\d{2})年")
#: A part of the year, or more than one year, named before a figure: the figure is not the year's
#: (上半年收到申请267件, 第一季度…, 1至11月…, 12月份…, 截至11月底…, 近三年…, 《条例》施行以来累计…).
#: 1至12月, 截至12月31日 and 今年以来 are the whole year.
_OTHER_PERIOD = lazy(
    r"[上下]半年|(?:第|前)?[一二三四1-4]个?季度|(?:至|到|-|—|~|～)(?:[1-9]|1[01])月(?!\d)"
    r"|(?<![至到\-—~～\d])(?:[1-9]|1[0-2])月份|截至[^,。;]{0,12}?(?<!\d)(?:[1-9]|1[01])月"
    r"|近[两二三四五六七八九十\d]+年|(?:施行|实施|修订|颁布|开通|运行|成立|上线)以来"
)
#: A body or an area a sentence speaks of just before its verb (全区共收到…, 区政府办公室受理…).
_SCOPE = lazy(
    r"(全(?:区|市|县|省|镇|乡|州|盟|旗)(?:各级|各部门|各单位)?|各(?:级(?:行政机关)?|部门|单位|乡镇|街道)"
    r"|(?:(?![年度我本])[\u4e00-\u9fff]){2,14}?(?:办公室|办公厅|委员会|管理局|局|委|中心|政府|街道|镇|乡|片区))"
    r"(?:(?:共|全年|本年度?|20\d{2}年度?|累计|依法|,)*)$"
)
_CLAUSE_STOP = lazy(r"[,。;、]")
_SELF = lazy(r"^(?:我|本)(?:局|委|办|厅|机关|单位|部门|中心|镇|乡|街道|区|县|市|府|院|所|站|处)")


class _Phrase(NamedTuple):
    kind: ClaimKind
    pattern: re.Pattern  # the phrase, then filler, at the end of what precedes a figure
    anywhere: re.Pattern  # the phrase alone (statements, "all")
    not_before: re.Pattern | None


_COMPILED: dict[int, tuple[Lexicon, tuple[_Phrase, ...]]] = {}
#: Lexicons whose patterns are kept compiled (one per plugin set a process has seen).
_LEXICONS_KEPT = 16


def _phrases(lexicon: Lexicon) -> tuple[_Phrase, ...]:
    """The lexicon's patterns, compiled once per lexicon (the host builds one per plugin set)."""
    kept = _COMPILED.get(id(lexicon))
    if kept is not None and kept[0] is lexicon:
        return kept[1]
    if len(_COMPILED) >= _LEXICONS_KEPT:
        _COMPILED.clear()
    out = []
    for kind in lexicon.kinds:
        body = "|".join(f"(?:{p})" for p in kind.phrases)
        out.append(_Phrase(
            kind,
            patterns.compile(f"(?P<phrase>{body})(?P<gap>{_FILLER})$"),
            patterns.compile(f"(?:{body})"),
            patterns.compile(kind.not_before) if kind.not_before else None,
        ))
    _COMPILED[id(lexicon)] = (lexicon, tuple(out))
    return tuple(out)


def claims(paras: Sequence[Paragraph], lexicon: Lexicon, year: int | None = None, agency: str | None = None) -> tuple[Claim, ...]:
    """Every claim of ``lexicon``'s kinds the paragraphs make. Sections 五 and 六 (problems, plans,
    fees) state no table's figures and are not read."""
    phrases = _phrases(lexicon)
    found: list[Claim] = []
    for number, para in enumerate(paras):
        if para.section in (5, 6):
            continue
        _paragraph_claims(number, para, phrases, year, agency or "", found)
    return tuple(found)


def _paragraph_claims(number: int, para: Paragraph, phrases, year, agency, found: list[Claim]) -> None:
    """Append the claims of one paragraph to ``found`` (a part names its head by its index there)."""
    view = _compact(para.text)
    text = view.text
    heads = [p for p in phrases if p.kind.role in ("head", "part", "context")]
    whole = [p for p in phrases if p.kind.role in ("statement", "all")]
    for start, end in _compact_spans(view, para.sentences):
        sentence_heads: list[tuple[int, int]] = []  # (where its figure ends, the head's index)
        head: int | None = None
        silenced: set[str] = set()
        previous = start
        years = [(y.end(), int(y.group(1))) for y in _YEAR.finditer(text, start, end)]
        period = _OTHER_PERIOD.search(text, start, end)
        other_period_from = period.start() if period is not None else end
        for m in _FIGURE.finditer(text, start, end):
            lead = text[max(previous, m.start() - h.CLAIM_LEAD_CHARS) : m.start()]
            lead_start = m.start() - len(lead)
            previous = m.end()
            best = _best(heads, lead, m.group(2))
            if best is None:
                continue
            phrase, match = best
            at = lead_start + match.start("phrase")
            before = text[max(start, at - h.CLAIM_CONTEXT_CHARS) : at]
            kind = phrase.kind
            if kind.role == "context":
                silenced.update(kind.silences)
                head = None
                continue
            if phrase.not_before is not None and phrase.not_before.search(before):
                continue
            if _other_year(years, at, year) or other_period_from < at:
                continue
            if any(ref.table in silenced for ref in kind.cells) or (kind.role == "part" and silenced & set(kind.tables)):
                continue
            owner = None
            if kind.role == "part":
                cells, accept, owner = _part_cells(kind, head, found)
                if not cells:
                    continue
            else:
                cells, accept = kind.cells, kind.accept
            found.append(_claim(kind, _figure(m.group(1), m.group(2)), m.group(2), cells, accept, number, view, at, m.start(1), m.end(2),
                                _scope(before, agency), owner))
            if kind.role == "head":
                head = len(found) - 1
                sentence_heads.append((m.end(), head))
        for phrase in whole:
            for m in phrase.anywhere.finditer(text, start, end):
                before = text[max(start, m.start() - h.CLAIM_CONTEXT_CHARS) : m.start()]
                if phrase.not_before is not None and phrase.not_before.search(before):
                    continue
                if _other_year(years, m.start(), year) or other_period_from < m.start():
                    continue
                kind = phrase.kind
                if kind.role == "statement":
                    found.append(_claim(kind, kind.value or 0, "", kind.cells, (), number, view, m.start(), m.start(), m.end(),
                                        _scope(before, agency)))
                    continue
                for figure_end, head_index in sentence_heads:  # "all": every head before it in the sentence
                    if figure_end <= m.start():
                        cells, _, owner = _part_cells(kind, head_index, found)
                        if cells and owner is not None:
                            head_claim = found[head_index]
                            value = head_claim.value if kind.value is None else kind.value
                            found.append(_claim(kind, value, head_claim.unit, cells, (), number, view, m.start(),
                                                m.start(), m.end(), head_claim.scope, owner))


def _compact_spans(view: _Compact, spans) -> Iterator[tuple[int, int]]:
    """The paragraph's sentences as spans of its compared form."""
    for start, end in spans:
        lo, hi = view.compact(start), view.compact(end)
        if lo < hi:
            yield lo, hi


def _best(candidates: Sequence[_Phrase], lead: str, unit: str):
    """The phrase that ends closest to the figure (least filler between), the longest at equal
    distance; None when no phrase of a kind counting in ``unit`` ends the lead."""
    best = None
    best_key = None
    for phrase in candidates:
        if unit not in phrase.kind.units:
            continue
        m = phrase.pattern.search(lead)
        if m is None:
            continue
        key = (len(m.group("gap")), -(m.end("phrase") - m.start("phrase")))
        if best_key is None or key < best_key:
            best, best_key = (phrase, m), key
    return best


def _part_cells(kind: ClaimKind, head: int | None, found: Sequence[Claim]):
    """(cells, accept, head) of a part: its columns in each of its head's rows (and in each of the
    head's other readings, ``accept``); without a head of its tables, its own cells (自然人申请10件 is
    a part of 本年新收) and no head."""
    if head is not None:
        claim = found[head]
        if any(ref.table in kind.tables for ref in claim.cells):
            cells = tuple(ref.with_column(c) for ref in claim.cells if ref.table in kind.tables for c in kind.columns)
            accept = tuple(tuple(ref.with_column(c) for ref in group for c in kind.columns) for group in claim.accept)
            return cells, accept, head
    return kind.cells, (), None


def _claim(kind, value, unit, cells, accept, number, view: _Compact, phrase_at, start, end, scope, head=None) -> Claim:
    begin, finish = view.span(start, end)
    return Claim(kind=kind, value=value, unit=unit, cells=tuple(cells), accept=tuple(accept), paragraph=number,
                 start=begin, end=finish, text=view.text[phrase_at:end], scope=scope, head=head)


def _figure(digits: str, unit: str) -> int | Decimal:
    """A count as an int; an amount in 万元 (what the tables count money in), exactly."""
    digits = digits.replace(",", "")
    if unit not in ("元", "万元"):
        if "." in digits:
            return Decimal(digits)  # a fraction of a count: compared as stated, never equal to a count
        return int(digits)
    amount = Decimal(digits) / _YUAN_PER_WAN if unit == "元" else Decimal(digits)
    return int(amount) if amount == amount.to_integral_value() else amount


def _end(year_named: tuple[int, int]) -> int:
    return year_named[0]


def _other_year(years: Sequence[tuple[int, int]], at: int, year: int | None) -> bool:
    """Whether the sentence, up to position ``at``, last named a year other than the report's
    (``years``: where each year named in the sentence ends, and the year): its figures are that
    year's (2020年收到申请5件 in a 2021 report)."""
    if year is None:
        return False
    k = bisect.bisect_right(years, at, key=_end) - 1
    return k >= 0 and years[k][1] != year


def _scope(before: str, agency: str) -> str | None:
    """The body or area the clause before a phrase names, if it is not the report's own."""
    clause = _CLAUSE_STOP.split(before)[-1] if before else ""
    m = _SCOPE.search(clause)
    if m is None:
        return None
    name = m.group(1)
    if _SELF.match(name) or (agency and (name in agency or agency.endswith(name))):
        return None
    return name
