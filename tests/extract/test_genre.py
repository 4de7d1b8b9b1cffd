"""Constructions of the genre learnt on ../shared/corpus-genre, on sentences written for these tests."""

from __future__ import annotations

from ingest.models import Entity
from ingest.pipeline import extract_document
from tests.extract.helpers import by_type, make_doc


def _document_entities(text: str) -> list[Entity]:
    return extract_document(make_doc(text)).entities


def test_bare_party_committee_and_government_only_in_a_relation() -> None:
    ents = _document_entities("在市委、市政府的坚强领导下,全市科技工作取得新进展,党中央、国务院的部署得到落实。")
    agencies = by_type(ents, "GovernmentAgency")
    assert "中共苏州市委员会" not in agencies
    assert "苏州市人民政府" not in agencies
    assert "中共中央" not in agencies and "国务院" not in agencies


def test_placed_party_committee_and_issuing_government_are_actors() -> None:
    ents = _document_entities("在苏州市委的领导下推进创新。市政府印发《苏州市科技创新促进办法》。")
    agencies = by_type(ents, "GovernmentAgency")
    assert "中共苏州市委员会" in agencies
    assert "苏州市人民政府" in agencies


def test_notice_line_is_the_documents_title() -> None:
    text = (
        "苏州市人民政府关于印发《苏州市科技企业培育实施方案》的通知\n"
        "各区人民政府:现将《苏州市科技企业培育实施方案》印发给你们。"
    )
    policies = by_type(_document_entities(text), "Policy")
    assert "苏州市人民政府关于印发《苏州市科技企业培育实施方案》的通知" in policies
    assert "《苏州市科技企业培育实施方案》" in policies
    assert "苏州市人民政府" in by_type(_document_entities(text), "GovernmentAgency")


def test_notice_line_without_its_issuers_when_set_apart() -> None:
    text = "中共某县委办公室 某县人民政府办公室 关于印发《苏州市创新型县建设方案》的通知\n正文。"
    policies = by_type(_document_entities(text), "Policy")
    assert "关于印发《苏州市创新型县建设方案》的通知" in policies


def test_relative_notice_line_is_no_title_of_its_own() -> None:
    text = "市政府办公室关于印发苏州市科技成果转化实施方案的通知\n发布时间:2020-01-01\n"
    assert not any(n.startswith("市政府办公室关于") for n in by_type(_document_entities(text), "Policy"))


def test_plan_title_line_opening_with_its_place() -> None:
    text = "苏州市吴江区“十四五”科技创新规划\n一、发展基础\n"
    assert "苏州市吴江区“十四五”科技创新规划" in by_type(_document_entities(text), "Policy")


def test_project_titles_are_not_policies() -> None:
    text = (
        "实施《太湖蓝藻资源化利用技术示范》项目,确定实施《水稻绿色栽培技术推广》《蚕桑良种繁育示范》等2个科技计划项目。"
    )
    assert by_type(_document_entities(text), "Policy") == {}


def test_national_programmes_from_the_gazetteer() -> None:
    ents = _document_entities("企业承担国家火炬计划项目5项,获国家自然科学基金和国家创新基金支持。")
    programmes = by_type(ents, "Programme")
    assert {"国家火炬计划", "国家自然科学基金", "科技型中小企业技术创新基金"} <= set(programmes)
    assert "国家创新基金" in programmes["科技型中小企业技术创新基金"].aliases


def test_special_project_of_a_programme_is_one_name() -> None:
    ents = _document_entities("牵头申报国家重点研发计划“智能传感器”重点专项,获立项支持。")
    assert "国家重点研发计划“智能传感器”重点专项" in by_type(ents, "Programme")


def test_a_programmes_round_named_by_place_and_year() -> None:
    ents = _document_entities("公示江苏省2019年度中央引导地方科技发展专项资金拟支持项目。")
    assert "江苏省2019年度中央引导地方科技发展专项资金" in by_type(ents, "Programme")


def test_state_key_lab_named_by_its_field() -> None:
    ents = _document_entities("科技部批复深海矿产绿色开采全国重点实验室,支持其开展攻关。")
    assert "深海矿产绿色开采全国重点实验室" in by_type(ents, "Platform")


