"""Settings for one run: ``[tool.reportlint]`` from a config file, overridden by the command line.

The config file is ``.reportlint.toml`` or a ``pyproject.toml`` with a ``[tool.reportlint]`` table,
found by walking upward from the linted paths (``--config FILE`` names one). Every key is checked:
an unknown key, a value of the wrong type, or a rule selector that names no rule is a
:class:`ConfigError`, which the command line turns into exit status 2. A misspelt ``ignore`` that
silently ignores nothing is worse than a refusal to run.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from reportlint.diagnostic import SEVERITIES
from reportlint.readers import LIMIT_MAXIMA, Limits

CONFIG_FILES = (".reportlint.toml", "pyproject.toml")
LANGS = ("zh", "en")
DEFAULT_EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm", ".pdf")

#: ``[tool.reportlint]`` keys of the host itself (rule settings and plugin tables come on top).
_LIMIT_KEYS = {f.name.replace("_", "-"): f for f in dataclasses.fields(Limits)}
_SELECTOR_KEYS = ("select", "ignore", "extend-select")


#: More worker processes than this only cost memory (each is a Python process).
MAX_JOBS = max(64, 4 * (os.cpu_count() or 1))
#: A config file or a baseline is read only from a regular file no larger than these.
MAX_CONFIG_BYTES = 1 << 20
MAX_BASELINE_BYTES = 1 << 28


def read_setting_file(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of a config or baseline file: a regular file of bounded size (never a device, a
    pipe or /dev/zero, which would hang or exhaust memory)."""
    import stat

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{what} {str(path)!r} is not a regular file")
        if info.st_size > limit:
            raise ConfigError(f"{what} {str(path)!r} is larger than {limit} bytes")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ConfigError(f"{what} {str(path)!r} not found") from None
    except OSError as exc:
        raise ConfigError(f"{what} {str(path)!r} cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise ConfigError(f"{what} {str(path)!r} is larger than {limit} bytes")
    return data


class ConfigError(Exception):
    """A configuration that cannot be honoured: exit status 2."""


@dataclass(frozen=True)
class Config:
    """Everything a run, a rule or a formatter may ask about the user's wishes.

    Frozen and made of plain values so that it pickles into worker processes unchanged.
    """

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    fail_on: str = "error"
    format: str = "text"
    output: str | None = None
    jobs: int = 1
    lang: str = "zh"
    show_source: bool = False
    statistics: bool = False
    quiet: bool = False
    fix: bool = False
    fix_links: bool = False  # --fix replaces a symlink's target and splits a hard link
    diff: bool = False
    baseline: str | None = None
    limits: Limits = Limits()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    #: Rule settings (``department-deadline = "01-31"``), as given by the user.
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: ``[tool.reportlint.<plugin>]`` tables merged over the plugin's declared defaults.
    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Directory that relative globs (per-file-ignores, exclude) are matched from.
    root: str = "."
    config_file: str | None = None

    def setting(self, key: str, default: Any = None) -> Any:
        """A rule setting: the user's value, else the default its rule declares in ``rules/``, else ``default``."""
        if key in self.settings:
            return self.settings[key]
        from reportlint.catalogue import get_catalogue

        return get_catalogue().option_defaults().get(key, default)

    def plugin_options(self, name: str) -> Mapping[str, Any]:
        """The options of plugin ``name`` (its entry-point name): declared defaults, then the user's table."""
        if name in self.plugins:
            return self.plugins[name]
        return plugin_option_defaults().get(name, {})

    @property
    def keeps_source(self) -> bool:
        """Whether results carry the report's lines and table cells (--show-source, the HTML page)."""
        return self.show_source or self.format == "html"


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
        if not path.is_file():
            raise ConfigError(f"config file {str(path)!r} not found")
        table = _table_of(path)
        if table is None:
            raise ConfigError(f"{path}: no [tool.reportlint] table")
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
        origins[key] = "command line"
    return _build(values, origins, root=root, config_file=str(path) if path else None)


def _table_of(path: Path) -> dict | None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    raw = read_setting_file(path, MAX_CONFIG_BYTES, "config file")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        raise ConfigError(f"{path}: {type(exc).__name__}: {exc}") from None
    tool = data.get("tool", {}).get("reportlint")
    if tool is not None:
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: [tool.reportlint] must be a table")
        return tool
    if path.name == ".reportlint.toml":
        return data  # its keys may stand at the top level
    return None


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
    from reportlint.catalogue import get_catalogue

    catalogue = get_catalogue()
    kwargs: dict[str, Any] = {"root": root, "config_file": config_file}
    limits: dict[str, Any] = {}
    settings: dict[str, Any] = {}
    plugin_tables: dict[str, dict] = {}
    rule_options = catalogue.option_defaults()
    plugin_defaults = plugin_option_defaults()

    for key, value in values.items():
        where = origins[key]
        if key in _SELECTOR_KEYS:
            kwargs[key.replace("-", "_")] = _selectors(value, key, where, catalogue)
        elif key == "per-file-ignores":
            kwargs["per_file_ignores"] = _per_file_ignores(value, where, catalogue)
        elif key == "fail-on":
            kwargs["fail_on"] = _choice(value, key, SEVERITIES, where)
        elif key == "lang":
            kwargs["lang"] = _choice(value, key, LANGS, where)
        elif key == "format":
            kwargs["format"] = _choice(value, key, tuple(formatter_names()), where)
        elif key in ("output", "baseline"):
            kwargs[key] = _typed(value, key, str, where)
        elif key in ("show-source", "statistics", "quiet", "fix", "fix-links", "diff"):
            kwargs[key.replace("-", "_")] = _typed(value, key, bool, where)
        elif key == "jobs":
            kwargs["jobs"] = parse_jobs(value, where)
        elif key == "extensions":
            exts = _string_list(value, key, where)
            kwargs["extensions"] = tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in exts)
        elif key == "exclude":
            kwargs["exclude"] = tuple(_string_list(value, key, where))
        elif key in _LIMIT_KEYS:
            f = _LIMIT_KEYS[key]
            kind = float if f.type in ("float", float) else int
            number = _typed(value, key, (int, float) if kind is float else int, where)
            if not math.isfinite(number) or not 0 < number <= LIMIT_MAXIMA[f.name]:
                raise ConfigError(f"{where}: {key} must be a positive number up to {LIMIT_MAXIMA[f.name]:g}, not {number}")
            limits[f.name] = kind(number)
        elif key in rule_options:
            default = rule_options[key]
            if default is not None and not isinstance(value, type(default)):
                raise ConfigError(
                    f"{where}: {key} must be a {_type_name(type(default))}, not {value!r}"
                )
            pattern = catalogue.option_patterns().get(key)
            if pattern is not None and not re.fullmatch(pattern, str(value)):
                raise ConfigError(f"{where}: {key} = {value!r} does not match the form {pattern}")
            settings[key] = value
        elif key in plugin_defaults:
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [tool.reportlint.{key}] must be a table of plugin options")
            unknown = sorted(set(value) - set(plugin_defaults[key]))
            if unknown:
                known = ", ".join(sorted(plugin_defaults[key])) or "none"
                raise ConfigError(f"{where}: unknown option(s) {', '.join(unknown)} for plugin {key} (known: {known})")
            plugin_tables[key] = {**plugin_defaults[key], **value}
        else:
            raise ConfigError(f"{where}: unknown setting {key!r}" + _suggest(key, _known_keys(rule_options, plugin_defaults)))

    if limits:
        kwargs["limits"] = dataclasses.replace(Limits(), **limits)
    kwargs["settings"] = settings
    kwargs["plugins"] = {**plugin_defaults, **plugin_tables}
    config = Config(**kwargs)
    if config.fix and config.diff:
        raise ConfigError("--fix and --diff cannot be combined: --diff shows the fixes without writing them")
    return config


