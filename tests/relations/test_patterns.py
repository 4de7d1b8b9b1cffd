"""Relation patterns on short invented sentences (fictional actors, real place names)."""

from __future__ import annotations

import pytest

from ingest.relations import extract_relations, find_relations, merge_relations
from ingest.relations.context import heading_level
from ingest.relations.lexicon import RelationDataError, _compile_pattern, load_lexicon
from ingest.sentences import split_sentences
from tests.relations.helpers import make_doc, make_entities, run, triples

XH = ("星河科技", "Enterprise", [])
LW = ("蓝湾集团", "Enterprise", [])
BC = ("北辰材料", "Enterprise", [])
QC = ("青川大学", "University", ["青川"])
YF = ("云帆海洋技术研究所", "ResearchInstitute", [])
NT = ("南通市", "City", ["南通"])
RG = ("如皋市", "City", ["如皋"])


def _triples(text: str, specs: list, **meta: object) -> set[tuple[str, str, str]]:
    doc = make_doc(text, **meta)  # type: ignore[arg-type]
    rels, by_id = run(doc, make_entities(text, specs))
    return triples(rels, by_id)


def test_coordinated_builders_each_get_a_co_builds() -> None:
    text = "星河科技与青川大学共建星河智能制造研究院，当年攻克关键技术三项。"
    got = _triples(text, [XH, QC, ("星河智能制造研究院", "ResearchInstitute", [])])
    assert got == {
        ("CO_BUILDS", "星河科技", "星河智能制造研究院"),
        ("CO_BUILDS", "青川大学", "星河智能制造研究院"),
    }


def test_relative_clause_builders_and_funding_of_the_built_institute() -> None:
    text = "如皋高新区与青川大学共建的青川大学如皋研究院获省科技厅立项支持。"
    specs = [
        ("如皋高新区", "Platform", []),
        QC,
        ("青川大学如皋研究院", "ResearchInstitute", []),
        ("江苏省科学技术厅", "GovernmentAgency", ["省科技厅"]),
    ]
    got = _triples(text, specs)
    assert got == {
        ("CO_BUILDS", "如皋高新区", "青川大学如皋研究院"),
        ("CO_BUILDS", "青川大学", "青川大学如皋研究院"),
        ("FUNDED_BY", "青川大学如皋研究院", "江苏省科学技术厅"),
    }


def test_each_listed_enterprise_cooperates_with_the_partner() -> None:
    text = "星河科技、蓝湾集团、北辰材料等企业与青川大学达成产学研合作。"
    got = _triples(text, [XH, LW, BC, QC])
    assert got == {
        ("COOPERATES_WITH", "星河科技", "青川大学"),
        ("COOPERATES_WITH", "蓝湾集团", "青川大学"),
        ("COOPERATES_WITH", "北辰材料", "青川大学"),
    }


def test_subjectless_sentence_takes_the_jurisdiction_named_in_the_document() -> None:
    text = "南通市科技局工作总结\n一、2016年工作回顾\n与青川大学签订全面战略合作协议。"
    doc = make_doc(text)
    entities = make_entities(text, [QC, NT])
    found = extract_relations(doc, split_sentences(text), entities)
    relations = [r for r in found.relations if r.source == "text"]
    assert len(relations) == 1
    rel = relations[0]
    by_id = {e.id: e for e in [*entities, *found.implicit]}
    assert rel.type == "COOPERATES_WITH"
    assert {by_id[rel.head].name, by_id[rel.tail].name} == {"南通市", "青川大学"}
    assert rel.year == 2016  # no year in the sentence: the heading's


def test_year_of_the_sentence_else_of_the_report() -> None:
    text = "南通市科技局工作总结\n2014年与青川大学签订合作协议。与星河科技签订合作协议。"
    doc = make_doc(text)
    doc.meta.report_year = 2015
    rels, by_id = run(doc, make_entities(text, [QC, XH, NT]))
    years = {by_id[r.tail].name if by_id[r.head].name == "南通市" else by_id[r.head].name: r.year for r in rels}
    assert years == {"青川大学": 2014, "星河科技": 2015}


def test_a_jurisdiction_the_text_never_names_is_no_implicit_subject() -> None:
    text = "与青川大学签订全面战略合作协议。"
    doc = make_doc(text)
    entities = make_entities(text, [QC])
    found = extract_relations(doc, split_sentences(text), entities)
    assert found.relations == [] and found.implicit == []
    assert [e.name for e in entities] == ["青川大学"]


