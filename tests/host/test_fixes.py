"""--fix writes fixes atomically in the file's own encoding and newlines; --diff only shows them."""

import codecs
import os

import pytest

from reportlint.core.diagnostic import Fix
from reportlint.host import fixes
from support.cli import codes

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n坏事变坏 警\n"
FIXED = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n好事变好 警\n"


def test_fix_writes_the_fixes_and_reports_only_what_remains(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    result = run_cli(path, "--select", "TST", "--fix")
    assert path.read_text(encoding="utf-8") == FIXED
    assert codes(result) == ["TST102"]
    assert "已修复 2 处" in result.stdout
    assert result.exit_code == 0  # the remaining finding is a warning


def test_relinting_a_fixed_file_finds_none_of_the_fixed_codes(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    run_cli(path, "--select", "TST", "--fix")
    assert "TST101" not in codes(run_cli(path, "--select", "TST"))


@pytest.mark.parametrize(
    "encoding, newline, bom",
    [
        ("gb18030", "\r\n", b""),
        ("utf-8", "\r\n", codecs.BOM_UTF8),
        ("utf-16-le", "\n", codecs.BOM_UTF16_LE),
        ("utf-16-be", "\r\n", codecs.BOM_UTF16_BE),
        ("utf-8", "\n", b""),
    ],
)
def test_fix_keeps_the_files_encoding_bom_and_newlines(run_cli, marker_plugin, tmp_path, encoding, newline, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    run_cli(path, "--select", "TST", "--fix")
    assert path.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_fix_leaves_lines_with_other_newlines_alone():
    text = "甲坏\r\n乙\n丙坏\r\n"
    assert fixes.apply_to_text(text, [Fix(1, 2, 1, 3, "好"), Fix(3, 2, 3, 3, "好")]) == ("甲好\r\n乙\n丙好\r\n", 2)


def test_overlapping_fixes_apply_the_first_and_leave_the_other():
    assert fixes.apply_to_text("abcdef", [Fix(1, 2, 1, 5, "X"), Fix(1, 3, 1, 4, "Y")]) == ("aXef", 1)


def test_a_fix_may_span_lines_and_its_newlines_follow_the_file():
    assert fixes.apply_to_text("a\r\nb\r\nc", [Fix(1, 2, 3, 1, "\n-\n")]) == ("a\r\n-\r\nc", 1)


def test_a_fix_outside_the_text_is_refused():
    with pytest.raises(fixes.FixError):
        fixes.apply_to_text("abc", [Fix(1, 1, 1, 9, "x")])


def test_diff_prints_a_unified_diff_and_writes_nothing(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    before = path.read_bytes()
    result = run_cli(path, "--select", "TST", "--diff")
    assert path.read_bytes() == before
    assert result.exit_code == 1
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "-坏事变坏 警" in result.stdout and "+好事变好 警" in result.stdout


def test_diff_with_nothing_to_fix_exits_0(run_cli, marker_plugin, write):
    assert run_cli(write("a.txt", "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n警\n"), "--select", "TST", "--diff").exit_code == 0


def test_failing_write_leaves_the_original_byte_identical_and_no_temporary_file(run_cli, marker_plugin, write, tmp_path, monkeypatch):
    path = write("a.txt", TEXT, encoding="gb18030", newline="\r\n")
    before = path.read_bytes()

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = run_cli(path, "--select", "TST", "--fix")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert result.exit_code == 2
    assert "修复未写入" in result.stderr and "No space left on device" in result.stderr
    assert codes(result).count("TST101") == 2  # unfixed findings are still reported


def snap(path) -> fixes.Snapshot:
    return fixes.Snapshot.take(str(path), path.read_bytes())


def test_failing_rename_leaves_the_original_untouched(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def refuse(src, dst):
        raise OSError(18, "Invalid cross-device link")

    before = snap(path)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        fixes.write_checked(str(path), b"new", before)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fix_leaves_a_read_only_file_alone_with_a_warning_even_as_root(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    path.chmod(0o444)
    result = run_cli(path, "--select", "TST", "--fix")
    assert path.read_text(encoding="utf-8") == TEXT
    assert "未修复：文件只读" in result.stderr and result.exit_code == 1  # the findings stand, no crash


def test_the_written_file_keeps_its_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    fixes.write_checked(str(path), b"new", snap(path))
    assert path.read_bytes() == b"new" and (path.stat().st_mode & 0o777) == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_written_file_keeps_its_owner_and_group(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chown(path, 4321, 4322)
    fixes.write_checked(str(path), b"new", snap(path))
    info = path.stat()
    assert path.read_bytes() == b"new" and (info.st_uid, info.st_gid) == (4321, 4322)


def test_a_symlink_is_left_alone_unless_links_are_followed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(fixes.FixSkipped):
        fixes.write_checked(str(link), b"new", snap(link))
    assert target.read_bytes() == b"old"
    fixes.write_checked(str(link), b"new", snap(link), follow_links=True)
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_a_hard_linked_file_is_left_alone_unless_links_are_followed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.link(path, tmp_path / "b.txt")
    with pytest.raises(fixes.FixSkipped):
        fixes.write_checked(str(path), b"new", snap(path))
    assert (tmp_path / "b.txt").read_bytes() == b"old" and path.read_bytes() == b"old"
    fixes.write_checked(str(path), b"new", snap(path), follow_links=True)
    assert path.read_bytes() == b"new" and (tmp_path / "b.txt").read_bytes() == b"old"


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    before = snap(path)
    path.write_bytes(b"the editor's save")
    with pytest.raises(fixes.FixSkipped, match="changed"):
        fixes.write_checked(str(path), b"fixed old", before)
    assert path.read_bytes() == b"the editor's save"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_stale_temporary_files_of_killed_runs_are_removed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    dead = tmp_path / f".a.txt.999999999.x1{fixes.TEMP_SUFFIX}"  # no such process
    dead.write_bytes(b"half")
    alive = tmp_path / f".a.txt.{os.getppid()}.x2{fixes.TEMP_SUFFIX}"  # a run still going
    alive.write_bytes(b"in use")
    fixes.write_checked(str(path), b"new", snap(path))
    assert not dead.exists() and alive.exists() and path.read_bytes() == b"new"


def test_output_file_naming_an_input_is_refused_before_anything_is_written(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    result = run_cli(path, "--select", "TST", "-o", str(path))
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == TEXT
    assert "output" in result.stderr
