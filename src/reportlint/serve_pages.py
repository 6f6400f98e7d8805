"""The pages of ``reportlint serve`` in the user's language: the upload form, the downloads above the
findings page, and every error as a page (never a traceback). Each is a complete document in the
HTML report's look with one <style> element and no script, which the Content-Security-Policy
allows by its hash and nothing else: no script runs, nothing is fetched from elsewhere, so the
page works offline and a name or text from an upload can do nothing but be read.
"""

from __future__ import annotations

import base64
import hashlib
import html
from typing import NamedTuple, Sequence

from reportlint.core.config import Config
from reportlint.formatters.html import standalone_page, stylesheet

#: The CSS of the server's own parts, added to the report's.
STYLE = """
body{padding:0 1em}header.serve{display:flex;justify-content:space-between;align-items:baseline;gap:1em;flex-wrap:wrap}
form.upload{margin:1.5em 0;padding:1.2em;border:2px dashed #90a4ae;border-radius:6px;background:#fafafa}
form.upload input[type=file]{display:block;margin:.6em 0 1em;font-size:1em}
form.upload button,nav.downloads a.button{font-size:1em;padding:.35em 1.4em;border-radius:4px;border:1px solid #1565c0;background:#1565c0;color:#fff;text-decoration:none;cursor:pointer}
p.kept{color:#2e7d32}p.limits{color:#555;font-size:.9em}div.problem{border-left:4px solid #c62828;padding:.3em 1em;margin:1em 0;background:#fdecea}
nav.downloads{margin:0 0 1.5em;padding:.8em 1em;background:#e8f4fd;border-radius:6px}nav.downloads table{border-collapse:collapse}
nav.downloads td{padding:.25em .8em .25em 0;vertical-align:top}nav.downloads td.name{word-break:break-all}
@media print{nav.downloads,header.serve a{display:none}}
"""

_WORDS = {
    "zh": {
        "title": "政府信息公开工作年度报告在线检查", "other": "English", "other_lang": "en",
        "intro": "上传本机关的政府信息公开工作年度报告（Word、PDF、网页、文本或 Markdown 文件），即可看到检查发现的问题，"
                 "并下载带批注的审阅稿：每条问题都是 Word 中的一条批注，可直接修改的地方标为修订。",
        "choose": "选择报告文件（可多选）：", "submit": "检查",
        "limits": "每次最多 {files} 个文件，合计不超过 {upload}，每个文件不超过 {file}；每个文件最多处理 {seconds} 秒。",
        "kept": "本服务不保存任何内容：上传的文件只在检查期间存放在服务器的临时文件夹中，结果页发出后立即删除；检查结果和审阅稿都在结果页里，由您下载。",
        "again": "检查其他报告", "downloads": "下载", "reviewed": "审阅稿（Word）", "no_copy": "无法生成审阅稿：文件无法作为报告读取",
        "json": "全部检查结果（JSON）", "error_title": "无法完成", "back": "返回上传页面",
        "errors": {
            "upload-too-large": "上传的文件太大：一次合计不能超过 {limit}。",
            "file-too-large": "文件“{name}”太大：每个文件不能超过 {limit}。",
            "too-many-files": "文件太多：一次最多上传 {limit} 个文件。",
            "no-file": "没有收到文件。请先选择至少一个报告文件，再点“检查”。",
            "bad-upload": "上传的内容无法识别：请通过本页的表单上传文件。",
            "slow-upload": "上传用时超过 {seconds} 秒，已停止接收。请检查网络后重试，或一次少传几个文件。",
            "busy": "服务器正忙，请稍后再试。",
            "not-found": "没有这个页面。",
            "method": "此页面不接受这种请求。",
            "internal": "服务器出错，检查未能完成。请稍后再试；如果一再出现，请联系管理员。",
        },
    },
    "en": {
        "title": "Check an annual report on government information disclosure", "other": "中文", "other_lang": "zh",
        "intro": "Upload your agency's annual report on government information disclosure (Word, PDF, web page, text or Markdown) "
                 "to see the problems found and download a reviewed Word copy: each problem is a comment in Word, and what can "
                 "be corrected directly is a tracked change.",
        "choose": "Choose report files (several at once if you like):", "submit": "Check",
        "limits": "At most {files} files at a time, {upload} in all, {file} each; each file is given at most {seconds} seconds.",
        "kept": "Nothing is kept: the files uploaded stay in a private temporary folder of the server only while they are checked, "
                "and are deleted as soon as the results page is sent; the findings and the reviewed copies are in that page, for you to download.",
        "again": "Check other reports", "downloads": "Downloads", "reviewed": "reviewed copy (Word)", "no_copy": "no reviewed copy: the file cannot be read as a report",
        "json": "all findings (JSON)", "error_title": "Could not be done", "back": "Back to the upload page",
        "errors": {
            "upload-too-large": "The upload is too large: at most {limit} at a time.",
            "file-too-large": "The file '{name}' is too large: at most {limit} each.",
            "too-many-files": "Too many files: at most {limit} at a time.",
            "no-file": "No file was received. Choose at least one report file, then press Check.",
            "bad-upload": "The upload cannot be read: please upload files with the form of this page.",
            "slow-upload": "The upload took longer than {seconds} seconds and was stopped. Check the network and try again, or send fewer files at a time.",
            "busy": "The server is busy. Please try again in a moment.",
            "not-found": "There is no such page.",
            "method": "This page does not take that kind of request.",
            "internal": "Something went wrong on the server and the check was not finished. Please try again later; if it happens again, tell the administrator.",
        },
    },
}
ACCEPTED = ".docx,.pdf,.html,.htm,.txt,.md"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Download(NamedTuple):
    """One uploaded file's line in the downloads: its name and its reviewed copy (None: none made)."""

    name: str
    reviewed: bytes | None


