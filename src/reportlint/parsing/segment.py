"""The report's text as logical lines, whatever its line breaks.

A crawler saves a web page as ONE physical line: headings in mid-line, tables run together with
their captions, rows and figures (``…的情况。 二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数…
规章000行政规范性文件2025…``). Line breaks are one separator among others, so before anything else
the text is cut into *logical lines* at the places a line would break in a report laid out normally:
before and after a section heading, before a table's caption and its header, between the rows of a
table (after a row's figures, before a row label), between paragraphs (a space after a full stop),
and around a title or a date standing alone. A text that is already laid out normally is unchanged:
its lines are its logical lines.

A logical line is always a piece of one physical line, so positions map back simply:
(logical line, column) -> (physical line, column + offset). Every position the model holds is
logical; :class:`Layout` turns them into positions of the file as stored.
"""

import bisect
import functools
import itertools
import re
import unicodedata
from difflib import SequenceMatcher
from typing import NamedTuple, Sequence

from reportlint.core.model import Layout
from reportlint.core.numerals import chinese_to_int
from reportlint.core.patterns import lazy, skipping
from reportlint.core.templates import Template, label_core
from reportlint.core.text import AGENCY_END, norm
from reportlint.parsing import heuristics as h
from reportlint.parsing.furniture import furniture_starts, has_furniture
from reportlint.parsing.text import is_pipe_row, pieces


def segment(lines: Sequence[str], templates: Sequence[Template]) -> Layout:
    """Cut every physical line at the places a normally laid-out report breaks its lines."""
    marks = _marks(tuple(templates))
    out_lines: list[str] = []
    sources: list[int] = []
    offsets: list[int] = []
    done = 0  # lines before this index are in the output
    for index in _candidates(lines, marks):
        out_lines.extend(lines[done:index])  # lines with no sign of a cut, as they are
        sources.extend(range(done + 1, index + 1))
        offsets.extend([0] * (index - done))
        done = index + 1
        number, text = index + 1, lines[index]
        rows: list[int] = []
        if _TABLE_TAG.search(text):
            text, rows = _unmark(text)
        bounds = [0, *sorted({*rows, *_cuts(text, marks)} - {0, len(text)}), len(text)]
        for a, b in zip(bounds, bounds[1:]):
            if a and not text[a:b].strip():
                continue  # only the spaces between two pieces
            out_lines.append(text[a:b])
            sources.append(number)
            offsets.append(a)
    out_lines.extend(lines[done:])
    sources.extend(range(done + 1, len(lines) + 1))
    offsets.extend([0] * (len(lines) - done))
    return Layout(tuple(out_lines), tuple(sources), tuple(offsets))


def _candidates(lines: Sequence[str], marks: "_Marks") -> list[int]:
    """Indexes of the lines that may need cutting, in order: those holding a sign of a cut
    (:data:`_CUT_SIGNS`), and long ones holding a word of page furniture. The signs are searched
    for in the whole text at once; a match running over a line break marks every line it touches,
    so no sign a line holds can be hidden by a match before it."""
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    marked: set[int] = set()
    for m in marks.may_cut.finditer(text):
        first = bisect.bisect_right(starts, m.start()) - 1
        last = bisect.bisect_right(starts, max(m.start(), m.end() - 1)) - 1
        marked.update(range(first, last + 1))
    for index, line in enumerate(lines):
        if index not in marked and len(line) > h.FURNITURE_LINE_CHARS and has_furniture(line):
            marked.add(index)
    return sorted(i for i in marked if i < len(lines))


# --- HTML tables in a text file ------------------------------------------------------------------------

