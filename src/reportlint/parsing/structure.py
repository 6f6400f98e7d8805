"""Title, section headings and sections, malformed ones included so that rules can name them."""

from __future__ import annotations

import functools
import re
from typing import Sequence

from reportlint.core.model import Heading, Section, Title
from reportlint.core.numerals import chinese_to_int
from reportlint.core.patterns import lazy
from reportlint.core.templates import Template
from reportlint.core.text import AGENCY_END, norm, strip_space
from reportlint.parsing import heuristics as h
from reportlint.parsing.furniture import is_furniture

_INDENT = " \t\u3000\u00a0\ufeff"
_CHINESE_HEADING = lazy(r"^([一二三四五六七八九十]{1,2})\s*([、.．,，])\s*(\S.*)$")
_ARABIC_HEADING = lazy(r"^([1-9])\s*([、.．])\s*(\S.*)$")
_PART_HEADING = lazy(r"^第([一二三四五六七八九十])部分\s*([、.．:：]?)\s*(\S.*)$")
_PAREN_HEADING = lazy(r"^[（(]([一二三四五六])[）)]\s*()(\S.*)$")
_SPACED_HEADING = lazy(r"^([一二三四五六])[ \u3000\u00a0]+()(\S.*)$")
_TITLE_WORDS = "政府信息公开"


def find_headings(lines: Sequence[str], templates: Sequence[Template], table_labels: frozenset[str]) -> list[Heading]:
    """Every section heading, misnumbered and misworded ones included.

    Numbering alone never makes a heading. Numbered 一、 as the sections are, a line is a heading
    when its words are the format's or hold a section's keyword (一、基本情况; 三、改进措施 inside
    五 is a misplaced heading, RL102/RL104); with no such words (一、加强组织领导) only while no
    heading with words has its number. Numbered otherwise (4. / 第四部分), the words must be the
    format's, or hold the keyword of the section its number calls for: 4.认真办理依申请公开 inside
    总体情况 is a list item.
    """
    headings = []
    for number, raw_line in enumerate(lines, start=1):
        if not raw_line or raw_line[0] == "\t":
            continue  # table cells are indented by a tab in flattened tables
        if raw_line.lstrip(_INDENT)[:1] not in _HEADING_FIRST:
            continue  # no heading's number (nor markdown before it) starts the line
        heading = _parse_heading(raw_line, number, templates, table_labels)
        if heading is not None:
            headings.append(heading)
    worded = {x.index for x in headings if x.wording != "loose"}
    return [x for x in headings if x.wording != "loose" or x.index not in worded]


#: What a heading's line starts with, after its indentation: a number of one of the four styles
#: (二、 2、 第二部分 （二）) or the markdown before it (#, **, __).
_HEADING_FIRST = frozenset("一二三四五六七八九十123456789第（(#*_")
_ENDS_IN_FIGURE = lazy(r"\d+\s*$")
_ENDS_IN_YEAR = lazy(r"年\s*$")
_MARKUP = lazy(r"^(?:#{1,6}\s*)?(?:\*\*|__)?")


