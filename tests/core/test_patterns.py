"""Regular expressions compiled on first use (reportlint.core.patterns): the parser's and the rules'
module-level patterns cost nothing at import and behave as re.compile's."""

from __future__ import annotations

import re
import subprocess
import sys

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
import reportlint.parsing, reportlint.checks
from reportlint.core.patterns import LazyPattern
names = [m.name for p in (reportlint.parsing, reportlint.checks) for m in pkgutil.iter_modules(p.__path__, p.__name__ + ".")]
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


def test_no_module_of_the_parser_or_the_rules_compiles_a_pattern_at_import():
    out = subprocess.run([sys.executable, "-c", _AT_IMPORT], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert int(out[0]) > 60
    assert out[1].strip() == "[]"


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
