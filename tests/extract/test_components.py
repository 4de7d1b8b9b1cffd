"""Unit tests of the extraction components on short sentences written for the tests."""

from __future__ import annotations

import datetime as dt

from ingest.extract import get_nlp
from ingest.models import actor_id
from ingest.pipeline import extract_document
from tests.extract.helpers import by_type, entities, make_doc, surfaces


def test_pipeline_is_blank_zh_with_named_components() -> None:
    nlp = get_nlp()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == [
        "innograph_gazetteer",
        "innograph_titles",
        "innograph_suffix",
        "innograph_lists",
        "innograph_resolve",
    ]
    assert get_nlp() is nlp


def test_enumeration_gives_suffixless_enterprises() -> None:
    ents = entities("今年支持星河微电、蓝鲸药业、青禾光电等骨干企业开展联合攻关。")
    assert set(by_type(ents, "Enterprise")) == {"星河微电", "蓝鲸药业", "青禾光电"}


def test_enumeration_of_category_words_gives_nothing() -> None:
    ents = entities("引导咨询、评估、法律等各类服务机构跨界发展。")
    assert by_type(ents, "Enterprise") == {}


def test_policy_title_keeps_inner_parentheses_and_quotes() -> None:
    text = "市政府印发《苏州市促进新材料产业发展若干措施(2021-2023年)》和《关于推进“智造强企”的意见》。"
    policies = by_type(entities(text), "Policy")
    assert "《苏州市促进新材料产业发展若干措施(2021-2023年)》" in policies
    assert "《关于推进“智造强企”的意见》" in policies


def test_newspaper_title_is_not_a_policy() -> None:
    assert by_type(entities("相关做法被《新华日报》报道。"), "Policy") == {}


def test_parenthesised_platform_name() -> None:
    platforms = by_type(entities("加快建设无锡(物联网)知识产权保护中心,服务企业。"), "Platform")
    assert "无锡(物联网)知识产权保护中心" in platforms


def test_institute_inside_platform_is_nested_not_separate() -> None:
    ents = entities("推进北京大学无锡智能研究院建设。")
    ris = by_type(ents, "ResearchInstitute")
    assert "北京大学无锡智能研究院" in ris
    assert "北京大学" not in by_type(ents, "University")


def test_left_boundary_stops_at_verbs_and_particles() -> None:
    ents = entities("依托苏州大学共建苏州先进光学研究院,并与东吴证券合作。")
    assert "苏州先进光学研究院" in by_type(ents, "ResearchInstitute")
    assert "苏州大学" in by_type(ents, "University")


def test_generic_phrases_are_not_entities() -> None:
    text = (
        "鼓励企业建设海外研发基地,培育一批众创空间,支持龙头骨干企业与高校院所共建"
        "省级工程技术研究中心,新增6家市级孵化器。"
    )
    ents = entities(text)
    assert [e for e in ents if e.type in ("Platform", "Enterprise", "ResearchInstitute")] == []


def test_standard_abbreviations_are_expanded() -> None:
    ents = entities("与中科院签署合作协议,省科技厅给予支持,科技部批复同意。")
    ri = by_type(ents, "ResearchInstitute")
    assert "中国科学院" in ri and "中科院" in ri["中国科学院"].aliases
    agencies = by_type(ents, "GovernmentAgency")
    assert "江苏省科学技术厅" in agencies
    assert "科学技术部" in agencies


def test_province_relative_institute_only_in_its_province() -> None:
    text = "积极对接省产研院,申报专业研究所。"
    in_js = by_type(entities(text), "ResearchInstitute")
    assert "江苏省产业技术研究院" in in_js
    in_zj = by_type(entities(text, region="杭州市", province="浙江省"), "ResearchInstitute")
    assert "江苏省产业技术研究院" not in in_zj


