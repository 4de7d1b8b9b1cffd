"""Fixtures of the API tests: the real app on a real FalkorDB graph loaded with the sample documents.

``api_store`` is the graph the read-only tests share (one per module); ``loaded_store`` is a fresh copy
for tests that write. To run the suite on another data set, change ``_load`` only.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.falkor import FalkorStore
from graph.schema import init_schema
from tests.api.sample import load_sample

WRITE_KEY = "test-write-key-0123456789"
READ_KEY = "test-read-key-0123456789"


def _load(store: FalkorStore) -> None:
    load_sample(store)


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"api_key": SecretStr(WRITE_KEY), "query_timeout_ms": 10_000, "row_limit": 1_000}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def api_store(module_store: FalkorStore) -> FalkorStore:
    _load(module_store)
    return module_store


@pytest.fixture
def loaded_store(falkor_dir: Path) -> Iterator[FalkorStore]:
    s = FalkorStore(falkor_dir, graph_name=f"api_{uuid.uuid4().hex[:12]}")
    init_schema(s)
    _load(s)
    yield s
    s.drop_all()
    s.close()


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(store: FalkorStore, **overrides: Any) -> TestClient:
        client = TestClient(create_app(make_settings(**overrides), store), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture(scope="module")
def client(api_store: FalkorStore) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), api_store), raise_server_exceptions=False) as c:
        yield c


def error_of(response: Any) -> dict[str, Any]:
    """The stable error body: {"error": {"code", "message", "detail"?}}."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"]), body
    assert "Traceback" not in response.text
    return dict(body["error"])
