"""read_document: choosing the reader, bounding the work, and turning every failure into a ReadError."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import SEED_TEXTS, SEEDS, TEMPLATE

from reportlint import hookimpl
from reportlint.core.document import Document, SourceLine
from reportlint.host import registry
from reportlint.readers import Limits, Reader, ReadError, builtin_readers, choose_reader, read_document
from support.paths import REPO

REPORT = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作。\n".encode("utf-8")


def read_error(*args, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(*args, **kwargs)
    return caught.value


# -- choosing the reader -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt",
    [("report.txt", "text"), ("report.md", "markdown"), ("report.docx", "docx"), ("report.DOCX", "docx"),
     ("report.html", "html"), ("report.htm", "html"), ("report.HTM", "html"), ("report.pdf", "pdf"), ("report.Pdf", "pdf")],
)
def test_the_suffix_picks_the_reader_whatever_its_case(name, fmt):
    assert choose_reader(name, b"anything", builtin_readers()).format == fmt


@pytest.mark.parametrize(
    "fixture, fmt",
    [("seeds/004_fe63b0f92ece0c02.docx", "docx"), ("seeds/004_fe63b0f92ece0c02.html", "html"),
     ("seeds/004_fe63b0f92ece0c02.pdf", "pdf"), ("../../examples/reports/004_fe63b0f92ece0c02.txt", "text")],
)
def test_a_file_without_suffix_is_recognised_by_its_content(fixture, fmt, tmp_path):
    data = (SEEDS.parent / fixture).read_bytes()
    document = read_document(str(tmp_path / "report"), data)
    assert document.format == fmt
    assert any("行政复议" in line.text for line in document.lines)


def test_an_unknown_suffix_with_binary_content_is_no_report():
    error = read_error("report.bin", bytes(range(256)) * 4)
    assert error.code == "RL902"
    assert "无法识别的文件格式" in error.message


def test_an_unknown_suffix_with_text_content_is_read_as_text():
    assert read_document("report.log", REPORT).format == "text"


def test_the_builtin_readers_are_registered_through_the_plugin_hook(fresh_plugins):
    from reportlint.host import registry

    formats = {reader.format for reader in registry.readers()}
    assert {"text", "markdown", "docx", "html", "pdf"} <= formats
    assert formats == {reader.format for reader in builtin_readers()}


class OfdReader(Reader):
    """A stand-in for a third-party reader: OFD files are zips with an OFD.xml entry."""

    name = "ofd"
    format = "ofd"
    suffixes = (".ofd",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK") and b"OFD.xml" in head

    def read(self, path, data, limits):
        return Document(path, self.format, (SourceLine("某某局2021年政府信息公开工作年度报告", "第1页"),))


class OfdPlugin:
    @hookimpl
    def reportlint_readers(self):
        return [OfdReader()]


def test_a_plugin_reader_is_chosen_by_its_suffix(fresh_plugins):
    fresh_plugins.add_plugin(OfdPlugin(), "ofd", "test")
    document = read_document("report.ofd", b"PK\x03\x04...OFD.xml...", readers=registry.readers())
    assert document.format == "ofd"
    assert document.lines[0].origin == "第1页"


def test_a_plugin_reader_is_chosen_by_sniffing(fresh_plugins):
    fresh_plugins.add_plugin(OfdPlugin(), "ofd", "test")
    assert read_document("report", b"PK\x03\x04 OFD.xml", readers=registry.readers()).format == "ofd"


def test_a_plugin_reader_wins_over_a_builtin_one_for_the_same_suffix(fresh_plugins):
    class BetterPdf(OfdReader):
        format = "better-pdf"
        suffixes = (".pdf",)

    class Plugin:
        @hookimpl
        def reportlint_readers(self):
            return [BetterPdf()]

    fresh_plugins.add_plugin(Plugin(), "better-pdf", "test")
    assert read_document("report.pdf", b"%PDF-1.4", readers=registry.readers()).format == "better-pdf"


def test_a_crashing_plugin_reader_is_a_plugin_error_not_a_crash():
    class Broken(OfdReader):
        def read(self, path, data, limits):
            raise ValueError("boom")

    error = read_error("report.ofd", b"PK", readers=[Broken()])
    assert error.code == "RL903"
    assert "ofd" in error.message and "boom" in error.message


def test_a_plugin_reader_returning_no_document_is_a_plugin_error():
    class Wrong(OfdReader):
        def read(self, path, data, limits):
            return "text"

    assert read_error("report.ofd", b"PK", readers=[Wrong()]).code == "RL903"


def test_a_plugin_with_a_broken_sniffer_does_not_hide_the_other_readers():
    class BadSniffer(OfdReader):
        def sniff(self, head):
            raise RuntimeError("sniff")

    readers = [BadSniffer(), *builtin_readers()]
    assert read_document("report", (SEEDS / "004_fe63b0f92ece0c02.pdf").read_bytes(), readers=readers).format == "pdf"


# -- importing is cheap --------------------------------------------------------------------------


def test_linting_a_text_file_never_imports_the_document_libraries():
    script = textwrap.dedent(
        f"""
        import sys
        import reportlint
        from reportlint.readers import read_document
        from reportlint.parsing import build_report
        build_report(read_document({str(SEED_TEXTS / '004_fe63b0f92ece0c02.txt')!r}))
        heavy = [m for m in ("docx", "lxml", "pdfplumber", "pdfminer", "pypdfium2") if m in sys.modules]
        print(",".join(heavy))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""


