"""A rule's documentation page, in ruff's fixed sections, from the catalogue's fields.

One text serves ``reportlint rule CODE``, SARIF's rule help and the docs, so they cannot disagree.
"""

from __future__ import annotations

from reportlint.catalogue import Rule

_HEADINGS = {
    "zh": ("作用", "为什么", "错误示例", "正确示例", "修复安全性", "严重程度", "插件", "可自动修复", "是", "否", "消息"),
    "en": ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Severity", "Plugin",
           "Fixable", "yes", "no", "Message"),
}


def rule_markdown(rule: Rule, lang: str = "zh") -> str:
    what, why, bad, good, safety, severity, plugin, fixable, yes, no, message = _HEADINGS[lang]
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"{severity}: {rule.severity} · {plugin}: {rule.plugin} · {fixable}: {yes if rule.fixable else no}",
        "",
        f"{message}: {rule.message.get(lang) or rule.message['zh']}",
    ]
    for heading, body, fenced in ((what, rule.summary, False), (why, rule.why, False), (bad, rule.bad, True), (good, rule.good, True)):
        if body:
            parts += ["", f"## {heading}", "", f"```\n{body.strip()}\n```" if fenced else body.strip()]
    if rule.fixable or rule.fix_safety:
        parts += ["", f"## {safety}", "", rule.fix_safety.strip() or (yes if rule.fixable else no)]
    return "\n".join(parts) + "\n"
