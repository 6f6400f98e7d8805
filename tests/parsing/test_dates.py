"""Dates, the statistics period and the 落款 (reportlint.parsing.dates)."""

import pytest

from reportlint.core.document import Document
from reportlint.parsing import build_report


def model(text: str):
    return build_report(Document.from_text("r.txt", text))


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "报告中所列数据统计期限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止。",
        "本年度报告中所列数据统计期限从2020年1月1日到12月31日止。",
        "统计时间为2020年1月1日至2020年12月31日。",
    ],
)
def test_statistics_period_in_its_usual_wordings(sentence):
    report = model(f"某局2020年政府信息公开工作年度报告\n{sentence}\n")
    start, end = report.period
    assert (start.date.isoformat(), end.date.isoformat()) == ("2020-01-01", "2020-12-31")


def test_period_with_the_year_character_lost_in_a_web_copy():
    report = model("某局2020年政府信息公开工作年度报告\n统计期限自20201月1日至202012月31日。\n")
    assert [d.isoformat() for d in (report.period[0].date, report.period[1].date)] == ["2020-01-01", "2020-12-31"]


def test_publication_date_is_the_date_standing_alone_at_the_end():
    report = model("某局2020年政府信息公开工作年度报告\n一、总体情况\n2020年3月召开会议。\n\n某局\n2021年1月14日 \n")
    assert report.published.date.isoformat() == "2021-01-14"
    assert report.published.line == 6


def test_publication_date_in_chinese_numerals():
    report = model("某局2020年政府信息公开工作年度报告\n某局\n二〇二一年一月十四日\n")
    assert report.published.date.isoformat() == "2021-01-14"


@pytest.mark.parametrize("zero", ["〇", "零", "○", "O", "Ｏ"])
def test_publication_date_in_chinese_numerals_whatever_its_zero_is_typed_as(zero):
    """二○二一年: the zero typed as a white circle (U+25CB) or a letter O, as 落款 often are."""
    report = model(f"某局2020年政府信息公开工作年度报告\n某局\n二{zero}二一年一月十四日\n")
    assert report.published.date.isoformat() == "2021-01-14"


def test_a_year_of_circles_is_no_date():
    report = model("某局2020年政府信息公开工作年度报告\n某局\nOOOO年一月十四日\n")
    assert report.published is None


def test_an_impossible_date_is_kept_with_its_position():
    report = model("某局2020年政府信息公开工作年度报告\n2021年2月30日召开会议。\n")
    bad = [d for d in report.dates if not d.valid]
    assert [(d.raw, d.line, d.column) for d in bad] == [("2021年2月30日", 2, 1)]


def test_no_publication_date_when_the_end_is_narrative():
    report = model("某局2020年政府信息公开工作年度报告\n六、其他需要报告的事项\n2020年无其他需要报告的事项。\n")
    assert report.published is None
