"""Constructions of the genre that named actors hide in (issue 15, entity recall on unseen
documents). Every sentence is written for these tests; the actors are invented."""

from __future__ import annotations

from ingest.pipeline import extract_document
from tests.extract.helpers import by_type, entities, make_doc


def test_national_key_lab_is_named_by_its_field() -> None:
    ents = entities("青松大学建设星海材料绿色高值利用全国重点实验室。")
    assert "星海材料绿色高值利用全国重点实验室" in by_type(ents, "Platform")


def test_field_of_a_national_lab_may_hold_a_coordinator() -> None:
    ents = entities("依托柔性电子与智能感知国家重点实验室开展联合攻关。")
    assert set(by_type(ents, "Platform")) == {"柔性电子与智能感知国家重点实验室"}


def test_coordinator_between_two_labs_still_coordinates() -> None:
    ents = entities("推进青松实验室及深海传感全国重点实验室建设。")
    assert set(by_type(ents, "Platform")) == {"青松实验室", "深海传感全国重点实验室"}


def test_a_place_before_the_coordinator_is_its_own_name() -> None:
    ents = entities("苏州市与柔性传感全国重点实验室签约。")
    assert set(by_type(ents, "Platform")) == {"柔性传感全国重点实验室"}


def test_national_designations_without_a_field_stay_generic() -> None:
    ents = entities("新获批国家重点实验室3家、国家工程研究中心2家。")
    assert by_type(ents, "Platform") == {}


def test_field_noun_ending_in_a_verb_is_no_boundary() -> None:
    ents = entities("组建国家深海资源综合利用技术创新中心。")
    assert "国家深海资源综合利用技术创新中心" in by_type(ents, "Platform")


def test_verb_before_a_place_is_not_part_of_the_name() -> None:
    ents = entities("全力服务北京星湖应用数学研究院发展。")
    assert set(by_type(ents, "ResearchInstitute")) == {"北京星湖应用数学研究院"}


def test_verb_before_a_place_keeps_names_that_contain_it() -> None:
    ents = entities("建设苏州青松综合服务平台。")
    assert "苏州青松综合服务平台" in by_type(ents, "Platform")


def test_product_of_a_co_building_is_named_by_its_field() -> None:
    ents = entities("青松大学与苏州市共建智能感知研究院。")
    assert "智能感知研究院" in by_type(ents, "ResearchInstitute")


def test_product_of_a_co_building_needs_a_field() -> None:
    ents = entities("支持企业与高校共建专业研究所，共建市级企业研究院。")
    assert by_type(ents, "ResearchInstitute") == {}


def test_field_institute_without_a_build_verb_stays_generic() -> None:
    ents = entities("鼓励企业设立先进制造研究院。")
    assert by_type(ents, "ResearchInstitute") == {}


def test_issuer_of_the_header_is_an_actor() -> None:
    doc = make_doc("发布机构:青松市教育局\n一、基本情况\n我局召开会议。\n", region="青松市")
    doc.meta.issuer = "青松市教育局"
    ents = extract_document(doc).entities
    agency = by_type(ents, "GovernmentAgency")["青松市教育局"]
    assert [m.start for m in agency.mentions] == [5]


def test_issuer_already_mentioned_is_not_added_twice() -> None:
    doc = make_doc("苏州市科学技术局召开会议。")
    doc.meta.issuer = "苏州市科学技术局"
    names = [e.name for e in extract_document(doc).entities]
    assert names.count("苏州市科学技术局") == 1


def test_issuer_that_is_no_agency_is_not_added() -> None:
    doc = make_doc("一、基本情况\n")
    doc.meta.issuer = "青松日报"
    assert extract_document(doc).entities == []


def test_free_trade_port_and_pilot_zone_of_a_place() -> None:
    ents = entities("为推动海南自由贸易港建设，依托上海自贸试验区开展合作。")
    assert set(by_type(ents, "Platform")) == {"海南自由贸易港", "上海自贸试验区"}


def test_free_trade_zone_without_a_place_is_a_designation() -> None:
    ents = entities("对标国际一流自由贸易港，建设高水平自贸试验区。")
    assert by_type(ents, "Platform") == {}


