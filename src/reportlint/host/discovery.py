"""Which files a run lints: the paths given, with directories walked for report suffixes.

A file named on the command line is linted whatever its suffix (the reader sniffs it, or says RL902),
and whatever ``exclude`` says unless ``force_exclude`` (pre-commit names every file it lints: with
``force-exclude`` an excluded file, or a file in an excluded folder, is skipped all the same).
Directories are walked recursively, hidden folders and ``exclude`` globs skipped, symbolic links
followed but each real directory visited once, so a link loop ends. A directory that cannot be
listed is returned as a path of its own, so the runner reports it as unreadable (RL901).

A repository's own notes (README.md, CHANGELOG.md, LICENSE …) are no reports, however they are
titled (a reports repository's README is often titled like its reports): a run leaves them out unless
they are named (:func:`is_repository_note`), as the pre-commit hook does.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import PurePath
from typing import Iterable, Iterator, Sequence

from reportlint.core.config import Config
from reportlint.core.diagnostic import FileResult
from reportlint.core.patterns import lazy
from reportlint.host import registry


def discover(
    paths: Sequence[str],
    extensions: Iterable[str],
    exclude: Sequence[str] = (),
    root: str = ".",
    force_exclude: bool = False,
) -> list[str]:
    """The files to lint, de-duplicated and sorted (so output is sorted by path)."""
    suffixes = tuple(e.lower() for e in extensions)
    found: dict[str, None] = {}
    visited: set[str] = set()
    for path in paths:
        if force_exclude and exclude and _excluded_with_folders(path, exclude, root):
            continue
        if os.path.isdir(path):
            for file in _walk(path, suffixes, exclude, root, visited):
                found.setdefault(file, None)
        else:  # an explicit file, or a path that does not exist: the runner reports it
            found.setdefault(os.path.normpath(path), None)
    return sorted(found)


#: The notes every repository has (the pre-commit hook's ``exclude`` names the same).
_NOTES = lazy(r"^(?:readme|changelog|changes|history|news|contributing|license|licence|copying|notice"
                    r"|authors|todo|security|code_of_conduct)(?:[._-][^/]*)?$", re.IGNORECASE)


def is_repository_note(path: str) -> bool:
    """Whether a file is one of a repository's own notes (README.md, CHANGELOG, LICENSE.txt …)."""
    return _NOTES.match(os.path.basename(path)) is not None


def _walk(top: str, suffixes: tuple[str, ...], exclude: Sequence[str], root: str, visited: set[str]) -> Iterator[str]:
    real = os.path.realpath(top)
    if real in visited:
        return
    visited.add(real)
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        yield os.path.normpath(top)
        return
    for entry in entries:
        path = os.path.normpath(os.path.join(top, entry.name))
        if exclude and _excluded(path, exclude, root):
            continue
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError:
            continue
        if is_dir:
            if not entry.name.startswith("."):
                yield from _walk(path, suffixes, exclude, root, visited)
        elif entry.name.lower().endswith(suffixes):
            yield path


def _excluded_with_folders(path: str, patterns: Sequence[str], root: str) -> bool:
    """Whether ``path``, or a folder it is in below ``root`` (the config file's folder), is excluded."""
    if _excluded(os.path.normpath(path), patterns, root):
        return True
    top = os.path.abspath(root)
    folder = os.path.dirname(os.path.abspath(path))
    while folder != top and os.path.dirname(folder) != folder:
        if os.path.relpath(folder, top).startswith(os.pardir):
            return False  # outside the tree the settings are for: its own name only
        if _excluded(folder, patterns, root):
            return True
        folder = os.path.dirname(folder)
    return False


def _excluded(path: str, patterns: Sequence[str], root: str) -> bool:
    name = PurePath(path).name
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    forms = (PurePath(path).as_posix(), PurePath(rel).as_posix())
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            if any(fnmatch.fnmatchcase(f, pattern) for f in forms):
                return True
        elif fnmatch.fnmatchcase(name, pattern):
            return True
    return False


def reports_of(paths: Sequence[str], config: Config) -> tuple[list[str], set[str], list[str]]:
    """The files a command reads, those of them the user named, and the repository's notes left out
    (README.md and the like: read only when named)."""
    files = discover(paths, registry.extensions(config.extensions), config.exclude, config.root, config.force_exclude)
    named = named_files(paths, config)
    notes = [path for path in files if path not in named and is_repository_note(path)]
    return [path for path in files if path not in notes], named, notes


def named_files(paths: Sequence[str], config: Config) -> set[str]:
    """The files the user named (as discover spells them), whose RL902 is reported however they look.
    Under ``--force-exclude`` (pre-commit names every file of a commit) files named are taken as a
    folder's walk finds them."""
    if config.force_exclude:
        return set()
    return {os.path.normpath(path) for path in paths if not os.path.isdir(path)}


def skipped(result: FileResult, named: set[str]) -> bool:
    """A file found by walking (or named by pre-commit) that holds no report and shows no sign of
    one (README.md, requirements.txt, docs/*.md) is skipped, as ruff skips what it does not lint."""
    return result.no_report_signs and result.path not in named
