"""Administrative hierarchy edges from the project's gazetteer."""

from __future__ import annotations

from ingest.gazetteer import load_gazetteer
from ingest.models import Entity, Mention, actor_id
from ingest.relations import HIERARCHY_RULE, extract_relations, hierarchy_relations, scored_relations
from ingest.sentences import split_sentences
from tests.relations.helpers import make_doc


def _place(name: str, etype: str, text: str = "", start: int = 0) -> Entity:
    mentions = [Mention(text=text, start=start, end=start + len(text))] if text else []
    return Entity(id=actor_id(etype, name), name=name, type=etype, mentions=mentions)  # type: ignore[arg-type]


def test_district_and_county_level_city_are_located_in_their_city() -> None:
    entities = [_place("崇川区", "District", "崇川", 5), _place("如皋市", "City", "如皋", 9)]
    extra, relations = hierarchy_relations(entities, load_gazetteer())
    assert [e.name for e in extra] == ["南通市"]
    assert extra[0].implicit and extra[0].type == "City"
    parent = extra[0].id
    assert {(r.head, r.tail) for r in relations} == {(entities[0].id, parent), (entities[1].id, parent)}
    for r in relations:
        assert r.type == "LOCATED_IN" and r.source == "gazetteer" and r.rule == HIERARCHY_RULE
        assert len(r.evidence) == 1 and r.evidence[0].text in ("崇川", "如皋")


def test_prefecture_city_has_no_parent_and_known_parent_is_reused() -> None:
    city = _place("南通市", "City", "南通", 0)
    extra, relations = hierarchy_relations([city, _place("如东县", "District")], load_gazetteer())
    assert extra == []
    assert len(relations) == 1 and relations[0].tail == city.id and relations[0].evidence == []


def test_extract_relations_adds_hierarchy_only_towards_listed_cities_and_scoring_leaves_it_out() -> None:
    text = "崇川区、如皋市加快发展。南通市科技工作会议召开。"
    doc = make_doc(text)
    listed = [_place("崇川区", "District", "崇川区", 0), _place("南通市", "City", "南通市", 12)]
    relations = extract_relations(doc, split_sentences(text), listed).relations
    assert [(r.type, r.source) for r in relations] == [("LOCATED_IN", "gazetteer")]
    assert scored_relations(relations) == []
    unlisted = [_place("崇川区", "District", "崇川区", 0)]
    found = extract_relations(doc, split_sentences(text), unlisted).relations
    assert [r for r in found if r.source == "gazetteer"] == []
