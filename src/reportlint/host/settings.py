"""Every setting of the host, declared once: its key, its type, its default, what it does.

The config file's keys (``[tool.reportlint]``), the command line's options, their validation and the
README's table all come from :data:`SETTINGS` (``tests/cli/test_settings_table.py`` keeps the README in
step). Rules declare their own settings in ``rules/catalogue/*.toml`` (``options``) and plugins theirs
through ``reportlint_add_options``; those are checked by :mod:`reportlint.host.config` against the
registry.
"""

import math
import os
from typing import Any, NamedTuple, Sequence

from reportlint.core.diagnostic import SEVERITIES
from reportlint.core.limits import LIMIT_MAXIMA, Limits


class ConfigError(Exception):
    """A configuration that cannot be honoured: exit status 2.

    Said in both languages, as everything reportlint tells its user: ``str()`` is the English,
    :meth:`text` the run's language (Chinese by default). ``lang`` is the language of the run the
    error belongs to, where it is known (``--lang``, or the config file's ``lang``)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.lang: str | None = None

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else str(self)


#: Where a setting came from when it was not a file: the command line.
COMMAND_LINE = "command line"


def place(where: str) -> str:
    """``where`` (a config file's path, or the command line) in Chinese."""
    return "命令行" if where == COMMAND_LINE else where


LANGS = ("zh", "en")
#: More worker processes than this only cost memory (each is a Python process).
MAX_JOBS = max(64, 4 * (os.cpu_count() or 1))


class Setting(NamedTuple):
    """One setting: ``key`` in the file (kebab-case), ``field`` of Config (or of Limits)."""

    key: str
    kind: str  # selectors | globs | per-file | choice | bool | path | output | directory | address | jobs | suffixes | limit | output-format | number
    help: str
    cli: tuple[str, ...] = ()  # option spellings on the command line; empty: config file only
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    negatable: bool = False  # --show-source/--no-show-source
    #: The commands whose options it is (``check``, ``serve``).
    commands: tuple[str, ...] = ("check",)
    #: kind ``number``: the smallest and the largest value it may be set to.
    bounds: tuple[float, float] = (0, 0)

    @property
    def field(self) -> str:
        return self.key.replace("-", "_")

    @property
    def is_limit(self) -> bool:
        return self.kind == "limit"


SERVE, BOTH = ("serve",), ("check", "serve")
SETTINGS: tuple[Setting, ...] = (
    Setting("select", "selectors", "Only these codes, prefixes (RL3) or rule names; comma-separated.", ("--select",), metavar="CODES", commands=BOTH),
    Setting("ignore", "selectors", "Never these codes, prefixes or names.", ("--ignore",), metavar="CODES", commands=BOTH),
    Setting("extend-select", "selectors", "Add to the selection (of the config file, or all rules).", ("--extend-select",), metavar="CODES", commands=BOTH),
    Setting("per-file-ignores", "per-file", "Ignore codes in matching files, e.g. 'old/*.txt:RL4,RL5'.", ("--per-file-ignores",), metavar="GLOB:CODES"),
    Setting("exclude", "globs", "Skip matching files and folders when walking directories.", ("--exclude",), metavar="GLOB"),
    Setting("force-exclude", "bool", "Take files named on the command line as a folder's walk finds them (as pre-commit names them): exclude applies, and one that shows no sign of being a report is skipped.", ("--force-exclude",), negatable=True),
    Setting("format", "output-format", "Output format: text (default), json, json-lines, sarif, github, gitlab, junit, html, or a plugin's.", ("--format",), metavar="NAME"),
    Setting("output", "output", "Write the output to FILE instead of stdout (html: to an existing folder, an index and a page per file).", ("-o", "--output"), metavar="FILE"),
    Setting("statistics", "bool", "Count findings per code (text format).", ("--statistics",), negatable=True),
    Setting("show-source", "bool", "Show each finding's line with a caret (text format).", ("--show-source",), negatable=True),
    Setting("fix", "bool", "Apply fixes to .txt/.md reports, then report what remains.", ("--fix",)),
    Setting("fix-links", "bool", "With --fix: replace a symbolic link's target, split a hard link (left alone otherwise).", ("--fix-links",)),
    Setting("diff", "bool", "Print the fixes as a unified diff; write nothing.", ("--diff",)),
    Setting("fail-on", "choice", "Lowest severity that fails the run (default: error).", ("--fail-on",), choices=SEVERITIES),
    Setting("jobs", "jobs", "Worker processes (0 or auto: one per CPU).", ("-j", "--jobs"), metavar="N|auto", commands=BOTH),
    Setting("dask", "address", "Run the files on the Dask cluster whose scheduler is at ADDRESS ('local': start one here with --jobs workers); needs reportlint[dask].", ("--dask",), metavar="ADDRESS"),
    Setting("lang", "choice", "Language of the messages (default: zh).", ("--lang",), choices=LANGS, commands=BOTH),
    Setting("quiet", "bool", "Only the findings: no summary line, no progress bar.", ("-q", "--quiet")),
    Setting("verbose", "bool", "Also say on stderr which files were skipped as no reports and what the checks comparing reports could not compare.", ("-v", "--verbose")),
    Setting("baseline", "path", "Report only findings absent from FILE (an earlier --format json output).", ("--baseline",), metavar="FILE"),
    Setting("cache", "bool", "Reuse the results of files unchanged since the last run (not with --fix, --diff, --show-source).", ("--cache",), negatable=True),
    Setting("cache-dir", "directory", "Where results are kept between runs (default: $REPORTLINT_CACHE_DIR, else .reportlint_cache beside the config file).", ("--cache-dir",), metavar="DIR"),
    Setting("extensions", "suffixes", "Suffixes walked in folders (.txt .md .docx .html .htm .pdf)."),
    Setting("max-bytes", "limit", "Largest file read, in bytes (larger: RL901).", ("--max-bytes",), metavar="N", commands=BOTH),
    Setting("max-unpacked-bytes", "limit", "DOCX: largest total of the parts unpacked, in bytes."),
    Setting("max-pages", "limit", "PDF: most pages read."),
    Setting("max-lines", "limit", "Most lines of extracted text."),
    Setting("max-depth", "limit", "HTML: deepest element nesting."),
    Setting("timeout", "limit", "Seconds one file may take (longer: RL901).", ("--timeout",), metavar="SECONDS", commands=BOTH),
    Setting("host", "address", "The address to listen on (0.0.0.0: every network interface).", ("--host",), metavar="ADDRESS", commands=SERVE),
    Setting("port", "number", "The port to listen on (0: any free port, said on stderr).", ("--port",), metavar="N", commands=SERVE, bounds=(0, 65535)),
    Setting("max-files", "number", "Most files in one upload.", ("--max-files",), metavar="N", commands=SERVE, bounds=(1, 10_000)),
    Setting("max-upload-bytes", "number", "Largest upload, in bytes (all its files; each file also within max-bytes).", ("--max-upload-bytes",), metavar="N", commands=SERVE, bounds=(1, 1 << 34)),
    Setting("upload-timeout", "number", "Seconds an upload may take to arrive (a slower one is refused).", ("--upload-timeout",), metavar="SECONDS", commands=SERVE, bounds=(0.1, 86_400)),
)
BY_KEY = {s.key: s for s in SETTINGS}
_LIMIT_TYPES = {name: type(getattr(Limits(), name)) for name in LIMIT_MAXIMA}


def parse(setting: Setting, value: Any, where: str, *, catalogue=None, output_formats: Sequence[str] = ()) -> Any:
    """The value of ``setting`` for Config (or Limits), or a ConfigError naming ``where`` it came from."""
    key, kind = setting.key, setting.kind
    if kind == "selectors":
        return selectors(value, key, where, catalogue)
    if kind == "per-file":
        return per_file_ignores(value, where, catalogue)
    if kind == "globs":
        return tuple(string_list(value, key, where))
    if kind == "suffixes":
        return tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in string_list(value, key, where))
    if kind == "choice":
        return choice(value, key, setting.choices, where)
    if kind == "output-format":
        return choice(value, key, tuple(sorted(output_formats)), where)
    if kind == "bool":
        return typed(value, key, bool, where)
    if kind in ("path", "directory", "address", "output"):
        return typed(value, key, str, where)
    if kind == "jobs":
        return parse_jobs(value, where)
    if kind == "number":
        low, high = setting.bounds
        number = typed(value, key, (int, float) if isinstance(low, float) else int, where)
        if not math.isfinite(number) or not low <= number <= high:
            raise ConfigError(f"{where}: {key} must be a number from {low:g} to {high:g}, not {number}",
                              f"{place(where)}：{key} 应为 {low:g} 到 {high:g} 之间的数，而不是 {number}")
        return float(number) if isinstance(low, float) else number
    if kind == "limit":
        name = setting.field
        number = typed(value, key, (int, float) if _LIMIT_TYPES[name] is float else int, where)
        if not math.isfinite(number) or not 0 < number <= LIMIT_MAXIMA[name]:
            raise ConfigError(f"{where}: {key} must be a positive number up to {LIMIT_MAXIMA[name]:g}, not {number}",
                              f"{place(where)}：{key} 应为不超过 {LIMIT_MAXIMA[name]:g} 的正数，而不是 {number}")
        return _LIMIT_TYPES[name](number)
    raise AssertionError(kind)


