"""Results of files linted before, kept between runs in ``.reportlint_cache/`` as ruff keeps its own.

A file's result is reused when its bytes (sha256) and its path are what they were, and so is
everything else that shapes a result: reportlint's code and data, every plugin (its name, version
and module file), and the settings that select, word or bound findings. All but the file go into a
*fingerprint*; each fingerprint has one JSON file, read once when a run starts and written once when
it ends, atomically (a temporary file, then a rename): two runs at once each write a whole file and
the last one wins. A file that cannot be read or parsed, or a folder that cannot be written, costs
one warning and the run goes on without it — never a crash, never a stale finding.

Only whole, clean results are kept: not those of a file that could not be read or checked (RL9xx).
A result keeps its digests (plain data by contract), so the checks comparing reports see the same
whether a file was linted again or not. The cache is not used with ``--fix``, ``--diff`` or output
that shows the source.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Callable

from reportlint import __version__
from reportlint.core.diagnostic import Diagnostic, FileResult, Fix
from reportlint.core.resources import data_dir
from reportlint.host.config import Config
from reportlint.host.plugins import get_plugin_manager

FORMAT_VERSION = 4
DEFAULT_DIR = ".reportlint_cache"
#: Result files of other fingerprints (other settings, an older reportlint) kept besides the current one.
KEEP_FILES = 8
PREFIX = "results-"


def usable(config: Config) -> bool:
    """Whether a run may read and write the cache."""
    return config.cache and not (config.fix or config.diff or config.keeps_source)


class ResultCache:
    """The results of one fingerprint: ``{path: (content hash, result)}``."""

    def __init__(self, directory: Path, fingerprint: str, warn: Callable[[str], None]) -> None:
        self.directory = directory
        self.path = directory / f"{PREFIX}{fingerprint[:32]}.json"
        self.warn = warn
        self.entries: dict[str, list] = {}
        self.changed = False
        self.disabled = False  # the cache file could not be read: do not overwrite it either
        self.warned = False  # one warning a run is enough

    @classmethod
    def open(cls, config: Config, warn: Callable[[str], None] | None = None) -> "ResultCache":
        directory = Path(config.cache_dir or os.environ.get("REPORTLINT_CACHE_DIR") or DEFAULT_DIR)
        if not directory.is_absolute():
            directory = Path(config.root) / directory
        cache = cls(directory, fingerprint(config), warn or _stderr)
        cache._load()
        return cache

    def get(self, path: str, content_hash: str) -> FileResult | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != content_hash:
            return None
        try:
            return _result(path, entry)
        except (TypeError, ValueError, IndexError, KeyError):  # an entry of a damaged file
            del self.entries[path]
            return None

    def put(self, result: FileResult) -> None:
        if result.content_hash is None or result.fixed or result.diff or result.fix_error or result.fix_warning:
            return
        if any(d.code.startswith("RL9") for d in result.diagnostics):
            return  # unreadable, no report, a plugin failed or a timeout: try again next time
        self.entries[result.path] = _entry(result)
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.disabled:
            return
        kept = {path: entry for path, entry in self.entries.items() if os.path.exists(path)}
        # ASCII: a file name's undecodable bytes (lone surrogates) survive as \\udcXX escapes.
        text = json.dumps({"format": FORMAT_VERSION, "reportlint": __version__, "entries": kept})
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _mark(self.directory)
            tmp = str(self.directory / f".tmp-{os.getpid()}-{os.urandom(6).hex()}.json")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as to any file
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, self.path)
            except BaseException:
                _remove(tmp)
                raise
            self._prune()
        except (OSError, ValueError) as exc:
            self._warn(f"the results of this run could not be kept in {self.directory}: {getattr(exc, 'strerror', None) or exc}")

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self._warn(f"{self.path} cannot be read ({exc.strerror or exc}); linting without it")
            self.disabled = True
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT_VERSION or not isinstance(data.get("entries"), dict):
                raise ValueError("not a result cache of this reportlint")
            self.entries = {p: e for p, e in data["entries"].items() if isinstance(e, list) and e and isinstance(e[0], str)}
        except (ValueError, UnicodeDecodeError, AttributeError, RecursionError) as exc:
            self._warn(f"{self.path} is damaged ({type(exc).__name__}); it is ignored and will be rewritten")
            self.entries, self.changed = {}, True

    def _prune(self) -> None:
        """Keep the newest few result files of other fingerprints; remove the rest."""
        try:
            others = sorted((p for p in self.directory.glob(f"{PREFIX}*.json") if p != self.path),
                            key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in others[KEEP_FILES:]:
            _remove(str(old))

    def _warn(self, message: str) -> None:
        if not self.warned:
            self.warn(f"cache: {message}")
        self.warned = True


def fingerprint(config: Config) -> str:
    """Everything but the file that shapes a file's result, hashed."""
    pm = get_plugin_manager()
    plugins = sorted(
        (info.dist, info.name, info.version, _stamp(_module_file(pm.get_plugin(key))))
        for key, info in pm.infos.items()
    )
    shaping = {
        "reportlint": __version__,
        "code": _code_stamp(),
        "plugins": plugins,
        "select": config.select, "ignore": config.ignore, "extend_select": config.extend_select,
        "per_file_ignores": config.per_file_ignores, "root": os.path.abspath(config.root),
        "lang": config.lang, "limits": config.limits, "settings": config.settings, "plugin_options": config.plugins,
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


def _code_stamp() -> list:
    """Size and modification time of reportlint's own modules and data, in a source checkout: it
    changes without a new version number. An installed wheel is its version."""
    package = Path(__file__).resolve().parents[1]
    if (package / "_data").is_dir():
        return []
    files = [*package.rglob("*.py"), *data_dir("rules").rglob("*.toml"), *data_dir("schemas").glob("*.json")]
    return [_stamp(str(path)) for path in sorted(files)]


def _module_file(plugin: object) -> str | None:
    module = plugin if hasattr(plugin, "__file__") else sys.modules.get(type(plugin).__module__)
    return getattr(module, "__file__", None)


def _stamp(path: str | None) -> tuple:
    if path is None:
        return ()
    try:
        info = os.stat(path)
    except OSError:
        return (path,)
    return (path, info.st_size, info.st_mtime_ns)


def _entry(result: FileResult) -> list:
    return [result.content_hash, result.format, result.year, result.template,
            [[d.code, d.name, d.severity, d.message, d.line, d.column, d.end_line, d.end_column, d.location,
              list(d.fix) if d.fix else None, d.plugin] for d in result.diagnostics],
            dict(result.digests), result.file_lines, result.agency, result.published, result.deadline]


def _result(path: str, entry: list) -> FileResult:
    content_hash, format, year, template, diagnostics, digests, file_lines, agency, published, deadline = entry
    if not isinstance(digests, dict) or not isinstance(file_lines, bool):
        raise ValueError("not digests")
    if not all(value is None or isinstance(value, str) for value in (agency, published, deadline)):
        raise ValueError("not an agency or a date")
    made = []
    for fields in diagnostics:
        if len(fields) != 11:
            raise ValueError("not a diagnostic")
        if fields[9] is not None:
            fields = [*fields[:9], Fix(*fields[9]), fields[10]]
        made.append(Diagnostic._make((path, *fields)))
    return FileResult(
        path=path,
        diagnostics=tuple(made),
        format=format,
        year=year,
        template=template,
        content_hash=content_hash,
        digests=digests,
        file_lines=file_lines,
        agency=agency,
        published=published,
        deadline=deadline,
    )


def _mark(directory: Path) -> None:
    """A cache folder says what it is: to git (ignore me) and to backup tools (CACHEDIR.TAG)."""
    for name, text in ((".gitignore", "# made by reportlint\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# a reportlint cache\n")):
        target = directory / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _stderr(message: str) -> None:
    print(f"reportlint: warning: {message}", file=sys.stderr)
