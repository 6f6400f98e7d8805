"""Each output format's shape; every JSON printed is validated against its schema."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from reportlint.core.resources import validate
from reportlint.formatters.text import source_excerpt
from support.paths import REPO

TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n本年坏 警\n"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))


def test_text_lines_are_flake8_style_with_a_fix_marker(run_cli, marker_plugin, write):
    result = run_cli(write("a.txt", TEXT), "--select", "TST", "--quiet")
    path = result.stdout.split(":")[0]
    assert result.stdout.splitlines() == [f"{path}:3:3: TST101 [*] 不应写“坏”", f"{path}:3:5: TST102 警告：警"]


def test_text_is_sorted_by_path_then_position(run_cli, marker_plugin, write, tmp_path):
    write("b.txt", TEXT)
    write("a.txt", "某某市商务局2021年政府信息公开工作年度报告\n警 坏\n一、总体情况\n坏\n")
    lines = run_cli(".", "--select", "TST", "-q", cwd=tmp_path).stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == ["a.txt:2:1", "a.txt:2:3", "a.txt:4:1", "b.txt:3:3", "b.txt:3:5"]


def test_text_ends_with_a_summary_unless_quiet(run_cli, marker_plugin, write):
    path = write("a.txt", TEXT)
    assert run_cli(path, "--select", "TST").stdout.splitlines()[-1] == (
        "检查了 1 个文件：发现 2 个问题（1 个错误，1 个警告）。其中 1 个 [*] 可用 --fix 自动修复。"
    )
    assert "检查了" not in run_cli(path, "--select", "TST", "-q").stdout


def test_lang_en_gives_english_messages_and_summary(run_cli, marker_plugin, write):
    out = run_cli(write("a.txt", TEXT), "--select", "TST", "--lang", "en").stdout
    assert "TST102 warning: 警" in out
    assert out.splitlines()[-1] == "Checked 1 file: found 2 problems (1 error, 1 warning). 1 [*] fixable with --fix."


def test_show_source_prints_the_line_and_a_caret_under_the_finding(run_cli, marker_plugin, write):
    out = run_cli(write("a.txt", TEXT), "--select", "TST101", "--show-source", "-q").stdout.splitlines()
    assert out[1:] == ["    3 | 本年坏 警", "      |     ^^"]


def test_caret_counts_wide_characters_as_two_columns():
    assert source_excerpt("ab坏c", 7, 3, 7, 4).splitlines()[1] == "      |   ^^"


def test_statistics_counts_per_code(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    write("b.txt", TEXT)
    out = run_cli(".", "--select", "TST", "--statistics", "-q", cwd=tmp_path).stdout.splitlines()
    assert out[-2:] == ["2     TST101 [*] bad-word", "2     TST102     warn-word"]


def test_json_follows_the_schema_and_spec(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    data = run_cli("a.txt", "--select", "TST", "--format", "json", cwd=tmp_path).json()
    [file] = data["files"]
    assert (file["path"], file["format"], file["year"]) == ("a.txt", "text", 2021)
    assert file["diagnostics"][0] == {
        "code": "TST101", "name": "bad-word", "severity": "error", "message": "不应写“坏”", "line": 3, "column": 3,
        "end_line": 3, "end_column": 4, "location": None,
        "fix": {"line": 3, "column": 3, "end_line": 3, "end_column": 4, "replacement": "好"},
        "plugin": "reportlint-test-plugin",
    }
    assert data["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 0,
                               "rules": {"TST101": {"files": 1, "findings": 1}, "TST102": {"files": 1, "findings": 1}},
                               "formats_by_year": {"2021": {"unknown": 1}}, "publication": {"on_time": 0, "late": 0, "unknown": 1}}
    assert file["families"] == {"TST1": {"error": 1, "warning": 1, "info": 0}}


def test_json_lists_clean_and_unreadable_files_too(run_cli, write, tmp_path):
    write("clean.txt", TEXT)
    data = run_cli("clean.txt", "missing.txt", "--select", "RL9", "--format", "json", cwd=tmp_path).json()
    assert [(f["path"], [d["code"] for d in f["diagnostics"]]) for f in data["files"]] == [
        ("clean.txt", []),
        ("missing.txt", ["RL901"]),
    ]
    assert data["files"][1]["format"] is None


def test_output_option_writes_to_a_file(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    result = run_cli("a.txt", "--select", "TST", "--format", "json", "--output", "out.json", cwd=tmp_path)
    assert result.stdout == ""
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    validate(data, "diagnostics")
    assert data["summary"]["error"] == 1


def test_sarif_is_valid_and_carries_rule_docs_and_fixes(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT)
    log = json.loads(run_cli("a.txt", "--select", "TST", "--format", "sarif", cwd=tmp_path).stdout)
    jsonschema.Draft202012Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == "TST101" == first["ruleId"]
    assert "it is bad" in rules[first["ruleIndex"]]["help"]["markdown"]
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 4}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "好"}
    assert run["results"][1]["level"] == "warning"


def test_github_annotations(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", TEXT + "注\n")
    lines = run_cli("a.txt", "--select", "TST", "--format", "github", cwd=tmp_path).stdout.splitlines()
    assert lines == [
        "::error file=a.txt,line=3,col=3,endLine=3,endColumn=4,title=TST101 bad-word::不应写“坏”",
        "::warning file=a.txt,line=3,col=5,endLine=3,endColumn=6,title=TST102 warn-word::警告：警",
        "::notice file=a.txt,line=4,col=1,endLine=4,endColumn=2,title=TST103 note-word::提示",
    ]


def test_junit_has_one_testcase_per_file_failing_at_the_fail_level(run_cli, marker_plugin, write, tmp_path):
    write("bad.txt", TEXT)
    write("warned.txt", "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n警\n")
    root = ET.fromstring(run_cli(".", "--select", "TST", "--format", "junit", cwd=tmp_path).stdout)
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    bad, warned = suite.findall("testcase")
    assert bad.get("name") == "bad.txt" and "bad.txt:3:3: TST101" in bad.find("failure").text
    assert warned.find("failure") is None and "TST102" in warned.find("system-out").text


def test_html_is_a_standalone_page_with_findings_marked_in_place(run_cli, marker_plugin, write, tmp_path):
    write("a.txt", "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n<b>坏</b>\n")
    page = run_cli("a.txt", "--select", "TST", "--format", "html", cwd=tmp_path).stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "&lt;b&gt;<mark>坏</mark>&lt;/b&gt;" in page
    assert '<tr class="error" id="f1-a.txt-L3">' in page
    assert '<span class="sev">错误</span>' in page and "不应写“坏”" in page and "bad-word" not in page
    assert not re.search(r"<(script|link|img)\b", page)


def test_unknown_format_is_a_usage_error(run_cli, write):
    result = run_cli(write("a.txt", TEXT), "--format", "xml")
    assert result.exit_code == 2 and "format 应为" in result.stderr and "'xml'" in result.stderr


def test_a_plugin_can_add_a_format(run_cli, add_plugin, marker_plugin, write):
    from reportlint import hookimpl
    from reportlint.formatters import Formatter

    class Codes(Formatter):
        def file(self, result):
            self.write("".join(d.code + "\n" for d in result.diagnostics))

    class CodesPlugin:
        @hookimpl
        def reportlint_formatters(self):
            return {"codes": Codes}

    add_plugin(CodesPlugin(), name="codes")
    assert run_cli(write("a.txt", TEXT), "--select", "TST", "--format", "codes").stdout == "TST101\nTST102\n"



def test_html_redraws_the_tables_with_the_flagged_cell_highlighted(run_cli, add_plugin, tmp_path):
    from reportlint import hookimpl
    from reportlint.core.diagnostic import Finding

    class FirstCell:
        @hookimpl
        def reportlint_rules(self):
            return [{"code": "CEL101", "name": "first-cell", "severity": "error", "message": "第一格"}]

        @hookimpl
        def reportlint_check(self, report):
            cell = next(c for c in report.cells if c.table == "三")
            yield Finding("CEL101", cell.line, cell.column_no, end_column=cell.end_column)

    add_plugin(FirstCell(), name="cell", dist="reportlint-cell")
    seed = REPO / "examples" / "reports" / "001_ef2c1c31100b3a17.txt"
    page = run_cli(seed, "--select", "CEL", "--format", "html", cwd=tmp_path).stdout
    assert "<h4>表三 收到和处理政府信息公开申请情况</h4>" in page
    [flagged] = re.findall(r'<td class="error"><a href="#([^"]*-L\d+)">[^<]*</a><sup>1</sup>', page)
    assert f'id="{flagged}"' in page
    assert re.search(r'<ol class="cellnotes"><li class="error" value="1">.*表三 [^<]+ × [^<]+.*第一格', page)


def test_sarif_uris_percent_encode_chinese_file_names(run_cli, marker_plugin, write, tmp_path):
    write("商务局.txt", TEXT)
    log = json.loads(run_cli("商务局.txt", "--select", "TST", "--format", "sarif", cwd=tmp_path).stdout)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "%E5%95%86%E5%8A%A1%E5%B1%80.txt", "uriBaseId": "%SRCROOT%"}


def test_show_source_of_a_one_line_page_shows_the_finding_in_its_context():
    from reportlint.formatters.text import display_width

    text = "前" * 500 + "行政规范性文件2025" + "后" * 500
    shown, caret = source_excerpt(text, 10, 508, 10, 512).splitlines()
    body, marks = shown[len("   10 | "):], caret[len("      | "):]
    assert body.startswith("…") and body.endswith("…") and len(body) < 100
    assert marks.index("^") == display_width(body[: body.index("2025")]) and marks.count("^") == 4


# --- untrusted names and text (issue 9) ----------------------------------------------------------

HOSTILE_TEXT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\x1b[2J\n五、存在问题\x1b]8;;http://x\x07及改进措施\n"


@pytest.fixture
def hostile_folder(tmp_path):
    import os

    (tmp_path / "a\x1b[31mred\nfake.txt:1:1: RL101 forged.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), b"bad-\xff\xfe.txt"), "wb") as fh:
        fh.write(HOSTILE_TEXT.encode("utf-8"))
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_terminal_formats_print_no_control_character_and_forge_no_record(hostile_folder, fmt):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "reportlint", "--format", fmt, "--show-source", str(hostile_folder)],
                          capture_output=True, timeout=120)
    out = proc.stdout.decode("utf-8")  # valid UTF-8, undecodable name bytes included
    assert not any(c in out for c in "\x1b\x07\x9b")
    assert not [line for line in out.splitlines() if line.startswith("fake.txt")]  # no forged record
    assert "bad-\\xff\\xfe.txt" in out


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "gitlab", "junit", "html"])
def test_structured_formats_stay_valid_with_hostile_names_and_text(hostile_folder, fmt):
    import json as json_module
    import subprocess
    import sys
    from xml.etree import ElementTree

    proc = subprocess.run([sys.executable, "-m", "reportlint", "--format", fmt, str(hostile_folder)], capture_output=True, timeout=120)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1, proc.stderr
    if fmt in ("json", "sarif", "gitlab"):
        json_module.loads(out)
    elif fmt == "json-lines":
        assert all(json_module.loads(line) for line in out.splitlines())
    elif fmt == "junit":
        ElementTree.fromstring(proc.stdout)
    assert "bad-\\xff\\xfe.txt" in out or "bad-%FF%FE.txt" in out or "bad-\\\\xff\\\\xfe.txt" in out
