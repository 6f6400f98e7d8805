"""The rules of the house (docs/architecture.md), checked on the source itself.

Every arrow points one way: the layer table below says which layer may import which; there is no
import cycle; and nothing is imported inside a function but the documented lazy imports. Imports
under ``if TYPE_CHECKING:`` are annotations only and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support.paths import REPO

SRC = REPO / "src"
PACKAGE = SRC / "reportlint"

#: What each layer may import besides itself. ``package`` is ``reportlint/__init__`` (``hookimpl``,
#: ``__version__``); ``commands`` are cli, app, api, extract and ``__main__`` at the top.
MAY_IMPORT = {
    "package": set(),
    "core": set(),
    "readers": {"package", "core"},
    "parsing": {"core"},
    "checks": {"package", "core"},
    "formatters": {"package", "core"},
    "hookspecs": {"package"},
    "host": {"package", "core", "readers", "parsing", "hookspecs"},
    "commands": {"package", "core", "readers", "parsing", "formatters", "hookspecs", "host"},
}

#: The only imports made inside functions, and why (docs/architecture.md, "Lazy imports").
LAZY_IMPORTS = {
    ("reportlint.core.resources", "jsonschema"): "validation is needed only for a baseline or a plugin's data",
    ("reportlint.host.runner", "reportlint.host.pool"): "multiprocessing costs start-up; only files run in workers need it",
    ("reportlint.app", "csv"): "only `reportlint extract --format csv` writes CSV",
    ("reportlint.host.pipeline", "reportlint.host.fixes"): "tempfile and difflib cost start-up; only --fix and --diff need them",
    ("reportlint.host.runner", "reportlint.host.pipeline"): "the parser loads only for a file the result cache lacks",
    ("reportlint.app", "reportlint.host.pipeline"): "the parser: loaded by the commands that read reports",
    ("reportlint.host.runner", "reportlint.host.cluster"): "only a run on Dask needs it",
    ("reportlint.app", "reportlint.host.cluster"): "Dask is imported only by runs that ask for it",
    ("reportlint.host.cluster", "dask"): "an optional dependency (reportlint[dask]): a clear error when it is missing",
    ("reportlint.host.deadline", "ctypes"): "only a time limit outside a process's main thread needs it",
    ("reportlint.app", "reportlint.review"): "python-docx and the review's own code: only `reportlint review`",
    ("reportlint.app", "reportlint.serve"): "Starlette and uvicorn (reportlint[serve]): only `reportlint serve`",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in ("core", "readers", "parsing", "checks", "formatters", "host", "hookspecs"):
        return parts[1]
    return "commands"


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level(tree: ast.Module) -> set[ast.AST]:
    """Import statements run when the module is imported (module body, its if/try blocks)."""
    top: set[ast.AST] = set()
    for node in tree.body:
        if _is_type_checking(node):
            continue
        if isinstance(node, (ast.If, ast.Try)):
            top.update(n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            top.add(node)
    return top


def _type_only(tree: ast.Module) -> set[ast.AST]:
    return {n for node in tree.body if _is_type_checking(node) for n in ast.walk(node)}


def _targets(module: str, node: ast.AST) -> list[str]:
    """The modules an import statement names (a package's module when ``from pkg import mod``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def _project(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports():
    """(module, imported, at top level?) for every import statement outside TYPE_CHECKING blocks."""
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top, typing_only = _top_level(tree), _type_only(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and node not in typing_only:
                for target in _targets(module, node):
                    yield module, target, node in top


IMPORTS = list(_imports())


def test_every_module_belongs_to_a_layer_of_the_table():
    assert {layer(m) for m in MODULES} == set(MAY_IMPORT)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_from_the_layers_below_it(module):
    own = layer(module)
    wrong = sorted({target for importer, name, _ in IMPORTS if importer == module
                    for target in [_project(name)] if target and target != module
                    and layer(target) != own and layer(target) not in MAY_IMPORT[own]})
    assert not wrong, f"{module} ({own}) may not import {wrong}: see docs/architecture.md"


def test_there_is_no_import_cycle():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for importer, name, top in IMPORTS:
        target = _project(name)
        if top and target and target != importer:
            graph[importer].add(target)
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_nothing_is_imported_inside_a_function_but_the_documented_lazy_imports():
    local = {(importer, name.split(".")[0] if not name.startswith("reportlint") else name)
             for importer, name, top in IMPORTS if not top}
    assert local == set(LAZY_IMPORTS), "function-local imports must be listed in LAZY_IMPORTS and docs/architecture.md"


def test_the_architecture_page_names_every_package_and_lazy_import():
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("core/", "readers/", "parsing/", "checks/", "formatters/", "host/"):
        assert folder in page
    for module in MODULES:
        assert module.rpartition(".")[2] in page or module.endswith("__main__"), f"docs/architecture.md does not name {module}"
    for module, library in LAZY_IMPORTS:
        assert f"`{library.rpartition('.')[2]}`" in page and module.rpartition(".")[2] in page


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
