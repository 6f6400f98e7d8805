"""The report's title, headings and sections as the parser finds them (reportlint.parsing.structure)."""

from reportlint.core.document import Document
from reportlint.parsing import build_report


def model(text: str):
    return build_report(Document.from_text("r.txt", text))


def test_title_broken_over_lines_is_joined():
    report = model("某某市商务局2020年政府信息公开\n\n工作年度报告\n一、总体情况\n")
    assert report.title.text == "某某市商务局2020年政府信息公开工作年度报告"
    assert (report.agency, report.year, report.title.line) == ("某某市商务局", 2020, 1)


def test_agency_on_its_own_line_above_the_year():
    report = model("\n广州市黄埔区商务局 开发区商务局\n\n2020 年政府信息公开工作\n\n年度报告\n")
    assert report.agency == "广州市黄埔区商务局 开发区商务局"
    assert report.year == 2020


def test_year_first_title_names_the_agency_after_the_year():
    report = model("2021年度某某市水利局政府信息公开工作年度报告\n一、总体情况\n")
    assert (report.agency, report.year) == ("某某市水利局", 2021)


def test_web_page_furniture_before_the_title_is_skipped():
    text = (
        "url: http://www.example.gov.cn/art/2022/1/20/art_1.html\n"
        "首页 > 政务公开 > 年度报告\n"
        "发布时间：2022-01-20 来源：某某局 浏览次数：123\n"
        "某某市某某局2021年政府信息公开工作年度报告\n"
        "一、总体情况\n"
    )
    report = model(text)
    assert report.title.line == 4
    assert report.title.first_content
    assert report.published.date.isoformat() == "2022-01-20"


def test_a_scrapers_title_line_is_used_only_without_a_page_title():
    report = model("title: 某某市某某局2021年政府信息公开工作年度报告\n一、总体情况\n")
    assert report.title.line == 1
    assert report.agency == "某某市某某局"


def test_a_pages_column_name_above_the_title_is_not_the_agency():
    report = model("政府信息公开\n\n宁远市2021年政府信息公开工作年度报告\n\n宁远市人民政府\n一、总体情况\n")
    assert (report.agency, report.year, report.title.line) == ("宁远市", 2021, 3)


def test_a_pages_header_table_of_letter_spaced_labels_is_furniture():
    text = (
        "索 引 号: | 0001/2024-00001 | 生成日期: | 2024-01-05 |\n"
        "文 号: | 关键字: | 公开,年报 | |\n"
        "所属机构: | 某某区 | 发布机构: |\n"
        "某某区长林街道2023年政府信息公开工作年度报告\n"
        "一、总体情况\n"
    )
    report = model(text)
    assert report.title.line == 4 and report.title.first_content


def test_a_title_in_a_header_table_row_names_the_agency_without_the_label():
    report = model("| 标题: | 某某县人民政府办公室2025年政府信息公开工作年度报告 | ||\n| 发文日期: | 2026-01-20 |\n一、总体情况\n")
    assert (report.agency, report.year) == ("某某县人民政府办公室", 2025)


def test_a_header_row_with_the_cells_border_for_its_colon_is_furniture():
    text = (
        "标 题 | 某某自治区某某厅2020政府信息公开工作年度报告 | ||\n"
        "索引号 | 0001/2021-00008 | 文 号 | |\n"
        "发布机构 | 自治区政府办公厅 | 发布日期 | 2021-04-09 |\n"
        "某某自治区某某厅2020政府信息公开工作年度报告\n"
        "一、总体情况\n"
    )
    report = model(text)
    assert (report.title.line, report.agency, report.year, report.title.first_content) == (4, "某某自治区某某厅", 2020, True)


def test_a_header_whose_labels_take_a_space_for_their_colon_is_furniture():
    text = (
        "索 引 号 Q017/2024-00231 成文日期 2024-01-19\n"
        "发布机构 某某镇 主题分类 综合政务/政务公开\n"
        "文号 公开方式 主动公开\n\n"
        "某某县某某镇人民政府2023年政府信息公开工作年度报告\n\n"
        "发布日期:2024-01-19 09:30 访问次数: 信息来源:某某镇\n"
        "一、总体情况\n"
    )
    report = model(text)
    assert (report.title.line, report.agency, report.year, report.title.first_content) == (5, "某某县某某镇人民政府", 2023, True)


