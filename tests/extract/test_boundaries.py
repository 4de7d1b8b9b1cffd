"""Name boundaries on sentences written for these tests (left stops, coordinators, bare suffixes)."""

from __future__ import annotations

from tests.extract.helpers import by_type, entities, surfaces


def test_intention_verb_is_not_part_of_a_name() -> None:
    ents = entities("力争青松智能装备研究院年内挂牌运行。")
    assert set(by_type(ents, "ResearchInstitute")) == {"青松智能装备研究院"}


def test_lianhe_coordinates_two_actors() -> None:
    ents = entities("石湖电子科技有限公司联合苏州大学建设联合实验室。")
    assert "石湖电子科技有限公司" in by_type(ents, "Enterprise")
    assert set(by_type(ents, "University")) == {"苏州大学"}
    assert not any("联合" in s for s in surfaces(ents))


def test_lianhe_inside_a_name_is_kept() -> None:
    ents = entities("由苏州大学与南京大学发起的苏州大学联合研究院正式揭牌。")
    assert "苏州大学联合研究院" in by_type(ents, "ResearchInstitute")


def test_he_inside_a_brand_name() -> None:
    ents = entities("支持远和光电有限公司、青和仪器有限公司开展技术攻关。")
    assert set(by_type(ents, "Enterprise")) == {"远和光电有限公司", "青和仪器有限公司"}


def test_he_between_two_companies_still_coordinates() -> None:
    ents = entities("推动松陵机电有限公司和桐泾软件有限公司合作。")
    assert set(by_type(ents, "Enterprise")) == {"松陵机电有限公司", "桐泾软件有限公司"}


def test_he_after_a_level_is_two_bodies() -> None:
    ents = entities("按照省和市委的统一部署推进工作。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_new_member_of_an_alliance_is_a_separate_actor() -> None:
    ents = entities("苏州市光电产业技术创新战略联盟新吸纳金鸡湖激光有限公司为会员。")
    assert "金鸡湖激光有限公司" in by_type(ents, "Enterprise")
    assert "苏州市光电产业技术创新战略联盟" in by_type(ents, "Platform")


def test_subsidiary_phrase_is_not_a_company_name() -> None:
    ents = entities("枫桥精工有限公司下属子公司获评高新技术企业。")
    assert set(by_type(ents, "Enterprise")) == {"枫桥精工有限公司"}


def test_data_is_an_ordinary_name_word() -> None:
    ents = entities("观前数据有限公司落户苏州工业园区。")
    assert "观前数据有限公司" in by_type(ents, "Enterprise")


def test_agency_names_holding_he_and_zuzhi() -> None:
    text = ("苏州市发展和改革委员会、苏州市人力资源和社会保障局、中共苏州市委组织部、"
            "苏州市人民政府国有资产监督管理委员会联合发文。")
    agencies = surfaces([e for e in entities(text) if e.type == "GovernmentAgency"])
    assert {"苏州市发展和改革委员会", "苏州市人力资源和社会保障局", "中共苏州市委组织部",
            "苏州市人民政府国有资产监督管理委员会"} <= agencies
