"""Constructions of the genre learnt on ../shared/corpus-genre, on sentences written for these tests."""

from __future__ import annotations

from ingest.extract import extract_document
from ingest.models import Entity
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