def _parse_heading(raw_line: str, number: int, templates, table_labels) -> Heading | None:
    lead = len(raw_line) - len(raw_line.lstrip(_INDENT))
    body = raw_line[lead:].rstrip(_INDENT)
    markup = _MARKUP.match(body).end()  # markdown "## " or "**" before the number
    stripped = body[markup:].rstrip("*_ ")
    if not stripped or "\t" in stripped:
        return None
    m = _CHINESE_HEADING.match(stripped)
    style = "chinese"
    if m:
        index = chinese_to_int(m.group(1))
        if m.group(2) not in "、":
            style = "chinese-dot"
    elif (m := _PART_HEADING.match(stripped)) is not None:
        index = chinese_to_int(m.group(1))
        style = "part"  # 第二部分 主动公开…: numbered otherwise than the format's 二、
    elif (m := _PAREN_HEADING.match(stripped)) is not None and _names_section(m.group(3), chinese_to_int(m.group(1)), templates):
        index = chinese_to_int(m.group(1))
        style = "paren"  # （二）主动公开政府信息情况: the format's heading, numbered like a subsection
    elif (m := _SPACED_HEADING.match(stripped)) is not None and _names_section(m.group(3), chinese_to_int(m.group(1)), templates):
        index = chinese_to_int(m.group(1))
        style = "spaced"  # 二 主动公开政府信息情况: the format's heading, its 、 left out
    else:
        m = _ARABIC_HEADING.match(stripped)
        if not m:
            return None
        index = int(m.group(1))
        style = "arabic"
    if index is None or not 1 <= index <= h.MAX_SECTION_NUMBER:
        return None
    text = m.group(3).strip()
    leading = _leading_heading(text, templates)
    if leading is not None and len(text) > len(leading) and text[len(leading)] in "。，,：: \u3000":
        # "一、总体情况。2021年，我局……": a heading run together with its first paragraph.
        text = leading
        stripped = stripped[: m.start(3) + len(text)]
    elif len(stripped) > h.MAX_HEADING_CHARS:
        return None
    key = norm(text)
    if key.rstrip("。；;") != key and len(key) > h.HEADING_SENTENCE_CHARS:
        return None  # a sentence, not a heading
    if _is_table_label(key, table_labels):
        return None
    if _ENDS_IN_FIGURE.search(text) and not _ENDS_IN_YEAR.search(text):
        return None  # a table row flattened with its figures
    canonical, wording = _wording(text, index, templates)
    if style in ("arabic", "part") and wording not in ("exact", "close"):
        return None  # "1.规范性文件", "4.认真办理依申请公开": list items, not headings
    column = lead + markup + 1
    number_end = column + (m.start(3))
    return Heading(
        raw=stripped,
        number=m.group(1),
        index=index,
        style=style,
        text=text,
        line=number,
        column=column,
        number_end=number_end,
        end_column=column + len(stripped),
        canonical=canonical,
        wording=wording,
    )


def _names_section(text: str, index: int | None, templates) -> bool:
    """Whether text is, word for word, the format's heading of section ``index`` (or a variant)."""
    key = norm(text.rstrip("。：: "))
    for template in templates:
        if index is not None and 1 <= index <= len(template.sections):
            spec = template.sections[index - 1]
            if key == norm(spec.heading) or key in {norm(v) for v in spec.variants}:
                return True
    return False


def _leading_heading(text: str, templates) -> str | None:
    """The format's heading at the start of a long line, if the line begins with one."""
    for template in templates:
        for spec in template.sections:
            for wording in (spec.heading, *spec.variants):
                if text.startswith(wording):
                    return wording
    return None


def _is_table_label(key: str, table_labels: frozenset[str]) -> bool:
    """Whether a heading's text is (the start of) a table-三 row label, or starts with one."""
    if len(key) < h.LABEL_START_CHARS:
        return False
    labels, starts = _label_starts(table_labels)
    return key in starts or any(key[:n] in labels for n in range(h.DISTINCT_CORE_CHARS, len(key) + 1))


