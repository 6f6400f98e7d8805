"""Executable rule documentation (as pylint's doc/data/messages): every rule is documented, and each
rule's `bad` example, linted with only that rule selected, gets the rule while its `good` example does not.
Host rules (RL9xx: unreadable file, not a report, plugin error) are about files, not report text: their
examples are prose and are not linted. Run-level rules (RL7xx) compare reports: their examples are several
files, each starting with a line ``# file: NAME``, linted together as one run.
"""

from __future__ import annotations

import pytest

import re

from reportlint.api import Config, lint_bytes, lint_paths
from reportlint.host.registry import catalogue

RULES = list(catalogue())
LINTABLE = [r for r in RULES if not r.code.startswith("RL9") and (r.bad or r.good)]


_FILE_LINE = re.compile(r"^# file: (\S+)\n", re.M)


def example_files(example: str) -> dict[str, str]:
    """Split a multi-file example at its ``# file: NAME`` lines ({} when it is one report)."""
    parts = _FILE_LINE.split(example)
    return dict(zip(parts[1::2], parts[2::2]))


def findings(rule, example: str, tmp_path) -> list[str]:
    config = Config(select=(rule.code,))
    files = example_files(example)
    if not files:
        result = lint_bytes(example.encode("utf-8"), "example.txt", config)
        return [d.code for d in result.diagnostics]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [d.code for r in lint_paths([str(tmp_path)], config) for d in r.diagnostics]


def test_example_files_split():
    assert example_files("# file: a.txt\nx\n# file: b.txt\ny\n") == {"a.txt": "x\n", "b.txt": "y\n"}
    assert example_files("一、总体情况\n") == {}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    for lang in ("zh", "en"):
        assert rule.text("summary", lang).strip() and rule.text("why", lang).strip(), f"summary and why in {lang}"
    assert rule.bad.strip() and rule.good.strip(), "a bad and a good example"
    assert rule.message.get("zh", "").strip(), "a Chinese message"


@pytest.mark.parametrize("rule", LINTABLE, ids=lambda r: r.code)
def test_bad_example_gets_the_rule(rule, tmp_path):
    assert rule.code in findings(rule, rule.bad, tmp_path)


@pytest.mark.parametrize("rule", LINTABLE, ids=lambda r: r.code)
def test_good_example_does_not(rule, tmp_path):
    assert rule.code not in findings(rule, rule.good, tmp_path)



def test_the_rule_pages_are_the_ones_the_catalogue_makes():
    from support.paths import REPO
    from support.update_docs import rule_pages

    folder = REPO / "docs" / "rules"
    expected = rule_pages()
    found = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")} if folder.is_dir() else {}
    assert found == expected, "docs/rules/ is out of date: run python tests/support/update_docs.py"
