"""What the tests of ``reportlint serve`` share: the application in this process (Starlette's
TestClient), a real server in a child process on a free port of this machine, and uploads.

Skipped where reportlint[serve] is not installed (the test extra brings it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="reportlint[serve] is not installed")
pytest.importorskip("httpx", reason="httpx (Starlette's TestClient) is not installed")

# Starlette 1.x would rather have httpx2; httpx serves every version from the lowest one required
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from starlette.testclient import TestClient  # noqa: E402

from reportlint.host.config import load_config  # noqa: E402
from reportlint.serve import application  # noqa: E402
from support.serving import Server  # noqa: E402


@pytest.fixture
def private_tmp(tmp_path) -> Path:
    """Where the application makes its private folders in this test: to see that none is left."""
    folder = tmp_path / "server-tmp"
    folder.mkdir()
    return folder


@pytest.fixture
def make_client(private_tmp, tmp_path, monkeypatch):
    """``make_client(**settings)``: the application with those settings, as the command line gives them."""
    monkeypatch.chdir(tmp_path)

    def make(**settings) -> TestClient:
        config = load_config([str(tmp_path)], None, {k.replace("_", "-"): v for k, v in settings.items()})
        app = application(config)  # its worker server's socket in the usual temporary folder: a short path
        monkeypatch.setattr("tempfile.tempdir", str(private_tmp))
        return TestClient(app, raise_server_exceptions=False)

    return make


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.fixture
def start_server(tmp_path):
    """``start_server(*options)``: a real server (uvicorn); stopped, by its own process, after the test."""
    started: list[subprocess.Popen] = []
    folders: list[str] = []

    def start(*options: str) -> Server:
        scratch = tempfile.mkdtemp(prefix="rl-serve-")  # short: the worker server's socket lives there
        folders.append(scratch)
        env = {**os.environ, "TMPDIR": scratch}
        process = subprocess.Popen([sys.executable, "-m", "reportlint", "serve", "--host", "127.0.0.1", "--port", "0", *options],
                                   cwd=tmp_path, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        started.append(process)
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "http://" not in line:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
        assert "http://" in line, f"the server did not start: {line!r}"
        url = "http://" + line.split("http://", 1)[1].split("/", 1)[0] + "/"
        return Server(process, url, Path(scratch))

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