def test_pronoun_subject_names_the_jurisdiction() -> None:
    text = "我市与青川大学签署合作备忘录。"
    got = _triples(text, [NT, QC])
    assert got == {("COOPERATES_WITH", "南通市", "青川大学")}


def test_introduce_then_settle_gives_introduces_and_located_in() -> None:
    text = "成功引进云帆海洋技术研究所落户如皋，组建了专业研发团队。"
    got = _triples(text, [YF, RG, NT])
    assert got == {
        ("INTRODUCES", "南通市", "云帆海洋技术研究所"),
        ("LOCATED_IN", "云帆海洋技术研究所", "如皋市"),
    }


def test_listed_objects_of_introduce_with_a_category_tail() -> None:
    text = "引进星河科技、蓝湾集团等5家知识产权服务机构入驻服务业集聚区。"
    got = _triples(text, [XH, LW, NT])
    assert got == {("INTRODUCES", "南通市", "星河科技"), ("INTRODUCES", "南通市", "蓝湾集团")}


def test_funded_by_a_named_programme() -> None:
    text = "星河科技、北辰材料获省科技类“启航团队”立项；蓝湾集团获得“云帆贷”贷款3000万元。"
    specs = [XH, BC, LW, ("启航团队", "Programme", []), ("云帆贷", "Programme", [])]
    got = _triples(text, specs)
    assert got == {
        ("FUNDED_BY", "星河科技", "启航团队"),
        ("FUNDED_BY", "北辰材料", "启航团队"),
        ("FUNDED_BY", "蓝湾集团", "云帆贷"),
    }


def test_people_of_an_enterprise_funded_is_not_the_enterprise_funded() -> None:
    text = "星河科技的李明博士等3人获得“启航英才”计划支持。"
    assert _triples(text, [XH, ("启航英才", "Programme", [])]) == set()


def test_member_of_an_alliance() -> None:
    text = "星河科技成为“南通市新材料产业联盟”副理事长单位，北辰材料加盟该联盟。"
    specs = [XH, BC, ("南通市新材料产业联盟", "Platform", [])]
    got = _triples(text, specs)
    # "该联盟" is the alliance just named
    assert got == {("MEMBER_OF", "星河科技", "南通市新材料产业联盟"), ("MEMBER_OF", "北辰材料", "南通市新材料产业联盟")}


def test_issued_by_explicit_agency_and_title_of_notice() -> None:
    text = (
        "市政府办公室关于印发南通市科技创新券管理办法的通知\n市科技局会同市财政局联合印发《南通市星火计划实施细则》。\n"
    )
    specs = [
        ("南通市人民政府办公室", "GovernmentAgency", ["市政府办公室"]),
        ("南通市科学技术局", "GovernmentAgency", ["市科技局"]),
        ("南通市财政局", "GovernmentAgency", ["市财政局"]),
        ("《南通市科技创新券管理办法》", "Policy", ["南通市科技创新券管理办法"]),
        ("《南通市星火计划实施细则》", "Policy", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "《南通市科技创新券管理办法》", "南通市人民政府办公室"),
        ("ISSUED_BY", "《南通市星火计划实施细则》", "南通市科学技术局"),
        ("ISSUED_BY", "《南通市星火计划实施细则》", "南通市财政局"),
    }


def test_subjectless_issuing_goes_to_the_issuer_only_after_it_speaks_of_itself() -> None:
    text = (
        "出台了《南通市人才新政十条》，引发广泛关注。\n"
        "我们严格落实主体责任。制定并印发《年度内部审计要点》和《督查清单》。\n"
    )
    specs = [
        ("南通市科学技术局", "GovernmentAgency", ["市科技局"]),
        ("《南通市人才新政十条》", "Policy", []),
        ("《年度内部审计要点》", "Policy", []),
        ("《督查清单》", "Policy", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "《年度内部审计要点》", "南通市科学技术局"),
        ("ISSUED_BY", "《督查清单》", "南通市科学技术局"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "争取与青川大学共建星河智能制造研究院。",
        "力争引进星河科技等龙头企业。",
        "拟由星河科技联合青川大学共建星河智能制造研究院，目前正在开展可行性论证。",
        "星河科技尚未与青川大学签订合作协议。",
    ],
)
def test_intentions_and_negations_give_nothing(text: str) -> None:
    specs = [XH, QC, ("星河智能制造研究院", "ResearchInstitute", [])]
    assert _triples(text, specs) == set()


