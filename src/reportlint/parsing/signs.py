"""Whether a file from which no report could be read looks like a report all the same.

A run that walks a folder, or that pre-commit hands the files of a commit, meets README.md,
requirements.txt, docs/*.md: files that are no reports and show no sign of one. Those are skipped, as
ruff skips the files it does not lint. A file that does show a sign — 报告 or 信息公开 in its name, a
title like a report's among its first lines — but cannot be read as a report is a report gone wrong
and keeps its RL902. (A repository's own notes, README and the like, are not even read:
:func:`reportlint.host.discovery.is_repository_note`.)
"""

from __future__ import annotations

import os
import re
from typing import Iterable

from reportlint.parsing import heuristics as h

#: A report's file name: its title's words, or the pinyin initials portals use (gkndbg: 公开年度报告).
_NAME = re.compile(r"报告|年报|信息公开|政务公开|ndbg|annual[-_ .]?report", re.IGNORECASE)
#: A report's title: 政府信息公开工作年度报告 and its variants (政务公开工作报告, 信息公开年报).
_TITLE = re.compile(r"(?:信息|政务)公开.{0,30}?(?:报告|年报)")


def looks_like_report(path: str, lines: Iterable[str] = ()) -> bool:
    """Whether the file's name, or a title among its first lines, is a report's."""
    if _NAME.search(os.path.basename(path)):
        return True
    seen = 0
    for line in lines:
        text = line.strip()[: h.SIGN_LINE_CHARS]
        if not text:
            continue
        if _TITLE.search(text):
            return True
        seen += 1
        if seen >= h.SIGN_LINES:
            break
    return False
