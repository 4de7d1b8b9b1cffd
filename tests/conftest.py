"""Shared fixtures: a real embedded FalkorDB server for the whole session, an isolated graph per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer
from graph.falkor import FalkorStore
from graph.schema import init_schema

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "tests" / "gold"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


requires_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="the sample corpus ../shared/corpus is absent (it is not part of the repo)"
)


@pytest.fixture(scope="session")
def falkor_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Data directory of one real FalkorDB server shared by the session's tests."""
    data_dir = tmp_path_factory.mktemp("falkordb")
    server = EmbeddedServer(data_dir)
    server.ensure()
    yield data_dir
    server.stop()


@pytest.fixture
def store(falkor_dir: Path) -> Iterator[FalkorStore]:
    """A FalkorStore on its own, empty graph, with the schema created; deleted afterwards."""
    s = FalkorStore(falkor_dir, graph_name=f"test_{uuid.uuid4().hex[:12]}")
    init_schema(s)
    yield s
    s.drop_all()
    s.close()


@pytest.fixture(scope="module")
def module_store(falkor_dir: Path) -> Iterator[FalkorStore]:
    """Like ``store`` but shared by one test module (for expensive loads)."""
    s = FalkorStore(falkor_dir, graph_name=f"mod_{uuid.uuid4().hex[:12]}")
    init_schema(s)
    yield s
    s.drop_all()
    s.close()