def test_proof_of_concept_centre_of_a_university() -> None:
    ents = _document_entities("参观苏州大学概念验证中心,了解成果转化情况。")
    assert "苏州大学概念验证中心" in by_type(ents, "Platform")


def test_two_short_company_names_closing_a_list() -> None:
    ents = _document_entities("苏州大学与金禾酱业、鼎泰生物科技签订产学研合作技术合同。")
    assert {"金禾酱业", "鼎泰生物科技"} <= set(by_type(ents, "Enterprise"))


def test_generic_industries_in_a_list_are_no_companies() -> None:
    ents = _document_entities("重点发展生物医药、新能源等产业。")
    assert by_type(ents, "Enterprise") == {}


def test_fund_of_a_level_named_by_its_purpose() -> None:
    ents = _document_entities("力争省科技成果转化专项资金项目立项数全省前列。")
    assert "省科技成果转化专项资金" in by_type(ents, "Programme")


def test_fund_without_a_level_is_no_scheme_alone() -> None:
    ents = _document_entities("用好科技专项资金,提高资金使用效益。")
    assert by_type(ents, "Programme") == {}


def test_a_body_allocating_a_fund_is_no_scheme() -> None:
    ents = _document_entities("省科技厅会同省财政厅下达专项资金,支持企业创新。")
    assert "江苏省财政厅" in by_type(ents, "GovernmentAgency")
    assert by_type(ents, "Programme") == {}


def test_a_kind_of_platform_after_a_place_is_a_designation() -> None:
    ents = _document_entities("江苏省科技厅发布2023年度江苏省重点实验室和江苏省技术创新中心拟立项名单。")
    assert by_type(ents, "Platform") == {}


def test_a_named_lab_of_a_place_stays_named() -> None:
    ents = _document_entities("推动苏州太湖实验室和苏州市纳米材料重点实验室建设。")
    assert {"苏州太湖实验室", "苏州市纳米材料重点实验室"} <= set(by_type(ents, "Platform"))


def test_relying_on_is_no_part_of_an_institute() -> None:
    ents = _document_entities("借助江苏省农业科学院的人才优势,推进成果转化。")
    assert not any(n.startswith("借助") for n in by_type(ents, "ResearchInstitute"))


def test_party_committee_and_government_written_together_issue_together() -> None:
    ents = _document_entities("市委市政府印发《苏州市科技创新促进办法》。")
    agencies = by_type(ents, "GovernmentAgency")
    assert {"中共苏州市委员会", "苏州市人民政府"} <= set(agencies)


def test_bodies_issuing_with_others_are_issuers() -> None:
    ents = _document_entities("省政府联合有关部门印发《江苏省科技创新促进办法》。")
    assert "江苏省人民政府" in by_type(ents, "GovernmentAgency")


def test_party_committee_and_government_written_together_in_praise_are_no_actors() -> None:
    ents = _document_entities("在市委市政府的坚强领导下,全市科技工作取得新进展。")
    agencies = by_type(ents, "GovernmentAgency")
    assert "中共苏州市委员会" not in agencies and "苏州市人民政府" not in agencies


def test_a_date_before_a_name_is_not_part_of_it() -> None:
    ents = _document_entities("2018年苏州星河电子有限公司成立。2019年6月1日苏州远航科技有限公司落户。")
    assert {"苏州星河电子有限公司", "苏州远航科技有限公司"} <= set(by_type(ents, "Enterprise"))


def test_a_body_after_a_year_keeps_its_place() -> None:
    text = "2018年苏州市科技局联合南京大学开展攻关。近年来苏州市发改委推进改革。今年市科技局组织申报。"
    ents = _document_entities(text)
    agencies = by_type(ents, "GovernmentAgency")
    assert {"苏州市科学技术局", "苏州市发展和改革委员会"} <= set(agencies)
    assert "国家发展和改革委员会" not in agencies
    assert not any(name.startswith("年") for name in agencies)


