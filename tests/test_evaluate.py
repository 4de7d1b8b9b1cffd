"""Scorer tests on small hand-made gold/prediction pairs."""

from __future__ import annotations

import json

import pytest

from ingest.evaluate import EvalReport, aggregate, format_report, score_document
from ingest.gold import GoldDocument, GoldEntity, GoldRelation
from ingest.models import DocumentMeta, Entity, Extraction, Mention, Relation, actor_id


def ent(name: str, etype: str, *mentions: str, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id=actor_id(etype, name),
        name=name,
        type=etype,  # type: ignore[arg-type]
        mentions=[Mention(text=m, start=0, end=len(m)) for m in mentions],
        aliases=list(aliases),
    )


def rel(rtype: str, head: Entity, tail: Entity) -> Relation:
    return Relation(type=rtype, head=head.id, tail=tail.id)  # type: ignore[arg-type]


GOLD = GoldDocument(
    doc="t.txt",
    entities=[
        GoldEntity(name="甲市科学技术局", type="GovernmentAgency", mentions=["市科技局"]),
        GoldEntity(name="《甲市创新条例》", type="Policy", mentions=["《甲市创新条例》"]),
        GoldEntity(name="乙大学", type="University", mentions=["乙大学"]),
        GoldEntity(name="丙科技股份公司", type="Enterprise", mentions=["丙科技"]),
    ],
    relations=[
        GoldRelation(type="ISSUED_BY", head="《甲市创新条例》", tail="甲市科学技术局", evidence="x"),
        GoldRelation(type="COOPERATES_WITH", head="乙大学", tail="丙科技股份公司", evidence="y"),
    ],
)


def extraction(*entities: Entity, relations: tuple[Relation, ...] = ()) -> Extraction:
    return Extraction(document=DocumentMeta(id="d"), entities=list(entities), relations=list(relations))


def test_match_by_mention_and_stripped_quotes() -> None:
    pred = extraction(
        ent("某局全称", "GovernmentAgency", "市科技局"),  # mention equals a gold mention
        ent("甲市创新条例", "Policy", "“甲市创新条例”"),  # quotes and 《》 stripped
        ent("乙大学", "University", "乙大学"),
    )
    s = score_document(pred, GOLD)
    assert (s.entities.predicted, s.entities.predicted_matched) == (3, 3)
    assert (s.entities.gold, s.entities.gold_matched) == (4, 3)
    assert s.entities.precision == 1.0
    assert s.entities.recall == pytest.approx(0.75)
    assert s.entities.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert [m.name for m in s.misses] == ["丙科技股份公司"]
    assert s.false_positives == []


def test_type_must_agree() -> None:
    s = score_document(extraction(ent("乙大学", "ResearchInstitute", "乙大学")), GOLD)
    assert s.entities.predicted_matched == 0
    assert [(f.name, f.type) for f in s.false_positives] == [("乙大学", "ResearchInstitute")]
    assert s.entity_types["ResearchInstitute"].predicted == 1
    assert s.entity_types["University"].gold == 1
    assert s.entity_types["University"].gold_matched == 0


def test_relations_map_through_entities_and_cooperation_is_symmetric() -> None:
    agency = ent("甲市科学技术局", "GovernmentAgency", "市科技局")
    policy = ent("《甲市创新条例》", "Policy", "《甲市创新条例》")
    uni = ent("乙大学", "University", "乙大学")
    firm = ent("丙科技", "Enterprise", "丙科技")
    pred = extraction(
        agency,
        policy,
        uni,
        firm,
        relations=(
            rel("ISSUED_BY", policy, agency),
            rel("COOPERATES_WITH", firm, uni),  # reversed: still a match
            rel("ISSUED_BY", agency, policy),  # wrong direction: no match
        ),
    )
    s = score_document(pred, GOLD)
    assert (s.relations.predicted, s.relations.predicted_matched) == (3, 2)
    assert (s.relations.gold, s.relations.gold_matched) == (2, 2)
    assert s.relation_types["COOPERATES_WITH"].f1 == 1.0
    assert len(s.relation_false_positives) == 1
    assert s.relation_false_positives[0].head == "甲市科学技术局"


def test_directed_relation_reversed_is_a_miss() -> None:
    agency = ent("甲市科学技术局", "GovernmentAgency", "市科技局")
    policy = ent("《甲市创新条例》", "Policy", "《甲市创新条例》")
    s = score_document(extraction(agency, policy, relations=(rel("ISSUED_BY", agency, policy),)), GOLD)
    assert s.relations.predicted_matched == 0
    assert {(m.type, m.head) for m in s.relation_misses} == {
        ("ISSUED_BY", "《甲市创新条例》"),
        ("COOPERATES_WITH", "乙大学"),
    }


def test_empty_prediction_scores_zero() -> None:
    s = score_document(extraction(), GOLD)
    assert s.entities.precision == 0.0 and s.entities.recall == 0.0 and s.entities.f1 == 0.0
    assert len(s.misses) == 4


def test_report_aggregates_and_serialises() -> None:
    s1 = score_document(extraction(ent("乙大学", "University", "乙大学")), GOLD)
    s2 = score_document(extraction(ent("丁公司", "Enterprise", "丁公司")), GOLD)
    report = aggregate([s1, s2])
    assert report.entities.predicted == 2 and report.entities.predicted_matched == 1
    assert report.entities.gold == 8 and report.entities.gold_matched == 1
    data = report.to_json_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text)["entities"]["precision"] == 0.5
    assert EvalReport.model_validate_json(report.model_dump_json()).entities.gold == 8
    table = format_report(report)
    assert "University" in table and "FP   Enterprise" in table and "MISS" in table


