"""--fix under concurrency: two runs over the same files, and an editor saving files meanwhile.

Every file must end as its original, as the editor's save, or correctly fixed (of one of those) —
never half of each, never fixes of one version applied to another (issue 9).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from support import make_report, render


def fixable(extra: str = "") -> str:
    report = make_report("2021", 2022, "某某市商务局")
    heading = next(p.text for p in report.paragraphs(2) if p.role == "heading")
    text = render(report.replace_text(heading, "2、" + heading[2:]), "tab-rows")  # RL103, fixable
    return text + extra


def fixed(text: str, tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "reportlint", "--fix", "-q", str(path)], capture_output=True, timeout=120)
    return path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_fix_runs_and_an_editor_leave_every_file_whole(tmp_path):
    original = fixable()
    saved = fixable("\n编辑器保存的新段落。\n")
    allowed = {original, saved, fixed(original, tmp_path, "o.txt"), fixed(saved, tmp_path, "s.txt")}
    assert len(allowed) == 4
    folder = tmp_path / "reports"
    folder.mkdir()
    files = [folder / f"r{i:03}.txt" for i in range(60)]
    for f in files:
        f.write_text(original, encoding="utf-8")
    stop = threading.Event()

    def editor():
        i = 0
        while not stop.is_set():
            files[(i * 7) % len(files)].write_text(saved, encoding="utf-8")
            i += 1
            time.sleep(0.01)

    writer = threading.Thread(target=editor)
    writer.start()
    runs = [subprocess.Popen([sys.executable, "-m", "reportlint", "--fix", "-q", str(folder)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outcomes = [run.communicate(timeout=300) for run in runs]
    stop.set()
    writer.join()
    for run, (_, err) in zip(runs, outcomes):
        assert run.returncode in (0, 1), err.decode("utf-8", "replace")[-2000:]
    for f in files:
        assert f.read_text(encoding="utf-8") in allowed, f.name
    assert not [p for p in folder.iterdir() if p.suffix != ".txt"]  # no temporary file left
