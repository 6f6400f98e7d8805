"""RL306 and RL307 on what the prose states: every claim compared with its cells, every stated total
with its parts — in every phrasing tests/support/narrative.py writes, in every layout; a clean report
gets nothing, one figure changed gets exactly the rule for it."""

from __future__ import annotations

import pytest

from reportlint.api import lint_bytes
from reportlint.core.config import Config
from support import LAYOUTS, render
from support.mutations import TEMPLATES, clean
from support.narrative import PHRASINGS, break_breakdown, misstate, narrate, shift_outcome, shift_review_result

SEEDS = range(6)  # each seed picks other phrasings for every figure


def diagnostics(text: str, lang: str = "zh"):
    return lint_bytes(text.encode("utf-8"), "report.txt", Config(lang=lang)).diagnostics


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics(text)]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_a_narrative_that_agrees_with_its_tables_gets_nothing(template_id, layout, seed):
    assert codes(render(narrate(clean(template_id), seed).report, layout)) == []


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_each_stated_figure_changed_is_rl306_alone(template_id, layout, seed):
    narrated = narrate(clean(template_id), seed)
    for index, stated in enumerate(narrated.stated):
        found = codes(render(misstate(narrated, index), layout))
        assert found == ["RL306"], (stated.kind, stated.text, found)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_a_stated_total_off_its_parts_is_rl307_alone(template_id, layout, seed):
    narrated = narrate(clean(template_id), seed)
    assert codes(render(break_breakdown(narrated), layout)) == ["RL307"], narrated.breakdown.text


@pytest.mark.parametrize("change", [shift_outcome, shift_review_result])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_the_table_changed_under_the_text_is_rl306(template_id, layout, change):
    """The tables still add up (every identity holds); only the text no longer says what they do."""
    for seed in SEEDS:
        found = codes(render(change(narrate(clean(template_id), seed).report), layout))
        assert found and set(found) == {"RL306"}, (seed, found)


def test_every_phrasing_of_the_generator_is_used():
    used = {s.text.split("{")[0] for seed in SEEDS for t in TEMPLATES for s in narrate(clean(t), seed).stated}
    assert len(used) >= sum(len(v) for v in PHRASINGS.values()) // 2


# --- what the messages say ---------------------------------------------------------------------------


def test_rl306_names_the_sentences_figure_the_cell_and_its_value():
    narrated = narrate(clean("2021"), 0)
    index = next(i for i, s in enumerate(narrated.stated) if s.kind == "received")
    stated = narrated.stated[index]
    (d,) = diagnostics(render(misstate(narrated, index), "tab-rows"))
    assert d.message == (f"正文所述本年新收的政府信息公开申请为{stated.value + 1}件，表格为{stated.value}件"
                         "（第三部分表格“一、本年新收政府信息公开申请数量”行“总计”列）")
    (en,) = diagnostics(render(misstate(narrated, index), "tab-rows"), "en")
    assert en.message == (f"the text states {stated.value + 1} for applications received this year, the table {stated.value} "
                          "(table 3, row '一、本年新收政府信息公开申请数量', column '总计')")


def _with_sentence(sentence: str, template_id: str = "2021") -> str:
    report = clean(template_id)
    return render(report.replace_text("均在法定期限内答复。", "均在法定期限内答复。" + sentence, tables=False), "tab-rows")


def _received(template_id: str = "2021") -> int:
    from support.mutations import received_total

    return received_total(clean(template_id))


def test_a_sentence_about_another_body_says_so():
    (d,) = diagnostics(_with_sentence(f"区政府办公室共收到政府信息公开申请{_received() + 30}件。"))
    assert d.code == "RL306" and d.severity == "warning" and "该句所述为“区政府办公室”" in d.message


def test_a_figure_that_is_one_columns_is_said_to_be():
    report = clean("2021")
    natural = report.values[("三", "一、本年新收政府信息公开申请数量", "自然人")]
    assert natural != _received()
    (d,) = diagnostics(_with_sentence(f"全年共受理政府信息公开申请{natural}件。"))
    assert f"{natural}是“自然人”一列的数字，不是总计" in d.message


