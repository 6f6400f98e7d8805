"""Where the declarative data lives: ``rules/`` and ``schemas/``.

In a wheel they are shipped as ``reportlint/_data/``; in a source checkout (editable install, tests)
they are read from the repository's top level, so there is one copy of each file.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError

_PACKAGE = Path(__file__).resolve().parents[1]  # src/reportlint, or reportlint/ in site-packages


@functools.cache
def data_dir(name: str) -> Path:
    """Return the directory ``rules`` or ``schemas``, installed or in the checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reportlint data directory {name!r} not found (broken installation?)")


def load_toml(path: Path) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def loads_toml(text: str) -> dict:
    """Parse TOML text; raises :data:`TOMLDecodeError` (a ValueError)."""
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
