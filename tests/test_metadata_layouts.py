"""Metadata of the genre's page layouts: furniture above the title, banners, display dates.

Every text here is written for the test (no corpus sentence).
"""

from __future__ import annotations

import pytest

from ingest import metadata as metadata_module
from ingest.metadata import extract_metadata

needs_gazetteer = pytest.mark.skipif(
    metadata_module._gazetteer() is None, reason="ingest.gazetteer not available: places cannot be resolved"
)


def test_section_name_above_the_title_is_furniture() -> None:
    text = (
        "政策法规\n"
        "关于印发2021年全市科技创新工作要点的通知\n"
        "各区科技局：\n"
        "现将《2021年全市科技创新工作要点》印发给你们，请认真贯彻落实。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于印发2021年全市科技创新工作要点的通知"
    assert meta.genre == "plan"
    assert (meta.report_year, meta.plan_year) == (None, 2021)


def test_browser_warning_and_motto_lines_are_not_titles() -> None:
    text = (
        "您的浏览器版本过低，请升级后浏览\n"
        "★全国文明城市 ★国家园林城市\n"
        "某市科技创新三年行动方案（2022—2024年）\n"
        "为加快建设创新型城市，制定本方案。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "某市科技创新三年行动方案（2022—2024年）"
    assert meta.plan_year == 2024
    assert meta.report_year is None


def test_repeated_document_title_wins_over_a_site_banner() -> None:
    text = (
        "范文大全 - 写作资料之家\n"
        "职场参考\n"
        "区科技局2020年工作总结和2021年工作思路\n"
        "2021-01-08 09:30 职场参考\n"
        "区科技局2020年工作总结和2021年工作思路\n"
        "2020年，区科技局紧紧围绕创新驱动发展战略，各项工作取得新进展。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "区科技局2020年工作总结和2021年工作思路"
    assert meta.genre == "summary"
    assert (meta.report_year, meta.plan_year) == (2020, 2021)


def test_a_news_headline_standing_once_stays_the_title() -> None:
    text = (
        "某报数字版\n"
        "科技特派员走进田间地头送技术\n"
        "2022-05-10 来源：某某日报\n"
        "5月9日，市科技局组织科技特派员深入乡镇开展技术服务，现场解答种植难题。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "科技特派员走进田间地头送技术"
    assert meta.report_year == 2022


def test_display_date_line_and_numbered_item_are_not_titles() -> None:
    text = (
        "2023年03月02日 星期四\n"
        "1.加强科技成果转化服务；\n"
        "全市科技工作会议召开\n"
        "3月1日，全市科技工作会议召开，总结2022年工作，部署2023年任务。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "全市科技工作会议召开"


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("市科技局召开政协提案办理协商座谈会", "other"),
        ("关于通过科技金融支持中小企业的建议的答复", "reply"),
        ("对市人大十届二次会议第0456号建议的答复", "reply"),
    ],
)
def test_headline_on_handling_a_proposal_is_news(title: str, genre: str) -> None:
    assert metadata_module.classify_genre(title) == genre


@needs_gazetteer
def test_source_label_glued_to_the_next_label() -> None:
    text = (
        "2022年工作总结和2023年工作思路\n"
        "编稿时间: 2023-03-10 10:05 来源: 市科技局浏览量:12\n"
        "2022年，岳阳市科技系统坚持创新驱动，全市高新技术企业数量稳步增长。\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "岳阳市科学技术局"
    assert (meta.report_year, meta.plan_year) == (2022, 2023)


def test_opening_clause_announcing_the_parts_types_the_years() -> None:
    text = (
        "2021年，区科委围绕创新生态建设持续发力，各项工作取得积极进展。现将2021年工作情况和2022年工作计划汇报如下：\n"
        "一、重点指标完成情况\n"
        "二、2021年工作完成情况\n"
        "全年新增国家高新技术企业50家。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "summary"
    assert (meta.report_year, meta.plan_year) == (2021, 2022)


def test_scheme_without_title_named_by_its_opening() -> None:
    text = (
        "（2015年3月2日）\n"
        "为加快建设创新型城区，结合本区实际，制订本实施方案。\n"
        "一、工作目标\n"
        "到2018年，全区研发投入占生产总值比重达到2.5%。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "implementation_scheme"
    assert (meta.report_year, meta.plan_year) == (None, 2018)


def test_joint_signature_with_blank_lines_first_issuer_leads() -> None:
    text = (
        "关于印发《某县科技强县建设方案》的通知\n"
        "各乡镇人民政府：\n"
        "现将方案印发给你们，请认真组织实施。\n"
        "\n"
        "中共某县委办公室    \n"
        "\n"
        "某县人民政府办公室    \n"
        "\n"
        "2024年2月1日\n"
    )
    assert extract_metadata(text).issuer == "中共某县委办公室"


@needs_gazetteer
def test_provincial_portal_reposting_a_city_news_is_not_its_issuer() -> None:
    text = (
        "省实验室与盐城签署合作协议\n"
        "来源:江苏省人民政府 时间:2025-03-01 浏览次数:5\n"
        "2月27日，江苏省某实验室与盐城市人民政府签署合作协议。盐城市将提供场地支持。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "盐城市"
    assert meta.issuer is None


@needs_gazetteer
def test_summary_opening_with_its_bureau_names_the_issuer() -> None:
    text = (
        "2021年，怀柔区科委聚焦科学城建设，持续优化创新生态。现将2021年工作情况和2022年工作计划汇报如下：\n"
        "一、主要工作\n"
        "全区新增高新技术企业80家。\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "北京市怀柔区科学技术委员会"
    assert meta.region == "北京市怀柔区"


@needs_gazetteer
def test_bureau_name_standing_above_a_reply_is_its_issuer() -> None:
    text = (
        "林芝市科学技术局\n"
        "政府信息公开\n"
        "对市政协第二届第一次会议第8号提案的答复\n"
        "发布时间:2021-11-30\n"
        "一、加大科技投入，支持特色产业发展。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "reply"
    assert meta.issuer == "林芝市科学技术局"


@needs_gazetteer
def test_bureau_name_above_a_news_report_is_not_its_issuer() -> None:
    text = "林芝市科学技术局\n科技特派员服务团走进田间\n5月6日，林芝市科技特派员服务团赴巴宜区开展技术培训。\n"
    assert extract_metadata(text).issuer is None


@needs_gazetteer
def test_own_place_of_the_measures_is_the_jurisdiction() -> None:
    text = (
        "为推进全市创新型城市建设，落实昆明市有关部署，结合五华区实际，制订本实施方案。\n"
        "一、工作目标\n"
        "到2016年，昆明市下达的各项科技指标全面完成。\n"
    )
    assert extract_metadata(text).region == "昆明市五华区"


def test_news_on_a_plan_has_no_plan_year() -> None:
    text = (
        "某自治区“十四五”科技合作规划出台\n"
        "2022-01-20 来源：某某日报\n"
        "近日，某自治区印发“十四五”科技合作规划，提出到2025年建成一批合作平台。\n"
    )
    meta = extract_metadata(text)
    assert (meta.report_year, meta.plan_year) == (2022, None)


def test_years_counted_since_a_start_give_the_present_of_an_undated_text() -> None:
    text = (
        "山海协作结硕果\n"
        "自2001年两地启动对口协作以来，合作不断深化。2010年双方共建产业园。\n"
        "20年来，两地累计实施合作项目300余个。\n"
    )
    assert extract_metadata(text).report_year == 2021


def test_undated_notice_is_not_older_than_the_document_it_cites() -> None:
    text = (
        "各县（市、区）科技局：\n"
        "根据《某市重点实验室管理办法》（某科〔2019〕12号），现就重点实验室申报有关事项通知如下。\n"
    )
    assert extract_metadata(text).report_year == 2019


@pytest.mark.parametrize(
    "title",
    ["关于印发《某市科技成果转化奖补资金管理办法》的通知", "某市科技企业孵化器备案管理办法（征求意见稿）"],
)
def test_standing_rules_have_no_years(title: str) -> None:
    text = f"{title}\n第一条 为规范2023年起的备案工作，制定本办法。\n"
    meta = extract_metadata(text)
    assert (meta.report_year, meta.plan_year) == (None, None)


def test_a_period_named_in_the_body_counts_by_its_first_year() -> None:
    text = "科技赋能行动启动\n某区近日启动科技赋能行动，行动期为2023—2025年，首批项目已经落地。\n"
    assert extract_metadata(text).report_year == 2023


def test_half_year_summary_plans_for_its_own_year() -> None:
    text = (
        "关于印发《全市科技创新上半年工作总结及下半年打算》的通知\n"
        "成文日期：2022-07-08\n"
        "上半年，全市新增科技型中小企业200家。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "summary"
    assert (meta.report_year, meta.plan_year) == (2022, 2022)


def test_navigation_bar_with_home_link_is_not_a_title() -> None:
    text = (
        "首页 本地新闻 县区新闻 省内新闻\n我市新增3家省级重点实验室\n近日，省科技厅公布2023年度省级重点实验室名单。\n"
    )
    assert extract_metadata(text).title == "我市新增3家省级重点实验室"


def test_a_title_after_its_document_number_and_a_colon() -> None:
    text = (
        "当前位置：首页 > 政务公开\n\n星科发〔2022〕16号:关于印发《星河市科技创新券管理办法》的通知\n\n"
        "发布时间：2022-07-07\n\n各区科技局：\n现将办法印发给你们。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于印发《星河市科技创新券管理办法》的通知"
    assert meta.doc_number == "星科发〔2022〕16号"
