"""The genre's constructions, one test each, on sentences written for these tests (invented actors)."""

from __future__ import annotations

from ingest.relations import extract_relations
from ingest.sentences import split_sentences
from tests.relations.helpers import EntitySpec, make_doc, make_entities, run, triples

XH = ("星河科技", "Enterprise", [])
LW = ("蓝湾集团", "Enterprise", [])
BC = ("北辰材料", "Enterprise", [])
QC = ("青川大学", "University", [])
HD = ("海东理工学院", "University", [])
YF = ("云帆海洋技术研究所", "ResearchInstitute", [])
NT = ("南通市", "City", ["南通"])
RG = ("如皋市", "City", ["如皋"])
KJJ = ("南通市科学技术局", "GovernmentAgency", ["市科技局"])
CZJ = ("南通市财政局", "GovernmentAgency", ["市财政局"])
ZONE = ("南通高新区", "Platform", ["高新区"])
#: a title line that names the city, so that it can be the implicit subject of what follows
HEAD = "南通市科技局工作总结\n"


def _triples(text: str, specs: list[EntitySpec], **meta: object) -> set[tuple[str, str, str]]:
    doc = make_doc(text, **meta)  # type: ignore[arg-type]
    rels, by_id = run(doc, make_entities(text, specs))
    return triples(rels, by_id)


def test_every_funder_funds_every_listed_recipient_when_money_is_named() -> None:
    text = "市科技局、市财政局等部门安排专项经费，支持星河科技、蓝湾集团、北辰材料等企业研发资金共800万元。"
    got = _triples(text, [KJJ, CZJ, XH, LW, BC])
    assert got == {
        ("FUNDED_BY", e, a) for e in ("星河科技", "蓝湾集团", "北辰材料") for a in ("南通市科学技术局", "南通市财政局")
    }


def test_support_for_building_without_money_is_no_funding() -> None:
    text = "市科技局支持星河科技建设企业研发中心。"
    assert _triples(text, [KJJ, XH]) == set()


def test_each_listed_enterprise_settles_in_the_zone() -> None:
    text = "星河科技、蓝湾集团、北辰材料等3家企业落户南通高新区。"
    got = _triples(text, [XH, LW, BC, ZONE])
    assert got == {("LOCATED_IN", e, "南通高新区") for e in ("星河科技", "蓝湾集团", "北辰材料")}


def test_cooperation_relationship_with_each_listed_institution() -> None:
    text = HEAD + "与青川大学、海东理工学院、云帆海洋技术研究所等高校院所建立了长期合作关系。"
    got = _triples(text, [NT, QC, HD, YF])
    assert got == {
        ("COOPERATES_WITH", "南通市", "青川大学"),
        ("COOPERATES_WITH", "南通市", "海东理工学院"),
        ("COOPERATES_WITH", "云帆海洋技术研究所", "南通市"),
    }


def test_builders_in_a_relative_clause_with_by() -> None:
    text = "由青川大学、星河科技共同建设的青川智能装备研究院正式揭牌。"
    got = _triples(text, [QC, XH, ("青川智能装备研究院", "ResearchInstitute", [])])
    assert got == {
        ("CO_BUILDS", "青川大学", "青川智能装备研究院"),
        ("CO_BUILDS", "星河科技", "青川智能装备研究院"),
    }


def test_a_single_builder_of_a_plain_build_is_no_co_builder() -> None:
    text = "由星河科技建设的星河中试基地投入使用。"
    assert _triples(text, [XH, ("星河中试基地", "Platform", [])]) == set()


def test_joint_frame_then_build_at_a_place() -> None:
    text = "2019年市科技局联合青川大学，在南通高新区共建青川成果转化中心。"
    specs = [KJJ, QC, ZONE, ("青川成果转化中心", "Platform", [])]
    got = _triples(text, specs)
    assert got == {
        ("CO_BUILDS", "南通市科学技术局", "青川成果转化中心"),
        ("CO_BUILDS", "青川大学", "青川成果转化中心"),
        ("LOCATED_IN", "青川成果转化中心", "南通高新区"),
    }


def test_joint_frame_without_a_named_product_is_cooperation() -> None:
    text = "市科技局联合青川大学，在各县区设立科技服务站。"
    assert _triples(text, [KJJ, QC]) == {("COOPERATES_WITH", "南通市科学技术局", "青川大学")}


