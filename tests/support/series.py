"""One agency's reports over several years, consistent from year to year — last year's 结转下年度
is this year's 上年结转, 现行有效件数 follows 制发 and 废止, section 五 says something new each year —
with one link broken on request (tests/checks/test_chains.py)."""

from __future__ import annotations

import random
from typing import Iterable

from support.generator import make_report, render, table3_layout, table3_values, template

#: Section 五 of each year: different problems, different plans (each well over 60 characters).
PROBLEMS = [
    ["一是政策解读的形式还比较单一，图解、视频等群众喜闻乐见的解读方式运用不多；二是个别栏目更新不够及时。",
     "下一步将丰富解读形式，多用图解和短视频解读政策，加强栏目日常维护，确保信息准确及时。"],
    ["依申请公开答复中，个别答复书引用条款不够准确，说理不够充分，答复的规范性有待提高。",
     "明年将组织答复文书专项培训，建立答复文书集体审核制度，逐件复核引用条款，提高答复质量。"],
    ["政务新媒体与门户网站发布内容存在不同步的情况，部分信息发布滞后，群众获取信息不够便利。",
     "将建立新媒体与网站同步发布机制，明确专人负责审核发布，缩短发布周期，方便群众查阅。"],
    ["基层政务公开标准目录的动态调整不够，部分事项要素不全，目录与实际公开内容衔接不紧。",
     "将对照上级最新标准目录逐项梳理补充，每季度开展一次自查，发现问题立即整改并通报结果。"],
    ["政府信息公开工作人员变动频繁，业务能力参差不齐，培训覆盖面不够，工作衔接存在断档。",
     "将把信息公开纳入新进人员岗前培训，全年至少组织两次业务轮训，并建立工作交接清单。"],
    ["重点领域信息公开的深度不够，对群众关切的回应还不够主动，解读材料的针对性不强。",
     "将围绕民生领域梳理公开清单，对热点问题及时发布权威信息和政策解读，主动回应社会关切。"],
]


def series(agency: str, years: Iterable[int], *, seed: int = 7, layout: str = "tab-rows", template_for=None,
           broken_carry: int | None = None, broken_valid: int | None = None, copied_problems: int | None = None,
           problems_from: int = 0) -> dict[str, str]:
    """``{year: text}`` of the agency's reports; ``broken_carry``/``broken_valid``/``copied_problems``
    name the year whose link to the year before is broken; ``problems_from`` where in
    :data:`PROBLEMS` its section 五 texts start (another agency says other things)."""
    rng = random.Random(seed)
    files = {}
    carried = None  # last year's 结转下年度, per applicant column
    valid = {"规章": rng.randint(0, 5), "行政规范性文件": rng.randint(5, 20)}
    for n, year in enumerate(years):
        template_id = (template_for or (lambda y: "2021" if y >= 2021 else "2019"))(year)
        t = template(template_id)
        lay = table3_layout(t)
        outcomes = {(row, col): rng.choice((0, 1, 2, 3)) if i < 6 else 0
                    for i, row in enumerate(lay.outcomes) for col in lay.applicants}
        carried_in = carried or {c: rng.choice((0, 1)) for c in lay.applicants}
        if year == broken_carry:
            carried_in = {**carried_in, lay.applicants[0]: carried_in[lay.applicants[0]] + 1}
        carried_out = {c: rng.choice((0, 0, 1, 2)) for c in lay.applicants}
        for c in lay.applicants:  # 办理结果 + 结转下年度 must cover what was carried in
            first = (lay.outcomes[0], c)
            outcomes[first] = max(outcomes[first], carried_in[c])
        values = dict(table3_values(t, outcomes, carried_in, carried_out))
        if template_id == "2021":
            block = t.table2[0]
            made_col, repealed_col, valid_col = (c.label for c in block.columns)
            for row in block.rows:
                made, repealed = rng.randint(0, 4), rng.randint(0, min(2, valid[row.label]))
                valid[row.label] = valid[row.label] + made - repealed
                if year == broken_valid and row.label == "行政规范性文件":
                    valid[row.label] += 1  # one document too many, and counted on from then: one link broken
                values.update({("二", row.key, made_col): made, ("二", row.key, repealed_col): repealed,
                               ("二", row.key, valid_col): valid[row.label]})
        problems = PROBLEMS[(problems_from + (n - 1 if year == copied_problems else n)) % len(PROBLEMS)]
        report = make_report(template_id, year, agency, values, problems=problems)
        files[year] = render(report, layout)
        carried = carried_out
    return files
