"""Executable rule documentation (as pylint's doc/data/messages): every rule is documented, and each
rule's `bad` example, linted with only that rule selected, gets the rule while its `good` example does not.
Host rules (RL9xx: unreadable file, not a report, plugin error) are about files, not report text: their
examples are prose and are not linted.
"""

from __future__ import annotations

import pytest

from reportlint.api import Config, lint_bytes
from reportlint.host.registry import catalogue

RULES = list(catalogue())
LINTABLE = [r for r in RULES if not r.code.startswith("RL9") and (r.bad or r.good)]


def findings(rule, example: str) -> list[str]:
    result = lint_bytes(example.encode("utf-8"), "example.txt", Config(select=(rule.code,)))
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.summary.strip() and rule.why.strip(), "summary and why"
    assert rule.bad.strip() and rule.good.strip(), "a bad and a good example"
    assert rule.message.get("zh", "").strip(), "a Chinese message"


@pytest.mark.parametrize("rule", LINTABLE, ids=lambda r: r.code)
def test_bad_example_gets_the_rule(rule):
    assert rule.code in findings(rule, rule.bad)


@pytest.mark.parametrize("rule", LINTABLE, ids=lambda r: r.code)
def test_good_example_does_not(rule):
    assert rule.code not in findings(rule, rule.good)

