"""RL701–RL703 (issue 12): one agency's reports over five years with one broken carry-over, one
broken valid-count and one copied section 五 give exactly those three findings, naming both files;
undamaged, none; two agencies are never chained; nothing ambiguous is compared."""

from __future__ import annotations

import pytest

from reportlint.api import Config, lint_paths
from reportlint.checks.chains import canonical, similarity, sketch, split_agency
from reportlint.core.diagnostic import Note
from reportlint.host.config import load_config
from support.series import PROBLEMS, series

PINGTAN = "平潭综合实验区经济发展局"
YEARS = range(2021, 2026)


def write(folder, texts: dict, prefix: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for year, text in texts.items():
        (folder / f"{prefix}{year}.txt").write_text(text, encoding="utf-8")


def chain_findings(folder, config: Config | None = None) -> list[tuple[str, str, str]]:
    """(file, code, message) of every RL7xx finding in the folder."""
    results = lint_paths([str(folder)], config or Config(select=("RL7",)))
    return [(r.path.rsplit("/", 1)[-1], d.code, d.message) for r in results for d in r.diagnostics]


@pytest.mark.parametrize("layout", ["tab-rows", "cell-per-line", "crawler"])
def test_one_broken_link_of_each_kind_gives_exactly_three_findings(tmp_path, layout):
    write(tmp_path, series(PINGTAN, YEARS, layout=layout, broken_carry=2023, broken_valid=2024, copied_problems=2025))
    found = chain_findings(tmp_path)
    assert [(f, c) for f, c, _ in found] == [("2023.txt", "RL701"), ("2024.txt", "RL702"), ("2025.txt", "RL703")]
    for (file, _, message), other in zip(found, ("2022.txt", "2023.txt", "2024.txt")):
        assert other in message  # both files named


@pytest.mark.parametrize("layout", ["tab-rows", "space-rows", "markdown"])
def test_an_undamaged_series_gives_nothing(tmp_path, layout):
    write(tmp_path, series(PINGTAN, YEARS, layout=layout))
    assert chain_findings(tmp_path) == []


def test_the_carry_over_is_compared_across_the_2019_and_2021_formats(tmp_path):
    write(tmp_path, series(PINGTAN, range(2019, 2023), broken_carry=2021))
    assert [(f, c) for f, c, _ in chain_findings(tmp_path)] == [("2021.txt", "RL701")]


def test_two_agencies_are_never_chained(tmp_path):
    write(tmp_path, series(PINGTAN, range(2021, 2024), seed=1))
    write(tmp_path, series("平潭综合实验区行政审批局", range(2022, 2025), seed=2, problems_from=3), prefix="xzsp-")
    assert chain_findings(tmp_path) == []


def test_a_gap_of_a_year_is_no_finding(tmp_path):
    texts = series(PINGTAN, YEARS, broken_carry=2023, broken_valid=2023, copied_problems=2023)
    write(tmp_path, {year: text for year, text in texts.items() if year != 2022})
    assert chain_findings(tmp_path) == []


def test_section_five_copied_from_another_agency_is_reported_once_against_the_later_report(tmp_path):
    write(tmp_path, series(PINGTAN, [2022], problems_from=0))
    write(tmp_path, series("平潭综合实验区行政审批局", [2023], problems_from=0), prefix="xzsp-")
    [(file, code, message)] = chain_findings(tmp_path)
    assert (file, code) == ("xzsp-2023.txt", "RL703") and "2022.txt" in message


@pytest.mark.parametrize("earlier,later", [
    ("淮安市洪泽区人民政府办公室", "洪泽区政府办公室"),  # a prefix of the region, 人民政府 / 政府
    (PINGTAN, "平潭综合实验区经济发屐局"),  # a typo in the office's name
    (PINGTAN, "福建省" + PINGTAN),  # the province before it
])
def test_one_agency_written_otherwise_is_still_chained(tmp_path, earlier, later):
    first = series(earlier, [2022, 2023], broken_carry=2023)
    second = series(later, [2022, 2023], broken_carry=2023)
    write(tmp_path, {2022: first[2022], 2023: second[2023]})
    assert [(f, c) for f, c, _ in chain_findings(tmp_path)] == [("2023.txt", "RL701")]


@pytest.mark.parametrize("earlier,later", [
    ("济宁市商务局", "济南市商务局"),  # one character apart, but in the region
    ("平潭综合实验区经济发展局", "平潭综合实验区行政审批局"),
    ("商务局", "商务局"),  # no region: any county's
])
def test_different_or_unplaceable_agencies_are_not_chained(tmp_path, earlier, later):
    first = series(earlier, [2022, 2023], broken_carry=2023)
    second = series(later, [2022, 2023], broken_carry=2023, problems_from=2)
    write(tmp_path, {2022: first[2022], 2023: second[2023]})
    assert chain_findings(tmp_path) == []


def test_agency_aliases_join_names_the_rules_would_not(tmp_path):
    first = series(PINGTAN, [2022, 2023], broken_carry=2023)
    second = series("平潭实验区经发局", [2022, 2023], broken_carry=2023)
    write(tmp_path, {2022: first[2022], 2023: second[2023]})
    assert chain_findings(tmp_path) == []
    config = Config(select=("RL7",), settings={"agency-aliases": {"平潭实验区经发局": PINGTAN}})
    assert [(f, c) for f, c, _ in chain_findings(tmp_path, config)] == [("2023.txt", "RL701")]


def test_two_reports_of_one_agency_and_year_are_not_compared_and_a_note_says_so(tmp_path):
    from reportlint.host import runner
    from reportlint.host.discovery import discover

    texts = series(PINGTAN, [2022, 2023], broken_carry=2023)
    write(tmp_path, texts)
    write(tmp_path, {2023: texts[2023]}, prefix="copy-")
    notes: list[str] = []
    files = discover([str(tmp_path)], (".txt",), (), str(tmp_path))
    results = list(runner.run(files, Config(select=("RL7",), cache=False), notes=notes))
    assert not any(r.diagnostics for r in results)
    assert len(notes) == 1 and "copy-2023.txt" in notes[0] and "2023.txt" in notes[0]


def test_the_reuse_threshold_is_a_setting(tmp_path):
    texts = series(PINGTAN, [2022, 2023])
    edited = texts[2023].replace(PROBLEMS[1][1], PROBLEMS[0][1])  # half of 2023's section 五 is 2022's
    write(tmp_path, {2022: texts[2022], 2023: edited})
    assert chain_findings(tmp_path) == []
    low = Config(select=("RL7",), settings={"reuse-threshold": 0.2})
    assert [(f, c) for f, c, _ in chain_findings(tmp_path, low)] == [("2023.txt", "RL703")]


def test_a_reuse_threshold_of_zero_is_read_as_zero(tmp_path):
    """reuse-threshold = 0.0 in a config file reaches RL703 as 0.0, not as the default (a falsy value
    once fell back to 0.8): any shared fragment is then a reuse — a clause of the year before, a
    sentence of another agency — that 0.05 or the default let pass; texts sharing nothing are never
    "0% alike", whatever the threshold."""
    texts = series(PINGTAN, [2022, 2023])
    other = series("平潭综合实验区行政审批局", [2023], seed=2, problems_from=3)[2023]
    write(tmp_path, texts)
    write(tmp_path, {2023: other}, prefix="xzsp-")
    (tmp_path / ".reportlint.toml").write_text('select = ["RL7"]\nreuse-threshold = 0.0\n', encoding="utf-8")
    assert chain_findings(tmp_path, load_config([str(tmp_path)])) == []  # nothing in common
    write(tmp_path, {2023: texts[2023].replace(PROBLEMS[1][0], PROBLEMS[1][0] + "图解、视频等群众喜闻乐见的解读方式运用不多。")})
    write(tmp_path, {2023: other.replace(PROBLEMS[3][0], PROBLEMS[3][0] + "个别栏目更新不够及时。")}, prefix="xzsp-")
    found = chain_findings(tmp_path, load_config([str(tmp_path)]))
    assert [(f, c) for f, c, _ in found] == [("2023.txt", "RL703"), ("xzsp-2023.txt", "RL703")]
    assert all("2022.txt" in message and "约0%" not in message for _, _, message in found)
    assert load_config([str(tmp_path)]).settings["reuse-threshold"] == 0.0
    for threshold in ("0.05", "0.8"):
        (tmp_path / ".reportlint.toml").write_text(f'select = ["RL7"]\nreuse-threshold = {threshold}\n', encoding="utf-8")
        assert ("xzsp-2023.txt", "RL703") not in [(f, c) for f, c, _ in chain_findings(tmp_path, load_config([str(tmp_path)]))]


def test_workers_give_the_same_findings(tmp_path):
    write(tmp_path, series(PINGTAN, YEARS, broken_carry=2023, broken_valid=2024, copied_problems=2025))
    serial = lint_paths([str(tmp_path)], Config(select=("RL7",)))
    pooled = lint_paths([str(tmp_path)], Config(select=("RL7",), jobs=2))
    assert serial == pooled and sum(len(r.diagnostics) for r in serial) == 3


def test_nothing_is_kept_when_the_rules_are_not_selected(tmp_path):
    write(tmp_path, series(PINGTAN, [2022]))
    from reportlint.host.pipeline import check_file

    path = str(tmp_path / "2022.txt")
    assert "reportlint:chains" in check_file(path, Config()).digests
    assert "reportlint:chains" not in check_file(path, Config(select=("RL3",))).digests


def test_a_digest_is_a_few_kilobytes(tmp_path):
    import json

    write(tmp_path, series(PINGTAN, [2022]))
    from reportlint.host.pipeline import check_file

    digest = check_file(str(tmp_path / "2022.txt"), Config()).digests["reportlint:chains"]
    assert len(json.dumps(digest, ensure_ascii=False).encode()) < 4096


def test_names_and_sketches():
    assert split_agency(canonical("淮安市洪泽区人民政府办公室")) == (("淮安市", "洪泽区"), "政府办公室")
    assert split_agency(canonical("商务局")) == ((), "商务局")
    assert split_agency(canonical("广州市黄埔区市场监督管理局")) == (("广州市", "黄埔区"), "市场监督管理局")
    text = "一是政策解读的形式还比较单一图解视频等群众喜闻乐见的解读方式运用不多二是个别栏目更新不够及时"
    assert similarity(sketch(text), sketch(text)) == 1.0
    assert similarity(sketch(text), sketch(text[::-1])) < 0.1
    half = similarity(sketch(text), sketch(text[: len(text) // 2] + "完全不同的另一半文字内容用来替换原来的后半部分文字以便比较"))
    assert 0.2 < half < 0.7


def test_many_copies_of_one_report_cost_one_note_not_a_quadratic_run(tmp_path):
    texts = series(PINGTAN, [2022, 2023])
    for i in range(300):
        (tmp_path / f"copy{i:03d}.txt").write_text(texts[2023], encoding="utf-8")
    (tmp_path / "2022.txt").write_text(texts[2022], encoding="utf-8")
    notes: list[str] = []
    from reportlint.host import runner

    results = list(runner.run(sorted(str(p) for p in tmp_path.iterdir()), Config(select=("RL7",), cache=False), notes=notes))
    assert [d for r in results for d in r.diagnostics] == []
    assert len(notes) == 1 and "copy000.txt" in notes[0] and "等299份" in notes[0]


@pytest.mark.slow
def test_two_real_consecutive_reports_of_one_agency_are_compared_and_agree():
    """洪泽区人民政府 2023 and 淮安市洪泽区人民政府 2024 (real PDFs): one agency (a region prefix apart),
    compared without a note; their carry-over (0 → 0) and valid counts (5 + 3 − 0 = 8) agree."""
    from reportlint.host import registry, runner
    from support.paths import FIXTURES

    files = [str(FIXTURES / "real" / name) for name in ("01_2023_hongzequ.pdf", "02_2024_hongzequ.pdf")]
    notes: list[str] = []
    results = list(runner.run(files, Config(select=("RL7",), cache=False), notes=notes))
    assert [d for r in results for d in r.diagnostics] == [] and notes == []
    # and they were compared: one figure of 2024 changed in its digest is found
    from reportlint.api import lint_bytes
    from reportlint.checks.chains import reportlint_check_run
    from reportlint.core.diagnostic import Digest

    digests = [Digest(f, lint_bytes(open(f, "rb").read(), f, Config(select=("RL7",))).digests["reportlint:chains"]) for f in files]
    digests[1].data["valid"]["行政规范性文件"]["valid"][0] = 9
    found = [item for item in reportlint_check_run(digests, registry.effective(Config(select=("RL7",)))) if not hasattr(item, "text")]
    assert [(path, finding.code) for path, finding in found] == [(files[1], "RL702")]


# --- issue 19, item 6: names one character apart, at scale ------------------------------------------------

def _digest(path: str, agency: str, year: int, carried_in: int = 1, carried_out: int = 2):
    from reportlint.core.diagnostic import Digest

    return Digest(path, {"agency": agency, "year": year, "template": "2021", "valid": {}, "reuse": None,
                         "carried_in": {"总计": [carried_in, 5, 1, 2, None]}, "carried_out": {"总计": [carried_out, 9, 1, 2, None]}})


def _run(digests):
    from reportlint.checks import chains
    from reportlint.host import registry

    return list(chains.reportlint_check_run(digests, registry.effective(Config())))


@pytest.mark.parametrize("reports", [2_000, 8_000])
def test_many_names_one_character_apart_cost_memory_and_time_in_step_with_the_run(reports):
    """5,000 reports whose names differ by one character took 58.8 s and 2.85 GB (quadratic in the
    candidate sets); 8,000: 123 s and 4.7 GB. Now the names are looked up in an index, a name with
    very many lookalikes is not compared, and the notes kept are bounded."""
    import time
    import tracemalloc

    from reportlint.checks import chains

    digests = [_digest(f"r{i:05d}.txt", f"平潭综合实验区{chr(0x4E00 + i)}经济发展局", 2024) for i in range(reports)]
    digests += [_digest(f"s{i:05d}.txt", f"平潭综合实验区经济发展{chr(0x4E00 + i)}局", 2023 + i % 2) for i in range(reports // 4)]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        out = _run(digests)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 60
    assert peak < 8 * 2**20 + 16 * 2**10 * len(digests)  # a few KB a report, not a pair of reports
    assert len(out) <= 3 * (chains.NOTES_PER_KIND + 1)
    assert not [item for item in out if not isinstance(item, Note)]  # nothing compared, nothing guessed


def test_a_crowded_name_is_not_compared_and_a_note_says_so():
    crowd = [_digest(f"x{i}.txt", f"平潭综合实验区{chr(0x4E00 + i)}经济发展局", 2024) for i in range(40)]
    chain = [_digest("a2023.txt", "平潭综合实验区一经济发展局", 2023, carried_out=7)]
    found = _run(crowd + chain)
    assert not [item for item in found if not isinstance(item, Note)]
    assert any("只差一个字" in item.text["zh"] and "x0.txt" in item.text["zh"] for item in found if isinstance(item, Note))


def test_a_few_lookalike_names_are_still_told_apart_and_chained():
    """The index finds what comparing every pair found: 平潭综合实验区经济发展局 2023→2024 is chained
    (a broken carry-over found) while a name one character off holds a report of 2024 too."""
    digests = [_digest("a2023.txt", "平潭综合实验区经济发展局", 2023, carried_out=7),
               _digest("a2024.txt", "平潭综合实验区经济发展局", 2024, carried_in=3),
               _digest("b2024.txt", "平潭综合实验区经济发展部", 2024)]
    found = _run(digests)
    assert not [item for item in found if not isinstance(item, Note)]  # 局/部 one apart: two of 2024, not compared
    found = _run(digests[:2] + [_digest("c2024.txt", "平潭综合实验区行政审批局", 2024)])
    assert [(path, finding.code) for path, finding in (i for i in found if not isinstance(i, Note))] == [("a2024.txt", "RL701")]


def test_the_name_index_finds_exactly_the_pairs_comparing_all_of_them_finds():
    import random

    from reportlint.checks import chains

    rng = random.Random(19)
    regions = [("平潭综合实验区",), ("淮安市", "洪泽区"), ("洪泽区",), ("盐城市", "洪泽区"), ("淮安市",)]
    offices = ["经济发展局", "经济发展部", "经济发展局局", "经发局", "经济展局", "行政审批局", "行政审批处", "财政局", "财政金融局"]
    for _ in range(30):
        keys = {(rng.choice(regions), rng.choice(offices)) for _ in range(rng.randint(2, 12))}
        names = chains._Names({key: [] for key in keys})
        for key in keys:
            a = chains._Report("a", {}, 2024, *key)
            brute = {other for other in keys if other == key or chains._same_agency(a, chains._Report("b", {}, 2024, *other))}
            assert names.matching(key) == brute, key
