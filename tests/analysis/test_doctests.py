"""The ``>>>`` examples in graph.analysis (and the vocabulary) run as tests, networkx's habit."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graph.analysis

MODULES = sorted(
    [
        "graph.vocabulary",
        "graph.analysis",
        *(f"graph.analysis.{m.name}" for m in pkgutil.iter_modules(graph.analysis.__path__)),
    ]
)


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed"


def test_the_public_functions_have_examples() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name)))
    assert examples >= 20
