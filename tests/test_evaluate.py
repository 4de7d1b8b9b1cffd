"""Scorer tests on small hand-made gold/prediction pairs."""

from __future__ import annotations

import json

import pytest

from ingest.evaluate import EvalReport, aggregate, format_report, score_document
from ingest.gold import GoldDocument, GoldEntity, GoldRelation
from ingest.models import DocumentMeta, Entity, Extraction, Mention, Relation, actor_id


def ent(name: str, etype: str, *mentions: str, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id=actor_id(etype, name), name=name, type=etype,  # type: ignore[arg-type]
                  mentions=[Mention(text=m, start=0, end=len(m)) for m in mentions],
                  aliases=list(aliases))


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
    return Extraction(document=DocumentMeta(id="d"), entities=list(entities),
                      relations=list(relations))


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
    pred = extraction(agency, policy, uni, firm, relations=(
        rel("ISSUED_BY", policy, agency),
        rel("COOPERATES_WITH", firm, uni),  # reversed: still a match
        rel("ISSUED_BY", agency, policy),  # wrong direction: no match
    ))
    s = score_document(pred, GOLD)
    assert (s.relations.predicted, s.relations.predicted_matched) == (3, 2)
    assert (s.relations.gold, s.relations.gold_matched) == (2, 2)
    assert s.relation_types["COOPERATES_WITH"].f1 == 1.0
    assert len(s.relation_false_positives) == 1
    assert s.relation_false_positives[0].head == "甲市科学技术局"


def test_directed_relation_reversed_is_a_miss() -> None:
    agency = ent("甲市科学技术局", "GovernmentAgency", "市科技局")
    policy = ent("《甲市创新条例》", "Policy", "《甲市创新条例》")
    s = score_document(extraction(agency, policy, relations=(rel("ISSUED_BY", agency, policy),)),
                       GOLD)
    assert s.relations.predicted_matched == 0
    assert {(m.type, m.head) for m in s.relation_misses} == {
        ("ISSUED_BY", "《甲市创新条例》"), ("COOPERATES_WITH", "乙大学")}


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
