"""What the tests of ``reportlint serve`` (tests/serve) share besides their fixtures: the sample
uploads, a real server's handle, the form's upload, and reading the page and its downloads back."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import subprocess

from support.paths import FIXTURES, SAMPLE_REPORTS

SEED = "000_46da6a5f0760e49a"
SEED_DOCX = FIXTURES / "seeds" / f"{SEED}.docx"
SEED_TEXT = SAMPLE_REPORTS / f"{SEED}.txt"


class Server:
    """``reportlint serve`` in a child process, listening on a port of the loopback interface."""

    def __init__(self, process: subprocess.Popen, url: str, scratch) -> None:
        self.process, self.url, self.scratch = process, url, scratch  # scratch: its TMPDIR


def upload(client, *files: tuple[str, bytes], lang: str = "zh", **kwargs):
    """POST the files (name, content) as the page's form does."""
    return client.post(f"/check?lang={lang}", files=[("files", (name, data, "application/octet-stream")) for name, data in files],
                       **kwargs)


def downloads(page: str) -> dict[str, bytes]:
    """{download name: bytes} of the page's data: links."""
    return {html.unescape(name): base64.b64decode(data)
            for name, data in re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([A-Za-z0-9+/=]+)"', page)}


def comments_of(docx_bytes: bytes) -> list:
    import docx

    return list(docx.Document(io.BytesIO(docx_bytes)).comments)


def findings_of(page: str) -> dict:
    return json.loads(downloads(page)["reportlint.json"])
