"""Word (.docx) reports: paragraphs and real tables, in document order, merged cells resolved.

python-docx opens the package; the text is taken from the WordprocessingML itself, because
python-docx's ``Table.rows[i].cells`` repeats a merged cell's text in every grid column it covers,
and its paragraph text drops tracked insertions inside ``w:ins``. Here a table row becomes one line of
tab-separated cells over the table's grid: a horizontally merged cell (``gridSpan``) is followed by
empty cells for the rest of its span, a vertically merged one (``vMerge`` continue) is empty in the
rows below. The package is checked against :class:`~reportlint.readers.Limits` before python-docx
decompresses anything, so a zip bomb costs nothing.
"""

from __future__ import annotations

import io
import zipfile
from typing import NamedTuple

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportlint.core.document import Document, SourceLine
from reportlint.core.patterns import lazy
from reportlint.readers import Limits, Reader, ReadError, emit

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TAB, _PTAB, _BR, _CR = _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr"
_R, _RPR, _PPR, _TCPR, _TRPR = _W + "r", _W + "rPr", _W + "pPr", _W + "tcPr", _W + "trPr"
_TXBX = _W + "txbxContent"
_VAL = _W + "val"
# Containers whose children are blocks (or rows, or cells) of their parent: content controls, custom
# XML, and tracked insertions / moves of whole paragraphs or rows.
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"}
# Subtrees that are never visible text: deletions, field codes, properties, the fallback copy of a
# drawing (its text is already in the mc:Choice branch), footnote/comment references' marks.
_SKIP = {
    _W + "del",
    _W + "moveFrom",
    _W + "delText",
    _W + "instrText",
    _W + "delInstrText",
    _PPR,
    _RPR,
    _TCPR,
    _TRPR,
    _W + "sectPr",
    _W + "tblPr",
    _W + "tblGrid",
    _MC + "Fallback",
}
#: Word tables have at most 63 columns; a span or grid beyond this is damage, not a report.
MAX_COLUMNS = 64
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_ZIP_ENTRIES = 10_000
_CHUNK = 1 << 20


