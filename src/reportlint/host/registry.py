"""What the installed plugins add up to: the rule catalogue, the report formats (templates), the
claim lexicon, the readers, the output formats and the plugins' settings.

The host's one view of the plugin manager for everything but running checks (see
:mod:`reportlint.host.pipeline`). Each registry is built once per set of plugins: a plugin added at run
time (:meth:`reportlint.host.plugins.PluginManager.add_plugin`) makes them be built again. The layers
below — readers, parsing, checks, formatters — are handed what they need from here and never ask.
The built-in modules are asked exactly as a third party's are, and first (a plugin's template or
phrase of a built-in id replaces the built-in one); only the host's own rules (RL9xx) are not a
plugin's.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
from typing import TYPE_CHECKING, Any, Callable, Sequence, TypeVar

from reportlint.core.catalogue import Catalogue, CatalogueError, Rule, rules_of
from reportlint.core.config import Config
from reportlint.core.lexicon import ClaimKind, Lexicon
from reportlint.core.resources import SchemaViolation, validate
from reportlint.core.templates import Template
from reportlint.host.plugins import get_plugin_manager

if TYPE_CHECKING:
    from reportlint.readers import Reader

T = TypeVar("T")


def _per_plugin_set(build: Callable[[], T]) -> Callable[[], T]:
    """Cache ``build()`` until the plugins change."""
    cache: dict[tuple[int, int], T] = {}

    @functools.wraps(build)
    def cached() -> T:
        pm = get_plugin_manager()
        key = (id(pm), pm.generation)
        if key not in cache:
            cache.clear()
            cache[key] = build()
        return cache[key]

    return cached


@_per_plugin_set
def catalogue() -> Catalogue:
    """The host's rules (RL9xx) plus every plugin's ``reportlint_rules``; each rule knows its plugin."""
    result = Catalogue(rules_of("host"))
    for info, call in get_plugin_manager().callers("reportlint_rules"):
        try:
            for entry in (entry for group in call() for entry in (group or ())):
                rule = entry if isinstance(entry, Rule) else Rule.from_mapping(entry, plugin=info.dist)
                if rule.plugin != info.dist:
                    rule = Rule(**{**rule.__dict__, "plugin": info.dist})
                result.add(rule)
        except CatalogueError as exc:
            raise CatalogueError(f"plugin {info.key}: {exc}") from None
        except Exception as exc:  # the rules cannot be known, so no run can be trusted: a clear error
            raise CatalogueError(f"plugin {info.key}: reportlint_rules failed: {type(exc).__name__}: {exc}") from None
    return result


@_per_plugin_set
def templates() -> tuple[Template, ...]:
    """Every plugin's report formats (``reportlint_templates``: the national ones are the built-in
    module ``template``'s), ordered by first year; a later plugin's template of a known id replaces it."""
    found: dict[str, Template] = {}
    for info, call in get_plugin_manager().callers("reportlint_templates"):
        for entry in (entry for group in call() for entry in (group or ())):
            if not isinstance(entry, Template):
                try:
                    validate(entry, "template")  # a plugin's data is checked; ours is checked by the tests
                except SchemaViolation as exc:
                    raise CatalogueError(f"plugin {info.key}: a format of reportlint_templates: {exc}") from None
            template = entry if isinstance(entry, Template) else Template.from_mapping(entry)
            found[template.id] = template
    return tuple(sorted(found.values(), key=lambda t: t.first_year))


@_per_plugin_set
def lexicon() -> Lexicon:
    """The claim lexicon: every plugin's ``reportlint_claims`` (rules/data/claims.toml is the built-in
    module ``arithmetic``'s); a later entry of a known id replaces it. A malformed entry is a clear
    error naming the plugin."""
    found = Lexicon(())
    for info, call in get_plugin_manager().callers("reportlint_claims"):
        try:
            entries = [entry for group in call() for entry in (group or ())]
            kinds = tuple(entry._replace(plugin=info.dist) if isinstance(entry, ClaimKind) else ClaimKind.from_mapping(entry, info.dist)
                          for entry in entries)
            found = found.extended(Lexicon(kinds))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise CatalogueError(f"plugin {info.key}: a phrase of reportlint_claims: {type(exc).__name__}: {exc}") from None
    return found


@_per_plugin_set
def readers() -> tuple["Reader", ...]:
    """Every reader the plugins provide (``reportlint_readers``), built-in ones included."""
    return tuple(reader for group in get_plugin_manager().hook.reportlint_readers() for reader in (group or ()))


@_per_plugin_set
def formatters() -> dict[str, Any]:
    """``{name: Formatter class or "module:Class"}`` from every plugin's ``reportlint_formatters``."""
    found: dict[str, Any] = {}
    for group in reversed(get_plugin_manager().hook.reportlint_formatters()):  # built-ins first
        found.update(group or {})
    return found


def formatter(name: str) -> type:
    """The output format ``name``: its :class:`reportlint.formatters.Formatter` subclass, imported
    when first used (the host names the formatters only by what the plugins return)."""
    target = formatters()[name]
    if isinstance(target, str):
        module, _, cls = target.partition(":")
        target = getattr(importlib.import_module(module), cls)
    return target


@_per_plugin_set
def plugin_options() -> dict[str, dict[str, Any]]:
    """``{entry-point name: {option: default}}`` from every plugin's ``reportlint_add_options``."""
    defaults: dict[str, dict[str, Any]] = {}
    for info, call in get_plugin_manager().callers("reportlint_add_options"):
        for group in call():
            defaults.setdefault(info.name, {}).update(group or {})
    return defaults


def load_errors() -> list[tuple[str, str]]:
    """``(plugin, error)`` for every plugin that could not be loaded (the others run without it)."""
    return list(get_plugin_manager().load_errors)


def extensions(configured: Sequence[str]) -> tuple[str, ...]:
    """The configured suffixes plus those of the readers that third-party plugins add."""
    extra = [s for reader in readers() if not type(reader).__module__.startswith("reportlint.") for s in reader.suffixes]
    return tuple(dict.fromkeys([*configured, *(s.lower() for s in extra)]))


def effective(config: Config) -> Config:
    """``config`` with every rule's and plugin's setting filled in (a library user's ``Config()``
    names none)."""
    defaults = catalogue().option_defaults()
    options = plugin_options()
    if all(key in config.settings for key in defaults) and all(name in config.plugins for name in options):
        return config
    plugins = {name: {**values, **config.plugins.get(name, {})} for name, values in options.items()}
    return dataclasses.replace(config, settings={**defaults, **config.settings}, plugins={**config.plugins, **plugins})
