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
    text = (
        "苏州市发展和改革委员会、苏州市人力资源和社会保障局、中共苏州市委组织部、"
        "苏州市人民政府国有资产监督管理委员会联合发文。"
    )
    agencies = surfaces([e for e in entities(text) if e.type == "GovernmentAgency"])
    assert {
        "苏州市发展和改革委员会",
        "苏州市人力资源和社会保障局",
        "中共苏州市委组织部",
        "苏州市人民政府国有资产监督管理委员会",
    } <= agencies


def test_lianhe_before_a_known_university_whose_name_starts_a_word() -> None:
    ents = entities("支持横塘软件联合同济大学、木渎光电联合电子科技大学开展攻关。")
    assert set(by_type(ents, "University")) == {"同济大学", "电子科技大学"}


def test_fund_named_by_its_agency_is_the_agency() -> None:
    ents = entities("石湖电子获省科技厅重大科技成果转化专项资金支持500万元。")
    assert by_type(ents, "Programme") == {}
    assert "江苏省科学技术厅" in by_type(ents, "GovernmentAgency")


def test_scheme_with_a_proper_name_after_its_agency() -> None:
    ents = entities("横塘软件获科技部火炬计划立项。")
    programmes = by_type(ents, "Programme")
    assert set(programmes) == {"国家火炬计划"}  # the national programme of the gazetteer
    assert [m.text for m in programmes["国家火炬计划"].mentions] == ["火炬计划"]
    assert "科学技术部" in by_type(ents, "GovernmentAgency")


def test_fund_without_an_agency_keeps_its_name() -> None:
    ents = entities("枫桥科技获省科技成果转化专项资金支持。")
    assert "省科技成果转化专项资金" in by_type(ents, "Programme")


