"""No output replaces an input or another output of the same run (issue 19, item 3): the HTML folder,
the reviewed copies; and one HTML page tells its files apart and shows their names safely."""

from __future__ import annotations

import html as html_lib
import re
import shutil

import docx

from support.paths import FIXTURES, SAMPLE_REPORTS

SEED = "000_46da6a5f0760e49a"


def test_an_html_folder_that_holds_the_reports_is_refused_before_anything_is_written(run_cli, tmp_path):
    """`reportlint site --format html -o site` overwrote site/index.html, one of the reports."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(FIXTURES / "seeds" / f"{SEED}.html", site / "index.html")
    shutil.copy(SAMPLE_REPORTS / f"{SEED}.txt", site / "a.txt")
    before = sorted((p.name, p.read_bytes()) for p in site.iterdir())
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(site), str(site))
    assert result.exit_code == 2 and "index.html" in result.stderr
    assert sorted((p.name, p.read_bytes()) for p in site.iterdir()) == before


def test_a_page_of_the_html_folder_that_is_a_report_is_refused(run_cli, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(SAMPLE_REPORTS / f"{SEED}.txt", site / "b.txt")
    page = site / "00002-b.txt.html"  # the second report's page: b.txt comes after it
    shutil.copy(FIXTURES / "seeds" / f"{SEED}.html", page)
    before = page.read_bytes()
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(site), str(site))
    assert result.exit_code == 2 and page.read_bytes() == before


def test_an_html_folder_apart_from_the_reports_is_written(run_cli, tmp_path):
    shutil.copy(SAMPLE_REPORTS / f"{SEED}.txt", tmp_path / "a.txt")
    (tmp_path / "site").mkdir()
    result = run_cli("check", "--no-cache", "--format", "html", "-o", str(tmp_path / "site"), str(tmp_path / "a.txt"))
    assert result.exit_code == 1 and sorted(p.name for p in (tmp_path / "site").iterdir()) == ["00001-a.txt.html", "index.html"]


def comments(path) -> int:
    return len(list(docx.Document(str(path)).comments))


def test_reports_of_one_stem_get_a_reviewed_copy_each(run_cli, tmp_path):
    """`a.docx` and `a.txt` were both reviewed into one `a.reviewed.docx`: one copy was lost."""
    shutil.copy(FIXTURES / "seeds" / f"{SEED}.docx", tmp_path / "a.docx")
    shutil.copy(SAMPLE_REPORTS / "001_ef2c1c31100b3a17.txt", tmp_path / "a.txt")
    result = run_cli("review", str(tmp_path))
    assert result.exit_code == 1, result.stderr
    made = sorted(p.name for p in tmp_path.glob("*.reviewed.docx"))
    assert made == ["a.docx.reviewed.docx", "a.txt.reviewed.docx"]
    assert comments(tmp_path / "a.docx.reviewed.docx") != comments(tmp_path / "a.txt.reviewed.docx")


def test_a_report_named_like_a_reviewed_copy_is_never_overwritten(run_cli, tmp_path):
    """Reviewing b.docx overwrote an input named b.reviewed.docx."""
    shutil.copy(FIXTURES / "seeds" / f"{SEED}.docx", tmp_path / "b.docx")
    shutil.copy(FIXTURES / "seeds" / "001_ef2c1c31100b3a17.docx", tmp_path / "b.reviewed.docx")
    before = (tmp_path / "b.reviewed.docx").read_bytes()
    result = run_cli("review", str(tmp_path / "b.docx"), str(tmp_path / "b.reviewed.docx"))
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "b.reviewed.docx").read_bytes() == before
    assert (tmp_path / "b.docx.reviewed.docx").exists() and (tmp_path / "b.reviewed.reviewed.docx").exists()


def test_a_folder_reviewed_twice_gives_the_same_copies(run_cli, tmp_path):
    """A folder's reviewed copies of an earlier run are no reports to review."""
    shutil.copy(FIXTURES / "seeds" / f"{SEED}.docx", tmp_path / "b.docx")
    run_cli("review", str(tmp_path))
    first = sorted(p.name for p in tmp_path.iterdir())
    run_cli("review", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == first == ["b.docx", "b.reviewed.docx"]


def test_reports_of_one_name_in_two_folders_keep_their_folders_under_o(run_cli, tmp_path):
    """With -o out, one of two same-named reports was kept."""
    for folder, seed in (("x", SEED), ("y", "001_ef2c1c31100b3a17")):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / "seeds" / f"{seed}.docx", tmp_path / folder / "a.docx")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("review", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(out))
    assert result.exit_code == 1, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.docx")) == ["x/a.reviewed.docx", "y/a.reviewed.docx"]
    assert comments(out / "x" / "a.reviewed.docx") != comments(out / "y" / "a.reviewed.docx")


def test_one_html_page_gives_every_file_its_own_anchor(run_cli, tmp_path):
    """`a b.txt` and `a_b.txt` got the same id: links went to the wrong report."""
    for name in ("a b.txt", "a_b.txt", "a?b.txt"):
        shutil.copy(SAMPLE_REPORTS / f"{SEED}.txt", tmp_path / name)
    page = run_cli("check", "--no-cache", "--format", "html", str(tmp_path)).stdout
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    sections = re.findall(r'<h2 id="([^"]+)">', page)
    assert len(sections) == 3
    assert set(re.findall(r'<td class="path"><a href="#([^"]+)">', page)) == set(sections)  # the index's links


def test_html_shows_terminal_controls_and_bidi_overrides_in_names_escaped(run_cli, tmp_path):
    """HTML kept a raw ESC and U+202E from file names (text and GitHub output escape them)."""
    name = "a\x1b[31m\u202egpj.txt"
    shutil.copy(SAMPLE_REPORTS / f"{SEED}.txt", tmp_path / name)
    for args in ((), ("-o", str(tmp_path / "site"))):
        if args:
            (tmp_path / "site").mkdir()
        page = run_cli("check", "--no-cache", "--format", "html", *args, str(tmp_path / name)).stdout
        pages = [page] if not args else [p.read_text(encoding="utf-8") for p in (tmp_path / "site").iterdir()]
        for text in pages:
            assert "\x1b" not in text and "\u202e" not in text
        assert any("\\x1b[31m\\u202egpj.txt" in html_lib.unescape(text) for text in pages)
