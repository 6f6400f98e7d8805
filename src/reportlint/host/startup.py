"""reportlint's own start-up work, kept in the cache folder between runs: its data files as parsed
and its regular expressions as compiled.

Beyond its imports, a one-file run (the pre-commit case) spent most of its time parsing the same
TOML files — the rule catalogue, the templates, the claim lexicon, the data the rules read — and
compiling the same patterns, in pure Python, every time. Both depend on their input alone: a data
file's parsed content is kept under the sha256 of its bytes (:func:`reportlint.core.resources.load_toml`),
a pattern's code under the pattern and its flags (:func:`reportlint.core.patterns.compile`), in one
file of the cache folder per Python, regex engine and reportlint version
(``reportlint-startup-<key>.json``). :func:`open_folder` reads it when a run's settings are read —
before the catalogue is built — and :func:`save` writes it at the end of a run that made something
new: atomically, as the result cache writes its own, never through a link, the older files of its
kind pruned.

The file is read as the result cache is (a regular file, bounded, checked entry by entry; the
regex engine itself refuses code that is not well formed); what is damaged is made again. A folder
that cannot be read or written costs the time only, without a warning. The store is used when the
run uses the cache folder (``cache = true``, the default): ``--no-cache`` keeps nothing anywhere.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from reportlint import __version__
from reportlint.core import patterns, resources
from reportlint.host.cache import folder, prune, read_regular, write_atomically

FORMAT_VERSION = 2
PREFIX = "reportlint-startup-"
#: A start-up file larger than this is not read (reportlint's own is some 300 KB).
MAX_BYTES = 1 << 25
#: At most this many patterns and data files are kept (plugins may make patterns of their own).
MAX_ENTRIES = 20_000
#: Start-up files of other Pythons or versions kept besides the current one.
KEEP_FILES = 2

_opened: Path | None = None


def key() -> str:
    """Whose start-up the file holds: this Python, its regex engine, this reportlint."""
    who = f"{FORMAT_VERSION}|{sys.implementation.name}|{sys.version}|{patterns.ENGINE}|{__version__}"
    return hashlib.sha256(who.encode("utf-8")).hexdigest()[:32]


def open_folder(cache_dir: str | None, root: str) -> None:
    """Take what the cache folder keeps of this reportlint's start-up (once per process and file)."""
    global _opened
    path = folder(cache_dir, root) / f"{PREFIX}{key()}.json"
    if _opened == path:
        return
    _opened = path
    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # none yet, unreadable or damaged: made again
        data = {}
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        data = {}
    parsed, compiled, firsts = data.get("parsed"), data.get("patterns"), data.get("firsts")
    resources.keep_parsed(parsed if isinstance(parsed, dict) else {})
    patterns.keep(compiled if isinstance(compiled, list) else [], firsts if isinstance(firsts, list) else [])


def save() -> None:
    """Write what this run made anew beside what was kept, if it made anything."""
    if _opened is None:
        return
    parsed = resources.parsed_made()
    compiled, firsts = patterns.made()
    if not (parsed or compiled or firsts):
        return
    kept_parsed = resources.parsed_kept()
    kept_compiled, kept_firsts = patterns.kept()
    if len(kept_parsed) + len(kept_compiled) + len(parsed) + len(compiled) > MAX_ENTRIES:
        return  # enough: what is new is made each run
    text = json.dumps({"format": FORMAT_VERSION, "reportlint": __version__, "parsed": {**kept_parsed, **parsed},
                       "patterns": kept_compiled + compiled, "firsts": kept_firsts + firsts}, ensure_ascii=False)
    try:
        write_atomically(_opened, text)
        prune(_opened.parent, PREFIX, _opened.name, KEEP_FILES)
    except (OSError, ValueError):
        return
    resources.keep_parsed(parsed)  # kept now: a second save in this process writes only what is new again
    patterns.keep(compiled, firsts)