def test_a_header_table_of_validity_dates_and_themes_is_furniture():
    text = (
        "| 索引号: | xyz-2025-00042 | 发布机构: | 政府办 |\n"
        "| 生效日期: | 2025-02-10 | 废止日期: | |\n"
        "| 文 号: | 所属主题: | 网页浏览 |\n"
        "某某县人民政府2024年政府信息公开工作年度报告\n"
        "一、总体情况\n"
    )
    report = model(text)
    assert (report.title.line, report.title.first_content) == (4, True)


def test_a_sentence_that_starts_with_a_label_word_is_no_header_row():
    from reportlint.parsing.furniture import is_furniture

    assert is_furniture("发布机构 某某镇 主题分类 综合政务")
    assert not is_furniture("时间 紧任务重，来源 多样的信息均按时公开")
    assert not is_furniture("来源 " + "某" * 90 + " 时间 2024")


def test_a_header_of_bulleted_labels_is_furniture():
    text = ("    • 索 引 号:AB00001-0101-2021-000001\n    • 发布机构:某某县青石镇人民政府\n    • 公文生成日期:2021-01-06\n"
            "某某县青石镇2020年政府信息公开工作年度报告\n一、总体情况\n")
    report = model(text)
    assert (report.title.line, report.title.first_content) == (4, True)


def test_a_column_named_after_the_report_without_its_year_is_not_the_title():
    text = "热搜词:甲乙 丙丁\n某某省政府信息公开工作年度报告\n\n2019年某某省政府信息公开工作年度报告\n\n一、总体情况\n"
    report = model(text)
    assert (report.title.line, report.agency, report.year, report.title.first_content) == (4, "某某省", 2019, True)


def test_an_agency_named_as_its_government_offices_stands_above_the_year():
    report = model("某某县人民政府机关\n2020年政府信息公开工作年度报告\n一、总体情况\n")
    assert (report.title.line, report.agency, report.year) == (1, "某某县人民政府机关", 2020)


def test_heading_before_title_makes_title_not_first():
    report = model(" 一、总体情况\n\n商务局2021年政府信息公开工作年度报告\n")
    assert report.title.line == 3
    assert not report.title.first_content


def test_arabic_numbered_section_heading_is_a_heading_with_its_style():
    report = model("某某局2020年政府信息公开工作年度报告\n一、总体情况\n2、 主动公开政府信息情况\n")
    heading = report.headings[1]
    assert (heading.index, heading.style, heading.text) == (2, "arabic", "主动公开政府信息情况")
    assert heading.number_end == 4  # the fix replaces "2、 " (columns 1-3)


def test_numbered_list_item_in_the_narrative_is_not_a_heading():
    report = model("某某局2020年政府信息公开工作年度报告\n一、总体情况\n1.规范性文件：4条\n")
    assert [h.line for h in report.headings] == [2]


def test_table_row_labels_that_look_like_headings_are_not_sections():
    text = (
        "某某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议、行政诉讼情况\n"
    )
    assert [h.line for h in model(text).headings] == [2, 5]


def test_heading_run_together_with_its_paragraph():
    report = model("某某局2021年政府信息公开工作年度报告\n一、总体情况。2021年，我局认真贯彻落实《条例》，扎实推进政府信息公开工作，取得了积极成效。\n")
    assert report.headings[0].text == "总体情况"


def test_markdown_heading_markup_is_not_part_of_the_number():
    report = model("某某局2021年政府信息公开工作年度报告\n## 一、总体情况\n**二、主动公开政府信息情况**\n")
    assert [(h.index, h.text, h.column) for h in report.headings] == [(1, "总体情况", 4), (2, "主动公开政府信息情况", 3)]


def test_sections_skip_duplicate_and_stray_headings():
    text = "一、总体情况\n某局2021年政府信息公开工作年度报告\n一、基本情况\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n三、改进措施\n六、其他需要报告的事项\n"
    report = model(text)
    assert [(s.index, s.heading.line) for s in report.sections] == [(1, 1), (2, 4), (5, 5), (6, 7)]
    assert report.section(5).end == 6


