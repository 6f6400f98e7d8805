"""Inputs whose cost could grow faster than their size (issue 9): each is bounded, tested at two sizes.

The bounds asserted are generous (seconds, where a linear step takes milliseconds): they catch a step
that turned quadratic, not a slow machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from reportlint.api import lint_bytes

HEAD = "某某市商务局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n"
TABLE3 = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"


def timed_codes(text: str) -> tuple[set[str], float]:
    start = time.perf_counter()
    result = lint_bytes(text.encode("utf-8"), "report.txt")
    return {d.code for d in result.diagnostics}, time.perf_counter() - start


@pytest.mark.parametrize("words", [30_000, 300_000])
def test_a_line_of_space_separated_words_in_a_table(words):
    codes, seconds = timed_codes(HEAD + " ".join(["字"] * words) + "\n")
    assert "RL903" not in codes and seconds < 30


@pytest.mark.parametrize("spaces", [50_000, 500_000])
def test_a_line_of_leading_spaces_in_a_table(spaces):
    codes, seconds = timed_codes(HEAD + " " * spaces + "| -- |\n")
    assert "RL903" not in codes and seconds < 30


@pytest.mark.parametrize("digits", [1_000, 10_000])
def test_a_table3_label_followed_by_a_run_of_digits(digits):
    codes, seconds = timed_codes(HEAD + TABLE3 + "一、本年新收政府信息公开申请数量" + "3" * digits + "\n")
    assert "RL308" in codes and "RL903" not in codes and seconds < 30


@pytest.mark.parametrize("digits", [5_000, 50_000])
def test_extract_of_a_figure_longer_than_any_count_is_valid_json(tmp_path, digits):
    path = tmp_path / "r.txt"
    path.write_text(HEAD + "规章\t" + "7" * digits + "\t0\t0\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "extract", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    cells = json.loads(proc.stdout)["files"][0]["cells"]
    [cell] = [c for c in cells if c["row"] == "规章" and c["column"] == "本年制发件数"]
    assert cell["value"] == "7" * digits  # text, not a number no JSON reader can hold


PROSE = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n"


@pytest.mark.parametrize("figures", [2_000, 20_000])
def test_a_sentence_of_thousands_of_breakdowns_and_claims(figures):
    """RL307 looks at most MAX_BREAKDOWN_PARTS parts past each total; the claims, one lead per figure."""
    sentence = "，".join(f"共{i % 9 + 10}条，其中收到政府信息公开申请{i % 9}件" for i in range(figures)) + "。"
    codes, seconds = timed_codes(PROSE + sentence + "\n")
    assert "RL903" not in codes and seconds < 30


@pytest.mark.parametrize("sentences", [2_000, 20_000])
def test_a_paragraph_of_thousands_of_sentences_that_go_on_breaking_down(sentences):
    paragraph = "全年共公开信息500条。" + "".join(f"其中政策文件{i % 7}条。" for i in range(sentences))
    codes, seconds = timed_codes(PROSE + paragraph + "\n")
    assert "RL903" not in codes and seconds < 30


@pytest.mark.parametrize("sentences", [2_000, 20_000])
def test_a_paragraph_of_thousands_of_claims_in_as_many_sentences(sentences):
    paragraph = "".join(f"已答复申请{i % 7}件，予以公开{i % 5}件、不予公开{i % 3}件。" for i in range(sentences))
    codes, seconds = timed_codes(PROSE + paragraph + "\n")
    assert "RL903" not in codes and seconds < 30
