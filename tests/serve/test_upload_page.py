"""``reportlint serve`` (issue 22): the upload page in Chinese or English, the findings page as
``--format html`` makes it with the reviewed Word copy and the JSON as downloads, nothing kept,
every error a page in the user's language, and a Content-Security-Policy that allows no script."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import textwrap

from reportlint.formatters.html import stylesheet
from reportlint.serve_pages import STYLE
from support.paths import REPO, SAMPLE_REPORTS
from support.serving import SEED, SEED_DOCX, SEED_TEXT, comments_of, downloads, findings_of, upload


def visible(page: str) -> str:
    page = re.sub(r"<style>.*?</style>|<a [^>]*href=\"data:[^\"]*\"", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", "", page)


def test_the_upload_page_is_chinese_by_default_and_english_by_switch_or_browser(client):
    zh = client.get("/")
    assert zh.status_code == 200 and "上传" in zh.text and 'lang="zh-CN"' in zh.text
    assert 'enctype="multipart/form-data"' in zh.text and 'type="file"' in zh.text and "multiple" in zh.text
    assert 'href="/?lang=en"' in zh.text  # the switch
    assert "Upload" in client.get("/?lang=en").text
    assert "Upload" in client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}).text
    assert "上传" in client.get("/", headers={"Accept-Language": "fr-FR,zh-CN;q=0.8,en;q=0.3"}).text
    assert "不保存" in zh.text  # says what it keeps: nothing


def test_every_answer_carries_a_policy_that_allows_only_the_pages_own_style(client):
    answer = client.get("/")
    policy = answer.headers["content-security-policy"]
    digest = base64.b64encode(hashlib.sha256(stylesheet(STYLE).encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy and "script" not in policy
    [style] = re.findall(r"<style>(.*?)</style>", answer.text, re.S)
    assert style == stylesheet(STYLE)  # the one style on the page is the one the hash allows
    assert "<script" not in answer.text and "http://" not in answer.text and "https://" not in answer.text  # offline
    for other in (client.get("/nope"), upload(client, ("a.txt", SEED_TEXT.read_bytes()))):
        assert other.headers["content-security-policy"] == policy and other.headers["x-content-type-options"] == "nosniff"
        assert re.findall(r"<style>(.*?)</style>", other.text, re.S) == [style] and "<script" not in other.text


def test_an_upload_gives_the_findings_page_the_reviewed_copy_and_the_json(client, run_cli, private_tmp):
    answer = upload(client, (f"{SEED}.docx", SEED_DOCX.read_bytes()), ("样本.txt", SEED_TEXT.read_bytes()))
    assert answer.status_code == 200, answer.text[-2000:]
    page = answer.text
    expected = json.loads(run_cli("check", "--no-cache", "--format", "json", str(SEED_DOCX)).stdout)["files"][0]
    text = visible(page)
    for d in expected["diagnostics"]:
        assert d["message"] in text
    files = downloads(page)
    copy = files[f"{SEED}.reviewed.docx"]
    assert len(comments_of(copy)) == len(expected["diagnostics"]) > 0
    assert "样本.reviewed.docx" in files
    found = findings_of(page)
    [docx_result] = [f for f in found["files"] if f["path"] == f"{SEED}.docx"]
    assert docx_result["diagnostics"] == expected["diagnostics"]
    assert {f["path"] for f in found["files"]} == {f"{SEED}.docx", "样本.txt"}
    assert str(private_tmp) not in page and [p for p in private_tmp.iterdir() if p.name.startswith("reportlint-serve-")] == []


def test_the_findings_page_is_the_html_format_in_the_users_language(client, run_cli, tmp_path):
    (tmp_path / "r.txt").write_bytes(SEED_TEXT.read_bytes())
    made = run_cli("check", "--no-cache", "--format", "html", "--lang", "en", "r.txt", cwd=tmp_path).stdout
    served = upload(client, ("r.txt", SEED_TEXT.read_bytes()), lang="en").text
    section = made[made.index("<section>"):made.index("</section>")]
    assert section in served  # the same words and layout as --format html
    assert "Downloads" in served and "reviewed copy (Word)" in served


def test_a_file_that_is_no_report_is_said_so_and_has_no_copy(client):
    page = upload(client, ("notes.exe", b"MZ\x90\x00 not a report"), ("a.txt", SEED_TEXT.read_bytes())).text
    assert "RL901" in page or "RL902" in page
    assert "无法生成审阅稿" in page and list(downloads(page)) == ["a.reviewed.docx", "reportlint.json"]


def test_errors_are_pages_in_the_users_language(client):
    missing = client.get("/nope?lang=en")
    assert missing.status_code == 404 and "There is no such page" in missing.text and "Traceback" not in missing.text
    assert "没有这个页面" in client.get("/nope").text
    wrong = client.get("/check")
    assert wrong.status_code == 405 and "不接受" in wrong.text
    empty = client.post("/check?lang=en", files=[("files", ("", b"", "application/octet-stream"))])
    assert empty.status_code == 400 and "No file was received" in empty.text
    garbage = client.post("/check", content=b"--x\r\nnonsense", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert garbage.status_code == 400 and "无法识别" in garbage.text
    not_a_form = client.post("/check", content=b"{}", headers={"Content-Type": "application/json"})
    assert not_a_form.status_code == 400


def test_an_error_inside_is_a_page_not_a_traceback(make_client, monkeypatch):
    from reportlint import serve

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(serve.pool, "run", broken)
    answer = upload(make_client(), ("a.txt", SEED_TEXT.read_bytes()), lang="en")
    assert answer.status_code == 500 and "Something went wrong" in answer.text
    assert "secret detail" not in answer.text and "Traceback" not in answer.text


def test_several_files_of_one_name_keep_apart(client):
    page = upload(client, ("a.txt", SEED_TEXT.read_bytes()), ("a.txt", SEED_TEXT.read_bytes())).text
    assert {f["path"] for f in findings_of(page)["files"]} == {"a.txt", "a (2).txt"}
    assert set(downloads(page)) == {"a.reviewed.docx", "a (2).reviewed.docx", "reportlint.json"}


def test_a_plain_run_never_imports_the_serving_libraries():
    script = textwrap.dedent(
        f"""
        import sys
        from reportlint.cli import main
        try:
            main(["check", "--no-cache", {str(SAMPLE_REPORTS / f'{SEED}.txt')!r}])
        except SystemExit:
            pass
        print("loaded:" + ",".join(m for m in ("starlette", "uvicorn", "python_multipart", "anyio", "httpx") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "RL103" in out.stdout and "loaded:\n" in out.stdout, out.stdout[-500:]


def test_serve_without_its_extra_says_how_to_install_it(tmp_path):
    script = "import sys; sys.modules['starlette'] = None; from reportlint.cli import main; main(['serve', '--port', '0'])"
    for lang, words in (("zh", "请运行 pip install 'reportlint[serve]'"), ("en", "pip install 'reportlint[serve]'")):
        out = subprocess.run([sys.executable, "-c", script.replace("'0']", f"'0', '--lang', '{lang}']")],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert out.returncode == 2 and words in out.stderr and "Traceback" not in out.stderr