def test_a_place_opening_with_a_generic_character_opens_a_name() -> None:
    ents = _document_entities("全椒县农业科学研究所成立,本溪市星辰新材料有限公司签约,全市企业研发中心增加。")
    assert "全椒县农业科学研究所" in by_type(ents, "ResearchInstitute")
    assert "本溪市星辰新材料有限公司" in by_type(ents, "Enterprise")
    assert not any(e.name.startswith("全市") for e in ents)


def test_a_verb_of_granting_is_not_part_of_what_it_grants() -> None:
    ents = _document_entities("感谢各方长期以来给予青松实验室建设支持,对星河研究院予以奖励。")
    platforms = by_type(ents, "Platform")
    assert "青松实验室" in platforms
    assert not any(e.name.startswith(("给予", "予以")) for e in ents)


def test_adverbs_and_prepositions_are_not_part_of_a_name() -> None:
    text = "并到青川大学调研,认真查找苏州高新区创建的不足,拟建州级专家工作站,实施了一批国家科技计划项目。"
    ents = _document_entities(text)
    assert not any(e.name.startswith(("到", "认真", "拟建", "了")) for e in ents)
    assert not any(e.name.startswith("州级") for e in ents)


def test_simulation_and_virtual_reality_keep_their_names() -> None:
    ents = _document_entities("苏州虚拟现实研究院和苏州模拟仿真工程技术研究中心落户。")
    assert "苏州虚拟现实研究院" in by_type(ents, "ResearchInstitute")


def test_an_autonomous_prefecture_written_with_zhou_names_the_prefecture_and_its_bodies() -> None:
    doc = make_doc("大理州科技局联合大理大学开展攻关。楚雄州与云南大学签约。", region=None, province="云南省")
    ents = extract_document(doc).entities
    assert "大理白族自治州科学技术局" in by_type(ents, "GovernmentAgency")
    assert "楚雄彝族自治州" in by_type(ents, "City")
    assert not any(e.name == "大理州科学技术局" for e in ents)


def test_places_counted_before_a_shared_platform_head_are_platforms() -> None:
    ents = _document_entities("全省建成盐城、淮安、宿迁3家国家农业科技园区,并支持扬州、泰州两个国家级高新区发展。")
    platforms = by_type(ents, "Platform")
    for place in ("盐城", "淮安", "宿迁"):
        assert any(place in {m.text for m in e.mentions} for e in platforms.values()), place
    assert len({e.name for e in platforms.values() if "农业科技园区" in e.name}) == 3  # three parks, not one
    assert {"扬州高新区", "泰州高新区"} <= set(platforms)
    assert "泰州两个国家级高新区" not in platforms
    assert not {"盐城市", "淮安市", "扬州市"} & set(by_type(ents, "City"))


def test_a_count_ends_a_name_and_leaves_a_counted_category() -> None:
    ents = _document_entities("力争新增两个省级重点实验室,培育3家市级众创空间。")
    assert not any(e.name.startswith(("个", "家", "省级", "市级")) for e in ents)
    assert not by_type(ents, "Platform")


def test_a_place_holding_he_is_one_list_item() -> None:
    ents = _document_entities("推动呼和浩特金山、包头稀土2个国家高新区提质增效。")
    platforms = by_type(ents, "Platform")
    assert {"呼和浩特金山高新区", "包头稀土高新区"} <= set(platforms)
    assert not any(e.name.startswith("浩特") for e in ents)


def test_an_industry_before_the_list_head_keeps_the_short_company_names() -> None:
    ents = _document_entities("市科技局重点支持青松酒业、白云食品、雪域圣湖等农产品加工企业开发新产品。")
    assert {"青松酒业", "白云食品", "雪域圣湖"} <= set(by_type(ents, "Enterprise"))


def _provincial(text: str) -> list[Entity]:
    return extract_document(make_doc(text, region=None, province="河北省")).entities


def test_democratic_party_committees_are_named_bodies() -> None:
    ents = _provincial("九三学社河北省委、民建省委会、农工党省委和中国民主同盟河北省委员会参加座谈。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {
        "九三学社河北省委员会",
        "中国民主建国会河北省委员会",
        "中国农工民主党河北省委员会",
        "中国民主同盟河北省委员会",
    } <= agencies
    assert "中共河北省委员会" not in agencies  # 九三学社河北省委 is not the CPC's committee