def test_members_of_a_body() -> None:
    text = (
        "组建以市科技局、市财政局为成员单位的南通市科技金融工作小组。"
        "星河科技、蓝湾集团是南通市新材料产业联盟的理事单位。"
    )
    specs = [
        KJJ,
        CZJ,
        XH,
        LW,
        ("南通市科技金融工作小组", "GovernmentAgency", []),
        ("南通市新材料产业联盟", "Platform", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("MEMBER_OF", "南通市科学技术局", "南通市科技金融工作小组"),
        ("MEMBER_OF", "南通市财政局", "南通市科技金融工作小组"),
        ("MEMBER_OF", "星河科技", "南通市新材料产业联盟"),
        ("MEMBER_OF", "蓝湾集团", "南通市新材料产业联盟"),
    }


def test_notice_title_names_the_issuer_of_the_notice_and_of_what_it_transmits() -> None:
    text = (
        "《南通市人民政府办公室关于印发南通市科技创新券管理办法(2020-2022年)的通知》\n"
        "各县(市)、区人民政府:现将《南通市科技创新券管理办法(2020—2022年)》印发给你们。\n"
        "南通市人民政府办公室\n"
    )
    specs = [
        ("南通市人民政府办公室", "GovernmentAgency", []),
        ("南通市人民政府办公室关于印发南通市科技创新券管理办法(2020-2022年)的通知", "Policy", []),
        ("南通市科技创新券管理办法(2020—2022年)", "Policy", []),
    ]
    got = _triples(text, specs, issuer=None)
    assert got == {
        (
            "ISSUED_BY",
            "南通市人民政府办公室关于印发南通市科技创新券管理办法(2020-2022年)的通知",
            "南通市人民政府办公室",
        ),
        ("ISSUED_BY", "南通市科技创新券管理办法(2020—2022年)", "南通市人民政府办公室"),
    }


def test_a_title_prefix_that_is_no_known_agency_gives_nothing() -> None:
    text = "《星河科技关于申报青川计划的通知》已转发。"
    specs = [XH, ("星河科技关于申报青川计划的通知", "Policy", [])]
    assert _triples(text, specs) == set()


def test_document_titled_as_a_policy_is_issued_by_its_declared_issuer() -> None:
    text = "南通市促进科技成果转化若干措施\n发布机构：南通市科学技术局\n第一条 为促进科技成果转化，制定本措施。\n"
    specs = [("南通市促进科技成果转化若干措施", "Policy", []), ("南通市科学技术局", "GovernmentAgency", [])]
    doc = make_doc(text, genre="implementation_scheme")
    doc.meta.title = "南通市促进科技成果转化若干措施"
    rels, by_id = run(doc, make_entities(text, specs))
    assert triples(rels, by_id) == {("ISSUED_BY", "南通市促进科技成果转化若干措施", "南通市科学技术局")}


def test_agencies_right_before_a_title_issued_it() -> None:
    text = "根据市委、市政府《关于加快建设创新型城市的意见》精神，制定本方案。"
    specs = [
        ("中共南通市委", "GovernmentAgency", ["市委"]),
        ("南通市人民政府", "GovernmentAgency", ["市政府"]),
        ("关于加快建设创新型城市的意见", "Policy", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "关于加快建设创新型城市的意见", "中共南通市委"),
        ("ISSUED_BY", "关于加快建设创新型城市的意见", "南通市人民政府"),
    }


def test_actor_settled_at_a_place() -> None:
    text = "云帆海洋技术研究所在如皋正式揭牌，北辰材料在南通高新区内的孵化楼办公。"
    got = _triples(text, [YF, RG, BC, ZONE])
    assert got == {("LOCATED_IN", "云帆海洋技术研究所", "如皋市")}


def test_actor_inside_a_zone() -> None:
    text = "南通高新区内的星河科技获评省级示范企业。"
    assert _triples(text, [ZONE, XH]) == {("LOCATED_IN", "星河科技", "南通高新区")}


def test_obtaining_a_named_programme_and_receiving_funds() -> None:
    text = "蓝湾集团获得2019年度“启航计划”。云帆海洋技术研究所受市科技局专项资金资助。"
    specs = [LW, YF, KJJ, ("启航计划", "Programme", [])]
    got = _triples(text, specs)
    assert got == {
        ("FUNDED_BY", "蓝湾集团", "启航计划"),
        ("FUNDED_BY", "云帆海洋技术研究所", "南通市科学技术局"),
    }


def test_money_secured_from_a_named_fund_is_a_fact_and_a_plain_attempt_is_not() -> None:
    text = HEAD + "全年争取“海燕专项资金”500万元。力争获得“启航计划”支持。"
    specs = [NT, ("海燕专项资金", "Programme", []), ("启航计划", "Programme", [])]
    assert _triples(text, specs) == {("FUNDED_BY", "南通市", "海燕专项资金")}


def test_listed_institutes_newly_brought_in() -> None:
    text = HEAD + "新引育云帆海洋技术研究所、青川大学南通研究院等一批高水平研发机构。"
    specs = [NT, YF, ("青川大学南通研究院", "ResearchInstitute", [])]
    got = _triples(text, specs)
    assert got == {("INTRODUCES", "南通市", "云帆海洋技术研究所"), ("INTRODUCES", "南通市", "青川大学南通研究院")}


def test_signing_an_institute_is_introducing_it_after_an_intention_of_another_clause() -> None:
    text = HEAD + "积极争创省级示范城市，成功签约云帆海洋技术研究所，力争引进星河科技。"
    got = _triples(text, [NT, YF, XH])
    assert got == {("INTRODUCES", "南通市", "云帆海洋技术研究所")}


def test_branch_of_a_named_parent_and_units_set_under_a_body() -> None:
    text = "青川大学的青川大学如皋分院已投入运行。南通高新区下设星河孵化器、蓝湾众创空间。"
    specs = [
        QC,
        ("青川大学如皋分院", "ResearchInstitute", []),
        ZONE,
        ("星河孵化器", "Platform", []),
        ("蓝湾众创空间", "Platform", []),
    ]
    got = _triples(text, specs)
    assert got == {
        ("PART_OF", "青川大学如皋分院", "青川大学"),
        ("PART_OF", "星河孵化器", "南通高新区"),
        ("PART_OF", "蓝湾众创空间", "南通高新区"),
    }


def test_owner_of_a_non_branch_is_no_parent() -> None:
    text = "青川大学的云帆海洋技术研究所团队获奖。"
    assert _triples(text, [QC, YF]) == set()


def test_agreement_named_by_its_title() -> None:
    text = "星河科技与青川大学签署了《星河科技青川大学全面合作协议》。"
    specs = [XH, QC, ("星河科技青川大学全面合作协议", "Policy", [])]
    assert _triples(text, specs) == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_an_agreed_intention_is_cooperation_and_talks_are_not() -> None:
    text = HEAD + "与青川大学达成共建研究院的合作意向；与海东理工学院洽谈合作。"
    got = _triples(text, [NT, QC, HD])
    assert got == {("COOPERATES_WITH", "南通市", "青川大学")}


def test_joint_research_is_cooperation_and_co_handling_by_agencies_is_not() -> None:
    text = "星河科技与青川大学教授团队共同研发新型复合材料。市科技局与市财政局共同研究办理该提案。"
    got = _triples(text, [XH, QC, KJJ, CZJ])
    assert got == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_leading_the_formation_of_an_alliance_is_building_it() -> None:
    text = HEAD + "牵头组建了南通市海工装备产业技术创新战略联盟。"
    got = _triples(text, [NT, ("南通市海工装备产业技术创新战略联盟", "Platform", [])])
    assert got == {("CO_BUILDS", "南通市", "南通市海工装备产业技术创新战略联盟")}


def test_a_name_modifying_a_noun_is_not_what_the_partners_build() -> None:
    text = "星河科技与青川大学合作，打造长三角科创走廊重要节点。"
    got = _triples(text, [XH, QC, ("长三角科创走廊", "Platform", [])])
    assert got == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_the_place_of_a_signing_is_no_partner() -> None:
    text = "星河科技与青川大学在如皋签订技术合作协议。"
    assert _triples(text, [XH, QC, RG]) == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_evidence_and_implicit_subject_of_a_construction() -> None:
    text = HEAD + "与青川大学签订了战略合作协议。"
    doc = make_doc(text)
    entities = make_entities(text, [NT, QC])
    relations = [r for r in extract_relations(doc, split_sentences(text), entities).relations if r.source == "text"]
    assert len(relations) == 1
    ev = relations[0].evidence[0]
    assert text[ev.start : ev.end] == ev.text and "青川大学" in ev.text
    assert relations[0].modality == "fact"


def test_an_anaphor_stands_for_the_last_fitting_actor_named_before_it() -> None:
    text = "青川智能装备研究院在如皋揭牌。该研究院由青川大学、星河科技共同组建。该企业另有任务。"
    specs = [QC, XH, RG, ("青川智能装备研究院", "ResearchInstitute", [])]
    got = _triples(text, specs)
    assert got == {
        ("LOCATED_IN", "青川智能装备研究院", "如皋市"),
        ("CO_BUILDS", "青川大学", "青川智能装备研究院"),
        ("CO_BUILDS", "星河科技", "青川智能装备研究院"),
    }


def test_an_anaphor_without_a_fitting_antecedent_is_nothing() -> None:
    text = "星河科技在如皋揭牌。该研究院由青川大学、蓝湾集团共同组建。"
    assert _triples(text, [XH, RG, QC, LW]) == {("LOCATED_IN", "星河科技", "如皋市")}


def test_a_notice_cited_in_the_text_states_no_issuer_by_its_title_alone() -> None:
    filler = "全年围绕重点工作推进落实，取得较好成效。" * 20
    text = HEAD + filler + "认真落实《南通市人民政府关于加快科技服务业发展的意见》。"
    specs = [
        ("南通市人民政府", "GovernmentAgency", ["南通市人民政府办公会"]),
        ("南通市人民政府关于加快科技服务业发展的意见", "Policy", []),
    ]
    assert _triples(text + "南通市人民政府办公会研究部署。", specs) == set()


def test_funds_disbursed_to_listed_recipients_and_headquarters_located() -> None:
    text = "市科技局向星河科技、蓝湾集团拨付研发补助资金120万元。北辰材料总部位于南通高新区。"
    got = _triples(text, [KJJ, XH, LW, BC, ZONE])
    assert got == {
        ("FUNDED_BY", "星河科技", "南通市科学技术局"),
        ("FUNDED_BY", "蓝湾集团", "南通市科学技术局"),
        ("LOCATED_IN", "北辰材料", "南通高新区"),
    }


def test_an_enterprise_signing_an_actor_does_not_introduce_it() -> None:
    text = "星河科技签约云帆海洋技术研究所。"
    assert _triples(text, [XH, YF]) == set()


def test_parties_listed_before_signing_at_a_place_each_cooperate() -> None:
    text = "南通市人民政府、星河科技、青川大学在如皋签署《三方战略合作框架协议》。"
    specs = [("南通市人民政府", "GovernmentAgency", []), XH, QC, RG, ("三方战略合作框架协议", "Policy", [])]
    got = _triples(text, specs)
    assert got == {
        ("COOPERATES_WITH", "南通市人民政府", "星河科技"),
        ("COOPERATES_WITH", "南通市人民政府", "青川大学"),
        ("COOPERATES_WITH", "星河科技", "青川大学"),
    }


def test_parties_of_a_meeting_then_signing_cooperate() -> None:
    text = "星河科技与青川大学在如皋举行技术对接会，并签署了《产学研合作协议书》。"
    specs = [XH, QC, RG, ("产学研合作协议书", "Policy", [])]
    assert _triples(text, specs) == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_money_to_be_sought_in_a_plan_is_an_intention() -> None:
    text = HEAD + "二、2017年工作打算\n全年争取“海燕专项资金”500万元。"
    assert _triples(text, [NT, ("海燕专项资金", "Programme", [])]) == set()


def test_a_branch_set_up_by_its_parent_is_part_of_it_and_located_where_set_up() -> None:
    text = "青川大学在如皋设立的青川大学如皋分中心正式运行。"
    specs = [QC, RG, ("青川大学如皋分中心", "ResearchInstitute", [])]
    got = _triples(text, specs)
    assert ("PART_OF", "青川大学如皋分中心", "青川大学") in got


def test_a_new_partnership_signed() -> None:
    text = "蓝湾集团牵手海东理工学院签订技术合作协议。"
    assert _triples(text, [LW, HD]) == {("COOPERATES_WITH", "海东理工学院", "蓝湾集团")}


def test_a_notice_cited_near_the_top_is_not_the_documents_own() -> None:
    text = (
        "为做好申报工作，根据《南通市人民政府关于加快科技服务业发展的意见》要求，现通知如下。\n"
        "南通市人民政府办公会研究。"
    )
    specs = [
        ("南通市人民政府", "GovernmentAgency", ["南通市人民政府办公会"]),
        ("南通市人民政府关于加快科技服务业发展的意见", "Policy", []),
    ]
    assert _triples(text, specs) == set()


def test_a_header_line_with_its_document_number_is_the_documents_own_title() -> None:
    text = "通政办发〔2020〕8号《南通市人民政府办公室关于印发创新券办法的通知》\n南通市人民政府办公室\n"
    specs = [
        ("南通市人民政府办公室", "GovernmentAgency", []),
        ("南通市人民政府办公室关于印发创新券办法的通知", "Policy", []),
    ]
    got = _triples(text, specs, issuer=None)
    assert got == {("ISSUED_BY", "南通市人民政府办公室关于印发创新券办法的通知", "南通市人民政府办公室")}


def test_leading_the_building_of_a_park_is_co_building() -> None:
    # the team's genre gold (tests/gold_genre) annotates 牵头建设 as CO_BUILDS: the leader builds with others
    text = "青川大学牵头建设青川大学科技园。"
    park = ("青川大学科技园", "Platform", [])
    assert _triples(text, [QC, park]) == {("CO_BUILDS", "青川大学", "青川大学科技园")}
    # a plain build by one actor is not
    assert _triples("青川大学建设青川大学科技园。", [QC, park]) == set()


def test_places_in_parentheses_and_of_an_unveiling() -> None:
    text = "北辰材料(位于南通高新区)主营新材料。在如皋揭牌成立云帆海洋技术研究所。"
    got = _triples(text, [BC, ZONE, RG, YF])
    assert got == {("LOCATED_IN", "北辰材料", "南通高新区"), ("LOCATED_IN", "云帆海洋技术研究所", "如皋市")}


def test_a_unit_of_an_actor_acts_for_it() -> None:
    text = "青川大学科技处与星河科技签订技术合作协议。"
    assert _triples(text, [QC, XH]) == {("COOPERATES_WITH", "星河科技", "青川大学")}


def test_subject_less_sentences_under_an_actors_heading_speak_of_that_actor() -> None:
    text = HEAD + "（一）星河科技\n与青川大学签订技术合作协议。\n（二）科技服务\n与海东理工学院签订合作协议。\n"
    got = _triples(text, [NT, XH, QC, HD])
    assert got == {("COOPERATES_WITH", "星河科技", "青川大学"), ("COOPERATES_WITH", "南通市", "海东理工学院")}


def test_a_programme_project_applied_for_successfully_is_funding_and_a_plain_application_is_not() -> None:
    text = (
        "星河科技成功申请国家重点研发计划“深海装备专项”海洋传感器示范项目。"
        "蓝湾集团申请国家重点研发计划“深海装备专项”项目。"
    )
    specs = [XH, LW, ("深海装备专项", "Programme", [])]
    assert _triples(text, specs) == {("FUNDED_BY", "星河科技", "深海装备专项")}


def test_an_actor_opening_a_larger_unrecognised_name_is_not_what_is_built() -> None:
    text = HEAD + "与青川大学深化合作,共建青川大学南通校区,共建海洋材料联合实验室。"
    got = _triples(text, [NT, QC, ("海洋材料联合实验室", "Platform", [])])
    assert ("CO_BUILDS", "南通市", "青川大学") not in got
    assert ("CO_BUILDS", "南通市", "海洋材料联合实验室") in got


def test_a_zone_stated_as_the_core_area_of_a_larger_zone_is_part_of_it() -> None:
    text = "南通高新区作为沿海科创走廊(以下简称科创走廊)核心区,加快集聚创新资源。"
    got = _triples(text, [ZONE, ("沿海科创走廊", "Platform", ["科创走廊"])])
    assert got == {("PART_OF", "南通高新区", "沿海科创走廊")}


# --- genre constructions of issue 15 (sentences written for these tests) -----------------------

ZONE2 = ("崇川科技园", "Platform", [])
CITYSCI = ("青川科学城", "Platform", [])
ALLIANCE = ("南通新材料产业联盟", "Platform", [])
GROUP = ("南通市科技创新工作领导小组", "GovernmentAgency", [])
PROG = ("南通市科技计划", "Programme", [])
CENTER = ("青川技术转移中心", "Platform", [])
CC = ("南通市崇川区", "District", ["崇川区"])


def test_an_agreement_to_co_build_a_named_centre_names_its_builders() -> None:
    text = "青川大学与市科技局、崇川区签订了“青川技术转移中心合作共建协议”。"
    got = _triples(text, [QC, KJJ, CC, CENTER])
    assert got == {("CO_BUILDS", b, "青川技术转移中心") for b in ("青川大学", "南通市科学技术局", "南通市崇川区")}


def test_a_plain_cooperation_agreement_without_product_stays_cooperation() -> None:
    text = "青川大学与市科技局签订了产学研合作协议。"
    assert _triples(text, [QC, KJJ]) == {("COOPERATES_WITH", "南通市科学技术局", "青川大学")}


def test_unnamed_companions_leave_the_named_subject_the_issuer() -> None:
    specs = [("中共南通市委员会", "GovernmentAgency", ["市委"]), ("南通市人民政府", "GovernmentAgency", ["市政府"])]
    specs.append(("《南通市海洋产业行动方案》", "Policy", []))
    text = "市委市政府联合国家有关部委印发了《南通市海洋产业行动方案》。"
    got = _triples(text, specs)
    assert got == {
        ("ISSUED_BY", "《南通市海洋产业行动方案》", "中共南通市委员会"),
        ("ISSUED_BY", "《南通市海洋产业行动方案》", "南通市人民政府"),
    }


def test_a_parenthesis_after_the_subject_is_part_of_its_name() -> None:
    text = "青川智能研究院(海东分院)位于南通高新区。"
    specs = [("青川智能研究院", "ResearchInstitute", []), ("海东分院", "ResearchInstitute", []), ZONE]
    assert _triples(text, specs) == {("LOCATED_IN", "青川智能研究院", "南通高新区")}


def test_site_chosen_and_described_location() -> None:
    assert _triples("云帆海洋技术研究所选址南通高新区。", [YF, ZONE]) == {
        ("LOCATED_IN", "云帆海洋技术研究所", "南通高新区")
    }
    assert _triples("星河科技是一家位于南通高新区的高新技术企业。", [XH, ZONE]) == {
        ("LOCATED_IN", "星河科技", "南通高新区")
    }


def test_a_zone_of_the_enterprise_is_no_location_without_a_cue() -> None:
    assert _triples("南通高新区星河科技获评省级专精特新企业。", [XH, ZONE]) == set()


def test_money_allocated_to_a_recipient_by_the_subject() -> None:
    text = "市科技局下达星河科技、蓝湾集团项目经费100万元。"
    got = _triples(text, [KJJ, XH, LW])
    assert got == {("FUNDED_BY", e, "南通市科学技术局") for e in ("星河科技", "蓝湾集团")}


def test_support_given_through_a_programme() -> None:
    text = "通过南通市科技计划,支持星河科技、蓝湾集团开展技术攻关。"
    got = _triples(text, [PROG, XH, LW])
    assert got == {("FUNDED_BY", e, "南通市科技计划") for e in ("星河科技", "蓝湾集团")}


def test_funders_support_with_money_in_the_next_clause() -> None:
    text = "市科技局、市财政局累计支持星河科技、蓝湾集团等企业实施科技项目30余项,支持资金2000万元。"
    got = _triples(text, [KJJ, CZJ, XH, LW])
    assert got == {("FUNDED_BY", e, a) for e in ("星河科技", "蓝湾集团") for a in ("南通市科学技术局", "南通市财政局")}


def test_support_with_money_elsewhere_in_the_sentence_is_no_funding() -> None:
    text = "市科技局支持星河科技建设研发中心,全市研发投入达到50亿元。"
    assert _triples(text, [KJJ, XH]) == set()


def test_a_grant_toward_a_recipients_project() -> None:
    text = "市科技局对星河科技的项目给予200万元资助。"
    assert _triples(text, [KJJ, XH]) == {("FUNDED_BY", "星河科技", "南通市科学技术局")}


def test_zone_made_of_named_parts() -> None:
    want = {("PART_OF", "南通高新区", "青川科学城"), ("PART_OF", "崇川科技园", "青川科学城")}
    assert _triples("青川科学城包括南通高新区、崇川科技园等片区。", [CITYSCI, ZONE, ZONE2]) == want
    assert _triples("青川科学城由南通高新区、崇川科技园两个片区组成。", [CITYSCI, ZONE, ZONE2]) == want
    assert _triples("南通高新区、崇川科技园为青川科学城的核心区。", [CITYSCI, ZONE, ZONE2]) == want


def test_core_area_in_apposition() -> None:
    text = "加快建设青川科学城的核心区南通高新区。"
    assert _triples(text, [CITYSCI, ZONE]) == {("PART_OF", "南通高新区", "青川科学城")}


def test_sub_platform_of_a_centre() -> None:
    specs = [("星河南通分中心", "Platform", []), ("星河国家工程中心", "Platform", [])]
    text = "星河南通分中心作为星河国家工程中心的子平台,已投入运行。"
    assert _triples(text, specs) == {("PART_OF", "星河南通分中心", "星河国家工程中心")}


def test_founding_members_named_after_the_founding() -> None:
    text = "南通新材料产业联盟正式成立,星河科技、青川大学等30家单位成为首批会员。"
    got = _triples(text, [ALLIANCE, XH, QC])
    assert got == {("MEMBER_OF", "星河科技", "南通新材料产业联盟"), ("MEMBER_OF", "青川大学", "南通新材料产业联盟")}


def test_member_units_listed_after_the_body() -> None:
    text = "成立南通市科技创新工作领导小组,成员单位包括市科技局、市财政局等15个部门。"
    got = _triples(text, [GROUP, KJJ, CZJ])
    assert got == {
        ("MEMBER_OF", "南通市科学技术局", "南通市科技创新工作领导小组"),
        ("MEMBER_OF", "南通市财政局", "南通市科技创新工作领导小组"),
    }


def test_residents_a_zone_has_taken_in() -> None:
    text = "南通高新区已入驻星河科技、蓝湾集团等企业50家。"
    assert _triples(text, [XH, LW, ZONE]) == {("LOCATED_IN", e, "南通高新区") for e in ("星河科技", "蓝湾集团")}
    # the plain order is not read backwards
    lab = ("青川实验室", "Platform", [])
    assert _triples("青川实验室已入驻南通高新区。", [lab, ZONE]) == {("LOCATED_IN", "青川实验室", "南通高新区")}


def test_signatories_bodies_named_before_them_cooperate() -> None:
    text = "青川大学校长张三,云帆海洋技术研究所所长李四代表双方签订科技合作框架协议。"
    assert _triples(text, [QC, YF]) == {("COOPERATES_WITH", "云帆海洋技术研究所", "青川大学")}


def test_parties_of_a_meeting_sign_in_the_next_clause_without_and() -> None:
    gov = ("南通市人民政府", "GovernmentAgency", ["市政府"])
    text = "市政府与青川大学在南通举行会谈,签署全面战略合作框架协议。"
    assert _triples(text, [gov, QC, NT]) == {("COOPERATES_WITH", "南通市人民政府", "青川大学")}


def test_a_meeting_without_a_signing_is_no_cooperation() -> None:
    gov = ("南通市人民政府", "GovernmentAgency", ["市政府"])
    assert _triples("市政府与青川大学在南通举行会谈,交流人才工作。", [gov, QC, NT]) == set()


def test_strengthened_cooperation_with_a_named_partner() -> None:
    text = "南通市将进一步加强与青川大学的协同创新。"
    assert _triples(text, [NT, QC]) == {("COOPERATES_WITH", "南通市", "青川大学")}
    assert _triples("南通市将进一步加强与高校院所的协同创新。", [NT]) == set()


def test_a_standing_mechanism_with_a_partner_is_cooperation() -> None:
    text = "市科技局将与青川大学建立长效对接机制,支持大学科技园建设。"
    assert _triples(text, [KJJ, QC]) == {("COOPERATES_WITH", "南通市科学技术局", "青川大学")}
    assert _triples("市科技局将完善项目管理机制。", [KJJ]) == set()


def test_a_city_written_before_its_district_only_says_where_the_district_is() -> None:
    district = ("南通市海门区", "District", ["海门区"])
    text = "推动云帆海洋技术研究所与南通海门区建立常态化对接机制。"
    assert _triples(text, [YF, NT, district]) == {("COOPERATES_WITH", "云帆海洋技术研究所", "南通市海门区")}
    # with the level word between the two mentions
    text = "推动云帆海洋技术研究所与南通市海门区建立常态化对接机制。"
    assert _triples(text, [YF, ("南通", "City", []), ("海门区", "District", [])]) == {
        ("COOPERATES_WITH", "云帆海洋技术研究所", "海门区")
    }


def test_builders_counted_after_their_list() -> None:
    inst = ("青川智能装备研究院", "ResearchInstitute", [])
    builders = ("南通市", "星河科技", "青川大学")
    expected = {("CO_BUILDS", b, "青川智能装备研究院") for b in builders}
    text = "青川智能装备研究院由南通市、星河科技、青川大学三方共建。"
    assert _triples(text, [NT, XH, QC, inst]) == expected
    text = "由南通市、星河科技和青川大学三方共同建设的青川智能装备研究院揭牌。"
    assert _triples(text, [NT, XH, QC, inst]) == expected


def test_partners_forming_a_body_together() -> None:
    lab = ("青川联合实验室", "Platform", [])
    text = "星河科技与青川大学、云帆海洋技术研究所组建青川联合实验室。"
    assert _triples(text, [XH, QC, YF, lab]) == {
        ("CO_BUILDS", b, "青川联合实验室") for b in ("星河科技", "青川大学", "云帆海洋技术研究所")
    }


def test_what_the_partners_agree_on_is_no_partner() -> None:
    inst = ("青川智能装备研究院", "ResearchInstitute", [])
    text = "南通市与青川大学就共建青川智能装备研究院签署合作协议。"
    assert _triples(text, [NT, QC, inst]) == {
        ("COOPERATES_WITH", "南通市", "青川大学"),
        ("CO_BUILDS", "南通市", "青川智能装备研究院"),
        ("CO_BUILDS", "青川大学", "青川智能装备研究院"),
    }
    text = "南通市与青川大学共建青川智能装备研究院签约仪式举行。"
    assert ("COOPERATES_WITH", "南通市", "青川智能装备研究院") not in _triples(text, [NT, QC, inst])


def test_the_header_title_of_a_notice_with_its_number_cut_off() -> None:
    notice = ("关于印发《南通市科技工作要点》的通知", "Policy", [])
    plan = ("南通市科技工作要点", "Policy", [])
    text = (
        "南科发〔2022〕3号:关于印发《南通市科技工作要点》的通知\n各有关单位:\n现将《南通市科技工作要点》印发给你们。\n"
    )
    doc = make_doc(text)
    doc.meta.title = ":关于印发《南通市科技工作要点》的通知"
    rels, by_id = run(doc, make_entities(text, [notice, plan, KJJ]))
    assert ("ISSUED_BY", "关于印发《南通市科技工作要点》的通知", "南通市科学技术局") in triples(rels, by_id)


def test_a_programme_supporting_named_actors_funds_them() -> None:
    scheme = ("南通英才计划", "Programme", [])
    text = "南通英才计划支持星河科技、蓝湾集团等企业开展技术攻关。"
    assert _triples(text, [scheme, XH, LW]) == {
        ("FUNDED_BY", "星河科技", "南通英才计划"),
        ("FUNDED_BY", "蓝湾集团", "南通英才计划"),
    }


def test_a_zone_that_has_named_residents() -> None:
    text = "南通高新区拥有星河科技、蓝湾集团等一批龙头企业。"
    assert _triples(text, [ZONE, XH, LW]) == {("LOCATED_IN", e, "南通高新区") for e in ("星河科技", "蓝湾集团")}


def test_an_actor_investing_in_a_place_builds_there() -> None:
    lab = ("青川联合实验室", "Platform", [])
    text = "星河科技在南通高新区投资建设青川联合实验室。"
    assert _triples(text, [XH, ZONE, lab]) == {("LOCATED_IN", "青川联合实验室", "南通高新区")}


def test_pairs_signing_separately_each_cooperate() -> None:
    text = "会上,星河科技与青川大学、蓝湾集团与云帆海洋技术研究所分别签约。"
    assert _triples(text, [XH, QC, LW, YF]) == {
        ("COOPERATES_WITH", "星河科技", "青川大学"),
        ("COOPERATES_WITH", "云帆海洋技术研究所", "蓝湾集团"),
    }


def test_a_technology_contract_is_cooperation() -> None:
    text = "星河科技与青川大学签订了“产学研合作技术合同”,蓝湾集团与云帆海洋技术研究所签署技术转让合同。"
    assert _triples(text, [XH, QC, LW, YF]) == {
        ("COOPERATES_WITH", "星河科技", "青川大学"),
        ("COOPERATES_WITH", "云帆海洋技术研究所", "蓝湾集团"),
    }
    assert _triples("星河科技与蓝湾集团签订购销合同。", [XH, LW]) == set()


def test_a_leader_and_the_partners_it_joins_build_together() -> None:
    lab = ("青川联合实验室", "Platform", [])
    text = "据悉,青川联合实验室由星河科技牵头,联合青川大学、云帆海洋技术研究所共同组建。"
    expected = {("CO_BUILDS", b, "青川联合实验室") for b in ("星河科技", "青川大学", "云帆海洋技术研究所")}
    assert _triples(text, [lab, XH, QC, YF]) == expected
    # the body built is no partner of those who build it
    text = "青川联合实验室由星河科技牵头,联合青川大学等10家单位组建。"
    assert _triples(text, [lab, XH, QC]) == {("CO_BUILDS", b, "青川联合实验室") for b in ("星河科技", "青川大学")}


def test_a_partner_named_as_such() -> None:
    text = "星河科技、蓝湾集团成为青川大学的战略合作伙伴。"
    assert _triples(text, [XH, LW, QC]) == {
        ("COOPERATES_WITH", "星河科技", "青川大学"),
        ("COOPERATES_WITH", "蓝湾集团", "青川大学"),
    }


def test_a_heading_that_names_its_speaker_before_a_colon() -> None:
    lab = ("青川联合实验室", "Platform", [])
    text = "星河科技:与青川大学共建青川联合实验室\n"
    assert _triples(text, [XH, QC, lab]) == {("CO_BUILDS", b, "青川联合实验室") for b in ("星河科技", "青川大学")}


def test_members_counted_then_listed() -> None:
    alliance = ("南通新材料产业联盟", "Platform", [])
    text = "南通新材料产业联盟现有成员单位30家,包括星河科技、蓝湾集团等。"
    expected = {("MEMBER_OF", e, "南通新材料产业联盟") for e in ("星河科技", "蓝湾集团")}
    assert _triples(text, [alliance, XH, LW]) == expected


def test_members_named_after_the_founding() -> None:
    alliance = ("南通新材料产业联盟", "Platform", [])
    text = "星河科技牵头成立南通新材料产业联盟,青川大学、蓝湾集团等20家单位为成员单位。"
    got = _triples(text, [alliance, XH, QC, LW])
    assert {("MEMBER_OF", e, "南通新材料产业联盟") for e in ("青川大学", "蓝湾集团")} <= got
    assert ("MEMBER_OF", "星河科技", "南通新材料产业联盟") not in got


def test_an_agency_and_the_one_it_joins_both_issue() -> None:
    policy = ("南通市科技创新券管理办法", "Policy", [])
    text = "市科技局联合市财政局出台《南通市科技创新券管理办法》。"
    assert _triples(text, [KJJ, CZJ, policy]) == {
        ("ISSUED_BY", "南通市科技创新券管理办法", "南通市科学技术局"),
        ("ISSUED_BY", "南通市科技创新券管理办法", "南通市财政局"),
    }


def test_what_newly_settled_in_the_subject() -> None:
    text = HEAD + "新落户云帆海洋技术研究所等研发机构3家。"
    assert _triples(text, [NT, YF]) == {("LOCATED_IN", "云帆海洋技术研究所", "南通市")}
    text = "南通高新区新入驻星河科技、蓝湾集团等企业20家。"
    assert _triples(text, [ZONE, XH, LW]) == {("LOCATED_IN", e, "南通高新区") for e in ("星河科技", "蓝湾集团")}


def test_the_head_noun_of_a_relative_clause_is_what_the_next_clause_speaks_of() -> None:
    inst = ("青川智能装备研究院", "ResearchInstitute", [])
    text = "南通市与青川大学合作共建的青川智能装备研究院,位于南通高新区。"
    got = _triples(text, [NT, QC, inst, ZONE])
    assert ("LOCATED_IN", "青川智能装备研究院", "南通高新区") in got
    assert not any(t[0] == "LOCATED_IN" and t[1] in ("南通市", "青川大学") for t in got)


def test_support_through_a_programme_and_by_approved_projects() -> None:
    scheme = ("南通英才计划", "Programme", [])
    text = "我局通过南通英才计划对星河科技给予支持。"
    assert _triples(text, [scheme, XH]) == {("FUNDED_BY", "星河科技", "南通英才计划")}
    text = "2021年,市科技局共立项支持星河科技、蓝湾集团等企业项目15个。"
    assert _triples(text, [KJJ, XH, LW]) == {("FUNDED_BY", e, "南通市科学技术局") for e in ("星河科技", "蓝湾集团")}


def test_the_units_an_institution_has() -> None:
    inst = ("青川智能装备研究院", "ResearchInstitute", [])
    lab = ("青川联合实验室", "Platform", [])
    text = "青川智能装备研究院设有青川联合实验室、云帆海洋技术研究所等5个研究所。"
    assert _triples(text, [inst, lab, YF]) == {
        ("PART_OF", "青川联合实验室", "青川智能装备研究院"),
        ("PART_OF", "云帆海洋技术研究所", "青川智能装备研究院"),
    }
    # a zone that has a lab is where the lab is, not its parent
    assert _triples("南通高新区设有青川联合实验室。", [ZONE, lab]) == set()


def test_a_zone_made_of_parks() -> None:
    park = ("南通海洋科技园", "Platform", [])
    text = "南通高新区包括南通海洋科技园等园区。"
    assert _triples(text, [ZONE, park]) == {("PART_OF", "南通海洋科技园", "南通高新区")}


def test_leading_the_building_and_running_of_a_park_is_co_building() -> None:
    park = ("青川大学科技园", "Platform", [])
    assert _triples("青川大学牵头建设运营青川大学科技园。", [QC, park]) == {("CO_BUILDS", "青川大学", "青川大学科技园")}
    assert _triples("青川大学负责运营青川大学科技园。", [QC, park]) == set()


def test_a_place_counting_unnamed_partners_is_no_partner() -> None:
    # "与如皋市12家企业签约": the companies signed, and they are not named; 如皋 only says where they are
    rg = ("如皋市", "City", [])
    assert _triples("青川大学与如皋市12家企业签订技术合作协议。", [QC, rg]) == set()
    got = _triples("青川大学与如皋市签订技术合作协议。", [QC, rg])
    assert {(t, *sorted((h, e))) for t, h, e in got} == {("COOPERATES_WITH", "如皋市", "青川大学")}


def test_a_branch_stated_in_a_later_clause_of_its_sentence() -> None:
    got = _triples("云帆海洋技术研究所位于如皋,是青川大学的派出机构。", [YF, RG, QC])
    assert ("PART_OF", "云帆海洋技术研究所", "青川大学") in got
    # the jurisdiction of a report is never the branch ("我市是…的组成部分" names no actor)
    zone = ("南通高新区", "Platform", [])
    assert not any(t == "PART_OF" for t, _, _ in _triples("我市是南通高新区的组成部分。", [zone]))
