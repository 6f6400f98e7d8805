"""What a plain run imports: `reportlint FILE.txt`, the pre-commit case, in a fresh process.

Every run pays for what it imports. The list below is every module of reportlint that linting one
text report with the default settings loads; a change that makes a plain run import one more (or
a library it does not use) fails here and has to say why. A run whose files are all in the result
cache loads no parser, and a run whose start-up is kept in the cache folder no TOML parser.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from support.paths import SAMPLE_REPORTS

#: reportlint's modules a plain text run loads, and nothing else of it.
PLAIN_RUN = {
    "reportlint", "reportlint.app", "reportlint.cli", "reportlint.hookspecs",
    "reportlint.checks", "reportlint.checks.arithmetic", "reportlint.checks.chains", "reportlint.checks.dates",
    "reportlint.checks.statutes", "reportlint.checks.structure", "reportlint.checks.template", "reportlint.checks.wording",
    "reportlint.core", "reportlint.core.catalogue", "reportlint.core.config", "reportlint.core.diagnostic",
    "reportlint.core.document", "reportlint.core.lexicon", "reportlint.core.limits", "reportlint.core.model",
    "reportlint.core.numerals", "reportlint.core.patterns", "reportlint.core.publication", "reportlint.core.resources",
    "reportlint.core.selection", "reportlint.core.templates", "reportlint.core.text",
    "reportlint.formatters", "reportlint.formatters.text",
    "reportlint.host", "reportlint.host.baseline", "reportlint.host.cache", "reportlint.host.config",
    "reportlint.host.deadline", "reportlint.host.discovery", "reportlint.host.messages", "reportlint.host.pipeline",
    "reportlint.host.plugins", "reportlint.host.registry", "reportlint.host.resolve", "reportlint.host.runner",
    "reportlint.host.session", "reportlint.host.settings", "reportlint.host.startup", "reportlint.host.style_guide",
    "reportlint.parsing", "reportlint.parsing.builder", "reportlint.parsing.dates", "reportlint.parsing.figures",
    "reportlint.parsing.furniture", "reportlint.parsing.heuristics", "reportlint.parsing.labels",
    "reportlint.parsing.mentions", "reportlint.parsing.prose", "reportlint.parsing.rows", "reportlint.parsing.segment",
    "reportlint.parsing.signs", "reportlint.parsing.structure", "reportlint.parsing.tables", "reportlint.parsing.text",
    "reportlint.parsing.tokens",
    "reportlint.readers", "reportlint.readers.decode",
}

#: Libraries a plain text run has no use for: the other readers' and formats', the worker pool,
#: the fixer, schema validation, package metadata, the optional extras.
NEVER = ("docx", "lxml", "pdfplumber", "pypdfium2", "jsonschema", "multiprocessing", "concurrent", "tempfile", "csv",
         "email", "importlib.metadata", "dask", "distributed", "starlette", "uvicorn", "xml", "http", "asyncio",
         "ctypes", "subprocess", "sqlite3", "zipfile")

_RUN = """
import atexit, json, sys
def report():
    with open(sys.argv[1], "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(report)
from reportlint.cli import main
main(sys.argv[2:])
"""


def imported(tmp_path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", _RUN, str(out), *args], cwd=tmp_path, capture_output=True, check=False,
                   env={**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache")})
    return set(json.loads(out.read_text(encoding="utf-8")))


def report(tmp_path, name: str = "r.txt"):
    path = tmp_path / name
    shutil.copyfile(sorted(SAMPLE_REPORTS.glob("*.txt"))[1], path)
    return path


def test_a_plain_run_imports_these_modules_of_reportlint_and_none_of_what_it_does_not_use(tmp_path):
    path = report(tmp_path)
    imported(tmp_path, "-q", path.name)  # the first run keeps its start-up in the cache folder
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n")  # changed: linted again, as a commit's file is
    modules = imported(tmp_path, "-q", path.name)
    assert {m for m in modules if m.split(".")[0] == "reportlint"} == PLAIN_RUN
    assert [m for m in modules if m.split(".")[0] in NEVER or m in NEVER] == []
    assert "tomllib" not in modules and "tomli" not in modules  # the data files' parsed content was kept


def test_a_run_from_the_result_cache_loads_no_parser(tmp_path):
    path = report(tmp_path)
    imported(tmp_path, "-q", path.name)
    modules = imported(tmp_path, "-q", path.name)
    assert not any(m.startswith("reportlint.parsing") for m in modules) and "reportlint.host.pipeline" not in modules


def test_without_the_cache_folder_nothing_is_kept_and_the_data_files_are_parsed(tmp_path):
    path = report(tmp_path)
    modules = imported(tmp_path, "-q", "--no-cache", path.name)
    assert {m for m in modules if m.split(".")[0] == "reportlint"} == PLAIN_RUN
    assert "tomllib" in modules or "tomli" in modules
    assert not (tmp_path / "cache").exists()
