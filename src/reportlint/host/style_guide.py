"""Which codes a run reports: select, ignore and per-file ignores, decided once per code.

Modelled on flake8's ``DecisionEngine``. Selectors are codes (``RL301``), prefixes (``RL3``,
``RL``), ``ALL`` or rule names (already turned into codes by the config). For a code, the longest
matching ``select``/``extend-select`` entry is weighed against the longest matching ``ignore``
entry: the more specific one wins, and at equal length ``ignore`` wins. With no ``select`` given,
every code is selected implicitly, and any matching ``ignore`` beats that implicit choice.
Per-file ignores are absolute: a code they match is dropped from that file whatever ``select`` says.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from reportlint.host.config import Config


def _longest_match(code: str, selectors: Iterable[str]) -> int | None:
    best = None
    for sel in selectors:
        length = 0 if sel == "ALL" else len(sel)
        if (sel == "ALL" or code.startswith(sel)) and (best is None or length > best):
            best = length
    return best


class DecisionEngine:
    """Decides, and remembers, whether a code is reported."""

    def __init__(self, select: Sequence[str] = (), ignore: Sequence[str] = (), extend_select: Sequence[str] = ()) -> None:
        self.explicit_select = bool(select)
        self.select = tuple(select) + tuple(extend_select)
        self.ignore = tuple(ignore)
        self.decide = functools.lru_cache(maxsize=None)(self._decide)

    def _decide(self, code: str) -> bool:
        selected = _longest_match(code, self.select)
        if selected is None and not self.explicit_select:
            selected = -1  # implicit: every code, weaker than any explicit entry
        if selected is None:
            return False
        ignored = _longest_match(code, self.ignore)
        return ignored is None or selected > ignored


@functools.lru_cache(maxsize=64)
def decision(select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...]) -> DecisionEngine:
    """The engine of one selection, made once per process."""
    return DecisionEngine(select, ignore, extend_select)


class StyleGuide:
    """A run's selection: the global decision plus the per-file ignores that apply to a path."""

    def __init__(self, config: "Config") -> None:
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
