"""The token stream (reportlint.parsing.tokens): every piece of every logical line, once, in order,
with what the parser took it for."""

from __future__ import annotations

import pytest

from reportlint.core.document import Document
from reportlint.core.model import TOKEN_KINDS
from reportlint.parsing import build_report
from support.golden import corpus


def _report(text: str, name: str = "report.txt"):
    return build_report(Document.from_text(name, text))


def _texts():
    for name, path, data in corpus():
        if path.endswith(".txt") and (name.startswith(("sample/", "real/", "collected/")) or name.endswith("/clean")):
            yield name, data.decode("utf-8")


@pytest.mark.parametrize("name,text", list(_texts())[::3], ids=lambda x: x if len(x) < 80 else "")
def test_every_line_with_text_has_tokens_in_order_and_each_token_is_its_lines_text(name, text):
    report = _report(text)
    lines = report.lines
    assert {t.line for t in report.tokens} == {n for n, line in enumerate(lines, 1) if line.strip()}
    assert [(t.line, t.column) for t in report.tokens] == sorted((t.line, t.column) for t in report.tokens)
    for previous, token in zip(report.tokens, report.tokens[1:]):
        assert token.line > previous.line or token.column >= previous.end_column  # no overlap
    for token in report.tokens:
        assert token.kind in TOKEN_KINDS
        assert token.text and token.text == token.text.strip()
        assert lines[token.line - 1][token.column - 1 : token.end_column - 1] == token.text
    for n, line in enumerate(lines, 1):
        kinds = {t.kind for t in report.line_tokens(n)}
        if line.strip() and not kinds & {"label", "figure"}:  # a line that is no table row is covered whole
            pieces = report.line_tokens(n)
            assert "".join(line.split()) == "".join("".join(t.text.split()) for t in pieces)


def test_a_report_reads_as_title_headings_sentences_and_table_cells():
    report = _report("某某市商务局2021年政府信息公开工作年度报告\n"
                     "一、总体情况\n"
                     "2021年，本局认真贯彻《条例》。全年共收到申请3件。\n"
                     "三、收到和处理政府信息公开申请情况\n"
                     "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
                     "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n"
                     "分享到：微信 微博\n")
    kinds = [(t.kind, t.text) for t in report.tokens]
    assert kinds[0] == ("title", "某某市商务局2021年政府信息公开工作年度报告")
    assert ("heading", "一、总体情况") in kinds
    assert ("sentence", "2021年，本局认真贯彻《条例》。") in kinds and ("sentence", "全年共收到申请3件。") in kinds
    assert ("label", "一、本年新收政府信息公开申请数量") in kinds
    assert [k for k, t in kinds if t == "3"] == ["figure", "figure"]
    assert kinds[-1] == ("furniture", "分享到：微信 微博")
    assert {t.section for t in report.line_tokens(3)} == {1} and {t.section for t in report.line_tokens(6)} == {3}
    assert report.last_line == 7


def test_a_sentence_a_line_break_cuts_is_two_pieces_and_its_paragraph_one_sentence():
    report = _report("一、总体情况\n本年度共收到政府信息公开申请12件，\n已全部按期答复。办理质量良好。\n")
    pieces = [t.text for t in report.tokens if t.kind == "sentence"]
    assert pieces == ["本年度共收到政府信息公开申请12件，", "已全部按期答复。", "办理质量良好。"]
    assert len(report.paragraphs) == 1


def test_what_the_rules_look_for_is_found_once_with_its_position():
    report = _report("一、总体情况\n依据《政府信息公开条例》第九十条和《保守国家秘密法》第九条，此处填写单位名称，政府信息公共工作XX。\n")
    assert [(c.raw, c.article, c.statute) for c in report.citations] == [("第九十条", 90, True), ("第九条", 9, False)]
    assert [w.name for w in report.works] == ["政府信息公开条例", "保守国家秘密法"]
    assert {(s.kind, s.what) for s in report.slips} == {("phrase", "政府信息公共工作"), ("residue", "prompt"), ("residue", "placeholder")}
    line = report.lines[1]
    for slip in report.slips:
        assert line[slip.column - 1 : slip.end_column - 1] == slip.raw


def test_furniture_is_judged_on_a_long_line_by_its_start_alone():
    """is_furniture reads a long line only at its start: the same answer as searching it whole and
    asking whether the first match stands at its start."""
    from reportlint.parsing import heuristics as h
    from reportlint.parsing.furniture import _data, furniture_lines, is_furniture
    from reportlint.parsing.segment import segment
    from reportlint.core.templates import builtin_templates

    def searched(text):
        anywhere, label, clock = _data()
        if label.match(text) or len(text.strip()) <= h.FURNITURE_LINE_CHARS and clock.search(text):
            return True
        m = anywhere.search(text)
        return m is not None and (len(text.strip()) <= h.FURNITURE_LINE_CHARS or not text[: m.start()].strip())

    page = "\n\n  首页 > 信息公开\n标题：某局\n\n今天是2024年1月1日 星期一\nwww.example.gov.cn\n====\n" + "　" + "附件下载" + "某" * 90
    texts = [text for _, text in _texts()] + [page, "本局" * 50 + "附件下载"]
    for text in texts:
        lines = segment(text.split("\n"), builtin_templates()).lines
        assert [is_furniture(line) for line in lines] == [searched(line) for line in lines]
    assert len(furniture_lines(page.split("\n"))) == 6
    assert not is_furniture("本局" * 50 + "附件下载")


def test_a_word_of_digits_is_cut_as_the_general_rule_cuts_it():
    """split_cells and pieces take a word of ASCII digits as one figure without the general rule's
    tests: the general rule (_word_pieces) makes the same piece of it wherever it stands."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reportlint.parsing.text import Piece, _word_pieces

    @given(st.text(alphabet="0123456789 年第条件项.、-（）一二规章\t", max_size=30), st.integers(0, 30))
    @settings(max_examples=500, deadline=None)
    def same(text, at):
        import re
        for word in re.finditer(r"\S+", text):
            if word.group(0).isascii() and word.group(0).isdigit():
                assert list(_word_pieces(text, word.start(), word.end())) == [Piece("fig", word.start(), word.end())]

    same()


def test_the_tuples_made_without_keywords_have_the_fields_they_are_made_with():
    """tokens() and the tables make Token and TableCell with tuple.__new__ (a report has a thousand
    of them): a field added or moved must show here, not as values in the wrong fields."""
    from reportlint.core.model import TableCell, Token

    assert Token._fields == ("kind", "text", "line", "column", "section")
    assert TableCell._fields == ("table", "row", "column", "raw", "value", "kind", "line", "column_no", "end_column",
                                 "problem", "location", "decoded")
    report = _report("一、总体情况\n本年度共收到政府信息公开申请12件。\n")
    assert report.tokens[1] == Token("sentence", "本年度共收到政府信息公开申请12件。", 2, 1, 1)
    assert isinstance(report.tokens[1], Token) and report.tokens[1].end_column == 19
