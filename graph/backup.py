"""Backup and restore of the whole graph in a portable, versioned file (``innograph db dump/restore``).

Format (``innograph-dump`` version 1): gzip-compressed JSON lines, UTF-8.

* line 1, the header::

      {"format": "innograph-dump", "version": 1, "backend": "falkordb", "created": "2024-...Z",
       "counts": {"nodes": N, "relationships": M}}

* then N node lines ``{"kind": "node", "labels": [...], "props": {...}}``
* then M relationship lines ``{"kind": "rel", "start": ID, "end": ID, "type": T, "props": {...}}``

Nodes are identified by their ``id`` property (every node of the schema has one), so a dump made on
one backend restores on the other. Only the schema's labels and relationship types are accepted;
labels and types cannot be query parameters in Cypher, so the write queries of ``cypher/backup``
name each of them explicitly and this module refuses anything else before a single write.

A restore reads the whole file once to validate it (header, version, counts, labels, types, unique
ids, endpoints present) and only then writes, in batches, into an EMPTY graph: a corrupt or
truncated file leaves the target untouched. ``force=True`` empties a non-empty target first.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import GraphError
from graph.schema import (
    ACTOR_LABEL,
    ACTOR_RELATIONSHIPS,
    ACTOR_TYPES,
    BOOKKEEPING_RELATIONSHIPS,
    DOCUMENT_LABEL,
    EVIDENCE_LABEL,
)
from graph.snapshot import iter_nodes, iter_relationships
from graph.store import GraphStore

log = logging.getLogger(__name__)

FORMAT = "innograph-dump"
VERSION = 1
#: a batch is sent when it holds this many items or this many bytes of JSON, whichever comes first
BATCH_ITEMS = 1000
BATCH_BYTES = 4_000_000

INDICATOR_LABEL = "Indicator"  # stated figures (issue 17): (Document)-[:STATES]->(Indicator)-[:OF]->(Actor)
NODE_LABELS = frozenset({ACTOR_LABEL, DOCUMENT_LABEL, EVIDENCE_LABEL, INDICATOR_LABEL, *ACTOR_TYPES})
REL_TYPES = frozenset({*BOOKKEEPING_RELATIONSHIPS, *ACTOR_RELATIONSHIPS, "STATES", "OF"})
# which kind of node each relationship type joins (start kind, end kind)
_ENDPOINTS: dict[str, tuple[str, str]] = {
    "MENTIONS": (DOCUMENT_LABEL, ACTOR_LABEL),
    "HAS_EVIDENCE": (DOCUMENT_LABEL, EVIDENCE_LABEL),
    "STATES": (DOCUMENT_LABEL, INDICATOR_LABEL),
    "OF": (INDICATOR_LABEL, ACTOR_LABEL),
    **{t: (ACTOR_LABEL, ACTOR_LABEL) for t in ACTOR_RELATIONSHIPS},
}
_REL_QUERY = {
    "MENTIONS": "restore_mentions",
    "HAS_EVIDENCE": "restore_evidence_links",
    "STATES": "indicator_restore_states",
    "OF": "indicator_restore_of",
}
_ACTOR_REL_QUERY = "restore_actor_relationships"


class BackupError(GraphError):
    """Base class of dump and restore errors."""


class DumpFormatError(BackupError):
    """The file is not a readable dump of this format (not gzip, bad JSON, truncated, wrong content)."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.line = line


class UnsupportedDumpVersion(BackupError):
    """The dump was written by a newer (or unknown) version of the format."""

    def __init__(self, path: Path | str, version: object) -> None:
        super().__init__(
            f"{path}: dump format version {version!r} is not supported (this program reads versions 1..{VERSION})"
        )
        self.path = str(path)
        self.version = version


class SchemaViolation(DumpFormatError):
    """A node label, relationship type or property in the dump is outside the graph schema."""


class TargetNotEmpty(BackupError):
    """The target graph holds data; restoring would mix two graphs."""

    def __init__(self, nodes: int, relationships: int) -> None:
        super().__init__(
            f"the target graph is not empty ({nodes} nodes, {relationships} relationships); "
            "restore into an empty graph, or pass force=True (--force) to delete its content first"
        )
        self.nodes = nodes
        self.relationships = relationships


class GraphChangedDuringDump(BackupError):
    """The graph was written to while it was being dumped: the file would not be a consistent copy."""