class DocxReader(Reader):
    name = "docx"
    format = "docx"
    suffixes = (".docx",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"word/" in head

    def read(self, path: str, data: bytes, limits: Limits) -> Document:
        check_package(data, limits)
        try:
            document = docx.Document(io.BytesIO(data))
            body = document.element.body
            numbering = Numbering(document.part)
        except PackageNotFoundError:
            raise ReadError("DOCX 文件已损坏：缺少 Word 文档主体", args={"reason": "corrupt"}) from None
        except ValueError as exc:  # python-docx: "file '...' is not a Word file, content type is ..."
            raise ReadError(f"不是 Word 文档：{exc}", args={"reason": "not-word"}) from None
        except (zipfile.BadZipFile, KeyError, EOFError):
            raise ReadError("DOCX 文件已损坏（压缩包内容不完整）", args={"reason": "corrupt"}) from None
        except etree.XMLSyntaxError as exc:
            raise ReadError(f"DOCX 中的 XML 已损坏或嵌套过深：{exc}", args={"reason": "xml"}) from None
        return Document(path, self.format, tuple(_BodyWalker(limits, numbering).lines(body)))

    def read_anchored(self, path: str, data: bytes, limits: Limits) -> tuple[Document, object, list["Anchor"]]:
        """As :meth:`read`, with the python-docx document it was read from and, for each line, the
        element it came from (:class:`Anchor`): what ``reportlint review`` comments on and edits."""
        check_package(data, limits)
        try:
            document = docx.Document(io.BytesIO(data))
            walker = _BodyWalker(limits, Numbering(document.part), anchors=[])
            lines = walker.lines(document.element.body)
        except PackageNotFoundError:
            raise ReadError("DOCX 文件已损坏：缺少 Word 文档主体", args={"reason": "corrupt"}) from None
        except ValueError as exc:
            raise ReadError(f"不是 Word 文档：{exc}", args={"reason": "not-word"}) from None
        except (zipfile.BadZipFile, KeyError, EOFError):
            raise ReadError("DOCX 文件已损坏（压缩包内容不完整）", args={"reason": "corrupt"}) from None
        except etree.XMLSyntaxError as exc:
            raise ReadError(f"DOCX 中的 XML 已损坏或嵌套过深：{exc}", args={"reason": "xml"}) from None
        return Document(path, self.format, tuple(lines)), document, walker.anchors


class Anchor(NamedTuple):
    """Where one extracted line came from: a paragraph (``paragraph``; the line starts ``offset``
    characters into the paragraph's text, after an automatic number ``label`` Word draws but the runs
    do not hold), or a table row (``cells``: the ``w:tc`` of each grid column, None where covered)."""

    paragraph: object = None
    label: str = ""
    offset: int = 0
    cells: tuple = ()


def check_package(data: bytes, limits: Limits) -> None:
    """Refuse a DOCX whose zip is broken, is no Word package, or unpacks beyond ``max_unpacked_bytes``.

    The declared sizes are checked first, which costs nothing. Then the XML parts, which lxml will
    parse, are decompressed in chunks while counting: zipfile never yields more than a member's
    declared size, so a size that lies surfaces here as a CRC error, before python-docx loads anything.
    """
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            "这是 OLE 复合文档（旧版 .doc 或加密的 Office 文件），不是 .docx；请另存为 .docx 或 PDF",
            args={"reason": "ole"},
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ReadError("DOCX 文件已损坏或被截断（不是有效的 zip 压缩包）", args={"reason": "zip"}) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_ZIP_ENTRIES:
            raise ReadError(f"DOCX 压缩包含 {len(infos)} 个条目，异常过多", args={"reason": "zip-entries"})
        if not any(info.filename == "word/document.xml" for info in infos):
            raise ReadError("不是 Word 文档：压缩包中没有 word/document.xml", args={"reason": "not-word"})
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_unpacked_bytes:
            raise _bomb(declared, limits)
        unpacked = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limits.max_unpacked_bytes:
                            raise _bomb(unpacked, limits)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
                # CRC mismatch, truncated member, unsupported compression or an encrypted entry.
                raise ReadError(
                    f"DOCX 文件已损坏：{info.filename} 无法解压（{type(exc).__name__}）", args={"reason": "zip-member"}
                ) from None


def _bomb(size: int, limits: Limits) -> ReadError:
    return ReadError(
        f"DOCX 解压后过大（至少 {size / 1048576:.1f} MB，上限 {limits.max_unpacked_bytes / 1048576:.1f} MB），"
        "疑似压缩炸弹",
        args={"reason": "max_unpacked_bytes", "size": size, "limit": limits.max_unpacked_bytes},
    )


class _BodyWalker:
    """Turns the body's blocks into SourceLines, numbering paragraphs and tables as Word shows them."""

    def __init__(self, limits: Limits, numbering: "Numbering | None" = None, anchors: list | None = None) -> None:
        self.limits = limits
        self.numbering = numbering or Numbering(None)
        self.paragraphs = 0
        self.tables = 0
        self.out: list[SourceLine] = []
        self.anchors = anchors  # None: not recorded (linting); a list: one Anchor per line (review)

    def lines(self, body) -> list[SourceLine]:
        for block in _blocks(body):
            if block.tag == _P:
                self.paragraphs += 1
                self._paragraph(block, f"第{self.paragraphs}段")
            else:
                self.tables += 1
                self._table(block, self.tables)
        return self.out

    def _paragraph(self, p, origin: str) -> None:
        text, boxes = _inline_text(p, in_cell=False)
        label = self.numbering.label(p)
        text = label + text
        offset = 0
        for piece in text.split("\n"):
            emit(self.out, SourceLine(piece, origin), self.limits)
            if self.anchors is not None:
                self.anchors.append(Anchor(p, label, offset))
            offset += len(piece) + 1
        for box in boxes:  # text boxes anchored in the paragraph, after its own text
            for block in _blocks(box):
                if block.tag == _P:
                    self._paragraph(block, f"{origin}（文本框）")
                else:
                    self.tables += 1
                    self._table(block, self.tables)

    def _table(self, tbl, number: int) -> None:
        grid = table_grid(tbl, self.numbering)
        width = max((len(row) for row in grid), default=0)
        width = min(max(width, len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))), MAX_COLUMNS)
        cells = table_cells(tbl) if self.anchors is not None else []
        for r, row in enumerate(grid, start=1):
            if self.anchors is not None:
                own = cells[r - 1] if r - 1 < len(cells) else []
                self.anchors.append(Anchor(cells=tuple(own) + (None,) * (width - len(own))))
            row = row + [""] * (width - len(row))
            emit(
                self.out,
                SourceLine(
                    "\t".join(row),
                    f"表{number}第{r}行",
                    tuple(f"表{number}第{r}行第{c}列" for c in range(1, width + 1)),
                ),
                self.limits,
            )


