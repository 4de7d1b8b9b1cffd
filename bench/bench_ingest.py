"""End-to-end ingest into a fresh embedded store, beside the store's raw batched write rate.

Ingests a corpus with ``ingest.pipeline.ingest_files`` in consecutive slices that end at the
checkpoints (e.g. 1000, 5000, 10000 documents), so one run gives the growth curve: cumulative
wall time, time spent inside store calls (the load stage), documents, relationships and graph size
at each checkpoint. At the checkpoints named by ``--raw-at`` the graph built so far is dumped and
written again, row for row, into a second fresh embedded store by batched ``UNWIND … MERGE``
queries (``cypher/bench/bench_raw_*.cypher``): the store's ceiling for the same rows, measured in
the same run (outside the ingest timing). Peak memory: this process, the extraction workers, and
the FalkorDB server of the ingest store.

    python -m bench.bench_ingest --corpus DIR --data DIR --checkpoints 1000,5000 --workers 2 --out r.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import REPO, proc_status_kib
from graph.vocabulary import RELATION_TYPES

log = logging.getLogger("bench.ingest")

ACTOR_REL_TYPES = RELATION_TYPES  # the typed relationships between actors, as the vocabulary defines them
RAW_BATCH = 1000


class TimingStore:
    """Forwards to a store and adds up the wall time spent in its query calls."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.seconds = 0.0
        self.calls = 0
        self.by_query: dict[str, list[float]] = {}

    def _timed(self, kind: str, name: str, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return getattr(self._inner, kind)(name, *args, **kwargs)
        finally:
            dt = time.perf_counter() - t0
            self.seconds += dt
            self.calls += 1
            slot = self.by_query.setdefault(name if kind in ("read", "write") else kind, [0, 0.0])
            slot[0] += 1
            slot[1] += dt

    def read(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._timed("read", name, *args, **kwargs)

    def write(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._timed("write", name, *args, **kwargs)

    def read_cypher(self, query: str, *args: Any, **kwargs: Any) -> Any:
        return self._timed("read_cypher", query, *args, **kwargs)

    def __getattr__(self, item: str) -> Any:
        return getattr(self._inner, item)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(x) for x in text.split()]


class RssSampler(threading.Thread):
    """Samples the RSS of this process and of its descendants twice a second; keeps the maximum per role."""

    def __init__(self, server_pid: int | None, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.interval = interval
        self.peak_mib: dict[str, float] = {"ingest_process": 0.0, "largest_worker": 0.0, "falkordb_server": 0.0}
        self.paused = threading.Event()
        self.stopped = threading.Event()

    def sample(self) -> None:
        me = os.getpid()
        seen = {me: "ingest_process"}
        stack = [me]
        while stack:
            for child in _children(stack.pop()):
                seen[child] = "falkordb_server" if child == self.server_pid else "largest_worker"
                stack.append(child)
        for pid, role in seen.items():
            kib = proc_status_kib(pid, "VmRSS")
            if kib:
                self.peak_mib[role] = max(self.peak_mib[role], kib / 1024)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            if not self.paused.is_set():
                self.sample()


def graph_counts(store: Any) -> dict[str, int]:
    """Nodes and relationships by kind, as the raw write will write them."""

    def one(q: str) -> int:
        return int(store.read_cypher(q, timeout_ms=0).rows[0][0])

    counts = {
        "documents": one("MATCH (n:Document) RETURN count(n)"),
        "actors": one("MATCH (n:Actor) RETURN count(n)"),
        "evidence": one("MATCH (n:Evidence) RETURN count(n)"),
        "mentions": one("MATCH ()-[r:MENTIONS]->() RETURN count(r)"),
        "has_evidence": one("MATCH ()-[r:HAS_EVIDENCE]->() RETURN count(r)"),
        "actor_relationships": sum(one(f"MATCH ()-[r:{t}]->() RETURN count(r)") for t in ACTOR_REL_TYPES),
    }
    total = store.read("total_counts", timeout_ms=0).records()[0]  # a full count of a large graph
    counts["nodes_total"] = int(total["nodes"])
    counts["relationships_total"] = int(total["relationships"])
    return counts


def _rows(store: Any, query: str) -> list[list[Any]]:
    return store.read_cypher(query, timeout_ms=0, row_limit=10**9).rows


def dump_rows(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Every row of the graph in the shape of the ``bench_raw_*`` queries."""
    docs = [r[0] for r in _rows(store, "MATCH (n:Document) RETURN properties(n)")]
    actors = [
        {"id": p["id"], "type": p.get("type"), "props": p}
        for (p,) in _rows(store, "MATCH (n:Actor) RETURN properties(n)")
    ]
    evidence = [
        {"doc": d, "props": p}
        for d, p in _rows(store, "MATCH (d:Document)-[:HAS_EVIDENCE]->(x:Evidence) RETURN d.id, properties(x)")
    ]
    mentions = [
        {"doc": d, "actor": a, "props": p}
        for d, a, p in _rows(store, "MATCH (d:Document)-[m:MENTIONS]->(n:Actor) RETURN d.id, n.id, properties(m)")
    ]
    rels = []
    for h, t, typ, p in _rows(store, "MATCH (h:Actor)-[r]->(t:Actor) RETURN h.id, t.id, type(r), properties(r)"):
        props = {k: v for k, v in p.items() if k != "key"}
        rels.append({"head": h, "tail": t, "type": typ, "key": p.get("key", f"{typ}|{h}|{t}"), "props": props})
    indicators = [
        {"doc": d, "actor": a, "props": p}
        for d, a, p in _rows(
            store,
            "MATCH (d:Document)-[:STATES]->(x:Indicator) OPTIONAL MATCH (x)-[:OF]->(n:Actor) "
            "RETURN d.id, n.id, properties(x)",
        )
    ]
    return {
        "documents": docs,
        "actors": actors,
        "evidence": evidence,
        "mentions": mentions,
        "relations": rels,
        "indicators": indicators,
    }


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def raw_write(rows: dict[str, list[dict[str, Any]]], *, batch: int = RAW_BATCH) -> dict[str, Any]:
    """Write ``rows`` into a fresh embedded store with batched UNWIND … MERGE; seconds and rows/s."""
    from graph.falkor import FalkorStore

    tmp = Path(tempfile.mkdtemp(prefix="innograph-bench-raw-"))
    store = FalkorStore(tmp / "data", "bench_raw")
    try:
        steps = [
            ("documents", "bench_raw_documents"),
            ("actors", "bench_raw_actors"),
            ("evidence", "bench_raw_evidence"),
            ("mentions", "bench_raw_mentions"),
            ("relations", "bench_raw_relations"),
            ("indicators", "bench_raw_indicators"),
        ]
        seconds: dict[str, float] = {}
        t_all = time.perf_counter()
        for key, query in steps:
            t0 = time.perf_counter()
            for part in _batches(rows.get(key, []), batch):
                store.write(query, {"rows": part})
            seconds[key] = time.perf_counter() - t0
        total_s = time.perf_counter() - t_all
        counts = graph_counts(store)
    finally:
        store.close()
        store.server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    n_rows = counts["nodes_total"] + counts["relationships_total"]
    return {
        "batch": batch,
        "seconds": total_s,
        "seconds_by_kind": seconds,
        "rows": n_rows,
        "rows_per_second": n_rows / total_s if total_s else None,
        "actor_relationships_per_second": counts["actor_relationships"] / total_s if total_s else None,
        "documents_per_second": counts["documents"] / total_s if total_s else None,
        "counts": counts,
    }


def raw_in_subprocess(data_dir: Path) -> dict[str, Any]:
    """Dump the graph at ``data_dir`` (attaching to its running server) and raw-write it, in a child process."""
    with tempfile.TemporaryDirectory(prefix="innograph-bench-rawout-") as tmp:
        out = Path(tmp) / "raw.json"
        cmd = [sys.executable, "-m", "bench.bench_ingest", "--raw-from", str(data_dir), "--out", str(out)]
        subprocess.run(cmd, cwd=REPO, check=True)  # noqa: S603 - our own module
        return json.loads(out.read_text(encoding="utf-8"))


def raw_from(data_dir: Path) -> dict[str, Any]:
    from graph.falkor import FalkorStore

    store = FalkorStore(data_dir, "innograph")  # attaches to the ingest's server
    try:
        t0 = time.perf_counter()
        rows = dump_rows(store)
        dump_s = time.perf_counter() - t0
    finally:
        store.close()
    result = raw_write(rows)
    result["dump_seconds"] = dump_s
    return result


def ingest_with_checkpoints(
    paths: list[Path], data_dir: Path, checkpoints: list[int], *, workers: int, raw_at: set[int]
) -> dict[str, Any]:
    """Ingest ``paths`` into a fresh store at ``data_dir`` slice by slice; one record per checkpoint."""
    from graph.falkor import FalkorStore
    from ingest.pipeline import ingest_files

    if data_dir.exists() and any(data_dir.iterdir()):
        raise SystemExit(f"{data_dir} is not empty; the ingest benchmark needs a fresh data directory")
    t0 = time.perf_counter()
    inner = FalkorStore(data_dir, "innograph")
    open_s = time.perf_counter() - t0
    server_pid = inner.server.server_pid()
    store = TimingStore(inner)
    sampler = RssSampler(server_pid)
    sampler.start()
    points = sorted({c for c in checkpoints if 0 < c <= len(paths)} | {len(paths)})
    records: list[dict[str, Any]] = []
    wall = 0.0
    done = 0
    failed = 0
    relations = 0
    for point in points:
        t0 = time.perf_counter()
        summary = ingest_files(store, paths[done:point], workers=workers)
        wall += time.perf_counter() - t0
        failed += len(summary.failed)
        relations += summary.relations
        done = point
        counts = graph_counts(inner)
        rec: dict[str, Any] = {
            "documents": point,
            "seconds": wall,
            "store_seconds": store.seconds,
            "store_calls": store.calls,
            "failed": failed,
            "relations_loaded": relations,
            "documents_per_second": point / wall,
            "relationships_per_second": counts["actor_relationships"] / wall,
            "rows_per_second": (counts["nodes_total"] + counts["relationships_total"]) / wall,
            "load_rows_per_second": (counts["nodes_total"] + counts["relationships_total"]) / store.seconds
            if store.seconds
            else None,
            "counts": counts,
            "store_time_by_query": {k: {"calls": v[0], "seconds": v[1]} for k, v in store.by_query.items()},
            "server_rss_mib": (proc_status_kib(server_pid, "VmRSS") or 0) / 1024 if server_pid else None,
        }
        log.info("checkpoint %d documents: %.1f s (%.1f s in store calls)", point, wall, store.seconds)
        if point in raw_at:  # in a child process, so that the dump does not count in this one's memory
            sampler.paused.set()
            rec["raw"] = raw_in_subprocess(data_dir)
            sampler.paused.clear()
            raw_rps = rec["raw"]["rows_per_second"]
            rec["ingest_to_raw"] = rec["rows_per_second"] / raw_rps if raw_rps else None
            rec["load_to_raw"] = (
                rec["load_rows_per_second"] / raw_rps if raw_rps and rec["load_rows_per_second"] else None
            )
        records.append(rec)
    sampler.sample()
    sampler.stopped.set()
    sampler.join()
    inner.close()
    return {
        "workers": workers,
        "store_open_seconds": open_s,
        "checkpoints": records,
        "store_time_by_query": {k: {"calls": v[0], "seconds": v[1]} for k, v in store.by_query.items()},
        "peak_rss_mib": sampler.peak_mib,
        "peak_rss_method": "VmRSS of this process and its descendants sampled every 0.5 s, raw-write steps excluded",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="directory of .txt documents")
    ap.add_argument("--data", type=Path, help="fresh data directory for the store")
    ap.add_argument("--raw-from", type=Path, help="only dump the store at this data dir and raw-write it")
    ap.add_argument("--checkpoints", default="", help="comma-separated document counts")
    ap.add_argument("--raw-at", default="", help="checkpoints at which to measure the raw write rate")
    ap.add_argument("--limit", type=int, default=0, help="ingest only the first N documents")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("ingest", "graph"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.raw_from:
        args.out.write_text(json.dumps(raw_from(args.raw_from), ensure_ascii=False), encoding="utf-8")
        return 0
    if args.corpus is None or args.data is None:
        ap.error("--corpus and --data are required")
    paths = sorted(args.corpus.glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        print(f"no .txt documents in {args.corpus}", file=sys.stderr)
        return 2
    checkpoints = [int(x) for x in args.checkpoints.split(",") if x.strip()]
    raw_at = {int(x) for x in args.raw_at.split(",") if x.strip()}
    result = ingest_with_checkpoints(paths, args.data, checkpoints, workers=args.workers, raw_at=raw_at)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
