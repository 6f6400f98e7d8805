"""A message and its fix tell one truth (issue 13): what RL504 asks for is what its fix writes, and
``[*]`` / "可用 --fix 自动修复" appear only where --fix can write (text and Markdown, not DOCX, HTML, PDF)."""

from __future__ import annotations

import pytest

from reportlint.api import Config, lint_bytes
from support.paths import FIXTURES, SAMPLE_REPORTS


def test_rl504_asks_for_what_its_fix_writes():
    fixed = 0
    for path in sorted(SAMPLE_REPORTS.glob("*.txt")):
        for d in lint_bytes(path.read_bytes(), path.name, Config(select=("RL504",))).diagnostics:
            if d.fix is not None:
                assert d.message.endswith(f"应为“{d.fix.replacement}”"), d.message
                fixed += 1
    assert fixed >= 2


def test_rl203_asks_for_what_its_fix_writes():
    """At the first mention the full name; after it 《条例》: the message asks for what the fix writes."""
    text = ("某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n"
            "落实《信息公开条例》。\n依据《中华人民共和国政府信息公开条例》。\n学习《政府信息公开管理条例》。\n")
    found = lint_bytes(text.encode("utf-8"), "a.txt", Config(select=("RL203",))).diagnostics
    assert [d.fix.replacement for d in found] == ["《中华人民共和国政府信息公开条例》", "《条例》"]
    for d in found:
        assert d.message.endswith(f"应为“{d.fix.replacement}”"), d.message


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
def test_no_fix_is_offered_where_fix_cannot_write(suffix, run_cli):
    files = sorted((FIXTURES / "seeds").glob(f"*{suffix}"))
    result = run_cli("check", "--no-cache", *map(str, files))
    assert result.exit_code == 1 and " RL" in result.stdout
    assert "[*]" not in result.stdout and "--fix" not in result.stdout


def test_the_same_report_as_text_offers_its_fixes(run_cli):
    result = run_cli("check", "--no-cache", str(sorted(SAMPLE_REPORTS.glob("000_*.txt"))[0]))
    assert "[*]" in result.stdout and "可用 --fix 自动修复" in result.stdout