def table_grid(tbl, numbering: "Numbering | None" = None) -> list[list[str]]:
    """The table as rows of cell texts on its grid: merged cells once, covered positions empty."""
    return [["" if tc is None else _cell_text(tc, numbering) for tc in row] for row in table_cells(tbl)]


def table_cells(tbl) -> list[list]:
    """The ``w:tc`` standing at each grid position of each row: a horizontally merged cell at its
    first position only, None before a row's first cell (``gridBefore``), for the rest of a span and
    where a vertically merged cell continues."""
    rows = []
    for tr in _children(tbl, _TR):
        cells: list = [None] * _clamp(_int_attr(tr, f"{_TRPR}/{_W}gridBefore", 0), 0)
        for tc in _children(tr, _TC):
            if len(cells) >= MAX_COLUMNS:
                break
            span = _clamp(_int_attr(tc, f"{_TCPR}/{_W}gridSpan", 1), 1)
            covered = _is_continuation(tc.find(f"{_TCPR}/{_W}vMerge")) or _is_continuation(
                tc.find(f"{_TCPR}/{_W}hMerge")
            )
            cells.append(None if covered else tc)
            cells.extend([None] * (span - 1))
        rows.append(cells[:MAX_COLUMNS])
    return rows


def _clamp(value: int, low: int) -> int:
    return min(max(value, low), MAX_COLUMNS)


def _cell_text(tc, numbering: "Numbering | None" = None) -> str:
    """A cell's paragraphs (and nested tables) joined with nothing: line breaks in CJK labels are layout."""
    parts = []
    for block in _blocks(tc):
        if block.tag == _P:
            text, boxes = _inline_text(block, in_cell=True)
            parts.append((numbering.label(block) if numbering else "") + text)
            parts.extend(_cell_text(box, numbering) for box in boxes)
        else:
            parts.extend("".join(row) for row in table_grid(block, numbering))
    return "".join(parts).strip()


def _is_continuation(merge) -> bool:
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _int_attr(element, path: str, default: int) -> int:
    found = element.find(path)
    if found is None:
        return default
    try:
        return int(found.get(_VAL, default))
    except ValueError:
        return default


def _children(parent, *tags: str):
    """Children with one of ``tags``, looking through content controls and other wrappers, in order."""
    stack = [iter(parent)]
    while stack:
        for child in stack[-1]:
            if child.tag in tags:
                yield child
            elif child.tag in _WRAPPERS:
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _blocks(container):
    """Paragraphs and tables of a body, cell or text box, in document order."""
    return _children(container, _P, _TBL)


def _inline_text(p, in_cell: bool) -> tuple[str, list]:
    """The visible text of a paragraph, and the text boxes anchored in it.

    Soft line breaks become "\\n" in a paragraph and nothing in a cell; tabs stay tabs in a paragraph
    (a text copy keeps them too) but become spaces in a cell, where a tab would split the cell.
    """
    out: list[str] = []
    boxes = []
    stack = list(reversed(p))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _T:
            out.append(node.text or "")
        elif tag in (_TAB, _PTAB):
            out.append(" " if in_cell else "\t")
        elif tag in (_BR, _CR):
            if node.get(_W + "type") not in ("page", "column") and not in_cell:
                out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _TXBX:
            boxes.append(node)
        elif tag == _R and _hidden(node):
            continue
        elif tag == _P:  # a paragraph inside a paragraph only occurs in text boxes, handled above
            continue
        else:
            stack.extend(reversed(node))
    return "".join(out), boxes


def _hidden(run) -> bool:
    vanish = run.find(f"{_RPR}/{_W}vanish")
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


