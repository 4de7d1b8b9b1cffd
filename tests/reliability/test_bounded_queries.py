"""Defect 2 of the reliability issue: one query must not stall the database for everyone.

FalkorDB's parser takes time exponential in the nesting depth of a literal (seconds at 20 levels,
more than a minute at 25), in the server's own thread and beyond the query time limit. Ad-hoc
queries are therefore bounded in size and depth before they are sent; the time limit bounds the rest.
"""

from __future__ import annotations

import pytest

from graph.errors import QueryParameterError, QueryTooComplex
from graph.queries import MAX_AD_HOC_CHARS, MAX_NESTING, check_ad_hoc_query, nesting_depth


def _nested(depth: int) -> str:
    return "RETURN " + "[" * depth + "1" + "]" * depth + " AS x"


def test_nesting_depth_ignores_strings_and_comments() -> None:
    assert nesting_depth("MATCH (a)-[r]->(b {x: [1, (2)]})") == 4
    check_ad_hoc_query("RETURN '[[[[[[[[[[[[[[[[[[[[[[[[[[' AS s // ((((((((((((((((((((")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 25, 400])
def test_a_deeply_nested_literal_is_refused_before_the_store(store, depth: int) -> None:  # noqa: ANN001
    with pytest.raises(QueryTooComplex, match="levels deep"):
        store.read_cypher(_nested(depth))
    expected: object = 1
    for _ in range(MAX_NESTING):
        expected = [expected]
    assert store.read_cypher(_nested(MAX_NESTING)).rows == [[expected]]  # the limit itself runs


def test_an_over_long_query_is_refused(store) -> None:  # noqa: ANN001
    with pytest.raises(QueryTooComplex, match="characters"):
        store.read_cypher("RETURN 1 AS x" + " " * MAX_AD_HOC_CHARS)


def test_a_deeply_nested_parameter_is_refused(store) -> None:  # noqa: ANN001
    value: object = 1
    for _ in range(MAX_NESTING + 2):
        value = [value]
    with pytest.raises(QueryParameterError, match="deeper"):
        store.read_cypher("RETURN $v AS v", {"v": value})