@functools.lru_cache(maxsize=8)
def _label_starts(table_labels: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The labels of DISTINCT_CORE_CHARS characters or more, and every start of them
    (LABEL_START_CHARS characters on)."""
    labels = frozenset(label for label in table_labels if len(label) >= h.DISTINCT_CORE_CHARS)
    return labels, frozenset(label[:n] for label in labels for n in range(h.LABEL_START_CHARS, len(label) + 1))


def _wording(text: str, index: int, templates: Sequence[Template]) -> tuple[int | None, str]:
    """(the section the words name, how): "exact" — the format's heading or a variant, whatever the
    number; "close" — a keyword of the section with this number; "other" — a keyword of another
    section (the longest found); "loose" — none of these."""
    key = norm(text).rstrip("。：:")
    for template in templates:
        for i, spec in enumerate(template.sections, start=1):
            if key == norm(spec.heading) or key in (norm(v) for v in spec.variants):
                return i, "exact"
    best, best_len = None, 0
    for template in templates:
        for i, spec in enumerate(template.sections, start=1):
            found = max((len(k) for k in spec.keywords if k in key), default=0)
            if found and i == index:
                return index, "close"
            if found > best_len:
                best, best_len = i, found
    return best, ("other" if best is not None else "loose")


def assemble_sections(headings: Sequence[Heading], line_count: int) -> list[Section]:
    """Pick the heading that opens each of sections 一–六: the first of that number (or naming that
    section) after the previous one. Duplicates and strays stay headings, for RL102/RL104."""
    chosen: list[Heading] = []
    last_line = 0
    last_index = 0
    exact_at = {}  # section number -> line of its last heading in the format's words
    proper_at = {}  # section number -> line of its last such heading numbered 二、
    for heading in headings:
        if heading.wording == "exact" and heading.canonical == heading.index:
            exact_at[heading.index] = heading.line
            if heading.style == "chinese":
                proper_at[heading.index] = heading.line
    for heading in headings:
        if heading.line <= last_line:
            continue
        if heading.wording != "exact" and exact_at.get(heading.index, 0) > heading.line:
            continue  # "二、依申请公开情况" among 总体情况's topics: the format's 二、 comes later
        if heading.style in ("arabic", "paren") and proper_at.get(heading.index, 0) > heading.line:
            continue  # "2.主动公开情况", "（二）主动公开政府信息情况" among 总体情况's topics: 二、 comes later
        index = heading.index if heading.index <= 6 else None
        if heading.style == "arabic" and heading.canonical is not None:
            index = heading.canonical if heading.canonical == heading.index else index
        if index is None or index <= last_index:
            continue
        if index > last_index + 1 and heading.canonical is not None and heading.canonical != index:
            continue  # a stray "五、…" naming another section does not skip ahead
        chosen.append(heading)
        last_line, last_index = heading.line, index
    sections = []
    for pos, heading in enumerate(chosen):
        end = chosen[pos + 1].line - 1 if pos + 1 < len(chosen) else line_count
        sections.append(Section(index=heading.index, heading=heading, start=heading.line + 1, end=end))
    return sections


def with_text(sections: Sequence[Section], lines: Sequence[str]) -> list[Section]:
    """The sections with their bodies' text, run together once for the rules that look for words in it."""
    return [s._replace(text="".join(lines[s.start - 1 : s.end])) for s in sections]


#: The title's year: 2021年, 2021年度, or 2021 with its 年 left out before the report's words
#: (…国资委2020政府信息公开工作年度报告).
_YEAR_IN_TITLE = lazy(r"(\d{4})\s*(?:年(?:度)?|(?=政府信息公开|政务公开))")
_AGENCY_END = lazy(AGENCY_END + "$")
_LETTER_OF = lazy(r"关于(?:报送|印发|公布|发布|上报|提交)?$")
_LABEL_PREFIX = lazy(r"^\s*(?:\|\s*)?(?:标\s*题|题\s*目|title|名\s*称)\s*(?:[:：]\s*(?:\|\s*)?|\|\s*)", re.IGNORECASE)


def _agency(full: str, year_match) -> str | None:
    """The issuing body: what precedes the year, or (2021年度XX局政府信息公开…) what follows it."""
    if year_match is None:
        return None
    before = full[: year_match.start()].strip(" 　:：")
    before = _LETTER_OF.sub("", before).strip()  # a 函's title: …局关于报送2020年…
    if before:
        return before
    after = full[year_match.end() :]
    cut = after.find("政府信息公开")
    agency = after[:cut].strip(" 　:：") if cut > 0 else ""
    return agency or None


def _has_agency(text: str) -> bool:
    m = _YEAR_IN_TITLE.search(text)
    return bool(m) and bool(text[: m.start()].strip(_INDENT))


def _byline(lines, end: int, first_heading_line: int, headings) -> str | None:
    """The agency on the line under a title that starts with its year (2020年政府信息公开工作年度报告
    / 武昌经开区管委会): a name alone, ending as an agency's does, before the first heading."""
    for probe in range(end + 1, min(len(lines), end + h.TITLE_PART_LINES, first_heading_line - 1) + 1):
        text = lines[probe - 1].strip(_INDENT)
        if not text:
            continue
        if (len(text) > h.TITLE_AGENCY_CHARS or any(ch.isdigit() or ch in "。，,:：；" for ch in text)
                or is_furniture(text) or any(x.line == probe for x in headings) or not _AGENCY_END.search(text)):
            return None
        return text
    return None


def find_title(lines: Sequence[str], headings: Sequence[Heading]) -> Title | None:
    """The title: 〈机关〉〈YYYY〉年政府信息公开工作年度报告, often broken over two or three lines,
    sometimes after the first heading or behind a web page's furniture. Of the lines before the
    first heading that read like a title, the most complete is taken (a page's list of other years'
    reports lacks the agency); a scraper's metadata line (``标题: …``) only when the page itself has
    no title line."""
    limit = min(len(lines), h.TITLE_SCAN_LINES)
    first_heading = headings[0].line if headings else len(lines) + 1
    fallback = None
    found: list[Title] = []
    for number in range(1, limit + 1):
        if found and number > first_heading:
            break
        text = lines[number - 1].strip(_INDENT)
        text = text[_MARKUP.match(text).end():].rstrip("*_ ")  # markdown "# " or "**" around a title
        if not text or len(text) > h.TITLE_MAX_CHARS or "。" in text:
            continue
        joined = strip_space(text)
        if _TITLE_WORDS not in joined and "年度报告" not in joined:
            continue
        if number > first_heading and "年度报告" not in joined:
            continue  # past the first heading only a whole title is one (a sentence of 依申请公开 is not)
        if joined.startswith(("根据", "本报告", "按照", "依据", "现将", "为")):
            continue
        if is_furniture(text):
            if fallback is None and _LABEL_PREFIX.match(text):
                fallback = _title_at(lines, number, _LABEL_PREFIX.sub("", text).rstrip("| "), headings)
            continue
        title = _title_at(lines, number, text, headings)
        if title is not None:
            found.append(title)
    if not found:
        return fallback
    # a page's column name above the title ("政府信息公开" / "贵阳市2020年…") is not the agency's
    # nor is a column named after the report without its year ("云南省政府信息公开工作年度报告" above
    # "2019年云南省政府信息公开工作年度报告"): of the rest, the one that names most is the title
    return max(found, key=lambda t: (t.has_report_words and t.year is not None and bool(_AGENCY_END.search(t.agency or "")),
                                     _TITLE_WORDS not in strip_space(t.agency or ""),
                                     (t.year is not None) + bool(t.agency) + t.has_report_words, -t.line))


def _title_at(lines, number: int, text: str, headings) -> Title | None:
    first_heading_line = headings[0].line if headings else len(lines) + 1
    start, end = number, number
    parts = [text]
    # Backwards: the agency on its own line(s) above.
    probe = number - 1
    while probe >= 1 and number - probe <= h.TITLE_PART_LINES and not _has_agency("".join(parts)):
        prev = lines[probe - 1].strip(_INDENT)
        if prev:
            if len(prev) > h.TITLE_AGENCY_CHARS or "。" in prev or is_furniture(prev) or any(x.line == probe for x in headings):
                break
            if parts[0][:1].isdigit() and not _AGENCY_END.search(prev):
                break  # only an agency's name stands above "2021年政府信息公开…" (not 年报列表)
            parts.insert(0, prev)
            start = probe
        probe -= 1
    # Forwards: the rest of "…政府信息公开工作 / 年度报告".
    probe = number + 1
    while "年度报告" not in strip_space("".join(parts)) and probe <= len(lines) and probe - number <= h.TITLE_PART_LINES:
        nxt = lines[probe - 1].strip(_INDENT)
        if nxt:
            if len(nxt) > h.TITLE_TAIL_CHARS or "。" in nxt or any(x.line == probe for x in headings):
                break
            parts.append(nxt)
            end = probe
        probe += 1
    full = "".join(parts)
    has_words = "政府信息公开工作年度报告" in strip_space(full)
    year_match = _YEAR_IN_TITLE.search(full)
    year = int(year_match.group(1)) if year_match and h.TITLE_YEAR_MIN <= int(year_match.group(1)) <= h.TITLE_YEAR_MAX else None
    if year is None and not has_words:
        return None
    agency = _agency(full, year_match) or _byline(lines, end, first_heading_line, headings)
    before = [lines[n - 1].strip(_INDENT) for n in range(1, start)]
    first_content = start <= first_heading_line and all(not b or is_furniture(b) or len(b) <= h.TITLE_AGENCY_CHARS for b in before)
    return Title(
        text=full,
        line=start,
        column=len(lines[start - 1]) - len(lines[start - 1].lstrip(_INDENT)) + 1,
        end_line=end,
        agency=agency,
        year=year,
        has_report_words=has_words,
        first_content=first_content,
        end_column=len(lines[start - 1]) + 1,
    )
