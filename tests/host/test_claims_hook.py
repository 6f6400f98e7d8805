"""A plugin adds phrases to the claim lexicon (reportlint_claims): RL306 then compares what they
state with the tables; a malformed entry is a clear error naming the plugin."""

from __future__ import annotations

import pytest

from reportlint import hookimpl
from reportlint.api import lint_bytes
from reportlint.core.catalogue import CatalogueError
from reportlint.host import registry
from support import render
from support.mutations import clean, received_total


class Hotline:
    @hookimpl
    def reportlint_claims(self):
        return [{"id": "hotline", "role": "head",
                 "what": {"zh": "12345热线转办的申请", "en": "applications from the 12345 hotline"},
                 "cells": ["三|一、本年新收政府信息公开申请数量|总计"],
                 "phrases": ["12345热线转办(?:的)?(?:政府信息公开)?申请"]}]


def report_saying(sentence: str) -> bytes:
    return render(clean("2021").replace_text("均在法定期限内答复。", "均在法定期限内答复。" + sentence, tables=False), "tab-rows").encode()


def test_a_plugins_phrase_is_compared_with_the_table(add_plugin):
    wrong = received_total(clean("2021")) + 5
    data = report_saying(f"全年经12345热线转办的政府信息公开申请共{wrong}件。")
    assert [d.code for d in lint_bytes(data, "r.txt").diagnostics] == []  # no such phrase: no claim
    add_plugin(Hotline(), name="hotline", dist="reportlint-jiangsu")
    (d,) = lint_bytes(data, "r.txt").diagnostics
    assert d.code == "RL306" and d.message.startswith(f"正文所述12345热线转办的申请为{wrong}件")
    assert any(k.id == "hotline" and k.plugin == "reportlint-jiangsu" for k in registry.lexicon().kinds)


def test_a_malformed_phrase_is_an_error_naming_the_plugin(add_plugin):
    class Broken:
        @hookimpl
        def reportlint_claims(self):
            return [{"id": "x", "role": "head", "what": "x", "phrases": ["(unclosed"], "cells": ["三|a|b"]}]

    add_plugin(Broken(), name="broken", dist="reportlint-broken")
    with pytest.raises(CatalogueError, match="broken.*reportlint_claims"):
        registry.lexicon()
