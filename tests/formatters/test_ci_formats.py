"""What CI systems read (issue 13): positions of the file as stored (HTML lines, not extracted ones),
line 1 and a logical location for DOCX/PDF, SARIF for code scanning against the official schema,
JUnit that survives any text, GitLab Code Quality and JSON Lines against their published shapes."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import reportlint
from reportlint.core.resources import loads_toml, validate
from support.paths import FIXTURES, REPO, SAMPLE_REPORTS

SCHEMAS = Path(__file__).parent / "schemas"
OFFICIAL_SARIF = SCHEMAS / "sarif-schema-2.1.0.json"
XUNIT_JUNIT = SCHEMAS / "junit-10.xsd"
SEED = "000_46da6a5f0760e49a"


def official_sarif_validator():
    return jsonschema.Draft7Validator(json.loads(OFFICIAL_SARIF.read_text(encoding="utf-8")), format_checker=jsonschema.FormatChecker())


def test_the_official_schema_is_the_oasis_file():
    schema = json.loads(OFFICIAL_SARIF.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    assert hashlib.sha256(OFFICIAL_SARIF.read_bytes()).hexdigest() == "3f5f2d5ee0fd9b57cbe873a8bf870597cea6da7cbdff57f7bc34aea4570ce33b"


# --- positions --------------------------------------------------------------------------------------


def test_html_findings_stand_on_the_lines_and_columns_of_the_file(run_cli):
    page = FIXTURES / "seeds" / f"{SEED}.html"
    source = page.read_text(encoding="utf-8").splitlines()
    result = run_cli("check", "--no-cache", "--select", "RL103,RL201,RL504,RL602", "--format", "json", str(page))
    found = result.json()["files"][0]["diagnostics"]
    assert len(found) >= 4
    for d in found:
        line = source[d["line"] - 1]
        at = line[d["column"] - 1 :]
        if d["code"] == "RL103":
            assert at[:1].isdigit() and at[1:2] == "、" and at[:2] in d["message"], (d["message"], line)
        elif d["code"] == "RL201":
            assert at.startswith("第二十六条"), line
        elif d["code"] == "RL602":
            assert at.startswith("[bookmark"), line


def test_github_and_sarif_put_html_findings_on_the_file_line(run_cli):
    page = str(FIXTURES / "seeds" / f"{SEED}.html")
    github = run_cli("check", "--no-cache", "--select", "RL201", "--format", "github", page).stdout
    sarif = json.loads(run_cli("check", "--no-cache", "--select", "RL201", "--format", "sarif", page).stdout)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    source = Path(page).read_text(encoding="utf-8").splitlines()
    assert "第二十六条第（六）项" in source[region["startLine"] - 1]
    assert f"line={region['startLine']},col={region['startColumn']}," in github


def test_a_message_citing_another_line_cites_the_files_line(run_cli):
    """RL104 names the line of the first use of a number: for a web page, the HTML file's line (where
    the finding itself stands), not the line of the extracted text."""
    page = FIXTURES / "seeds" / "002_c25dc2a8f623cf43.html"
    source = page.read_text(encoding="utf-8").splitlines()
    found = run_cli("check", "--no-cache", "--select", "RL104", "--format", "json", str(page)).json()["files"][0]["diagnostics"]
    cited = {d["message"].split("（第", 1)[1].split("行", 1)[0] for d in found}
    assert len(found) == 2 and cited == {"26", "61"}
    for d in found:
        first = source[int(d["message"].split("（第", 1)[1].split("行", 1)[0]) - 1]
        assert d["message"][d["message"].index("“") + 1] in first and "、" in first


def test_a_message_citing_a_place_on_the_same_line_gives_its_column():
    """A page saved on one line: "line 1" would say nothing, the column says where."""
    from reportlint.api import Config, lint_bytes

    page = (FIXTURES / "seeds" / "002_c25dc2a8f623cf43.html").read_text(encoding="utf-8").replace("\n", "")
    found = lint_bytes(page.encode("utf-8"), "a.html", Config(select=("RL104",))).diagnostics
    assert len(found) == 2
    for d in found:
        column = int(d.message.split("（第1行第", 1)[1].split("列", 1)[0])
        assert page[column - 1 :].startswith(d.message[d.message.index("“") + 1]) and column < d.column


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_docx_and_pdf_findings_are_annotated_on_line_1_with_where_they_are(suffix, run_cli):
    path = str(FIXTURES / "seeds" / f"{SEED}{suffix}")
    sarif = json.loads(run_cli("check", "--no-cache", "--format", "sarif", path).stdout)
    official_sarif_validator().validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results
    for r in results:
        location = r["locations"][0]
        assert location["physicalLocation"]["region"] == {"startLine": 1}
        assert "fixes" not in r
        if "logicalLocations" in location:
            assert location["logicalLocations"][0]["name"] in r["message"]["text"]
    assert any("logicalLocations" in r["locations"][0] for r in results)
    github = run_cli("check", "--no-cache", "--format", "github", path).stdout.splitlines()
    assert github and all(",line=1,title=" in line for line in github)
    gitlab = json.loads(run_cli("check", "--no-cache", "--format", "gitlab", path).stdout)
    assert {issue["location"]["lines"]["begin"] for issue in gitlab} == {1}


# --- SARIF for code scanning ------------------------------------------------------------------------


def sarif_of(run_cli, *args, cwd=None):
    return json.loads(run_cli("check", "--no-cache", "--format", "sarif", *args, cwd=cwd).stdout)


def test_sarif_is_valid_against_the_official_schema_for_every_kind_of_file(run_cli):
    files = [str(p) for p in sorted((FIXTURES / "seeds").glob(f"{SEED}.*")) if p.suffix != ".json"]
    official_sarif_validator().validate(sarif_of(run_cli, *files, str(SAMPLE_REPORTS)))


def test_sarif_uris_are_relative_to_srcroot(run_cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_bytes((SAMPLE_REPORTS / f"{SEED}.txt").read_bytes())
    log = sarif_of(run_cli, "a.txt", "--select", "RL103", cwd=tmp_path / "reports")
    run = log["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "reports/a.txt", "uriBaseId": "%SRCROOT%"}  # from the repository's root
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_github_sarif_and_gitlab_name_a_file_from_the_same_root(run_cli, tmp_path):
    """Run from a folder inside the repository: every CI format names the file from the repository's
    root (GitHub resolves ``file=`` there too), not one from the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "reports" / "2023").mkdir(parents=True)
    (tmp_path / "reports" / "2023" / "a.txt").write_bytes((SAMPLE_REPORTS / f"{SEED}.txt").read_bytes())
    here = tmp_path / "reports"
    args = ("check", "--no-cache", "--select", "RL103", "2023/a.txt")
    github = run_cli(*args, "--format", "github", cwd=here).stdout.splitlines()
    sarif = json.loads(run_cli(*args, "--format", "sarif", cwd=here).stdout)["runs"][0]["results"]
    gitlab = json.loads(run_cli(*args, "--format", "gitlab", cwd=here).stdout)
    assert github and sarif and gitlab
    assert {line.split("file=", 1)[1].split(",", 1)[0] for line in github} == {"reports/2023/a.txt"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif} == {"reports/2023/a.txt"}
    assert {i["location"]["path"] for i in gitlab} == {"reports/2023/a.txt"}


