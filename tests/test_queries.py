"""The query library: headers, parameter checks, and every query run for real on FalkorDB."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.errors import QueryFileError, QueryParameterError, ReadOnlyViolation, UnknownQueryError
from graph.queries import QueryLibrary, bind_parameters, default_library, parse_query_file, used_parameters

REPO = Path(__file__).resolve().parents[1]
LIB = default_library()
FALKOR_QUERIES = [q for q in LIB.for_backend("falkordb")]
NEO4J_QUERIES = [q for q in LIB.for_backend("neo4j")]


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def test_header_parsed(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "q.cypher",
        "// name: q\n// mode: read\n// params: a, b?\n// columns: x\n"
        "// description: test\nMATCH (n {id: $a}) WHERE $b IS NULL RETURN n.id AS x\n",
    )
    q = parse_query_file(p, tmp_path)
    assert q.params == ("a", "b") and q.optional_params == ("b",) and q.columns == ("x",)
    assert bind_parameters(q, {"a": 1}) == {"a": 1, "b": None}


def test_parameter_mismatch_names_the_file(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "bad.cypher",
        "// name: bad\n// mode: read\n// params: a\n// columns: x\nMATCH (n {id: $other}) RETURN n.id AS x\n",
    )
    with pytest.raises(QueryFileError, match="bad.cypher"):
        parse_query_file(p, tmp_path)


def test_name_must_match_file(tmp_path: Path) -> None:
    p = _write(tmp_path, "one.cypher", "// name: two\n// mode: read\n// params: none\n// columns: x\nRETURN 1 AS x\n")
    with pytest.raises(QueryFileError, match="differs from the file name"):
        parse_query_file(p, tmp_path)


def test_parameters_in_strings_and_comments_are_not_parameters() -> None:
    assert used_parameters("MATCH (n) WHERE n.x = '$nope' // $neither\nRETURN $yes") == {"yes"}


def test_bind_rejects_unknown_and_missing() -> None:
    q = LIB.get("document_status", "falkordb")
    with pytest.raises(QueryParameterError, match="no parameter"):
        bind_parameters(q, {"id": "x", "source": "y", "evil": 1})
    with pytest.raises(QueryParameterError, match="needs parameter"):
        bind_parameters(q, {"id": "x"})


def test_unknown_query() -> None:
    with pytest.raises(UnknownQueryError, match="no_such_query"):
        LIB.get("no_such_query", "falkordb")


def test_library_is_the_whole_cypher_dir() -> None:
    files = sorted((REPO / "cypher").rglob("*.cypher"))
    assert len(LIB.all()) == len(files) > 0
    assert isinstance(QueryLibrary(REPO / "cypher"), QueryLibrary)


def test_every_parameterised_query_has_an_example() -> None:
    missing = [q.path.name for q in LIB.all() if q.params and not q.example]
    assert not missing, f"queries without an '// example:' header: {missing}"


@pytest.mark.parametrize("query", FALKOR_QUERIES, ids=lambda q: q.name)
def test_query_runs_on_falkordb_with_promised_columns(query, store) -> None:  # noqa: ANN001
    if query.mode == "schema":
        store.run_schema(query.name)  # idempotent: a second call must not fail either
        store.run_schema(query.name)
        return
    # Load the example document first so reads have something to find.
    store.write("load_document", LIB.get("load_document", "falkordb").example)
    params = dict(query.example)
    if query.mode == "read":
        res = store.read(query.name, params)
    else:
        res = store.write(query.name, params)
    assert res.columns == list(query.columns), f"{query.path.name} returned {res.columns}"


def test_read_path_refuses_a_write_query(store) -> None:  # noqa: ANN001
    with pytest.raises(ReadOnlyViolation):
        store.read("delete_all")
    with pytest.raises(ReadOnlyViolation):
        store.read_cypher("CREATE (n:Actor {id: 'x'}) RETURN n")
    assert store.read("total_counts").records()[0]["nodes"] == 0


def _node() -> str | None:
    return shutil.which("node")


@pytest.mark.skipif(_node() is None, reason="node is not installed")
def test_every_neo4j_query_passes_neo4j_parser() -> None:
    if not (REPO / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.fail("npm dev tools missing: run `npm ci` (make test does)")
    payload = [
        {"name": f"{q.name}.{q.backend or 'both'}", "text": q.text, "params": list(q.params)} for q in NEO4J_QUERIES
    ]
    out = subprocess.run(
        ["node", str(REPO / "tests" / "support" / "lint_cypher.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    diagnostics = json.loads(out.stdout)
    assert set(diagnostics) == {p["name"] for p in payload}
    errors = {name: [d for d in diags if d["severity"] == 1] for name, diags in diagnostics.items()}
    errors = {k: v for k, v in errors.items() if v}
    assert not errors, json.dumps(errors, ensure_ascii=False, indent=1)


@pytest.mark.skipif(_node() is None, reason="node is not installed")
def test_neo4j_parser_catches_a_broken_query() -> None:
    payload = [{"name": "broken", "text": "MATCH (n RETURN n", "params": []}]
    out = subprocess.run(
        ["node", str(REPO / "tests" / "support" / "lint_cypher.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    assert json.loads(out.stdout)["broken"], "the parser accepted invalid Cypher"