@dataclass(frozen=True)
class DumpInfo:
    """What a dump file holds (or what was written / restored)."""

    path: str
    version: int
    backend: str
    created: str
    nodes: int
    relationships: int
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "version": self.version,
            "backend": self.backend,
            "created": self.created,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "labels": dict(self.labels),
            "types": dict(self.types),
        }


# -- dump -------------------------------------------------------------------------------------------
def _line(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


def _counts(store: GraphStore) -> tuple[int, int]:
    row = store.read("total_counts", timeout_ms=0).records()[0]
    return int(row["nodes"]), int(row["relationships"])


def _clean_props(props: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (props or {}).items() if v is not None}


def dump(store: GraphStore, out: Path) -> DumpInfo:
    """Write the whole graph of ``store`` to ``out`` (gzip'd JSON lines); returns what was written.

    The file appears atomically (written to a temporary name, then renamed). Dump while nothing
    writes to the graph: if the node or relationship count changes during the dump,
    :class:`GraphChangedDuringDump` is raised and no file is left behind.
    """
    out = Path(out)
    nodes_before, rels_before = _counts(store)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "backend": store.backend,
        "created": created,
        "counts": {"nodes": nodes_before, "relationships": rels_before},
    }
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    n_nodes = n_rels = 0
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with gzip.open(tmp, "wb") as fh:
            fh.write(_line(header))
            for node in iter_nodes(store):
                node_labels = sorted(node["labels"])
                for label in node_labels:
                    labels[label] = labels.get(label, 0) + 1
                fh.write(_line({"kind": "node", "labels": node_labels, "props": _clean_props(node["props"])}))
                n_nodes += 1
            for rel in iter_relationships(store):
                types[rel["type"]] = types.get(rel["type"], 0) + 1
                fh.write(
                    _line(
                        {
                            "kind": "rel",
                            "start": rel["start"],
                            "end": rel["end"],
                            "type": rel["type"],
                            "props": _clean_props(rel["props"]),
                        }
                    )
                )
                n_rels += 1
        after = _counts(store)
        if (n_nodes, n_rels) != (nodes_before, rels_before) or after != (nodes_before, rels_before):
            raise GraphChangedDuringDump(
                f"the graph changed during the dump (counted {nodes_before} nodes and {rels_before} relationships "
                f"before, wrote {n_nodes} and {n_rels}, {after[0]} and {after[1]} after); "
                "dump again while no ingest runs"
            )
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("dumped %d nodes and %d relationships to %s", n_nodes, n_rels, out)
    return DumpInfo(
        path=str(out),
        version=VERSION,
        backend=store.backend,
        created=created,
        nodes=n_nodes,
        relationships=n_rels,
        labels=labels,
        types=types,
    )


