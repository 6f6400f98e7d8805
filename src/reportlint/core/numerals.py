"""Chinese numerals as the reports write them: 二十六 for 26 in 第二十六条, 二、 for section 2."""

from __future__ import annotations

import unicodedata

from reportlint.core.patterns import lazy

CHINESE_NUMERALS = {
    1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十",
    11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六", 17: "十七", 18: "十八", 19: "十九", 20: "二十",
}


def chinese_to_int(text: str) -> int | None:
    """二十六 -> 26, 十 -> 10, 五十七 -> 57; None if it is not a Chinese numeral below 1000."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """26 -> 二十六 (below 100; larger numbers stay Arabic)."""
    if n in CHINESE_NUMERALS:
        return CHINESE_NUMERALS[n]
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return f"{CHINESE_NUMERALS[tens] if tens > 1 else ''}十{CHINESE_NUMERALS[ones] if ones else ''}"


def number(text: str) -> int | None:
    """An article or item number as written: ``26`` or ``二十六``."""
    text = text.strip()
    return int(text) if text.isdigit() else chinese_to_int(text)


#: A figure as written: its sign, its digits (thousands separators allowed), what follows (its unit).
_FIGURE = lazy(r"^([+\-−－]?)(\d[\d,，]*(?:\.\d+)?)(.*)$")


def split_figure(raw: str, max_chars: int = 16) -> tuple[bool, str, str] | None:
    """(negative, digits, unit) of a figure as written — ``3.68万元`` → (False, "3.68", "万元"),
    ``1,200件`` → (False, "1200", "件") — or None when it is no figure (or longer than ``max_chars``)."""
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    m = _FIGURE.match(text)
    if not m or len(m.group(2)) > max_chars:
        return None
    return m.group(1) in ("-", "−", "－"), m.group(2).replace(",", "").replace("，", ""), m.group(3)
