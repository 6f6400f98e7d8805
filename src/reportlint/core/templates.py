"""The report formats as data: ``rules/templates/*.toml`` (plugins add theirs through
``reportlint_templates``; the host's registry has them all: :func:`reportlint.host.registry.templates`).

A template says which sections a report has, which tables with which rows and columns, which
identities hold between them, and which strings betray the format. Adding a format (or a province's
variant) is adding a file, not code.
"""

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from reportlint.core.numerals import CHINESE_NUMERALS
from reportlint.core.patterns import lazy
from reportlint.core.resources import data_dir, load_toml

_NUMBERING = lazy(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")
_TRAILING_NOTE = lazy(r"[（(][^（）()]*[）)]$")


def label_core(label: str) -> str:
    """The distinctive part of a label: no numbering, no trailing parenthetical note."""
    core = _NUMBERING.sub("", label)
    core = _TRAILING_NOTE.sub("", core)
    return core or label


def numbering_of(label: str) -> str:
    """The numbering a label starts with ("5、", "（三）"), or ""."""
    match = _NUMBERING.match(label)
    return match.group(0) if match else ""


class SectionSpec(NamedTuple):
    number: str
    heading: str
    keywords: tuple[str, ...]
    variants: tuple[str, ...] = ()


class ColumnSpec(NamedTuple):
    label: str
    kind: str  # count | signed | decimal | amount

    @property
    def core(self) -> str:
        return label_core(self.label)


class RowSpec(NamedTuple):
    label: str
    group: str | None = None
    sub: str | None = None
    core: str = ""

    @property
    def key(self) -> str:
        return f"{self.sub}/{self.label}" if self.sub else self.label


class Block(NamedTuple):
    """One block of table 二: caption 第二十条第（item）项, its columns and rows."""

    item: int
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    @property
    def caption(self) -> str:
        return f"第二十条第（{CHINESE_NUMERALS[self.item]}）项"


class Instance(NamedTuple):
    """One equation an identity makes: the cells on each side; ``where`` is the column (or row) it
    is made for."""

    where: str
    lhs: tuple[tuple[str, str], ...]  # (row, column) keys
    rhs: tuple[tuple[str, str], ...]

    def sides(self, value: Callable[[tuple[str, str]], Any]) -> tuple[Any, Any] | None:
        """The sums of both sides with ``value(key)`` for each cell; None when a value is None.
        The one evaluation of an equation: the parser decoding glued figures and RL301–RL304
        checking the tables both ask it."""
        totals = []
        for side in (self.lhs, self.rhs):
            total = 0
            for key in side:
                number = value(key)
                if number is None:
                    return None
                total += number
            totals.append(total)
        return totals[0], totals[1]


class Identity(NamedTuple):
    id: str
    code: str
    table: str
    across: str  # "columns" or "rows"
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]

    def instances(self, rows: Sequence[str], columns: Sequence[str]) -> list[Instance]:
        """The equation for every column (``across = "columns"``) or row, over the table's
        declared ``rows`` and ``columns``; ``（三）不予公开/*`` stands for all of its sub-rows."""
        if self.across == "columns":
            lhs, rhs = _expand(self.lhs, rows), _expand(self.rhs, rows)
            return [Instance(c, tuple((r, c) for r in lhs), tuple((r, c) for r in rhs)) for c in columns]
        lhs, rhs = _expand(self.lhs, columns), _expand(self.rhs, columns)
        return [Instance(r, tuple((r, c) for c in lhs), tuple((r, c) for c in rhs)) for r in rows]


