"""Which codes a run reports for a file: the selection (:mod:`reportlint.core.selection`) and the
per-file ignores.

Per-file ignores are absolute: a code they match is dropped from that file whatever ``select`` says.
A glob is matched against the path as given, relative to the config file's folder, and the base name.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import PurePath
from typing import Iterable

from reportlint.core.config import Config
from reportlint.core.selection import decision


class StyleGuide:
    """A run's selection: the global decision plus the per-file ignores that apply to a path."""

    def __init__(self, config: Config) -> None:
        self.engine = decision(tuple(config.select), tuple(config.ignore), tuple(config.extend_select))
        # Globs compiled once for the run (fnmatch's own cache holds fewer than a big config has).
        self.per_file = [(re.compile(fnmatch.translate(glob)).match, "/" in glob, selectors)
                         for glob, selectors in config.per_file_ignores]
        self.root = config.root

    def ignores_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file:
            return ()
        candidates = _match_forms(path, self.root)
        plain = [form for form in candidates if "/" not in form]
        out: list[str] = []
        for match, nested, selectors in self.per_file:
            if any(match(form) for form in (candidates if nested else plain)):
                out.extend(selectors)
        return tuple(out)

    def filter(self, path: str, codes_and_items: Iterable) -> list:
        """Keep the items (diagnostics) whose ``code`` is reported for ``path``."""
        ignores = self.ignores_for(path)
        return [
            item
            for item in codes_and_items
            if self.engine.decide(item.code) and not any(item.code.startswith(sel) or sel == "ALL" for sel in ignores)
        ]


def _match_forms(path: str, root: str) -> list[str]:
    """The forms a glob is matched against: the path as given, relative to the config root, the base name."""
    given = PurePath(path).as_posix()
    forms = [given, PurePath(path).name]
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive
        rel = None
    if rel is not None and not rel.startswith(".."):
        forms.append(PurePath(rel).as_posix())
    if given.startswith("./"):
        forms.append(given[2:])
    return forms