def test_plan_section_gives_plan_modality_and_report_section_fact() -> None:
    text = (
        "一、2019年工作回顾\n"
        "星河科技与青川大学签署合作协议。\n"
        "二、2020年工作打算\n"
        "推进蓝湾集团与青川大学共建蓝湾海洋研究院。\n"
    )
    doc = make_doc(text)
    entities = make_entities(text, [XH, LW, QC, ("蓝湾海洋研究院", "ResearchInstitute", [])])
    rels, by_id = run(doc, entities)
    modality = {(r.type, by_id[r.head].name): r.modality for r in rels}
    assert len(rels) == 3
    assert modality[("COOPERATES_WITH", "星河科技")] == "fact"
    assert modality[("CO_BUILDS", "蓝湾集团")] == "plan"
    assert modality[("CO_BUILDS", "青川大学")] == "plan"


def test_plan_genre_is_plan_throughout() -> None:
    text = "支持星河科技与青川大学合作建设星河智能制造研究院。"
    doc = make_doc(text, genre="plan")
    rels, _ = run(doc, make_entities(text, [XH, QC, ("星河智能制造研究院", "ResearchInstitute", [])]))
    assert rels and {r.modality for r in rels} == {"plan"}


def test_evidence_offsets_slice_the_original_text_and_year_is_read() -> None:
    text = "前言。\n\n　　2018年，星河科技与青川大学签署战略合作协议，共同建设实验平台。\n"
    doc = make_doc(text)
    rels, _ = run(doc, make_entities(text, [XH, QC]))
    assert len(rels) == 1
    rel = rels[0]
    assert rel.year == 2018
    assert rel.rule == "cooperates.agreement"
    assert 0 < rel.confidence <= 1
    for ev in rel.evidence:
        assert text[ev.start : ev.end] == ev.text
        assert "星河科技" in ev.text


def test_partners_build_what_the_next_clause_names_without_a_plain_cooperation() -> None:
    text = "加强与星河科技、青川大学合作，打造南通知识产权人才培训平台。"
    specs = [XH, QC, NT, ("南通知识产权人才培训平台", "Platform", [])]
    got = _triples(text, specs)
    assert got == {
        ("CO_BUILDS", "南通市", "南通知识产权人才培训平台"),
        ("CO_BUILDS", "星河科技", "南通知识产权人才培训平台"),
        ("CO_BUILDS", "青川大学", "南通知识产权人才培训平台"),
    }


def test_agreement_then_parties_build_together() -> None:
    text = "青川大学与星河科技、云帆海洋技术研究所签署了合作备忘录，决定三方共建海洋装备联合研究中心。"
    specs = [QC, XH, YF, ("海洋装备联合研究中心", "ResearchInstitute", [])]
    got = _triples(text, specs)
    assert got == {
        ("COOPERATES_WITH", "星河科技", "青川大学"),
        ("COOPERATES_WITH", "云帆海洋技术研究所", "青川大学"),
        ("CO_BUILDS", "青川大学", "海洋装备联合研究中心"),
        ("CO_BUILDS", "星河科技", "海洋装备联合研究中心"),
        ("CO_BUILDS", "云帆海洋技术研究所", "海洋装备联合研究中心"),
    }


def test_cooperation_with_an_unnamed_product_is_cooperation() -> None:
    text = "支持星河科技、北辰材料等企业与青川院系合作共建联合研发平台。"
    got = _triples(text, [XH, BC, QC])
    assert got == {("COOPERATES_WITH", "星河科技", "青川大学"), ("COOPERATES_WITH", "北辰材料", "青川大学")}


def test_meeting_with_a_zone_is_not_cooperation() -> None:
    text = "每季度与如皋高新区召开一次联席会议，共谋发展。"
    assert _triples(text, [("如皋高新区", "Platform", [])]) == set()


def test_part_of_stated_and_not_read_off_a_name() -> None:
    text = "云帆海洋技术研究所是青川大学下属的研究机构。北辰材料隶属于蓝湾集团。青川大学如皋技术转移中心正式运行。"
    specs = [YF, QC, BC, LW, ("青川大学如皋技术转移中心", "Platform", [])]
    got = _triples(text, specs)
    assert got == {
        ("PART_OF", "云帆海洋技术研究所", "青川大学"),
        ("PART_OF", "北辰材料", "蓝湾集团"),
    }