def test_list_of_levels_is_no_agency() -> None:
    ents = entities("各县(市、区)人民政府和县(市)科技局要加强组织领导。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_government_named_with_its_place_is_an_agency() -> None:
    ents = entities("苏州市人民政府高度重视科技创新,苏州市科学技术协会积极配合。")
    assert {"苏州市人民政府", "苏州市科学技术协会"} <= set(by_type(ents, "GovernmentAgency"))


def test_bare_relative_government_needs_a_relation() -> None:
    ents = entities("市政府高度重视科技创新工作。")
    assert by_type(ents, "GovernmentAgency") == {}


def test_brand_named_incubators_and_maker_spaces() -> None:
    text = (
        "新认定云帆众创空间、石榴创客空间、麦田星创天地、青桐科技企业孵化器、松鼠科技企业加速器、"
        "砚池创业孵化基地、桂香创新创业园和锦溪科技园。"
    )
    platforms = set(by_type(entities(text), "Platform"))
    assert platforms == {
        "云帆众创空间",
        "石榴创客空间",
        "麦田星创天地",
        "青桐科技企业孵化器",
        "松鼠科技企业加速器",
        "砚池创业孵化基地",
        "桂香创新创业园",
        "锦溪科技园",
    }


def test_unbranded_incubators_stay_generic() -> None:
    text = (
        "支持建设专业众创空间、大学生创业园、返乡创业孵化基地和国家备案众创空间,构建“创业苗圃—孵化器—加速器”孵化链条。"
    )
    assert by_type(entities(text), "Platform") == {}


def test_bare_company_forms_in_lists_are_not_names() -> None:
    text = "对木渎数控有限公司、科技股份有限公司、集团有限公司等企业给予奖励。"
    assert set(by_type(entities(text), "Enterprise")) == {"木渎数控有限公司"}


def test_short_brand_with_he_in_an_enumeration() -> None:
    text = "组织远和微电、青和精机、石湖膜材等骨干企业参加对接会。"
    assert set(by_type(entities(text), "Enterprise")) == {"远和微电", "青和精机", "石湖膜材"}


def test_industry_word_alone_is_no_company_name() -> None:
    text = "引导凤凰光伏有限公司、汽车部件科技有限公司等成长型企业入驻园区。"
    assert set(by_type(entities(text), "Enterprise")) == {"凤凰光伏有限公司"}


def test_short_names_listed_beside_a_company() -> None:
    text = "年内招引枫桥软件科技有限公司、骏川动力、石榴光电与苏州大学开展合作。"
    ents = by_type(entities(text), "Enterprise")
    assert set(ents) == {"枫桥软件科技有限公司", "骏川动力", "石榴光电"}


def test_phrases_listed_without_a_company_are_not_short_names() -> None:
    text = "推动屋顶光伏、分布式储能与新能源汽车协同发展。"
    assert by_type(entities(text), "Enterprise") == {}


def test_bare_government_issuing_after_a_time_word() -> None:
    ents = entities("争取市政府年内出台《苏州市科技创新促进条例》。")
    assert "苏州市人民政府" in by_type(ents, "GovernmentAgency")


def test_verbs_of_visits_awards_and_funding_are_boundaries() -> None:
    text = (
        "走访石湖电子科技有限公司。奖励横塘数控有限公司50万元。携手枫桥软件有限公司共建平台。"
        "助推苏州先进光学研究院发展。"
    )
    ents = entities(text)
    assert set(by_type(ents, "Enterprise")) == {"石湖电子科技有限公司", "横塘数控有限公司", "枫桥软件有限公司"}
    assert set(by_type(ents, "ResearchInstitute")) == {"苏州先进光学研究院"}


def test_known_university_after_an_unknown_verb() -> None:
    ents = entities("授予苏州大学荣誉称号。")
    assert set(by_type(ents, "University")) == {"苏州大学"}


def test_relative_abbreviation_keeps_its_level() -> None:
    ents = entities("由市发改委牵头,国家发改委指导。")
    assert {"苏州市发展和改革委员会", "国家发展和改革委员会"} <= set(by_type(ents, "GovernmentAgency"))


def test_brand_holding_wei_is_one_name() -> None:
    ents = entities("携手华为技术有限公司共建联合创新中心,该中心被评为国家级孵化器。")
    assert set(by_type(ents, "Enterprise")) == {"华为技术有限公司"}
    assert by_type(ents, "Platform") == {}


def test_administrative_committee_is_an_agency() -> None:
    ents = entities("推动苏州科技城管委会与苏州大学合作。")
    assert "苏州科技城管委会" in by_type(ents, "GovernmentAgency")


def test_work_report_verbs_and_ranks_are_not_names() -> None:
    ents = entities("五是抓石湖科技园建设。协调解决枫桥数控有限公司用地问题。积极争创国家级苏州高新区。")
    assert "石湖科技园" in by_type(ents, "Platform")
    assert "苏州高新区" in by_type(ents, "Platform")
    assert set(by_type(ents, "Enterprise")) == {"枫桥数控有限公司"}


def test_quoted_brand_opening_with_a_number_word_is_no_slogan() -> None:
    ents = entities("通过“千帆科技贷”支持企业,实施“五大”工程,落实“四个对接”,推进“一园一特色”。")
    assert set(by_type(ents, "Programme")) == {"千帆科技贷"}


def test_productivity_promotion_centre_is_a_platform() -> None:
    ents = entities("江苏省生产力促进中心牵头,加快建设科技成果转化促进中心。")
    assert set(by_type(ents, "Platform")) == {"江苏省生产力促进中心"}


def test_a_verb_of_charge_ends_the_name_before_it() -> None:
    # 负责 / 主办 govern what follows: "X负责平台运营" is X, not a platform named "X负责平台"
    ents = entities("南通市科技创新促进中心负责平台运营,主办青松智能装备论坛。")
    assert "南通市科技创新促进中心" in by_type(ents, "Platform")
    assert not any("负责" in s or "主办" in s for s in surfaces(ents))


def test_a_technical_noun_opening_with_nei_is_not_the_locative() -> None:
    # "Y内Z" gives Z, but 内燃机 / 内分泌 are nouns of the field, part of the name
    ents = entities("依托星河动力有限公司组建内燃机可靠性国家重点实验室。")
    assert "内燃机可靠性国家重点实验室" in by_type(ents, "Platform")


def test_a_title_word_ending_inside_the_city_that_opens_a_company_does_not_cut_the_city() -> None:
    # 区长 (a person's title) is a stop word; here its 长 opens 长沙市, the company's city
    found = entities("其中望城经开区长沙市衡开智能科技有限公司上榜。", region="长沙市望城区", province="湖南省")
    assert list(by_type(found, "Enterprise")) == ["长沙市衡开智能科技有限公司"]


def test_no_county_read_inside_a_zone_whose_committee_is_named() -> None:
    # 雄安新区 holds 安新 (安新县's short form); the zone is no actor before 管委会, and neither is 安新
    found = entities("雄安新区管委会、省科技厅联合发文。", region="河北省", province="河北省")
    assert "保定市安新县" not in by_type(found, "District")
    assert "河北雄安新区" in by_type(entities("支持雄安新区建设。", region="河北省", province="河北省"), "Platform")
