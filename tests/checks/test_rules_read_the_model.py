"""The rules read the model, never the lines: every built-in check gives the same findings on a
report whose ``lines`` (and so ``section_lines``) cannot be read at all."""

from __future__ import annotations

import pytest

from reportlint.core.config import Config
from reportlint.core.document import Document
from reportlint.host import registry
from reportlint.host.plugins import get_plugin_manager
from reportlint.parsing import build_report
from support.golden import corpus


class _Unreadable(tuple):
    """Lines no rule may read: any access fails the test."""

    def _fail(self, *args, **kwargs):
        raise AssertionError("a rule read Report.lines")

    __getitem__ = __iter__ = __len__ = __contains__ = _fail


def _findings(report, config):
    hook = get_plugin_manager().hook
    found = [f for result in hook.reportlint_check(report=report, config=config) for f in (result or ())]
    digests = hook.reportlint_digest(report=report, config=config)
    return [tuple(f) for f in found], digests


def _reports():
    for name, path, data in corpus():
        if name.startswith(("sample/", "real/", "collected/")) and path.endswith(".txt") or name.endswith(("/00-RL101", "/clean")):
            yield name, Document.from_text(path, data.decode("utf-8"))


@pytest.mark.parametrize("name,document", list(_reports())[::7], ids=lambda x: x if isinstance(x, str) else "")
def test_the_rules_give_the_same_findings_without_the_lines(name, document):
    config = registry.effective(Config())
    report = build_report(document, registry.templates())
    assert report.tokens, "a report with text has tokens"
    expected = _findings(report, config)
    assert _findings(report._replace(lines=_Unreadable()), config) == expected
