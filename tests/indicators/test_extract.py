"""Indicator extraction on sentences written for these tests in the genre's style (invented figures)."""

from __future__ import annotations

import pytest

from ingest.indicators import extract_indicators
from ingest.models import Document, DocumentMeta, Indicator
from ingest.sentences import split_sentences


def _doc(text: str, region: str = "苏州市", report_year: int | None = 2021, plan_year: int | None = None) -> Document:
    return Document(
        meta=DocumentMeta(id="d_test", region=region, report_year=report_year, plan_year=plan_year, chars=len(text)),
        text=text,
    )


def _run(text: str, **kw: object) -> list[Indicator]:
    doc = _doc(text, **kw)  # type: ignore[arg-type]
    return extract_indicators(doc, split_sentences(doc.text))


def _one(inds: list[Indicator], value: float, unit: str) -> Indicator:
    hits = [i for i in inds if i.value == value and i.unit == unit]
    assert len(hits) == 1, [(i.value, i.unit, i.name) for i in inds]
    return hits[0]


def test_stock_and_flow_are_kept_apart() -> None:
    inds = _run("今年全市新增省级工程技术研究中心12家,总数达到240家。")
    flow = _one(inds, 12, "家")
    stock = _one(inds, 240, "家")
    assert flow.measure == "flow" and stock.measure == "stock"
    assert flow.concept == "platform.engineering_centre.provincial"
    assert flow.name == "新增省级工程技术研究中心"
    assert flow.jurisdiction == "苏州市" and flow.year == 2021 and flow.kind == "actual"


def test_cumulative_since_a_year_takes_the_report_year() -> None:
    inds = _run("2016年以来,累计引进高层次创新团队58个。", report_year=2021)
    ind = _one(inds, 58, "个")
    assert ind.year == 2021 and ind.measure == "stock" and ind.concept == "talents"


def test_share_and_growth_follow_their_indicator() -> None:
    inds = _run("2020年全社会研发经费投入达到86.5亿元,同比增长12.4%,占地区生产总值比重2.9%。")
    money = _one(inds, 86.5, "亿元")
    growth = _one(inds, 12.4, "%")
    share = _one(inds, 2.9, "%")
    assert money.concept == "rd_expenditure" and money.year == 2020
    assert growth.measure == "growth" and growth.name.startswith("全社会研发经费投入")
    assert growth.concept == "rd_expenditure_growth"
    assert share.measure == "share" and share.concept == "rd_intensity" and share.year == 2020


def test_percentage_points_and_times_are_growth() -> None:
    inds = _run("高新技术产业增加值占比提升1.8个百分点,技术合同成交额是上年的2.5倍。")
    assert _one(inds, 1.8, "个百分点").measure == "growth"
    assert _one(inds, 2.5, "倍").measure == "growth"


def test_target_by_cue_and_by_plan_year() -> None:
    inds = _run("力争到2025年,高新技术企业数量突破3000家,研发投入强度达到3.2%。", report_year=2021)
    firms = _one(inds, 3000, "家")
    assert firms.kind == "target" and firms.year == 2025 and firms.qualifier == "突破"
    assert _one(inds, 3.2, "%").kind == "target"


def test_target_section_heading() -> None:
    text = "一、2021年工作总结\n全年新认定高新技术企业310家。\n二、2022年工作计划\n全年新认定高新技术企业350家。\n"
    inds = _run(text, report_year=2021, plan_year=2022)
    done = _one(inds, 310, "家")
    planned = _one(inds, 350, "家")
    assert (done.kind, done.year) == ("actual", 2021)
    assert (planned.kind, planned.year) == ("target", 2022)


def test_annual_plan_states_targets_plainly() -> None:
    text = "苏州市2022年科技工作要点\n全市高新技术企业总数达到1.3万家,技术合同成交额增长10%。\n"
    inds = _run(text, report_year=None, plan_year=None)
    assert {i.kind for i in inds} == {"target"}
    assert {i.year for i in inds} == {2022}
    assert _one(inds, 1.3, "万家").concept == "high_tech_enterprises"


def test_qualifiers() -> None:
    inds = _run("累计投入财政科技资金超7000万元,集聚各类人才近2万人,建成众创空间60家以上,攻克关键技术30多项。")
    assert _one(inds, 7000, "万元").qualifier == "超"
    assert _one(inds, 2, "万人").qualifier == "近"
    assert _one(inds, 60, "家").qualifier == "以上"
    assert _one(inds, 30, "项").qualifier == "多"


def test_range() -> None:
    inds = _run("每个县(市、区)新建3-5家星创天地。", report_year=2021)
    assert inds == [] or all(i.value != 3 for i in inds)  # 每个…: a rule for each county, not a figure
    inds = _run("新建星创天地3-5家。")
    ind = _one(inds, 3, "家")
    assert ind.value_max == 5 and ind.qualifier == "range" and ind.concept == "platform.maker_space"


def test_rank_of_a_stated_indicator_only() -> None:
    inds = _run("全市技术合同成交额215亿元,居全省第二。")
    rank = _one(inds, 2, "位")
    assert rank.measure == "rank" and rank.concept == "tech_contract_turnover"
    assert _run("我市在全省科技工作会议上作典型发言,综合考评居全省第一。") == []


