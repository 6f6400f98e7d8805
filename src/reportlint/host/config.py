"""Settings for one run: ``[tool.reportlint]`` from a config file, overridden by the command line,
read into a :class:`~reportlint.core.config.Config` (the frozen object every plugin is handed).

The config file is ``.reportlint.toml`` or a ``pyproject.toml`` with a ``[tool.reportlint]`` table,
found by walking upward from the linted paths (``--config FILE`` names one). Every key is checked
(:mod:`reportlint.host.settings` declares the host's, the registry knows the rules' and plugins'): an
unknown key, a value of the wrong type or range, or a rule selector that names no rule is a
:class:`ConfigError`, which the command line turns into exit status 2. A misspelt ``ignore`` that
silently ignores nothing is worse than a refusal to run.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from reportlint.core.config import Config
from reportlint.core.limits import Limits
from reportlint.core.patterns import lazy
from reportlint.core.resources import loads_toml
from reportlint.host import registry, startup
from reportlint.host.cache import usable as cache_usable
from reportlint.host.plugins import get_plugin_manager
from reportlint.host.settings import BY_KEY, COMMAND_LINE, LANGS, SETTINGS, ConfigError, parse, place, suggest, type_name

__all__ = ["ConfigError", "load_config", "find_config_file", "settings_table"]

CONFIG_FILES = (".reportlint.toml", "pyproject.toml")
#: A config file or a baseline is read only from a regular file no larger than these.
MAX_CONFIG_BYTES = 1 << 20
MAX_BASELINE_BYTES = 1 << 28


# --- loading -------------------------------------------------------------------------------------


def find_config_file(paths: Sequence[str]) -> Path | None:
    """The nearest config file above the linted paths (their common directory, walking upward)."""
    start = _common_dir(paths or ["."])
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and _table_of(candidate) is not None:
                return candidate
    return None


def load_config(
    paths: Sequence[str] = (),
    config_file: str | os.PathLike | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Discover (or read) the config file, then apply command-line ``overrides``.

    ``overrides`` uses the same kebab-case keys as the file; ``None`` values are left out, and
    ``extend-select`` adds to the file's list where every other key replaces the file's value.
    """
    if config_file is not None:
        path = Path(config_file)
        table = _table_of(path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.reportlint] table", f"{path}：没有 [tool.reportlint] 表")
    else:
        path = find_config_file(paths)
        table = _table_of(path) if path else {}
    root = str(path.parent) if path else os.getcwd()
    values = dict(table or {})
    origins = dict.fromkeys(values, str(path))  # which file or option an error is to name
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key == "extend-select":
            value = [*values.get(key, ()), *value]
        values[key] = value
        origins[key] = COMMAND_LINE
    try:
        return _build(values, origins, root=root, config_file=str(path) if path else None)
    except ConfigError as exc:  # said in the language the run asked for, when it asked
        exc.lang = values.get("lang") if values.get("lang") in LANGS else None
        raise