def test_part_numbered_heading_is_a_section_with_its_style():
    report = model("某某局2021年政府信息公开工作年度报告\n第一部分 总体情况\n第二部分：主动公开政府信息情况\n")
    assert [(s.index, s.heading.style, s.heading.text) for s in report.sections] == [(1, "part", "总体情况"), (2, "part", "主动公开政府信息情况")]


def test_a_section_heading_numbered_like_a_subsection_is_a_section_in_the_wrong_style():
    report = model("某某局2021年政府信息公开工作年度报告\n（一）总体情况\n（一）主动公开情况\n（二）主动公开政府信息情况\n")
    assert [(s.index, s.heading.style, s.heading.line) for s in report.sections] == [(1, "paren", 2), (2, "paren", 4)]


def test_a_subsection_numbered_like_a_section_heading_but_worded_otherwise_is_not_a_section():
    report = model("某某局2021年政府信息公开工作年度报告\n一、总体情况\n（二）依申请公开情况\n")
    assert [s.index for s in report.sections] == [1]


def test_overview_topics_numbered_like_sections_before_the_sections_themselves_are_topics():
    """2.主动公开情况 / （二）主动公开政府信息情况 inside 一、总体情况, then 二、…: no RL103/RL104."""
    from reportlint.api import lint_bytes

    later = "".join(f"{n}、{t}\n略。\n" for n, t in [("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请情况"),
                                                 ("四", "政府信息公开行政复议、行政诉讼情况"), ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")])
    for topics in ("1.组织领导\n由办公室负责。\n2.主动公开情况\n全年公开信息30条。\n3.依申请公开办理情况\n收到申请2件。\n",
                   "（一）组织领导情况\n由办公室负责。\n（二）主动公开政府信息情况\n全年公开信息30条。\n"):
        text = "某某区某某局2021年政府信息公开工作年度报告\n一、总体情况\n" + topics + later
        report = model(text)
        assert [s.heading.line for s in report.sections][1] == text.splitlines().index("二、主动公开政府信息情况") + 1
        codes = {d.code for d in lint_bytes(text.encode(), path="r.txt").diagnostics}
        assert not codes & {"RL102", "RL103", "RL104", "RL105"}, codes


def test_an_overview_topic_numbered_1_in_the_words_of_section_two_is_no_second_section_one():
    """1.主动公开政府信息情况 as the first topic of 一、总体情况 (the number 1 under 一, the words of
    二): no RL104 '1 used twice', whether 二、 follows in the excerpt or not."""
    from reportlint.api import lint_bytes

    later = "".join(f"{n}、{t}\n略。\n" for n, t in [("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请情况"),
                                                 ("四", "政府信息公开行政复议、行政诉讼情况"), ("五", "存在的主要问题及改进情况"), ("六", "其他需要报告的事项")])
    topics = "1.主动公开政府信息情况。全乡公开信息41条。\n2.依申请公开情况。全年收到申请3件。\n"
    for tail in (later, ""):
        text = "某某县某某乡人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n" + topics + tail
        codes = {d.code for d in lint_bytes(text.encode(), path="r.txt").diagnostics}
        assert "RL104" not in codes, codes


def test_a_sites_banner_with_its_english_name_is_furniture():
    """某某县人民政府 The People's Government of … / 政府信息公开 above the title: the title still
    comes first (no RL107 'not at the start')."""
    text = ("某某县人民政府 The People's Government of Moumou County\n\n政府信息公开\n\n"
            "某某县青石镇2023年政府信息公开工作年度报告\n\n来源:某某县人民政府办公室 时间:2024-01-30\n\n一、总体情况\n")
    report = model(text)
    assert (report.title.line, report.agency, report.title.first_content) == (5, "某某县青石镇", True)


def test_a_sites_header_with_its_news_ticker_and_search_box_is_furniture():
    """设为首页 | 加入收藏 / 头条新闻: · … / 站内搜索: above the title are the site's header: the title
    still comes first (no RL107 'not at the start'); a sentence of the report above it still is."""
    from reportlint.api import lint_bytes

    header = ("设为首页  |  加入收藏\n头条新闻: · 某某区召开城乡环境卫生综合整治推进会    2024-05-09     "
              "· 某某区：多措并举提升城市管理水平    2024-05-03\n站内搜索:\n\n")
    body = "某某区某某局2023年政府信息公开工作年度报告\n\n2024-01-11 15:04  点击:[] 来源:区某某局\n\n一、总体情况\n"
    report = model(header + body)
    assert (report.title.line, report.agency, report.title.first_content) == (5, "某某区某某局", True)
    assert "RL107" not in {d.code for d in lint_bytes((header + body).encode(), path="r.txt").diagnostics}
    own = "现将本局2023年政府信息公开工作情况报告如下，请社会各界予以监督并对我局工作提出宝贵意见和建议。\n"
    assert "RL107" in {d.code for d in lint_bytes((header + own + body).encode(), path="r.txt").diagnostics}


def test_a_wrong_phrase_in_a_breadcrumb_is_the_sites_not_the_reports():
    """The site's column 政府信息公开年度工作报告 in the breadcrumb is no RL601; the same words in the
    report's own text still are."""
    from reportlint.api import lint_bytes

    crumb = "您现在所在的位置: 网站首页 > 政府信息公开年度工作报告 > 某某乡人民政府2024年政府信息公开工作年度报告\n\n"
    body = "某某乡人民政府2024年政府信息公开工作年度报告\n\n一、总体情况\n全年公开信息12条。\n"
    found = [d for d in lint_bytes((crumb + body).encode(), path="r.txt").diagnostics if d.code == "RL601"]
    assert found == []
    own = body.replace("全年公开信息12条。", "现将本乡政府信息公开年度工作报告公布如下。")
    found = [d for d in lint_bytes((crumb + own).encode(), path="r.txt").diagnostics if d.code == "RL601"]
    assert [d.line for d in found] == [6]


def test_a_sites_notice_that_the_browser_is_too_old_is_furniture():
    """尊敬的用户，您好！/ 网站不支持您所使用的浏览器版本… above the title is the site's (no RL107 'not
    at the start'); a sentence of the report above it still is."""
    from reportlint.api import lint_bytes

    notice = ("尊敬的用户,您好!\n\n网站不支持您所使用的浏览器版本(可能会出现网页变形等问题)。为了更好地展示页面效果,"
              "请您使用以下浏览器(点击图标会跳转到相关浏览器的官方网站下载页面)。\n\n\n")
    body = "某某省某某工作办公室2021年度政府信息公开工作年度报告\n\n来源:某某省某某工作办公室 发布时间:2022-01-27 16:45:22\n\n一、总体情况\n"
    report = model(notice + body)
    assert (report.title.line, report.agency, report.title.first_content) == (6, "某某省某某工作办公室", True)
    assert "RL107" not in {d.code for d in lint_bytes((notice + body).encode(), path="r.txt").diagnostics}
    own = "现将本办2021年政府信息公开工作情况报告如下，请社会各界予以监督并对我办工作提出宝贵意见和建议。\n"
    assert "RL107" in {d.code for d in lint_bytes((notice + own + body).encode(), path="r.txt").diagnostics}


def test_an_agency_on_the_line_under_a_title_that_starts_with_its_year_is_the_agency():
    """2020年政府信息公开工作年度报告 / 某某经开区(某某)管委会: the agency stands under the title, as a
    byline (it was RL107 'no agency'); a title with nothing of the kind under it still lacks one."""
    from reportlint.api import lint_bytes

    def rl107(text: str) -> list[str]:
        return [d.message for d in lint_bytes(text.encode(), path="r.txt").diagnostics if d.code == "RL107"]

    body = "\n一、总体情况\n2020年，本委持续落实《中华人民共和国政府信息公开条例》。\n"
    text = "2020年政府信息公开工作年度报告\n某某经开区(某某)管委会\n \n" + body
    assert model(text).agency == "某某经开区(某某)管委会"
    assert rl107(text) == []
    assert rl107("2020年政府信息公开工作年度报告\n" + body) == ["标题问题：标题缺少机关名称"]
    assert rl107("2020年政府信息公开工作年度报告\n发布时间:2021-01-20\n" + body) == ["标题问题：标题缺少机关名称"]
    assert rl107("2020年政府信息公开工作年度报告\n本报告由某某管委会编制\n" + body) == ["标题问题：标题缺少机关名称"]