def test_innovation_relay_station_of_a_province() -> None:
    ents = entities("建设湖北省创新驿站和区域创新驿站。")
    assert set(by_type(ents, "Platform")) == {"湖北省创新驿站"}


def test_laidao_is_a_boundary() -> None:
    ents = entities("省领导先后来到苏州青松科技园调研。")
    assert set(by_type(ents, "Platform")) == {"苏州青松科技园"}


def test_a_bare_kind_of_agreement_is_no_titled_document() -> None:
    ents = entities("双方签署《战略合作框架协议》和《青松市人民政府远帆大学战略合作协议》。")
    assert set(by_type(ents, "Policy")) == {"《青松市人民政府远帆大学战略合作协议》"}


def test_site_in_parentheses_is_part_of_the_name() -> None:
    ents = entities("推动江苏省青松创新创业基地(苏州)建设。")
    assert set(by_type(ents, "Platform")) == {"江苏省青松创新创业基地(苏州)"}


def test_parentheses_holding_no_place_stay_outside() -> None:
    ents = entities("苏州青松研究院(一期)建成投用。")
    assert set(by_type(ents, "ResearchInstitute")) == {"苏州青松研究院"}


def test_name_opening_with_its_place_goes_on_across_a_coordinator() -> None:
    ents = entities("依托江苏省青松材料与器件重点实验室开展攻关。")
    assert set(by_type(ents, "Platform")) == {"江苏省青松材料与器件重点实验室"}


def test_a_place_alone_before_the_coordinator_is_an_actor_of_its_own() -> None:
    ents = entities("苏州市与青松大学共建苏州青松科技园。")
    assert set(by_type(ents, "Platform")) == {"苏州青松科技园"}
    assert "苏州市" in by_type(ents, "City")


def test_a_right_side_opening_with_a_place_is_a_name_of_its_own() -> None:
    ents = entities("建设苏州国家创新型城市和江苏省青松创新中心。")
    assert set(by_type(ents, "Platform")) == {"江苏省青松创新中心"}


def test_field_name_beside_a_named_lab_in_a_list() -> None:
    ents = entities("青松实验室、深海智能装备技术创新中心列入省重点布局。")
    assert set(by_type(ents, "Platform")) == {"青松实验室", "深海智能装备技术创新中心"}


def test_ranks_and_classes_beside_a_named_lab_stay_generic() -> None:
    ents = entities("青松实验室、省级工程技术研究中心、企业技术中心等平台。")
    assert set(by_type(ents, "Platform")) == {"青松实验室"}


def test_place_short_form_inside_a_persons_name_is_no_place() -> None:
    ents = entities("市委书记常熟青出席仪式。(本报记者李某、徐昆山)", region="苏州市")
    assert by_type(ents, "City") == {}


def test_place_short_form_after_a_surname_char_inside_a_word_stays() -> None:
    ents = entities("赴昆山、常熟考察。", region="苏州市")
    assert set(by_type(ents, "City")) == {"昆山市", "常熟市"}


def test_a_citys_initiative_named_from_its_place_is_a_programme() -> None:
    ents = entities("2025年是苏州市青松创新攻坚三年行动的收官之年，落实苏州市科技引领未来产业发展行动计划。")
    assert set(by_type(ents, "Programme")) == {"苏州市青松创新攻坚三年行动", "苏州市科技引领未来产业发展行动计划"}


def test_the_title_of_a_plan_document_is_no_initiative() -> None:
    ents = entities("印发苏州市科技创新三年行动方案。苏州市政府积极推进青松企业培育攻坚行动。")
    assert by_type(ents, "Programme") == {}


def test_an_academys_institute_by_its_short_form() -> None:
    ents = entities("中科院青松所与苏州市签约，中科院所属研究所参加。")
    assert set(by_type(ents, "ResearchInstitute")) == {"中科院青松所", "中国科学院"}


def test_so_after_a_university_is_no_institute() -> None:
    ents = entities("青松大学所属企业参加。")
    assert by_type(ents, "ResearchInstitute") == {}


def test_an_academy_in_an_academicians_title_is_no_actor() -> None:
    ents = entities("中国科学院院士李某陪同调研，随后与中国科学院签署协议。")
    ri = by_type(ents, "ResearchInstitute")["中国科学院"]
    assert [m.text for m in ri.mentions] == ["中国科学院"]
    assert len(ri.mentions) == 1