def test_not_indicators() -> None:
    text = (
        "召开全市科技工作会议,300余人参加。\n"
        "出台《关于加快科技创新的若干政策》等4项政策文件。\n"
        "对新认定的高新技术企业每家奖励30万元。\n"
        "5名同志被提拔为副处级干部。\n"
        "苏科发〔2021〕15号\n"
        "2021年3月15日\n"
    )
    assert _run(text) == []


def test_actor_figures_are_not_the_places() -> None:
    inds = _run("苏州纳米科技研究院已孵化企业56家,申请专利300余件。全市新增孵化器8家。")
    assert [(i.value, i.unit) for i in inds] == [(8, "家")]


def test_threshold_inside_a_noun_phrase_is_not_a_figure() -> None:
    inds = _run("年营业收入超10亿元的高新技术企业达到25家。")
    assert [(i.value, i.unit) for i in inds] == [(25, "家")]


def test_from_year_to_level() -> None:
    inds = _run("全市研发投入强度从2015年的2.1%提高到2.9%。", report_year=2020)
    assert _one(inds, 2.1, "%").year == 2015
    late = _one(inds, 2.9, "%")
    assert late.year == 2020 and late.measure == "share"


def test_comparison_base_year_is_skipped() -> None:
    inds = _run("2020年,全市财政科技支出32亿元,占一般公共预算支出比重较2015年提高一倍,达到4.1%。")
    assert {i.year for i in inds} == {2020}


def test_headline_repeating_the_body_counts_once() -> None:
    text = "吴江区12家企业获省科技计划立项\n近日,吴江区12家企业获省科技计划立项支持。\n"
    inds = _run(text, region="苏州市吴江区", report_year=2021)
    assert len([i for i in inds if i.value == 12]) == 1


@pytest.mark.parametrize("text", ["高新技术企业达到１２０家。", "高新技术企业达到 120 家。"])
def test_evidence_offsets_index_the_original_text(text: str) -> None:
    doc = _doc(text)
    inds = extract_indicators(doc, split_sentences(doc.text))
    assert len(inds) == 1 and inds[0].value == 120
    ev = inds[0].evidence
    assert ev is not None and doc.text[ev.start : ev.end] == ev.text


def test_no_jurisdiction_no_indicators() -> None:
    doc = Document(meta=DocumentMeta(id="d_x", chars=12), text="新增高新技术企业12家。")
    assert extract_indicators(doc, split_sentences(doc.text)) == []


def test_sentences_without_subject_go_on_about_the_actor() -> None:
    text = "苏州纳米科技研究院成立于2019年。目前已引进博士团队12个。\n一、全市情况\n全市新增孵化器8家。\n"
    inds = _run(text)
    assert [(i.value, i.unit) for i in inds] == [(8, "家")]


def test_scope_of_the_clause_decides_the_jurisdiction() -> None:
    inds = _run("吴江区新增高新技术企业86家。全市高新技术企业总数达到1.1万家。", region="苏州市吴江区")
    assert _one(inds, 86, "家").jurisdiction == "苏州市吴江区"
    assert _one(inds, 1.1, "万家").jurisdiction == "苏州市"


def test_qualifier_between_multiplier_and_unit() -> None:
    ind = _one(_run("全市科技型企业总数达到1.2万余家。"), 1.2, "万家")
    assert ind.qualifier == "余" and ind.measure == "stock"


def test_a_change_in_a_count_is_growth() -> None:
    inds = _run("全市高新技术企业总数达到1520家,比上年增加186家。")
    assert _one(inds, 1520, "家").measure == "stock"
    change = _one(inds, 186, "家")
    assert change.measure == "growth" and change.concept == "high_tech_enterprises"


def test_annual_plan_baseline_of_the_year_before_is_actual() -> None:
    text = (
        "2023年全市科技工作要点\n"
        "2022年，全市科技工作成效明显，高新技术企业达到1800家。2023年是贯彻“十四五”规划的关键之年。\n"
        "一、主要目标\n"
        "高新技术企业总数突破2100家。\n"
    )
    inds = _run(text, report_year=None, plan_year=2023)
    base = _one(inds, 1800, "家")
    assert (base.kind, base.year) == ("actual", 2022)
    goal = _one(inds, 2100, "家")
    assert (goal.kind, goal.year) == ("target", 2023)


def test_count_of_a_schemes_aspects_is_no_indicator() -> None:
    inds = _run("方案从平台建设、人才引育、成果转化等6个方面提出具体措施，全年新增孵化器12家。")
    assert [i.value for i in inds] == [12]


def test_a_forecast_is_a_target_of_the_reviewed_year() -> None:
    # a summary written before the year's statistics are final, in a document that also plans the next year
    inds = _run("全市技术合同成交额稳步增长,预计全年达到35.2亿元,同比增长12.5%。", report_year=2021, plan_year=2022)
    turnover = _one(inds, 35.2, "亿元")
    growth = _one(inds, 12.5, "%")
    assert (turnover.kind, turnover.year) == ("target", 2021)
    assert (growth.kind, growth.year) == ("target", 2021)
    # a target without the forecast cue still takes the plan year
    plan = _one(_run("力争技术合同成交额达到40亿元。", report_year=2021, plan_year=2022), 40, "亿元")
    assert (plan.kind, plan.year) == ("target", 2022)