def test_sarif_fingerprints_survive_edits_above_a_finding(run_cli, tmp_path):
    text = (SAMPLE_REPORTS / f"{SEED}.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    before = sarif_of(run_cli, "a.txt", cwd=tmp_path)["runs"][0]["results"]
    (tmp_path / "a.txt").write_text("\n\n" + text, encoding="utf-8")
    after = sarif_of(run_cli, "a.txt", cwd=tmp_path)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["reportlint/v1"] for r in before]
    assert prints == [r["partialFingerprints"]["reportlint/v1"] for r in after]
    assert len(set(prints)) == len(prints)  # identical findings of one file are told apart
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] != \
           [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before]


def test_sarif_describes_only_the_selected_rules_with_a_short_description_and_help_uri(run_cli):
    log = sarif_of(run_cli, str(SAMPLE_REPORTS), "--select", "RL1,RL201")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == {r for r in {x["id"] for x in rules}} and all(
        r["id"].startswith("RL1") or r["id"] == "RL201" for r in rules)
    assert "RL301" not in {r["id"] for r in rules} and "RL201" in {r["id"] for r in rules}
    for rule in rules:
        short = rule["shortDescription"]["text"]
        assert "\n" not in short and len(short) < len(rule["fullDescription"]["text"]) + 1
        assert rule["helpUri"] == f"https://github.com/reportlint/reportlint/blob/main/docs/rules/{rule['id']}.md"
        assert (REPO / "docs" / "rules" / f"{rule['id']}.md").is_file()  # a page that exists, on the published branch
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_rule_texts_follow_the_language(run_cli):
    log = sarif_of(run_cli, str(SAMPLE_REPORTS), "--select", "RL101", "--lang", "en")
    [rule] = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["shortDescription"]["text"].isascii() or "“" in rule["shortDescription"]["text"]
    assert "What it does" in rule["help"]["markdown"]