def parse_jobs(value: Any, where: str = "command line") -> int:
    """``N`` worker processes; ``0`` or ``auto`` means one per CPU."""
    try:
        jobs = None if isinstance(value, bool) else 0 if value == "auto" else int(value)
    except (TypeError, ValueError):
        jobs = None
    if jobs is None or jobs < 0:
        raise ConfigError(f"{where}: jobs must be a whole number or 'auto', not {value!r}",
                          f"{place(where)}：jobs 应为整数或 'auto'，而不是 {value!r}")
    if jobs > MAX_JOBS:
        raise ConfigError(f"{where}: jobs = {jobs} is more worker processes than {MAX_JOBS}; use 'auto' for one per CPU",
                          f"{place(where)}：jobs = {jobs} 超过了 {MAX_JOBS} 个工作进程；用 'auto' 即每个 CPU 一个")
    return jobs or os.cpu_count() or 1


def parse_per_file_ignores(text: str) -> list[tuple[str, list[str]]]:
    """``'glob:RL101,RL3 other/*.md:RL6'`` (flake8's syntax) into ``[(glob, [selectors])]``."""
    pairs = []
    for item in text.split():
        glob, sep, codes = item.rpartition(":")
        if not sep or not glob or not codes:
            raise ConfigError(f"--per-file-ignores: {item!r} is not of the form GLOB:CODE[,CODE...]",
                              f"--per-file-ignores：{item!r} 不符合 GLOB:CODE[,CODE...] 的形式")
        pairs.append((glob, [c for c in codes.split(",") if c]))
    return pairs


