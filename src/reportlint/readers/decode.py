"""Bytes to text for text-like reports: UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK."""

from __future__ import annotations

import codecs
import re

from reportlint.core.limits import ReadError
from reportlint.core.patterns import lazy

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters a text report never contains; many of them mean binary data.
_CONTROL = {c for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {0x7F}
_CONTROL_RE = lazy("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL)) + "]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ReadError (RL901)."""
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = _guess_bomless_utf16(data)
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _is_binary(text):
            raise ReadError("文件不是文本：含有大量控制字符（二进制文件？）", args={"reason": "binary"})
        return text, ("gb18030" if name == "gb18030" else name.replace("-sig", ""))
    raise ReadError("无法识别文件编码（支持 UTF-8、UTF-16、GB18030/GBK）", args={"reason": "encoding"})


def _guess_bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII-heavy UTF-16 has a NUL in every other byte; CJK-only UTF-16 is caught by the BOM or not at all.
    if odd_nul > half * 0.3 and even_nul < half * 0.05:
        return "utf-16-le"
    if even_nul > half * 0.3 and odd_nul < half * 0.05:
        return "utf-16-be"
    return None


def _is_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = len(_CONTROL_RE.findall(sample))
    return bad > max(8, len(sample) // 100)


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file of unknown type could be a text report."""
    if not head:
        return True
    try:
        decode(head[:4096] if len(head) <= 4096 else _trim_to_boundary(head[:4096]))
    except ReadError:
        return False
    return True


def _trim_to_boundary(head: bytes) -> bytes:
    # A multi-byte character may be cut at the end of the sample; drop up to 3 trailing bytes.
    for cut in range(0, 4):
        chunk = head[: len(head) - cut]
        try:
            chunk.decode("utf-8")
            return chunk
        except UnicodeDecodeError:
            continue
    return head


_META_CHARSET = lazy(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# Chinese web pages declare gb2312 or gbk and write characters only GB18030 has; GB18030 is a superset.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}


def decode_markup(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: BOM, then the ``<meta charset>`` it declares, then UTF-8, then GB18030.

    A page whose declaration is wrong (a GBK page saying utf-8 is common) is decoded by whichever
    candidate decodes it without error; if none does, the declared (or UTF-8) codec replaces what it
    cannot decode, because a page with a few broken bytes is still worth linting.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                break
    candidates = []
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii").lower()
        declared = _CHARSET_ALIASES.get(declared, declared)
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    candidates += [name for name in ("utf-8", "gb18030") if name not in candidates]
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace"), candidates[0]
