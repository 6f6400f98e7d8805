"""Files that are no reports in a reports repository (issue 20): a walked file (or one pre-commit
names, ``--force-exclude``) that shows no sign of being a report is skipped, said at ``--verbose``
and in the JSON summary; a file named on the command line, or one that looks like a report but
cannot be read as one, keeps its RL902."""

from __future__ import annotations

import shutil

import pytest

from reportlint.core.resources import validate
from support.paths import SAMPLE_REPORTS

CLEAN = SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt"


@pytest.fixture
def repository(tmp_path):
    """A reports repository as it is: notes and docs beside the reports."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "docs").mkdir()
    shutil.copy(CLEAN, tmp_path / "reports" / "2023.txt")
    (tmp_path / "README.md").write_text("# 政府信息公开工作年度报告\n\n本仓库存放各单位的年度报告。\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("reportlint\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# 说明\n\n报告放在 reports/ 下。\n", encoding="utf-8")
    (tmp_path / "docs" / "notes.txt").write_text("", encoding="utf-8")
    return tmp_path


NOT_REPORTS = ["README.md", "docs/index.md", "docs/notes.txt", "requirements.txt"]


def test_a_walk_skips_what_shows_no_sign_of_a_report(run_cli, repository):
    result = run_cli("check", "--no-cache", ".", cwd=repository)
    assert result.exit_code == 0 and "RL902" not in result.stdout, result.stdout
    assert "检查了 1 个文件" in result.stdout
    data = run_cli("check", "--no-cache", "--format", "json", ".", cwd=repository).json()
    validate(data, "diagnostics")
    assert [f["path"] for f in data["files"]] == ["reports/2023.txt"]
    assert data["summary"]["skipped"] == NOT_REPORTS


def test_verbose_says_which_files_were_skipped(run_cli, repository):
    said = run_cli("check", "--no-cache", "-v", ".", cwd=repository).stderr
    assert all(f"跳过 {path}" in said for path in NOT_REPORTS)
    english = run_cli("check", "--no-cache", "-v", "--lang", "en", ".", cwd=repository).stderr
    assert "note: skipped requirements.txt: neither its name nor its first lines look like a report's" in english
    assert "跳过" not in run_cli("check", "--no-cache", ".", cwd=repository).stderr


def test_a_file_named_on_the_command_line_keeps_its_rl902(run_cli, repository):
    result = run_cli("check", "--no-cache", "requirements.txt", "reports/2023.txt", cwd=repository)
    assert result.exit_code == 1 and "requirements.txt:1:1: RL902" in result.stdout


def test_files_pre_commit_names_are_taken_as_a_walk_finds_them(run_cli, repository):
    result = run_cli("check", "--no-cache", "--force-exclude", *NOT_REPORTS, "reports/2023.txt", cwd=repository)
    assert result.exit_code == 0 and "RL902" not in result.stdout and "检查了 1 个文件" in result.stdout


@pytest.mark.parametrize("name, text", [
    ("reports/2022年度报告.txt", "（正文缺失）\n"),
    ("reports/2022年度报告.txt", ""),
    ("docs/draft.md", "标题: 某某局2022年政府信息公开工作年度报告\n原文链接: http://example.invalid/1.html\n\n页面不存在\n"),
])
def test_what_looks_like_a_report_but_is_none_keeps_its_rl902(name, text, run_cli, repository):
    (repository / name).write_text(text, encoding="utf-8")
    for args in (("--force-exclude", "."), (".",)):
        result = run_cli("check", "--no-cache", *args, cwd=repository)
        assert result.exit_code == 1 and f"{name}:" in result.stdout, result.stdout  # its RL902, or its findings
        assert f"{name}:1:1: RL902" in result.stdout or name.endswith(".md")


def test_a_repositorys_notes_are_left_out_however_they_are_titled(run_cli, repository):
    """README.md above is titled 政府信息公开工作年度报告, as a reports repository's README often is:
    it is still no report to lint (unless named)."""
    assert "README.md" not in run_cli("check", "--no-cache", ".", cwd=repository).stdout
    assert "README.md:1:1: RL" in run_cli("check", "--no-cache", "README.md", cwd=repository).stdout


def test_extract_and_review_skip_them_too(run_cli, repository):
    extracted = run_cli("extract", ".", cwd=repository)
    assert extracted.exit_code == 0 and "RL902" not in extracted.stderr
    out = repository / "out"
    out.mkdir()
    reviewed = run_cli("review", ".", "-o", str(out), cwd=repository)
    assert "RL902" not in reviewed.stderr and [p.name for p in out.iterdir()] == ["2023.reviewed.docx"]
