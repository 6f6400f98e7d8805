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

Nothing read from the folder is trusted unchecked, for the folder may be damaged, shared with other
tools, or restored from someone else's CI cache: the result file is opened only if it is a regular
file (never a link, a pipe or a device) of bounded size, and each entry is checked — its types, its
codes and names against the run's catalogue, its digests by the plugins that made them
(``reportlint_digest_valid``) — before it is used; an entry that fails is a miss, with one warning.
The folder is not only ours: only files of reportlint's own name are pruned, and the folder is
marked (``.gitignore``, ``CACHEDIR.TAG``) only when reportlint created it; no link is followed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, Callable

from reportlint import __version__
from reportlint.core.catalogue import Catalogue
from reportlint.core.config import Config
from reportlint.core.diagnostic import SEVERITIES, Diagnostic, FileResult, Fix
from reportlint.core.resources import data_dir
from reportlint.host import registry
from reportlint.host.plugins import get_plugin_manager

FORMAT_VERSION = 6
DEFAULT_DIR = ".reportlint_cache"
#: Result files of other fingerprints (other settings, an older reportlint) kept besides the current one.
KEEP_FILES = 8
#: reportlint's own files in the folder: only these are ever pruned.
PREFIX = "reportlint-results-"
#: A result file larger than this is not read (about 100,000 reports' results; /dev/zero is refused first).
MAX_CACHE_BYTES = 1 << 28
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO put in its place must not block the open


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
        self.checks: tuple[Catalogue, dict] | None = None  # what an entry is checked against, once a run

    @classmethod
    def open(cls, config: Config, warn: Callable[[str], None] | None = None) -> "ResultCache":
        cache = cls(folder(config.cache_dir, config.root), fingerprint(config), warn or _stderr)
        cache._load()
        return cache

    def get(self, path: str, content_hash: str) -> FileResult | None:
        entry = self.entries.get(path)
        if entry is None or entry[0] != content_hash:
            return None
        try:
            if self.checks is None:
                self.checks = (registry.catalogue(), _digest_checks())
            return _result(path, entry, *self.checks)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:  # damaged, or not ours
            del self.entries[path]
            self.changed = True
            self._warn(f"the kept result of {path} is not valid ({exc}); it is linted again")
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
            write_atomically(self.path, text)
            prune(self.directory, PREFIX, self.path.name)
        except (OSError, ValueError) as exc:
            self._warn(f"the results of this run could not be kept in {self.directory}: {getattr(exc, 'strerror', None) or exc}")

    def _load(self) -> None:
        try:
            raw = read_regular(self.path, MAX_CACHE_BYTES)
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

    def _warn(self, message: str) -> None:
        if not self.warned:
            self.warn(f"cache: {message}")
        self.warned = True


def folder(cache_dir: str | None, root: str) -> Path:
    """The cache folder: ``cache-dir``, else $REPORTLINT_CACHE_DIR, else .reportlint_cache, relative
    to the folder of the config file (``root``)."""
    directory = Path(cache_dir or os.environ.get("REPORTLINT_CACHE_DIR") or DEFAULT_DIR)
    return directory if directory.is_absolute() else Path(root) / directory


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in the cache folder as a whole or not at all (a temporary file,
    then a rename: two runs at once each write a whole file and the last one wins); the folder is
    made, and marked as a cache, if it is not there. OSError when it cannot be written."""
    directory = path.parent
    if not directory.is_dir():
        directory.parent.mkdir(parents=True, exist_ok=True)
        try:
            directory.mkdir()
            _mark(directory)  # only a folder reportlint made is marked as a cache
        except FileExistsError:
            pass  # another run made it meanwhile
    tmp = str(directory / f".reportlint-tmp-{os.getpid()}-{os.urandom(6).hex()}.json")
    # the umask applies, as to any file; O_EXCL: never through a link put in its place
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def own_file(name: str, prefix: str) -> bool:
    """Whether ``name`` is one of reportlint's files of a kind: ``<prefix><32 hex digits>.json``."""
    key = name[len(prefix):-5]
    return name.startswith(prefix) and name.endswith(".json") and len(key) == 32 and all(c in "0123456789abcdef" for c in key)


