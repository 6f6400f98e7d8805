"""The built-in modules are plugins like any other: found through the entry points, registered first,
and asked for their rules, templates and phrases through the same hooks as a third party."""

from __future__ import annotations

import importlib

import pytest

from reportlint.core.catalogue import rules_of
from reportlint.core.lexicon import builtin_lexicon
from reportlint.core.resources import data_dir, load_toml
from reportlint.core.templates import builtin_templates
from reportlint.host import plugins, registry
from support.paths import REPO

CHECKS = [name for name, module in plugins.BUILTIN_MODULES.items() if module.startswith("reportlint.checks.")]


def test_the_builtin_modules_are_pyprojects_entry_points():
    """BUILTIN_MODULES stands in for the entry points when the source tree is not installed: the same list."""
    declared = load_toml(REPO / "pyproject.toml")["project"]["entry-points"]["reportlint"]
    assert declared == plugins.BUILTIN_MODULES


def test_the_installed_distribution_declares_the_same_entry_points():
    """The distribution the tests run against (an editable install) lists the same modules."""
    installed = {ep.name: ep.value for ep in plugins.entry_points("reportlint") if ep.dist == plugins.BUILTIN_DIST}
    assert installed == plugins.BUILTIN_MODULES, "reinstall reportlint (pip install -e .): its entry points changed"


@pytest.mark.parametrize("name", CHECKS)
def test_each_rule_module_declares_its_own_catalogue_file(name):
    module = importlib.import_module(plugins.BUILTIN_MODULES[name])
    assert tuple(module.reportlint_rules()) == rules_of(name) and rules_of(name)


def test_every_catalogue_file_is_a_modules_or_the_hosts():
    files = {path.stem for path in (data_dir("rules") / "catalogue").glob("*.toml")}
    assert files == {*CHECKS, "host"}


def test_the_catalogue_is_the_hosts_rules_and_what_the_plugins_declare(fresh_plugins):
    by_plugin = {}
    for rule in registry.catalogue():
        by_plugin.setdefault(rule.plugin, set()).add(rule.code)
    assert by_plugin["reportlint"] == {r.code for name in (*CHECKS, "host") for r in rules_of(name)}


def _only(monkeypatch, keep) -> None:
    """The installed plugins are the built-in entry points named in ``keep`` (and what ``keep`` adds)."""
    found = [plugins.EntryPoint(name, module, plugins.BUILTIN_DIST, "0") for name, module in plugins.BUILTIN_MODULES.items()]
    chosen = [ep for ep in found if ep.name in keep] + [ep for ep in keep if isinstance(ep, plugins.EntryPoint)]
    monkeypatch.setattr(plugins, "entry_points", lambda group: iter(chosen))
    plugins.reset()


def test_without_a_builtin_module_its_rules_templates_and_phrases_are_gone(monkeypatch, fresh_plugins):
    """Nothing of a built-in module reaches the run but through its hooks: left out, it is not there."""
    _only(monkeypatch, {"structure", "statutes", "dates", "readers", "formatters"})
    codes = {rule.code for rule in registry.catalogue()}
    assert "RL601" not in codes and "RL301" not in codes and "RL501" not in codes
    assert {"RL101", "RL201", "RL401", "RL901"} <= codes
    assert registry.templates() == () and registry.lexicon().kinds == ()
    _only(monkeypatch, set(plugins.BUILTIN_MODULES))
    assert [t.id for t in registry.templates()] == [t.id for t in builtin_templates()]
    assert [k.id for k in registry.lexicon().kinds] == [k.id for k in builtin_lexicon().kinds]


def test_the_builtin_modules_come_first_whatever_the_order_of_sys_path(monkeypatch, tmp_path, fresh_plugins):
    """A province's template of a national id replaces the national one even when its distribution
    is found before reportlint's (the registry keeps the last plugin's entry of an id)."""
    (tmp_path / "jiangsu_formats.py").write_text(
        "import dataclasses\n"
        "from reportlint import hookimpl\n"
        "from reportlint.core.templates import builtin_templates\n\n"
        "@hookimpl\n"
        "def reportlint_templates():\n"
        "    return [dataclasses.replace(t, name='江苏省' + t.name) for t in builtin_templates() if t.id == '2021']\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [plugins.EntryPoint("jiangsu", "jiangsu_formats", "reportlint-jiangsu", "1.0")]
    found += [plugins.EntryPoint(name, module, plugins.BUILTIN_DIST, "0") for name, module in plugins.BUILTIN_MODULES.items()]
    monkeypatch.setattr(plugins, "entry_points", lambda group: iter(found))
    plugins.reset()
    keys = list(plugins.get_plugin_manager().infos)
    assert keys[-1] == "reportlint-jiangsu:jiangsu" and keys[0].startswith("reportlint:")
    assert next(t for t in registry.templates() if t.id == "2021").name.startswith("江苏省")
