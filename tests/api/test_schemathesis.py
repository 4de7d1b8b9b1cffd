"""Property-based run over the app's OpenAPI schema: no 5xx, every answer as documented.

One test per operation, each bounded to a few dozen generated requests, so the module runs in well
under two minutes. The schema is loaded inside the test from the app bound to the real sample graph
(schemathesis' lazy pytest fixture loader does not work with the project's pytest version).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app
from graph.falkor import FalkorStore
from tests.api.conftest import make_settings

pytestmark = pytest.mark.timeout(300)

MAX_EXAMPLES = 15
# Listing the operations needs only the schema, not a database.
OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in create_app(make_settings()).openapi()["paths"].items()
    for method in item
    if method in {"get", "post", "put", "patch", "delete"}
)


@pytest.fixture(scope="module")
def api_schema(api_store: FalkorStore) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(make_settings(), api_store))


def not_a_server_error(ctx: Any, response: Any, case: Any) -> None:  # noqa: ARG001 - schemathesis check signature
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"


def test_every_operation_is_fuzzed() -> None:
    paths = {p for _, p in OPERATIONS}
    for expected in ("/stats", "/actors", "/actors/{actor_id}/neighbors", "/paths", "/network", "/cypher"):
        assert expected in paths


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_conforms_to_the_schema(method: str, path: str, api_schema: Any) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(
            checks=[content_type_conformance, response_schema_conformance, status_code_conformance],
            additional_checks=[not_a_server_error],
        )

    run()
