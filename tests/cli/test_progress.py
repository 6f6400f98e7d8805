"""The progress bar: on stderr, at a terminal, for many files, never in CI or under --quiet."""

import io

import pytest

from reportlint.app import PROGRESS_MIN_FILES, Progress
from reportlint.core.config import Config


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


def test_bar_is_drawn_at_a_terminal_for_many_files():
    terminal = Terminal()
    progress = Progress.for_run(PROGRESS_MIN_FILES, Config(), terminal)
    for _ in range(PROGRESS_MIN_FILES):
        progress.advance()
    assert terminal.getvalue().endswith(f"] {PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}")


def test_no_bar_for_a_few_files():
    assert not Progress.for_run(PROGRESS_MIN_FILES - 1, Config(), Terminal()).enabled


def test_no_bar_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert not Progress.for_run(1000, Config(), Terminal()).enabled


def test_no_bar_when_quiet():
    assert not Progress.for_run(1000, Config(quiet=True), Terminal()).enabled


def test_no_bar_in_a_pipe():
    assert not Progress.for_run(1000, Config(), io.StringIO()).enabled


def test_clear_erases_a_drawn_bar_and_the_next_step_redraws_it():
    terminal = Terminal()
    progress = Progress.for_run(PROGRESS_MIN_FILES, Config(), terminal)
    progress.advance()
    progress.clear()
    assert terminal.getvalue().endswith("\r" + " " * 79 + "\r")  # the width of the terminal (80 when unknown), less one
    progress.advance()
    assert terminal.getvalue().endswith(f"] 2/{PROGRESS_MIN_FILES}")


@pytest.mark.parametrize("columns", [120, 40, 20, 12, 6, 1])
def test_the_bar_never_wraps_on_a_narrow_terminal(columns, monkeypatch):
    terminal = Terminal()
    progress = Progress.for_run(12345, Config(), terminal)
    monkeypatch.setattr(Progress, "columns", lambda self: columns)
    for _ in range(12345):
        progress.advance()
    progress.clear()
    for drawn in terminal.getvalue().split("\r"):
        assert len(drawn) <= max(columns - 1, 0), drawn
    assert f"{12345}" in terminal.getvalue() or columns < 8
