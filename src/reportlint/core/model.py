"""The report model: what every rule reads, whatever file the report came from.

Built by :func:`reportlint.parsing.build_report` from a :class:`~reportlint.core.document.Document`.
All values are immutable; positions are 1-based lines and columns of the document's text.
"""

import bisect
import datetime as _dt
from decimal import Decimal
from types import MappingProxyType
from typing import Iterator, Mapping, NamedTuple

from reportlint.core.document import Document
from reportlint.core.lexicon import CellRef, ClaimKind
from reportlint.core.templates import Template

CellValue = int | Decimal | str | None


class Layout(NamedTuple):
    """The report's logical lines and where each stands in the file: ``lines[i]`` is characters
    ``offsets[i]:`` of the document's line ``sources[i]`` (see :mod:`reportlint.parsing.segment`).
    Every position in the model is logical; :meth:`position` gives the file's own."""

    lines: tuple[str, ...]
    sources: tuple[int, ...]
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, lines) -> "Layout":
        n = len(lines)
        return cls(tuple(lines), tuple(range(1, n + 1)), (0,) * n)

    def position(self, line: int, column: int) -> tuple[int, int]:
        """The document's (line, column) of a logical (line, column)."""
        if 1 <= line <= len(self.sources):
            return self.sources[line - 1], column + self.offsets[line - 1]
        return line, column


class Title(NamedTuple):
    text: str  # the title as one string, line breaks removed
    line: int
    column: int
    end_line: int
    agency: str | None
    year: int | None
    has_report_words: bool  # contains 政府信息公开工作年度报告
    first_content: bool  # nothing but page furniture before it
    end_column: int = 0  # just after the title's first line (where a finding on the title ends)


class Heading(NamedTuple):
    """A top-level section heading as written, malformed ones included."""

    raw: str  # the whole line, stripped
    number: str  # the number as written: "二", "2"
    index: int  # the number's value, 1-based
    style: str  # "chinese" (二、), "arabic" (2、 / 2.), "chinese-dot" (二.), "part" (第二部分), "paren" (（二）), "spaced" (二 without 、)
    text: str  # heading text after the number
    line: int
    column: int  # column of the number
    number_end: int  # column just after the number and its delimiter
    end_column: int
    canonical: int | None  # which of the six sections the text names (1-6), None if unrecognised
    #: "exact" (the format's words, or a known variant), "close" (the keyword of the section its
    #: number calls for), "other" (another section's keyword), "loose" (none: a heading only where
    #: no worded heading has its number)
    wording: str = "exact"

    def exact_elsewhere(self) -> bool:
        """Worded as the format words one section, numbered as another (三、主动公开政府信息情况)."""
        return self.wording == "exact" and self.canonical is not None and self.canonical != self.index and self.style != "paren"


class Section(NamedTuple):
    """A recognised section: heading plus the lines up to the next section heading."""

    index: int  # 1..6 as numbered in the report
    heading: Heading
    start: int  # first line of the body
    end: int  # last line of the body (inclusive)
    text: str = ""  # the body's lines run together, as the rules that look for words in it read it


#: What a token is: the parser's reading of each piece of a logical line (:class:`Token`).
TOKEN_KINDS = ("title", "heading", "caption", "label", "figure", "sentence", "furniture", "text")


class Token(NamedTuple):
    """A piece of a logical line and what the parser took it for: the token stream every part of
    the model is built from, in reading order (:mod:`reportlint.parsing.tokens`).

    Every non-blank logical line has at least one token. A line of running text, a heading, a title
    or a line of page furniture is covered whole (its tokens put together are the line); a table
    row's tokens are its cells (``label`` text, ``figure``), the separators between them left out;
    running text is cut into ``sentence`` pieces where a sentence of its paragraph ends. ``text``:
    a line that is none of these (a date alone, a 落款, a short line)."""

    kind: str  # one of TOKEN_KINDS
    text: str
    line: int
    column: int
    section: int | None = None  # the section (1–6) it stands in

    @property
    def end_column(self) -> int:
        return self.column + len(self.text)


def _token_line(token: Token) -> int:
    return token.line


class Citation(NamedTuple):
    """A reference to an article: 第二十条第（一）项, 第三十三条第二款."""

    raw: str
    article: int | None
    clause: int | None  # 款
    item: int | None  # 项
    line: int
    column: int
    end_column: int
    #: whether it cites the 条例 (not 《保守国家秘密法》第九条, not 发布第100条政务微博)
    statute: bool = True


class Work(NamedTuple):
    """A title in book-title marks: 《中华人民共和国政府信息公开条例》."""

    raw: str  # with its marks
    name: str  # without them
    line: int
    column: int
    end_column: int