def test_institutions_located_by_a_one_character_city_name() -> None:
    text = "支持青川大学、云帆海洋技术研究所等在连高校、科研院所开展成果转化。"
    specs = [QC, YF, ("连云港市", "City", ["连云港"])]
    got = _triples(text, specs, region="连云港市", genre="implementation_scheme", issuer="连云港市人民政府办公室")
    assert got == {
        ("LOCATED_IN", "青川大学", "连云港市"),
        ("LOCATED_IN", "云帆海洋技术研究所", "连云港市"),
    }


def test_passive_builders_and_grants_to_listed_enterprises() -> None:
    text = "星河智能制造研究院由星河科技和青川大学共同组建。对蓝湾集团、北辰材料等企业给予“云帆贷”支持。"
    specs = [("星河智能制造研究院", "ResearchInstitute", []), XH, QC, LW, BC, ("云帆贷", "Programme", [])]
    got = _triples(text, specs)
    assert got == {
        ("CO_BUILDS", "星河科技", "星河智能制造研究院"),
        ("CO_BUILDS", "青川大学", "星河智能制造研究院"),
        ("FUNDED_BY", "蓝湾集团", "云帆贷"),
        ("FUNDED_BY", "北辰材料", "云帆贷"),
    }


def test_directions_are_enforced_by_entity_types() -> None:
    # a city cannot be LOCATED_IN itself, a university is no alliance to be a member of
    text = "已经落户南通。星河科技加入青川大学。"
    assert _triples(text, [NT, XH, QC]) == set()


def test_repeated_relation_is_listed_once_with_all_evidence() -> None:
    text = "星河科技与青川大学开展合作。2020年，星河科技继续与青川大学合作。"
    doc = make_doc(text)
    entities = make_entities(text, [XH, QC])
    _, relations = find_relations(doc, split_sentences(text), entities)
    assert len(relations) == 1
    assert len(relations[0].evidence) == 2
    assert relations[0].year == 2020
    assert merge_relations(relations + relations)[0].evidence == relations[0].evidence


def test_no_region_means_no_implicit_subject() -> None:
    text = "与青川大学签订全面战略合作协议。"
    assert _triples(text, [QC], region=None, issuer=None) == set()


def test_heading_levels() -> None:
    assert heading_level("二、2016年工作打算") == 1.0
    assert heading_level("(三)加强国际合作") == 2.0
    assert heading_level("3.培育高新技术企业") == 3.0
    assert heading_level("主要目标:") == 1.5
    assert heading_level("星河科技与青川大学签署合作协议，共同建设实验平台。") is None


def test_patterns_compile_and_bad_ones_are_refused() -> None:
    lexicon = load_lexicon()
    assert {p.type for p in lexicon.patterns} == {
        "CO_BUILDS",
        "LOCATED_IN",
        "FUNDED_BY",
        "COOPERATES_WITH",
        "INTRODUCES",
        "ISSUED_BY",
        "PART_OF",
        "MEMBER_OF",
    }
    base = {"id": "x", "type": "CO_BUILDS", "head": "subject", "tail": "obj"}
    with pytest.raises(RelationDataError):  # unknown macro
        _compile_pattern({**base, "regex": "(?P<v>{NOPE})(?P<obj>a)"}, {})
    with pytest.raises(RelationDataError):  # the tail role has no group
        _compile_pattern({**base, "regex": "(?P<v>共建)"}, {})
    with pytest.raises(RelationDataError):  # not a relation type of the schema
        _compile_pattern({**base, "type": "KNOWS", "regex": "(?P<v>a)(?P<obj>b)"}, {})


def test_notice_issuing_and_issuer_in_a_relative_clause() -> None:
    text = (
        "按照市政府印发的《南通市创新券管理办法》要求推进工作。\n"
        "现将《南通市星火计划实施细则》印发给你们，请认真贯彻执行。\n"
    )
    specs = [
        ("南通市人民政府", "GovernmentAgency", ["市政府"]),
        ("南通市科学技术局", "GovernmentAgency", ["市科技局"]),
        ("《南通市创新券管理办法》", "Policy", []),
        ("《南通市星火计划实施细则》", "Policy", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "《南通市创新券管理办法》", "南通市人民政府"),
        ("ISSUED_BY", "《南通市星火计划实施细则》", "南通市科学技术局"),
    }


