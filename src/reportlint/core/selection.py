"""Which codes a run reports: select, ignore and extend-select, decided once per code.

Modelled on flake8's ``DecisionEngine``. Selectors are codes (``RL301``), prefixes (``RL3``,
``RL``), ``ALL`` or rule names (already turned into codes when the settings were read). For a code,
the longest matching ``select``/``extend-select`` entry is weighed against the longest matching
``ignore`` entry: the more specific one wins, and at equal length ``ignore`` wins. With no
``select`` given, every code is selected implicitly, and any matching ``ignore`` beats that implicit
choice. The decision is pure — codes in, yes or no out — so that a plugin can ask it through
:meth:`reportlint.core.config.Config.selected`; the per-file ignores, which need paths and the
config's folder, are the host's (:mod:`reportlint.host.style_guide`).
"""

from __future__ import annotations

import functools
from typing import Iterable, Sequence


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
