"""The claim lexicon: which phrases of a report's running text state which figures of its tables.

A report's prose restates its tables — 共收到政府信息公开申请12件, 予以公开及部分公开10件, 被申请行政复议
1件 — and evaluators mark down every figure that disagrees. The lexicon (``rules/data/claims.toml``,
plus what plugins add through ``reportlint_claims``) maps such phrases to table cells, so that the
parser can read the prose's claims (:mod:`reportlint.parsing.prose`) and RL306 can compare each
with the cells it names. A kind of claim is data, not code:

- ``role = "head"``: a phrase before a figure that counts something whole (applications received,
  answered, withheld; reviews; licences). Its ``cells`` are added up; ``accept`` lists other sums
  that are also a right reading of the phrase (共受理 may include last year's carried-over ones).
- ``role = "part"``: a phrase that counts part of the head before it in the same sentence (其中自然人
  申请3件; 结果维持1件): its ``columns`` replace the head's column in each of the head's cells.
  ``tables`` limits the heads it may belong to.
- ``role = "statement"``: a sentence that states a figure without writing it (未收到政府信息公开
  申请 = 0; 所有申请均已办结 = nothing carried over); ``value`` is the figure.
- ``role = "all"``: a phrase that says every case of the heads before it in the sentence ended one
  way (复议1件、诉讼2件，均获维持): for each such head its ``columns`` equal the head's figure — or
  ``value`` where the kind gives one (均未被纠错: 结果纠正 is 0).
- ``role = "context"``: a figure that counts something no table holds and makes the rest of its
  sentence about it: after 共制发政府信息437条，其中…依申请公开341条、不予公开41条 counts documents by
  how they are disclosed, not applications. ``silences`` names the tables whose claims the rest of
  the sentence does not make.

Phrases are regular expressions over the prose as the parser compares it: NFKC (full-width digits
and punctuation as ASCII: ``,`` ``;`` ``:`` ``(``), whitespace removed. A head or part phrase must end
just before its figure, but for filler (共计, 为, a comma); ``not_before`` rejects a phrase whose
clause says it is about something else (比上年, 其中…信息).
"""

import functools
from typing import Mapping, NamedTuple, Sequence

from reportlint.core import patterns
from reportlint.core.resources import data_dir, load_toml

ROLES = ("head", "part", "statement", "all", "context")

#: Counting words a claim's figure may carry, unless the kind names its own.
DEFAULT_UNITS = ("件", "个", "宗", "起", "份", "条", "项")


class CellRef(NamedTuple):
    """A table cell a claim names. ``row`` ending in ``/*`` means the row and all its sub-rows
    (（四）无法提供/* is the three rows under （四）; in a format where the row has none, the row)."""

    table: str
    row: str
    column: str

    @classmethod
    def parse(cls, text: str) -> "CellRef":
        parts = text.split("|")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"a cell is written TABLE|ROW|COLUMN, not {text!r}")
        return cls(*parts)

    def rows_in(self, rows: Sequence[str]) -> list[str]:
        """The row keys of ``rows`` this reference covers."""
        if self.row.endswith("/*"):
            stem = self.row[:-2]
            return [r for r in rows if r == stem or r.startswith(stem + "/")]
        return [r for r in rows if r == self.row]

    def with_column(self, column: str) -> "CellRef":
        return self._replace(column=column)


class ClaimKind(NamedTuple):
    """One entry of the lexicon (see the module docstring)."""

    id: str
    role: str
    what: Mapping[str, str]  # what the figure counts, per language (RL306's message)
    phrases: tuple[str, ...]
    cells: tuple[CellRef, ...] = ()
    accept: tuple[tuple[CellRef, ...], ...] = ()
    columns: tuple[str, ...] = ()  # part/all: the columns that replace the head's
    tables: tuple[str, ...] = ()  # part/all: the tables whose heads it may follow
    units: tuple[str, ...] = DEFAULT_UNITS
    value: int | None = None  # statement: the figure it states
    not_before: str = ""  # a regex: the clause before the phrase must not match it
    silences: tuple[str, ...] = ()  # context: tables the rest of its sentence makes no claims on
    plugin: str = "reportlint"

    @classmethod
    def from_mapping(cls, data: Mapping, plugin: str = "reportlint") -> "ClaimKind":
        role = data.get("role", "head")
        if role not in ROLES:
            raise ValueError(f"claim {data.get('id')!r}: role {role!r} is not one of {ROLES}")
        what = data["what"]
        kind = cls(
            id=data["id"],
            role=role,
            what=dict(what) if not isinstance(what, str) else {"zh": what, "en": what},
            phrases=tuple(data["phrases"]),
            cells=tuple(CellRef.parse(c) for c in data.get("cells", ())),
            accept=tuple(tuple(CellRef.parse(c) for c in group) for group in data.get("accept", ())),
            columns=tuple(data.get("columns", ())),
            tables=tuple(data.get("tables", ())),
            units=tuple(data.get("units", DEFAULT_UNITS)),
            value=data.get("value"),
            not_before=data.get("not_before", ""),
            silences=tuple(data.get("silences", ())),
            plugin=plugin,
        )
        for phrase in (*kind.phrases, kind.not_before):
            patterns.compile(phrase)  # a bad pattern is the data's error, said when the lexicon loads
        if role == "head" and not kind.cells:
            raise ValueError(f"claim {kind.id!r}: a head names its cells")
        if role in ("part", "all") and not kind.columns:
            raise ValueError(f"claim {kind.id!r}: a {role} names its columns")
        if role == "statement" and (kind.value is None or not kind.cells):
            raise ValueError(f"claim {kind.id!r}: a statement names its cells and its value")
        return kind


class Lexicon(NamedTuple):
    """Every kind of claim the parser reads, in the order their phrases are tried."""

    kinds: tuple[ClaimKind, ...]

    def extended(self, other: "Lexicon") -> "Lexicon":
        """This lexicon with ``other``'s kinds added; a kind of the same id is replaced."""
        known = {k.id for k in other.kinds}
        return Lexicon(tuple(k for k in self.kinds if k.id not in known) + other.kinds)

    @classmethod
    def from_entries(cls, entries: Sequence[Mapping], plugin: str = "reportlint") -> "Lexicon":
        return cls(tuple(ClaimKind.from_mapping(e, plugin) for e in entries))


@functools.cache
def builtin_lexicon() -> Lexicon:
    """The phrases of ``rules/data/claims.toml``."""
    return Lexicon.from_entries(load_toml(data_dir("rules") / "data" / "claims.toml")["claim"])
