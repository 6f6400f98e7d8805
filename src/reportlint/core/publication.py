"""When a report is due: who issued it (条例 第四十九条) and the deadline that follows, from the
deadline settings RL402 declares (``department-deadline = "01-31"``). RL402 and the overview of a
run (the HTML index, ``--format json``, ``extract``) read the same dates from here."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Mapping

from reportlint.core import patterns
from reportlint.core.resources import data_dir, load_toml


@functools.cache
def _issuers() -> dict[str, re.Pattern]:
    """The name endings of rules/data/issuers.toml, compiled once."""
    data = load_toml(data_dir("rules") / "data" / "issuers.toml")
    return {key: patterns.compile(data[key]) for key in ("township", "government", "place", "zone")}


def issuer_kind(agency: str | None) -> str:
    """department | government | township, by how the agency's name ends (条例 第四十九条;
    rules/data/issuers.toml)."""
    if not agency:
        return "department"
    name = agency.replace(" ", "")
    ends = _issuers()
    if ends["township"].search(name):
        return "township"
    if ends["government"].search(name) or (ends["place"].search(name) and not ends["zone"].search(name)):
        return "government"
    return "department"


def deadline_date(year: int, key: str, setting: Any) -> dt.date:
    """``setting`` ("MM-DD") in ``year``; a ValueError naming ``key`` when it is no date."""
    m = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})\s*", str(setting))
    try:
        return dt.date(year, int(m.group(1)), int(m.group(2)))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        raise ValueError(f"设置 {key} 应为“月-日”格式（如 01-31），而不是 {setting!r}") from None


def deadline_of(agency: str | None, year: int | None, settings: Mapping[str, Any]) -> dt.date | None:
    """The last day a report of ``year`` by ``agency`` may be published (the next year's deadline
    of its kind of issuer), or None when the year is unknown or the setting is missing or no date."""
    if year is None:
        return None
    key = f"{issuer_kind(agency)}-deadline"
    setting = settings.get(key)
    if setting is None:
        return None
    try:
        return deadline_date(year + 1, key, setting)
    except ValueError:
        return None
