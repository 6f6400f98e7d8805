"""``reportlint review`` on what ``check`` handles (issue 19, item 5): a comments part whose ids are
no numbers, control characters in the text, an unwritable output folder — each that file's RL901 or
a clear error, the other files reviewed; comments and changes linear in the findings; the per-file
time limit covering the copy."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile

import docx
import pytest

from reportlint.api import Config
from reportlint.core.limits import Limits
from reportlint.review import review_file
from support.cli import REPORT, MarkerPlugin
from support.paths import FIXTURES, SAMPLE_REPORTS

SEED = FIXTURES / "seeds" / "000_46da6a5f0760e49a.docx"


def with_a_comment_whose_id_is_no_number(target) -> None:
    document = docx.Document(str(SEED))
    paragraph = next(p for p in document.paragraphs if p.runs)
    document.add_comment(paragraph.runs, text="请核实", author="审核人")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in ("word/comments.xml", "word/document.xml"):
                data = re.sub(rb'(<w:(?:comment|commentRangeStart|commentRangeEnd|commentReference)\b[^>]*?w:id=")(\d+)"',
                              rb'\1c\2"', data)
            out.writestr(item, data)


def test_a_comment_id_that_is_no_number_does_not_stop_the_review(run_cli, tmp_path):
    """comments.xml with w:id="c0": exit 2, "internal error", the other files never reviewed."""
    with_a_comment_whose_id_is_no_number(tmp_path / "a.docx")
    shutil.copy(SEED, tmp_path / "b.docx")
    result = run_cli("review", str(tmp_path / "a.docx"), str(tmp_path / "b.docx"))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    copy = docx.Document(str(tmp_path / "a.reviewed.docx"))
    authors = [c.author for c in copy.comments]
    assert "审核人" in authors and authors.count("reportlint") == len(authors) - 1 > 0  # the reader's comment kept
    assert (tmp_path / "b.reviewed.docx").exists()


@pytest.mark.parametrize("suffix, control", [(".txt", "\x0b"), (".txt", "\x01"), (".md", "\x0c"), (".html", "&#11;"), (".html", "&#1;")])
def test_control_characters_in_the_text_do_not_stop_the_review(run_cli, tmp_path, suffix, control):
    text = (SAMPLE_REPORTS / "001_ef2c1c31100b3a17.txt").read_text(encoding="utf-8").split("\n")
    text[5] += f"控制{control}字符"
    if suffix == ".html":
        body = "".join(f"<p>{line}</p>" for line in text)
        (tmp_path / f"a{suffix}").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    else:
        (tmp_path / f"a{suffix}").write_text("\n".join(text), encoding="utf-8")
    shutil.copy(SEED, tmp_path / "b.docx")
    result = run_cli("review", str(tmp_path))
    assert result.exit_code == 1 and "internal error" not in result.stderr, result.stderr
    copy = docx.Document(str(tmp_path / "a.reviewed.docx"))
    assert any("控制" in p.text and "字符" in p.text for p in copy.paragraphs)
    assert (tmp_path / "b.reviewed.docx").exists()


def test_an_unwritable_output_is_that_files_error_and_the_others_are_reviewed(run_cli, tmp_path):
    shutil.copy(SEED, tmp_path / "a.docx")
    shutil.copy(SEED, tmp_path / "b.docx")
    (tmp_path / "a.reviewed.docx").mkdir()  # where a's copy would go: a folder, so the rename fails
    result = run_cli("review", str(tmp_path / "a.docx"), str(tmp_path / "b.docx"), "--lang", "en")
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert "a.docx: the reviewed copy was not written" in result.stderr
    assert (tmp_path / "b.reviewed.docx").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportlint-review-")]  # no temporary left


@pytest.mark.slow
@pytest.mark.parametrize("paragraphs", [1_000, 4_000])
def test_comments_and_changes_are_linear_in_the_findings(add_plugin, tmp_path, paragraphs):
    """8,000 paragraphs with two findings each took 324 s: the next comment id was looked up among
    all comments at each one. The bound is generous: it catches a step that turned quadratic."""
    add_plugin(MarkerPlugin(), name="markers")
    source = tmp_path / "big.txt"
    source.write_text(REPORT + "".join(f"第{i}段坏事警示。\n" for i in range(paragraphs)), encoding="utf-8")
    started = time.perf_counter()
    done = review_file(str(source), Config(select=("TST",)), str(tmp_path / "big.reviewed.docx"))
    assert time.perf_counter() - started < 40
    assert done.comments == 2 * paragraphs + 1 and done.changes == paragraphs + 1
    ids = [c.comment_id for c in docx.Document(done.output).comments]
    assert len(set(ids)) == len(ids) == done.comments


def test_the_time_limit_covers_the_reviewed_copy(add_plugin, tmp_path, monkeypatch):
    """No time limit covered the copy: a slow one ran as long as it took."""
    from reportlint import review

    add_plugin(MarkerPlugin(), name="markers")
    source = tmp_path / "slow.txt"
    source.write_text(REPORT + "坏\n" * 30, encoding="utf-8")
    making = review._comment

    def slow(*args, **kwargs):
        time.sleep(0.2)
        return making(*args, **kwargs)

    monkeypatch.setattr(review, "_comment", slow)
    config = Config(select=("TST", "RL9"), limits=Limits(timeout=1.0))
    started = time.perf_counter()
    done = review_file(str(source), config, str(tmp_path / "slow.reviewed.docx"))
    assert time.perf_counter() - started < 4
    assert done.output is None and [d.code for d in done.result.diagnostics] == ["RL901"]
    assert not (tmp_path / "slow.reviewed.docx").exists()
