"""Regular expressions compiled on first use (reportlint.core.patterns): reportlint's module-level
patterns cost nothing at import and behave as re.compile's; a pattern made from the code an earlier
run kept is the pattern re.compile makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from reportlint.core import patterns
from reportlint.core.patterns import LazyPattern, lazy


def test_a_lazy_pattern_compiles_on_first_use_and_answers_as_the_compiled_one():
    pattern = lazy(r"(\d+)\s*件", re.IGNORECASE)
    assert "search" not in vars(pattern)
    assert pattern.search("共12 件").group(1) == "12"
    assert "search" in vars(pattern)  # later calls are the compiled pattern's own methods
    assert [m.group(1) for m in pattern.finditer("3件，4件")] == ["3", "4"]
    assert pattern.sub("N", "5件") == "N" and pattern.split("1件a") == ["", "1", "a"]
    assert (pattern.pattern, pattern.flags, pattern.groups) == (r"(\d+)\s*件", re.compile(r"(\d+)\s*件", re.I).flags, 1)
    assert pattern.compiled() is pattern.compiled()


_AT_IMPORT = r"""
import importlib, pkgutil, re
import reportlint
from reportlint.core.patterns import LazyPattern
names = [m.name for m in pkgutil.walk_packages(reportlint.__path__, "reportlint.") if not m.name.endswith("__main__")]
compiled, lazy = [], 0
def walk(value, where):
    global lazy
    if isinstance(value, re.Pattern):
        compiled.append(where)
    elif isinstance(value, LazyPattern):
        lazy += 1
        if "search" in vars(value):
            compiled.append(where + " (used at import)")
    elif isinstance(value, (tuple, list)):
        for item in value: walk(item, where)
    elif isinstance(value, dict):
        for item in value.values(): walk(item, where)
for name in names:
    module = importlib.import_module(name)
    for attribute, value in vars(module).items():
        walk(value, f"{name}.{attribute}")
print(lazy, compiled)
"""


def test_no_module_of_reportlint_compiles_a_pattern_at_import():
    """Not the parser's and the rules' only: the host's, the command line's, the readers' and the
    formatters' patterns wait for their first use too."""
    out = subprocess.run([sys.executable, "-c", _AT_IMPORT], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 120
    assert out[1].strip() == "[]"


_MADE = r"""
import json, sys
from reportlint.api import lint_paths
from reportlint.core import patterns
lint_paths([sys.argv[1]])
made, firsts = patterns.made()
print(json.dumps([made, firsts]))
"""


def _made_linting_the_samples(seed: str) -> tuple[list, list]:
    from support.paths import SAMPLE_REPORTS

    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-c", _MADE, str(SAMPLE_REPORTS)], capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout)


def test_a_pattern_made_from_kept_code_is_the_pattern_re_compile_makes():
    """Every pattern linting the samples compiles (some two hundred, the claim lexicon's and the page
    furniture's alternations among them), made again from the code the host would keep, is equal to
    re.compile's: re.Pattern compares pattern, flags and code."""
    made, firsts = _made_linting_the_samples("1")
    assert len(made) > 150 and firsts
    for pattern, flags, *parts in json.loads(json.dumps(made)):  # as the cache folder holds them
        assert patterns.from_kept(pattern, parts) == re.compile(pattern, flags), pattern


def test_the_patterns_a_run_compiles_do_not_depend_on_the_hash_seed():
    """A pattern built from a set in hash order would be another pattern in every process: its kept
    code would never be found again (the wrong phrases were joined so)."""
    assert _made_linting_the_samples("1") == _made_linting_the_samples("2")


def test_kept_code_is_used_and_code_the_engine_refuses_is_compiled_again(monkeypatch):
    for store in ("_KEPT", "_MADE", "_FIRST_KEPT", "_FIRST_MADE"):  # what other tests of this process made
        monkeypatch.setattr(patterns, store, {})
    fresh = patterns.compile(r"(?P<n>\d+)\s*件", re.IGNORECASE)
    [entry] = patterns.made()[0]
    patterns.keep([entry, ["x", 0, "not", "a", "pattern", 1], ["z", 0, 0, [1, 2], 0, {}], "junk"], [["y", 0, 5]])
    assert patterns.made() == ([], []) and list(patterns._KEPT) == [(r"(?P<n>\d+)\s*件", int(re.IGNORECASE))]
    assert patterns.compile(r"(?P<n>\d+)\s*件", re.IGNORECASE) == fresh
    assert patterns.compile(r"(?P<n>\d+)\s*件", re.IGNORECASE).search("共12件").group("n") == "12"
    patterns.keep([[entry[0], entry[1], entry[2], "AAAAAAEAAAACAAAA", entry[4], entry[5]]], [])  # code the engine refuses
    again = patterns.compile(r"(?P<n>\d+)\s*件", re.IGNORECASE)
    assert again == fresh and again.search("共3件").group("n") == "3" and patterns.made()[0] == [entry]


def test_the_first_characters_of_a_pattern_are_those_its_matches_start_with():
    from reportlint.core.patterns import first_char_class

    assert first_char_class(r"(?:ab|cd)e") == "[ac]"
    assert first_char_class(r"^\s*首页|={4,}|https?://") == r"[=\sh首]"
    assert first_char_class(r"\d+件|[一二]、") == r"[\d一二]"
    for anything in (r"a*", r".x", r"(?:a|)", r"[^a]b", r"\Sx", r"(?=a)a"):  # empty, any character, unread
        assert first_char_class(anything) is None


def test_a_pattern_behind_the_look_ahead_for_its_first_characters_finds_the_same_matches():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reportlint.parsing.furniture import _data
    from support.golden import corpus

    plain = [re.compile(p.pattern.split(")(?:", 1)[1][:-1] if p.pattern.startswith("(?=[") else p.pattern, p.flags) for p in _data()]
    fast = list(_data())
    assert fast[0].pattern.startswith("(?=[") and fast[2].pattern.startswith("(?=[")
    texts = [data.decode("utf-8") for name, path, data in corpus() if path.endswith(".txt") and not name.startswith("generated/")]
    texts.append("\n 首页 > 信息公开　QQ空间 ====== HTTPS://x ſource: 今天是 星期一\u3000首页")

    def same(text):
        for a, b in zip(plain, fast):
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
            assert all(bool(a.match(text, i)) == bool(b.match(text, i)) for i in range(min(len(text), 40)))

    for text in texts:
        same(text)
    given(st.text(alphabet="首页>›» \t\n=-<!QqhtpsHTwW.:/分享到微信博打印当前位置", max_size=60))(settings(max_examples=300, deadline=None)(same))()


def test_the_cut_signs_of_segment_behind_their_look_ahead_find_what_they_found():
    from reportlint.core.templates import builtin_templates
    from reportlint.parsing.segment import _marks
    from support.golden import corpus

    fast = _marks(builtin_templates()).may_cut
    assert fast.pattern.startswith("(?=[")
    plain = re.compile(fast.pattern.split(")(?:", 1)[1][:-1])
    for name, path, data in corpus():
        if path.endswith(".txt") and not name.startswith("generated/"):
            text = data.decode("utf-8")
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
