"""The formats as data: rules/templates/*.toml validate and say what TEMPLATES.md says."""

import pytest

from reportlint.core.catalogue import CatalogueError
from reportlint.core.numerals import chinese_to_int
from reportlint.core.resources import SchemaViolation, data_dir, load_toml, validate
from reportlint.core.templates import Template, builtin_templates, label_core, template_for_year

TEMPLATE_FILES = sorted((data_dir("rules") / "templates").glob("*.toml"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_template_file_is_valid_against_its_schema(path):
    validate(load_toml(path), "template")


def test_schema_rejects_a_template_without_tables():
    data = load_toml(TEMPLATE_FILES[0])
    del data["table3"]
    with pytest.raises(SchemaViolation, match="table3"):
        validate(data, "template")


def test_row_counts_of_table_three():
    by_id = {t.id: t for t in builtin_templates()}
    assert len(by_id["2019"].table3_rows) == 23
    assert len(by_id["2021"].table3_rows) == 25
    assert len(by_id["2021"].table4_groups) * len(by_id["2021"].table4_columns) == 15


def test_the_year_chooses_the_format():
    formats = builtin_templates()
    assert template_for_year(2020, formats).id == "2019"
    assert template_for_year(2021, formats).id == "2021"
    assert template_for_year(2018, formats) is None


def test_table_two_blocks_differ_between_formats():
    by_id = {t.id: t for t in builtin_templates()}
    assert [b.item for b in by_id["2019"].table2] == [1, 5, 6, 8, 9]
    assert [b.item for b in by_id["2021"].table2] == [1, 5, 6, 8]
    assert by_id["2021"].table2[0].caption == "第二十条第（一）项"


def test_a_plugin_template_is_validated_and_added():
    from reportlint import hookimpl
    from reportlint.host import plugins, registry

    data = load_toml(TEMPLATE_FILES[-1])
    data.update(id="2021-sc", name="四川省变体", first_year=2030, last_year=2030)

    class Province:
        @hookimpl
        def reportlint_templates(self):
            return [data]

    plugins.reset()
    plugins.get_plugin_manager().add_plugin(Province(), "province", "test")
    try:
        assert template_for_year(2030, registry.templates()).name == "四川省变体"
        data["table3"] = "not a table"
        plugins.reset()
        plugins.get_plugin_manager().add_plugin(Province(), "province", "test")
        with pytest.raises(CatalogueError, match="test:province.*table3"):
            registry.templates()
    finally:
        plugins.reset()


def test_chinese_numerals_and_label_cores():
    assert [chinese_to_int(t) for t in ("二十", "二十六", "五十七", "十", "九")] == [20, 26, 57, 10, 9]
    assert label_core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert label_core("1.属于国家秘密") == "属于国家秘密"
    assert isinstance(builtin_templates()[0], Template)
