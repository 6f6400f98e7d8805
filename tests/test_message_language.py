"""Messages in the language asked for, arguments included (--lang en)."""

from __future__ import annotations

import re

from reportlint.api import lint_bytes
from reportlint.core.config import Config

CJK = re.compile(r"[\u4e00-\u9fff]")


def messages(text: str, select: str, lang: str) -> list[str]:
    result = lint_bytes(text.encode("utf-8"), path="r.txt", config=Config(select=(select,), lang=lang))
    return [d.message for d in result.diagnostics]


def test_an_argument_worded_per_language_follows_the_message():
    text = "2021年政府信息公开工作总结\n一、总体情况\n二、主动公开政府信息情况\n"
    [en] = messages(text, "RL107", "en")
    assert en == "title: the title lacks the agency, the words '政府信息公开工作年度报告'"
    [zh] = messages(text, "RL107", "zh")
    assert zh.startswith("标题问题：标题缺少机关名称")


def test_cell_value_problems_are_english_in_english():
    text = (
        "某某市商务局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t3\t0\t-1\n"
    )
    [message] = messages(text, "RL305", "en")
    assert message.endswith("is negative")
    assert not CJK.search(message.split(":")[-1])


def outside_quotes(message: str) -> str:
    """The message without what it quotes (a report's own labels and figures stay as written)."""
    return re.sub(r"'[^']*'|\([^)]*\)|“[^”]*”", "", message)


def test_rl308_reasons_are_english_in_english():
    text = ("某某市商务局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容本年制发件数本年废止件数现行有效件数\n规章1233\n行政规范性文件000\n")
    found = messages(text, "RL308", "en")
    assert any("ran together" in m and "3 readings" in m for m in found)
    assert any("is missing" in m for m in found)
    for m in found:
        assert not CJK.search(outside_quotes(m).replace("table 二", "").replace("table 三", "").replace("table 四", "")), m


def test_unreadable_files_are_worded_in_english(tmp_path):
    from reportlint.api import lint_paths

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (tmp_path / "notice.txt").write_text("会议通知：定于下周一召开工作会议。", encoding="utf-8")
    results = lint_paths([str(tmp_path)], Config(lang="en"))
    details = {r.path.rsplit("/", 1)[-1]: r.diagnostics[0].message for r in results}
    assert details["empty.txt"].endswith("the file is empty")
    assert "damaged" in details["broken.pdf"]
    assert details["notice.txt"].endswith("no title, section or statistics table found")
    for message in details.values():
        assert not CJK.search(message), message
