"""Benchmark of the embedded store's start-up on a large graph (not a test).

Builds a synthetic graph (``bench_api.build_graph``: actors, one document each batch, typed
relationships) in a fresh embedded FalkorDB through the ordinary write path, so every write is
in the append-only file's incremental (replayed) part. Then it times two restarts of the same
data:

* ``replay``: stopped without the compaction (``compact_min_bytes`` set out of reach), so the
  next start replays every logged write, as every restart did before issue 18;
* ``snapshot``: stopped the default way; the clean stop folds the replay log into an RDB base
  (``EmbeddedServer.compact``) and the next start loads that snapshot.

    python bench/bench_startup.py --actors 100000 --out bench/results/startup.json
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_api import build_graph  # noqa: E402
from graph.falkor import FalkorStore  # noqa: E402

log = logging.getLogger(__name__)


def _aof_bytes(data_dir: Path) -> dict[str, int]:
    sizes = {"base": 0, "incr": 0}
    folder = data_dir / "appendonlydir"
    for f in folder.iterdir() if folder.is_dir() else []:
        for kind in sizes:
            if f".{kind}." in f.name:
                sizes[kind] += f.stat().st_size
    return sizes


def _restart(data_dir: Path, graph: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    store = FalkorStore(data_dir, graph_name=graph)
    count = int(store.read("total_counts").records()[0]["nodes"])
    seconds = time.perf_counter() - t0
    return seconds, count


def run(n_actors: int, degree: int, seed: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {"actors": n_actors, "degree": degree}
    with tempfile.TemporaryDirectory(prefix="innograph-startup-") as tmp:
        data_dir = Path(tmp)
        graph = "bench_startup"
        store = FalkorStore(data_dir, graph_name=graph)
        out["build"] = build_graph(store, n_actors, degree, batch=2000, seed=seed)
        nodes = int(store.read("total_counts").records()[0]["nodes"])
        out["nodes"] = nodes

        store.server.compact_min_bytes = 1 << 62  # the old stop: no rewrite
        t0 = time.perf_counter()
        store.server.stop()
        out["stop_without_rewrite_s"] = time.perf_counter() - t0
        out["aof_before"] = _aof_bytes(data_dir)
        seconds, count = _restart(data_dir, graph)
        out["replay"] = {"start_s": seconds, "nodes": count}

        restarted = FalkorStore(data_dir, graph_name=graph)
        t0 = time.perf_counter()
        restarted.server.stop()  # the default stop: rewrites the replay log into a snapshot
        out["stop_with_rewrite_s"] = time.perf_counter() - t0
        out["aof_after"] = _aof_bytes(data_dir)
        seconds, count = _restart(data_dir, graph)
        out["snapshot"] = {"start_s": seconds, "nodes": count}
        FalkorStore(data_dir, graph_name=graph).server.stop()
    out["same_nodes"] = out["replay"]["nodes"] == out["snapshot"]["nodes"] == nodes
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--degree", type=int, default=3, help="relationships per actor")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    res = run(args.actors, args.degree)
    log.info("%s", json.dumps(res, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
