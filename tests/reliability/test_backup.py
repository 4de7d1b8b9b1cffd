"""Backup and restore: round trips that preserve the graph exactly, and refusal of bad dumps and targets."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.backup import (
    FORMAT,
    VERSION,
    DumpFormatError,
    SchemaViolation,
    TargetNotEmpty,
    UnsupportedDumpVersion,
    dump,
    inspect_dump,
    restore,
)
from graph.falkor import FalkorStore
from graph.loader import remove_document
from graph.snapshot import graph_state, iter_nodes, iter_relationships
from ingest.pipeline import ingest_files
from tests.reliability.samples import write_docs


@pytest.fixture
def target(falkor_dir: Path) -> Iterator[FalkorStore]:
    """A second empty graph to restore into."""
    s = FalkorStore(falkor_dir, graph_name=f"restore_{uuid.uuid4().hex[:12]}")
    yield s
    s.drop_all()
    s.close()


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    write_docs(folder)
    return folder


@pytest.fixture(scope="module")
def loaded(module_store: FalkorStore, docs_dir: Path) -> FalkorStore:
    summary = ingest_files(module_store, [docs_dir])
    assert summary.new == 3 and not summary.failed
    return module_store


def _raw(store: FalkorStore) -> tuple[list[Any], list[Any]]:
    """Everything, volatile properties included."""
    return list(iter_nodes(store)), list(iter_relationships(store))


def _lines(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _write_lines(path: Path, lines: list[Any]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for obj in lines:
            fh.write((obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)) + "\n")
    return path


def test_round_trip_preserves_the_graph_exactly(loaded: FalkorStore, target: FalkorStore, tmp_path: Path) -> None:
    out = tmp_path / "graph.jsonl.gz"
    info = dump(loaded, out)
    counts = loaded.read("total_counts").records()[0]
    assert (info.nodes, info.relationships) == (counts["nodes"], counts["relationships"])
    assert info.labels["Document"] == 3 and info.types["MENTIONS"] > 0
    header = _lines(out)[0]
    assert header["format"] == FORMAT and header["version"] == VERSION and header["backend"] == "falkordb"
    assert header["counts"] == {"nodes": info.nodes, "relationships": info.relationships}

    restored = restore(target, out)
    assert restored.nodes == info.nodes and restored.relationships == info.relationships
    assert graph_state(target) == graph_state(loaded)
    assert _raw(target) == _raw(loaded)  # even ingested_at survives


def test_restored_graph_indexes_answer_and_dump_again_identically(
    loaded: FalkorStore, target: FalkorStore, tmp_path: Path
) -> None:
    first = dump(loaded, tmp_path / "one.jsonl.gz")
    restore(target, tmp_path / "one.jsonl.gz")
    second = dump(target, tmp_path / "two.jsonl.gz")
    assert _lines(tmp_path / "one.jsonl.gz")[1:] == _lines(tmp_path / "two.jsonl.gz")[1:]
    assert (first.labels, first.types) == (second.labels, second.types)
    names = {r[0] for r in target.read_cypher("MATCH (a:University) RETURN a.name").rows}
    assert {"江南大学", "东南大学"} <= names


def test_restored_graph_behaves_like_the_original(
    loaded: FalkorStore, docs_dir: Path, target: FalkorStore, falkor_dir: Path, tmp_path: Path
) -> None:
    """Re-ingesting finds every document unchanged; removing one is as exact as on the original."""
    dump(loaded, tmp_path / "g.jsonl.gz")
    restore(target, tmp_path / "g.jsonl.gz")
    again = ingest_files(target, [docs_dir])
    assert again.unchanged == 3 and again.new == 0
    assert graph_state(target) == graph_state(loaded)

    doc_id = next(r.doc_id for r in again.documents)
    assert remove_document(target, doc_id)
    expected = FalkorStore(falkor_dir, graph_name=f"expected_{uuid.uuid4().hex[:12]}")
    try:
        ingest_files(expected, [docs_dir])
        assert remove_document(expected, doc_id)
        assert graph_state(target) == graph_state(expected)
    finally:
        expected.drop_all()


def test_small_batches_and_a_larger_synthetic_graph(store: FalkorStore, target: FalkorStore, tmp_path: Path) -> None:
    from ingest.synth import generate_corpus

    generate_corpus(tmp_path / "corpus", 12, seed=11, with_gold=False)
    assert ingest_files(store, [tmp_path / "corpus"]).new == 12
    info = dump(store, tmp_path / "s.jsonl.gz")
    assert info.nodes > 50 and info.relationships > 50
    restore(target, tmp_path / "s.jsonl.gz", batch_items=7)
    assert graph_state(target) == graph_state(store)


def test_empty_graph_round_trip(store: FalkorStore, target: FalkorStore, tmp_path: Path) -> None:
    info = dump(store, tmp_path / "empty.jsonl.gz")
    assert (info.nodes, info.relationships) == (0, 0)
    assert restore(target, tmp_path / "empty.jsonl.gz").nodes == 0
    assert graph_state(target) == (set(), set())


def test_non_empty_target_is_refused_unless_forced(loaded: FalkorStore, store: FalkorStore, tmp_path: Path) -> None:
    out = tmp_path / "g.jsonl.gz"
    dump(loaded, out)
    other = {"only.txt": "无锡市科学技术局通知\n\n江南大学与无锡青岚生物科技有限公司共建联合实验室。\n"}
    write_docs(tmp_path / "other", other)
    ingest_files(store, [tmp_path / "other"])
    before = graph_state(store)
    assert before[0]
    with pytest.raises(TargetNotEmpty, match="not empty") as caught:
        restore(store, out)
    assert caught.value.nodes == len(before[0])
    assert graph_state(store) == before
    restore(store, out, force=True)
    assert graph_state(store) == graph_state(loaded)


def test_a_dump_is_written_atomically(loaded: FalkorStore, tmp_path: Path) -> None:
    out = tmp_path / "sub" / "g.jsonl.gz"
    dump(loaded, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["g.jsonl.gz"]  # no temporary file left


# -- refusing bad files -----------------------------------------------------------------------------------
def _good_lines(loaded: FalkorStore, tmp_path: Path) -> list[dict[str, Any]]:
    return _lines(Path(dump(loaded, tmp_path / "good.jsonl.gz").path))


def _first(lines: list[dict[str, Any]], kind: str, rtype: str | None = None) -> int:
    return next(i for i, x in enumerate(lines) if x.get("kind") == kind and (rtype is None or x.get("type") == rtype))


def _bad_variants(lines: list[dict[str, Any]]) -> dict[str, tuple[list[Any], type[Exception], str]]:
    node = _first(lines, "node")
    actor = next(i for i, x in enumerate(lines) if "Actor" in x.get("labels", []))
    mention = _first(lines, "rel", "MENTIONS")
    typed = _first(lines, "rel", "CO_BUILDS")

    def edit(i: int, **change: Any) -> list[Any]:
        copy = [dict(x) for x in lines]
        copy[i] = {**copy[i], **change}
        return copy

    header = lines[0]
    return {
        "wrong format": ([{**header, "format": "something-else"}, *lines[1:]], DumpFormatError, "not an"),
        "newer version": ([{**header, "version": VERSION + 1}, *lines[1:]], UnsupportedDumpVersion, "version"),
        "version is text": ([{**header, "version": "1"}, *lines[1:]], DumpFormatError, "version"),
        "truncated": (lines[:-1], DumpFormatError, "truncated"),
        "repeated line": ([*lines, lines[-1]], DumpFormatError, "appears twice"),
        "header counts too few": (
            [
                {**header, "counts": {**header["counts"], "relationships": header["counts"]["relationships"] - 1}},
                *lines[1:],
            ],
            DumpFormatError,
            "more relationship lines",
        ),
        "header counts too many nodes": (
            [{**header, "counts": {**header["counts"], "nodes": header["counts"]["nodes"] + 1}}, *lines[1:]],
            DumpFormatError,
            "node lines before the relationships",
        ),
        "node after relationships": ([*lines[:node], *lines[node + 1 :], lines[node]], DumpFormatError, "after"),
        "unknown label": (edit(node, labels=["Person"]), SchemaViolation, "Person"),
        "label injection": (
            edit(actor, labels=["Actor", "City`) DETACH DELETE (x"]),
            SchemaViolation,
            "not in the graph schema",
        ),
        "two actor types": (edit(actor, labels=["Actor", "City", "University"]), SchemaViolation, "combination"),
        "unknown type": (edit(typed, type="OWNS"), SchemaViolation, "OWNS"),
        "type injection": (edit(typed, type="CO_BUILDS]->() DELETE x//"), SchemaViolation, "not in the graph schema"),
        "missing endpoint": (edit(mention, end="a_nonexistent"), SchemaViolation, "no such node"),
        "wrong endpoint kind": (edit(mention, type="HAS_EVIDENCE"), SchemaViolation, "Document -> Evidence"),
        "nested property": (edit(node, props={**lines[node]["props"], "x": {"a": 1}}), SchemaViolation, "type dict"),
        "null property": (edit(node, props={**lines[node]["props"], "x": None}), SchemaViolation, "null"),
        "no id": (edit(node, props={"name": "nameless"}), SchemaViolation, "id"),
        "duplicate id": ([*lines[: node + 1], lines[node], *lines[node + 1 :]], DumpFormatError, "appears twice"),
        "unknown kind": (edit(node, kind="index"), DumpFormatError, "unknown line kind"),
        "not an object": ([*lines[:2], [1, 2], *lines[2:]], DumpFormatError, "JSON object"),
        "bad json": ([*lines[:2], '{"kind": "node", ', *lines[2:]], DumpFormatError, "not a JSON line"),
    }


def test_bad_dumps_are_refused_before_any_write(loaded: FalkorStore, target: FalkorStore, tmp_path: Path) -> None:
    lines = _good_lines(loaded, tmp_path)
    for name, (bad, error, message) in _bad_variants(lines).items():
        path = _write_lines(tmp_path / f"{name.replace(' ', '_')}.jsonl.gz", bad)
        with pytest.raises(error, match=message) as caught:
            restore(target, path)
        assert str(path) in str(caught.value), name
        with pytest.raises(error):
            inspect_dump(path)
        assert graph_state(target) == (set(), set()), f"{name}: the target was written to"


def test_not_gzip_truncated_gzip_empty_and_missing_files(
    loaded: FalkorStore, target: FalkorStore, tmp_path: Path
) -> None:
    good = Path(dump(loaded, tmp_path / "good.jsonl.gz").path)
    data = good.read_bytes()
    plain = tmp_path / "plain.jsonl"
    plain.write_text(gzip.decompress(data).decode("utf-8"), encoding="utf-8")
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.jsonl.gz"
    flipped.write_bytes(data[:40] + bytes([data[40] ^ 0xFF]) + data[41:])
    empty = tmp_path / "empty.jsonl.gz"
    _write_lines(empty, [])
    zero = tmp_path / "zero.gz"
    zero.write_bytes(b"")
    for path in (plain, cut, flipped, empty, zero, tmp_path / "missing.gz", tmp_path):
        with pytest.raises(DumpFormatError) as caught:
            restore(target, path)
        assert caught.value.path == str(path)
    assert graph_state(target) == (set(), set())


def test_restore_refuses_a_bad_batch_size(loaded: FalkorStore, target: FalkorStore, tmp_path: Path) -> None:
    out = tmp_path / "g.jsonl.gz"
    dump(loaded, out)
    with pytest.raises(ValueError, match="0"):
        restore(target, out, batch_items=0)


def test_cli_dump_and_restore(loaded: FalkorStore, target: FalkorStore, falkor_dir: Path, tmp_path: Path) -> None:
    import os

    from typer.testing import CliRunner

    from api.cli import app as cli

    out = tmp_path / "cli.jsonl.gz"
    runner = CliRunner()
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(falkor_dir), "INNOGRAPH_GRAPH_NAME": loaded.graph_name}
    result = runner.invoke(cli, ["db", "dump", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert inspect_dump(out).nodes == loaded.read("total_counts").records()[0]["nodes"]
    env["INNOGRAPH_GRAPH_NAME"] = target.graph_name
    result = runner.invoke(cli, ["db", "restore", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert graph_state(target) == graph_state(loaded)
    again = runner.invoke(cli, ["db", "restore", str(out)], env=env)
    assert again.exit_code == 1 and "TargetNotEmpty" in again.output
    forced = runner.invoke(cli, ["db", "restore", "--force", str(out)], env=env)
    assert forced.exit_code == 0, forced.output
    assert graph_state(target) == graph_state(loaded)
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"not gzip")
    refused = runner.invoke(cli, ["db", "restore", "--force", str(bad)], env=env)
    assert refused.exit_code == 1 and "DumpFormatError" in refused.output
    assert graph_state(target) == graph_state(loaded)