def test_jointly_issued_and_count_phrases_are_not_subjects() -> None:
    text = "市科技局与市财政局共同研究出台《南通市创新券管理办法》。全市共有12家企业获得“云帆贷”贷款。"
    specs = [
        ("南通市科学技术局", "GovernmentAgency", ["市科技局"]),
        ("南通市财政局", "GovernmentAgency", ["市财政局"]),
        ("《南通市创新券管理办法》", "Policy", []),
        ("云帆贷", "Programme", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "《南通市创新券管理办法》", "南通市科学技术局"),
        ("ISSUED_BY", "《南通市创新券管理办法》", "南通市财政局"),
    }


def test_builders_named_in_a_predicate_and_members_joining_as_members() -> None:
    text = (
        "星河智能制造研究院是如皋高新区和青川大学合作共建的新型研发机构。"
        "青川大学作为成员单位加入南通市新材料产业联盟。"
        "由蓝湾集团担任理事长单位的南通市海工装备产业联盟已有成员单位40家。"
    )
    specs = [
        ("星河智能制造研究院", "ResearchInstitute", []),
        ("如皋高新区", "Platform", []),
        QC,
        LW,
        ("南通市新材料产业联盟", "Platform", []),
        ("南通市海工装备产业联盟", "Platform", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("CO_BUILDS", "如皋高新区", "星河智能制造研究院"),
        ("CO_BUILDS", "青川大学", "星河智能制造研究院"),
        ("MEMBER_OF", "青川大学", "南通市新材料产业联盟"),
        ("MEMBER_OF", "蓝湾集团", "南通市海工装备产业联盟"),
    }


def test_introducing_a_source_of_technology_is_not_introducing_the_actor() -> None:
    assert _triples("星河科技引进青川大学的专利技术。", [XH, QC]) == set()
    assert _triples("南通高新区引进星河科技，建设智能制造基地。", [("南通高新区", "Platform", []), XH]) == {
        ("INTRODUCES", "南通高新区", "星河科技")
    }


def test_introducing_people_into_a_zone_is_not_introducing_the_zone_and_member_lists() -> None:
    zone = ("如皋高新区", "Platform", [])
    alliance = ("南通市海工装备产业联盟", "Platform", [])
    assert _triples("引进人才团队入驻如皋高新区。", [zone]) == set()
    got = _triples("南通市海工装备产业联盟成员单位包括星河科技、蓝湾集团等32家。", [alliance, XH, LW])
    assert got == {
        ("MEMBER_OF", "星河科技", "南通市海工装备产业联盟"),
        ("MEMBER_OF", "蓝湾集团", "南通市海工装备产业联盟"),
    }


def test_issuers_side_by_side_before_a_notice_title_on_its_header_line() -> None:
    text = (
        "中共海门县委办公室 海门县人民政府办公室 关于印发《海门县科技人才行动方案》的通知\n"
        "各乡镇：现将《海门县科技人才行动方案》印发给你们。\n"
    )
    specs = [
        ("中共海门县委办公室", "GovernmentAgency", []),
        ("海门县人民政府办公室", "GovernmentAgency", []),
        ("关于印发《海门县科技人才行动方案》的通知", "Policy", []),
        ("《海门县科技人才行动方案》", "Policy", []),
    ]
    doc = make_doc(text, region="海门县", issuer=None)
    rels, by_id = run(doc, make_entities(text, specs))
    got = triples(rels, by_id)
    assert {
        ("ISSUED_BY", "关于印发《海门县科技人才行动方案》的通知", "中共海门县委办公室"),
        ("ISSUED_BY", "关于印发《海门县科技人才行动方案》的通知", "海门县人民政府办公室"),
        ("ISSUED_BY", "《海门县科技人才行动方案》", "中共海门县委办公室"),
        ("ISSUED_BY", "《海门县科技人才行动方案》", "海门县人民政府办公室"),
    } <= got


def test_an_unknown_body_before_a_notice_title_is_no_issuer() -> None:
    text = "海门县某某工作专班 关于印发《海门县科技人才行动方案》的通知\n"
    specs = [
        ("关于印发《海门县科技人才行动方案》的通知", "Policy", []),
        ("《海门县科技人才行动方案》", "Policy", []),
    ]
    doc = make_doc(text, region="海门县", issuer=None)
    rels, by_id = run(doc, make_entities(text, specs))
    assert triples(rels, by_id) == set()
