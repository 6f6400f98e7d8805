"""One declaration of the settings (``reportlint.host.settings.SETTINGS``) makes the config file's
keys, the command line's options and the README's table: none can drift from the others."""

from __future__ import annotations

import dataclasses
import re

import click
import pytest

from reportlint.cli import check, serve
from reportlint.core.config import Config
from reportlint.core.limits import Limits
from reportlint.host.config import ConfigError, load_config, settings_table
from reportlint.host.settings import SETTINGS
from support.paths import REPO

#: Config fields that are no setting: filled by the host, not by the user.
NOT_SETTINGS = {"limits", "settings", "plugins", "root", "config_file", "review"}


def test_the_readme_table_is_the_one_the_settings_make():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- settings-table:[^\n]*-->\n(.*?)<!-- /settings-table -->", readme, re.S)
    assert found, "README.md lost its settings-table markers"
    assert found.group(1) == settings_table(), (
        "README's settings table is out of date: run python tests/support/update_docs.py"
    )


def test_every_field_of_config_and_limits_is_a_declared_setting():
    declared = {s.field for s in SETTINGS}
    fields = {f.name for f in dataclasses.fields(Config)} - NOT_SETTINGS
    limits = {f.name for f in dataclasses.fields(Limits)}
    assert declared == fields | limits


@pytest.mark.parametrize("command", [check, serve], ids=lambda c: c.name)
def test_every_command_line_option_of_check_and_serve_is_a_setting_or_the_config_file(command):
    options = {opt for param in command.params if isinstance(param, click.Option) for opt in param.opts}
    declared = {o for s in SETTINGS if command.name in s.commands for o in s.cli}
    assert options - {"--config"} == declared


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.kind in ("bool", "limit", "choice", "number")], ids=lambda s: s.key)
def test_each_setting_is_read_from_the_file_and_overridden_by_the_command_line(setting, tmp_path):
    default = getattr(Limits() if setting.is_limit else Config(), setting.field)
    other = _another(setting, default)
    (tmp_path / ".reportlint.toml").write_text(f"{setting.key} = {_toml(other)}\n", encoding="utf-8")
    loaded = load_config([str(tmp_path)])
    assert getattr(loaded.limits if setting.is_limit else loaded, setting.field) == other
    overridden = load_config([str(tmp_path)], overrides={setting.key: default})
    assert getattr(overridden.limits if setting.is_limit else overridden, setting.field) == default


@pytest.mark.parametrize("key, value", [("port", 65536), ("port", -1), ("max-files", 0), ("upload-timeout", 0),
                                        ("max-upload-bytes", True), ("port", "80")])
def test_a_number_out_of_its_bounds_is_refused_in_both_languages(key, value, tmp_path):
    (tmp_path / ".reportlint.toml").write_text(f"{key} = {_toml(value)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config([str(tmp_path)])
    assert key in str(refused.value) and key in refused.value.text("zh")


def _another(setting, default):
    if setting.kind == "bool":
        return not default
    if setting.kind == "choice":
        return next(c for c in setting.choices if c != default)
    return default // 2 if isinstance(default, int) else default / 2


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