class Numbering:
    """Word's automatic paragraph numbers ("一、", "（一）", "1.") as the page shows them.

    A heading numbered by a list style has no number in its text: without this, "一、总体情况"
    would read as "总体情况". Counters run per abstract list in document order, a level restarts
    when a higher level moves on, and ``lvlText`` is filled with each level's number in its format.
    Bullets are left out (their glyphs are symbol-font code points, not text).
    """

    def __init__(self, part) -> None:
        self.nums: dict[str, tuple[str, dict]] = {}  # numId -> (abstractNumId, {ilvl: lvl override})
        self.abstract: dict[str, dict] = {}  # abstractNumId -> {ilvl: lvl}
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # styleId -> (numId, ilvl, basedOn)
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if part is None:
            return
        numbering = _related(part, RT.NUMBERING)
        if numbering is not None:
            for abstract in numbering.findall(f"{_W}abstractNum"):
                self.abstract[abstract.get(f"{_W}abstractNumId")] = {
                    _int(lvl.get(f"{_W}ilvl"), 0): lvl for lvl in abstract.findall(f"{_W}lvl")
                }
            for num in numbering.findall(f"{_W}num"):
                overrides = {}
                for override in num.findall(f"{_W}lvlOverride"):
                    overrides[_int(override.get(f"{_W}ilvl"), 0)] = override
                abstract_id = num.find(f"{_W}abstractNumId")
                if abstract_id is not None:
                    self.nums[num.get(f"{_W}numId")] = (abstract_id.get(_VAL), overrides)
        styles = _related(part, RT.STYLES)
        if styles is not None and self.nums:
            for style in styles.findall(f"{_W}style"):
                num_id = style.find(f"{_PPR}/{_W}numPr/{_W}numId")
                ilvl = style.find(f"{_PPR}/{_W}numPr/{_W}ilvl")
                based = style.find(f"{_W}basedOn")
                self.styles[style.get(f"{_W}styleId")] = (
                    num_id.get(_VAL) if num_id is not None else None,
                    ilvl.get(_VAL) if ilvl is not None else None,
                    based.get(_VAL) if based is not None else None,
                )

    def label(self, p) -> str:
        if not self.nums:
            return ""
        num_id, ilvl = self._num_pr(p)
        if num_id is None or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        level = _int(ilvl, 0)
        lvl = self._lvl(abstract_id, overrides, level)
        if lvl is None:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, override in overrides.items():
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    counters[k] = _int(start.get(_VAL), 1) - 1
        counters[level] = counters.get(level, self._start(abstract_id, overrides, level) - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt = _val(lvl, "numFmt") or "decimal"
        if fmt in ("bullet", "none"):
            return ""
        text = _val(lvl, "lvlText") or ""
        legal = lvl.find(f"{_W}isLgl") is not None

        def number(match) -> str:
            k = int(match.group(1)) - 1
            sub = self._lvl(abstract_id, overrides, k)
            value = counters.get(k, self._start(abstract_id, overrides, k))
            return format_number(value, "decimal" if legal else (_val(sub, "numFmt") if sub is not None else "decimal"))

        label = _LEVEL_REF.sub(number, text)
        return label + (" " if _val(lvl, "suff") == "space" else "")

    def _num_pr(self, p) -> tuple[str | None, str | None]:
        num_pr = p.find(f"{_PPR}/{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            return (num_id.get(_VAL) if num_id is not None else None, ilvl.get(_VAL) if ilvl is not None else None)
        style = p.find(f"{_PPR}/{_W}pStyle")
        style_id = style.get(_VAL) if style is not None else None
        for _ in range(10):  # basedOn chains are short; a cycle must not hang the reader
            if style_id is None or style_id not in self.styles:
                return None, None
            num_id, ilvl, based = self.styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based
        return None, None

    def _lvl(self, abstract_id: str, overrides: dict, level: int):
        override = overrides.get(level)
        if override is not None and override.find(f"{_W}lvl") is not None:
            return override.find(f"{_W}lvl")
        return self.abstract.get(abstract_id, {}).get(level)

    def _start(self, abstract_id: str, overrides: dict, level: int) -> int:
        lvl = self._lvl(abstract_id, overrides, level)
        return _int(_val(lvl, "start"), 1) if lvl is not None else 1


_LEVEL_REF = lazy(r"%([1-9])")
_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's number formats (the ones Chinese reports use, and the common rest)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return _chinese(n, _CN_DIGITS, "十")
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _chinese(n: int, digits: str, ten: str) -> str:
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _related(part, reltype):
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError, ValueError):
        return None


def _val(element, name: str) -> str | None:
    found = element.find(f"{_W}{name}") if element is not None else None
    return found.get(_VAL) if found is not None else None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
