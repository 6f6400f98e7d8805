"""The parser's named thresholds (reportlint.parsing.heuristics), each pinned by the effect it has."""

from __future__ import annotations

from reportlint.core.document import Document
from reportlint.core.templates import builtin_templates
from reportlint.parsing import build_report
from reportlint.parsing import heuristics as h
from reportlint.parsing.figures import readings
from reportlint.parsing.labels import match_score


def spec(label: str):
    return next(r for t in builtin_templates() for r in t.table3_rows if r.label == label)


def test_a_pdf_mangled_label_is_accepted_and_another_rows_label_is_not():
    row = spec("2.其他法律行政法规禁止公开")
    assert match_score("2.其他法律行政止公开", row.label, row.core) >= h.LABEL_ACCEPT
    assert match_score("3.危及“三安全一稳定”", row.label, row.core) < h.LABEL_ACCEPT


def test_short_labels_match_only_exactly():
    row = spec("3.其他")
    assert len(row.core) <= h.SHORT_LABEL_CHARS
    assert match_score("其他处理", row.label, row.core) < h.LABEL_ACCEPT


def test_no_glued_figure_is_longer_than_a_count_can_be():
    assert len(readings(["1" * (7 * h.MAX_COUNT_DIGITS)], ["count"] * 7)) == 1  # seven of the longest
    assert readings(["1" * (7 * h.MAX_COUNT_DIGITS + 1)], ["count"] * 7) == []


def test_too_many_readings_make_a_row_unreadable_not_slow():
    assert readings(["1" * 40], ["count"] * 15, limit=10) is None


def test_one_cue_of_another_format_is_a_defect_not_a_mixed_report():
    text = ("某某市商务局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t0\t0\t0\n"
            "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t0\n其他对外管理服务事项\t0\n")
    report = build_report(Document.from_text("r.txt", text))
    counts = sorted((len(v) for v in report.template_cues.values()), reverse=True)
    assert counts[1] < h.MIXED_CUE_RATIO * counts[0]
    assert report.template == "2021"


def test_every_judgement_number_of_the_parser_has_a_name():
    """Outside heuristics.py a parsing module writes no number larger than a regular expression's
    group or a section's count inline: a threshold is a named constant (in heuristics.py, or at
    the top of its module), a cache's size a ``maxsize=``, a character code part of a table."""
    import ast
    from pathlib import Path

    import reportlint.parsing as parsing

    inline = []
    for path in sorted(Path(parsing.__file__).parent.glob("*.py")):
        if path.name == "heuristics.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "maxsize" or isinstance(node, ast.Dict):
                named.update(id(n) for n in ast.walk(node))
        for node in tree.body:  # NAME = value at the top of the module
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                named.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and abs(node.value) > 6 and id(node) not in named:
                inline.append(f"{path.name}:{node.lineno}: {node.value}")
    assert not inline, inline