def parse_jobs(value: Any, where: str = "command line") -> int:
    """``N`` worker processes; ``0`` or ``auto`` means one per CPU."""
    try:
        jobs = None if isinstance(value, bool) else 0 if value == "auto" else int(value)
    except (TypeError, ValueError):
        jobs = None
    if jobs is None or jobs < 0:
        raise ConfigError(f"{where}: jobs must be a whole number or 'auto', not {value!r}")
    if jobs > MAX_JOBS:
        raise ConfigError(f"{where}: jobs = {jobs} is more worker processes than {MAX_JOBS}; use 'auto' for one per CPU")
    return jobs or os.cpu_count() or 1


def parse_per_file_ignores(text: str) -> list[tuple[str, list[str]]]:
    """``'glob:RL101,RL3 other/*.md:RL6'`` (flake8's syntax) into ``[(glob, [selectors])]``."""
    pairs = []
    for item in text.split():
        glob, sep, codes = item.rpartition(":")
        if not sep or not glob or not codes:
            raise ConfigError(f"--per-file-ignores: {item!r} is not of the form GLOB:CODE[,CODE...]")
        pairs.append((glob, [c for c in codes.split(",") if c]))
    return pairs


def _selectors(value: Any, key: str, where: str, catalogue) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else _string_list(value, key, where)
    out = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if not catalogue.is_known_selector(item):
            raise ConfigError(f"{where}: {key}: {item!r} is no rule code, code prefix or rule name" + _suggest(item, catalogue.by_name))
        out.append(catalogue.expand(item))
    return tuple(out)


def _per_file_ignores(value: Any, where: str, catalogue) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if isinstance(value, str):
        value = dict(parse_per_file_ignores(value))
    elif isinstance(value, (list, tuple)):
        value = dict(value)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    return tuple(
        (glob, _selectors(codes, f"per-file-ignores[{glob!r}]", where, catalogue)) for glob, codes in value.items()
    )


def _choice(value: Any, key: str, choices: Sequence[str], where: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _typed(value: Any, key: str, kind, where: str):
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{where}: {key} must be a number, not {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: {key} must be a {_type_name(kind)}, not {value!r}")
    return value


def _string_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings, not {value!r}")
    return list(value)


def _type_name(kind) -> str:
    if isinstance(kind, tuple):
        return " or ".join(_type_name(k) for k in kind)
    return {bool: "boolean", int: "whole number", float: "number", str: "string", list: "list"}.get(kind, kind.__name__)


def _known_keys(rule_options: Mapping, plugin_defaults: Mapping) -> list[str]:
    host = [*_SELECTOR_KEYS, "per-file-ignores", "fail-on", "lang", "format", "output", "baseline", "show-source",
            "statistics", "quiet", "fix", "fix-links", "diff", "jobs", "extensions", "exclude", *_LIMIT_KEYS]
    return [*host, *rule_options, *plugin_defaults]


def _suggest(word: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word.lower(), list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def plugin_option_defaults() -> dict[str, dict[str, Any]]:
    """``{entry-point name: {option: default}}`` from every plugin's ``reportlint_add_options``."""
    from reportlint.plugins import get_plugin_manager

    pm = get_plugin_manager()
    defaults: dict[str, dict[str, Any]] = {}
    for impl in pm.hook.reportlint_add_options.get_hookimpls():
        options = impl.function() or {}
        defaults.setdefault(pm.info_for(impl.plugin).name, {}).update(options)
    return defaults


def formatter_names() -> list[str]:
    from reportlint.formatters import available_formatters

    return sorted(available_formatters())
