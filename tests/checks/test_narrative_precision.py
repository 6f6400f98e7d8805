"""Narrative rules must be precise: a report with no contradiction gets none (RL202, RL306, RL307)."""

from __future__ import annotations

import pytest

from reportlint.api import lint_bytes
from reportlint.core.config import Config

TABLE4 = (
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
    "1 0 0 0 1 0 0 0 0 0 2 0 0 0 2\n"
)


def codes(text: str, select: str) -> list[str]:
    report = "某某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n" + text + "\n" + TABLE4
    result = lint_bytes(report.encode("utf-8"), path="r.txt", config=Config(select=(select,)))
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年在政务微博发布第100条信息。",
        "依据《保守国家秘密法》第四十八条规定做好保密审查。",
        "严格执行保密法第五十八条。",
    ],
)
def test_numbers_that_are_not_articles_of_the_regulation_are_not_rl202(sentence):
    assert codes(sentence, "RL202") == []


def test_an_article_beyond_the_regulation_is_rl202():
    assert codes("根据《条例》第五十七条规定。", "RL202") == ["RL202"]


@pytest.mark.parametrize(
    "sentence",
    [
        "行政复议结果维持1件。",
        "因政府信息公开被申请行政复议1件、提起行政诉讼2件。",
        "行政诉讼 2 件，其中结果维持 2 件。",
    ],
)
def test_figures_that_agree_with_table_four_or_name_a_part_are_not_rl306(sentence):
    assert codes(sentence, "RL306") == []


def test_a_review_count_that_contradicts_table_four_is_rl306():
    assert codes("全年被申请行政复议3件。", "RL306") == ["RL306"]


@pytest.mark.parametrize(
    "sentence",
    [
        "主动公开政府信息共计726条。通过网站发布317条，通过微信发布49条，其他渠道发布360条。",
        "共计100条，其中规范性文件10条。",
        "主动公开政府信息共计100条，其中规范性文件10条、工作动态60条、通知公告30条。",
    ],
)
def test_totals_whose_parts_add_up_or_are_not_listed_in_full_are_not_rl307(sentence):
    assert codes(sentence, "RL307") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "主动公开政府信息共计1,000条，其中政策文件600条、工作动态300条、通知公告100条。",
        "主动公开政府信息共计1，000条，其中政策文件600条、工作动态300条、通知公告100条。",
        "主动公开政府信息共计12,000条，其中政策文件6,000条、工作动态4,000条、通知公告2,000条。",
    ],
)
def test_a_total_with_its_thousands_grouped_is_read_whole_not_rl307(sentence):
    """1,000条 is a thousand, not the 000条 after a comma (which made 0 ≠ 600+300+100)."""
    assert codes(sentence, "RL307") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "主动公开政府信息共计1,200条，其中政策文件600条、工作动态300条、通知公告200条。",
        "主动公开政府信息共计12，000条，其中政策文件6，000条、工作动态3,000条、通知公告2,000条。",
    ],
)
def test_a_total_with_its_thousands_grouped_that_its_parts_miss_is_rl307(sentence):
    assert codes(sentence, "RL307") == ["RL307"]


def test_a_total_with_a_space_inside_is_not_read():
    """1 000条: the 000条 after the space is the tail of a number written otherwise, not a total of 0
    (it warned 0 ≠ 600+300+100); nor is the number guessed: no RL307 either way."""
    assert codes("主动公开政府信息共计1 200条，其中政策文件600条、工作动态300条、通知公告200条。", "RL307") == []


def test_a_grouped_figure_in_another_counting_word_among_the_parts_is_read():
    """工作动态1,200个 among a list of 条: read as 1200 (it crashed the arithmetic rules: RL903)."""
    report = "某某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息共计3000条，其中规范性文件100条、工作动态1,200个、通知公告500条。\n"
    assert [d.code for d in lint_bytes(report.encode("utf-8"), path="r.txt").diagnostics if d.code.startswith("RL9")] == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a closing figure in another counting word is a clause of its own, not more of the list
        "主动公开政府信息共计100条，其中规范性文件10条、工作动态50条、通知公告30条，组织培训3次。",
        # a named first part that happens to equal the rest's sum is a part (其中33件已办结… is not)
        "主动公开政府信息共计120条，其中规范性文件50条、工作动态40条、通知公告10条。",
    ],
)
def test_a_list_that_misses_its_total_stays_rl307_beside_the_lists_that_end_early(sentence):
    assert codes(sentence, "RL307") == ["RL307"]
