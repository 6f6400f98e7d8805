"""Regular expressions compiled when first used, once per process, from code kept between runs.

The parser and the rules keep some eighty patterns at module level. Compiling them all at import
costs the start-up of every run, a cached run that never parses and a one-file pre-commit run that
needs a few of them included; :func:`lazy` compiles each on its first use instead. After that a
pattern's methods are the compiled pattern's own, looked up as fast as on a module-level
``re.compile`` (they are copied onto the object).

Compiling is most of what a one-file run costs beyond its imports (the claim lexicon's phrases, the
page furniture and the cut signs are long alternations): Python's ``re`` parses a pattern and
turns it into the code its C engine runs, in Python, every process. :func:`compile` makes a pattern
from code an earlier run kept when there is (:func:`keep`, filled by the host from the cache folder:
:mod:`reportlint.host.startup`), and records the code of every pattern it compiles afresh
(:func:`made`) for the host to keep. The code is what ``re.compile`` itself hands to the engine
(``_sre.compile``), so a kept pattern *is* the compiled one — equal to it, as ``re.Pattern`` compares
code (``tests/core/test_patterns.py``); the engine checks code it is given, and code it refuses, or a
Python whose ``re`` works otherwise, is compiled as usual. Kept code belongs to one Python version:
the host keys it by ``sys.version`` and the engine's ``MAGIC``.
"""

from __future__ import annotations

import array
import binascii
import re
import sys

try:  # the parser and compiler of regular expressions: public as sre_parse, sre_compile up to Python 3.10
    from re import _compiler as _sre_compile, _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]
import _sre as _engine

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_ATTRIBUTES = ("pattern", "flags", "groups", "groupindex")

#: The engine's version of its code: kept code is for this engine only.
ENGINE = f"{_engine.MAGIC}-{_engine.CODESIZE}-{_engine.MAXREPEAT}-{_engine.MAXGROUPS}-{sys.byteorder}"
#: The engine's code is of unsigned ints of CODESIZE bytes: kept as the base64 of their bytes (a
#: JSON list of some 50,000 numbers took 6 ms to read, the strings under one).
_CODE_TYPE = next((t for t in "IL" if array.array(t).itemsize == _engine.CODESIZE), None)

#: ``(pattern, flags)`` -> ``[flags, code, groups, groupindex]``: the code of an earlier run (keep(),
#: the code as base64) and of the patterns this process compiled afresh (the code as a list).
_KEPT: dict[tuple[str, int], list] = {}
_MADE: dict[tuple[str, int], list] = {}
#: ``(pattern, flags)`` -> the first-character class of :func:`skipping` ("" for none), kept and made.
_FIRST_KEPT: dict[tuple[str, int], str] = {}
_FIRST_MADE: dict[tuple[str, int], str] = {}


def keep(patterns: list, firsts: list) -> None:
    """Take code kept by an earlier run: ``patterns`` and ``firsts`` (:func:`skipping`'s classes) as
    :func:`made` gives them. An entry of the wrong shape is left out (and compiled afresh)."""
    for entry in patterns:
        if (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[0], str) and type(entry[1]) is int
                and type(entry[2]) is int and isinstance(entry[3], str) and type(entry[4]) is int and isinstance(entry[5], dict)):
            _KEPT[(entry[0], entry[1])] = entry[2:]
            _MADE.pop((entry[0], entry[1]), None)
    for entry in firsts:
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) and type(entry[1]) is int and isinstance(entry[2], str):
            _FIRST_KEPT[(entry[0], entry[1])] = entry[2]
            _FIRST_MADE.pop((entry[0], entry[1]), None)


def made() -> tuple[list, list]:
    """The code of the patterns this process compiled afresh, and their first-character classes, in
    the form :func:`keep` takes (plain data, for JSON)."""
    if _CODE_TYPE is None:  # pragma: no cover - an engine of another code size: nothing is kept
        return [], []
    compiled = [[pattern, flags, final, _encoded(code), groups, groupindex]
                for (pattern, flags), (final, code, groups, groupindex) in _MADE.items()]
    return compiled, [[pattern, flags, first] for (pattern, flags), first in _FIRST_MADE.items()]


def kept() -> tuple[list, list]:
    """What :func:`keep` took (and the engine did not refuse), in the same form."""
    return ([[pattern, flags, *parts] for (pattern, flags), parts in _KEPT.items()],
            [[pattern, flags, first] for (pattern, flags), first in _FIRST_KEPT.items()])


def _encoded(code: list) -> str:
    return binascii.b2a_base64(array.array(_CODE_TYPE, code).tobytes(), newline=False).decode("ascii")