def _expand(keys: Sequence[str], declared: Sequence[str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        if key.endswith("/*"):
            out.extend(k for k in declared if k.startswith(key[:-1]))
        else:
            out.append(key)
    return out


class TableWords(NamedTuple):
    """Words of the tables' headers, by which the parser finds each table and tells header from rows
    (``[words]`` in a format's file). The parser uses the words of every known format together, so a
    provincial variant that omits them reads its tables with the national formats' words."""

    table2_header: str = ""
    table3_anchors: tuple[str, ...] = ()
    table3_header: tuple[str, ...] = ()
    table4_anchor: str = ""
    table4_confirm: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping) -> "TableWords":
        values = {k: v for k, v in data.items() if k in cls._fields}
        if "table4_confirm" in values:
            values["table4_confirm"] = tuple(tuple(group) for group in values["table4_confirm"])
        for key in ("table3_anchors", "table3_header"):
            if key in values:
                values[key] = tuple(values[key])
        return cls(**values)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: templates are loaded once
class Template:
    id: str
    name: str
    first_year: int
    last_year: int
    cues: tuple[str, ...]
    overview_topics: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    table2: tuple[Block, ...]
    table3_note: str
    table3_columns: tuple[str, ...]
    table3_rows: tuple[RowSpec, ...]
    table4_groups: tuple[str, ...]
    table4_columns: tuple[str, ...]
    identities: tuple[Identity, ...]
    label_variants: Mapping[str, str] = field(default_factory=dict)
    fee_statement: bool = False
    words: TableWords = TableWords()

    def covers(self, year: int | None) -> bool:
        return year is not None and self.first_year <= year <= self.last_year

    @functools.lru_cache(maxsize=None)  # noqa: B019 - templates live as long as the process
    def axes(self, table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(row keys, column keys) the format declares for table 二, 三 or 四."""
        if table == "三":
            return tuple(r.key for r in self.table3_rows), self.table3_columns
        if table == "四":
            return self.table4_groups, self.table4_columns
        rows = tuple(r.key for b in self.table2 for r in b.rows)
        return rows, tuple(dict.fromkeys(c.label for b in self.table2 for c in b.columns))

    @functools.lru_cache(maxsize=None)  # noqa: B019
    def instances(self, table: str, identity: Identity | None = None) -> tuple[Instance, ...]:
        """Every equation the format's identities (or one of them) make in one table, made once."""
        rows, columns = self.axes(table)
        chosen = [identity] if identity is not None else [i for i in self.identities if i.table == table]
        return tuple(inst for i in chosen for inst in i.instances(rows, columns))

    @classmethod
    def from_mapping(cls, data: Mapping) -> "Template":
        def rows(items):
            out = []
            for r in items:
                spec = RowSpec(r["label"], r.get("group"), r.get("sub"), r.get("core") or label_core(r["label"]))
                out.append(spec)
            return tuple(out)

        return cls(
            id=str(data["id"]),
            name=data["name"],
            first_year=int(data["first_year"]),
            last_year=int(data["last_year"]),
            cues=tuple(data.get("cues", ())),
            overview_topics=tuple(data.get("overview_topics", ())),
            sections=tuple(
                SectionSpec(s["number"], s["heading"], tuple(s.get("keywords", ())), tuple(s.get("variants", ())))
                for s in data["section"]
            ),
            table2=tuple(
                Block(b["item"], tuple(ColumnSpec(c["label"], c["kind"]) for c in b["columns"]), rows(b["rows"]))
                for b in data.get("table2", ())
            ),
            table3_note=data["table3"].get("note", ""),
            table3_columns=tuple(data["table3"]["columns"]),
            table3_rows=rows(data["table3"]["rows"]),
            table4_groups=tuple(data["table4"]["groups"]),
            table4_columns=tuple(data["table4"]["columns"]),
            identities=tuple(
                Identity(i["id"], i["code"], i["table"], i["across"], tuple(i["lhs"]), tuple(i["rhs"]))
                for i in data.get("identity", ())
            ),
            label_variants=dict(data.get("label_variants", {})),
            fee_statement=bool(data.get("fee_statement", False)),
            words=TableWords.from_mapping(data.get("words", {})),
        )


@functools.cache
def builtin_templates() -> tuple[Template, ...]:
    """The national formats: ``rules/templates/*.toml``, ordered by first year."""
    found = [Template.from_mapping(load_toml(path)) for path in sorted((data_dir("rules") / "templates").glob("*.toml"))]
    return tuple(sorted(found, key=lambda t: t.first_year))


def template_for_year(year: int | None, templates: Sequence[Template]) -> Template | None:
    """The format for a report year; where several cover it, the newest and narrowest (a revised
    or provincial format beats the open-ended national one)."""
    covering = [t for t in templates if t.covers(year)]
    if not covering:
        return None
    return max(covering, key=lambda t: (t.first_year, -(t.last_year - t.first_year)))