def test_academicians_alone_give_no_academy() -> None:
    ents = entities("中国工程院院士、中科院院士出席。")
    assert by_type(ents, "ResearchInstitute") == {}


def test_verb_before_a_national_level_is_not_part_of_the_name() -> None:
    ents = entities("座谈研究国家高新区创建工作，全力服务国家青松实验室建设。")
    assert set(by_type(ents, "Platform")) == {"国家青松实验室"}


def test_a_branch_after_its_company_is_one_actor() -> None:
    ents = entities("与星河能源投资有限公司苏州分公司签约，服务机构深圳青松集团参加。")
    assert set(by_type(ents, "Enterprise")) == {"星河能源投资有限公司苏州分公司", "深圳青松集团"}


def test_field_institutes_beside_a_university_in_a_list() -> None:
    ents = entities("与青松大学、机械科学研究总院、碳材料研究院等高校院所签约。")
    assert {"机械科学研究总院", "碳材料研究院"} <= set(by_type(ents, "ResearchInstitute"))


def test_a_list_mate_cut_inside_a_phrase_is_no_name() -> None:
    ents = entities("调研组前往苏州青松科技园、农业技术推广中心试验基地调研。")
    assert set(by_type(ents, "Platform")) == {"苏州青松科技园"}


def test_an_institute_with_a_bare_level_is_the_jurisdictions_own() -> None:
    ents = entities("会同省科学院、市农业科学院等单位研究。", region="苏州市", province="江苏省")
    assert set(by_type(ents, "ResearchInstitute")) == {"江苏省科学院", "苏州市农业科学院"}


def test_a_rank_before_an_institute_is_no_level_of_the_jurisdiction() -> None:
    ents = entities("新增省级研究院3家。", region="苏州市", province="江苏省")
    assert by_type(ents, "ResearchInstitute") == {}


def test_a_universitys_standard_short_form_names_it_on_its_own() -> None:
    ents = entities("与南京农大、东北师大、西安交大签约。")
    assert set(by_type(ents, "University")) == {"南京农业大学", "东北师范大学", "西安交通大学"}
    assert by_type(ents, "City") == {}


def test_a_place_and_a_kind_of_platform_is_a_designation() -> None:
    ents = entities("建设苏州市创新平台和江苏省区域创新中心，推进苏州市青松创新平台。")
    assert set(by_type(ents, "Platform")) == {"苏州市青松创新平台"}


def test_jiu_after_a_persons_name_is_a_boundary() -> None:
    ents = entities("李某就青松大学科技园建设作了介绍，建设苏州青松大学生就业创业基地。")
    assert set(by_type(ents, "Platform")) == {"青松大学科技园", "苏州青松大学生就业创业基地"}


def test_transfer_and_trading_centres_of_a_place() -> None:
    ents = entities("支持苏州科技成果展示交易中心建设，江苏省科技成果转化中心获奖，共建重点实验室和研发中心。")
    assert set(by_type(ents, "Platform")) == {"苏州科技成果展示交易中心", "江苏省科技成果转化中心"}


def test_a_list_mate_that_runs_on_into_another_name_is_no_name() -> None:
    ents = entities("前往苏州青松科技园、农业技术推广中心试验基地调研。")
    assert set(by_type(ents, "Platform")) == {"苏州青松科技园"}


def test_the_last_two_short_names_of_a_list_joined_by_he_are_two() -> None:
    ents = entities("远帆新材、青松智能和澄湖电子等企业参加，与远和光电、青松生物签约。")
    assert set(by_type(ents, "Enterprise")) == {"远帆新材", "青松智能", "澄湖电子", "远和光电", "青松生物"}


def test_a_national_designation_named_by_an_emerging_industry_field() -> None:
    # 国家 + a field of the strategic emerging industries + a kind of centre is one named platform
    ents = entities("青松市建设国家燃料电池技术创新中心。")
    assert "国家燃料电池技术创新中心" in by_type(ents, "Platform")
    # a field alone with a generic kind stays generic
    assert not by_type(entities("支持建设氢能产业园。"), "Platform")