def from_kept(pattern: str, parts: list) -> re.Pattern:
    """The pattern that ``parts`` — ``[flags, code as base64, groups, groupindex]``, as :func:`made`
    gives them — make; ValueError (or the engine's RuntimeError) when they make none."""
    final_flags, encoded, groups, groupindex = parts
    code = array.array(_CODE_TYPE or "I", binascii.a2b_base64(encoded)).tolist()
    return _from_parts(pattern, final_flags, code, groups, groupindex)


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name, and its meaning
    """``re.compile(pattern, flags)``: from kept code when an earlier run left it, else compiled here
    (and its code recorded for :func:`made`)."""
    flags = int(flags)
    if not isinstance(pattern, str):  # bytes: few, and never kept
        return re.compile(pattern, flags)
    key = (pattern, flags)
    parts = _KEPT.get(key)
    if parts is not None:
        try:
            return from_kept(pattern, parts)
        except Exception:  # code the engine refuses (a damaged cache): compile it afresh
            del _KEPT[key]
    try:
        parsed = _sre_parse.parse(pattern, flags)
        parts = [flags | parsed.state.flags, _sre_compile._code(parsed, flags), parsed.state.groups - 1, dict(parsed.state.groupdict)]
        compiled = _from_parts(pattern, *parts)
    except re.error:
        raise
    except Exception:  # pragma: no cover - a Python whose re works otherwise: compile as it does
        return re.compile(pattern, flags)
    _MADE[key] = parts
    return compiled


def _from_parts(pattern: str, final_flags: int, code: list, groups: int, groupindex: dict) -> re.Pattern:
    """What ``re.compile`` hands the engine, handed to it (re/_compiler.py ``compile``)."""
    indexgroup: list = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _engine.compile(pattern, final_flags, code, groups, groupindex, tuple(indexgroup))


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles on its first use."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.__dict__["_source"] = (pattern, flags)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = compile(*self.__dict__["_source"])
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


def skipping(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` behind a look-ahead for the characters its matches can start
    with (:func:`first_char_class`): the same matches, but the engine passes over every other
    position at once — four times faster on a long alternation of words."""
    key = (pattern, int(flags))
    first = _FIRST_KEPT.get(key)
    if first is None:
        first = _FIRST_MADE[key] = first_char_class(pattern, flags) or ""
    return compile(f"(?={first})(?:{pattern})" if first else pattern, flags)


def first_char_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (``[...]``) holding every character a match of ``pattern`` can start with,
    or None where that cannot be told (a match may be empty, start with any character, or the
    pattern uses what this does not read). ``(?=[...])`` before a long alternation lets the engine
    skip the positions no branch can start at: four times faster on page-furniture words."""
    try:
        chars, nullable = _first(_sre_parse.parse(pattern, flags))
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    if nullable or not chars:
        return None
    if flags & re.IGNORECASE:
        single = [c for c in chars if len(c) == 1]  # not the \\s, \\d, \\w of a category
        chars |= {c.lower() for c in single} | {c.upper() for c in single if len(c.upper()) == 1}
    return "[" + "".join(c if c.startswith("\\") else re.escape(c) for c in sorted(chars)) + "]"


class _Unknown(Exception):
    """A construct :func:`_first` does not read."""


#: [^\S…] holds only characters of \s (and so on): a class that leaves out a category's complement.
_NEGATED = {_sre.CATEGORY_NOT_SPACE: "\\s", _sre.CATEGORY_NOT_DIGIT: "\\d", _sre.CATEGORY_NOT_WORD: "\\w"}
_CATEGORIES = {_sre.CATEGORY_SPACE: "\\s", _sre.CATEGORY_DIGIT: "\\d", _sre.CATEGORY_WORD: "\\w"}


def _first(items) -> tuple[set[str], bool]:
    """(the characters a sequence of parsed items can start with, whether it can match empty)."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _sre.LITERAL:
            return chars | {chr(arg)}, False
        if op is _sre.IN:
            if arg and arg[0][0] is _sre.NEGATE:  # [^\S\n]: within \s, whatever else it leaves out
                within = [_NEGATED[value] for kind, value in arg[1:] if kind is _sre.CATEGORY and value in _NEGATED]
                if not within:
                    raise _Unknown
                return chars | {within[0]}, False
            for kind, value in arg:
                if kind is _sre.LITERAL:
                    chars.add(chr(value))
                elif kind is _sre.RANGE:
                    if value[1] - value[0] > 256:
                        raise _Unknown
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                elif kind is _sre.CATEGORY and value in _CATEGORIES:
                    chars.add(_CATEGORIES[value])
                else:
                    raise _Unknown
            return chars, False
        if op is _sre.AT:
            continue  # ^, \b: zero width
        if op is _sre.BRANCH:
            nullable = False
            for branch in arg[1]:
                found, empty = _first(branch)
                chars |= found
                nullable = nullable or empty
            if not nullable:
                return chars, False
            continue
        if op is _sre.SUBPATTERN:
            found, empty = _first(arg[-1])
            chars |= found
            if not empty:
                return chars, False
            continue
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            found, empty = _first(arg[2])
            chars |= found
            if arg[0] > 0 and not empty:
                return chars, False
            continue
        raise _Unknown
    return chars, True
