"""Web pages (.html/.htm): the report's own content, its ``<table>``s as tab rows, positions as source lines.

A published report sits inside a site frame (navigation, breadcrumbs, share buttons, footer,
scripts). The frame is dropped by what it is — its elements (``nav``, ``header``, ``footer``,
``aside``, ``script`` …), ARIA roles, class/id words every CMS uses for it, hidden elements and
link-dense blocks — and when the page marks its content (``<main>``, ``<article>``,
``role="main"``) only that is read. Everything else becomes lines the way a browser breaks them:
block elements and ``<br>`` end a line. A data table becomes one line per row on the table's grid,
with ``rowspan``/``colspan`` resolved into empty covered cells; ``&nbsp;`` cells are empty and
``<br>`` inside a cell joins its parts. Tables used for page layout (nesting tables, one column, or
cells holding whole paragraphs) are read as blocks instead.

libxml2 stops building the tree at 256 levels of nesting (``huge_tree`` stays off); such a page is
refused rather than read half. Every walk over the tree is iterative and depth-bounded.
"""

from __future__ import annotations


import lxml.html
from lxml import etree

from reportlint.core.document import Document, SourceLine
from reportlint.core.patterns import lazy
from reportlint.readers import Limits, Reader, ReadError, emit
from reportlint.readers.decode import decode_markup

