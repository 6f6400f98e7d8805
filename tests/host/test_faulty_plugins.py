"""A faulty plugin cannot corrupt the output, the exit status or the run (issue 9).

Whatever a third-party plugin does in ``reportlint_check`` — raise something unprintable, write a lone
surrogate, call ``sys.exit``, print to stdout, start a thread that never ends, swallow the timer, run
a C loop that ignores it, exit the process or crash it — its file gets RL903 or RL901, the other files
are linted, the JSON on stdout stays valid and the exit status says what was found.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import sys
import threading
import time

import pytest

from reportlint import hookimpl
from support.cli import REPORT

RULES = [{"code": "BAD101", "name": "bad-plugin-finding", "severity": "warning", "message": "{text}"}]


def faulty(behaviour):
    class Faulty:
        @hookimpl
        def reportlint_rules(self):
            return RULES

        @hookimpl
        def reportlint_check(self, report):
            if report.path.endswith("victim.txt"):
                yield from behaviour(report) or ()
            return

    return Faulty()


class Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no")


def _raise_unprintable(report):
    raise Unprintable()


def _surrogate(report):
    from reportlint.core.diagnostic import Finding

    return [Finding("BAD101", 1, 1, {"text": "\ud800"})]


def _exit(report):
    sys.exit(3)


def _print(report):
    print('{"this": "is not the output"}')
    return []


def _thread(report):
    threading.Thread(target=time.sleep, args=(3600,)).start()  # not a daemon: would keep a process alive
    return []


def _swallow_the_timer(report):
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        try:
            time.sleep(0.05)
        except BaseException:  # noqa: BLE001 — the plugin swallows reportlint's own timer
            continue


def _c_loop(report):
    re.match(r"(a*)*b", "a" * 40)  # the regex engine does not stop for signals


def _os_exit(report):
    os._exit(0)


def _segfault(report):
    ctypes.string_at(0)


CASES = {
    "unprintable exception": (_raise_unprintable, "RL903"),
    "lone surrogate": (_surrogate, "RL903"),
    "sys.exit": (_exit, "RL903"),
    "print to stdout": (_print, None),
    "endless thread": (_thread, None),
    "swallowed timer": (_swallow_the_timer, "RL901"),
    "C loop": (_c_loop, "RL901"),
    "os._exit": (_os_exit, "RL901"),
    "segfault": (_segfault, "RL901"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_faulty_plugin_costs_its_file_only(case, run_cli, add_plugin, write):
    behaviour, code = CASES[case]
    add_plugin(faulty(behaviour), name="faulty", dist="reportlint-faulty")
    write("a.txt", REPORT)
    write("victim.txt", REPORT)
    write("z.txt", REPORT)
    folder = write("a.txt", REPORT).parent
    started = time.monotonic()
    result = run_cli(folder, "--format", "json", "--select", "RL9,BAD", "--timeout", "1")
    assert time.monotonic() - started < 30
    files = {f["path"].rsplit("/", 1)[-1]: [d["code"] for d in f["diagnostics"]] for f in json.loads(result.stdout)["files"]}
    assert files["a.txt"] == [] and files["z.txt"] == []
    assert files["victim.txt"] == ([code] if code else [])
    assert result.exit_code == (1 if code else 0)
