"""``reportlint serve`` against what a hostile or careless client sends (issue 22): a zip bomb, an
over-size upload (announced or not, in all or in one file), too many files, a slow upload, 20
uploads at once, file names with ../ and HTML in them. Each is refused or checked within its limits,
said in a page in the user's language, leaves nothing behind, and never stalls the server."""

from __future__ import annotations

import concurrent.futures
import io
import re
import socket
import time
import zipfile

import httpx
import pytest

from support.paths import FIXTURES
from support.serving import SEED_DOCX, SEED_TEXT, findings_of, upload

TEMPLATE = FIXTURES / "template" / "2021-filled.docx"


def leftovers(folder) -> list:
    """The server's private folders left in ``folder`` (multiprocessing keeps its own there)."""
    return [p for p in folder.iterdir() if p.name.startswith("reportlint-serve-")]


def bomb(member: str) -> bytes:
    """The filled template with ``member`` 100 MB of zeros: about 100 kB packed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != member:
                archive.writestr(name, source.read(name))
        with archive.open(member, "w") as fh:
            for _ in range(100):
                fh.write(bytes(1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize("member", ["word/media/bomb.png", "word/document.xml"])
def test_a_zip_bomb_is_refused_unread_and_the_other_files_are_checked(client, private_tmp, member):
    packed = bomb(member)
    assert len(packed) < 1024 * 1024
    started = time.monotonic()
    answer = upload(client, ("炸弹.docx", packed), ("a.txt", SEED_TEXT.read_bytes()))
    assert time.monotonic() - started < 30
    assert answer.status_code == 200
    files = {f["path"]: f for f in findings_of(answer.text)["files"]}
    assert [d["code"] for d in files["炸弹.docx"]["diagnostics"]] == ["RL901"]
    assert "压缩炸弹" in answer.text and files["a.txt"]["diagnostics"]
    assert leftovers(private_tmp) == []


def test_an_upload_over_the_limit_is_refused_with_a_page(make_client, private_tmp):
    client = make_client(max_upload_bytes=100_000)
    big = upload(client, ("a.txt", b"x" * 200_000), lang="en")
    assert big.status_code == 413 and "The upload is too large: at most 97.7 KB at a time." in big.text
    assert "上传的文件太大" in upload(client, ("a.txt", b"x" * 200_000)).text
    streamed = client.post("/check", content=(b"x" * 50_000 for _ in range(10)),  # no Content-Length: counted as it comes
                           headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413
    assert leftovers(private_tmp) == []


def test_a_file_over_the_per_file_limit_is_named(make_client, private_tmp):
    client = make_client(max_bytes=10_000)
    answer = upload(client, ("ok.txt", b"x" * 100), ("<b>大.txt", b"x" * 20_000))
    assert answer.status_code == 413
    assert "文件“&lt;b&gt;大.txt”太大：每个文件不能超过 9.77 KB。" in answer.text
    assert leftovers(private_tmp) == []


def test_too_many_files_are_refused(make_client, private_tmp):
    client = make_client(max_files=3)
    answer = upload(client, *[(f"{i}.txt", SEED_TEXT.read_bytes()) for i in range(4)], lang="en")
    assert answer.status_code == 413 and "at most 3 at a time" in answer.text
    assert upload(client, *[(f"{i}.txt", SEED_TEXT.read_bytes()) for i in range(3)]).status_code == 200
    assert leftovers(private_tmp) == []


def test_a_full_server_says_so(client, monkeypatch):
    from reportlint import serve

    monkeypatch.setattr(serve, "MAX_REQUESTS", 0)
    answer = upload(client, ("a.txt", SEED_TEXT.read_bytes()))
    assert answer.status_code == 503 and "服务器正忙" in answer.text


NAMES = ["../../evil<script>alert(1)</script>.txt", "<img src=x onerror=alert(1)>报告.txt", "..\\..\\windows.txt",
         "..", "/etc/passwd", "a\u202eexe.txt", "'single' & more.txt"]


def test_names_from_the_client_are_shown_escaped_and_never_become_paths(client, private_tmp, tmp_path):
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    answer = upload(client, *[(name, SEED_TEXT.read_bytes()) for name in NAMES])
    assert answer.status_code == 200
    page = answer.text
    assert "<script>alert" not in page and "<img src=x" not in page and "\u202e" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;报告.txt" in page and "&#x27;single&#x27; &amp; more.txt" in page
    shown = [f["path"] for f in findings_of(page)["files"]]
    assert len(shown) == len(set(shown)) == len(NAMES) and all("/" not in n and "\\" not in n for n in shown)
    assert "windows.txt" in shown and "passwd" in shown
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written anywhere
    for name in re.findall(r'download="([^"]*)"', page):
        assert "<" not in name and '"' not in name


# --- a real server: uvicorn in a child process on the loopback interface ----------------------------------


def test_a_slow_upload_is_cut_off_and_does_not_stall_the_server(start_server):
    server = start_server("--upload-timeout", "1.5")
    host, port = server.url[len("http://"):].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as slow:
        slow.sendall(b"POST /check?lang=zh HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     b"Content-Length: 100000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n")
        started = time.monotonic()
        quick = httpx.get(server.url, timeout=10)  # the server answers others meanwhile
        assert quick.status_code == 200 and time.monotonic() - started < 1.5
        answer = b""
        while b"</html>" not in answer:
            chunk = slow.recv(65536)
            if not chunk:
                break
            answer += chunk
        waited = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408") and "上传用时超过 1.5 秒" in answer.decode("utf-8")
    assert 1.0 < waited < 10
    assert httpx.get(server.url, timeout=10).status_code == 200


def test_an_announced_oversize_upload_is_refused_before_it_is_sent(start_server):
    server = start_server("--max-upload-bytes", "1000000")
    host, port = server.url[len("http://"):].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as client:
        client.sendall(b"POST /check?lang=en HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                       b"Content-Length: 10000000000\r\n\r\n")
        started = time.monotonic()
        answer = client.recv(65536)
        while b"</html>" not in answer:
            chunk = client.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413") and b"The upload is too large" in answer
    assert time.monotonic() - started < 5


@pytest.mark.slow
def test_twenty_uploads_at_once_are_all_checked_by_two_workers(start_server, tmp_path):
    server = start_server("-j", "2")
    data = SEED_DOCX.read_bytes()

    def send(i: int) -> tuple[int, str, float]:
        started = time.monotonic()
        answer = httpx.post(server.url + "check", files=[("files", (f"报告{i}.docx", data))], timeout=300)
        return answer.status_code, answer.text, time.monotonic() - started

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(send, range(20)))
        during = httpx.get(server.url, timeout=30)  # the form still answers while they are checked
    took = time.monotonic() - started
    assert during.status_code == 200
    counts = set()
    for i, (status, page, _) in enumerate(answers):
        assert status == 200, page[-1000:]
        [file] = findings_of(page)["files"]
        assert file["path"] == f"报告{i}.docx" and f"报告{i}.reviewed.docx" in page
        counts.add(len(file["diagnostics"]))
    assert len(counts) == 1 and counts.pop() > 0  # the same findings for each
    assert took < 600
    assert leftovers(server.scratch) == []  # every private folder removed
