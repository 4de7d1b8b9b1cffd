"""The abstracted sentence the relation patterns match on."""

from __future__ import annotations

from ingest.models import Sentence
from ingest.relations.lexicon import SLOT_FIRST, load_lexicon
from ingest.relations.view import build_view
from tests.relations.helpers import make_entities

LEXICON = load_lexicon()


def view_of(text: str, specs: list[tuple[str, str, list[str]]], start: int = 0):  # type: ignore[no-untyped-def]
    padded = "x" * start + text  # the sentence need not open the document
    entities = make_entities(padded, specs)
    return build_view(Sentence(text=text, start=start, end=start + len(text)), entities, LEXICON)


def slot(n: int) -> str:
    return chr(SLOT_FIRST + n)


def test_mentions_become_slots_in_order_and_keep_their_offsets() -> None:
    text = "南通大学与南通市科技局签订协议"
    specs = [("南通大学", "University", []), ("南通市科学技术局", "GovernmentAgency", ["南通市科技局"])]
    view = view_of(text, specs, 7)
    assert view.abstract == f"{slot(0)}与{slot(1)}签订协议"
    assert [(s.start, s.end) for s in view.slots] == [(7, 11), (12, 18)]
    assert [s.entity.name for s in view.slots if s.entity] == ["南通大学", "南通市科学技术局"]


def test_spaces_quotes_and_title_marks_are_dropped_and_full_width_folded() -> None:
    view = view_of("印发 《创新 办法》 “试行”ＡＢ１", [])
    assert view.abstract == "印发创新办法试行AB1"


def test_placeholder_code_points_in_the_text_are_dropped() -> None:
    view = view_of(f"甲{slot(3)}乙", [])
    assert view.abstract == "甲乙"
    assert view.slots == []


def test_clauses_split_at_boundaries_with_offsets_into_the_abstract() -> None:
    view = view_of("南通大学建设,,研究院;完成。", [("南通大学", "University", [])])
    assert [(c.text, c.offset) for c in view.clauses] == [(f"{slot(0)}建设", 0), ("研究院", 5), ("完成", 9)]


def test_a_sentence_of_boundaries_only_has_no_clause() -> None:
    assert view_of(",。;", []).clauses == []
