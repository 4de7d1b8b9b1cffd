"""The shared network options (graph/analysis_options.py): one check and one message for every interface."""

from __future__ import annotations

import pytest

from graph.analysis_options import CHOICES, InvalidFilterError, UnknownChoiceError, choose, network_filter


def test_exact_and_case_folded_values_are_kept() -> None:
    assert choose("relation type", "CO_BUILDS") == "CO_BUILDS"
    assert choose("actor type", " researchinstitute ") == "ResearchInstitute"
    assert choose("export format", "GEXF") == "gexf"


@pytest.mark.parametrize(
    ("what", "typed", "close"),
    [
        ("relation type", "CO_BUILD", "CO_BUILDS"),
        ("actor type", "Univ", "University"),
        ("measure", "betweeness", "betweenness"),
        ("export format", "csv", "csv-nodes"),
        ("community method", "louvian", "louvain"),
    ],
)
def test_a_near_miss_names_its_close_match_and_every_allowed_value(what: str, typed: str, close: str) -> None:
    with pytest.raises(UnknownChoiceError) as caught:
        choose(what, typed)
    message = str(caught.value)
    assert f"did you mean {close}" in message or f"or {close}" in message
    assert all(value in message for value in CHOICES[what])
    assert caught.value.value == typed


def test_a_far_miss_still_lists_the_allowed_values() -> None:
    with pytest.raises(UnknownChoiceError, match=r"unknown measure 'bogus' \(choose from degree"):
        choose("measure", "bogus")


def test_the_filter_is_canonical() -> None:
    flt = network_filter(types=["university", "Enterprise", "University"], rel_types=["co_builds"], drop_isolates=True)
    assert flt.actor_types == ("Enterprise", "University")
    assert flt.relation_types == ("CO_BUILDS",)
    assert flt.keep_isolates is False
    assert network_filter() == network_filter(types=[], rel_types=None)


@pytest.mark.parametrize(
    "options",
    [{"year_from": 2021, "year_to": 2019}, {"two_mode": "platforms", "directed": True}, {"min_weight": -1}],
)
def test_contradictions_are_refused(options: dict) -> None:
    with pytest.raises(InvalidFilterError):
        network_filter(**options)
