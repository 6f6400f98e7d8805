"""The example plugin package, installed as a distribution, is found through its entry point.

The package is installed the way pip lays it out (the module plus a ``.dist-info`` with its
``entry_points.txt``, taken from the package's own pyproject.toml) into a folder that a fresh
``python -m reportlint`` process sees on ``sys.path``; the slow wheel test installs it with pip.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from reportlint.core.resources import load_toml, validate
from support.paths import REPO

EXAMPLE = REPO / "examples" / "reportlint-plugin-example"
NO_CONTACT = "某某市商务局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作。\n六、其他需要报告的事项\n无。\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    project = load_toml(EXAMPLE / "pyproject.toml")["project"]
    shutil.copytree(EXAMPLE / "src" / "reportlint_plugin_example", site / "reportlint_plugin_example")
    info = site / f"reportlint_plugin_example-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    points = project["entry-points"]["reportlint"]
    (info / "entry_points.txt").write_text("[reportlint]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()))
    return site


def reportlint(site, *args, cwd):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)


def test_rules_lists_the_plugins_rule_with_its_distribution(site, tmp_path):
    out = reportlint(site, "rules", cwd=tmp_path).stdout
    assert ["EX101", "contact-missing", "warning", "reportlint-plugin-example"] in [line.split()[:4] for line in out.splitlines()]


def test_rule_shows_the_plugins_documentation(site, tmp_path):
    out = reportlint(site, "rule", "EX101", cwd=tmp_path).stdout
    assert out.startswith("# EX101 contact-missing") and "本省要求" in out


def test_the_plugins_rule_fires_on_a_report(site, tmp_path):
    (tmp_path / "a.txt").write_text(NO_CONTACT, encoding="utf-8")
    result = reportlint(site, "a.txt", "--select", "EX1", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    validate(data, "diagnostics")
    [diagnostic] = data["files"][0]["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["plugin"]) == ("EX101", 5, "reportlint-plugin-example")
    assert diagnostic["message"] == "报告未写明政府信息公开咨询的联系方式（应含：联系电话、联系方式、咨询电话）"


def test_the_plugins_option_comes_from_its_config_table(site, tmp_path):
    (tmp_path / "a.txt").write_text(NO_CONTACT.replace("无。", "咨询热线：12345"), encoding="utf-8")
    (tmp_path / ".reportlint.toml").write_text('[example]\nkeywords = ["咨询热线"]\n', encoding="utf-8")
    result = reportlint(site, "a.txt", "--select", "EX1", cwd=tmp_path)
    assert "EX101" not in result.stdout and result.returncode == 0


def test_entry_points_are_read_from_distribution_folders_on_sys_path(tmp_path, monkeypatch):
    from reportlint.host.plugins import EntryPoint, entry_points

    info = tmp_path / "my_dist-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: my-dist\nVersion: 1.0\n\nName: not a header\n")
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nx = other:main\n\n[reportlint]\n# a comment\nfancy = json:JSONDecoder.decode [speedups]\n"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing.zip")])
    [point] = entry_points("reportlint")
    assert point == EntryPoint("fancy", "json:JSONDecoder.decode", "my-dist", "1.0")
    assert point.load() is json.JSONDecoder.decode
