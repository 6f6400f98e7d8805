"""``reportlint serve``: a web page where an office checks its report without a command line.

A Starlette application under uvicorn. ``GET /`` is the upload form (Chinese, or English by the
switch on the page or the browser's language); ``POST /check`` takes one or several reports and
answers with the findings page that ``--format html`` makes, the reviewed Word copies and the
findings as JSON inside it as downloads.

Safe by construction:

- **Nothing kept.** An upload is streamed into a private temporary folder (mode 0700), each file
  under a name the server makes (``1.docx``: only a known suffix is taken from the client), and the
  folder is deleted before the answer is sent; the downloads are ``data:`` links in the page.
- **Bounded.** ``max-upload-bytes`` (refused at once when the request announces more), ``max-bytes``
  a file, ``max-files`` an upload, ``upload-timeout`` to arrive; at most :data:`MAX_REQUESTS` uploads
  in the server at once; the files are checked in the supervised worker pool
  (:mod:`reportlint.host.pool`), ``jobs`` workers for the whole server, each file within its time
  limit or its worker is killed.
- **Words, never a traceback.** Every refusal and every error is a page in the user's language.
- **No script.** A Content-Security-Policy allows the page's own <style> by its hash and nothing
  else (:func:`reportlint.serve_pages.content_security_policy`).
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import multiprocessing.forkserver
import os
import re
import shutil
import socket
import sys
import tempfile
import unicodedata
from typing import Any, NamedTuple

import anyio
import anyio.to_thread
import uvicorn
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from reportlint import serve_pages, serve_work
from reportlint.core.config import Config
from reportlint.formatters import Summary
from reportlint.formatters.html import HtmlFormatter
from reportlint.formatters.json import JsonFormatter
from reportlint.host import pool, registry, runner
from reportlint.host.settings import LANGS

#: Uploads in the server at once (arriving, waiting for a worker, being checked); more are told to
#: come back (503), so that memory and the private folders stay bounded.
MAX_REQUESTS = 64
#: A form field other than a file (the language) and a part's headers may be no larger than this.
MAX_FIELD_BYTES = 1024
MAX_HEADER_BYTES = 8 * 1024
MAX_FIELDS = 8
#: The longest name of an uploaded file shown on the page (longer: cut).
MAX_NAME = 120
#: How long the rest of an upload refused as too large is read (and dropped) before the answer.
DISCARD_SECONDS = 5.0

_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # the findings page holds the report's text
}


class Refused(Exception):
    """An upload the server will not check: the HTTP status and the page's words (serve_pages)."""

    def __init__(self, status: int, key: str, body_left: bool = False, **args: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.args_for_page = status, key, args
        #: whether the client is still sending (what is left is read and dropped before the answer)
        self.body_left = body_left


class Upload(NamedTuple):
    """An uploaded file: the name the user gave it (shown, never used as a path), and where the
    server put it."""

    name: str
    path: str


def application(config: Config) -> Starlette:
    """The ASGI application serving ``config`` (its limits, rules and settings; ``jobs`` workers)."""
    state = _State(config)

    async def upload_form(request: Request) -> Response:
        lang = language(request, config.lang)
        return _page(serve_pages.upload_page(config, lang))

    async def check(request: Request) -> Response:
        lang = language(request, config.lang)
        if state.requests >= MAX_REQUESTS:
            return _page(serve_pages.error_page("busy", lang), 503)
        state.requests += 1
        folder = tempfile.mkdtemp(prefix="reportlint-serve-")  # 0700: this process's alone
        try:
            try:
                with anyio.fail_after(config.upload_timeout):
                    uploads = await receive(request, folder, config)
            except TimeoutError:
                raise Refused(408, "slow-upload", seconds=f"{config.upload_timeout:g}") from None
            if not uploads:
                raise Refused(400, "no-file")
            page = await anyio.to_thread.run_sync(state.check_uploads, uploads, lang, folder, limiter=state.workers)
            return _page(page)
        except Refused as refused:
            if refused.body_left:
                await _discard(request)
            return _page(serve_pages.error_page(refused.key, lang, **refused.args_for_page), refused.status,
                         close=refused.status in (408, 413))
        except ClientDisconnect:
            return Response(status_code=400)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            state.requests -= 1

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        key = {404: "not-found", 405: "method"}.get(status, "internal")
        return _page(serve_pages.error_page(key, language(request, config.lang)), status)

    async def server_error(request: Request, exc: Exception) -> Response:
        return _page(serve_pages.error_page("internal", language(request, config.lang)), 500)

    app = Starlette(
        routes=[Route("/", upload_form, methods=["GET"]), Route("/check", check, methods=["POST"])],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.add_middleware(_SecurityHeaders, policy=serve_pages.content_security_policy())
    return app


class _State:
    """What the requests share: the count of uploads in the server and the worker slots."""

    def __init__(self, config: Config) -> None:
        self.config = dataclasses.replace(config, format="html", output=None, cache=False, fix=False, diff=False,
                                          quiet=True, verbose=False, baseline=None)
        self.requests = 0
        self.workers = anyio.CapacityLimiter(max(1, config.jobs))
        # workers start from a process that has already imported the checks: neither a copy of this
        # one's threads (fork) nor a fresh interpreter per file (spawn)
        if "forkserver" in multiprocessing.get_all_start_methods():
            self.context = multiprocessing.get_context("forkserver")
            self.context.set_forkserver_preload(["reportlint.serve_work"])
            multiprocessing.forkserver.ensure_running()  # now: a failure to start it is the server's, not an upload's
        else:  # Windows
            self.context = multiprocessing.get_context("spawn")

    def check_uploads(self, uploads: list[Upload], lang: str, folder: str) -> str:
        """The results page of one upload (run in a thread, holding one worker slot)."""
        config = dataclasses.replace(self.config, lang=lang)
        paths = [upload.path for upload in uploads]
        served = list(pool.run(paths, config, 1, serve_work.failed(config), self.context, work=serve_work.check_and_review,
                               seconds=serve_work.TIME_LIMITS_PER_FILE * config.limits.timeout))
        named = [_named(item.result, upload, folder) for item, upload in zip(served, uploads)]
        results = list(runner.finish(named, config))  # the checks that compare reports (RL7xx)
        catalogue = registry.catalogue()
        summary = Summary()
        findings = io.StringIO()
        as_json = JsonFormatter(findings, config, catalogue)
        as_json.start()
        page = io.StringIO()
        as_html = HtmlFormatter(page, config, catalogue)
        as_html.start()
        for result in results:
            summary.add(result)
            as_json.file(result)
            as_html.file(result)
        as_json.finish(summary)
        copies = [serve_pages.Download(upload.name, item.reviewed) for item, upload in zip(served, uploads)]
        as_html.preface = serve_pages.downloads(copies, findings.getvalue(), lang)
        as_html.style = serve_pages.STYLE
        as_html.finish(summary)
        return page.getvalue()


def _named(result, upload: Upload, folder: str):
    """A result under the name the user gave the file: the server's own path appears nowhere."""
    diagnostics = tuple(d._replace(path=upload.name, message=d.message.replace(upload.path, upload.name).replace(folder, ""))
                        for d in result.diagnostics)
    return dataclasses.replace(result, path=upload.name, diagnostics=diagnostics)


async def receive(request: Request, folder: str, config: Config) -> list[Upload]:
    """Stream a multipart upload into ``folder``, each file under a name of the server's, within
    the limits; the files' own names kept only as the names shown."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > config.max_upload_bytes):
        raise Refused(413, "upload-too-large", body_left=True, limit=config.max_upload_bytes)
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise Refused(400, "bad-upload")
    upload = _Receiver(folder, config)
    parser = MultipartParser(options[b"boundary"], upload.callbacks())
    received, more = 0, True
    try:
        while more:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            chunk, more = message.get("body", b""), message.get("more_body", False)
            received += len(chunk)
            if received > config.max_upload_bytes:
                raise Refused(413, "upload-too-large", limit=config.max_upload_bytes)
            parser.write(chunk)
        parser.finalize()
    except Refused as refused:
        refused.body_left = more
        raise
    except ValueError:  # python-multipart's parse errors are ValueErrors
        raise Refused(400, "bad-upload") from None
    finally:
        upload.close()
    if upload.open is not None or upload.partial:
        raise Refused(400, "bad-upload")
    return upload.files


class _Receiver:
    """python-multipart's callbacks: file parts written to the folder as they arrive, fields kept
    small, every count and size bounded."""

    def __init__(self, folder: str, config: Config) -> None:
        self.folder, self.config = folder, config
        self.files: list[Upload] = []
        self.shown: set[str] = set()
        self.fields = 0
        self.headers = bytearray()
        self.disposition = b""
        self.field_bytes = 0
        self.open: int | None = None  # the file being written
        self.current: Upload | None = None
        self.size = 0
        self.partial = False

    def callbacks(self) -> dict:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field, "on_header_value": self.header_value,
                "on_header_end": self.header_end, "on_headers_finished": self.headers_finished,
                "on_part_data": self.part_data, "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self.headers.clear()
        self.disposition, self.current, self.size, self.field_bytes, self.partial = b"", None, 0, 0, True
        self._name = bytearray()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._grow(data[start:end])
        self._name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._grow(data[start:end])
        if bytes(self._name).lower() == b"content-disposition":
            self.disposition += data[start:end]

    def header_end(self) -> None:
        self._name = bytearray()

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if b"filename" not in options:
            self.fields += 1
            if self.fields > MAX_FIELDS:
                raise Refused(400, "bad-upload")
            return
        if len(self.files) >= self.config.max_files:
            raise Refused(413, "too-many-files", limit=self.config.max_files)
        shown = self._shown_name(options[b"filename"].decode("utf-8", "replace"))
        number = len(self.files) + 1
        path = os.path.join(self.folder, f"{number}{_suffix(shown, self.config)}")
        self.open = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        self.current = Upload(shown, path)

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.current is None:
            self.field_bytes += end - start
            if self.field_bytes > MAX_FIELD_BYTES:
                raise Refused(400, "bad-upload")
            return
        self.size += end - start
        if self.size > self.config.limits.max_bytes:
            raise Refused(413, "file-too-large", name=self.current.name, limit=self.config.limits.max_bytes)
        view = memoryview(data)[start:end]
        while view:
            written = os.write(self.open, view)
            view = view[written:]

    def part_end(self) -> None:
        self.partial = False
        if self.current is None:
            return
        self.close()
        if not self.current.name:
            if self.size == 0:  # the form sent with no file chosen
                os.unlink(self.current.path)
                return
            self.current = self.current._replace(name=self._shown_name("report"))
        self.files.append(self.current)

    def close(self) -> None:
        if self.open is not None:
            os.close(self.open)
            self.open = None

    def _grow(self, data: bytes) -> None:
        self.headers += data
        if len(self.headers) > MAX_HEADER_BYTES:
            raise Refused(400, "bad-upload")

    def _shown_name(self, given: str) -> str:
        """The name to show: the last part of what the client sent (browsers send no folder, old
        ones a whole Windows path), without control characters, not too long, and unique in the
        upload, also as the page's anchor; "" for a form sent with no file chosen."""
        name = re.split(r"[/\\]", given)[-1]
        name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()[:MAX_NAME]
        if not given:
            return ""
        stem, suffix = os.path.splitext(name or "report")
        name, number = stem + suffix, 1
        while _anchor(name) in self.shown:
            number += 1
            name = f"{stem} ({number}){suffix}"
        self.shown.add(_anchor(name))
        return name


async def _discard(request: Request) -> None:
    """Read what is left of a refused upload, storing nothing, while it keeps arriving and for a
    few seconds at most: a browser that is still sending shows the page that says why only once
    it has sent its request."""
    with anyio.move_on_after(DISCARD_SECONDS):
        while True:
            with anyio.move_on_after(1.0) as waited:
                message = await request.receive()
            if waited.cancelled_caught or message["type"] != "http.request" or not message.get("more_body", False):
                return


def _anchor(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", name)


def _suffix(name: str, config: Config) -> str:
    """The file's suffix when it is one the readers know (.docx, .pdf …), else none (the readers
    then tell the format by the content, or say it is none they read)."""
    suffix = os.path.splitext(name)[1].lower()
    return suffix if suffix in registry.extensions(config.extensions) else ""


def language(request: Request, default: str) -> str:
    """``?lang=`` (the switch on the page), else the browser's preferred language of the two, else ``default``."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    ranked = []
    for i, item in enumerate(request.headers.get("accept-language", "").split(",")[:20]):
        tag, _, weight = item.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGS and quality > 0:
            ranked.append((-quality, i, primary))
    return min(ranked)[2] if ranked else default


def _page(text: str, status: int = 200, close: bool = False) -> HTMLResponse:
    # a refused upload may still be arriving: closing the connection stops it
    headers = {"Connection": "close"} if close else None
    return HTMLResponse(text, status_code=status, headers=headers)


class _SecurityHeaders:
    """Every answer carries the policy and the other headers of :data:`_SECURITY_HEADERS`."""

    def __init__(self, app, policy: str) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", policy.encode("ascii"))] + [
            (name.lower().encode("ascii"), value.encode("ascii")) for name, value in _SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers)


def run(config: Config) -> None:
    """Listen on ``config.host``:``config.port`` until interrupted; the address is said on stderr."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    listening = socket.create_server((config.host, config.port), family=family, backlog=128)
    host, port = listening.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{port}/"
    said = (f"reportlint serve: {url} (Ctrl-C to stop; nothing uploaded is kept)" if config.lang == "en"
            else f"reportlint serve：{url}（按 Ctrl-C 停止；上传的文件不保存）")
    print(said, file=sys.stderr, flush=True)
    server = uvicorn.Server(uvicorn.Config(application(config), log_level="warning", lifespan="off",
                                           timeout_keep_alive=5, server_header=False))
    server.run(sockets=[listening])
