"""Why a file could not be linted, in the user's language (RL901/RL902 details).

Readers and the runner give a reason code with its arguments (``ReadError.args_for_message``); the
Chinese sentence is the reader's own (it may name the file format's part that failed), the English
one is worded here from the reason, so ``--lang en`` is English all through.
"""

from __future__ import annotations

from typing import Mapping

#: English wording of each reason a file cannot be read or is no report.
READ_REASONS_EN = {
    "empty": "the file is empty",
    "unknown-format": "an unknown file format{suffix}, not a report file",
    "directory": "a directory, not a file",
    "unlistable": "the directory cannot be listed (no permission?)",
    "not-regular": "not a regular file (a device, pipe or socket): not read",
    "missing": "no such file",
    "permission": "no permission to read the file",
    "symlink-loop": "symbolic links form a loop",
    "os-error": "the file cannot be opened (error {errno})",
    "max_bytes": "the file is too large ({size_mb} MB; the limit is {limit_mb} MB)",
    "max_lines": "the extracted text has more than {limit} lines",
    "max_pages": "the PDF has {pages} pages, more than the limit of {limit}",
    "max_unpacked_bytes": "the DOCX unpacks to more than {limit_mb} MB (a zip bomb?)",
    "memory": "out of memory while reading the file",
    "depth": "the file is nested too deeply to be read",
    "corrupt": "the file is damaged or not of its format",
    "reader-error": "the reader failed: {error}",
    "review-error": "no reviewed copy can be made of this Word document: {error}",
    "ole": "an OLE compound file (an old .doc or an encrypted Office file), not .docx: save it as .docx or PDF",
    "not-word": "not a Word document",
    "xml": "the Word XML is damaged or nested too deeply",
    "zip": "damaged or truncated (not a valid zip archive)",
    "zip-entries": "the archive has too many entries",
    "zip-member": "a part of the archive cannot be unpacked",
    "html": "the web page cannot be parsed",
    "table-size": "a table of the web page is too large",
    "no-pages": "the PDF has no pages",
    "encrypted": "the PDF is encrypted",
    "objects": "a PDF page holds too many graphic objects",
    "rulings": "page {page} of the PDF holds too many ruling lines to find its tables",
    "timeout": "processing took longer than {seconds} seconds",
    "worker-died": "the process handling this file ended unexpectedly",
    "no-report": "no title, section or statistics table found",
}


def read_detail(reason: str | None, zh: str, args: Mapping[str, object] | None = None) -> dict[str, str]:
    """RL901/RL902's ``{detail}`` in both languages."""
    values = {k: v for k, v in (args or {}).items()}
    for key in ("size", "limit"):
        if isinstance(values.get(key), int):
            values[f"{key}_mb"] = f"{values[key] / 1048576:.1f}"
    if values.get("suffix"):
        values["suffix"] = f" ({values['suffix']})"
    template = READ_REASONS_EN.get(reason or "", "")
    try:
        en = template.format_map(_Blank(values)) if template else zh
    except (ValueError, IndexError):
        en = template
    return {"zh": zh, "en": en}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""

