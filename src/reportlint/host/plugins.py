"""Assemble the host from plugins: built-in modules and third-party packages alike.

Everything is found through the ``reportlint`` entry-point group; the built-in modules are listed
there by reportlint's own distribution, and registered first, so that a third party's template or
phrase of a built-in id replaces the built-in one. When reportlint runs from a source tree that is
not installed (no dist-info), :data:`BUILTIN_MODULES` stands in for its entry points
(``tests/host/test_plugins.py`` proves the two lists agree).
"""

import functools
import importlib
import os
import sys
from typing import Iterator, NamedTuple

import pluggy

from reportlint import __version__, hookspecs

NAME = "reportlint"
BUILTIN_DIST = "reportlint"

#: pyproject.toml's ``[project.entry-points.reportlint]``, for a source tree that is not installed.
BUILTIN_MODULES = {
    "structure": "reportlint.checks.structure",
    "statutes": "reportlint.checks.statutes",
    "arithmetic": "reportlint.checks.arithmetic",
    "dates": "reportlint.checks.dates",
    "template": "reportlint.checks.template",
    "wording": "reportlint.checks.wording",
    "chains": "reportlint.checks.chains",
    "readers": "reportlint.readers",
    "formatters": "reportlint.formatters",
}


class PluginInfo(NamedTuple):
    """Which plugin a module is, for messages and for ``reportlint rules``."""

    name: str  # entry-point name, e.g. "structure" or "example"
    dist: str  # distribution that provides it, "reportlint" for built-ins
    version: str

    @property
    def key(self) -> str:
        """The name it is registered under: ``dist:name``."""
        return f"{self.dist}:{self.name}"

    @property
    def builtin(self) -> bool:
        return self.dist == BUILTIN_DIST


class PluginManager(pluggy.PluginManager):
    def __init__(self) -> None:
        super().__init__(NAME)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}  # plugin registration name -> info
        self.load_errors: list[tuple[str, str]] = []  # (entry point, error) for plugins that failed to import
        self.generation = 0  # grows with every plugin registered: the registries are built again
        self._callers: dict[tuple[str, int], list[tuple[PluginInfo, pluggy.HookCaller]]] = {}

    def info_for(self, plugin: object) -> PluginInfo:
        return self.infos.get(self.get_name(plugin) or "", PluginInfo("unknown", "unknown", ""))

    def callers(self, hook: str) -> list[tuple[PluginInfo, pluggy.HookCaller]]:
        """``hook`` as one pluggy caller per plugin that implements it, in registration order.

        For the hooks whose results must be told apart by plugin: a rule belongs to the plugin
        that declares it, a plugin's settings to its own table, and a failing check is that
        plugin's RL903 while the others' findings stand (one call of all implementations would
        lose them all on one error). Every other hook is called through ``self.hook`` directly.
        """
        key = (hook, self.generation)
        if key not in self._callers:
            plugins = list(dict.fromkeys(impl.plugin for impl in getattr(self.hook, hook).get_hookimpls()
                                         if not (impl.hookwrapper or impl.wrapper)))
            self._callers[key] = [(self.info_for(plugin), self.subset_hook_caller(hook, [p for p in plugins if p is not plugin]))
                                  for plugin in plugins]
        return self._callers[key]

    def load(self) -> "PluginManager":
        found = list(entry_points(NAME))
        builtin = [ep for ep in found if ep.dist == BUILTIN_DIST] or \
            [EntryPoint(name, module, BUILTIN_DIST, __version__) for name, module in BUILTIN_MODULES.items()]
        for ep in [*builtin, *(ep for ep in found if ep.dist != BUILTIN_DIST)]:
            self._register(ep.name, ep.dist, ep.version, ep.load)
        self.check_pending()
        return self

    def add_plugin(self, plugin: object, name: str, dist: str, version: str = "") -> None:
        """Register an object as plugin ``name`` of distribution ``dist`` without an entry point
        (an embedding application's own checks, or a test's). Rules it declares join the catalogue."""
        self._register(name, dist, version, lambda: plugin)

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
        self.generation += 1


class EntryPoint(NamedTuple):
    name: str
    value: str  # "package.module" or "package.module:attribute"
    dist: str
    version: str

    def load(self) -> object:
        module, _, attribute = self.value.partition(":")
        target = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def entry_points(group: str) -> Iterator[EntryPoint]:
    """The entry points of ``group`` of every distribution on ``sys.path``.

    Read straight from each ``*.dist-info``/``*.egg-info`` folder's ``entry_points.txt``, as
    importlib.metadata does, but without importing it: its email-parsing machinery costs as much
    start-up time as click and pluggy together, and every pre-commit run pays start-up.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file or a missing folder
            continue
        for folder in names:
            if not folder.endswith((".dist-info", ".egg-info")):
                continue
            path = os.path.join(entry or ".", folder)
            points = _read_group(os.path.join(path, "entry_points.txt"), group)
            if points:
                dist, version = _name_and_version(path, folder)
                for name, value in points:
                    yield EntryPoint(name, value, dist, version)


def _read_group(path: str, group: str) -> list[tuple[str, str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return []
    points, current = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            points.append((name.strip(), value.split("[", 1)[0].strip()))  # drop "[extras]"
    return points


def _name_and_version(path: str, folder: str) -> tuple[str, str]:
    """The distribution's name as published (``Name:`` in its metadata), falling back to the folder name."""
    name, _, rest = folder.rpartition(".")[0].partition("-")
    version = rest
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(path, filename), encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        break  # end of the headers
                    key, _, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version


@functools.cache
def get_plugin_manager() -> PluginManager:
    """The process-wide plugin manager, loaded once."""
    return PluginManager().load()


def reset() -> None:
    """Forget the loaded plugins (tests that install a plugin call this)."""
    get_plugin_manager.cache_clear()
