"""PDF reports: the text layer, page by page, with ruled tables as tab rows in reading order.

Characters and ruling lines are taken from each page with PDFium (pypdfium2, which pdfplumber
itself depends on); tables are then found and cut into cells by pdfplumber's own table finder, and
text outside tables is assembled into lines by pdfplumber's text map. PDFium does in C what
pdfminer does in Python: on the three real reports of the corpus it reads a page in about a tenth of
the time, with the same tables (see ``benchmarks/bench_readers.py``). On a page where PDFium made
no characters of some text (a font that is not embedded and that it has no glyphs for), the page's
characters are taken from pdfminer instead.

A table's rows are emitted where the table stands on the page, among the text lines above and below
it. A table that runs over a page break is simply continued by the next page's rows (a repeated
header row included: the report parser skips repeated headers). Inside a cell, line breaks are
layout — a vertical label 三/、/本/年/度 is one label — so a cell's lines are joined with nothing and
spaces between CJK characters dropped.

Two things Word does to its PDFs are undone here. It paints an invisible white box behind every
paragraph and cell: unstroked white fills are not rulings (otherwise a whole page reads as a
one-column table). And it draws no border where a table is cut by a page break, so the cut row has
no closing ruling: one is added where several column rulings end at the same height.

Bounds: only ``limits.max_pages`` pages are ever read — a longer PDF is refused with RL901 (a report
is a few pages; thousands are an attack or a wrong file, and reading part of it would give misleading
findings). A page with more than ``_MAX_OBJECTS`` drawing objects is refused too, and so is a page
whose rulings, merged as the table finder merges them, would cross more than ``_MAX_CROSSINGS``
times (a fine grid whose table finding costs k⁴) — a browser's print of a real table, every cell
border a segment of its own, merges into a few dozen rulings and is read.

Lines in the top or bottom margin that come back on two pages or more at the same height (figures
aside) are running headers and footers — a browser prints its clock, the page's title, its address
and "3/7" on every page — and are dropped. Encrypted PDFs that
need a password are refused; those with only an owner password (print/copy restrictions) are read.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.table import TableFinder
from pdfplumber.utils.text import chars_to_textmap

from reportlint.core.document import Document, SourceLine
from reportlint.core.patterns import lazy
from reportlint.core.text import is_page_number
from reportlint.readers import Limits, Reader, ReadError, emit

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BETWEEN_CJK = lazy(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = lazy(r"\s+")
_MARGIN = 0.1  # page numbers, running headers and footers live in the top or bottom tenth of the page
_FIGURES = lazy(r"\d+")  # a running footer's page number changes from page to page
_MAX_OBJECTS = 200_000  # drawing objects per page, form XObjects included
# Crossings of horizontal and vertical rulings on a page, counted as the table finder sees them:
# after it has snapped and joined the segments (a browser's print-to-PDF strokes every cell border
# as a segment of its own, a few hundred a page; they merge into a few dozen rulings). A report's
# tables make a few hundred crossings; the finder's work grows with the square of this, so a page
# drawn as a fine grid is refused.
_MAX_CROSSINGS = 20_000
_MAX_FORM_DEPTH = 8
_FLAT = 0.5  # a segment this close to axis-parallel is a ruling


class PdfReader(Reader):
    name = "pdf"
    format = "pdf"
    suffixes = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        pdf = _open(data)
        try:
            pages = len(pdf)
            if pages > limits.max_pages:
                raise ReadError(
                    f"PDF 共 {pages} 页，超过上限 {limits.max_pages} 页，不予读取",
                    args={"reason": "max_pages", "pages": pages, "limit": limits.max_pages},
                )
            if pages == 0:
                raise ReadError("PDF 没有页面", code="RL902", args={"reason": "no-pages"})
            out: list[SourceLine] = []
            tables = 0
            margins: dict[tuple, dict[int, int]] = {}
            pdfminer = _Pdfminer(data)
            for index in range(pages):
                page = pdf[index]
                try:
                    content = page_content(page)
                    if content.lost_text:
                        content.chars = pdfminer.chars(index)
                finally:
                    page.close()
                tables = _read_page(content, index + 1, tables, out, limits, margins)
            pdfminer.close()
        finally:
            pdf.close()
        running = {i for on_pages in margins.values() if len(on_pages) >= 2 for i in on_pages.values()}
        return Document(path, self.format, tuple(line for i, line in enumerate(out) if i not in running))


def _open(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReadError("PDF 已加密，需要密码才能打开", args={"reason": "encrypted"}) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReadError("PDF 使用了不支持的加密方式，无法打开", args={"reason": "encrypted"}) from None
        raise ReadError("PDF 文件已损坏或被截断，无法打开", args={"reason": "corrupt"}) from None


class _Pdfminer:
    """pdfplumber's own (pdfminer) characters for the pages PDFium cannot read fully; opened lazily.

    PDFium skips a text object whose glyphs it cannot measure when the object holds a single
    character: with a CJK font that is not embedded (reportlab's STSong-Light) on a machine without
    CJK fonts, the last line "卷" of a wrapped cell "7、属于行政执法案卷" vanishes. pdfminer never needs
    the glyphs and reads such a page exactly; PDFs that embed their fonts never take this path.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf = None

    def _open(self):
        # pdfminer logs every oddity of a damaged file as a warning; the reader's verdict is the
        # ReadError or the document, so keep a lint run's stderr clean.
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        return pdfplumber.open(io.BytesIO(self.data))

    def chars(self, index: int) -> list[dict]:
        if self.pdf is None:
            self.pdf = self._open()
        page = self.pdf.pages[index]
        chars = list(page.chars)
        page.close()
        return chars

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


class PageContent:
    """What pdfplumber's TableFinder and Table read from a page: chars, edges and the page box."""

    __slots__ = ("chars", "edges", "bbox", "width", "height", "lost_text")

    def __init__(self, chars: list[dict], edges: list[dict], width: float, height: float, lost_text: bool = False) -> None:
        self.chars = chars
        self.edges = edges
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        #: PDFium made no characters of some text object in a font it has no glyphs for.
        self.lost_text = lost_text


def page_content(page) -> PageContent:
    """Characters and ruling edges of a PDFium page, in pdfplumber's coordinates (top-left origin)."""
    # The media box, as pdfplumber measures: its characters (see _Pdfminer) and these then agree.
    left, bottom, right, top = page.get_mediabox()
    chars, lost = _chars(page, left, top)
    edges = _edges(page, left, top)
    return PageContent(chars, edges, right - left, top - bottom, lost)


def _chars(page, left: float, top: float) -> tuple[list[dict], bool]:
    """The page's characters, and whether a text object in a font without glyphs gave none."""
    textpage = page.get_textpage()
    try:
        box = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        chars: list[dict] = []
        shown: set = set()
        count = textpage.count_chars()
        i = 0
        while i < count:
            index = i
            i += 1
            if raw.FPDFText_IsGenerated(textpage, index) == 1:  # spaces and breaks PDFium inferred
                continue
            shown.add(ctypes.cast(raw.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value)
            code = raw.FPDFText_GetUnicode(textpage, index)
            if 0xD800 <= code < 0xDC00 and i < count:  # a surrogate pair: one character beyond the BMP
                low = raw.FPDFText_GetUnicode(textpage, i)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 1
            if code in (0, 0xA, 0xD, 0xFFFE, 0xFFFF) or 0xD800 <= code < 0xE000:
                continue
            if not raw.FPDFText_GetLooseCharBox(textpage, index, box):
                continue
            size = _effective_size(raw, textpage, index, matrix)
            raw.FPDFText_GetCharOrigin(textpage, index, ox, oy)
            # Heights from the baseline and the size, like pdfminer's, so that a bold run-in heading
            # and the text after it (fonts with different ascents) stay on one line.
            baseline = top - oy.value
            y0, y1 = baseline - 0.88 * size, baseline + 0.12 * size
            x0, x1 = box.left - left, box.right - left
            if x1 - x0 > 1.5 * size + 1:
                # PDFium sometimes gives a glyph the font's unscaled box (seen on the vertical labels
                # of Word tables): take the advance of a full-width character instead.
                x0 = ox.value - left
                x1 = x0 + size
            angle = raw.FPDFText_GetCharAngle(textpage, index)
            chars.append(
                {
                    "object_type": "char",
                    "text": chr(code),
                    "x0": x0,
                    "x1": x1,
                    "top": y0,
                    "bottom": y1,
                    "doctop": y0,
                    "width": x1 - x0,
                    "height": y1 - y0,
                    "upright": angle < 0 or min(angle, 2 * math.pi - angle) < 0.01,
                    "size": size,
                }
            )
        return chars, _lost_text(page, shown)
    finally:
        textpage.close()


def _lost_text(page, shown: set) -> bool:
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=_MAX_FORM_DEPTH):
        if ctypes.cast(obj.raw, ctypes.c_void_p).value in shown:
            continue
        if not raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj)):
            return True
    return False