def test_reading_a_docx_imports_python_docx_but_not_the_pdf_libraries():
    script = textwrap.dedent(
        f"""
        import sys
        from reportlint.readers import read_document
        read_document({str(TEMPLATE / '2021-filled.docx')!r})
        print(",".join(m for m in ("docx", "pdfplumber", "pypdfium2") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "docx"


# -- files that are no readable report -----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html", ".pdf", ".md"])
def test_an_empty_file_is_no_report(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    error = read_error(str(path))
    assert error.code == "RL902"
    assert "文件为空" in error.message


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html", ".htm", ".pdf"])
def test_binary_garbage_with_a_report_suffix_is_unreadable_or_empty(tmp_path, suffix):
    garbage = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    path = tmp_path / f"garbage{suffix}"
    path.write_bytes(garbage)
    try:
        document = read_document(str(path))
    except ReadError as error:
        assert error.code in ("RL901", "RL902")
        assert error.message
    else:  # lxml reads any bytes as some HTML; what comes out is no report, which the parser says
        assert suffix in (".html", ".htm")
        assert all("政府信息公开" not in line.text for line in document.lines)


def test_a_file_larger_than_max_bytes_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # 50 MB, sparse: the test does not write 50 MB
        handle.truncate(50 * 1024 * 1024)
    error = read_error(str(path))
    assert error.code == "RL901"
    assert "文件过大" in error.message and "50.0 MB" in error.message


def test_max_bytes_is_a_setting():
    error = read_error("report.txt", REPORT, limits=Limits(max_bytes=10))
    assert error.args_for_message["reason"] == "max_bytes"
    assert read_document("report.txt", REPORT, limits=Limits(max_bytes=len(REPORT))).lines


def test_max_lines_bounds_the_extracted_text():
    error = read_error("report.txt", b"\n" * 1000, limits=Limits(max_lines=100))
    assert "超过上限 100 行" in error.message


def test_a_missing_file_is_unreadable(tmp_path):
    error = read_error(str(tmp_path / "nowhere.txt"))
    assert (error.code, error.message) == ("RL901", "文件不存在")


def test_a_directory_is_unreadable(tmp_path):
    assert read_error(str(tmp_path)).message == "这是一个目录，不是文件"


def test_a_symlink_to_itself_is_unreadable(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    error = read_error(str(loop))
    assert error.code == "RL901"
    assert "符号链接形成循环" in error.message


def test_a_file_reached_through_a_directory_symlink_loop_is_read_normally(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.txt").write_bytes(REPORT)
    (tmp_path / "reports" / "again").symlink_to(tmp_path / "reports")
    path = tmp_path / "reports" / "again" / "again" / "again" / "report.txt"
    assert read_document(str(path)).lines[0].text.startswith("某某局")


def test_a_directory_symlink_loop_deeper_than_the_system_allows_is_unreadable(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").symlink_to(tmp_path / "a")
    deep = tmp_path.joinpath("a", *["b"] * 60, "report.txt")  # Linux follows at most 40 links
    error = read_error(str(deep))
    assert error.code == "RL901"
    assert error.args_for_message["reason"] in ("symlink-loop", "missing")


def test_a_file_without_read_permission_is_unreadable(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_bytes(REPORT)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads everything: simulate what open() says to anyone else
        real_open = open

        def denied(file, *args, **kwargs):
            if str(file) == str(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr("builtins.open", denied)
    error = read_error(str(path))
    assert (error.code, error.message) == ("RL901", "没有读取该文件的权限")


def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert read_error(str(fifo)).args_for_message["reason"] == "not-regular"


def test_an_old_binary_word_file_named_docx_says_so(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    error = read_error("report.docx", ole)
    assert error.code == "RL901"
    assert "旧版 .doc" in error.message


def test_lazy_builtin_readers_declare_what_their_readers_do():
    """The proxies that keep DOCX/HTML/PDF readers unimported must not drift from the real classes."""
    from reportlint.readers import LazyReader, builtin_readers

    for proxy in builtin_readers():
        if isinstance(proxy, LazyReader):
            real = proxy.reader
            assert (proxy.name, proxy.format, proxy.suffixes) == (real.name, real.format, real.suffixes)


def test_linting_a_text_file_does_not_import_the_document_readers():
    import subprocess
    import sys

    code = (
        "import sys, reportlint.api as a;"
        "a.lint_bytes('某某局2021年政府信息公开工作年度报告\\n一、总体情况\\n'.encode(), path='r.txt');"
        "print(sorted(m for m in ('reportlint.readers.docx','reportlint.readers.html','reportlint.readers.pdf','lxml','pdfplumber','docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
