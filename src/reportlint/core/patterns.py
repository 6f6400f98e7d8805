"""Regular expressions compiled when first used, once per process.

The parser and the rules keep some eighty patterns at module level. Compiling them all at import
costs the start-up of every run, a cached run that never parses and a one-file pre-commit run that
needs a few of them included; :func:`lazy` compiles each on its first use instead. After that a
pattern's methods are the compiled pattern's own, looked up as fast as on a module-level
``re.compile`` (they are copied onto the object).
"""

from __future__ import annotations

import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_ATTRIBUTES = ("pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on its first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.__dict__["_source"] = (pattern, flags)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = re.compile(*self.__dict__["_source"])
        for name in _METHODS + _ATTRIBUTES:
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["compiled"] = lambda: compiled
        return compiled

    def __getattr__(self, name: str):  # only for a name not copied yet: the first use
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.__dict__['_source'][0]!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled when first used (``lazy(r"\\d+")`` where ``re.compile(r"\\d+")`` was)."""
    return LazyPattern(pattern, flags)