class Slip(NamedTuple):
    """A known wrong phrase (rules/data/phrases.toml; ``what`` is the phrase) or editing residue
    (``what``: bookmark, comment, prompt, placeholder, instruction) where the text has it."""

    kind: str  # "phrase" or "residue"
    what: str
    raw: str
    line: int
    column: int
    end_column: int


class Numbering(NamedTuple):
    """A subsection's number opening a line of text: （一）, and the section it stands in."""

    number: str  # the numeral: 一
    value: int | None
    line: int
    column: int  # where the line's text starts
    end_column: int  # just after the closing bracket
    section: int | None


class YearMention(NamedTuple):
    """A year the text speaks of: 2021年, 2021 年度."""

    year: int
    line: int
    column: int
    section: int | None


class TableCell(NamedTuple):
    table: str  # "二", "三", "四"
    row: str  # canonical row key, e.g. "（三）不予公开/1.属于国家秘密"
    column: str  # canonical column key
    raw: str  # the text in the cell as written
    value: CellValue  # int for counts, Decimal for decimals, str for an amount with its unit, None blank
    kind: str  # "count", "signed", "decimal", "amount"
    line: int
    column_no: int
    end_column: int
    problem: str | None = None  # "blank", "negative", "fraction", "non-numeric"
    location: str | None = None  # cell origin in the source file (DOCX/HTML/PDF)
    decoded: bool = False  # the figure ran together with others and was read as the one consistent reading

    @property
    def number(self) -> int | Decimal:
        """The value for arithmetic: blanks and unreadable cells count as 0."""
        if isinstance(self.value, (int, Decimal)):
            return self.value
        return 0


class Caption(NamedTuple):
    """The caption row of a table-二 block (第二十条第（一）项) and the rows it heads."""

    raw: str
    line: int
    column: int
    end_column: int
    article: int | None  # 二十 -> 20
    item: int | None  # （六） -> 6
    rows: tuple[str, ...]  # canonical keys of the rows found under it
    expected: str | None  # the caption the format gives for those rows


class LabelUse(NamedTuple):
    """A row or column label as found, for RL504: its canonical form and whether it deviates."""

    table: str
    canonical: str
    found: str
    line: int
    column: int
    end_column: int
    deviates: bool
    replacement: str | None = None  # the exact text to write instead, when safe


class TableProblem(NamedTuple):
    """Something a table lacks or that could not be read (RL308), as a reason code and its
    arguments; the rule words it in the user's language.

    Reasons: ``missing-table``; ``missing-row`` (row); ``missing-figures`` (row, found, expected);
    ``too-many-figures`` (row, found, expected); ``glued-ambiguous`` (row, figures, readings: figures
    run together that several readings of the table fit); ``glued-inconsistent`` (row, figures: no
    reading fits the identities); ``glued-unreadable`` (row, figures); ``foreign-row`` (row, template:
    a row of another format, e.g. the 2019 single （六）其他处理 row in a 2021 table).
    """

    table: str
    reason: str
    args: Mapping[str, object] = MappingProxyType({})
    line: int = 1
    column: int = 1


class Cue(NamedTuple):
    """A string only one format's tables contain, where it was found."""

    text: str
    line: int
    column: int


class DateMention(NamedTuple):
    kind: str  # "period-start", "period-end", "published", "other", "page" (on a line of page furniture)
    year: int | None
    month: int | None
    day: int | None
    raw: str
    line: int
    column: int
    end_column: int

    @property
    def date(self) -> _dt.date | None:
        try:
            return _dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    @property
    def valid(self) -> bool:
        return self.year is None or self.month is None or self.day is None or self.date is not None


class Paragraph(NamedTuple):
    """Running text (not a table, not a heading alone) joined over the line breaks that a PDF, a
    narrow page or a crawler put anywhere in it: what the prose rules read."""

    text: str
    starts: tuple[int, ...]  # where each of its lines begins in ``text``
    lines: tuple[int, ...]  # the logical line of each
    section: int | None = None  # the section (1–6) it stands in
    #: (start, end) of each sentence in ``text``; a sentence that only goes on breaking down the
    #: one before it (其中…, 其他…) is part of it
    sentences: tuple[tuple[int, int], ...] = ()

    def where(self, index: int) -> tuple[int, int]:
        """The logical (line, column) of character ``index``."""
        k = bisect.bisect_right(self.starts, index) - 1
        return self.lines[k], index - self.starts[k] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int]:
        """(line, column, end column) of characters ``start:end``, cut at the end of the line."""
        line, column = self.where(start)
        end_line, end_column = self.where(max(start, end - 1))
        return line, column, (end_column + 1 if end_line == line else len(self.text))