def test_a_party_proposal_is_issued_by_its_proposer() -> None:
    text = (
        "省科技厅围绕九三学社河北省委“关于加快建设创新河北”提案召开座谈会。"
        "民进省委提交的《关于支持青年科技人才的建议》已办结。"
    )
    ex = extract_document(make_doc(text, region=None, province="河北省"))
    names = {e.id: e.name for e in ex.entities}
    issued = {(names[r.head], names[r.tail]) for r in ex.relations if r.type == "ISSUED_BY"}
    assert ("《关于加快建设创新河北》", "九三学社河北省委员会") in issued
    assert ("《关于支持青年科技人才的建议》", "中国民主促进会河北省委员会") in issued


def test_a_committee_written_with_hui_tong_is_still_a_co_issuer() -> None:
    ex = extract_document(make_doc("市委会同市政府出台《青松人才办法》。"))
    names = {e.id: e.name for e in ex.entities}
    tails = {names[r.tail] for r in ex.relations if r.type == "ISSUED_BY"}
    assert len(tails) == 2


def test_a_division_of_a_bureau_is_named_after_it_and_a_rank_is_not() -> None:
    ents = _provincial("省科技厅高新处、省科技厅农村科技处负责同志出席,省科技厅处理来信,副处以上干部参加。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"河北省科学技术厅高新处", "河北省科学技术厅农村科技处"} <= agencies
    assert not any(a.endswith(("副处", "处理")) for a in agencies)


def test_a_committee_of_the_cppcc_is_named_after_the_cppcc() -> None:
    agencies = set(by_type(_provincial("省政协提案委员会赴省科技厅调研。"), "GovernmentAgency"))
    assert "中国人民政治协商会议河北省委员会提案委员会" in agencies


def test_a_titled_proposal_in_quotes_is_a_policy() -> None:
    policies = by_type(
        _provincial("关于“关于加快科技成果转化的建议”的办理情况,以及“关于培育新材料产业”提案。"), "Policy"
    )
    assert len(policies) == 2


def test_an_issuer_may_react_before_it_issues_with_two_verbs() -> None:
    ex = extract_document(make_doc("接到提案后,市委、市政府高度重视,制定出台《关于加快人才集聚的决定》等文件。"))
    names = {e.id: e.name for e in ex.entities}
    tails = {names[r.tail] for r in ex.relations if r.type == "ISSUED_BY"}
    assert tails == {"中共苏州市委员会", "苏州市人民政府"}


def test_a_bare_government_listed_after_a_placed_committee_signs_with_it() -> None:
    text = "今年以来,佳木斯市委、市政府积极支持校地合作,先后与东北林业大学、黑龙江大学等签订了合作协议。"
    ex = extract_document(make_doc(text, region=None, province="黑龙江省"))
    names = {e.id: e.name for e in ex.entities}
    pairs = {(names[r.head], names[r.tail]) for r in ex.relations if r.type == "COOPERATES_WITH"}
    for body in ("中共佳木斯市委员会", "佳木斯市人民政府"):
        assert {(body, "东北林业大学"), (body, "黑龙江大学")} <= pairs
    assert ("东北林业大学", "黑龙江大学") not in pairs


def test_a_bare_government_after_a_committee_without_a_relation_is_no_actor() -> None:
    ents = _document_entities("在市委、市政府的坚强领导下,全市科技工作稳步推进。")
    assert not by_type(ents, "GovernmentAgency")


def test_an_autonomous_regions_level_word_opens_its_bodies() -> None:
    text = "8月5日,科技部、自治区人民政府联合印发《某某科技赋能实施方案》。自治区科技厅负责落实。"
    ex = extract_document(make_doc(text, region=None, province="内蒙古自治区"))
    names = {e.id: e.name for e in ex.entities}
    assert {"内蒙古自治区人民政府", "内蒙古自治区科学技术厅"} <= set(names.values())
    tails = {names[r.tail] for r in ex.relations if r.type == "ISSUED_BY"}
    assert tails == {"科学技术部", "内蒙古自治区人民政府"}


def test_a_bodys_party_committee_is_the_body_and_two_bodies_written_together_are_two() -> None:
    ents = extract_document(
        make_doc("省国资委党委、省科技厅省工信厅负责同志出席。", region=None, province="江西省")
    ).entities
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert "江西省人民政府国有资产监督管理委员会" in agencies
    assert {"江西省科学技术厅", "江西省工业和信息化厅"} <= agencies
    assert not any(a.endswith("党委") or "厅省" in a for a in agencies)


def test_a_division_in_a_persons_title_is_no_body() -> None:
    ents = _provincial("省科技厅战略规划处处长某某介绍了情况。")
    assert set(by_type(ents, "GovernmentAgency")) == {"河北省科学技术厅"}


def test_such_as_ends_a_name_but_not_the_places_that_open_with_it() -> None:
    text = "如青松集团、例如白云科技有限公司,比如星河研究院。如皋市科技局、如东县人民政府和那曲市比如县科技局参加。"
    ents = _document_entities(text)
    assert {"青松集团", "白云科技有限公司"} <= set(by_type(ents, "Enterprise"))
    assert "星河研究院" in by_type(ents, "ResearchInstitute")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"如皋市科学技术局", "南通市如东县人民政府", "那曲市比如县科学技术局"} <= agencies


