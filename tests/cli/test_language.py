"""One language at a time (issue 13): with ``--lang en`` everything reportlint writes is English —
rule docs, messages, locations, RL9xx and RL308 reasons, stderr lines, the summary — but for report
text it quotes; with the default ``zh`` its stderr lines are Chinese. ``--lang`` works before the
subcommand too."""

from __future__ import annotations

import re

import pytest

from reportlint.api import Config, lint_bytes
from reportlint.host.registry import catalogue
from support import make_report, render
from support.mutations import MUTATIONS
from support.paths import FIXTURES, SAMPLE_REPORTS

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: Report text an English message may quote: in quotes of any kind, or a code block of an example.
QUOTED = re.compile(r"《[^》]*》|“[^”]*”|‘[^’]*’|'[^']*'|\"[^\"]*\"|「[^」]*」|```.*?```", re.S)


def unquoted_han(text: str) -> list[str]:
    """The Han characters of ``text`` outside quoted report text, with some context."""
    bare = QUOTED.sub("", text)
    return [bare[max(0, m.start() - 15): m.end() + 15] for m in HAN.finditer(bare)]


def test_the_checker_sees_han_outside_quotes():
    assert unquoted_han("caption '第二十条' differs") == []
    assert unquoted_han("table 三 label") != []


@pytest.mark.parametrize("rule", list(catalogue()), ids=lambda r: r.code)
def test_every_rule_doc_and_message_is_english(rule):
    assert unquoted_han(rule.markdown("en")) == []
    assert unquoted_han(re.sub(r"\{[a-z_]+\}", "", rule.message["en"])) == []
    assert HAN.search(rule.short_description("en")) is None or unquoted_han(rule.short_description("en")) == []


def _corpus() -> list[tuple[str, bytes]]:
    files = [p for p in sorted((FIXTURES / "seeds").iterdir()) if p.suffix in (".txt", ".docx", ".html", ".pdf")]
    files += [p for p in sorted((FIXTURES / "real").iterdir()) if p.suffix in (".txt", ".pdf")]
    files += sorted(SAMPLE_REPORTS.glob("*.txt"))
    out = [(p.name, p.read_bytes()) for p in files]
    for template_id in ("2019", "2021"):
        clean = make_report(template_id, 2022 if template_id == "2021" else 2020)
        for m in MUTATIONS:
            if template_id in m.templates:
                out.append((f"{m.code}-{template_id}.txt", render(m.inject(clean), "tab-rows").encode("utf-8")))
    out.append(("unreadable.docx", b"PK\x03\x04 not a zip"))
    out.append(("empty.txt", b""))
    return out


@pytest.mark.slow
def test_english_findings_on_every_kind_of_report_are_english():
    problems = []
    for name, data in _corpus():
        for d in lint_bytes(data, name, Config(lang="en")).diagnostics:
            for text in (d.message, d.location or ""):
                if found := unquoted_han(text):
                    problems.append(f"{name} {d.code}: {text} -> {found}")
    assert problems == []


def test_lang_before_the_subcommand(run_cli):
    result = run_cli("--lang", "en", "rule", "RL301")
    assert result.exit_code == 0 and "What it does" in result.stdout
    assert run_cli("--lang=en", "rules").exit_code == 0


def test_rules_lists_the_summaries_in_the_language(run_cli):
    english = run_cli("rules", "--lang", "en")
    assert english.exit_code == 0 and "summary" in english.stdout.splitlines()[0]
    assert unquoted_han(english.stdout) == []
    assert HAN.search(run_cli("rules").stdout)


def test_stderr_is_chinese_by_default_and_english_on_request(run_cli, tmp_path):
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert "没有找到" in run_cli("check", str(tmp_path)).stderr
    english = run_cli("check", "--lang", "en", str(tmp_path)).stderr
    assert "no report files found" in english and not HAN.search(english.replace(str(tmp_path), ""))


