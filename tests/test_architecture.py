"""The rules of the house (docs/architecture.md), checked on the source itself.

Every arrow points one way: the layer table below says which layer may import which; there is no
import cycle; nothing is imported inside a function but the documented lazy imports; the layers
below the host load no module by name (``importlib``); only the host touches the plugin manager;
and the tests import reportlint's own modules plainly. Imports under ``if TYPE_CHECKING:`` are
imports too: they must respect the layers, and a cycle through them is a cycle (a type named from
the layer above is a sign that the type lives in the wrong place).

Each rule is a function of the source (:class:`Tree`), tested twice: on the tree as it is, and on a
tree with one violation put in, which it must find.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, NamedTuple

import pytest

from support.paths import REPO

SRC = REPO / "src"
PACKAGE = SRC / "reportlint"
TESTS = REPO / "tests"

#: What each layer may import besides itself. ``package`` is ``reportlint/__init__`` (``hookimpl``,
#: ``__version__``); ``hookspecs`` names (as types) the values hooks take and return; ``api`` is the
#: library API, which runs what the host runs and never the commands; ``commands`` are cli, app,
#: extract, review, serve and ``__main__``.
MAY_IMPORT = {
    "package": set(),
    "core": set(),
    "readers": {"package", "core"},
    "parsing": {"core"},
    "checks": {"package", "core"},
    "formatters": {"package", "core"},
    "hookspecs": {"package", "core", "readers", "formatters"},
    "host": {"package", "core", "readers", "parsing", "hookspecs"},
    "api": {"package", "core", "readers", "parsing", "hookspecs", "host"},
    "commands": {"package", "core", "readers", "parsing", "formatters", "hookspecs", "host", "api"},
}

#: The layers below the host: handed what they need, they load nothing by name.
LOWER = ("package", "core", "readers", "parsing", "checks", "formatters", "hookspecs")

#: The only imports made inside functions, and why (docs/architecture.md, "Lazy imports").
LAZY_IMPORTS = {
    ("reportlint.core.resources", "jsonschema"): "validation is needed only for a baseline or a plugin's data",
    ("reportlint.core.resources", "tomllib"): "the TOML parser: a run whose data files are kept and that reads no config file never needs it",
    ("reportlint.core.resources", "tomli"): "the same, on Python 3.10",
    ("reportlint.host.settings", "difflib"): "only a misspelt setting needs a suggestion",
    ("reportlint.app", "reportlint.extract"): "the model's data: only `reportlint extract`",
    ("reportlint.readers", "reportlint.readers.docx"): "python-docx and lxml: only when a Word file is read or sniffed",
    ("reportlint.readers", "reportlint.readers.html"): "lxml: only when a web page is read or sniffed",
    ("reportlint.readers", "reportlint.readers.pdf"): "pypdfium2 and pdfplumber: only when a PDF is read or sniffed",
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

#: What drives plugins: only host/ may name it (and ``package``/``hookspecs`` pluggy's markers).
PLUGIN_MANAGER = {"get_plugin_manager", "PluginManager", "subset_hook_caller", "callers"}


class Import(NamedTuple):
    module: str  # the importing module
    target: str  # the module (or package's module) it names
    top: bool  # run when the module is imported (not inside a function)
    typed: bool  # under ``if TYPE_CHECKING:``
    node: ast.AST


class Tree:
    """reportlint's modules as source: ``{module name: (source, is a package's __init__)}``."""

    def __init__(self, sources: dict[str, tuple[str, bool]]) -> None:
        self.sources = sources
        self.trees = {module: ast.parse(source) for module, (source, _) in sources.items()}

    @classmethod
    def of(cls, root: Path = PACKAGE) -> "Tree":
        found = {}
        for path in sorted(root.rglob("*.py")):
            name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        return cls(found)

    def with_source(self, module: str, source: str) -> "Tree":
        """The same tree with ``module``'s source replaced (or a module added)."""
        is_package = self.sources.get(module, ("", False))[1]
        return Tree({**self.sources, module: (source, is_package)})

    def imports(self) -> Iterator[Import]:
        for module, tree in self.trees.items():
            typed = {n for node in tree.body if _is_type_checking(node) for n in ast.walk(node)}
            top = _top_level(tree)
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    for target in self._targets(module, node):
                        yield Import(module, target, node in top or node in typed, node in typed, node)

    def _targets(self, module: str, node: ast.AST) -> list[str]:
        """The modules an import statement names (a package's module when ``from pkg import mod``)."""
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = node.module or ""
        if node.level:
            package = module.split(".") if self.sources[module][1] else module.split(".")[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in self.sources else base for a in node.names]

    def project(self, name: str) -> str | None:
        """The module of reportlint that ``name`` is, or lies in; None for another library."""
        while name and name not in self.sources:
            name = name.rpartition(".")[0]
        return name or None


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in ("core", "readers", "parsing", "checks", "formatters", "host", "hookspecs", "api"):
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


