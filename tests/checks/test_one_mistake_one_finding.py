"""A single mistake is reported once, by the rule that names it, not echoed by every rule it touches."""

from __future__ import annotations

from reportlint.api import lint_bytes
from support import make_report, render


def codes(text: str) -> list[str]:
    result = lint_bytes(text.encode("utf-8"), path="r.txt")
    return sorted(d.code for d in result.diagnostics if d.severity != "info")


def test_a_wrong_title_year_is_rl404_alone_when_period_and_body_agree():
    report = make_report("2021", 2022, "某某市商务局", title_year=2023)
    text = render(report, "tab-rows")
    assert codes(text) == ["RL404"]


def test_a_wrong_statistics_period_is_rl401_alone():
    report = make_report("2021", 2022, "某某市商务局", period_year=2021)
    assert codes(render(report, "tab-rows")) == ["RL401"]


def test_a_legacy_report_is_rl503_without_the_structure_rules():
    text = (
        "某某县人民防空办公室2017年政府信息公开工作年度报告\n一、概述\n本机关认真贯彻《条例》。\n"
        "二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n"
        "五、因政府信息公开申请行政复议、提起行政诉讼的情况\n六、政府信息公开工作存在的主要问题及改进情况\n"
    )
    found = codes(text)
    assert "RL503" in found
    assert not [c for c in found if c.startswith("RL1")]