def test_a_numbered_slogan_with_words_and_a_plan_word_names_the_plan() -> None:
    ents = _provincial("实施“三区”人才科技人员专项计划,开展“三严三实”专项教育和“百人千企”惠企行动。")
    programmes = by_type(ents, "Programme")
    assert len(programmes) == 1
    assert "“三区”人才科技人员专项计划" in {m.text for e in programmes.values() for m in e.mentions}


def test_verbs_of_doing_together_end_a_name() -> None:
    ents = _document_entities("校地共搭平台,共享实验室,共创青松实验室,共育人才。")
    assert set(by_type(ents, "Platform")) == {"青松实验室"}


def test_a_bodys_session_every_department_and_a_bare_region_committee_are_no_actors() -> None:
    text = "经县十九届人民政府第57次常务会议审议,县委各部委、区党委和自治区党委高度重视。"
    ents = extract_document(make_doc(text, region=None, province="西藏自治区")).entities
    assert not by_type(ents, "GovernmentAgency")


def test_the_cppcc_written_short_is_the_cppcc() -> None:
    ents = _provincial("省政协副主席带队调研,石家庄市政协参加。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"中国人民政治协商会议河北省委员会", "中国人民政治协商会议石家庄市委员会"} <= agencies


def test_guojia_before_a_ministrys_short_form_is_the_ministry() -> None:
    ex = extract_document(make_doc("国家科技部印发《某某孵化器管理办法》。"))
    names = {e.id: e.name for e in ex.entities}
    assert "科学技术部" in names.values() and "国家科技部" not in names.values()
    assert {names[r.tail] for r in ex.relations if r.type == "ISSUED_BY"} == {"科学技术部"}


def test_bureaus_listed_among_the_jurisdictions_bodies_are_its_own() -> None:
    ents = _document_entities("苏州市政府、科技局、财政局、人事局、畜牧水产局等单位参加。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"苏州市科学技术局", "苏州市财政局", "苏州市人事局", "苏州市畜牧水产局"} <= agencies


def test_a_commission_listed_after_the_jurisdictions_bureau_is_its_own() -> None:
    ents = _document_entities("市科技局、发改委、财政局联合印发《某某办法》。国家发改委也有部署。")
    agencies = set(by_type(ents, "GovernmentAgency"))
    assert {"苏州市科学技术局", "苏州市发展和改革委员会", "苏州市财政局", "国家发展和改革委员会"} <= agencies
    local = by_type(ents, "GovernmentAgency")["苏州市发展和改革委员会"]
    assert {m.text for m in local.mentions} == {"发改委"}


def test_hope_a_yearbook_with_its_edition_and_a_priority_slogan_are_no_actors() -> None:
    ents = _document_entities("希望星河研究院加快推进,新希望集团参加,实施“一号工程”,见《星河年鉴.2006》。")
    assert "星河研究院" in by_type(ents, "ResearchInstitute")
    assert "新希望集团" in by_type(ents, "Enterprise")
    assert not by_type(ents, "Programme") and not by_type(ents, "Policy")


def test_an_industrys_innovation_service_complex_and_an_innovation_belt_are_platforms() -> None:
    ents = _document_entities("新增省级产业创新服务综合体2家,推动五金工具产业创新服务综合体提质,打造苏州创新带。")
    platforms = by_type(ents, "Platform")
    assert {"五金工具产业创新服务综合体", "苏州创新带"} <= set(platforms)
    assert not any(name.startswith("省级") for name in platforms)


def test_the_national_rural_schemes_by_their_short_forms() -> None:
    ents = _document_entities("全面推行科技特派员制度,组织实施“三区”人才计划,选派科技人员下乡。")
    programmes = by_type(ents, "Programme")
    assert "科技特派员制度" in programmes
    three = "边远贫困地区、边疆民族地区和革命老区人才支持计划科技人员专项计划"
    assert "“三区”人才计划" in {m.text for m in programmes[three].mentions}


def test_classes_of_bodies_joined_to_a_kind_word_are_no_actor() -> None:
    ents = _document_entities("支持研究机构和大学开展合作,鼓励科研院所与实验室共享设备,青川大学参与。")
    assert set(by_type(ents, "University")) == {"青川大学"}
    assert not by_type(ents, "Platform")


def test_a_city_written_before_its_county_level_city_leaves_the_body_to_the_county() -> None:
    ents = _document_entities("苏州昆山市科技局、苏州吴江区科技局联合开展调研。")
    agencies = by_type(ents, "GovernmentAgency")
    assert {"昆山市科学技术局", "苏州市吴江区科学技术局"} <= set(agencies)
    assert not any(name.startswith("苏州昆山") for name in agencies)


def test_a_circular_and_a_communique_are_policies_though_they_end_like_a_newspaper() -> None:
    ents = _document_entities(
        "省政府印发《关于2021年度科技创新考核结果的通报》。市统计局发布《2021年苏州市统计公报》。《苏州日报》作了报道。"
    )
    policies = by_type(ents, "Policy")
    assert "《关于2021年度科技创新考核结果的通报》" in policies
    assert "《2021年苏州市统计公报》" in policies
    assert not any("日报" in p for p in policies)


def _prefecture_entities(text: str, region: str = "大理白族自治州") -> list[Entity]:
    return extract_document(make_doc(text, region=region, province="云南省")).entities


def test_an_autonomous_prefectures_own_bodies_written_with_its_level() -> None:
    text = "州科技局组织申报。州委州政府印发《关于加快科技创新的意见》。"
    agencies = by_type(_prefecture_entities(text), "GovernmentAgency")
    assert "大理白族自治州科学技术局" in agencies
    assert "中共大理白族自治州委员会" in agencies
    assert "大理白族自治州人民政府" in agencies
    listed = by_type(_prefecture_entities("州委、州政府出台《关于支持科技创新的意见》。"), "GovernmentAgency")
    assert "大理白族自治州人民政府" in listed and not any(a.endswith("州州政府") for a in listed)


def test_the_prefecture_level_is_no_body_elsewhere_nor_in_a_list_of_levels() -> None:
    assert by_type(_prefecture_entities("州科技局组织申报。", region="昆明市"), "GovernmentAgency") == {}
    text = "请各州、市财政局和州市科技局组织申报。"
    agencies = by_type(_prefecture_entities(text, region="昆明市"), "GovernmentAgency")
    assert not any(a.startswith("州") for a in agencies)


def test_a_prefecture_officials_title_ends_before_the_body_he_leads() -> None:
    text = "州政府副州长李某带领州委宣传部有关人员调研。"
    agencies = by_type(_prefecture_entities(text), "GovernmentAgency")
    assert not any("副州长" in a for a in agencies)