def prune(directory: Path, prefix: str, current: str, keep: int = KEEP_FILES) -> None:
    """Keep the newest ``keep`` files of reportlint's named ``<prefix>…`` besides ``current``; remove
    the rest — reportlint's own files only (its name, a regular file): other tools may share the folder."""
    try:
        others = []
        with os.scandir(directory) as found:
            for entry in found:
                if own_file(entry.name, prefix) and entry.name != current and entry.is_file(follow_symlinks=False):
                    others.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    except OSError:
        return
    for _, old in sorted(others, reverse=True)[keep:]:
        _remove(old)


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


def _result(path: str, entry: list, catalogue: Catalogue, digest_checks: dict[str, Callable[[Any], bool]]) -> FileResult:
    """The FileResult an entry holds, every field checked (ValueError or TypeError says which is wrong):
    what a run of this reportlint could have made, and codes the catalogue declares."""
    content_hash, format, year, template, diagnostics, digests, file_lines, agency, published, deadline = entry
    if not _optional(format, str) or not _optional(template, str) or not _optional(year, int):
        raise ValueError("format, year or template of the wrong type")
    if not all(_optional(value, str) for value in (agency, published, deadline)):
        raise ValueError("not an agency or a date")
    if not isinstance(digests, dict) or not isinstance(file_lines, bool) or not isinstance(diagnostics, list):
        raise ValueError("not digests")
    for key, data in digests.items():
        check = digest_checks.get(key)
        if check is None or not check(data):
            raise ValueError(f"a digest of {key!r} of the wrong shape")
    made = []
    for fields in diagnostics:
        if not isinstance(fields, list) or len(fields) != 11:
            raise ValueError("not a diagnostic")
        code, name, severity, message, line, column, end_line, end_column, location, fix, plugin = fields
        rule = catalogue.by_code.get(code) if isinstance(code, str) else None
        if rule is None or name != rule.name or plugin != rule.plugin:
            raise ValueError(f"code {code!r} is no rule of this run")
        if severity not in SEVERITIES or not isinstance(message, str) or not message or not _optional(location, str):
            raise ValueError(f"a {code} of the wrong severity, message or location")
        if not _positions((line, column, end_line, end_column)):
            raise ValueError(f"a {code} at no position")
        if fix is not None:
            if not (isinstance(fix, list) and len(fix) == 5 and _positions(fix[:4]) and isinstance(fix[4], str)):
                raise ValueError(f"a {code} with a malformed fix")
            fix = Fix(*fix)
        made.append(Diagnostic(path, code, name, severity, message, line, column, end_line, end_column, location, fix, plugin))
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


def _digest_checks() -> dict[str, Callable[[Any], bool]]:
    """{plugin key: whether a digest is of its shape} for every plugin that makes digests; a plugin
    without ``reportlint_digest_valid`` takes any (plain JSON) data."""
    pm = get_plugin_manager()
    validators = {info.key: call for info, call in pm.callers("reportlint_digest_valid")}
    checks: dict[str, Callable[[Any], bool]] = {}
    for info, _ in pm.callers("reportlint_digest"):
        call = validators.get(info.key)
        checks[info.key] = (lambda data, call=call: _accepted(call, data)) if call is not None else (lambda data: True)
    return checks


def _accepted(call, data: Any) -> bool:
    try:
        return all(answer is True for answer in call(data=data))
    except Exception:  # a validator that fails says no
        return False


def _positions(values) -> bool:
    """Line and column numbers: ints (exactly: JSON gives no subclasses, and a bool is none), from 1."""
    return set(map(type, values)) == {int} and min(values) >= 1


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional(value: Any, kind: type) -> bool:
    return value is None or (_is_int(value) if kind is int else isinstance(value, kind))


def read_regular(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit``: never through a link, never a pipe or a device
    (OSError otherwise; FileNotFoundError when there is none)."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if info.st_size > limit:
            raise OSError(0, f"larger than {limit} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise OSError(0, f"larger than {limit} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mark(directory: Path) -> None:
    """A cache folder reportlint made says what it is: to git (ignore me) and to backup tools
    (CACHEDIR.TAG). Never written through a link, never over a file that is there."""
    for name, text in ((".gitignore", "# made by reportlint\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# a reportlint cache\n")):
        try:
            fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _stderr(message: str) -> None:
    print(f"reportlint: warning: {message}", file=sys.stderr)