def test_the_summary_and_diff_lines_follow_the_language(run_cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text((SAMPLE_REPORTS / sorted(p.name for p in SAMPLE_REPORTS.glob("*.txt"))[0]).read_text(encoding="utf-8"),
                      encoding="utf-8")
    zh = run_cli("check", "--diff", str(report)).stderr
    en = run_cli("check", "--diff", "--lang", "en", str(report)).stderr
    assert "将修复" in zh and "would fix" in en


# --- what goes wrong before a run: usage and configuration errors -----------------------------------

#: Words an error may hold in Chinese too: names of the program, options, settings and arguments.
IDENTIFIERS = {"reportlint", "TOML", "OPTIONS", "PATHS", "CODE_OR_NAME", "mkdir", "p", "select", "rules", "rule",
               "check", "extract", "pyproject", "toml", "tool", "ignore", "jiangsu", "html", "json", "format", "out", "nope", "help"}

USAGE_AND_CONFIG_ERRORS = {
    "a misspelt code": (["check", "--select", "RL3O1", "."], None, "'RL301'"),
    "an unknown option": (["check", "--frobnicate", "."], None, "--frobnicate"),
    "a value not among the choices": (["check", "--fail-on", "fatal", "."], None, "'fatal'"),
    "a missing argument": (["extract"], None, "PATHS"),
    "a misspelt rule name": (["rule", "aplication-balance"], None, "'application-balance'"),
    "a plugin's table without the plugin": (["check", "."], '[tool.reportlint]\n[tool.reportlint.jiangsu]\nx = 1\n', "'jiangsu'"),
    "a TOML syntax error": (["check", "."], '[tool.reportlint]\nselect = ["RL1"\nignore = 3\n', "pyproject.toml:3:1:"),
    "an -o folder that does not exist": (["check", ".", "--format", "html", "-o", "out/"], None, "mkdir -p 'out/'"),
    "an -o file in a folder that does not exist": (["check", ".", "--format", "json", "-o", "nope/a.json"], None, "'nope'"),
}


def english_words(text: str) -> list[str]:
    """Words of English in ``text`` outside quotes, options, paths, codes and identifiers."""
    bare = QUOTED.sub("", text)
    bare = re.sub(r"`[^`]*`|--?[a-z][a-z-]*|\S*/\S*|RL\d+|\S+\.toml\S*", "", bare)
    return [w for w in re.findall(r"[A-Za-z_]{2,}", bare) if w not in IDENTIFIERS]


@pytest.mark.parametrize("case", list(USAGE_AND_CONFIG_ERRORS), ids=str)
def test_usage_and_config_errors_are_chinese_by_default_and_english_on_request(case, run_cli, tmp_path):
    args, config, detail = USAGE_AND_CONFIG_ERRORS[case]
    (tmp_path / "a.txt").write_bytes((SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt").read_bytes())
    if config:
        (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    chinese = run_cli(*args, cwd=tmp_path)
    english = run_cli(args[0], "--lang", "en", *args[1:], cwd=tmp_path)
    assert chinese.exit_code == english.exit_code == 2
    said = chinese.stderr.replace(str(tmp_path), "")
    assert detail in said and HAN.search(said) and english_words(said) == [], said
    assert detail in english.stderr and unquoted_han(english.stderr.replace(str(tmp_path), "")) == [], english.stderr
    for raw in ("Is a directory", "No such file or directory", "TOMLDecodeError", "unknown setting"):
        assert raw not in chinese.stderr + english.stderr


def test_a_misspelt_rule_gets_a_did_you_mean(run_cli):
    result = run_cli("rule", "aplication-balance", "--lang", "en")
    assert result.exit_code == 2 and "did you mean 'application-balance'?" in result.stderr
    assert "是否想写 'RL301'" in run_cli("rule", "RL3O1").stderr


def test_a_plugins_table_without_the_plugin_names_the_plugin(run_cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.reportlint.jiangsu]\nkeywords = ['x']\n", encoding="utf-8")
    result = run_cli("check", "--lang", "en", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert "[tool.reportlint.jiangsu] configures the plugin 'jiangsu', which is not installed" in result.stderr


def test_a_toml_syntax_error_gives_its_line_and_shows_it(run_cli, tmp_path):
    (tmp_path / ".reportlint.toml").write_text('select = ["RL1"]\nignore = "RL2\nfail-on = "warning"\n', encoding="utf-8")
    result = run_cli("check", "--lang", "en", ".", cwd=tmp_path)
    assert result.exit_code == 2
    head, shown, caret = result.stderr.rstrip("\n").splitlines()
    assert head.endswith(".reportlint.toml:2:14: TOML syntax error: Illegal character '\\n'")
    assert shown == '  2 | ignore = "RL2' and caret == "    |" + " " * 14 + "^"


def test_every_configuration_error_is_worded_in_both_languages():
    """``ConfigError(english, chinese)`` everywhere: an error raised with one text would reach a
    Chinese user in English (or crash: the Chinese text is required)."""
    import ast

    from support.paths import REPO

    calls = 0
    for module in sorted((REPO / "src" / "reportlint").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ConfigError":
                calls += 1
                assert len(node.args) == 2 and not node.keywords, f"{module.name}:{node.lineno}: ConfigError needs (english, chinese)"
    assert calls >= 30
