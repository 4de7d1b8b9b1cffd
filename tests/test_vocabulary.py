"""The vocabulary is defined once (graph.vocabulary); every other place reads it from there."""

from __future__ import annotations

import doctest
from pathlib import Path

import yaml

import graph.vocabulary as vocabulary
from graph.vocabulary import ENTITY_TYPES, RELATION_TYPES, RELATIONS, SYMMETRIC_RELATIONS, canonical_ends

PATTERNS = Path(__file__).resolve().parents[1] / "ingest" / "relations" / "data" / "patterns.yaml"


def test_every_relation_type_has_one_spec_in_order() -> None:
    assert tuple(RELATIONS) == RELATION_TYPES
    for spec in RELATIONS.values():
        assert spec.head <= set(ENTITY_TYPES) and spec.tail <= set(ENTITY_TYPES), spec.type
        assert spec.head and spec.tail, spec.type


def test_symmetry() -> None:
    assert SYMMETRIC_RELATIONS == {"COOPERATES_WITH"}
    assert canonical_ends("COOPERATES_WITH", "a_2", "a_1") == ("a_1", "a_2")
    assert canonical_ends("CO_BUILDS", "a_2", "a_1") == ("a_2", "a_1")


def test_relation_patterns_agree_with_the_vocabulary() -> None:
    """patterns.yaml's ``types:`` (what the relation step may connect) must be the vocabulary's."""
    types = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))["types"]
    assert set(types) == set(RELATION_TYPES)
    for rtype, ends in types.items():
        assert set(ends["head"]) == RELATIONS[rtype].head, rtype
        assert set(ends["tail"]) == RELATIONS[rtype].tail, rtype


def test_re_exports_are_the_same_objects() -> None:
    import graph.analysis.projection as projection
    import ingest.models as models

    assert models.ENTITY_TYPES is ENTITY_TYPES and models.RELATION_TYPES is RELATION_TYPES
    assert projection.SYMMETRIC_RELATIONS is SYMMETRIC_RELATIONS
    assert set(projection.ACTOR_TYPES) == set(ENTITY_TYPES) - {"Policy", "Programme"}


def test_doctests() -> None:
    assert doctest.testmod(vocabulary).failed == 0