def _effective_size(raw, textpage, index: int, matrix) -> float:
    """The glyph's size on the page: the nominal font size scaled by the character's matrix."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    if raw.FPDFText_GetMatrix(textpage, index, matrix):
        size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    return size


def _edges(page, left: float, top: float) -> list[dict]:
    """Axis-parallel straight segments of visible paths, form XObjects included."""
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = [(raw.FPDFPage_GetObject(page, i), identity, 0) for i in range(raw.FPDFPage_CountObjects(page))]
    matrix = raw.FS_MATRIX()
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[dict] = []
    seen = 0
    while stack:
        obj, parent, depth = stack.pop()
        seen += 1
        if seen > _MAX_OBJECTS:
            raise ReadError(f"PDF 页面的图形对象超过 {_MAX_OBJECTS} 个，拒绝读取", args={"reason": "objects"})
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        own = identity
        if raw.FPDFPageObj_GetMatrix(obj, matrix):
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        transform = _compose(own, parent)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_FORM_DEPTH:
                stack.extend(
                    (raw.FPDFFormObj_GetObject(obj, i), transform, depth + 1)
                    for i in range(raw.FPDFFormObj_CountObjects(obj))
                )
            continue
        if not raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
            continue
        if not stroke.value:
            if fill_mode.value == 0:  # neither filled nor stroked: a clipping path
                continue
            if raw.FPDFPageObj_GetFillColor(obj, *rgba) and all(c.value >= 252 for c in rgba[:3]):
                continue  # Word's invisible white paragraph and cell backgrounds
        start = previous = None
        for s in range(raw.FPDFPath_CountSegments(obj)):
            segment = raw.FPDFPath_GetPathSegment(obj, s)
            if not raw.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            point = _apply(transform, x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(segment)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = previous = point
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
                _add_edge(edges, previous, point, left, top)
            previous = point
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(edges, point, start, left, top)
                previous = start
    return edges


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: tuple, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _add_edge(edges: list[dict], p: tuple, q: tuple, left: float, top: float) -> None:
    (x1, y1), (x2, y2) = p, q
    if abs(y1 - y2) <= _FLAT and abs(x1 - x2) > _FLAT:
        x0, x1 = sorted((x1 - left, x2 - left))
        y = top - (y1 + y2) / 2
        edges.append({"object_type": "line", "orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y,
                      "doctop": y, "width": x1 - x0, "height": 0.0})
    elif abs(x1 - x2) <= _FLAT and abs(y1 - y2) > _FLAT:
        t, b = sorted((top - y1, top - y2))
        x = (x1 + x2) / 2 - left
        edges.append({"object_type": "line", "orientation": "v", "x0": x, "x1": x, "top": t, "bottom": b,
                      "doctop": t, "width": 0.0, "height": b - t})


def _closing_lines(edges: list[dict]) -> list[dict]:
    """Horizontal rulings where a table is cut by a page break.

    Word draws no border where a table continues on the next page: the column lines just stop. Where
    two or more vertical rulings end (or start) at the same height, a horizontal ruling between the
    outermost of them closes the cut row, so the table finder sees its cells.
    """
    ends: dict[int, list[float]] = {}
    for edge in edges:
        if edge["orientation"] == "v":
            for y in (edge["top"], edge["bottom"]):
                ends.setdefault(round(y), []).append(edge["x0"])
    lines = []
    for y, xs in ends.items():
        if len(xs) >= 2:
            x0, x1 = min(xs), max(xs)
            lines.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "object_type": "line"})
    return lines


def _read_page(content: PageContent, number: int, tables: int, out: list[SourceLine], limits: Limits,
               margins: dict[tuple, dict[int, int]]) -> int:
    """Emit one page's lines and tables into ``out``; each text line in the top or bottom margin is
    noted in ``margins`` (its text, figures aside, and height → {page: index in out}), so that a
    running header or footer — a browser's date, title, address and "3/7" on every printed page —
    is dropped once every page is read."""

    found = []
    if content.edges:
        finder = _BoundedTableFinder(content, {"explicit_horizontal_lines": _closing_lines(content.edges)}, number)
        found = [t for t in finder.tables if _columns(t) >= 2]  # a one-column "table" is a framed paragraph
    boxes = [t.bbox for t in found]

    def outside_tables(char: dict) -> bool:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_chars = [c for c in content.chars if outside_tables(c)] if boxes else content.chars
    items: list[tuple[float, int, object]] = []
    if text_chars:
        for line in chars_to_textmap(text_chars).extract_text_lines(strip=True, return_chars=False):
            text = line["text"]
            if text and not _is_page_number(text, line["top"], line["bottom"], content.height):
                items.append((line["top"], 0, text))
    items.extend((table.bbox[1], 1, index) for index, table in enumerate(found))
    items.sort(key=lambda item: (item[0], item[1]))
    origin = f"第{number}页"
    for top, kind, item in items:
        if kind == 0:
            emit(out, SourceLine(item, origin), limits)
            if top <= content.height * _MARGIN or top >= content.height * (1 - _MARGIN):
                margins.setdefault((_FIGURES.sub("0", item), round(top / 2)), {}).setdefault(number, len(out) - 1)
            continue
        tables += 1
        rows = found[item].extract()
        width = max((len(row) for row in rows), default=0)
        for r, row in enumerate(rows, start=1):
            cells = [_cell_text(cell) for cell in row] + [""] * (width - len(row))
            emit(
                out,
                SourceLine(
                    "\t".join(cells),
                    origin,
                    tuple(f"第{number}页表{tables}第{r}行第{c}列" for c in range(1, width + 1)),
                ),
                limits,
            )
    return tables


class _BoundedTableFinder(TableFinder):
    """pdfplumber's table finder, refusing a page whose rulings — merged as the finder merges them —
    cross more than ``_MAX_CROSSINGS`` times, before the work that grows with their crossings."""

    def __init__(self, content: PageContent, settings: dict, number: int) -> None:
        self.number = number
        super().__init__(content, settings)

    def get_edges(self) -> list:
        edges = super().get_edges()  # snapped, joined and short ones dropped
        horizontal = sum(1 for e in edges if e["orientation"] == "h")
        vertical = len(edges) - horizontal
        if horizontal * vertical > _MAX_CROSSINGS:
            raise ReadError(f"PDF 第{self.number}页的表格线过多（{horizontal}条横线、{vertical}条竖线），拒绝读取",
                            args={"reason": "rulings", "page": self.number})
        return edges


def _columns(table) -> int:
    return max((sum(1 for cell in row.cells if cell is not None) for row in table.rows), default=0)


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    text = _SPACE_BETWEEN_CJK.sub("", text.replace("\n", ""))
    return _SPACES.sub(" ", text).strip()


def _is_page_number(text: str, top: float, bottom: float, height: float) -> bool:
    in_margin = bottom >= height * (1 - _MARGIN) or top <= height * _MARGIN
    return in_margin and is_page_number(text, bare=True)


