"""flake8-style lines, ``path:line:col: CODE [*] message``, for people and for editors' problem matchers."""

from __future__ import annotations

import unicodedata

from reportlint.core.diagnostic import FileResult
from reportlint.formatters import Formatter, Summary, printable

_SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


class TextFormatter(Formatter):
    name = "text"

    def file(self, result: FileResult) -> None:
        if not result.diagnostics:
            return
        path = printable(result.path)  # one file's lines are written at once
        out = []
        for d in result.diagnostics:
            marker = " [*]" if d.fix else ""
            where = f" ({printable(d.location)})" if d.location else ""
            out.append(f"{path}:{d.line}:{d.column}: {d.code}{marker} {printable(d.message)}{where}\n")
            if self.config.show_source and result.lines and d.line <= len(result.lines):
                out.append(source_excerpt(result.lines[d.line - 1], d.line, d.column, d.end_line, d.end_column))
        self.write("".join(out))

    def finish(self, summary: Summary) -> None:
        if self.config.statistics and summary.by_code:
            for code, count in sorted(summary.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
                rule = self.catalogue.by_code.get(code)
                fixable = " [*]" if rule is not None and rule.fixable else "    "
                self.write(f"{count:<5} {code}{fixable} {rule.name if rule else ''}\n")
        if self.config.quiet:
            return
        self.write(summary_line(summary, self.config.lang) + "\n")


def summary_line(summary: Summary, lang: str) -> str:
    words = _SEVERITY_WORDS[lang]
    counts = [(summary.by_severity.get(s, 0), words[s]) for s in ("error", "warning", "info")]
    if lang == "zh":
        parts = "，".join(f"{n} 个{w}" for n, w in counts if n)
        line = f"检查了 {summary.files} 个文件：" + (f"发现 {summary.problems} 个问题（{parts}）。" if summary.problems else "未发现问题。")
        if summary.fixed:
            line += f"已修复 {summary.fixed} 处。"
        if summary.fixable:
            line += f"其中 {summary.fixable} 个 [*] 可用 --fix 自动修复。"
        return line
    parts = ", ".join(f"{n} {w}{'s' if n != 1 and w != 'info' else ''}" for n, w in counts if n)
    line = f"Checked {summary.files} file{'s' if summary.files != 1 else ''}: " + (
        f"found {summary.problems} problem{'s' if summary.problems != 1 else ''} ({parts})." if summary.problems else "no problems."
    )
    if summary.fixed:
        line += f" Fixed {summary.fixed}."
    if summary.fixable:
        line += f" {summary.fixable} [*] fixable with --fix."
    return line


#: A line longer than this (a web page saved on one line) is shown as a window around the finding,
#: this many characters either side.
_LONG_LINE = 120
_CONTEXT = 30


def source_excerpt(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The line and a caret under the finding, aligned for wide (CJK) characters; of a long line,
    the part around the finding."""
    gutter = f"{line:>5} | "
    start = min(max(column - 1, 0), len(text))
    stop = end_column - 1 if end_line == line else len(text)
    stop = min(max(stop, start + 1), max(len(text), start + 1))
    shown, lead = text, 0
    if len(text) > _LONG_LINE:
        stop = min(stop, start + _LONG_LINE)
        lo, hi = max(0, start - _CONTEXT), min(len(text), stop + _CONTEXT)
        before, after = ("…" if lo else ""), ("…" if hi < len(text) else "")
        shown, lead = before + text[lo:hi] + after, lo - len(before)
    pad = display_width(printable(shown[: start - lead]))
    width = max(1, display_width(printable(text[start:stop])))
    return f"{gutter}{printable(shown)}\n{' ' * 5} | {' ' * pad}{'^' * width}\n"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