_TABLE_TAG = lazy(r"<(?:table|tr|td|th)\b", re.IGNORECASE)
_TAG = lazy(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,2000}>|&(?:nbsp|ensp|emsp|#160|#12288);|&[a-zA-Z]{2,8};|&#\d{1,7};")


def _unmark(text: str) -> tuple[str, list[int]]:
    """A PDF converter's Markdown keeps tables as HTML (``<tr><td rowspan="22">…``): read them as
    tab rows. Every tag becomes blanks of its own length (a cell's opening tag starts with a tab),
    so columns stay those of the file; each table row starts a logical line."""
    rows: list[int] = []

    def blank(m: re.Match) -> str:
        tag = (m.group(2) or "").lower()
        if tag == "tr" or tag == "table":
            rows.append(m.start())
        width = m.end() - m.start()
        if tag in ("td", "th") and not m.group(1):
            return "\t" + " " * (width - 1)
        return " " * width

    return _TAG.sub(blank, text), rows


# --- what the cuts look for ------------------------------------------------------------------------


class _Marks(NamedTuple):
    sections: tuple  # per section 1-6: (exact wordings, keywords, the format's heading)
    row_labels: tuple[str, ...]  # folded: table-三 rows with their numbering, table-二 rows; longest first
    table2_header: tuple[str, ...]  # folded: 信息内容
    table3_anchors: tuple[str, ...]  # as written: 勾稽, 申请人情况
    table4: tuple[str, tuple[tuple[str, ...], ...]]  # 行政复议, and the words confirming it
    may_cut: re.Pattern  # a line without any of these (and short) holds no cut: see _CUT_SIGNS


@functools.lru_cache(maxsize=8)
def _marks(templates: tuple[Template, ...]) -> _Marks:
    sections: list[tuple[set, set, str]] = [(set(), set(), "") for _ in range(6)]
    for t in templates:
        for index, spec in enumerate(t.sections[:6]):
            exact, keywords, heading = sections[index]
            exact.update((spec.heading, *spec.variants))
            keywords.update(spec.keywords)
            sections[index] = (exact, keywords, heading or spec.heading)
    labels: set[str] = set()
    for t in templates:
        for row in t.table3_rows:
            prefix = _NUMBERING.match(row.label)
            labels.add(_fold((prefix.group(0) if prefix else "") + (row.core or label_core(row.label))))
        for block in t.table2:
            for row in block.rows:
                labels.add(_fold(row.core or label_core(row.label)))
    anchors = [a for t in templates for a in t.words.table3_anchors if a in t.table3_note or a in t.words.table3_header]
    t4 = next(((t.words.table4_anchor, t.words.table4_confirm) for t in templates if t.words.table4_anchor), ("", ()))
    return _Marks(
        tuple((tuple(sorted(e, key=len, reverse=True)), tuple(k), head) for e, k, head in sections),
        tuple(sorted(labels, key=len, reverse=True)),
        tuple(sorted({_fold(t.words.table2_header) for t in templates if t.words.table2_header})),
        tuple(dict.fromkeys(anchors)),
        t4,
        skipping("|".join([_CUT_SIGNS, *(re.escape(a) for a in dict.fromkeys(anchors))])),
    )


#: Every cut :func:`_cuts` makes in a short line needs one of these (or a table-三 anchor), so a line
#: with none is a logical line as it is: an HTML tag, a heading number (部分, 二、, 3.), a caption's
#: 第N条, a section number between blanks (its 、 left out), a sentence end with more after it, a
#: （一） after a break, a year after a space (a date alone), a title; or, in a line longer than
#: FURNITURE_LINE_CHARS, a word of page furniture.
#: Searched in the whole text at once, so its blanks are [^\S\n]: no match runs over a line break.
_CUT_SIGNS = (r"<|部分|[一二三四五六1-6][^\S\n]*[、.．]|[^\S\n][一二三四五六][^\S\n]|第[^\S\n]*[一二三四五六七八九十百零〇\d]+[^\S\n]*条"
              r"|[。！？；][^\S\n]+\S|(?:[^\S\n]|[。；])[（(][一二三四五六七八九十]"
              r"|[^\S\n](?:\d{4}|[〇零○OＯ一二三四五六七八九]{4})[^\S\n]*年|年度报告")
_NUMBERING = lazy(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")
_HEADING_NUMBER = lazy(r"第([一二三四五六])部分\s*[、.．:：]?|([一二三四五六])\s*[、.．]|([1-6])\s*[、.．](?!\d)")
#: A section number whose 、 was left out (… 二 主动公开政府信息情况 …): a heading only before the
#: format's own words.
_SPACED_NUMBER = lazy(r"(?:(?<=[\s\u3000])|^)[一二三四五六][ \u3000\u00a0]+(?=\S)")
_AFTER_SENTENCE = lazy(r"[。！？；][\s\u3000]+(?=\S)")
_SUBSECTION = lazy(r"(?<=[\s\u3000。；])[（(][一二三四五六七八九十]{1,3}[）)]")
_CAPTION = lazy(r"第\s*[一二三四五六七八九十百零〇\d]+\s*条\s*第\s*[（(]\s*[一二三四五六七八九十\d]+\s*[）)]\s*项")
# A date with a space on either side (a 落款 run into the page), but not a period's start or end
# (自 2023年1月1日 起): those stay in their sentence.
_DATE_ALONE = lazy(r"(?<![自从至到于止为起]\s)(?<=[\s\u3000])(?:\d{4}|[〇零○OＯ一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日(?=[\s\u3000]+[^起止至到星]|[\s\u3000]*$)")
_TITLE = lazy(rf"(?:(?<=[\s\u3000])|^)(?:[^\s\d。，；]{{1,40}}{AGENCY_END}[\s\u3000]?)?\d{{4}}\s*年度?\s*[^\s。，；]{{0,12}}?政府信息公开(?:工作)?\s*年度报告")
_LEAD = lazy(r"[\s\u3000#>*_]*")
_BEFORE_HEADING = set(" \t\u3000\u00a0。；！？：:;!?）)】」』”\"'0123456789０１２３４５６７８９")
_LIST_AFTER = set("；;，,、")
_QUOTES = set("“”\"'‘’")


def _fold(text: str) -> str:
    """The compare-form of a label (see :func:`norm`), character by character."""
    return "".join(_fold_chars(text)[0])


def _fold_chars(text: str) -> tuple[list[str], list[int]]:
    """Each kept character in compare-form, and its index in ``text``: no spaces, no quotes,
    full-width to half-width, an item number's 、 written as "."."""
    chars: list[str] = []
    index: list[int] = []
    known = _FOLDED
    for i, ch in enumerate(text):
        folded = known.get(ch)
        if folded is None:
            folded = known[ch] = _fold_char(ch)
        if not folded:
            continue
        if folded in ("、", "．", ",", "，") and chars and chars[-1].isdigit():
            folded = "."
        if len(folded) == 1:
            chars.append(folded)
            index.append(i)
        else:
            for c in folded:
                chars.append(c)
                index.append(i)
    return chars, index


#: Each character's compare-form, as it is first met ("" for a character dropped).
_FOLDED: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    if ch.isspace() or ch in "\u3000\u00a0\u200b\ufeff" or ch in _QUOTES:
        return ""
    return unicodedata.normalize("NFKC", ch)


def _cuts(text: str, marks: _Marks) -> list[int]:
    """Positions in one physical line where a logical line starts (0 excluded), in order."""
    if not text.strip() or len(text) <= h.TABLE_ROW_CHARS and ("\t" in text or is_pipe_row(text.strip())):
        return []  # a table row whose cells are separated already (tabs, pipes)
    cuts: set[int] = set()
    headings = _heading_cuts(text, marks, cuts)
    tables = _table_spans(text, marks, headings, cuts)
    for start, end, four in tables:
        _row_cuts(text, start, end, marks, cuts, four)

    def outside(pos: int) -> bool:
        return not any(s <= pos < e for s, e, _ in tables)

    for m in _AFTER_SENTENCE.finditer(text):
        if outside(m.end()):
            cuts.add(m.end())
    for m in _SUBSECTION.finditer(text):
        if outside(m.start()):
            cuts.add(m.start())
    if len(text) > h.FURNITURE_LINE_CHARS:  # a page run into one line: its furniture apart
        for start in furniture_starts(text):
            if outside(start):
                cuts.add(start)
    for pattern in (_DATE_ALONE, _TITLE):
        for m in pattern.finditer(text):
            if outside(m.start()) and not text[: m.start()].rstrip().endswith((":", "：")):
                cuts.add(m.start())  # (a scraper's "标题: …" keeps its label)
                cuts.add(m.end())
    lead = _LEAD.match(text).end()  # indentation, or markdown before a heading (## , **)
    return sorted(c for c in cuts if lead < c < len(text))


# --- section headings ----------------------------------------------------------------------------------


def _heading_cuts(text: str, marks: _Marks, cuts: set[int]) -> list[tuple[int, int, int]]:
    """Cut before and after each section heading; return them as (start, end, section index)."""
    found = []
    for count, m in enumerate(_HEADING_NUMBER.finditer(text)):
        if count >= h.MAX_HEADING_CANDIDATES:
            break
        s = m.start()
        before = text[s - 1] if s else " "
        if m.group(3) and before.isdigit():
            continue  # 2020、 is no heading
        index = int(m.group(3)) if m.group(3) else chinese_to_int(m.group(1) or m.group(2))
        # A glued copy runs a heading into anything before it (…200326元三、收到和处理…); words
        # merely close to a heading must at least stand after a break.
        end = heading_end(text, m.end(), index, marks, exact_only=before not in _BEFORE_HEADING)
        if end is None or text[end : end + 1] in _LIST_AFTER:
            continue  # "包括：一、总体情况；二、…": the headings named in a sentence
        found.append((s, end, index))
        cuts.add(s)
        cuts.add(end)
    for count, m in enumerate(_SPACED_NUMBER.finditer(text)):
        if count >= h.MAX_HEADING_CANDIDATES:
            break
        end = heading_end(text, m.end(), chinese_to_int(m.group(0).strip()), marks, exact_only=True)
        if end is None or text[end : end + 1] in _LIST_AFTER:
            continue
        found.append((m.start(), end, chinese_to_int(m.group(0).strip())))
        cuts.add(m.start())
        cuts.add(end)
    found.sort()
    return found


def heading_end(text: str, start: int, index: int | None, marks: _Marks, exact_only: bool = False) -> int | None:
    """Where the words of a section heading numbered ``index`` end, when ``text[start:]`` is one:
    the format's wording of any section (a misnumbered heading is still a heading), or words close
    to the heading of the section with that number (they hold its keyword). Numbering alone never
    makes a heading."""
    while start < len(text) and text[start] in " \u3000":
        start += 1
    for exact, _, _ in marks.sections:
        for wording in exact:
            if text.startswith(wording, start):
                return start + len(wording)
    if exact_only or index is None or not 1 <= index <= len(marks.sections):
        return None
    _, keywords, heading = marks.sections[index - 1]
    window = text[start : start + h.MAX_HEADING_CHARS]
    if not any(k in window for k in keywords):
        return None
    best, best_ratio = None, h.HEADING_SIMILARITY
    target = norm(heading)
    for end in range(start + h.MIN_HEADING_WORDS, start + len(window) + 1):
        if end < len(text) and not (text[end] in _HEADING_STOP or text[end - 2 : end] in _HEADING_ENDINGS):
            continue
        words = text[start:end]
        if _DIGIT.search(words) or _HEADING_NUMBER.search(words):
            break  # figures or the next number: past the heading
        if not any(k in words for k in keywords):
            continue
        ratio = SequenceMatcher(None, norm(words), target, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = end, ratio
    return best


_ROW_NUMBER = lazy(r"(?<![\d.．])[1-9][.．、](?=[^\d\s])|[（(][一二三四五六七八九十][）)]|(?<![一二三四五六七八九十])[一二三四五六]、")
_SENTENCE_STOP = lazy(r"[。，；,;！？!?]")
_DIGIT = lazy(r"[0-9０-９]")
_HEADING_STOP = set(" \t\u3000。，；：,;:！？!?")
_HEADING_ENDINGS = {"情况", "事项", "措施", "举措", "问题"}


# --- tables ---------------------------------------------------------------------------------------------


def _table_spans(text: str, marks: _Marks, headings, cuts: set[int]) -> list[tuple[int, int, bool]]:
    """Stretches of the line that are tables: from a caption (第二十条第（N）项 followed by its
    信息内容 header or a row), the 勾稽 note, or table 四's header after section 四's heading, to
    the next section heading (at most a table's length); and whether it is table 四."""
    starts: list[int] = []
    for m in _CAPTION.finditer(text):
        after = _fold(text[m.end() : m.end() + h.CAPTION_FOLLOW_CHARS])
        if any(after.startswith(s) for s in (*marks.table2_header, *(label[: h.ROW_LABEL_START_CHARS] for label in marks.row_labels))):
            starts.append(m.start())
    for anchor in marks.table3_anchors:
        pos = text.find(anchor)
        if pos >= 0:
            back = max(0, pos - h.ANCHOR_BRACKET_CHARS)
            opening = max(text.rfind("（", back, pos), text.rfind("(", back, pos))
            starts.append(opening if opening >= 0 else pos)
    anchor, confirm = marks.table4
    four: set[int] = set()
    for _, end, number in headings:
        if number != 4 or not anchor:
            continue
        pos = text.find(anchor, end, end + h.TABLE4_HEADER_SEARCH_CHARS)
        while pos >= 0:
            # table 四's header: 行政复议 then 结果维持… with no sentence in between (the narrative's
            # "被申请行政复议3件，…" is not the table)
            window = _SENTENCE_STOP.split(text[pos : pos + h.TABLE4_HEADER_CHARS], 1)[0]
            if any(all(w in window for w in group) for group in confirm):
                starts.append(pos)
                four.add(pos)
                break
            pos = text.find(anchor, pos + 1, end + h.TABLE4_HEADER_SEARCH_CHARS)
    heading_starts = sorted(s for s, _, _ in headings)
    spans: list[tuple[int, int, bool]] = []
    for start in sorted(set(starts)):
        if spans and start < spans[-1][1]:
            continue
        cuts.add(start)
        end = next((s for s in heading_starts if s > start), len(text))
        spans.append((start, min(end, start + h.TABLE_STRETCH_CHARS), start in four))
    return spans


def _row_cuts(text: str, start: int, end: int, marks: _Marks, cuts: set[int], four: bool = False) -> None:
    """Cut a table's stretch into rows: before each caption and header, before each row label,
    and after each row's figures (where text follows them); table 四's figures apart from its
    header where a space separates them."""
    captions = [m.span() for m in _CAPTION.finditer(text, start, end)]
    for a, b in captions:
        cuts.add(a)
        cuts.add(b)
    for m in _ROW_NUMBER.finditer(text, start, end):  # 1.… or （三）… : a row label or a group label
        if not any(a <= m.start() < b for a, b in captions):
            cuts.add(m.start())
    chars, index = _fold_chars(text[start:end])
    folded = "".join(chars)
    taken = [False] * len(folded)
    for label in (*marks.table2_header, *marks.row_labels):  # longest first: 行政规范性文件 before 规范性文件
        pos = folded.find(label)
        while pos >= 0:
            if not any(taken[pos : pos + len(label)]):
                for i in range(pos, pos + len(label)):
                    taken[i] = True
                raw = start + index[pos]
                if raw > start and text[raw - 1] in "（(" and label[0] not in "(（":
                    raw -= 1
                cuts.add(raw)
            pos = folded.find(label, pos + 1)
    previous = None
    for piece in pieces(text[start:end]):
        if piece.kind == "txt" and previous == "fig":
            cuts.add(start + piece.start)
        elif four and piece.kind == "fig" and previous == "txt" and text[start + piece.start - 1].isspace():
            cuts.add(start + piece.start)
        previous = piece.kind
