"""Every hook a reportlint plugin can implement, in one place.

A plugin is a module (or object) registered under the ``reportlint`` entry-point group whose
functions are marked with ``@reportlint.hookimpl``. The built-in rule modules, readers and formatters
are plugins of exactly this kind. See ``docs/plugins.md`` and ``examples/reportlint-plugin-example``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import pluggy

if TYPE_CHECKING:
    from reportlint.core.catalogue import Rule
    from reportlint.core.config import Config
    from reportlint.core.diagnostic import Digest, Finding, Note
    from reportlint.core.lexicon import ClaimKind
    from reportlint.core.model import Report
    from reportlint.core.templates import Template
    from reportlint.formatters import Formatter
    from reportlint.readers import Reader

hookspec = pluggy.HookspecMarker("reportlint")


@hookspec
def reportlint_rules() -> Iterable["Rule | Mapping"]:
    """Declare the rules this plugin reports: code, name, severity, messages and documentation.

    Return :class:`reportlint.core.catalogue.Rule` objects or mappings with the same keys as the entries
    of ``rules/catalogue/*.toml``. A code is owned by exactly one plugin. Example::

        @hookimpl
        def reportlint_rules():
            return [{"code": "SC101", "name": "missing-contact", "severity": "warning",
                     "message": {"zh": "未写明联系方式", "en": "no contact details"}}]
    """


@hookspec
def reportlint_check(report: "Report", config: "Config") -> Iterable["Finding"]:
    """Yield findings for one report. ``report`` is the reader-independent model.

    Findings name a declared code; the host adds name, severity and message, applies select/ignore,
    and turns an exception or an invalid finding into RL903 for that file.
    """


@hookspec
def reportlint_digest(report: "Report", config: "Config") -> Any:
    """Return what this plugin's ``reportlint_check_run`` will need of one report, or None.

    A digest is small plain data — dicts, lists, strings, numbers, booleans, None; at most 64 KiB
    as JSON — because a run keeps the digests of every report (not the reports) until its end, and
    because they travel between processes, machines (Dask) and runs (the result cache). The host
    passes each digest through JSON, so a run sees the same value whichever way it came. Positions in
    a digest should be the file's own (``report.position(line, column)``): the run-level check
    never sees the report again.
    """


@hookspec
def reportlint_digest_valid(data: Any) -> bool:
    """Whether ``data`` has the shape of a digest this plugin's ``reportlint_digest`` makes.

    The result cache asks before it reuses a digest it kept: the cache folder may be damaged, shared
    or written by someone else, and a digest of the wrong shape would fail the run-level check. A
    False (or an exception) makes the file be linted again. Without this hook a kept digest is used
    as it is.
    """


@hookspec
def reportlint_check_run(digests: Sequence["Digest"], config: "Config") -> Iterable["tuple[str, Finding] | Note"]:
    """Compare the reports of one run (RL7xx: one agency across years, text reuse across a folder).

    Called once after every file, with a :class:`~reportlint.core.diagnostic.Digest` per report for
    which this plugin's ``reportlint_digest`` returned something (its own digests only). Yield
    ``(path, finding)`` pairs — the path one of ``digest.path``, the positions the file's own — and
    :class:`~reportlint.core.diagnostic.Note` for what could not be compared (shown by ``--verbose``
    and in the JSON summary).
    """


@hookspec
def reportlint_readers() -> Iterable["Reader"]:
    """Return readers that turn a file into a :class:`reportlint.core.document.Document` (e.g. OFD)."""


@hookspec
def reportlint_templates() -> Iterable["Template | Mapping"]:
    """Return extra format versions (a province's variant), as Template objects or template mappings
    valid against ``schemas/template.schema.json``."""


@hookspec
def reportlint_claims() -> Iterable["ClaimKind | Mapping"]:
    """Return phrases of the claim lexicon: what a report's running text states about its tables.

    Each entry is a :class:`reportlint.core.lexicon.ClaimKind` or a mapping with the keys of the
    ``[[claim]]`` tables of ``rules/data/claims.toml`` (see
    :mod:`reportlint.core.lexicon` and ``reportlint rule RL306``); an entry with a built-in id
    replaces that one. RL306 compares every claim the parser reads with the cells it names. Example,
    a province whose reports count applications passed on by the 12345 hotline::

        @hookimpl
        def reportlint_claims():
            return [{"id": "hotline", "role": "head",
                     "what": {"zh": "12345热线转办的申请", "en": "applications from the 12345 hotline"},
                     "cells": ["三|一、本年新收政府信息公开申请数量|总计"],
                     "phrases": ["12345热线转办(?:的)?(?:政府信息公开)?申请"]}]
    """


@hookspec
def reportlint_formatters() -> Mapping[str, "type[Formatter]"]:
    """Return ``{name: Formatter subclass}`` for ``--format NAME``.

    A value may also be a ``"package.module:Class"`` string, imported only when that format is
    chosen, which keeps start-up fast. See :class:`reportlint.formatters.Formatter` for the interface.
    """


@hookspec
def reportlint_add_options() -> Mapping[str, object]:
    """Declare this plugin's settings with their defaults: ``{"min-length": 10}``.

    Users set them under ``[tool.reportlint.<plugin-name>]``; the plugin reads them with
    ``config.plugin_options("<plugin-name>")``. Unknown keys there are a configuration error.
    """
