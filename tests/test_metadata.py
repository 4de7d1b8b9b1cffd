"""Metadata extraction: labelled fields, signature blocks, titles, places, genre."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.metadata import build_document, classify_genre, extract_metadata, parse_date
from ingest.models import document_id
from ingest.text import NormalizedText

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")


def _corpus(prefix: str) -> Path:
    found = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"corpus document {prefix} not present in {CORPUS}")
    return found[0]


# --------------------------------------------------------------------------- corpus
@needs_corpus
def test_corpus_000_nantong_summary() -> None:
    meta = extract_metadata(_corpus("000").read_text(encoding="utf-8"))
    assert meta.title == "2015年科技工作总结暨2016年工作打算"
    assert meta.date == dt.date(2016, 1, 15)
    assert meta.region == "南通市"
    assert meta.issuer in {"南通市科技局", "南通市科学技术局"}
    assert meta.doc_number is None
    assert meta.genre == "summary"
    assert meta.province == "江苏省"


@needs_corpus
def test_corpus_001_changzhou_plan() -> None:
    meta = extract_metadata(_corpus("001").read_text(encoding="utf-8"))
    assert meta.title == "常州市科学技术局2018年工作计划"
    assert meta.issuer == "常州市科学技术局"
    assert meta.date == dt.date(2018, 2, 8)  # 生成日期, not the later 公开日期
    assert meta.region == "常州市"
    assert meta.doc_number is None  # the 文件编号 field is empty
    assert meta.genre == "plan"
    assert meta.province == "江苏省"


@needs_corpus
def test_corpus_002_lianyungang_scheme() -> None:
    meta = extract_metadata(_corpus("002").read_text(encoding="utf-8"))
    assert meta.doc_number == "连政办发〔2018〕138号"
    assert meta.issuer == "连云港市人民政府办公室"
    assert meta.date == dt.date(2018, 10, 8)  # the signature date, not the web posting date
    assert meta.region == "连云港市"
    assert meta.title is not None and meta.title.endswith("实施方案的通知")
    assert meta.genre == "implementation_scheme"
    assert meta.province == "江苏省"


# --------------------------------------------------------------------------- synthetic
def test_signature_at_end_with_chinese_numeral_date() -> None:
    text = (
        "关于印发扬州市科技创新券管理办法的通知\n"
        "扬科发〔2020〕21号\n"
        "各县（市、区）科技局：\n"
        "现将管理办法印发给你们，请遵照执行。\n"
        "\n"
        "扬州市科学技术局\n"
        "二〇二〇年十一月三十日\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于印发扬州市科技创新券管理办法的通知"
    assert meta.doc_number == "扬科发〔2020〕21号"
    assert meta.issuer == "扬州市科学技术局"
    assert meta.date == dt.date(2020, 11, 30)
    assert meta.region == "扬州市"


def test_joint_signature_takes_first_issuer_and_district_region() -> None:
    text = (
        "关于推进科技招商的实施意见\n正文第一段。\n中共泰州市海陵区委办公室\n泰州市海陵区人民政府办公室\n2019年5月6日\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "中共泰州市海陵区委办公室"
    assert meta.date == dt.date(2019, 5, 6)
    assert meta.genre == "implementation_scheme"


def test_district_issuer_region_is_the_district() -> None:
    meta = extract_metadata("连云港市赣榆区科学技术局2019年工作要点\n正文。\n")
    assert meta.issuer == "连云港市赣榆区科学技术局"
    assert meta.region == "连云港市赣榆区"  # the guideline's canonical name: city + district
    assert meta.genre == "plan"
    assert (meta.report_year, meta.plan_year) == (None, 2019)


def test_labelled_fields() -> None:
    text = (
        "标题：关于下达2021年度科技计划项目的通知\n"
        "发文机关：苏州市科学技术局  成文日期：2021-04-02\n"
        "文号：苏科资〔2021〕45号  发布日期：2021-04-09\n"
        "正文。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于下达2021年度科技计划项目的通知"
    assert meta.issuer == "苏州市科学技术局"
    assert meta.date == dt.date(2021, 4, 2)  # 成文日期 beats 发布日期
    assert meta.doc_number == "苏科资〔2021〕45号"
    assert meta.region == "苏州市"
    assert meta.genre == "other"  # 科技计划项目 is a programme, the document a notice


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("苏政发[2019]12号", "苏政发[2019]12号"),
        ("〔2018〕138号", "〔2018〕138号"),
        ("宁科 〔2020〕 第7号", "宁科〔2020〕第7号"),
    ],
)
def test_document_number_lines(line: str, number: str) -> None:
    meta = extract_metadata(f"关于开展科技统计工作的通知\n{line}\n各单位：\n")
    assert meta.doc_number == number


def test_doc_number_cited_in_body_is_not_the_documents_own() -> None:
    body = "根据《关于加快创新的意见》（苏政发〔2017〕12号）要求，制定本方案。"
    meta = extract_metadata(f"关于推进创新的实施方案\n{body}\n")
    assert meta.doc_number is None


def test_abbreviated_issuer_resolved_with_city_from_title() -> None:
    text = "南通市2017年科技工作要点\n发布机构：市科技局\n生成日期：2017-03-01\n正文。\n"
    meta = extract_metadata(text)
    assert meta.region == "南通市"
    assert meta.issuer is not None and meta.issuer.startswith("南通市")
    assert meta.issuer in {"南通市科技局", "南通市科学技术局"}


def test_missing_fields_are_none() -> None:
    meta = extract_metadata("市科技局推进创新工作，全年完成各项任务。\n继续努力。\n")
    assert meta.date is None
    assert meta.doc_number is None
    assert meta.region is None
    assert meta.province is None
    assert meta.title is None  # the only lines are sentences, not titles
    assert meta.genre == "other"


def test_title_skips_boilerplate_and_joins_two_line_title() -> None:
    text = "您当前的位置：首页 > 政务公开\n浏览次数：10\n关于印发镇江市加快科技创新若干政策措施\n的通知\n正文。\n"
    meta = extract_metadata(text)
    assert meta.title == "关于印发镇江市加快科技创新若干政策措施的通知"
    assert meta.region == "镇江市"


def test_file_name_is_not_evidence(tmp_path: Path) -> None:
    path = tmp_path / "宿迁市科技局2020年工作总结.txt"
    meta = extract_metadata("全年完成各项任务。\n", path=path)
    assert meta.title is None
    assert meta.region is None
    assert meta.issuer is None


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("2015年科技工作总结暨2016年工作打算", "summary"),
        ("常州市科学技术局2018年工作计划", "plan"),
        ("2019年全市科技工作要点", "plan"),
        ("南京市“十四五”科技创新规划", "plan"),
        ("关于印发推进科技成果转化实施方案的通知", "implementation_scheme"),
        ("关于加快科技创新的实施意见", "implementation_scheme"),
        ("科技招商三年行动方案", "implementation_scheme"),
        ("对市政协十四届三次会议第0123号提案的答复", "reply"),
        ("关于某某事项的复函", "reply"),
        ("关于2020年度科技计划项目立项的通知", "other"),
        (None, "other"),
    ],
)
def test_genre(title: str | None, genre: str) -> None:
    assert classify_genre(title) == genre


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2018年10月8日", dt.date(2018, 10, 8)),
        ("2018-02-08 14:27", dt.date(2018, 2, 8)),
        ("2018/2/8", dt.date(2018, 2, 8)),
        ("2018.12.31", dt.date(2018, 12, 31)),
        ("２０１９年３月５日", dt.date(2019, 3, 5)),
        ("二〇一八年十月八日", dt.date(2018, 10, 8)),
        ("二〇二一年十二月二十一日", dt.date(2021, 12, 21)),
        ("2018年2月30日", None),
        ("1900年1月1日", None),
        ("无日期", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_build_document(tmp_path: Path) -> None:
    text = "无锡市科学技术局2020年工作计划\n正文第一段。\n"
    path = tmp_path / "a.txt"
    doc = build_document(path, text, fmt="txt", encoding="gb2312", source="https://example.org/a")
    assert doc.text == text
    assert doc.meta.chars == len(text)
    assert doc.meta.id == document_id(NormalizedText(text).normalized)
    assert (doc.meta.format, doc.meta.encoding, doc.meta.source) == ("txt", "gb2312", "https://example.org/a")
    assert doc.meta.title == "无锡市科学技术局2020年工作计划"
    assert doc.meta.region == "无锡市"
    # same normalised text -> same id, whatever the width of the punctuation
    other = build_document(None, text.replace("。", "。").replace("2020", "２０２０"), fmt="txt", encoding=None)
    assert other.meta.id == doc.meta.id
    assert other.meta.path is None and other.meta.source is None


# --------------------------------------------------------------------------- the genre's layouts
# Documents written for these tests in the genre's style (invented content, real place names).


def test_bracketed_header_table() -> None:
    text = (
        "您当前的位置：首页>>政务公开>>政府信息公开目录\n"
        "[ 索引号 ] 11500000MB0000000X/2023-00012 [ 发文字号 ] 渝科局函〔2023〕77号\n"
        "[ 主题分类 ] 科技、教育 [ 体裁分类 ] 人大建议办理\n"
        "[ 发布机构 ] 市科技局\n"
        "[ 成文日期 ] 2023-06-30 [ 发布日期 ] 2023-07-03\n"
        "关于市六届人大一次会议第0123号建议办理情况的答复函\n"
        "王某某代表：\n"
        "您提出的关于支持区县建设中试基地的建议收悉。现将办理情况答复如下：\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "渝科局函〔2023〕77号"
    assert meta.date == dt.date(2023, 6, 30)
    assert meta.region == "重庆市"  # 渝 opens the document number; the body never names the city
    assert meta.issuer == "重庆市科学技术局"
    assert meta.genre == "reply"
    assert (meta.report_year, meta.plan_year) == (None, None)


def test_piped_table_with_padded_labels() -> None:
    text = (
        "索 引 号 | 11330000/2024-00001 | 文号 | |\n"
        "---|---|---|---|\n"
        "发布日期 | 2024-02-18 | 公开时限 | 长期公开 |\n"
        "责任部门 | 嘉兴市南湖区科学技术局 | 公开方式 | 主动公开 |\n"
        "今年以来，区科技局紧扣年度目标，持续优化创新生态，助力我区高质量发展。\n"
        "一、2023年工作情况\n"
        "（一）强化企业创新主体地位。新认定高新技术企业一批。\n"
        "二、2024年工作思路\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "嘉兴市南湖区科学技术局"
    assert meta.region == "嘉兴市南湖区"
    assert (meta.report_year, meta.plan_year) == (2023, 2024)


def test_padded_block_without_colons_and_title_with_two_years() -> None:
    text = (
        "首页\n"
        ">政府信息公开>工作信息>计划总结\n"
        "索引号 000000000/2024-00100\n"
        "组配分类 计划总结 发布机构 区科技局\n"
        "生成日期 2024-01-10 公开方式 主动公开\n"
        "温州市鹿城区科技局（区科协）2023年度工作总结及2024年工作计划\n"
        "发布日期： 2024-01-10 09:30 信息来源： 区科技局\n"
        "2023年，区科技局深入实施创新驱动发展战略。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "温州市鹿城区科技局（区科协）2023年度工作总结及2024年工作计划"
    assert meta.region == "温州市鹿城区"
    assert meta.issuer == "温州市鹿城区科学技术局"
    assert meta.date == dt.date(2024, 1, 10)
    assert (meta.report_year, meta.plan_year) == (2023, 2024)


def test_source_line_and_dash_bullets() -> None:
    text = (
        "- 索 引 号：ZZ00105-1200-2024-00031\n"
        "- 备注/文号：漳科函〔2024〕15号\n"
        "- 发布机构：科技局\n"
        "- 公文生成日期：2024-05-20\n"
        "李某某委员：\n"
        "您提出的关于加快建设科技企业孵化器的提案收悉。我局高度重视，现将办理情况答复如下：\n"
        "一、基本情况\n"
        "近年来，我市围绕主导产业布局建设孵化载体，漳州市已有省级孵化器12家。\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "漳科函〔2024〕15号"
    assert meta.region == "漳州市"
    assert meta.issuer == "漳州市科学技术局"  # bare 科技局 completed with the jurisdiction
    assert meta.genre == "reply"
    assert (meta.report_year, meta.plan_year) == (None, None)


def test_title_carries_the_issuer_of_a_forwarded_scheme() -> None:
    text = (
        "绵府办发〔2013〕21号《绵阳市人民政府办公室关于印发绵阳市科技成果转化行动方案（2013-2016年）的通知》\n"
        "\n"
        "各县市区人民政府，市政府各部门：\n"
        "《绵阳市科技成果转化行动方案（2013—2016年）》已经市政府同意，现印发你们，请认真组织实施。\n"
        "二○一三年五月八日\n"
        "一、发展目标\n"
        "到2016年，全市转化重大科技成果200项。\n"
    )
    meta = extract_metadata(text)
    assert meta.doc_number == "绵府办发〔2013〕21号"
    assert meta.issuer == "绵阳市人民政府办公室"
    assert meta.region == "绵阳市"
    assert meta.genre == "implementation_scheme"
    assert (meta.report_year, meta.plan_year) == (None, 2016)  # the scheme's last year


def test_signature_and_five_year_plan() -> None:
    text = (
        "韶府〔2022〕31号\n"
        "韶关市人民政府关于印发韶关市科技创新\n"
        "“十四五”规划的通知\n"
        "各县（市、区）人民政府，市政府各部门：\n"
        "现将《韶关市科技创新“十四五”规划》印发给你们，请认真组织实施。\n"
        "韶关市人民政府\n"
        "2022年3月18日\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "韶关市人民政府"
    assert meta.date == dt.date(2022, 3, 18)
    assert meta.region == "韶关市"
    assert (meta.report_year, meta.plan_year) == (None, 2025)


def test_news_without_header_votes_for_the_district() -> None:
    text = (
        "江宁区12家企业获南京市2021年度科技创新补助\n"
        "\n"
        "近日，江苏某某新材料有限公司等12家企业获得南京市科技创新补助。\n"
        "近年来，江宁区积极推进产学研协同创新，我区企业与高校合作日益紧密。\n"
        "江宁区将继续支持企业建设研发机构。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "南京市江宁区"
    assert meta.issuer is None
    assert meta.report_year == 2021  # no date given: the year the news reports


def test_news_with_dateline_and_page_date() -> None:
    text = (
        "泰安市科技局召开全市科技工作推进会\n"
        "发布时间：2021-07-02 00:00\n"
        "本报讯 6月30日，泰安市科技局召开全市科技工作推进会，回顾上半年工作。\n"
        "自2012年以来，全市累计建成省级以上创新平台300余家。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "泰安市"
    assert meta.issuer is None  # a news report names no issuing body
    assert meta.report_year == 2021  # the page's year: 2012 is history
    assert meta.plan_year is None


def test_news_first_full_date_and_display_date_ignored() -> None:
    text = (
        "2024年12月01日 星期日\n"
        "蚌埠与合肥工业大学签署合作协议\n"
        "2019年11月5日，蚌埠市人民政府与合肥工业大学签署全面合作协议。\n"
        "根据协议，双方将共建研究院。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "蚌埠市"
    assert meta.report_year == 2019


def test_years_are_in_the_document_built(tmp_path: Path) -> None:
    text = "2022年科技工作总结暨2023年工作打算\n正文。\n"
    doc = build_document(tmp_path / "x.txt", text, fmt="txt", encoding="utf-8")
    assert (doc.meta.report_year, doc.meta.plan_year) == (2022, 2023)


def test_development_zone_acting_as_jurisdiction() -> None:
    text = (
        "兰州新区举办校企产学研对接会\n"
        "5月20日，兰州新区科技局组织区内12家企业与兰州大学开展对接，我区企业签约项目8个。\n"
        "兰州市科技局相关负责人出席。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "兰州新区"  # the zone's own bureau acts; 兰州 inside its name is not the city


def test_zone_the_text_is_about_is_the_jurisdiction() -> None:
    text = "编者按：\n苏州工业园区持续推进科创载体建设，园区新增孵化面积30万平方米。\n"
    assert extract_metadata(text).region == "苏州工业园区"  # 苏州 inside the zone's name is not the city


def test_zone_named_in_a_city_text_leaves_the_city() -> None:
    text = (
        "2021年，我市科技创新成效明显。\n"
        "绵阳市新认定高新技术企业200家，绵阳高新区新增孵化器2家，绵阳市技术合同成交额增长20%。\n"
    )
    assert extract_metadata(text).region == "绵阳市"


def test_joint_issuers_in_title_first_leads() -> None:
    text = (
        "中共柳州市委办公室 柳州市人民政府办公室 关于印发《柳州市科技强市实施方案》的通知\n各县（区）党委和人民政府：\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "中共柳州市委办公室"
    assert meta.region == "柳州市"
    assert meta.genre == "implementation_scheme"


def test_informant_of_a_news_report() -> None:
    text = "新闻\n近日，记者从西藏自治区科学技术厅了解到，全区已认定农业科技园区20家。\n"
    assert extract_metadata(text).region == "西藏自治区"


def test_short_form_inside_a_word_is_no_place() -> None:
    # 推广水平 holds 广水 (广水市), 发达州县 holds 达州: neither is read as a place
    text = "科技推广\n全面提升农业科技推广水平，推动成果惠及经济发达州县。\n"
    assert extract_metadata(text).region is None


def test_year_end_review_published_in_january() -> None:
    text = (
        "去年全市科技创新成绩亮眼\n"
        "发布时间：2022-01-06 08:30\n"
        "2021年，扬州市科技局聚焦产业创新，全市新认定高新技术企业300家。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "扬州市"
    assert meta.report_year == 2021


def test_place_opening_a_company_name_counts_little() -> None:
    text = (
        "包头市昆都仑区“十三五”科学技术发展规划\n"
        "“十三五”时期，我区将全面落实创新驱动战略。\n"
        "包头市华美稀土高科有限公司、包头市鑫达新材料有限公司、包头市金蒙汇磁材料有限公司获得支持。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "包头市昆都仑区"
    assert (meta.report_year, meta.plan_year) == (None, 2020)


def test_relative_bureau_inside_a_full_name_is_no_self_reference() -> None:
    from ingest.metadata_places import _free_count

    left = frozenset("从在")
    text = "天水市科技局、陇南市科技局参会。记者从市科技局获悉，省科技厅将支持。市科技局表示感谢。"
    assert _free_count(text, "市科技局", left) == 2  # 从市科技局 and the sentence-initial one
    assert _free_count(text, "省科技厅", left) == 1


def test_news_third_person_and_cited_titles() -> None:
    text = (
        "广西日报2022-12-16 ■ 记者/某某\n"
        "本报南宁讯 12月9日，南宁市青秀区在广西大学举办人才对接活动。\n"
        "据了解，该城区依据《南宁市人才强市实施意见》《南宁市科技创新条例》出台配套措施。\n"
    )
    meta = extract_metadata(text)
    assert meta.region == "南宁市青秀区"  # 该城区 points to the district; cited 《南宁市…》 titles count little
    assert meta.report_year == 2022


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("拉萨市科技局积极实施科技富民强县专项行动计划", "other"),
        ("益阳市召开“十四五”科技创新规划编制座谈会", "other"),
        ("《内蒙古科技赋能实施方案（2023—2025年）》出台", "other"),
        ("关于印发益阳市科技创新“十四五”规划的通知", "plan"),
    ],
)
def test_headline_reporting_on_a_plan_is_news(title: str, genre: str) -> None:
    assert classify_genre(title) == genre


def test_reply_recognised_from_its_opening_without_title() -> None:
    text = "赵某某委员：\n您提出的关于加快科技成果转化的提案收悉。现将办理情况答复如下：\n"
    assert classify_genre(None, text) == "reply"
    assert extract_metadata(text).genre == "reply"


def test_news_of_a_review_meeting_has_the_meetings_year() -> None:
    text = (
        "科技赋能产业——某县科技特派团召开2025年度工作总结暨经验交流会\n"
        "2026年1月20日，广西某县科技特派员服务团在县城召开2025年度工作总结会。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "other"
    assert meta.report_year == 2026  # the event reported, not the year the meeting reviews


def test_autonomous_prefecture_named_short_plus_zhou() -> None:
    text = "楚雄州召开科技工作会议\n3月2日，楚雄州科技局召开全州科技工作会议，部署年度重点任务。\n"
    assert extract_metadata(text).region == "楚雄彝族自治州"


def test_issuer_without_place_completed_or_dropped() -> None:
    bureau = (
        "天台县科技工作动态\n来源：科技和信息化局  发布时间：2023-03-01\n"
        "3月1日，天台县召开科技大会。全县科技工作再上台阶。\n"
    )
    # 科技 expands to 科学技术 as in 科技局 → 科学技术局 (the guideline's standard expansion)
    assert extract_metadata(bureau).issuer == "台州市天台县科学技术和信息化局"
    unit = "滁州市推进科创工作\n来源：学会部  发布时间：2022-03-10\n近日，滁州市科协召开学会工作会议。\n"
    assert extract_metadata(unit).issuer is None  # a unit of a body, not an issuing body


def test_unnumbered_plan_heading_in_a_summary() -> None:
    text = (
        "泸州市科学技术局2022年工作总结\n"
        "2022年，全市科技工作取得新成效。\n"
        "2023年工作思路\n"
        "坚持创新驱动，持续推进科技成果转化。\n"
    )
    meta = extract_metadata(text)
    assert meta.genre == "summary"
    assert (meta.report_year, meta.plan_year) == (2022, 2023)


def test_extract_json_carries_the_metadata(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from api.cli import app

    path = tmp_path / "summary.txt"
    path.write_text("无锡市科学技术局2020年工作总结和2021年工作计划\n发布日期：2021-01-20\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["document"]
    assert document["jurisdiction"] == "无锡市"
    assert document["issuer"] == "无锡市科学技术局"
    assert document["date"] == "2021-01-20"
    assert (document["report_year"], document["plan_year"]) == (2020, 2021)


def test_province_speaking_through_its_cities() -> None:
    text = (
        "1997年科技工作概况\n"
        "1997年我省科技战线以体制改革为动力。哈尔滨市、大庆市、齐齐哈尔市新建工程技术研究中心12个，"
        "我省科技进步贡献率稳步提高。\n"
    )
    assert extract_metadata(text).region == "黑龙江省"  # 我省 and only its cities named: their province


def test_opening_line_names_the_years_when_no_title() -> None:
    text = (
        "某某市科学技术局2021年工作总结和2022年工作安排如下：\n"
        "一、主要工作\n"
        "全年新增高新技术企业120家，技术合同成交额同比增长15%。\n"
    )
    meta = extract_metadata(text)
    assert (meta.report_year, meta.plan_year) == (2021, 2022)


def test_opening_document_number_line_names_the_reviewed_year() -> None:
    text = (
        "发布时间：2021-06-30\n"
        "某科〔2021〕8号 关于2020年度绩效目标完成情况的自查报告\n"
        "市政府目标办：\n"
        "2020年，市科学技术局认真贯彻创新驱动发展战略，各项工作稳步推进。\n"
    )
    assert extract_metadata(text).report_year == 2020


def test_a_local_outlets_report_is_its_citys() -> None:
    # a city paper's page: the text speaks as 我市 and names only the province; the city is named only
    # by the outlet in the page's furniture
    body = (
        "本报讯 近日，江苏省科技厅公布年度省级重点实验室名单，我市3家实验室入选。"
        "全市省级重点实验室达到20家，我市将持续推进平台建设。\n"
    )
    page = "首页 > 南通新闻 > 科教\n\n全市新增3家省级重点实验室\n\n" + body
    assert extract_metadata(page).region == "南通市"
    without_outlet = "首页 > 新闻 > 科教\n\n全市新增3家省级重点实验室\n\n" + body
    assert extract_metadata(without_outlet).region != "南通市"
    two_outlets = "首页 > 南通新闻 > 扬州日报\n\n全市新增3家省级重点实验室\n\n" + body
    assert extract_metadata(two_outlets).region != "南通市"  # which city's is not decided
