"""Comparing the text of reports: the width, spacing and punctuation variants that copying out of
Word, WPS, PDF and web pages produces, written one way."""

from __future__ import annotations

import functools
import unicodedata

from reportlint.core.patterns import lazy

#: How the name of a government body ends (局, 委员会, 人民政府, 办事处, 管委会, 县人民政府机关…): what may stand
#: before the year in a title, as its agency.
AGENCY_END = "(?:局|委|办|院|府|会|中心|室|厅|部|署|区|县|市|州|盟|旗|镇|乡|街道|处|所|站|队|馆|社|司|行|校|团|机关)"

_SPACES = lazy(r"[\s\u3000\u00a0\u200b\ufeff]+")
_ITEM_PUNCT = lazy(r"^(\d+)[、．.,，]")


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Compare-form of a label: NFKC (full-width digits and brackets to ASCII), no spaces, item
    numbering written one way (``1、`` and ``1．`` become ``1.``), curly quotes dropped."""
    out = unicodedata.normalize("NFKC", text)
    out = _SPACES.sub("", out)
    out = _ITEM_PUNCT.sub(r"\1.", out)
    return out.replace("“", "").replace("”", "").replace('"', "").replace("〔", "[").replace("〕", "]")


def strip_space(text: str) -> str:
    return _SPACES.sub("", text)


_DASHES = r"[\s\-—–－·]*"
_PAGE = r"(?:第\s*)?\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[-—–－·]\s*\d{1,4}\s*[-—–－·]"
_PAGE_NUMBER = lazy(rf"^{_DASHES}(?:{_PAGE}){_DASHES}$")
_BARE_NUMBER = lazy(rf"^{_DASHES}\d{{1,4}}{_DASHES}$")


def is_page_number(text: str, bare: bool = False) -> bool:
    """Whether a line is a page number as printed: "- 3 -", "第3页", "第3页，共5页", "3/5". A bare
    "3" counts only with ``bare`` (where the position says so: a PDF page's margin); elsewhere it is
    a figure."""
    return bool(_PAGE_NUMBER.match(text) or (bare and _BARE_NUMBER.match(text)))