# --- JUnit ------------------------------------------------------------------------------------------


def test_junit_survives_control_characters_and_has_times_and_the_language(run_cli, tmp_path):
    text = (SAMPLE_REPORTS / f"{SEED}.txt").read_text(encoding="utf-8").replace("2、", "2、\x0b\x01", 1)
    (tmp_path / "a\x0bb.txt").write_text(text, encoding="utf-8")
    out = run_cli("check", "--no-cache", "--format", "junit", ".", cwd=tmp_path).stdout
    root = ET.fromstring(out)
    case = root.find("testsuite/testcase")
    assert float(case.get("time")) > 0 and float(root.find("testsuite").get("time")) >= float(case.get("time"))
    assert case.find("failure").get("message").endswith("个问题")
    english = ET.fromstring(run_cli("check", "--no-cache", "--format", "junit", "--lang", "en", ".", cwd=tmp_path).stdout)
    assert english.find("testsuite/testcase/failure").get("message").endswith("problems")


def junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(XUNIT_JUNIT)))


def test_the_junit_schema_is_the_jenkins_xunit_file():
    assert hashlib.sha256(XUNIT_JUNIT.read_bytes()).hexdigest() == "a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6"


def test_junit_is_valid_against_the_jenkins_xunit_schema_for_every_kind_of_file(run_cli, tmp_path):
    from lxml import etree

    files = [str(p) for p in sorted((FIXTURES / "seeds").glob(f"{SEED}.*")) if p.suffix != ".json"]
    (tmp_path / "a\x0bb <&>.txt").write_bytes((SAMPLE_REPORTS / f"{SEED}.txt").read_bytes())
    (tmp_path / "not-a-report.docx").write_bytes(b"PK\x03\x04 damaged")
    schema = junit_schema()
    for args in ([*files, str(SAMPLE_REPORTS)], [str(tmp_path)], ["--fail-on", "info", str(SAMPLE_REPORTS)]):
        document = etree.fromstring(run_cli("check", "--no-cache", "--format", "junit", *args).stdout.encode("utf-8"))
        assert schema.validate(document), schema.error_log
        assert document.find("testsuite/testcase") is not None