def content_security_policy() -> str:
    """Nothing but the page's own <style> (by its hash), images only inline, forms only back here."""
    digest = base64.b64encode(hashlib.sha256(stylesheet(STYLE).encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def upload_page(config: Config, lang: str) -> str:
    words = _WORDS[lang]
    limits = words["limits"].format(files=config.max_files, upload=megabytes(config.max_upload_bytes),
                                    file=megabytes(config.limits.max_bytes), seconds=f"{config.limits.timeout:g}")
    body = (f'{_header(words, lang)}<p>{html.escape(words["intro"])}</p>'
            f'<form class="upload" method="post" action="/check?lang={lang}" enctype="multipart/form-data">'
            f'<label for="files">{html.escape(words["choose"])}</label>'
            f'<input type="file" id="files" name="files" multiple required accept="{ACCEPTED}">'
            f'<button type="submit">{html.escape(words["submit"])}</button></form>'
            f'<p class="limits">{html.escape(limits)}</p><p class="kept">{html.escape(words["kept"])}</p>\n')
    return standalone_page(words["title"], body, lang, STYLE)


def downloads(files: Sequence[Download], findings_json: str, lang: str) -> str:
    """The part of the results page above the findings: each reviewed copy and the JSON, as data:
    links (the server keeps nothing to fetch them from later), and the way back."""
    words = _WORDS[lang]
    rows = []
    for file in files:
        if file.reviewed is None:
            link = html.escape(words["no_copy"])
        else:
            link = _data_link(reviewed_name(file.name), DOCX_TYPE, file.reviewed, words["reviewed"])
        rows.append(f'<tr><td class="name">{html.escape(file.name)}</td><td>{link}</td></tr>')
    data = _data_link("reportlint.json", "application/json", findings_json.encode("utf-8"), words["json"])
    return (f'<nav class="downloads"><p><a href="/?lang={lang}">← {html.escape(words["again"])}</a></p>'
            f'<p><strong>{html.escape(words["downloads"])}</strong></p><table>{"".join(rows)}</table><p>{data}</p></nav>\n')


def error_page(key: str, lang: str, **args: object) -> str:
    words = _WORDS[lang]
    values = {k: (megabytes(v) if k == "limit" and key.endswith("large") else v) for k, v in args.items()}
    said = words["errors"][key].format(**values)
    body = (f'{_header(words, lang)}<div class="problem"><p>{html.escape(said)}</p></div>'
            f'<p><a href="/?lang={lang}">{html.escape(words["back"])}</a></p>\n')
    return standalone_page(words["error_title"], body, lang, STYLE)


def reviewed_name(name: str) -> str:
    """report.docx → report.reviewed.docx (what ``reportlint review`` writes beside a report)."""
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    return f"{stem}.reviewed.docx"


def megabytes(size: object) -> str:
    """A size as a person reads it: 64 MB, 100 KB."""
    if not isinstance(size, int):
        return str(size)
    return f"{size / 1048576:.3g} MB" if size >= 1048576 else f"{size / 1024:.3g} KB"


def _header(words: dict, lang: str) -> str:
    other = words["other_lang"]
    return (f'<header class="serve"><h1>{html.escape(words["title"])}</h1>'
            f'<a href="/?lang={other}" hreflang="{other}" lang="{other}">{html.escape(words["other"])}</a></header>')


def _data_link(filename: str, media_type: str, data: bytes, text: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="button" download="{html.escape(filename)}" href="data:{media_type};base64,{encoded}">'
            f"{html.escape(text)}</a>")
