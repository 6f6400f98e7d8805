"""Which files that hold no report still look like one (issue 20): by name or by a title among the
first lines."""

from __future__ import annotations

import pytest

from reportlint.parsing import looks_like_report
from reportlint.parsing import heuristics as h


@pytest.mark.parametrize("path", [
    "reports/某某局2023年政府信息公开工作年度报告.txt", "2023年报.md", "xxgk/gkndbg_2023.html", "annual-report-2023.pdf",
    "政务公开/2022.txt".replace("/", "_"),
])
def test_a_reports_name_is_a_sign(path):
    assert looks_like_report(path)


@pytest.mark.parametrize("path", ["README.md", "requirements.txt", "docs/index.md", "docs/notes.txt", "2023.txt"])
def test_ordinary_names_are_no_sign(path):
    assert not looks_like_report(path)


@pytest.mark.parametrize("title", ["某某市商务局2023年政府信息公开工作年度报告", "## 某区2022年度政务公开工作报告",
                                   "标题: 平潭综合实验区经济发展局2022年政府信息公开年报"])
def test_a_title_among_the_first_lines_is_a_sign(title):
    assert looks_like_report("a.txt", ["", "首页 > 政务公开", title, "正文缺失"])


def test_words_of_a_report_elsewhere_are_no_title():
    lines = ["# 使用说明", "", *["本仓库的说明文字。"] * h.SIGN_LINES, "各单位的政府信息公开工作年度报告放在 reports/ 下。"]
    assert not looks_like_report("docs/index.md", lines)
    assert not looks_like_report("docs/index.md", ["# 说明", "本工具检查年度报告的格式。"])