# -- reading and validation ---------------------------------------------------------------------------
def _iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, JSON object) of every line; DumpFormatError on anything unreadable."""
    lineno = 0
    try:
        with gzip.open(path, "rb") as fh:
            for raw in fh:
                lineno += 1
                if not raw.strip():
                    raise DumpFormatError(path, "empty line", lineno)
                try:
                    obj = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise DumpFormatError(path, f"not a JSON line ({exc})", lineno) from exc
                if not isinstance(obj, dict):
                    raise DumpFormatError(path, f"expected a JSON object, got {type(obj).__name__}", lineno)
                yield lineno, obj
    except FileNotFoundError as exc:
        raise DumpFormatError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise DumpFormatError(path, "is a directory") from exc
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise DumpFormatError(path, f"not a complete gzip file ({exc})", lineno or None) from exc


def _check_header(path: Path, obj: dict[str, Any]) -> tuple[int, str, str, int, int]:
    if obj.get("format") != FORMAT:
        raise DumpFormatError(path, f"not an {FORMAT} file (format {obj.get('format')!r})", 1)
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DumpFormatError(path, f"invalid format version {version!r}", 1)
    if version > VERSION:
        raise UnsupportedDumpVersion(path, version)
    counts = obj.get("counts")
    if not isinstance(counts, dict):
        raise DumpFormatError(path, "the header has no counts", 1)
    n, m = counts.get("nodes"), counts.get("relationships")
    if not isinstance(n, int) or not isinstance(m, int) or n < 0 or m < 0:
        raise DumpFormatError(path, f"invalid counts {counts!r}", 1)
    return version, str(obj.get("backend", "")), str(obj.get("created", "")), n, m


_SCALARS = (str, int, float, bool)


def _check_props(path: Path, lineno: int, props: object) -> dict[str, Any]:
    if not isinstance(props, dict):
        raise DumpFormatError(path, f"props must be an object, got {props!r:.80}", lineno)
    for key, value in props.items():
        if not key:
            raise SchemaViolation(path, "a property has an empty name", lineno)
        if value is None:
            raise SchemaViolation(path, f"property {key!r} is null (absent properties are left out)", lineno)
        if isinstance(value, list):
            if not all(isinstance(v, _SCALARS) for v in value):
                raise SchemaViolation(path, f"property {key!r} is a list of non-scalar values: {value!r:.80}", lineno)
        elif not isinstance(value, _SCALARS):
            raise SchemaViolation(path, f"property {key!r} has a value of type {type(value).__name__}", lineno)
    return props


def _node_kind(path: Path, lineno: int, labels: object) -> str:
    """Document, Evidence, Indicator or Actor; SchemaViolation for any other label set."""
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or not labels:
        raise DumpFormatError(path, f"labels must be a non-empty list of strings, got {labels!r:.80}", lineno)
    unknown = sorted(set(labels) - NODE_LABELS)
    if unknown:
        raise SchemaViolation(path, f"node label(s) {unknown} are not in the graph schema", lineno)
    label_set = set(labels)
    if label_set in ({DOCUMENT_LABEL}, {EVIDENCE_LABEL}, {INDICATOR_LABEL}):
        return labels[0]
    types = label_set - {ACTOR_LABEL}
    if ACTOR_LABEL in label_set and len(types) == 1:
        return ACTOR_LABEL
    raise SchemaViolation(path, f"label combination {sorted(label_set)} is not in the graph schema", lineno)


@dataclass
class _Scan:
    version: int = 0
    backend: str = ""
    created: str = ""
    nodes: int = 0
    relationships: int = 0


def _records(path: Path, *, check_only: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """Validate the dump line by line, yielding ("header"|"node"|"rel", record) as it goes.

    ``check_only`` runs the full validation (to be done once, before any write); the yielded records
    are the same in both modes.
    """
    scan = _Scan()
    kinds: dict[str, str] = {}  # node id -> Document / Evidence / Actor
    expected_nodes = expected_rels = 0
    seen_rels: set[tuple[str, str, str]] = set()
    for lineno, obj in _iter_records(path):
        if lineno == 1:
            scan.version, scan.backend, scan.created, expected_nodes, expected_rels = _check_header(path, obj)
            yield "header", obj
            continue
        kind = obj.get("kind")
        if kind == "node":
            if scan.relationships:
                raise DumpFormatError(path, "a node line after the relationship lines", lineno)
            node_kind = _node_kind(path, lineno, obj.get("labels"))
            props = _check_props(path, lineno, obj.get("props"))
            node_id = props.get("id")
            if not isinstance(node_id, str) or not node_id:
                raise SchemaViolation(path, f"a node without a string id property: {props!r:.120}", lineno)
            if check_only:
                if node_id in kinds:
                    raise DumpFormatError(path, f"node id {node_id!r} appears twice", lineno)
                kinds[node_id] = node_kind
            scan.nodes += 1
            if scan.nodes > expected_nodes:
                raise DumpFormatError(path, f"more node lines than the {expected_nodes} the header announces", lineno)
            yield "node", {"labels": sorted(set(obj["labels"])), "props": props}
        elif kind == "rel":
            if scan.nodes != expected_nodes:
                raise DumpFormatError(
                    path,
                    f"{scan.nodes} node lines before the relationships, the header announces {expected_nodes}",
                    lineno,
                )
            rtype, start, end = obj.get("type"), obj.get("start"), obj.get("end")
            if not isinstance(rtype, str) or rtype not in REL_TYPES:
                raise SchemaViolation(path, f"relationship type {rtype!r} is not in the graph schema", lineno)
            if not isinstance(start, str) or not isinstance(end, str):
                raise DumpFormatError(path, f"relationship endpoints must be node ids, got {start!r}, {end!r}", lineno)
            props = _check_props(path, lineno, obj.get("props"))
            if check_only:
                want = _ENDPOINTS[rtype]
                got = (kinds.get(start), kinds.get(end))
                if got != want:
                    raise SchemaViolation(
                        path,
                        f"{rtype} from {start!r} ({got[0] or 'no such node'}) to {end!r} ({got[1] or 'no such node'}); "
                        f"the schema wants {want[0]} -> {want[1]}",
                        lineno,
                    )
                key = (start, end, rtype)
                if key in seen_rels:
                    raise DumpFormatError(path, f"relationship {rtype} {start} -> {end} appears twice", lineno)
                seen_rels.add(key)
            scan.relationships += 1
            if scan.relationships > expected_rels:
                raise DumpFormatError(
                    path, f"more relationship lines than the {expected_rels} the header announces", lineno
                )
            yield "rel", {"start": start, "end": end, "type": rtype, "props": props}
        else:
            raise DumpFormatError(path, f"unknown line kind {kind!r}", lineno)
    if scan.version == 0:
        raise DumpFormatError(path, "empty file: no header line")
    if (scan.nodes, scan.relationships) != (expected_nodes, expected_rels):
        raise DumpFormatError(
            path,
            f"truncated: {scan.nodes} nodes and {scan.relationships} relationships, "
            f"the header announces {expected_nodes} and {expected_rels}",
        )


def inspect_dump(path: Path) -> DumpInfo:
    """Validate a dump file completely without touching any graph; returns what it holds."""
    path = Path(path)
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    header: dict[str, Any] = {}
    n = m = 0
    for kind, rec in _records(path, check_only=True):
        if kind == "header":
            header = rec
        elif kind == "node":
            n += 1
            for label in rec["labels"]:
                labels[label] = labels.get(label, 0) + 1
        else:
            m += 1
            types[rec["type"]] = types.get(rec["type"], 0) + 1
    return DumpInfo(
        path=str(path),
        version=int(header["version"]),
        backend=str(header.get("backend", "")),
        created=str(header.get("created", "")),
        nodes=n,
        relationships=m,
        labels=labels,
        types=types,
    )


# -- restore ------------------------------------------------------------------------------------------
class _Batcher:
    def __init__(self, store: GraphStore, query: str, param: str, max_items: int) -> None:
        self.store, self.query, self.param, self.max_items = store, query, param, max_items
        self.items: list[dict[str, Any]] = []
        self.size = 0
        self.written = 0

    def add(self, item: dict[str, Any]) -> None:
        self.items.append(item)
        self.size += len(json.dumps(item, ensure_ascii=False))
        if len(self.items) >= self.max_items or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        res = self.store.write(self.query, {self.param: self.items})
        done = int(res.scalar() or 0)
        if done != len(self.items):
            raise BackupError(
                f"{self.query}: {done} of {len(self.items)} items written (an endpoint is missing in the target?)"
            )
        self.written += done
        self.items, self.size = [], 0


def restore(store: GraphStore, path: Path, *, force: bool = False, batch_items: int = BATCH_ITEMS) -> DumpInfo:
    """Load a dump into ``store``, which must be empty (``force=True``: its content is deleted first).

    Items are written ``batch_items`` at a time (fewer when a batch reaches ``BATCH_BYTES`` of JSON).

    The file is validated completely before anything is written. Raises :class:`DumpFormatError`
    (and its :class:`SchemaViolation`), :class:`UnsupportedDumpVersion` or :class:`TargetNotEmpty`.
    """
    path = Path(path)
    if batch_items < 1:
        raise ValueError(f"batch_items must be at least 1, got {batch_items}")
    info = inspect_dump(path)  # pass 1: nothing is written unless the whole file is valid
    nodes, rels = _counts(store)
    if nodes or rels:
        if not force:
            raise TargetNotEmpty(nodes, rels)
        log.warning("restore --force: deleting %d nodes and %d relationships of the target", nodes, rels)
        store.write("delete_all")
    _ensure_schema(store)
    node_batch = _Batcher(store, "restore_nodes", "nodes", batch_items)
    rel_batches = {t: _Batcher(store, q, "rels", batch_items) for t, q in _REL_QUERY.items()}
    actor_rels = _Batcher(store, _ACTOR_REL_QUERY, "rels", batch_items)
    for kind, rec in _records(path, check_only=False):  # pass 2: write
        if kind == "header":
            continue
        if kind == "node":
            node_batch.add(rec)
            continue
        node_batch.flush()  # every node exists before the first relationship
        batch = rel_batches.get(rec["type"], actor_rels)
        item = {"start": rec["start"], "end": rec["end"], "props": rec["props"]}
        if batch is actor_rels:
            item["type"] = rec["type"]
        batch.add(item)
    node_batch.flush()
    for b in (*rel_batches.values(), actor_rels):
        b.flush()
    written_rels = actor_rels.written + sum(b.written for b in rel_batches.values())
    log.info("restored %d nodes and %d relationships from %s", node_batch.written, written_rels, path)
    return info


def _ensure_schema(store: GraphStore) -> None:
    if hasattr(store, "run_schema"):
        from graph.schema import init_schema

        init_schema(store)  # type: ignore[arg-type]
