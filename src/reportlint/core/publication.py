"""When a report is due: who issued it (条例 第四十九条) and the deadline that follows, from the
deadline settings RL402 declares (``department-deadline = "01-31"``). RL402 and the overview of a
run (the HTML index, ``--format json``, ``extract``) read the same dates from here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping


def issuer_kind(agency: str | None) -> str:
    """department | government | township, by the agency's name (条例 第四十九条)."""
    if not agency:
        return "department"
    name = agency.replace(" ", "")
    if re.search(r"(乡|镇|街道)(人民政府|办事处)?$|(乡|镇)政府$", name):
        return "township"  # 某某街道2023年…: a township's name alone is the township
    if name.endswith("人民政府") or name.endswith("政府"):
        return "government"
    if re.search(r"(省|自治区|市|自治州|州|盟|区|县|自治县|旗)$", name) and not re.search(r"(开发区|园区|新区|高新区|示范区|试验区|实验区)$", name):
        return "government"  # 2022年上海市政府信息公开…, 贵阳市2020年…: the place's own report
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
