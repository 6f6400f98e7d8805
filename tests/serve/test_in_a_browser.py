"""In a real browser (issue 22): Playwright drives the system's Chromium (``.ci/run`` installs it;
no browser is ever downloaded) against ``reportlint serve`` and the HTML index: upload a sample
DOCX, see its findings, download the reviewed copy and open it with python-docx; switch to
English; the overview of the five samples shows five rows and the charts, on screen and on paper."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from support.paths import SAMPLE_REPORTS
from support.serving import SEED, SEED_DOCX, SEED_TEXT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra brings it)")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs chromium and fonts-noto-cjk)")]


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser, locale: str = "zh-CN"):
    context = browser.new_context(locale=locale, accept_downloads=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.refused = []  # what the Content-Security-Policy refused, as the console says
    page.on("console", lambda message: "Content Security Policy" in message.text and page.refused.append(message.text))
    return page


def download(page, selector: str):
    with page.expect_download() as waiting:
        page.click(selector)
    return waiting.value


def test_upload_a_docx_see_its_findings_and_open_the_reviewed_copy(browser, start_server, tmp_path, run_cli):
    import docx

    server = start_server()
    expected = json.loads(run_cli("check", "--no-cache", "--format", "json", str(SEED_DOCX)).stdout)["files"][0]["diagnostics"]
    page = new_page(browser)
    page.goto(server.url)
    assert "上传" in page.inner_text("body")
    page.set_input_files("input[type=file]", str(SEED_DOCX))
    page.click("button[type=submit]")
    page.wait_for_selector("ol.problems")
    items = page.locator("ol.problems > li")
    assert items.count() == len(expected) > 0
    shown = page.inner_text("ol.problems")
    for d in expected:
        assert d["message"] in shown
    assert page.eval_on_selector("ol.problems .sev", "e => getComputedStyle(e).backgroundColor") in ("rgb(198, 40, 40)", "rgb(249, 168, 37)")
    reviewed = download(page, f"a[download='{SEED}.reviewed.docx']")
    target = tmp_path / reviewed.suggested_filename
    reviewed.save_as(target)
    comments = list(docx.Document(str(target)).comments)
    assert len(comments) == len(expected)  # comments = findings
    texts = [c.text for c in comments]
    assert all(any(d["message"] in text for text in texts) for d in expected)
    findings = download(page, "a[download='reportlint.json']")
    findings.save_as(tmp_path / "findings.json")
    data = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert data["files"][0]["diagnostics"] == expected
    assert page.refused == []  # the page's style allowed, and nothing else asked for


def test_the_switch_to_english_and_an_english_upload(browser, start_server):
    server = start_server()
    page = new_page(browser)
    page.goto(server.url)
    page.click("header a[hreflang=en]")
    assert "Upload" in page.inner_text("body") and page.get_attribute("html", "lang") == "en"
    page.set_input_files("input[type=file]", str(SEED_TEXT))
    page.click("button[type=submit]")
    page.wait_for_selector("ol.problems")
    assert "must be corrected" in page.inner_text("body") and "reviewed copy (Word)" in page.inner_text("nav.downloads")
    english = new_page(browser, locale="en-US")
    english.goto(server.url)  # the browser's language, without the switch
    assert "Upload" in english.inner_text("body")


def test_a_refused_upload_is_a_page_the_browser_shows(browser, start_server, tmp_path):
    server = start_server("--max-bytes", "1000")
    page = new_page(browser)
    page.goto(server.url)
    page.set_input_files("input[type=file]", str(SEED_DOCX))
    page.click("button[type=submit]")
    page.wait_for_selector("div.problem")
    assert "太大" in page.inner_text("div.problem") and f"{SEED}.docx" in page.inner_text("div.problem")


def test_the_overview_of_the_five_samples_shows_five_rows_and_the_charts(browser, run_cli, tmp_path):
    import pypdfium2 as pdfium

    out = tmp_path / "out"
    out.mkdir()
    run_cli("check", "--no-cache", "--format", "html", "-o", str(out), str(SAMPLE_REPORTS))
    page = new_page(browser)
    page.goto((out / "index.html").as_uri())
    rows = page.locator("table.files tbody tr")
    assert rows.count() == 5
    charts = page.locator("div.charts figure svg")
    assert charts.count() == 3
    for i in range(3):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 200 and box["height"] > 100
    assert "问题最多的规则" in page.inner_text("div.charts") and "各年度报告所用格式" in page.inner_text("div.charts")
    first = rows.nth(0).locator("a")
    first.click()
    page.wait_for_selector("ol.problems")  # the link leads to the report's page
    page.goto((out / "index.html").as_uri())
    pdf = tmp_path / "index.pdf"
    page.pdf(path=str(pdf))
    document = pdfium.PdfDocument(str(pdf))
    on_paper = re.sub(r"\s+", "", "".join(document[i].get_textpage().get_text_range() for i in range(len(document))))
    for words in ("问题最多的规则", "发布日期与法定期限", "各年度报告所用格式", "期限前30天内"):
        assert words in on_paper, words
    assert all(path.stem in on_paper for path in SAMPLE_REPORTS.glob("*.txt"))