def selectors(value: Any, key: str, where: str, catalogue) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else string_list(value, key, where)
    out = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        if not catalogue.is_known_selector(item):
            close = suggest(item, [*catalogue.by_name, *catalogue.by_code])
            raise ConfigError(f"{where}: {key}: {item!r} is no rule code, code prefix or rule name" + close.en,
                              f"{place(where)}：{key}：{item!r} 不是规则代码、代码前缀或规则名称" + close.zh)
        out.append(catalogue.expand(item))
    return tuple(out)


def per_file_ignores(value: Any, where: str, catalogue) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if isinstance(value, str):
        value = dict(parse_per_file_ignores(value))
    elif isinstance(value, (list, tuple)):
        value = dict(value)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]",
                          f"{place(where)}：per-file-ignores 应为“glob = [代码]”的表")
    return tuple(
        (glob, selectors(codes, f"per-file-ignores[{glob!r}]", where, catalogue)) for glob, codes in value.items()
    )


def choice(value: Any, key: str, choices: Sequence[str], where: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, not {value!r}",
                          f"{place(where)}：{key} 应为 {', '.join(choices)} 之一，而不是 {value!r}")
    return value


def typed(value: Any, key: str, kind, where: str):
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{where}: {key} must be a number, not {value!r}", f"{place(where)}：{key} 应为数字，而不是 {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: {key} must be a {type_name(kind)}, not {value!r}",
                          f"{place(where)}：{key} 应为{type_name(kind, 'zh')}，而不是 {value!r}")
    return value


def string_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings, not {value!r}", f"{place(where)}：{key} 应为字符串列表，而不是 {value!r}")
    return list(value)


_TYPE_NAMES = {
    "en": {bool: "boolean", int: "whole number", float: "number", str: "string", list: "list"},
    "zh": {bool: "布尔值", int: "整数", float: "数字", str: "字符串", list: "列表"},
}


def type_name(kind, lang: str = "en") -> str:
    if isinstance(kind, tuple):
        return (" or " if lang == "en" else "或").join(type_name(k, lang) for k in kind)
    return _TYPE_NAMES[lang].get(kind, kind.__name__)


class Suggestion(NamedTuple):
    """" (did you mean 'x'?)" in both languages; empty when nothing known is close."""

    en: str = ""
    zh: str = ""


def suggest(word: str, known) -> Suggestion:
    """The known word closest to a misspelt one (codes compared in capitals, names in small letters)."""
    import difflib  # only a setting that is wrong needs it

    candidates = list(known)
    close = difflib.get_close_matches(word, candidates, n=1) or difflib.get_close_matches(word.lower(), candidates, n=1) \
        or difflib.get_close_matches(word.upper(), candidates, n=1)
    if not close:
        return Suggestion()
    return Suggestion(f" (did you mean {close[0]!r}?)", f"（是否想写 {close[0]!r}？）")


def cli_value(setting: Setting, given: Any) -> Any:
    """A command-line option's value as the config file would write it (None: not given)."""
    if given is None or given == () or given == []:
        return None
    if setting.kind in ("selectors", "globs"):
        return [v.strip() for value in given for v in value.split(",") if v.strip()]
    if setting.kind == "per-file":
        return [pair for text in given for pair in parse_per_file_ignores(text)]
    return given


def multiple(setting: Setting) -> bool:
    return setting.kind in ("selectors", "globs", "per-file")