_DROP_TAGS = frozenset(
    "script style noscript template nav aside form iframe frame frameset button select input textarea "
    "svg canvas object embed audio video map head title meta link base".split()
)
_FRAME_TAGS = frozenset(("header", "footer"))  # dropped outside the content container
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary"))
# Words in class/id that mark site chrome on Chinese government CMSs (dqwz = 当前位置, the breadcrumb).
# Deliberately no "position", "print" or "header": CSS frameworks put those on content wrappers.
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu submenu breadcrumb breadcrumbs crumb crumbs footer foot sidebar share "
    "bshare jiathis social toolbar banner copyright location dqwz search login friendlink links related "
    "skip".split()
)
_BREADCRUMB_MARKS = ("当前位置", "您现在的位置", "您的位置", "现在的位置")
_WORD_SPLIT = lazy(r"[^a-z]+")
_CONTENT_ROLES = frozenset(("main", "article"))
_BLOCK_TAGS = frozenset(
    "html body address article aside blockquote center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section "
    "summary ul table caption thead tbody tfoot tr td th".split()
)
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_WS = " \t\n\r\f\v\xa0\u3000"
_WRAP_BETWEEN_CJK = lazy(rf"(?<=[{_CJK}])[ \t\r\n\f\v]*\n[ \t\r\n\f\v]*(?=[{_CJK}])")
_SPACE_BETWEEN_CJK = lazy(rf"(?<=[{_CJK}])[{_WS}]+(?=[{_CJK}])")
_SPACES = lazy(rf"[{_WS}]+")
_HAN = lazy(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_MAX_COLSPAN = 1000  # the HTML standard's own cap
_MAX_GRID_CELLS = 200_000  # a report table has a few hundred cells
_LAYOUT_CELL_CHARS = 300  # a report's table cell is a label or a number, never a page of text


class HtmlReader(Reader):
    name = "html"
    format = "html"
    suffixes = (".html", ".htm", ".xhtml", ".shtml")

    def sniff(self, head: bytes) -> bool:
        start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return start.startswith(b"<!doctype html") or b"<html" in start[:1024]

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        text, encoding = decode_markup(data)
        root = _parse(text)
        return Document(path, self.format, tuple(_PageReader(root, limits).lines()), encoding, source=text)


def _parse(text: str):
    # Re-encoded so that a page's own <?xml encoding=...?> or <meta charset> cannot contradict the text.
    parser = lxml.html.HTMLParser(
        encoding="utf-8", huge_tree=False, remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:
        raise ReadError("网页没有内容", code="RL902", args={"reason": "empty"}) from None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"网页无法解析：{exc}", args={"reason": "html"}) from None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise ReadError("网页元素嵌套层级过深（超过 255 层），拒绝读取", args={"reason": "depth"})
    return root


class _PageReader:
    def __init__(self, root, limits: Limits) -> None:
        self.root = root
        self.limits = limits
        self.out: list[SourceLine] = []
        self.buffer: list[str] = []
        self.origin_line: int | None = None
        self.tables = 0
        self.dropped: set = set()

    def lines(self) -> list[SourceLine]:
        body = self.root.find("body")
        if body is None:
            body = self.root
        self.dropped, container = self._survey(body)
        self._walk(container)
        self._flush()
        return self.out

    # -- deciding what is frame and what is content --------------------------------------------

    def _survey(self, body):
        """One bounded pass: the elements to drop, and the content container to read.

        Text and link statistics are summed bottom-up in the same pass, so link density costs O(n).
        """
        dropped: set = set()
        candidates = []
        stats: dict = {}  # element -> [han chars, text chars, link chars, links]
        stack = [(body, 0, False)]
        while stack:
            element, depth, done = stack.pop()
            if done:
                own = stats[element]
                if element.tag == "a":  # text in a link's children is link text too
                    own[2] = own[1]
                if _link_dense(element.tag, own):
                    dropped.add(element)
                parent = element.getparent()
                if parent is not None and parent in stats:
                    total = stats[parent]
                    for i in range(4):
                        total[i] += own[i]
                tail = element.tail or ""
                if tail and parent in stats:
                    stats[parent][0] += len(_HAN.findall(tail))
                    stats[parent][1] += len(tail.strip())
                continue
            if depth > self.limits.max_depth:
                raise ReadError(
                    f"网页元素嵌套层级超过上限 {self.limits.max_depth}", args={"reason": "depth", "limit": self.limits.max_depth}
                )
            tag = element.tag if isinstance(element.tag, str) else ""
            if element is not body and _is_chrome(element, tag):
                dropped.add(element)
                parent = element.getparent()
                if parent in stats and element.tail:
                    stats[parent][0] += len(_HAN.findall(element.tail))
                    stats[parent][1] += len(element.tail.strip())
                continue
            text = element.text or ""
            own = [len(_HAN.findall(text)), len(text.strip()), 0, 0]
            if tag == "a":
                own[3] = 1
            stats[element] = own
            if tag in ("main", "article") or (element.get("role") or "").lower() in _CONTENT_ROLES:
                candidates.append(element)
            stack.append((element, depth, True))
            stack.extend((child, depth + 1, False) for child in reversed(element))
        container = _choose_container(candidates, stats, stats.get(body, [0])[0])
        if container is not None:
            # Frame elements of the page outside the container do not matter; inside it a header
            # holds the title and date, so only its footer stays dropped.
            dropped = {e for e in dropped if not (e.tag == "header" and _inside(e, container))}
            return dropped, container
        return dropped, body

    # -- turning the content into lines --------------------------------------------------------

    def _walk(self, start) -> None:
        stack = [(start, 0, False)]
        while stack:
            element, depth, done = stack.pop()
            tag = element.tag if isinstance(element.tag, str) else ""
            if done:
                if tag in _BLOCK_TAGS:
                    self._flush()
                if element is not start:
                    self._add(element.tail, element)
                continue
            if depth > self.limits.max_depth:
                raise ReadError(
                    f"网页元素嵌套层级超过上限 {self.limits.max_depth}", args={"reason": "depth", "limit": self.limits.max_depth}
                )
            if element in self.dropped or not tag:
                self._add(element.tail, element)
                continue
            if tag == "br":
                self._flush()
                self._add(element.tail, element)
                continue
            if tag == "table" and _is_data_table(element):
                self._flush()
                self._table(element)
                self._add(element.tail, element)
                continue
            if tag in _BLOCK_TAGS:
                self._flush()
            self._add(element.text, element)
            stack.append((element, depth, True))
            stack.extend((child, depth + 1, False) for child in reversed(element))

    def _add(self, text: str | None, element) -> None:
        if not text:
            return
        if not self.buffer:
            self.origin_line = element.sourceline
        self.buffer.append(text)

    def _flush(self) -> None:
        if not self.buffer:
            return
        text = _SPACES.sub(" ", _WRAP_BETWEEN_CJK.sub("", "".join(self.buffer))).strip(_WS)
        self.buffer = []
        if text:
            at = (self.origin_line, 1) if self.origin_line else None
            emit(self.out, SourceLine(text, f"HTML第{self.origin_line}行", at=at), self.limits)

    def _table(self, table) -> None:
        self.tables += 1
        number = self.tables
        grid = _grid(table, self.dropped)
        width = max((len(row) for row, _ in grid), default=0)
        for r, (row, tr) in enumerate(grid, start=1):
            texts = [cell[0] if cell else "" for cell in row] + [""] * (width - len(row))
            lines = [cell[1] if cell else tr.sourceline for cell in row] + [tr.sourceline] * (width - len(row))
            emit(
                self.out,
                SourceLine(
                    "\t".join(texts),
                    f"HTML第{tr.sourceline}行",
                    tuple(f"表{number}第{r}行第{c}列（HTML第{line}行）" for c, line in enumerate(lines, start=1)),
                    at=(tr.sourceline, 1) if tr.sourceline else None,
                    cells_at=tuple((line or 1, 1) for line in lines),
                ),
                self.limits,
            )


def _is_chrome(element, tag: str) -> bool:
    if tag in _DROP_TAGS or tag in _FRAME_TAGS:
        return True
    if (element.get("role") or "").lower() in _DROP_ROLES:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if tag in ("div", "p", "span", "td", "li") and (element.text or "").strip(_WS).startswith(_BREADCRUMB_MARKS):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return bool(names.strip()) and not _CHROME_WORDS.isdisjoint(_WORD_SPLIT.split(names))


def _link_dense(tag, own) -> bool:
    """A list or box of links (related articles, site map): at least 3 links, mostly link text."""
    return tag in ("ul", "ol", "div", "section", "dl", "table", "p") and own[3] >= 3 and own[2] >= 0.6 * max(own[1], 1)


def _choose_container(candidates, stats, body_han: int):
    """The innermost marked container that still holds most of the page's text, if any does."""
    usable = [c for c in candidates if c in stats]
    if not usable:
        return None
    best = max(stats[c][0] for c in usable)
    if best == 0 or best < 0.5 * body_han:
        return None
    holding = [c for c in usable if stats[c][0] >= 0.8 * best]
    # Candidates were collected in document order (pre-order): the last one holding enough is innermost.
    return holding[-1]


def _inside(element, ancestor) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _rows(table):
    """The table's own rows (not those of nested tables), in source order."""
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def _cells(tr):
    return tr.xpath("./td | ./th")


def _is_data_table(table) -> bool:
    """Whether a table holds data (read as rows) rather than laying out the page (read as blocks)."""
    if table.xpath(".//table"):
        return False
    rows = _rows(table)
    if not rows:
        return False
    widest = max(sum(_span(cell, "colspan", _MAX_COLSPAN) for cell in _cells(tr)) for tr in rows)
    if widest < 2:
        return False
    return all(len(_HAN.findall(cell.text_content())) <= _LAYOUT_CELL_CHARS for tr in rows for cell in _cells(tr))


def _span(cell, name: str, cap: int) -> int:
    try:
        value = int((cell.get(name) or "1").strip())
    except ValueError:
        return 1
    return min(max(value, 1), cap) if value != 0 else cap


def _grid(table, dropped) -> list[tuple[list, object]]:
    """Rows of (text, source line) cells with rowspan/colspan resolved; covered positions are None."""
    rows = _rows(table)
    occupied: dict[tuple[int, int], bool] = {}
    grid = []
    for r, tr in enumerate(rows):
        row: list = []
        c = 0
        for cell in _cells(tr):
            while occupied.pop((r, c), False):
                _put(row, c, None)
                c += 1
            colspan = _span(cell, "colspan", _MAX_COLSPAN)
            rowspan = min(_span(cell, "rowspan", len(rows)), len(rows) - r)
            if (c + colspan) * len(rows) > _MAX_GRID_CELLS:
                raise ReadError("网页表格过大", args={"reason": "table-size"})
            _put(row, c, (_cell_text(cell, dropped), cell.sourceline))
            for dc in range(1, colspan):
                _put(row, c + dc, None)
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, c + dc)] = True
            c += colspan
        while occupied.pop((r, c), False):  # cells spanning down past this row's last own cell
            _put(row, c, None)
            c += 1
        for (rr, cc) in [key for key in occupied if key[0] == r]:
            occupied.pop((rr, cc))
            _put(row, cc, None)
        grid.append((row, tr))
    return grid


def _put(row: list, column: int, value) -> None:
    while len(row) <= column:
        row.append(None)
    row[column] = value


def _cell_text(cell, dropped) -> str:
    """A cell's visible text; line breaks and the spaces between CJK characters are layout, not content."""
    parts: list[str] = []
    stack = [(cell, False)]
    while stack:
        element, tail_only = stack.pop()
        if tail_only:
            if element.tail:
                parts.append(element.tail)
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if element is not cell:
            stack.append((element, True))
        if not tag or element in dropped or tag in _DROP_TAGS:
            continue
        if element.text:
            parts.append(element.text)
        stack.extend((child, False) for child in reversed(element))
    text = _SPACE_BETWEEN_CJK.sub("", "".join(parts))
    return _SPACES.sub(" ", text).strip(_WS)