# --- the rules --------------------------------------------------------------------------------------


def layer_violations(tree: Tree) -> list[str]:
    """``module (layer) imports target (layer)`` for every import across the table, typed ones included."""
    wrong = set()
    for imp in tree.imports():
        target = tree.project(imp.target)
        if target and target != imp.module:
            own, theirs = layer(imp.module), layer(target)
            if theirs != own and theirs not in MAY_IMPORT[own]:
                wrong.add(f"{imp.module} ({own}) imports {target} ({theirs})" + (" under TYPE_CHECKING" if imp.typed else ""))
    return sorted(wrong)


def import_cycle(tree: Tree) -> list[str] | None:
    """A cycle of imports made when modules are imported or named as types, or None."""
    graph: dict[str, set[str]] = {m: set() for m in tree.sources}
    for imp in tree.imports():
        target = tree.project(imp.target)
        if imp.top and target and target != imp.module:
            graph[imp.module].add(target)
    return _find_cycle(graph)


def local_imports(tree: Tree) -> set[tuple[str, str]]:
    """(module, what) for every import made inside a function."""
    return {(imp.module, imp.target.split(".")[0] if not imp.target.startswith("reportlint") else imp.target)
            for imp in tree.imports() if not imp.top}


def loading_by_name(tree: Tree) -> list[str]:
    """Modules of the lower layers that import importlib or call ``__import__``."""
    found = set()
    for imp in tree.imports():
        if layer(imp.module) in LOWER and imp.target.split(".")[0] == "importlib":
            found.add(f"{imp.module} imports {imp.target}")
    for module, parsed in tree.trees.items():
        if layer(module) in LOWER and any(isinstance(n, ast.Name) and n.id == "__import__" for n in ast.walk(parsed)):
            found.add(f"{module} calls __import__")
    return sorted(found)


def plugin_manager_outside_host(tree: Tree) -> list[str]:
    """Modules outside host/ that import the plugin manager's module or name what drives plugins."""
    found = set()
    for imp in tree.imports():
        if layer(imp.module) == "host":
            continue
        if tree.project(imp.target) == "reportlint.host.plugins":
            found.add(f"{imp.module} imports reportlint.host.plugins")
        if imp.target.split(".")[0] == "pluggy" and layer(imp.module) not in ("package", "hookspecs"):
            found.add(f"{imp.module} imports pluggy")
    for module, parsed in tree.trees.items():
        if layer(module) == "host":
            continue
        for node in ast.walk(parsed):
            name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else \
                node.name if isinstance(node, ast.alias) else None
            if name in PLUGIN_MANAGER:
                found.add(f"{module} names {name}")
    return sorted(found)


def skipped_own_imports(sources: dict[str, str]) -> list[str]:
    """Test files that skip when one of reportlint's own modules does not import — a broken import
    that must fail, not pass as a skip: ``pytest.importorskip("reportlint…")`` or an ``import
    reportlint…`` guarded by ``except ImportError``."""
    found = []
    for name, source in sorted(sources.items()):
        for node in ast.walk(ast.parse(source)):
            if (isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) == "importorskip"
                    and node.args and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).startswith("reportlint")):
                found.append(f"{name}:{node.lineno}: importorskip({node.args[0].value!r})")
            if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers) \
                    and any(_imports_reportlint(n) for stmt in node.body for n in ast.walk(stmt)):
                found.append(f"{name}:{node.lineno}: an import of reportlint guarded by except ImportError")
    return found


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    return handler.type is not None and any(word in ast.unparse(handler.type) for word in ("ImportError", "ModuleNotFoundError"))


def _imports_reportlint(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "reportlint" for alias in node.names)
    return isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlint" and not node.level


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


# --- the rules on the tree as it is -------------------------------------------------------------------

TREE = Tree.of()
MODULES = sorted(TREE.sources)


def test_every_module_belongs_to_a_layer_of_the_table():
    assert {layer(m) for m in MODULES} == set(MAY_IMPORT)


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_only_from_the_layers_below_it(module):
    wrong = [line for line in layer_violations(TREE) if line.startswith(f"{module} (")]
    assert not wrong, f"{wrong}: see docs/architecture.md"


