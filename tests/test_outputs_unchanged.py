"""No finding changes unless a change means it to: every report of the golden corpus (the samples,
the real corpus, the seeds as DOCX/HTML/PDF, and some 700 generated reports in every layout, clean
and with every mutation) gives exactly the findings recorded in tests/fixtures/golden/findings.json.

A speed-up or a reorganisation must leave this test green. When findings change on purpose, rewrite
the file with ``python tests/support/golden.py`` and say why in the commit.
"""

from __future__ import annotations

import json

import pytest

from support.golden import GOLDEN, corpus, findings


@pytest.mark.slow
def test_every_report_of_the_golden_corpus_gives_the_recorded_findings():
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = {}
    seen = set()
    for name, path, data in corpus():
        seen.add(name)
        now = findings(path, data)
        if now != recorded.get(name):
            changed[name] = {"recorded": recorded.get(name), "now": now}
    assert seen == set(recorded), f"the golden corpus changed: {sorted(seen ^ set(recorded))[:10]}"
    assert not changed, f"{len(changed)} reports changed findings, e.g. " + json.dumps(dict(list(changed.items())[:3]), ensure_ascii=False, indent=1)
