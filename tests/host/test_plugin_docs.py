"""The cross-report plugin shown in docs/plugins.md works as printed: its code block alone, loaded as
a plugin — the rule's declaration included — finds two reports of one agency for one year, words
its message from the finding's arguments, and says what it could not compare."""

from __future__ import annotations

import re
import types

from reportlint.api import Config, lint_paths
from reportlint.host import runner
from support.paths import REPO
from support.series import series

def documented_plugin() -> types.ModuleType:
    page = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    section = page[page.index("## `reportlint_digest(report, config)`"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    module = types.ModuleType("js_plugin")
    exec(compile(code, "docs/plugins.md", "exec"), module.__dict__)
    return module


def test_the_documented_cross_report_plugin_works(tmp_path, add_plugin):
    add_plugin(documented_plugin(), name="js")
    agency = "平潭综合实验区经济发展局"
    (tmp_path / "a.txt").write_text(series(agency, [2022])[2022], encoding="utf-8")
    (tmp_path / "b.txt").write_text(series(agency, [2022], seed=3)[2022], encoding="utf-8")
    (tmp_path / "c.txt").write_text(series(agency, [2023])[2023], encoding="utf-8")
    results = lint_paths([str(tmp_path)], Config(select=("JS",)))
    found = {r.path.rsplit("/", 1)[-1]: [d.message for d in r.diagnostics] for r in results}
    assert found["c.txt"] == []
    assert found["a.txt"] == [f"2022年另有报告：{tmp_path / 'b.txt'}"]
    assert found["b.txt"] == [f"2022年另有报告：{tmp_path / 'a.txt'}"]
    notes: list[str] = []
    (tmp_path / "d.txt").write_text("一、总体情况\n二、主动公开政府信息情况\n2022年政府信息公开工作年度报告\n", encoding="utf-8")
    list(runner.run(sorted(str(p) for p in tmp_path.iterdir()), Config(select=("JS",), cache=False), notes=notes))
    assert notes == [f"{tmp_path / 'd.txt'}：没有机关名称"]