class Claim(NamedTuple):
    """A figure the prose states about the tables (:mod:`reportlint.core.lexicon`): 共收到申请12件 is
    a claim of kind ``received`` with value 12 on the cell 一、本年新收… × 总计."""

    kind: ClaimKind
    value: int | Decimal  # an amount of money in 万元, as the tables count it
    unit: str
    cells: tuple[CellRef, ...]  # the cells whose sum the figure is (a part: its head's rows)
    accept: tuple[tuple[CellRef, ...], ...]  # other sums that are also a right reading
    paragraph: int  # index into Report.paragraphs
    start: int  # the figure (or, for a statement, the phrase) in the paragraph's text
    end: int
    text: str  # the phrase and its figure as written
    scope: str | None = None  # another body or area the sentence speaks of (全区, 区政府办公室)
    #: a part's head, an index into Report.claims: its ``accept[i]`` is a right reading only where
    #: the head's figure is right by the head's ``accept[i]``
    head: int | None = None


class Report(NamedTuple):
    path: str
    document: Document
    lines: tuple[str, ...]
    title: Title | None
    year: int | None
    year_source: str | None  # "title", "period", "body"
    agency: str | None
    template: str  # "2019", "2021", "legacy", "mixed", "unknown"
    template_cues: Mapping[str, tuple[Cue, ...]]  # template id -> cues found
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    cells: tuple[TableCell, ...]
    captions: tuple[Caption, ...]
    labels: tuple[LabelUse, ...]
    table_problems: tuple[TableProblem, ...]
    dates: tuple[DateMention, ...]
    period: tuple[DateMention, DateMention] | None
    published: DateMention | None
    recognised: bool = True  # False: nothing report-like found (RL902)
    read_with: Template | None = None  # the format the tables were read with
    templates: tuple[Template, ...] = ()  # every report format (template) it was read against, by first year
    legacy_cues: tuple[str, ...] = ()  # why the report looks older than every format (rules/data/legacy.toml)
    layout: Layout | None = None  # None: the logical lines are the document's lines
    paragraphs: tuple[Paragraph, ...] = ()  # the running text, outside the tables
    claims: tuple[Claim, ...] = ()  # what the running text states about the tables
    signed: DateMention | None = None  # the 落款's date (``published`` is the later of it and the page's)
    tokens: tuple[Token, ...] = ()  # the token stream: every piece of every logical line, in order
    citations: tuple[Citation, ...] = ()
    works: tuple[Work, ...] = ()
    slips: tuple[Slip, ...] = ()
    numberings: tuple[Numbering, ...] = ()
    years: tuple[YearMention, ...] = ()

    @property
    def last_line(self) -> int:
        """The last logical line with text (1 for a report with none)."""
        return self.tokens[-1].line if self.tokens else 1

    def line_tokens(self, line: int) -> tuple[Token, ...]:
        """The tokens of one logical line, in order."""
        lo = bisect.bisect_left(self.tokens, line, key=_token_line)
        hi = bisect.bisect_right(self.tokens, line, lo, key=_token_line)
        return self.tokens[lo:hi]

    def position(self, line: int, column: int) -> tuple[int, int]:
        """Where a logical (line, column) of :attr:`lines` stands in the file as stored (for DOCX and
        PDF, which have no lines, in the document's extracted lines)."""
        return self.document.file_position(*self.document_position(line, column))

    def document_position(self, line: int, column: int) -> tuple[int, int]:
        """Where a logical (line, column) stands in the document's extracted lines."""
        return self.layout.position(line, column) if self.layout is not None else (line, column)

    def source_cells(self) -> tuple[TableCell, ...]:
        """The table cells with positions in the file rather than in :attr:`lines`."""
        if self.layout is None:
            return self.cells
        out = []
        for c in self.cells:
            line, column = self.position(c.line, c.column_no)
            out.append(c._replace(line=line, column_no=column, end_column=c.end_column + (column - c.column_no)))
        return tuple(out)

    @property
    def format(self) -> str:
        return self.document.format

    def section(self, index: int) -> Section | None:
        for section in self.sections:
            if section.index == index:
                return section
        return None

    def section_lines(self, index: int) -> Iterator[tuple[int, str]]:
        """(line number, text) of a section's body."""
        section = self.section(index)
        if section is None:
            return iter(())
        return ((n, self.lines[n - 1]) for n in range(section.start, section.end + 1))

    def table(self, name: str) -> dict[tuple[str, str], TableCell]:
        return {(c.row, c.column): c for c in self.cells if c.table == name}

    def location(self, line: int, column: int = 1) -> str | None:
        return self.document.location(*self.document_position(line, column))
