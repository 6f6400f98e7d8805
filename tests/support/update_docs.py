"""Rewrite what is made from declarations: README.md's settings table (from the settings) and the rule
pages ``docs/rules/CODE.md`` (from the catalogue): ``python tests/support/update_docs.py``
(tests/cli/test_settings_table.py and tests/core/test_rule_docs.py say when it is due)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
RULE_PAGES = REPO / "docs" / "rules"
TABLE = re.compile(r"(<!-- settings-table:[^\n]*-->\n)(.*?)(<!-- /settings-table -->)", re.S)


def rule_pages() -> dict[str, str]:
    """{file name: text} of every built-in rule's page: Chinese, then English, then the index."""
    from reportlint.host.registry import catalogue

    rules = [rule for rule in catalogue() if rule.plugin == "reportlint"]
    pages = {f"{rule.code}.md": f"{rule.markdown('zh')}\n---\n\n{rule.markdown('en')}" for rule in rules}
    index = ["# Rules · 规则", "", "Made by `python tests/support/update_docs.py` from `rules/catalogue/*.toml`.", "",
             "| code | name | severity | summary |", "|---|---|---|---|"]
    index += [f"| [{r.code}]({r.code}.md) | {r.name} | {r.severity} | {r.short_description('en')} |" for r in rules]
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def main() -> None:
    sys.path.insert(0, str(REPO / "src"))
    from reportlint.host.config import settings_table

    text = README.read_text(encoding="utf-8")
    README.write_text(TABLE.sub(lambda m: m.group(1) + settings_table() + m.group(3), text), encoding="utf-8")
    RULE_PAGES.mkdir(parents=True, exist_ok=True)
    pages = rule_pages()
    for stale in RULE_PAGES.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, page in pages.items():
        (RULE_PAGES / name).write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