def test_all_concluded_against_applications_carried_over_is_rl306():
    report = clean("2021")
    assert report.values[("三", "四、结转下年度继续办理", "总计")] > 0
    (d,) = diagnostics(_with_sentence("所有申请均已按时办结。"))
    assert d.code == "RL306" and "结转下年度继续办理的申请为0件" in d.message


# --- claims are compared only with cells that were read ----------------------------------------------


def test_a_claim_on_a_blank_cell_is_not_compared():
    report = clean("2021").with_cell(("三", "一、本年新收政府信息公开申请数量", "总计"), None)
    text = render(report.replace_text("均在法定期限内答复。", "均在法定期限内答复。全年共收到政府信息公开申请999件。", tables=False), "tab-rows")
    assert "RL306" not in codes(text)


def test_a_claim_on_a_missing_row_is_not_compared():
    report = clean("2021").without_row("三", "（一）予以公开")
    text = render(report.replace_text("均在法定期限内答复。", "均在法定期限内答复。予以公开999件。", tables=False), "tab-rows")
    assert "RL306" not in codes(text)


# --- RL307 ---------------------------------------------------------------------------------------------

BREAKDOWNS_OFF = [
    "全年共公开信息50条。其中，政策文件12条，工作动态30条，通知公告7条。",  # across two sentences
    "通过门户网站发布信息420条，其中主动公开260份，依申请公开170份。",  # the counting word changes
    "主动公开政府信息150条，机构职能类信息3条，政策文件类信息40条，其他应主动公开的政府信息9条。",  # closed by its residual
    "全年主动公开信息数156条，其中机关职能类信息12条，行政许可类信息0条；突发事件类信息47条；环境保护类信息33条；其他应主动公开的政府信息45条。",
    "全年公开信息500条，其中政策文件300条，占60%，工作动态250条，占50%。",  # shares of this total, parts over it
    # the list ends at the semicolon before another channel's clause, whose figures are no parts
    "在门户网站公开信息90条，其中包括：政策文件20条、工作动态45条、通知公告30条；通过政务服务网公布办事指南40条，通过信用平台公示许可信息300条。",
    # parts over the total before a figure in another counting word: over it whatever comes after
    "全年公开信息80条，其中政策文件50条，工作动态40条，新开设专栏2个，通知公告5条。",
    # a remainder given with its figure is a part like any other
    "全年受理申请60件，其中予以公开30件，不予公开10件，其余15件告知通过其他途径办理。",
    # the parts so far make the total, but no semicolon closes the clause: the list goes on
    "全年公开信息90条，其中政策文件60条，工作动态30条，通知公告20条。",
    # a figure in another counting word after a semicolon is another clause's: the list is whole
    "全年主动公开信息140条，其中规划类2条，许可类5条，保障类11条，应急类20条，其他类96条；办理依申请公开3件。",
    # a later part that happens to sum the parts after it: the list is still the total's
    "全年共发布信息40条，其中政策文件15条，工作动态9条，通知公告6条，人事信息3条。",
    # a visit count after the last part ends nothing: the parts fall short of the total
    "全年公开信息300条，其中政策文件120条，工作动态90条，通知公告60条，网站访问量12.5万人次。",
    # the parts before a visit count already exceed the total: over it whatever comes after
    "全年公开信息100条，其中政策文件70条，工作动态50条，网站访问量3万人次，通知公告6条。",
    # a rough figure elsewhere in the sentence leaves an exact total exact
    "网站浏览量约5万次，全年公开信息200条，其中政策文件50条，工作动态60条，通知公告70条。",
]


@pytest.mark.parametrize("sentence", BREAKDOWNS_OFF)
def test_a_breakdown_that_does_not_add_up_is_rl307(sentence):
    assert codes(_with_sentence(sentence)).count("RL307") == 1