# -- metadata, indicators, the verbatim gold form and the province split -------------------------

from ingest.evaluate import half_of, province_of  # noqa: E402
from ingest.gold import GoldError, GoldIndicator, GoldMeta, resolve_gold  # noqa: E402
from ingest.models import Indicator  # noqa: E402

META_GOLD = GOLD.model_copy(
    update={
        "meta": GoldMeta(jurisdiction="甲市", issuer="甲市科学技术局", report_year=2019, plan_year=2020),
        "entities": [*GOLD.entities, GoldEntity(name="甲市", type="City", mentions=["甲市", "甲"])],
    }
)


def test_metadata_fields_scored_by_the_entity_rule() -> None:
    meta = DocumentMeta(id="d", region="甲", issuer="市科技局", report_year=2019, plan_year=2021)
    s = score_document(Extraction(document=meta), META_GOLD)
    assert {f: sc.gold_matched for f, sc in s.meta.items()} == {
        "jurisdiction": 1,
        "issuer": 1,
        "report_year": 1,
        "plan_year": 0,
    }
    assert [(m.field, m.predicted, m.gold) for m in s.meta_misses] == [("plan_year", "2021", "2020")]
    assert aggregate([s]).meta_accuracy == pytest.approx(0.75)


def test_null_metadata_is_right_only_when_gold_is_null() -> None:
    gold = META_GOLD.model_copy(update={"meta": GoldMeta(jurisdiction="甲市", issuer=None)})
    right = score_document(Extraction(document=DocumentMeta(id="d", region="甲市")), gold)
    assert right.meta["issuer"].gold_matched == 1 and right.meta["report_year"].gold_matched == 1
    wrong = score_document(Extraction(document=DocumentMeta(id="d", region="甲市", issuer="乙局")), gold)
    assert wrong.meta["issuer"].gold_matched == 0


def test_indicators_match_on_value_unit_year_kind_once_each() -> None:
    gold = META_GOLD.model_copy(
        update={
            "indicators": [
                GoldIndicator(jurisdiction="甲市", name="高新技术企业", value=750, unit="家", year=2019, kind="actual"),
                GoldIndicator(jurisdiction="甲市", name="研发投入", value=141, unit="亿元", year=2020, kind="target"),
            ]
        }
    )

    def ind(value: float, unit: str, year: int, kind: str, where: str = "甲") -> Indicator:
        return Indicator(jurisdiction=where, name="x", value=value, unit=unit, year=year, kind=kind)  # type: ignore[arg-type]

    pred = Extraction(
        document=DocumentMeta(id="d"),
        indicators=[
            ind(750, "家", 2019, "actual"),  # right (jurisdiction by a mention)
            ind(750, "家", 2019, "actual"),  # a repeat: the gold item is matched once only
            ind(141, "亿元", 2020, "actual"),  # wrong kind
            ind(141, "亿元", 2020, "target", where="乙市"),  # wrong place
        ],
    )
    s = score_document(pred, gold)
    assert s.indicators is not None
    got = s.indicators
    assert (got.predicted, got.predicted_matched, got.gold, got.gold_matched) == (4, 1, 2, 1)
    assert [m.name for m in s.indicator_misses] == ["研发投入"]
    assert "INDICATORS" in format_report(aggregate([s]))


def test_files_without_meta_or_indicators_are_not_scored_for_them() -> None:
    s = score_document(Extraction(document=DocumentMeta(id="d", region="甲市")), GOLD)
    assert s.meta == {} and s.indicators is None
    assert aggregate([s]).meta_accuracy == 0.0


def test_verbatim_gold_form_loads_with_meta_and_indicators() -> None:
    text = "甲市科技局与乙大学签订合作协议。全市高新技术企业达到750家。"
    raw = {
        "doc": "t.txt",
        "meta": {"jurisdiction": "甲市", "issuer": None, "date": None, "report_year": 2019, "plan_year": None},
        "entities": [
            {"name": "乙大学", "type": "University", "mentions": ["乙大学"]},
            {"name": "甲市科学技术局", "type": "GovernmentAgency", "mentions": ["甲市科技局"]},
        ],
        "relations": [
            {
                "type": "COOPERATES_WITH",
                "head": "甲市科学技术局",
                "tail": "乙大学",
                "evidence": "甲市科技局与乙大学签订合作协议。",
            }
        ],
        "indicators": [
            {
                "jurisdiction": "甲市",
                "name": "高新技术企业",
                "value": 750,
                "unit": "家",
                "year": 2019,
                "kind": "actual",
                "evidence": "全市高新技术企业达到750家。",
            }
        ],
    }
    gold = resolve_gold(raw, text)
    assert gold.relations[0].evidence_start == 0 and gold.relations[0].evidence_end == 16
    assert gold.meta is not None and gold.meta.report_year == 2019
    assert gold.indicators is not None and gold.indicators[0].value == 750
    with pytest.raises(GoldError, match="meta"):
        resolve_gold({**raw, "meta": ["not", "an", "object"]}, text)
    with pytest.raises(GoldError, match="indicators"):
        resolve_gold({**raw, "indicators": {"a": 1}}, text)


def test_split_is_by_province_and_stable() -> None:
    assert province_of("杭州市余杭区") == province_of("杭州市") == "浙江省"
    assert province_of("兰州新区") == "甘肃省"  # a zone named after its city
    assert province_of(None) is None
    # every document of one province falls in the same half, and both halves are used
    assert half_of("浙江省") == half_of("浙江省")
    halves = {half_of(p) for p in ("浙江省", "山东省", "江苏省", "广东省", "四川省", "河北省", "湖南省")}
    assert halves == {"dev", "held"}
