"""``reportlint review``: the findings back to the office that wrote the report, as a Word file.

An evaluator returns a report as the same Word file with comments in the margin; so does this. A
.docx gets a reviewed copy — the original document with one comment per finding, anchored on the
paragraph or table cell it concerns (code, message, what to write instead), and each fix made as a
tracked change by "reportlint" that the author accepts or rejects in Word. A report given as
.txt/.md/.html/.pdf becomes a plain Word document of its text and tables, reviewed the same way, so
every author gets a Word file back. The original file is never written; a file that cannot be read
gets its RL9xx and no copy.

Findings are placed through the reader's own walk of the document (``DocxReader.read_anchored``):
line N of what was checked is the paragraph, or the table row, that the reader made it from.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import io
import os
import secrets
import time
from typing import NamedTuple, Sequence

import docx
from docx.comments import Comment
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from reportlint.core.config import Config
from reportlint.core.diagnostic import Diagnostic, FileResult
from reportlint.core.document import Document
from reportlint.core.limits import ReadError
from reportlint.core.model import Report
from reportlint.formatters import xml_safe
from reportlint.host import registry
from reportlint.host.config import ConfigError
from reportlint.host.deadline import FileTimeout, deadline
from reportlint.host.messages import read_detail
from reportlint.host.pipeline import check_file
from reportlint.host.resolve import describe, host_result, timed_out
from reportlint.parsing import build_report
from reportlint.readers import read_bytes, read_document
from reportlint.readers.docx import Anchor, DocxReader
from reportlint.review_tables import Laid, laid_tables

AUTHOR = "reportlint"
INITIALS = "RL"
SUFFIX = ".reviewed.docx"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Reviewed(NamedTuple):
    """What reviewing one file gave: its lint result, and the copy written (None when the file
    could not be read or annotated, or the copy could not be written: ``error`` says why)."""

    result: FileResult
    output: str | None
    comments: int = 0
    changes: int = 0
    error: str | None = None


def output_path(path: str, output: str | None, several: bool) -> str:
    """``report.docx`` → ``report.reviewed.docx`` beside it; ``-o`` names the file, or the folder
    when several reports are reviewed."""
    stem = os.path.basename(path)
    stem = stem[: -len(os.path.splitext(stem)[1])] if os.path.splitext(stem)[1] else stem
    if output is None:
        return os.path.join(os.path.dirname(path), stem + SUFFIX)
    if several or os.path.isdir(output):
        return os.path.join(output, stem + SUFFIX)
    return output


def output_paths(paths: Sequence[str], output: str | None) -> list[str]:
    """Where each report's reviewed copy goes (:func:`output_path`), no two the same file and none a
    report of the run: ``a.docx`` and ``a.txt`` keep their suffixes (``a.docx.reviewed.docx``,
    ``a.txt.reviewed.docx``), as does a report whose copy would replace another report; reports of
    one name in different folders reviewed into one ``-o`` folder keep their folders under it."""
    several = len(paths) > 1
    inputs = {_same(path) for path in paths}
    targets = [output_path(path, output, several) for path in paths]
    for n, target in enumerate(targets):
        if _same(target) in inputs:
            targets[n] = os.path.join(os.path.dirname(target), os.path.basename(paths[n]) + SUFFIX)
    for rename in (_keep_folder, _keep_suffix):
        groups: dict[str, list[int]] = {}
        for n, target in enumerate(targets):
            groups.setdefault(_same(target), []).append(n)
        for members in (m for m in groups.values() if len(m) > 1):
            names = [os.path.basename(paths[n]) for n in members]
            if rename is _keep_suffix or len(set(names)) < len(names):  # folders first, for one name twice
                for n in members:
                    targets[n] = rename(paths, n, targets[n], output)
    seen: dict[str, str] = {}
    for path, target in zip(paths, targets):
        other = seen.setdefault(_same(target), path)
        if other != path:
            raise ConfigError(f"{other} and {path} would both be reviewed into {target}; review them apart",
                              f"{other} 和 {path} 的审阅副本都将写到 {target}，请分开审阅")
    return targets


def _keep_suffix(paths: Sequence[str], n: int, target: str, output: str | None) -> str:
    return os.path.join(os.path.dirname(target), os.path.basename(paths[n]) + SUFFIX)


def _keep_folder(paths: Sequence[str], n: int, target: str, output: str | None) -> str:
    if output is None:
        return target  # beside each report: distinct already, or one report named twice
    common = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    folder = os.path.relpath(os.path.dirname(os.path.abspath(paths[n])), common)
    return os.path.join(os.path.dirname(target), folder, os.path.basename(target))


def _same(path: str) -> str:
    """What makes two names one file here (the inode is unknown before the file exists)."""
    return os.path.normcase(os.path.realpath(path))


def review_file(path: str, config: Config, output: str) -> Reviewed:
    """Lint one file and write its reviewed copy to ``output``. Nothing a file holds stops the run:
    a file that cannot be read, or whose Word document cannot be annotated, gets its RL901 and no
    copy; the per-file time limit covers the copy too; a copy that cannot be written is ``error``."""
    config = dataclasses.replace(config, review=True, fix=False, diff=False, cache=False)
    started = time.monotonic()
    try:
        data = read_bytes(path, config.limits)
    except (OSError, ReadError):
        return Reviewed(check_file(path, config), None)  # says why, as linting would
    result = check_file(path, config, data=data)
    if any(d.code in ("RL901", "RL902") for d in result.diagnostics):
        return Reviewed(result, None)
    limit = config.limits.timeout
    try:
        with deadline(max(limit - (time.monotonic() - started), 0.001) if limit > 0 else 0):
            document, comments, changes = _annotated(path, data, config, result)
    except FileTimeout:
        return Reviewed(timed_out(path, config), None)
    except ReadError:
        return Reviewed(result, None)
    except Exception as exc:  # a document python-docx cannot take: this file's error, not the run's
        error = describe(exc)
        detail = read_detail("review-error", f"无法生成审阅副本：{error}", {"error": error})
        return Reviewed(host_result(path, "RL901", {"detail": detail}, config), None)
    try:
        _save(document, output)
    except OSError as exc:
        return Reviewed(result, None, comments, changes, error=f"{output}: {exc.strerror or exc}")
    return Reviewed(result, output, comments, changes)


def _annotated(path: str, data: bytes, config: Config, result: FileResult):
    """The Word document with a comment per finding and each fix a tracked change; how many of each."""
    document, anchors, lines = _word_document(path, data, config)
    comments = changes = 0
    tracker = _Tracker(document)
    commenter = _Commenter(document)
    placed = []
    for d in result.diagnostics:  # the comments first, on the paragraphs' runs as they are
        paragraph, in_cell = _target(d, anchors, lines, document)
        placed.append((d, paragraph, in_cell, _comment(commenter, paragraph, d, config.lang, _line(lines, d.line))))
        comments += 1
    # then the fixes, inside the comments' ranges, from the end of each paragraph backwards: a
    # change leaves the text before it where the findings say it is
    for d, paragraph, in_cell, comment in sorted(placed, key=lambda p: (p[0].line, p[0].column), reverse=True):
        line = _line(lines, d.line)
        anchor = anchors[d.line - 1] if 1 <= d.line <= len(anchors) else Anchor()
        if d.fix is not None and tracker.replace(paragraph, d, anchor, line if in_cell else None, line):
            changes += 1
            comment.paragraphs[-1].add_run(TRACKED[config.lang])
    return document, comments, changes


# --- the Word document and where each line of it is ------------------------------------------------


def _word_document(path: str, data: bytes, config: Config):
    """The python-docx document to annotate, an Anchor per line of what was checked, and those lines."""
    if data.startswith(b"PK\x03\x04") and os.path.splitext(path)[1].lower() in (".docx", ""):
        source, document, anchors = DocxReader().read_anchored(path, data, config.limits)
    else:
        source = read_document(path, data, config.limits)
        document, anchors = built_document(source, build_report(source, registry.templates()))
    return document, anchors, [line.text for line in source.lines]


def built_document(source: Document, report: Report | None = None):
    """A plain Word document of a report read from text, a web page or a PDF: a paragraph per line,
    a table per table; and the Anchor of each line. A web page's and a PDF's tables are the reader's
    (each line a table row); a text's are laid out from the report's model (:mod:`reportlint.review_tables`),
    as the text holds them only as lines of words and figures."""
    document = docx.Document()
    anchors: list[Anchor] = []
    lines = list(source.lines)
    read_as_text = all(line.cells is None for line in lines)
    laid = {table.first: table for table in laid_tables(report, [line.text for line in lines])} \
        if report is not None and read_as_text else {}
    i = 0
    while i < len(lines):
        if i in laid:
            anchors.extend(_word_table(document, laid[i]))
            i = laid[i].last + 1
            continue
        if not read_as_text and (lines[i].cells is not None or "\t" in lines[i].text):
            j = i
            while j < len(lines) and (lines[j].cells is not None or "\t" in lines[j].text):
                j += 1
            rows = [line.text.split("\t") for line in lines[i:j]]
            width = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                cells = table.rows[r].cells
                for c, text in enumerate(row):
                    cells[c].paragraphs[0].add_run(xml_safe(text))
                anchors.append(Anchor(cells=tuple(cell._tc for cell in cells)))
            i = j
            continue
        # a text's indentation by tabs (a table's cell copied out of Word) is no tab stop in a paragraph:
        # the paragraph starts after it, and its findings and fixes are placed from there
        indent = len(lines[i].text) - len(lines[i].text.lstrip("\t")) if read_as_text else 0
        paragraph = document.add_paragraph()
        paragraph.add_run(xml_safe(lines[i].text[indent:]))
        anchors.append(Anchor(paragraph._p, offset=-indent))
        i += 1
    return document, anchors


def _word_table(document, laid: Laid) -> list[Anchor]:
    """A laid-out table as a Word table; the Anchor of each line it was laid out from (the Word cell of
    each of the line's tab-separated parts)."""
    table = document.add_table(rows=len(laid.grid), cols=len(laid.grid[0]))
    table.style = "Table Grid"
    tcs = []
    for r, row in enumerate(laid.grid):
        cells = table.rows[r].cells
        tcs.append([cell._tc for cell in cells])
        for c, words in enumerate(row):
            for k, text in enumerate(words):  # a text broken over lines: a paragraph for each part
                (cells[c].paragraphs[0] if k == 0 else cells[c].add_paragraph()).add_run(xml_safe(text))
    anchors = []
    for number in range(laid.first, laid.last + 1):
        found = tuple(tcs[p[0]][p[1]] if p is not None else None for p in laid.places.get(number, ()))
        anchors.append(Anchor(cells=found if any(c is not None for c in found) else (tcs[0][0],)))
    return anchors


def _target(d: Diagnostic, anchors: Sequence[Anchor], lines: Sequence[str], document) -> tuple[Paragraph, bool]:
    """The paragraph a finding is on (a table cell's first paragraph), and whether it is a cell's.
    A finding on no line of the text (a whole-file finding) goes on the document's first paragraph."""
    anchor = anchors[d.line - 1] if 1 <= d.line <= len(anchors) else Anchor()
    if anchor.paragraph is not None:
        return Paragraph(anchor.paragraph, document.part), False
    if anchor.cells:
        # which grid column: as many tabs before the finding in the row's line as cells before its cell
        index = _line(lines, d.line).count("\t", 0, max(d.column - 1, 0))
        tc = anchor.cells[index] if index < len(anchor.cells) else None
        tc = tc if tc is not None else next((c for c in anchor.cells if c is not None), None)
        if tc is not None:
            first = tc.find(qn("w:p"))
            if first is None:
                first = tc.makeelement(qn("w:p"), {})
                tc.append(first)
            return Paragraph(first, document.part), True
    body = document.element.body
    first = body.find(qn("w:p"))
    if first is None:
        first = body.makeelement(qn("w:p"), {})
        body.insert(0, first)
    return Paragraph(first, document.part), False


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _cell_text(tc) -> str:
    if tc is None:
        return ""
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


# --- comments ---------------------------------------------------------------------------------------


def _comment(commenter: "_Commenter", paragraph: Paragraph, d: Diagnostic, lang: str, line: str):
    runs = paragraph.runs or [paragraph.add_run("")]
    return commenter.add(runs, xml_safe(comment_text(d, lang, line)))


class _Commenter:
    """Adds comments by reportlint, their ids counted on from the largest the document has (python-docx
    looks the next id up among all comments at each one — the square of the findings — and fails
    on a comment whose id is not a number)."""

    def __init__(self, document) -> None:
        document.comments  # makes the comments part when the document has none
        self.part = document.part.part_related_by(RT.COMMENTS)
        if self.part.element.tag != qn("w:comments"):
            raise ValueError("its comments part (word/comments.xml) is damaged: no w:comments")
        ids = [int(v) for c in self.part.element.iterchildren(qn("w:comment")) if (v := c.get(qn("w:id")) or "").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, runs: list, text: str) -> Comment:
        element = parse_xml(
            f'<w:comment {nsdecls("w")} w:id="{self.next_id}" w:author="{AUTHOR}" w:initials="{INITIALS}" w:date="{self.date}">'
            '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r></w:p></w:comment>')
        self.part.element.append(element)
        comment = Comment(element, self.part)
        first, *more = text.split("\n")
        comment.paragraphs[0].add_run(first)
        for paragraph in more:
            comment.add_paragraph(paragraph)
        runs[0].mark_comment_range(runs[-1], self.next_id)
        self.next_id += 1
        return comment


#: Added to a comment whose fix was made as a tracked change.
TRACKED = {"zh": "（已标为修订，可接受或拒绝）", "en": " (marked as a tracked change: accept or reject it)"}


def comment_text(d: Diagnostic, lang: str, line: str = "") -> str:
    """The comment on a finding: its code and message, then what to write instead (a deletion said
    as such)."""
    text = f"{d.code} {d.message}"
    fix = d.fix
    if fix is None:
        return text
    old = line[fix.column - 1 : fix.end_column - 1] if fix.line == fix.end_line == d.line else ""
    en = lang == "en"
    if not fix.replacement:
        text += f"\nDelete '{old}'" if en else f"\n建议删除“{old}”"
    elif old:
        text += f"\nReplace '{old}' with '{fix.replacement}'" if en else f"\n建议将“{old}”改为“{fix.replacement}”"
    else:
        text += f"\nWrite '{fix.replacement}'" if en else f"\n建议写作“{fix.replacement}”"
    return text


# --- tracked changes --------------------------------------------------------------------------------


class _Tracker:
    """Makes a fix a tracked change: the old text in ``w:del``, the new in ``w:ins``, by reportlint."""

    def __init__(self, document) -> None:
        body = document.element.body
        ids = [int(v) for e in body.iter() if (v := e.get(qn("w:id"))) is not None and v.lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.date = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")

    def replace(self, paragraph: Paragraph, d: Diagnostic, anchor: Anchor, row: str | None, line: str) -> bool:
        """Apply ``d.fix`` to the paragraph's runs (``row``: the checked line of the table row the
        paragraph's cell is in, else None; ``line``: the checked line); False (nothing changed) where
        the text cannot be mapped onto plain runs exactly (fields, hyperlinks, a cell of several
        paragraphs, a fix over several lines)."""
        fix = d.fix
        if fix is None or fix.line != fix.end_line or fix.line != d.line:
            return False
        p = paragraph._p
        runs = [child for child in p if child.tag == qn("w:r") and child.find(qn("w:commentReference")) is None]
        if any(_run_text(r) is None for r in runs):
            return False
        text = "".join(_run_text(r) for r in runs)
        if row is None:  # the line starts `offset` into the paragraph's text, after Word's own number
            offset = anchor.offset - len(anchor.label)
        else:  # the row's line holds every cell, tab-separated: count from this cell's start
            if _cell_text(p.getparent()) != text:  # several paragraphs in the cell
                return False
            offset = -(row.rfind("\t", 0, fix.column - 1) + 1)
        start, end = offset + fix.column - 1, offset + fix.end_column - 1
        if not 0 <= start <= end <= len(text) or text[start:end] != line[fix.column - 1 : fix.end_column - 1]:
            return False  # the runs do not hold the checked text there
        deleted = _isolate(p, runs, start, end)
        if deleted is None:
            return False
        model = deleted[0] if deleted else _run_at(p, start)
        anchor_node = deleted[-1] if deleted else model
        if deleted:
            wrapper = p.makeelement(qn("w:del"), self._attributes())
            deleted[0].addprevious(wrapper)
            for r in deleted:
                for t in r.iter(qn("w:t")):
                    t.tag = qn("w:delText")
                wrapper.append(r)
            anchor_node = wrapper
        if fix.replacement:
            ins = p.makeelement(qn("w:ins"), self._attributes())
            run = p.makeelement(qn("w:r"), {})
            if model is not None and model.find(qn("w:rPr")) is not None:
                run.append(copy.deepcopy(model.find(qn("w:rPr"))))
            t = p.makeelement(qn("w:t"), {_XML_SPACE: "preserve"})
            t.text = xml_safe(fix.replacement)
            run.append(t)
            ins.append(run)
            if anchor_node is not None:
                anchor_node.addnext(ins)
            else:
                p.append(ins)
        return True

    def _attributes(self) -> dict:
        self.next_id += 1
        return {qn("w:id"): str(self.next_id - 1), qn("w:author"): AUTHOR, qn("w:date"): self.date}


def _run_text(r) -> str | None:
    """A plain run's text, or None when the run holds anything else than text (a field, a tab, a
    drawing): such runs are not split."""
    out = []
    for child in r:
        if child.tag == qn("w:rPr"):
            continue
        if child.tag != qn("w:t"):
            return None
        out.append(child.text or "")
    return "".join(out)


def _isolate(p, runs: list, start: int, end: int) -> list | None:
    """Split runs so that [start, end) of the paragraph's text is whole runs; those runs."""
    position = 0
    inside = []
    for r in list(runs):
        text = _run_text(r) or ""
        r_start, r_end = position, position + len(text)
        position = r_end
        if r_end <= start or r_start >= end or not text:
            continue
        if r_start < start:  # keep the head in this run, the rest in a copy after it
            r = _split(r, start - r_start)
            r_start = start
            text = _run_text(r)
        if r_start + len(text) > end:
            _split(r, end - r_start)
        inside.append(r)
    return inside


def _split(r, at: int):
    """Cut a plain run at ``at``: ``r`` keeps the head, the returned copy (placed after it) the tail."""
    text = _run_text(r) or ""
    tail = copy.deepcopy(r)
    _set_text(r, text[:at])
    _set_text(tail, text[at:])
    r.addnext(tail)
    return tail


def _set_text(r, text: str) -> None:
    ts = [child for child in r if child.tag == qn("w:t")]
    for extra in ts[1:]:
        r.remove(extra)
    if not ts:
        ts = [r.makeelement(qn("w:t"), {})]
        r.append(ts[0])
    ts[0].text = text
    ts[0].set(_XML_SPACE, "preserve")


def _run_at(p, start: int):
    position = 0
    for r in p:
        if r.tag == qn("w:r"):
            position += len(_run_text(r) or "")
            if position >= start:
                return r
    return None


# --- writing ----------------------------------------------------------------------------------------


def _save(document, output: str) -> None:
    """Write atomically: a complete file or none (never a half-written one where the copy goes). The
    copy's mode follows the umask, as every file a program writes (mkstemp's 0600 would not)."""
    buffer = io.BytesIO()
    document.save(buffer)
    folder = os.path.dirname(os.path.abspath(output))
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, f".reportlint-review-{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(temporary, output)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
