"""Boundaries and types read off a name's structure, on sentences written for these tests."""

from __future__ import annotations

from tests.extract.helpers import by_type, entities, surfaces


def test_parent_then_place_then_centre_is_one_institute() -> None:
    ents = entities("引进中国空间技术研究院苏州中心,推动卫星应用产业发展。")
    assert "中国空间技术研究院苏州中心" in by_type(ents, "ResearchInstitute")
    assert "中国空间技术研究院" not in by_type(ents, "ResearchInstitute")


def test_university_science_centre_is_an_institute() -> None:
    ents = entities("与南京大学国际科创中心签署合作协议。")
    assert "南京大学国际科创中心" in by_type(ents, "ResearchInstitute")
    assert by_type(ents, "University") == {}


def test_parent_institute_across_a_coordinator() -> None:
    ents = entities("新引育中国科学院海洋与湖沼研究所,支持其开展技术攻关。")
    assert "中国科学院海洋与湖沼研究所" in by_type(ents, "ResearchInstitute")
    assert "湖沼研究所" not in by_type(ents, "ResearchInstitute")


def test_locative_ring_is_not_part_of_a_lab() -> None:
    ents = entities("启动环青松实验室创新生态圈建设,服务实验室成果转化。")
    assert "青松实验室" in by_type(ents, "Platform")
    assert not any(s.startswith("环") for s in surfaces(ents))


def test_signing_verb_and_parent_lab_of_a_base() -> None:
    ents = entities("成功签约金鸡湖实验室成果转化基地,加快成果落地。")
    assert set(by_type(ents, "Platform")) == {"金鸡湖实验室成果转化基地"}


def test_nari_separates_two_zones() -> None:
    ents = entities("推动苏州城东科创大走廊纳入苏州国家自主创新示范区。")
    platforms = set(by_type(ents, "Platform"))
    assert "苏州城东科创大走廊" in platforms
    assert "苏州国家自主创新示范区" in platforms


def test_room_of_a_named_centre_is_one_platform() -> None:
    ents = entities("国家海洋装备工程技术研究中心动力研究室落户我市。")
    assert "国家海洋装备工程技术研究中心动力研究室" in by_type(ents, "Platform")


def test_workstations_and_science_cities() -> None:
    ents = entities("新建青松电子院士专家工作站,推进太湖科学城和阳澄科学园建设。")
    platforms = set(by_type(ents, "Platform"))
    assert {"青松电子院士专家工作站", "太湖科学城", "阳澄科学园"} <= platforms


def test_generic_workstation_is_not_named() -> None:
    ents = entities("全市新建院士专家工作站5家。")
    assert by_type(ents, "Platform") == {}


def test_bare_district_takes_its_city() -> None:
    ents = entities("吴中区新增高新技术企业120家,苏州市吴中区科技创新持续发力。")
    districts = by_type(ents, "District")
    assert set(districts) == {"苏州市吴中区"}
    assert "吴中区" in districts["苏州市吴中区"].aliases
    assert by_type(ents, "City") == {}


def test_district_agency_takes_the_city() -> None:
    ents = entities("吴中区科技局组织企业申报项目。")
    assert "苏州市吴中区科学技术局" in by_type(ents, "GovernmentAgency")


def test_bare_bodies_right_before_a_title_issue_it() -> None:
    ents = entities("根据市委、市政府《关于加快建设创新型城市的意见》要求,省政府《科技创新十条》同步实施。")
    agencies = by_type(ents, "GovernmentAgency")
    assert {"中共苏州市委员会", "苏州市人民政府", "江苏省人民政府"} <= set(agencies)


def test_issuer_opening_a_title_is_an_agency_beside_the_title() -> None:
    ents = entities("现将《苏州市人民政府办公厅关于印发苏州市科技成果转化行动方案的通知》转发给你们。")
    assert "苏州市人民政府办公厅" in by_type(ents, "GovernmentAgency")
    assert len(by_type(ents, "Policy")) == 1


def test_unqualified_bureau_is_the_jurisdictions_own() -> None:
    ents = entities("发布机构:科技局\n会同科技局、财政局等部门研究办理。")
    agencies = by_type(ents, "GovernmentAgency")
    assert "苏州市科学技术局" in agencies
    assert "苏州市财政局" in agencies