# --- a run that finds no file ----------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["empty", "all-excluded"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab", "json-lines", "html"])
def test_an_empty_run_writes_the_formats_valid_empty_document(fmt, folder, run_cli, tmp_path):
    """upload-sarif, a Code Quality artifact or a JUnit report step fails on a missing or empty file:
    a run that lints nothing writes the format's empty document, to -o as to stdout."""
    from lxml import etree

    reports = tmp_path / "reports"
    reports.mkdir()
    exclude = ()
    if folder == "all-excluded":
        (reports / "drafts").mkdir()
        (reports / "drafts" / "a.txt").write_bytes((SAMPLE_REPORTS / f"{SEED}.txt").read_bytes())
        exclude = ("--exclude", "drafts")
    out = tmp_path / f"out.{fmt}"
    result = run_cli("check", "--no-cache", "--format", fmt, *exclude, "-o", str(out), str(reports))
    assert result.exit_code == 0 and "没有找到报告文件" in result.stderr
    assert out.exists()
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        validate(data, "diagnostics")
        assert data["files"] == [] and data["summary"]["files"] == 0
    elif fmt == "sarif":
        data = json.loads(text)
        official_sarif_validator().validate(data)
        assert data["runs"][0]["results"] == []
    elif fmt == "junit":
        document = etree.fromstring(text.encode("utf-8"))
        schema = junit_schema()
        assert schema.validate(document), schema.error_log
        assert document.get("tests") == "0"
    elif fmt == "gitlab":
        assert json.loads(text) == []
    elif fmt == "json-lines":
        assert text == ""  # no diagnostic, no line: a valid (empty) JSON Lines file
    else:
        assert etree.fromstring(text.encode("utf-8"), etree.HTMLParser()).find(".//h1") is not None
    assert run_cli("check", "--no-cache", "--format", fmt, *exclude, str(reports)).stdout == text


# --- GitLab Code Quality and JSON Lines -------------------------------------------------------------


def test_gitlab_code_quality_has_the_published_shape(run_cli):
    files = [str(p) for p in sorted((FIXTURES / "seeds").glob(f"{SEED}.*")) if p.suffix != ".json"]
    issues = json.loads(run_cli("check", "--no-cache", "--format", "gitlab", *files, str(SAMPLE_REPORTS)).stdout)
    jsonschema.Draft202012Validator(json.loads((SCHEMAS / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))).validate(issues)
    assert len(issues) > 20
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab shows one issue per fingerprint
    assert {i["severity"] for i in issues} <= {"info", "minor", "major"}
    assert all(not i["location"]["path"].startswith("/") for i in issues)


def test_gitlab_of_nothing_is_an_empty_array(run_cli, tmp_path):
    (tmp_path / "a.txt").write_bytes((SAMPLE_REPORTS / "004_fe63b0f92ece0c02.txt").read_bytes())  # a clean report
    assert json.loads(run_cli("check", "--no-cache", "--select", "RL2", "--format", "gitlab", "a.txt", cwd=tmp_path).stdout) == []


def test_json_lines_is_one_valid_diagnostic_per_line(run_cli):
    out = run_cli("check", "--no-cache", "--format", "json-lines", str(SAMPLE_REPORTS)).stdout
    lines = out.splitlines()
    assert len(lines) > 20
    for line in lines:
        validate(json.loads(line), "diagnostic-line")
    whole = run_cli("check", "--no-cache", "--format", "json", str(SAMPLE_REPORTS)).json()
    assert len(lines) == sum(len(f["diagnostics"]) for f in whole["files"])


@pytest.mark.parametrize("variant", ["as-published", "one-line", "crlf"])
def test_html_positions_stay_inside_the_file_in_every_layout(variant):
    from reportlint.api import Config, lint_bytes
    from reportlint.core.document import split_lines

    for page in sorted((FIXTURES / "seeds").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if variant == "one-line":
            text = text.replace("\n", "")
        elif variant == "crlf":
            text = text.replace("\n", "\r\n")
        lines = split_lines(text)
        found = lint_bytes(text.encode("utf-8"), page.name, Config()).diagnostics
        assert found
        for d in found:
            for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
                assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1, (variant, d)
            if d.code == "RL103":
                at = lines[d.line - 1][d.column - 1 :]
                assert at[:2] in d.message, (variant, at[:20])


def test_the_rule_pages_are_under_the_home_page_pyproject_declares():
    """SARIF's helpUri is made from reportlint.HOMEPAGE (no package metadata read at run time): it is
    the Homepage of pyproject's [project.urls]."""
    urls = loads_toml((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Homepage"] == reportlint.HOMEPAGE
