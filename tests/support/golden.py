"""The golden corpus: every report whose findings must not change when the code is only made
faster or reorganised — the sample reports, the real corpus, the seeds as DOCX/HTML/PDF, and
generated reports (each format, each layout, clean and with every mutation, plain and as copied).

``python tests/support/golden.py`` writes ``tests/fixtures/golden/findings.json`` from the current
code; ``tests/test_outputs_unchanged.py`` compares against it. Rewrite the file only when a change of
findings is intended, and say why in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

if __name__ == "__main__":  # run as a script: make the test helpers importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlint.api import Config, lint_bytes
from support.mutations import COPIED, MUTATIONS, clean
from support.narrative import break_breakdown, misstate, narrate
from support.generator import render
from support.paths import FIXTURES, SAMPLE_REPORTS

GOLDEN = FIXTURES / "golden" / "findings.json"
#: Every rule, in English (the message text is compared too).
CONFIG = Config(lang="en")


def corpus() -> Iterator[tuple[str, str, bytes]]:
    """(name, path the file is linted under, its bytes)."""
    for path in sorted(SAMPLE_REPORTS.glob("*.txt")):
        yield f"sample/{path.name}", path.name, path.read_bytes()
    for folder in ("real", "seeds", "collected"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix in (".txt", ".pdf", ".docx", ".html"):
                yield f"{folder}/{path.name}", path.name, path.read_bytes()
    layouts = ("cell-per-line", "tab-rows", "space-rows", "markdown", "crawler")
    for template_id in ("2019", "2021"):
        for layout in layouts:
            for damage, options in (("plain", {}), ("copied", COPIED)):
                yield f"generated/{template_id}/{layout}/{damage}/clean", "report.txt", render(clean(template_id), layout, **options).encode()
                for index, mutation in enumerate(MUTATIONS):
                    if template_id in mutation.templates and layout in mutation.layouts:
                        text = render(mutation.inject(clean(template_id)), layout, **options)
                        yield f"generated/{template_id}/{layout}/{damage}/{index:02d}-{mutation.code}", "report.txt", text.encode()
            for seed in (0, 1):  # the prose in other phrasings, clean, one figure misstated, a total off its parts
                narrated = narrate(clean(template_id), seed)
                variants = {"clean": narrated.report, "breakdown": break_breakdown(narrated),
                            **{f"misstated-{i}": misstate(narrated, i) for i in range(0, len(narrated.stated), 3)}}
                for what, report in variants.items():
                    yield f"generated/{template_id}/{layout}/narrated-{seed}/{what}", "report.txt", render(report, layout).encode()


def findings(path: str, data: bytes) -> list[list]:
    result = lint_bytes(data, path, CONFIG)
    return [[d.code, d.line, d.column, d.end_line, d.end_column, d.message] for d in result.diagnostics]


def main() -> None:
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    data = {name: findings(path, content) for name, path, content in corpus()}
    GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(data)} reports, {sum(len(v) for v in data.values())} findings -> {GOLDEN}")


if __name__ == "__main__":
    main()