BREAKDOWNS_FINE = [
    "今年我局共制作政务信息514条，主动公开政府信息514条，未收到信息公开申请。其中机构职能类信息1条，政策文件信息4条，其他应主动公开政府信息509条。",
    "共发布795篇公众号信息，其中原创类信息210篇。",  # one part only
    "2020年我局主动公开信息141条，历年累计主动公开191条。",  # a cumulative figure
    "全年公开信息500条，其中政策文件190条，占全部的38%，另有转载信息50条，占转载总量的20%。",  # a share of another total
    "累计主动公开政府信息251条。其中，项目审批信息191条，行政规范性文件3条。",  # some parts named, not all
    "今年共公开政府信息60条，其中规范性文件25件，工作动态20条，通知公告10条，人事信息5条。",  # 件 among 条
    "全年共受理政府信息公开申请52件，含上年结转4件，已答复50件，结转下年度2件，另协助办理8件。",  # 含 one part
    # another channel after the semicolon counts beside the total
    "在门户网站发布信息120条，其中工作动态80条，通知公告30条，政策解读10条；在微信公众号推送信息95条；在政务微博发布信息40条。",
    # the list ends at a figure in another counting word: what follows it is another measure
    "截至年底累计公开政府信息9800条，其中动态信息5200条，目录信息4580条，新开设专栏5个，发布解读信息36条，回应关切2次。",
    # a rough part (400余条): no exact sum; the next 其中 breaks down a part, not the total
    "全年主动公开政府信息6500条。其中，通过市级网站公开1800条，通过县门户网站发布4200条，通过新闻媒体公开400余条。其中县门户网站发布政策文件1500条，工作动态2700条。",
    "全年发布信息300条，其中政策文件约120条，工作动态150条，通知公告60条。",  # 约: a rough part
    # the list ends at a remainder named without a figure; the clause after the semicolon is another
    "全年受理依申请公开240件，其中9件结转下一年度办理，其余均按期答复；涉及行政复议2件，行政诉讼5件。",
    # the parts so far make the total and a semicolon closes the clause: what follows is another count
    "政务微博共发布信息260条，其中原创信息40条，转发信息220条；收到网民留言17条，均已回复。",
    # the first part sums the parts after it: the list breaks down that part, not the total
    "全年共收到申请52件，其中45件已办结，答复38件，申请人撤回7件。",
    # the list goes on past its 条 with a figure in another counting word: it counts more than its 条
    "门户网站共发布信息4120条，其中工作动态1500条，通知公告600条，政策解读90条，回应关切12次，公开政府公报4期，信箱来信310件。",
    # the parts in 条 make the total; the list goes on in 份 and 篇 (documents, readings): other counts
    "全年通过门户网站主动公开信息4210条，其中重点领域信息2650条，其他信息1560条，主动公开文件312份，发布政策解读9篇。",
    # a visit count (万人次) ends the list of items: the 留言 after the semicolon are another count
    "全年通过网站主动公开信息5200条，其中政策解读180条，网站总访问量236.5万人次，日最高访问量1.8万人次；受理网民留言95条，公开答复35条、电话答复60条。",
    # a rough total (约2100条): no exact sum to compare the parts with
    "全年门户网站共发布信息约2100条，其中工作动态720条，通知公告150条；涵盖审批、服务等方面，发布政策解读12条。",
]


@pytest.mark.parametrize("sentence", BREAKDOWNS_FINE)
def test_a_list_that_is_no_whole_breakdown_is_not_rl307(sentence):
    assert "RL307" not in codes(_with_sentence(sentence))


def test_an_outcome_list_is_checked_against_its_answered_total_where_the_table_cannot_say():
    report = clean("2021").without_row("三", "（七）总计")
    sentence = "已答复申请80件，予以公开50件、不予公开10件、无法提供10件、不予处理5件。"
    found = [d for d in diagnostics(render(report.replace_text("均在法定期限内答复。", sentence, tables=False), "tab-rows"))
             if d.code == "RL307"]
    assert [d.message for d in found] == ["总数80件与所列分项之和不符：50+10+10+5=75"]


def test_a_fee_stated_in_yuan_is_compared_in_the_tables_wan_yuan():
    report = clean("2021")
    fee = report.values[("二", "行政事业性收费", "本年收费金额（单位：万元）")]
    from decimal import Decimal

    yuan = int(Decimal(fee) * 10000)
    assert "RL306" not in codes(_with_sentence(f"本年度共收取行政事业性收费{yuan}元。"))
    (d,) = [d for d in diagnostics(_with_sentence(f"本年度共收取行政事业性收费{yuan + 10000}元。")) if d.code == "RL306"]
    assert d.message.startswith(f"正文所述本年行政事业性收费金额（万元）为{Decimal(yuan + 10000) / 10000}万元")
