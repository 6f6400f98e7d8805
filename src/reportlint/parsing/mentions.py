"""What the text names that rules judge, found in the same pass over the lines: references to
articles (第二十条第（一）项) and whether they cite the 条例, titles in book-title marks, known wrong
phrases (rules/data/phrases.toml) and editing residue, a subsection's number opening a line, and
the years 总体情况 speaks of. The rules read these from the model; none of them scans the lines.
"""

import bisect
import functools
import itertools
import re
from typing import Collection, NamedTuple, Sequence

from reportlint.core import patterns
from reportlint.core.model import Citation, Numbering, Section, Slip, Work, YearMention
from reportlint.core.numerals import chinese_to_int, number
from reportlint.core.patterns import lazy
from reportlint.core.resources import data_dir, load_toml
from reportlint.parsing import heuristics as h

_NUM = r"[一二三四五六七八九十百零〇\d]+"
_REFERENCE = lazy(rf"第\s*({_NUM})\s*条(?:\s*第\s*({_NUM})\s*款)?(?:\s*第\s*[（(]\s*({_NUM})\s*[）)]\s*项)?")
_BOOK_TITLE = lazy(r"《([^《》]{1,40})》")
_INSTRUMENT = lazy(r"(条例|法|办法|规定|细则|意见|通知|决定|规则|章程|准则|标准)》?\s*$")
_SUBSECTION = lazy(r"^[\s\u3000]*[（(]([一二三四五六七八九十]{1,3})[）)]")
_YEAR = lazy(r"(20\d{2})\s*年")

#: Editing residue: Word bookmarks and comments carried into text, the template's prompts and
#: placeholders. (sort, pattern), in the order they are reported.
_RESIDUE = (
    ("bookmark", lazy(r"\[bookmark:[^\]]*\]")),
    ("comment", lazy(r"\[comment:[^\]]*\]|\[批注[^\]]*\]")),
    ("prompt", lazy(r"此处(?:填写|填报|报告|输入)[^。；\n]{0,20}")),
    ("placeholder", lazy(r"(?<![A-Za-z])(?:XX|ＸＸ|××|xx)+(?![A-Za-z])")),
    ("instruction", lazy(r"【(?:注|备注|填写说明)[:：][^】]*】")),
)
#: Every residue contains one of these: a line without any is not searched further.
_RESIDUE_HINT = lazy(r"[\[【XxＸ×]|此处")


class Mentions(NamedTuple):
    citations: tuple[Citation, ...]
    works: tuple[Work, ...]
    slips: tuple[Slip, ...]
    numberings: tuple[Numbering, ...]
    years: tuple[YearMention, ...]


@functools.cache
def _phrases() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every wrong phrase of rules/data/phrases.toml, longest first, and the
    text a phrase must not be followed by to count (三安全一稳 is wrong unless 定 follows)."""
    entries = load_toml(data_dir("rules") / "data" / "phrases.toml").get("phrase", [])
    wrongs = sorted({p["wrong"] for p in entries}, key=lambda w: (-len(w), w))  # one pattern, whatever the hash seed
    pattern = patterns.compile("|".join(re.escape(w) for w in wrongs) if wrongs else r"(?!)")
    return pattern, {p["wrong"]: p["only_if_not_followed_by"] for p in entries if p.get("only_if_not_followed_by")}


def find(lines: Sequence[str], sections: Sequence[Section], furniture: Collection[int] = frozenset()) -> Mentions:
    """Every mention of the report's logical lines. What needs no line's context (the wrong
    phrases, the hints of residue) is searched for once in the whole text. A short line of page
    furniture (``furniture``: their numbers) is the site's, not the report's: a breadcrumb's column
    name (首页 > 政府信息公开年度工作报告 > …) holds no wrong phrase of the report."""
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    phrases, guards = _phrases()
    phrase_slips: list[Slip] = []
    for m in phrases.finditer(text):  # literal phrases: no match runs over a line break
        n = bisect.bisect_right(starts, m.start())
        guard = guards.get(m.group(0))
        if n in furniture and len(lines[n - 1].strip()) <= h.FURNITURE_LINE_CHARS:
            continue
        if not (guard and lines[n - 1].startswith(guard, m.end() - starts[n - 1])):
            column = m.start() - starts[n - 1] + 1
            phrase_slips.append(Slip("phrase", m.group(0), m.group(0), n, column, column + len(m.group(0))))
    hinted = sorted({bisect.bisect_right(starts, m.start()) for m in _RESIDUE_HINT.finditer(text)})
    residue = [Slip("residue", sort, m.group(0), n, m.start() + 1, m.end() + 1)
               for n in hinted for sort, pattern in _RESIDUE for m in pattern.finditer(lines[n - 1])]
    section_of = _sections_by_line(sections, len(lines))
    first = next((s for s in sections if s.index == 1), None)
    citations: list[Citation] = []
    works: list[Work] = []
    numberings: list[Numbering] = []
    years: list[YearMention] = []
    for n, line in enumerate(lines, start=1):
        if not line:
            continue
        if "条" in line:
            citations.extend(_citations(line, n))
        if "《" in line:
            works.extend(Work(m.group(0), m.group(1), n, m.start() + 1, m.end() + 1) for m in _BOOK_TITLE.finditer(line))
        section = section_of[n]
        if section is not None and line[0] != "\t" and (line[0] in "（(" or line[0].isspace()) and (m := _SUBSECTION.match(line)):
            numberings.append(Numbering(m.group(1), chinese_to_int(m.group(1)), n, len(line) - len(line.lstrip(" \u3000")) + 1,
                                        m.end() + 1, section))
        if (section == 1 if first is not None else n <= h.BODY_YEAR_LINES) and "年" in line:
            years.extend(YearMention(int(m.group(1)), n, m.start() + 1, section) for m in _YEAR.finditer(line))
    return Mentions(tuple(citations), tuple(works), tuple(phrase_slips + residue), tuple(numberings), tuple(years))


def _sections_by_line(sections: Sequence[Section], count: int) -> list[int | None]:
    """The section whose body each line (1-based) stands in."""
    where: list[int | None] = [None] * (count + 1)
    for section in sections:
        for n in range(section.start, min(section.end, count) + 1):
            where[n] = section.index
    return where


def _citations(text: str, line: int):
    for m in _REFERENCE.finditer(text):
        # "发布第100条政务微博": the 条例's articles are written in Chinese numerals
        statute = not _cites_other_law(text, m.start()) and not (
            m.group(1).strip().isdigit() and "条例" not in text[max(0, m.start() - h.CITED_LAW_NAME_CHARS) : m.start()])
        yield Citation(m.group(0), number(m.group(1)), number(m.group(2)) if m.group(2) else None,
                       number(m.group(3)) if m.group(3) else None, line, m.start() + 1, m.end() + 1, statute)


def _cites_other_law(text: str, position: int) -> bool:
    """Whether the reference belongs to an instrument other than the 条例: 《保守国家秘密法》第九条,
    保密法第九条. A bare 第X条 is read as the 条例's, as it is in these reports."""
    before = text[max(0, position - h.CITED_INSTRUMENT_CHARS) : position]
    titles = _BOOK_TITLE.findall(before)
    if titles and before.rstrip().endswith("》"):
        last = titles[-1]
        return "政府信息公开条例" not in last and last not in ("条例", "新条例")
    m = _INSTRUMENT.search(before)
    if m is None:
        return False
    return m.group(1) != "条例" or "政府信息公开" not in before and "《条例》" not in before[-6:] and not before.rstrip().endswith("条例")
