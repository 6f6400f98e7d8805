"""One declaration of the settings (``reportlint.host.settings.SETTINGS``) makes the config file's
keys, the command line's options and the README's table: none can drift from the others."""

from __future__ import annotations

import dataclasses
import re

import click
import pytest

from reportlint.cli import check
from reportlint.core.limits import Limits
from reportlint.host.config import Config, load_config, settings_table
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


def test_every_command_line_option_of_check_is_a_setting_or_the_config_file():
    options = {opt for param in check.params if isinstance(param, click.Option) for opt in param.opts}
    declared = {o for s in SETTINGS for o in s.cli}
    assert options - {"--config"} == declared


@pytest.mark.parametrize("setting", [s for s in SETTINGS if s.kind in ("bool", "limit", "choice")], ids=lambda s: s.key)
def test_each_setting_is_read_from_the_file_and_overridden_by_the_command_line(setting, tmp_path):
    default = getattr(Limits() if setting.is_limit else Config(), setting.field)
    other = _another(setting, default)
    (tmp_path / ".reportlint.toml").write_text(f"{setting.key} = {_toml(other)}\n", encoding="utf-8")
    loaded = load_config([str(tmp_path)])
    assert getattr(loaded.limits if setting.is_limit else loaded, setting.field) == other
    overridden = load_config([str(tmp_path)], overrides={setting.key: default})
    assert getattr(overridden.limits if setting.is_limit else overridden, setting.field) == default


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