def test_there_is_no_import_cycle_typed_imports_included():
    cycle = import_cycle(TREE)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_nothing_is_imported_inside_a_function_but_the_documented_lazy_imports():
    assert local_imports(TREE) == set(LAZY_IMPORTS), "function-local imports must be listed in LAZY_IMPORTS and docs/architecture.md"


def test_the_layers_below_the_host_load_no_module_by_name():
    assert loading_by_name(TREE) == []


def test_only_the_host_touches_the_plugin_manager():
    assert plugin_manager_outside_host(TREE) == []


def test_the_tests_import_reportlint_plainly():
    sources = {str(path.relative_to(REPO)): path.read_text(encoding="utf-8") for path in sorted(TESTS.rglob("*.py"))}
    assert skipped_own_imports(sources) == []


def test_the_architecture_page_names_every_package_and_lazy_import():
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("core/", "readers/", "parsing/", "checks/", "formatters/", "host/"):
        assert folder in page
    for module in MODULES:
        assert module.rpartition(".")[2] in page or module.endswith("__main__"), f"docs/architecture.md does not name {module}"
    for module, library in LAZY_IMPORTS:
        assert f"`{library.rpartition('.')[2]}`" in page and module.rpartition(".")[2] in page


# --- each rule finds what it is there to find ---------------------------------------------------------


def test_the_api_importing_the_commands_is_found():
    tree = TREE.with_source("reportlint.api", TREE.sources["reportlint.api"][0] + "\nfrom reportlint import app\n")
    assert "reportlint.api (api) imports reportlint.app (commands)" in layer_violations(tree)


def test_a_typed_import_across_the_layers_and_its_cycle_are_found():
    """Config named as a type from the host by a formatter, and the host importing core.config back:
    the typed import breaks the layers and closes a cycle."""
    source = TREE.sources["reportlint.core.config"][0] + "\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from reportlint.host.config import load_config\n"
    tree = TREE.with_source("reportlint.core.config", source)
    assert "reportlint.core.config (core) imports reportlint.host.config (host) under TYPE_CHECKING" in layer_violations(tree)
    cycle = import_cycle(tree)
    assert cycle is not None and "reportlint.core.config" in cycle and "reportlint.host.config" in cycle


def test_importlib_below_the_host_is_found():
    for module, line in (("reportlint.readers", "import importlib"), ("reportlint.formatters.sarif", "from importlib import metadata"),
                         ("reportlint.checks.dates", "plugin = __import__('x')")):
        tree = TREE.with_source(module, TREE.sources[module][0] + f"\n{line}\n")
        assert any(found.startswith(module + " ") for found in loading_by_name(tree)), line
    host = TREE.with_source("reportlint.host.registry", TREE.sources["reportlint.host.registry"][0] + "\nimport importlib\n")
    assert loading_by_name(host) == []


def test_the_plugin_manager_outside_the_host_is_found():
    tree = TREE.with_source("reportlint.cli", TREE.sources["reportlint.cli"][0] + "\nfrom reportlint.host.plugins import get_plugin_manager\n")
    assert "reportlint.cli imports reportlint.host.plugins" in plugin_manager_outside_host(tree)
    assert "reportlint.cli names get_plugin_manager" in plugin_manager_outside_host(tree)
    tree = TREE.with_source("reportlint.app", TREE.sources["reportlint.app"][0] + "\nimport pluggy\nmanager = pluggy.PluginManager('x')\n")
    assert {"reportlint.app imports pluggy", "reportlint.app names PluginManager"} <= set(plugin_manager_outside_host(tree))


def test_an_import_of_reportlint_that_may_be_skipped_is_found():
    found = skipped_own_imports({
        "a.py": 'import pytest\napi = pytest.importorskip("reportlint.api")\n',
        "b.py": "try:\n    from reportlint.parsing import build_report\nexcept ImportError:\n    build_report = None\n",
        "c.py": 'import pytest\ndask = pytest.importorskip("dask.distributed")\n',
    })
    assert [line.split(":")[0] for line in found] == ["a.py", "b.py"]


def test_a_function_local_import_not_documented_is_found():
    source = TREE.sources["reportlint.host.config"][0] + "\ndef later():\n    import difflib\n"
    assert ("reportlint.host.config", "difflib") in local_imports(TREE.with_source("reportlint.host.config", source)) - set(LAZY_IMPORTS)


def test_the_cycle_finder_finds_a_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
