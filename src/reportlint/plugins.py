"""Assemble the host from plugins: built-in modules and third-party packages alike.

Everything is found through the ``reportlint`` entry-point group; the built-in modules are listed
there by reportlint's own distribution. When reportlint runs from a source tree that is not installed
(no dist-info), the built-in list below stands in for its entry points.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from importlib import metadata

import pluggy

from reportlint import hookspecs

NAME = "reportlint"
BUILTIN_DIST = "reportlint"

BUILTIN_MODULES = {
    "structure": "reportlint.checks.structure",
    "statutes": "reportlint.checks.statutes",
    "arithmetic": "reportlint.checks.arithmetic",
    "dates": "reportlint.checks.dates",
    "template": "reportlint.checks.template",
    "wording": "reportlint.checks.wording",
    "readers": "reportlint.readers",
    "formatters": "reportlint.formatters",
}


@dataclass(frozen=True)
class PluginInfo:
    """Which plugin a module is, for messages and for ``reportlint rules``."""

    name: str  # entry-point name, e.g. "structure" or "example"
    dist: str  # distribution that provides it, "reportlint" for built-ins
    version: str

    @property
    def builtin(self) -> bool:
        return self.dist == BUILTIN_DIST


class PluginLoadError(Exception):
    pass


class PluginManager(pluggy.PluginManager):
    def __init__(self) -> None:
        super().__init__(NAME)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}  # plugin registration name -> info
        self.load_errors: list[tuple[str, str]] = []  # (entry point, error) for plugins that failed to import

    def info_for(self, plugin: object) -> PluginInfo:
        return self.infos.get(self.get_name(plugin) or "", PluginInfo("unknown", "unknown", ""))

    def load(self) -> "PluginManager":
        seen_builtin = False
        for ep in _entry_points():
            dist = ep.dist.name if ep.dist is not None else "unknown"
            version = ep.dist.version if ep.dist is not None else ""
            if dist == BUILTIN_DIST:
                seen_builtin = True
            self._register(ep.name, dist, version, ep.load)
        if not seen_builtin:
            from reportlint import __version__

            for name, module in BUILTIN_MODULES.items():
                self._register(name, BUILTIN_DIST, __version__, functools.partial(importlib.import_module, module))
        self.check_pending()
        return self

    def add_plugin(self, plugin: object, name: str, dist: str, version: str = "") -> None:
        """Register an object as plugin ``name`` of distribution ``dist`` without an entry point
        (an embedding application's own checks, or a test's). Rules it declares join the catalogue."""
        self._register(name, dist, version, lambda: plugin)
        from reportlint import catalogue

        catalogue.reset()

    def _register(self, name: str, dist: str, version: str, loader) -> None:
        key = f"{dist}:{name}"
        if key in self.infos:
            return
        try:
            plugin = loader()
        except Exception as exc:  # a broken third-party plugin must not take the run down
            self.load_errors.append((key, f"{type(exc).__name__}: {exc}"))
            return
        self.register(plugin, name=key)
        self.infos[key] = PluginInfo(name, dist, version)


def _entry_points():
    eps = metadata.entry_points()
    if hasattr(eps, "select"):
        return list(eps.select(group=NAME))
    return list(eps.get(NAME, []))  # pragma: no cover - Python < 3.10 API


@functools.cache
def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loaded once."""
    return PluginManager().load()


def reset() -> None:
    """Forget the loaded plugins (tests that install a plugin call this)."""
    get_plugin_manager.cache_clear()
    from reportlint import catalogue, templates

    catalogue.reset()
    templates.reset()