def test_a_list_of_levels_is_no_body() -> None:
    ents = entities("各县市区科技局局长参加会议,区市党委高度重视。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_provincial_market_bureau_is_one_body() -> None:
    ents = entities("省市场监督管理局开展专项检查。")
    assert "江苏省市场监督管理局" in by_type(ents, "GovernmentAgency")


def test_quoted_brand_with_words_and_scheme_ending_is_one_programme() -> None:
    ents = entities("深入推进“青苗”三年倍增计划和“456”科技创新体系建设工程,开展“双争”行动。")
    programmes = set(by_type(ents, "Programme"))
    assert {"青苗三年倍增计划", "456科技创新体系建设工程", "双争行动"} <= programmes


def test_counted_slogans_before_a_scheme_word_are_no_programme() -> None:
    ents = entities("全面落实“五大”工程,扎实推进“一园一策”行动。")
    assert by_type(ents, "Programme") == {}


def test_paired_number_brand_before_a_scheme_ending_is_a_programme() -> None:
    ents = entities("二是实施“千村百厂”行动计划,组织专家服务乡村企业。")
    assert "千村百厂行动计划" in by_type(ents, "Programme")


def test_paired_number_slogan_without_a_scheme_ending_is_no_programme() -> None:
    ents = entities("推进“千村百厂”对接,开展“四新四强”专项教育和“百师千户”助农行动。")
    assert by_type(ents, "Programme") == {}


def test_section_heading_names_no_programme() -> None:
    ents = entities("(二)实施协同提升工程,科技体制改革全面深化\n全年实施枫桥英才工程。")
    assert "协同提升工程" not in by_type(ents, "Programme")


def test_counted_list_shares_its_head() -> None:
    ents = entities("布局建设金鸡、独墅、阳澄3家省创新实验室,推动成果转化。")
    platforms = by_type(ents, "Platform")
    assert {"金鸡创新实验室", "独墅创新实验室", "阳澄创新实验室"} <= set(platforms)


def test_counted_list_of_short_company_names() -> None:
    ents = entities("走访云杉探索、星河微芯、青木航天3家企业。")
    assert {"云杉探索", "星河微芯", "青木航天"} <= set(by_type(ents, "Enterprise"))


def test_count_differing_from_the_items_is_no_list() -> None:
    ents = entities("走访云杉探索、星河微芯5家企业。")
    assert by_type(ents, "Enterprise") == {}


def test_national_region_opens_a_name() -> None:
    ents = entities("加快建设长三角国际科技创新中心。")
    assert "长三角国际科技创新中心" in by_type(ents, "Platform")


def test_person_and_office_before_a_zone_are_not_its_name() -> None:
    ents = entities("王明副厅长出席太仓高新区揭牌仪式,李华书记调研吴江开发区。")
    assert {"太仓高新区", "吴江开发区"} <= set(by_type(ents, "Platform"))
    assert not any("厅长" in s or "书记" in s for s in surfaces(ents))


def test_standing_committee_member_is_a_person_not_a_body() -> None:
    ents = entities("苏州市委常委、秘书长出席会议。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_counted_phrase_is_no_list_item() -> None:
    ents = entities("石湖电子有限公司等六家企业分别与苏州大学、东吴学院等高校签约。")
    assert not any(s.startswith("六家") for s in surfaces(ents))


def test_province_before_the_city_of_a_bureau() -> None:
    ents = entities("江苏苏州市科技局组织企业申报。")
    assert set(by_type(ents, "GovernmentAgency")) == {"苏州市科学技术局"}


def test_quoted_name_of_a_body_is_one_name() -> None:
    ents = entities("举行“苏州大学技术转移与成果转化(昆山)中心”揭牌仪式。")
    # one name, typed by its kind word across the site: a transfer centre is a Platform (as 转化中心)
    assert "苏州大学技术转移与成果转化(昆山)中心" in by_type(ents, "Platform")


def test_quoted_chain_of_kinds_is_no_name() -> None:
    ents = entities("构建“苗圃-孵化器-加速器”全链条孵化体系。")
    assert by_type(ents, "Platform") == {}


def test_province_named_pilot_zone() -> None:
    ents = entities("启动江苏沿江科技创新改革试验区建设。")
    assert "江苏沿江科技创新改革试验区" in by_type(ents, "Platform")


def test_academy_institute_and_its_short_form_are_one_actor() -> None:
    ents = entities("中国科学院海洋研究所与我市合作。中科院海洋所在我市设立基地。")
    institutes = by_type(ents, "ResearchInstitute")
    assert set(institutes) == {"中国科学院海洋研究所"}
    assert "中科院海洋所" in institutes["中国科学院海洋研究所"].aliases


def test_university_short_form_is_the_same_university() -> None:
    ents = entities("我市与南京农业大学签署协议,南京农大专家团队将驻点服务。")
    universities = by_type(ents, "University")
    assert set(universities) == {"南京农业大学"}
    assert any(m.text == "南京农大" for m in universities["南京农业大学"].mentions)


def test_siting_verb_is_a_boundary() -> None:
    ents = entities("项目选址吴中区国家现代农业示范区。")
    assert not any(s.startswith("选址") for s in surfaces(ents))


def test_named_coordinating_bodies_are_agencies() -> None:
    ents = entities("市科技创新工作领导小组印发通知,苏州市知识产权联席会议办公室牵头落实。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"苏州市科技创新工作领导小组", "苏州市知识产权联席会议办公室"} <= agencies


def test_unnamed_group_and_meeting_mechanism_are_no_body() -> None:
    ents = entities("成立领导小组,建立协同推进吴江开发区联席会议制度。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_adverb_before_a_verb_is_not_part_of_a_name() -> None:
    ents = entities("率先建成枫桥生物医药产业园,分别与苏州大学、东吴学院签约。")
    assert "枫桥生物医药产业园" in by_type(ents, "Platform")
    assert not any(s.startswith(("率先", "分别")) for s in surfaces(ents))


def test_place_named_items_of_a_shared_head_are_the_head() -> None:
    ents = entities("推动昆山、常熟2个国家高新区提质增效。")
    platforms = set(by_type(ents, "Platform"))
    assert {"昆山高新区", "常熟高新区"} <= platforms
    assert by_type(ents, "City") == {}


def test_quoted_slogan_about_a_body_is_no_name() -> None:
    ents = entities("明确“打造面向东盟的区域科技创新中心”方向。")
    assert by_type(ents, "Platform") == {}


def test_place_inside_a_verb_is_no_place() -> None:
    ents = entities("会上传达州人民政府的批示精神。", region="凯里市", province="贵州省")
    assert by_type(ents, "City") == {} and by_type(ents, "GovernmentAgency") == {}


def test_counted_quoted_kind_is_no_name() -> None:
    ents = entities("在全省建设102个“科技特派员工作站”。")
    assert by_type(ents, "Platform") == {}


def test_place_dash_university_is_a_pair() -> None:
    ents = entities("太仓—南京大学校地合作座谈会举行。", region="太仓市")
    assert set(by_type(ents, "University")) == {"南京大学"}


def test_fixed_phrases_holding_a_stop_stay_in_the_name() -> None:
    ents = entities("共同为江苏能源碳中和发展战略研究基地揭牌。")
    assert "江苏能源碳中和发展战略研究基地" in by_type(ents, "Platform")


def test_zone_is_named_from_its_place_on() -> None:
    ents = entities("十四五时期吴江高新区加快发展,吴江高新区作为西部科学城核心区。")
    platforms = set(by_type(ents, "Platform"))
    assert "吴江高新区" in platforms
    assert not any(p.startswith("时期") or "作为" in p for p in platforms)


def test_short_form_introducer_is_a_boundary() -> None:
    ents = entities("太湖科学城(以下简称科学城)建设提速。")
    assert not any(s.startswith(("以下", "简称")) for s in surfaces(ents))


def test_zone_written_after_the_zone_it_lies_in() -> None:
    ents = entities("推进苏南国家自主创新示范区昆山高新区建设。", region="苏州市")
    platforms = set(by_type(ents, "Platform"))
    assert "昆山高新区" in platforms
    assert not any(p.endswith("示范区昆山高新区") for p in platforms)


def test_innovation_consortium_is_an_alliance() -> None:
    ents = entities("组建江苏省纺织产业科技创新联合体。")
    assert by_type(ents, "Platform")["江苏省纺织产业科技创新联合体"].subtype == "alliance"


def test_city_level_bureau_in_a_provincial_document_is_no_body() -> None:
    ents = entities("省科技厅会同市财政局、科技局开展工作。", region="云南省", province="云南省")
    assert set(by_type(ents, "GovernmentAgency")) == {"云南省科学技术厅"}


def test_short_institute_in_a_list_of_colleges_and_institutes() -> None:
    ents = entities("与东吴学院、农科所等高校院所合作。")
    assert "农科所" in by_type(ents, "ResearchInstitute")


def test_parks_named_only_by_their_place_stay_apart() -> None:
    ents = entities("苏州市大学科技园与吴江大学科技园、东吴大学科技园共建联盟。")
    platforms = set(by_type(ents, "Platform"))
    assert {"苏州市大学科技园", "吴江大学科技园"} <= platforms


def test_regional_designation_is_generic() -> None:
    ents = entities("对已获批自治区产业技术创新战略联盟开展调研。", region="呼和浩特市", province="内蒙古自治区")
    assert by_type(ents, "Platform") == {}


def test_declared_short_form_is_a_mention_of_the_same_actor() -> None:
    text = "成立苏州枫桥科技成果转化服务中心(以下简称“枫桥中心”)。枫桥中心已服务企业200家。"
    platforms = by_type(entities(text), "Platform")
    assert set(platforms) == {"苏州枫桥科技成果转化服务中心"}
    assert sum(m.text == "枫桥中心" for m in platforms["苏州枫桥科技成果转化服务中心"].mentions) == 2


def test_declared_two_character_short_form() -> None:
    ents = entities("苏州东吴材料研究院(简称东材院)揭牌,东材院将建设中试平台。")
    institute = by_type(ents, "ResearchInstitute")["苏州东吴材料研究院"]
    assert sum(m.text == "东材院" for m in institute.mentions) == 2


def test_agency_opened_by_a_regions_short_name() -> None:
    ents = entities("广西科学技术厅与自治区科技厅联合发文。", region="桂林市", province="广西壮族自治区")
    assert set(by_type(ents, "GovernmentAgency")) == {"广西壮族自治区科学技术厅"}


def test_the_regions_level_word_names_its_body_in_a_districts_document() -> None:
    ents = entities("秀峰区科技局会同自治区科技厅开展检查。", region="秀峰区", province="广西壮族自治区")
    assert set(by_type(ents, "GovernmentAgency")) == {"桂林市秀峰区科学技术局", "广西壮族自治区科学技术厅"}


def test_quoted_designation_and_premises_are_no_bodies() -> None:
    ents = entities("获批“国家纺织新型工业化产业示范基地”称号,为企业提供实验室、办公场所等条件。")
    assert by_type(ents, "Platform") == {} and by_type(ents, "ResearchInstitute") == {}


def test_large_research_facilities_named_by_their_field_are_platforms() -> None:
    ents = entities("加快建设深海环境大型科研基础设施,推进脉冲磁场实验装置和岩土地震模拟研究设施建设。")
    assert {"深海环境大型科研基础设施", "脉冲磁场实验装置", "岩土地震模拟研究设施"} <= set(by_type(ents, "Platform"))


def test_a_bought_apparatus_is_no_facility() -> None:
    ents = entities("购置实验装置20台,更新研究设施。")
    assert by_type(ents, "Platform") == {}


def test_site_in_parentheses_before_the_kind_word_is_part_of_the_name() -> None:
    ents = entities("南京大学技术转移(如皋)中心揭牌,推进中国科学院声学研究所(南通)基地建设。")
    platforms = set(by_type(ents, "Platform"))
    assert {"南京大学技术转移(如皋)中心", "中国科学院声学研究所(南通)基地"} <= platforms


def test_quoted_centre_with_a_site_is_typed_by_its_kind_word() -> None:
    ents = entities("“南京大学技术转移与成果转化(如皋)中心”揭牌。")
    assert "南京大学技术转移与成果转化(如皋)中心" in by_type(ents, "Platform")
    assert by_type(ents, "ResearchInstitute") == {}
