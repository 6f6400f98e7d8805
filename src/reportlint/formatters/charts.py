"""Bar charts as inline SVG for the HTML index: drawn by the browser without a script, printed as
they are, every figure written beside its bar (a chart is read, not hovered), the words in the
page's own font. Only text and rectangles: nothing a reader of the page could not see otherwise.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Mapping, NamedTuple, Sequence

_FONT = 13  # px: the text of a chart
_ROW = 24  # px: one horizontal bar with its gap
_GAP = 8


class Bar(NamedTuple):
    """One bar: its label, its value (the length), its colour and the words written after it."""

    label: str
    value: int
    colour: str
    note: str = ""


def text_width(text: str, size: int = _FONT) -> float:
    """About how wide ``text`` is drawn: a Chinese character is a full em, a Latin one about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def bars(title: str, items: Sequence[Bar], width: int = 560) -> str:
    """Horizontal bars, one under the other, longest value the full width."""
    label_width = min(max((text_width(bar.label) for bar in items), default=0) + _GAP, width * 0.45)
    note_width = max((text_width(bar.note or str(bar.value)) for bar in items), default=0) + _GAP
    room = max(width - label_width - note_width, 40)
    top = max((bar.value for bar in items), default=0) or 1
    height = _ROW * len(items) + _GAP
    out = [_open(title, width, height)]
    for i, bar in enumerate(items):
        y = _GAP // 2 + i * _ROW
        length = room * bar.value / top
        middle = y + _ROW / 2
        out.append(f'<text x="{label_width - _GAP:.1f}" y="{middle:.1f}" text-anchor="end" dominant-baseline="central">'
                   f"{html.escape(bar.label)}</text>")
        out.append(f'<rect x="{label_width:.1f}" y="{y + 3}" width="{max(length, 1 if bar.value else 0):.1f}" '
                   f'height="{_ROW - 6}" fill="{html.escape(bar.colour)}"/>')
        out.append(f'<text x="{label_width + length + 4:.1f}" y="{middle:.1f}" dominant-baseline="central">'
                   f"{html.escape(bar.note or str(bar.value))}</text>")
    out.append("</svg>")
    return "".join(out)


def stacked_columns(title: str, groups: Sequence[tuple[str, Mapping[str, int]]], colours: Mapping[str, str],
                    names: Mapping[str, str], width: int = 560) -> str:
    """A column per group (a year), stacked by key (a format) in the order of ``colours``, each
    segment's count written in it, the column's total above it, and a legend of the keys used."""
    height_plot = 140
    used = [key for key in colours if any(counts.get(key) for _, counts in groups)]
    legend_rows = len(used)
    height = height_plot + _ROW + legend_rows * (_FONT + 8) + _GAP * 3
    top = max((sum(counts.values()) for _, counts in groups), default=0) or 1
    slot = (width - _GAP * 2) / max(len(groups), 1)
    column = min(slot * 0.6, 64)
    out = [_open(title, width, height)]
    base = _FONT + _GAP + height_plot
    out.append(f'<line x1="{_GAP}" y1="{base}" x2="{width - _GAP}" y2="{base}" stroke="#999"/>')
    for i, (label, counts) in enumerate(groups):
        x = _GAP + slot * i + (slot - column) / 2
        y = float(base)
        for key in used:
            count = counts.get(key, 0)
            if not count:
                continue
            h = height_plot * count / top
            y -= h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{h:.1f}" fill="{html.escape(colours[key])}"/>')
            if h >= _FONT + 2:
                out.append(f'<text x="{x + column / 2:.1f}" y="{y + h / 2:.1f}" text-anchor="middle" dominant-baseline="central" '
                           f'fill="#fff">{count}</text>')
        total = sum(counts.values())
        out.append(f'<text x="{x + column / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{total}</text>')
        out.append(f'<text x="{x + column / 2:.1f}" y="{base + _FONT + 4}" text-anchor="middle">{html.escape(label)}</text>')
    y = base + _ROW + _GAP
    for key in used:
        out.append(f'<rect x="{_GAP}" y="{y}" width="{_FONT}" height="{_FONT}" fill="{html.escape(colours[key])}"/>')
        out.append(f'<text x="{_GAP + _FONT + 6}" y="{y + _FONT / 2:.1f}" dominant-baseline="central">'
                   f"{html.escape(names.get(key, key))}</text>")
        y += _FONT + 8
    out.append("</svg>")
    return "".join(out)


def _open(title: str, width: int, height: float) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height:.0f}" '
            f'width="{width}" height="{height:.0f}" font-size="{_FONT}" fill="#222">'
            f"<title>{html.escape(title)}</title>")