def test_responsibility_list_resolves_to_the_city() -> None:
    text = "完善技术转移体系。(责任单位:市科技局、市财政局、市工投集团)"
    ents = entities(text, region="无锡市")
    agencies = by_type(ents, "GovernmentAgency")
    assert "无锡市科学技术局" in agencies
    assert "无锡市财政局" in agencies
    assert agencies["无锡市科学技术局"].id == actor_id("GovernmentAgency", "无锡市科学技术局")
    assert "市工投集团" in by_type(ents, "Enterprise")


def test_quoted_programmes_and_slogans() -> None:
    text = "推广“惠企贷”产品,实施“青苗”计划,落实“三大”工程,举办“创客周”活动,实施太湖英才计划。"
    programmes = by_type(entities(text), "Programme")
    assert {"惠企贷", "青苗计划", "太湖英才计划"} <= set(programmes)
    assert not any("三大" in p or "创客周" in p for p in programmes)


def test_short_and_full_company_names_are_linked() -> None:
    text = "组织星海微纳科技股份有限公司申报项目。星海微纳科技当年获得专利授权。"
    companies = by_type(entities(text), "Enterprise")
    assert list(companies) == ["星海微纳科技股份有限公司"]
    assert {m.text for m in companies["星海微纳科技股份有限公司"].mentions} == {
        "星海微纳科技股份有限公司",
        "星海微纳科技",
    }


def test_second_pass_finds_every_occurrence() -> None:
    text = "推进苏州纳米科技园建设。苏州纳米科技园新增企业20家。"
    platforms = by_type(entities(text), "Platform")
    assert len(platforms["苏州纳米科技园"].mentions) == 2
    assert platforms["苏州纳米科技园"].subtype == "park"
    uni = by_type(entities("引进东南大学团队。东南大学专家参加。"), "University")
    assert len(uni["东南大学"].mentions) == 2


def test_pronoun_references_are_not_mentions() -> None:
    ents = entities("我市与南京大学签订协议,全市新增企业,本市继续推进。")
    assert "南京大学" in by_type(ents, "University")
    assert not any(m.text in ("我市", "全市", "本市") for e in ents for m in e.mentions)


def test_places_short_forms_and_old_names_at_the_document_date() -> None:
    text = "海安县与常熟共同举办活动。"
    early = entities(text, region="南通市", date=dt.date(2016, 1, 1))
    # a county of its time, named with its city (one district, one name)
    assert "南通市海安县" in by_type(early, "District")
    assert {"海安县", "海安市"} <= set(by_type(early, "District")["南通市海安县"].aliases)
    late = entities(text, region="南通市", date=dt.date(2021, 1, 1))
    assert "海安市" in by_type(late, "City")
    assert "常熟市" in by_type(late, "City")


def test_distant_county_short_forms_are_ignored() -> None:
    # 临海 and 上高 are county names elsewhere but ordinary words here
    ents = entities("围绕临海临江产业,比上年上高水平发展。", region="南通市")
    assert by_type(ents, "City") == {} and by_type(ents, "District") == {}


def test_offsets_index_the_original_text() -> None:
    text = "推进（苏州）智能制造研究院建设，支持苏州大学。"
    doc = make_doc(text)
    extraction = extract_document(doc)
    for e in extraction.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    assert "苏州大学" in surfaces(extraction.entities)
    assert extraction.relations == [] or all(r.head and r.tail for r in extraction.relations)


def test_agency_abbreviation_after_a_verb() -> None:
    agencies = by_type(entities("结合市纪委专项巡查,健全制度。", region="常州市"), "GovernmentAgency")
    assert any(e.name.startswith("常州市") and "市纪委" in e.aliases for e in agencies.values())


def test_bare_government_only_as_issuer() -> None:
    assert by_type(entities("在市政府领导下推进工作。"), "GovernmentAgency") == {}
    agencies = by_type(entities("市政府印发《苏州市科技创新条例实施办法》。"), "GovernmentAgency")
    assert "苏州市人民政府" in agencies
