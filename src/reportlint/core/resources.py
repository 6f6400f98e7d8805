"""Where the declarative data lives: ``rules/`` and ``schemas/``.

In a wheel they are shipped as ``reportlint/_data/``; in a source checkout (editable install, tests)
they are read from the repository's top level, so there is one copy of each file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # src/reportlint, or reportlint/ in site-packages


@functools.cache
def data_dir(name: str) -> Path:
    """Return the directory ``rules`` or ``schemas``, installed or in the checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reportlint data directory {name!r} not found (broken installation?)")


#: sha256 of a data file's bytes -> what parsing it gave, as JSON text: kept by an earlier run
#: (:func:`keep_parsed`, filled by the host from the cache folder) and parsed by this one.
_PARSED_KEPT: dict[str, str] = {}
_PARSED_MADE: dict[str, str] = {}
_KEEPING = False  # whether a run keeps what is parsed (it opened a cache folder)


def keep_parsed(parsed: dict) -> None:
    """Take the parsed data files of an earlier run (``{sha256: JSON text}``, as :func:`parsed_made`
    gives them); from now on :func:`load_toml` also records what it parses."""
    global _KEEPING
    for key, text in parsed.items():
        if isinstance(key, str) and isinstance(text, str):
            _PARSED_KEPT[key] = text
            _PARSED_MADE.pop(key, None)
    _KEEPING = True


def parsed_made() -> dict[str, str]:
    """The data files this process parsed that no earlier run had kept."""
    return dict(_PARSED_MADE)


def parsed_kept() -> dict[str, str]:
    """What :func:`keep_parsed` took."""
    return dict(_PARSED_KEPT)


def load_toml(path: Path) -> dict:
    """A data file of reportlint's (or a plugin's) parsed: from what an earlier run kept under the
    sha256 of its bytes when there is (the TOML parser is pure Python: the catalogue, the templates
    and the lexicon cost a one-file run some 15 ms to parse), else parsed now."""
    with open(path, "rb") as fh:
        raw = fh.read()
    if not _KEEPING:
        return loads_toml(raw.decode("utf-8"))
    key = hashlib.sha256(raw).hexdigest()
    kept = _PARSED_KEPT.get(key)
    if kept is not None:
        try:
            data = json.loads(kept)
            if isinstance(data, dict):
                return data
        except (ValueError, RecursionError):
            pass
        del _PARSED_KEPT[key]  # damaged: parse it again
    data = loads_toml(raw.decode("utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    if json.loads(text) == data:  # only what JSON holds as it is (no dates)
        _PARSED_MADE[key] = text
    return data


def loads_toml(text: str) -> dict:
    """Parse TOML text; raises tomllib's TOMLDecodeError (a ValueError). The parser is imported when
    first needed: a run whose data files are kept and that has no config file never needs it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


@functools.cache
def schema(name: str) -> dict:
    """Load ``schemas/<name>.schema.json``."""
    return json.loads((data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8"))


class SchemaViolation(ValueError):
    """Data that does not satisfy one of our schemas: ``message`` says why, ``where`` at which
    JSON path ("" for the whole)."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.message, self.where = message, where


def validate(instance: object, schema_name: str, definition: str | None = None) -> None:
    """Validate against one of our schemas (Draft 2020-12), or against one of its ``$defs``
    (e.g. a single diagnostic); raises :class:`SchemaViolation`."""
    validator = _validator(schema_name, definition)
    error = next(iter(sorted(validator.iter_errors(instance), key=lambda e: e.path)), None)
    if error is not None:
        raise SchemaViolation(error.message, "/".join(str(p) for p in error.absolute_path))


@functools.cache
def _validator(schema_name: str, definition: str | None = None):
    import jsonschema  # heavy: only when JSON is validated

    document = schema(schema_name)
    if definition is not None:
        document = {"$schema": document["$schema"], "$defs": document["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(document)