def read_setting_file(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of a config or baseline file: a regular file of bounded size (never a device, a
    pipe or /dev/zero, which would hang or exhaust memory)."""
    zh = _FILE_WORDS.get(what, what)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{what} {str(path)!r} is not a regular file", f"{zh} {str(path)!r} 不是普通文件")
        if info.st_size > limit:
            raise ConfigError(f"{what} {str(path)!r} is larger than {limit} bytes", f"{zh} {str(path)!r} 超过 {limit} 字节")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ConfigError(f"{what} {str(path)!r} not found", f"找不到{zh} {str(path)!r}") from None
    except OSError as exc:
        raise ConfigError(f"{what} {str(path)!r} cannot be read: {exc.strerror or exc}",
                          f"{zh} {str(path)!r} 无法读取：{exc.strerror or exc}") from None
    if len(data) > limit:
        raise ConfigError(f"{what} {str(path)!r} is larger than {limit} bytes", f"{zh} {str(path)!r} 超过 {limit} 字节")
    return data


#: The files read_setting_file reads, in Chinese.
_FILE_WORDS = {"config file": "配置文件", "baseline file": "基线文件"}


def _table_of(path: Path) -> dict | None:
    raw = read_setting_file(path, MAX_CONFIG_BYTES, "config file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start + 1})", f"{path}：不是 UTF-8 文本（第 {exc.start + 1} 字节）") from None
    try:
        data = loads_toml(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        raise _toml_error(path, text, exc) from None
    tool = data.get("tool", {}).get("reportlint")
    if tool is not None:
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: [tool.reportlint] must be a table", f"{path}：[tool.reportlint] 应为表")
        return tool
    if path.name == ".reportlint.toml":
        return data  # its keys may stand at the top level
    return None


#: Where tomllib says a syntax error is ("(at line 3, column 9)", "(at end of document)").
_TOML_AT = lazy(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


#: tomllib's reasons (Python 3.11–3.13, tomli 2) in Chinese; a reason not listed is shown as it is.
_TOML_REASONS_ZH = (
    (lazy(r"^Unclosed array$"), "数组没有闭合（缺少 ]）"),
    (lazy(r"^Unclosed inline table$"), "内联表没有闭合（缺少 }）"),
    (lazy(r"^Unterminated string$"), "字符串没有结束引号"),
    (lazy(r"^Invalid value$"), "无效的值"),
    (lazy(r"^Invalid statement$"), "无效的语句"),
    (lazy(r"^Cannot overwrite a value$"), "不能重复给同一个键赋值"),
    (lazy(r"^Cannot declare (.+) twice$"), r"\1 声明了两次"),
    (lazy(r"^Expected '=' after a key in a key/value pair$"), "键后面应为“=”"),
    (lazy(r"^Expected ']' at the end of a table declaration$"), "表头应以“]”结束"),
    (lazy(r"^Expected ']]' at the end of an array declaration$"), "数组表头应以“]]”结束"),
    (lazy(r"^Expected newline or end of document after a statement$"), "语句之后应换行"),
    (lazy(r"^Invalid initial character for a key part$"), "键的首字符无效"),
    (lazy(r"^Invalid date or datetime$"), "无效的日期或时间"),
    (lazy(r"^Found invalid character (.+)$"), r"出现无效字符 \1"),
    (lazy(r"^Illegal character (.+)$"), r"非法字符 \1"),
)


def _toml_reason_zh(reason: str) -> str:
    for pattern, chinese in _TOML_REASONS_ZH:
        if pattern.match(reason):
            return pattern.sub(chinese, reason)
    return reason


def _toml_error(path: Path, text: str, exc: Exception) -> ConfigError:
    """A TOML syntax error as an editor's problem matcher reads it, ``FILE:LINE:COL: reason``, with
    the line itself and a caret under the place."""
    reason = str(exc)
    found = _TOML_AT.search(reason)
    lines = text.splitlines() or [""]
    if isinstance(exc, RecursionError) or found is None:
        return ConfigError(f"{path}: TOML syntax error: {type(exc).__name__}: {reason}",
                           f"{path}：TOML 语法错误：{type(exc).__name__}：{reason}")
    reason = reason[: found.start()]
    if found.group(1):
        line, column = int(found.group(1)), int(found.group(2))
    else:  # at the end of the document: after the last character
        line, column = len(lines), len(lines[-1]) + 1
    shown = lines[line - 1] if line <= len(lines) else ""
    source = f"\n  {line} | {shown}\n  {' ' * len(str(line))} | {' ' * (column - 1)}^"
    return ConfigError(f"{path}:{line}:{column}: TOML syntax error: {reason}{source}",
                       f"{path}:{line}:{column}: TOML 语法错误：{_toml_reason_zh(reason)}{source}")


def _common_dir(paths: Iterable[str]) -> Path:
    resolved = []
    for p in paths:
        path = Path(p).absolute()
        resolved.append(str(path if path.is_dir() else path.parent))
    try:
        return Path(os.path.commonpath(resolved))
    except ValueError:  # different drives on Windows
        return Path(resolved[0])


def _build(values: dict, origins: dict, root: str, config_file: str | None) -> Config:
    output_formats = tuple(registry.formatters())
    kwargs: dict[str, Any] = {"root": root, "config_file": config_file}
    limits: dict[str, Any] = {}
    for key, value in values.items():  # first the host's settings that need no catalogue
        setting = BY_KEY.get(key)
        if setting is not None and setting.kind not in _NEED_CATALOGUE:
            parsed = parse(setting, value, origins[key], output_formats=output_formats)
            (limits if setting.is_limit else kwargs)[setting.field] = parsed
    if limits:
        kwargs["limits"] = dataclasses.replace(Limits(), **limits)
    if cache_usable(Config(**kwargs)):  # the cache folder also keeps reportlint's start-up (host/startup.py)
        startup.open_folder(kwargs.get("cache_dir"), root)
    catalogue = registry.catalogue()
    rule_options = catalogue.option_specs()
    plugin_defaults = registry.plugin_options()
    settings: dict[str, Any] = {}
    plugin_tables: dict[str, dict] = {}
    for key, value in values.items():
        where = origins[key]
        if key in BY_KEY:
            setting = BY_KEY[key]
            if setting.kind in _NEED_CATALOGUE:
                kwargs[setting.field] = parse(setting, value, where, catalogue=catalogue)
        elif key in rule_options:
            settings[key] = rule_option(key, value, where, rule_options[key])
        elif key in plugin_defaults:
            plugin_tables[key] = _plugin_table(key, value, where, plugin_defaults[key])
        elif isinstance(value, dict):  # [tool.reportlint.<name>]: a plugin's table, and no such plugin
            raise _missing_plugin(key, where)
        else:
            close = suggest(key, [*BY_KEY, *rule_options, *plugin_defaults])
            raise ConfigError(f"{where}: unknown setting {key!r}" + close.en, f"{place(where)}：未知的设置 {key!r}" + close.zh)
    kwargs["settings"] = {**catalogue.option_defaults(), **settings}
    kwargs["plugins"] = {**plugin_defaults, **plugin_tables}
    config = Config(**kwargs)
    _refuse_conflicts(config)
    return config


#: The kinds of setting whose values are checked against the rule catalogue.
_NEED_CATALOGUE = ("selectors", "per-file")


def _refuse_conflicts(config: Config) -> None:
    """Settings that cannot be honoured together are refused before anything is read or written."""
    if config.fix and config.diff:
        raise ConfigError("--fix and --diff cannot be combined: --diff shows the fixes without writing them",
                          "--fix 与 --diff 不能同时使用：--diff 只显示修复而不写入")
    if config.dask and (config.fix or config.diff):
        raise ConfigError("--dask cannot be used with --fix or --diff: fixes are written where the files are; run them without --dask",
                          "--dask 不能与 --fix 或 --diff 同时使用：修复要写在文件所在之处，请不加 --dask 运行")


def _missing_plugin(name: str, where: str) -> ConfigError:
    """``[tool.reportlint.jiangsu]`` with no plugin ``jiangsu``: name the plugin, and why it is not
    there (it failed to load, or it is not installed)."""
    failed = [error for plugin, error in get_plugin_manager().load_errors if plugin.split(":")[-1] == name]
    if failed:
        return ConfigError(f"{where}: [tool.reportlint.{name}] configures the plugin {name!r}, which could not be loaded: {failed[0]}",
                           f"{place(where)}：[tool.reportlint.{name}] 是插件 {name!r} 的设置，但该插件无法加载：{failed[0]}")
    return ConfigError(f"{where}: [tool.reportlint.{name}] configures the plugin {name!r}, which is not installed "
                       "(install the package that provides it where reportlint is installed, or remove the table; "
                       "`reportlint rules` lists the plugins found)",
                       f"{place(where)}：[tool.reportlint.{name}] 是插件 {name!r} 的设置，但该插件没有安装"
                       "（请在 reportlint 所在的环境中安装提供它的包，或删去这个表；`reportlint rules` 列出已找到的插件）")


def rule_option(key: str, value: Any, where: str, spec: Mapping[str, Any]) -> Any:
    """A rule setting checked against its declaration (:meth:`Catalogue.option_specs`): its type, and
    what the rule declares of it — a number finite and in range, a date that every year has, the
    items of a table or list, a pattern. A value a check would choke on, or that would quietly turn
    the rule off (``nan``), is refused here, before any file is read."""
    default = spec.get("default")
    number = isinstance(default, (int, float)) and not isinstance(default, bool)
    if number and isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(default, int) and not isinstance(value, int):
            raise ConfigError(f"{where}: {key} must be an integer, not {value!r}",
                              f"{place(where)}：{key} 应为整数，而不是 {value!r}")
        if not math.isfinite(value):
            raise ConfigError(f"{where}: {key} must be a finite number, not {value!r}",
                              f"{place(where)}：{key} 应为有限的数，而不是 {value!r}")
        low, high = spec.get("minimum"), spec.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"[{low if low is not None else '-∞'}, {high if high is not None else '∞'}]"
            raise ConfigError(f"{where}: {key} = {value!r} is out of range {bounds}",
                              f"{place(where)}：{key} = {value!r} 超出范围 {bounds}")
        return value
    if default is not None and not isinstance(value, type(default)):
        raise ConfigError(f"{where}: {key} must be a {type_name(type(default))}, not {value!r}",
                          f"{place(where)}：{key} 应为{type_name(type(default), 'zh')}，而不是 {value!r}")
    pattern = spec.get("pattern")
    if pattern is not None and not re.fullmatch(str(pattern), str(value)):
        raise ConfigError(f"{where}: {key} = {value!r} does not match the form {pattern}",
                          f"{place(where)}：{key} = {value!r} 不符合格式 {pattern}")
    if spec.get("month-day") and not _month_day(value):
        raise ConfigError(f"{where}: {key} = {value!r} is not a day of every year written MM-DD (like \"01-31\")",
                          f"{place(where)}：{key} = {value!r} 不是每年都有的日期（应写作“月-日”，如 \"01-31\"）")
    items = spec.get("items")
    if items == "string":
        members = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list) else ()
        for name, item in members:
            if not isinstance(item, str) or (isinstance(name, str) and not name.strip()) or not item.strip():
                raise ConfigError(f"{where}: {key}: every entry must be a non-empty string, not {name!r} = {item!r}",
                                  f"{place(where)}：{key} 的每一项都应为非空字符串，而不是 {name!r} = {item!r}")
    return value


def check_settings(config: Config) -> Config:
    """A Config made in code (the library API) gets the checks a config file's settings get."""
    specs = registry.catalogue().option_specs()
    for key, value in config.settings.items():
        if key in specs:
            rule_option(key, value, "settings", specs[key])
    return config


def _month_day(value: Any) -> bool:
    """``MM-DD`` naming a day of every year (no 02-30; no 02-29, which three years in four lack)."""
    m = re.fullmatch(r"(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    if m is None:
        return False
    try:
        datetime.date(2001, int(m.group(1)), int(m.group(2)))  # not a leap year
    except ValueError:
        return False
    return True


def _plugin_table(name: str, value: Any, where: str, defaults: Mapping[str, Any]) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [tool.reportlint.{name}] must be a table of plugin options",
                          f"{place(where)}：[tool.reportlint.{name}] 应为插件选项的表")
    unknown = sorted(set(value) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults))
        raise ConfigError(f"{where}: unknown option(s) {', '.join(unknown)} for plugin {name} (known: {known or 'none'})",
                          f"{place(where)}：插件 {name} 没有选项 {', '.join(unknown)}（已知：{known or '无'}）")
    return {**defaults, **value}


def settings_table() -> str:
    """The README's table of settings, from :data:`~reportlint.host.settings.SETTINGS` and the
    defaults of :class:`Config` (``tests/cli/test_settings_table.py`` keeps the README in step)."""
    defaults = Config()
    rows = ["| setting | option | default | |", "|---|---|---|---|"]
    for setting in SETTINGS:
        value = getattr(defaults.limits if setting.is_limit else defaults, setting.field)
        shown = "" if value in (None, ()) else f"`{json.dumps(list(value) if isinstance(value, tuple) else value)}`"
        argument = "|".join(setting.choices) or setting.metavar
        names = [*setting.cli[:-1], f"{setting.cli[-1]}/--no-{setting.cli[-1][2:]}"] if setting.negatable else setting.cli
        options = ", ".join(names) + (f" {argument}" if argument and names else "")
        option = f"`{options}`" if options else "file only"
        if "check" not in setting.commands:
            option += " (serve)"
        cells = (f"`{setting.key}`", option, shown, setting.help)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"
