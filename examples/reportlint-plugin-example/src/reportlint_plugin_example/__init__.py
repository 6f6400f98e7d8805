"""An example reportlint plugin: rule EX101, the report names no contact for disclosure enquiries.

Three hooks make a rule plugin: ``reportlint_rules`` declares the rule (its code prefix, ``EX``,
is this plugin's own), ``reportlint_add_options`` declares the settings users may put under
``[tool.reportlint.example]`` (``example`` is the entry-point name), and ``reportlint_check``
yields findings for one report. The host adds name, severity and message from the declaration,
so the check yields only a code, a position and the message's arguments.
"""

from __future__ import annotations

from reportlint import hookimpl
from reportlint.core.diagnostic import Finding

PLUGIN = "example"  # the entry-point name in pyproject.toml: [tool.reportlint.example]
DEFAULT_KEYWORDS = ["联系电话", "联系方式", "咨询电话"]


@hookimpl
def reportlint_rules():
    return [
        {
            "code": "EX101",
            "name": "contact-missing",
            "severity": "warning",
            "message": {
                "zh": "报告未写明政府信息公开咨询的联系方式（应含：{keywords}）",
                "en": "the report gives no contact for disclosure enquiries (expected one of: {keywords})",
            },
            "summary": "报告全文没有出现联系电话、联系方式等字样。",
            "why": "本省要求年度报告写明公众咨询政府信息公开事项的电话或地址，便于社会监督。",
            "bad": "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n……",
            "good": "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n……\n联系电话：0000-1234567",
        }
    ]


@hookimpl
def reportlint_add_options():
    return {"keywords": DEFAULT_KEYWORDS}


@hookimpl
def reportlint_check(report, config):
    keywords = config.plugin_options(PLUGIN)["keywords"]
    if any(keyword in line for line in report.lines for keyword in keywords):
        return
    # Point at the last line with text: where a report's contact details belong.
    last = max((n for n, line in enumerate(report.lines, 1) if line.strip()), default=1)
    yield Finding("EX101", last, 1, args={"keywords": "、".join(keywords)}, end_column=len(report.lines[last - 1]) + 1)
