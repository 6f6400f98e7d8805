"""RL405: a plan in section 五 names the next year. A year followed by a marker of the future
(rules/data/plans.toml) starts a plan; the report's own year there is last year's plan copied forward;
将 as a preposition says what was done."""

from __future__ import annotations

import pytest

from reportlint.api import lint_bytes
from reportlint.core.config import Config

REPORT = "某某市商务局2021年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n{}\n"


def plan_years(sentence: str) -> list[str]:
    result = lint_bytes(REPORT.format(sentence).encode("utf-8"), "r.txt", Config(select=("RL405",)))
    return [d.message for d in result.diagnostics]


@pytest.mark.parametrize("sentence", [
    "2021年，我局将进一步加强政府信息公开工作，不断提升公开质量。",
    "2021年，我局将继续深化政务公开，做好政策解读工作。",
    "2021年，我局将坚持以公开为常态、不公开为例外。",
    "2021年，本机关计划开展政务公开培训两次，提升业务能力。",
    "2023年，我局将进一步丰富解读形式，提升政府信息公开质量。",
    "2021年工作计划：进一步规范依申请公开办理。",  # last year's plan heading kept
    "2021年度计划是进一步规范依申请公开办理。",
])
def test_a_plan_for_another_year_than_the_next_is_rl405(sentence):
    (message,) = plan_years(sentence)
    assert message.startswith(f"改进计划写的是{sentence[:4]}年") and message.endswith("应为下一年度2022年")


@pytest.mark.parametrize("sentence", [
    "2022年，我局将进一步加强政府信息公开工作，不断提升公开质量。",
    "2021年，我局将政务公开工作纳入年度绩效考核，取得一定成效。",  # 将 as a preposition: done, no plan
    "2021年，我局将政府信息公开列入重要议事日程。",
    "2021年，我局政府信息公开工作取得一定成绩，但还存在以下问题和不足。",
    "2021年以来，我局继续加强政府信息公开工作。",  # 继续 alone tells what was done
    "2021年，我局按照计划完成了年初确定的培训任务。",  # 计划 a noun
    "2021年，我局年度计划执行良好。",
    "对照2021年度工作要点，我局将继续加强政策解读。",  # the year names a document
    "针对2021年工作中的不足，我局将进一步加强培训。",
    "在2021年工作基础上，我局将进一步完善制度。",  # the year is the plan's basis
])
def test_a_statement_of_what_was_done_or_a_plan_for_next_year_is_not(sentence):
    assert plan_years(sentence) == []


def test_a_plan_wrapped_over_lines_is_read_as_one_sentence():
    assert plan_years("针对上述问题，2021年，我局将\n进一步加强政府信息公开工作，不断提升公开质量。") != []
