"""Benchmark of the REST API on a synthetic graph (not part of the tests).

Builds a graph of ``--actors`` actors (default 100,000) and about ``--degree`` relationships per actor
directly with batched writes (``cypher/api/bench_*.cypher``) in an embedded FalkorDB in a temporary
directory, serves the app with uvicorn on 127.0.0.1 (loopback only) in this process, and runs the load
generator in a second process: for each scenario (actor lookup, neighbours, search) a bounded number
of requests from a few client threads, within a time cap. Reports p50/p99 latency and requests/s.

    python bench/bench_api.py --actors 100000 --requests 2000 --out bench-api.json
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

log = logging.getLogger("bench_api")

TYPES = ["Enterprise", "University", "ResearchInstitute", "Platform", "GovernmentAgency", "City"]
REGIONS = [f"基准{i}市" for i in range(20)]


def actor_key(i: int) -> str:
    return f"a_bench{i:010d}"


def build_graph(store: Any, n_actors: int, degree: int, batch: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    for start in range(0, n_actors, batch):
        actors = [
            {
                "id": actor_key(i),
                "name": f"基准机构{i}",
                "type": TYPES[i % len(TYPES)],
                "region": REGIONS[i % len(REGIONS)],
                "aliases": [f"机构{i}"],
            }
            for i in range(start, min(n_actors, start + batch))
        ]
        doc = {"id": f"d_bench{start:010d}", "title": f"基准文件{start}", "year": 2015 + (start // batch) % 8}
        store.write("bench_actors", {"doc": doc, "actors": actors})
    t_actors = time.perf_counter() - t0
    n_rels = n_actors * degree // 2
    t1 = time.perf_counter()
    for start in range(0, n_rels, batch):
        rels = []
        for _ in range(start, min(n_rels, start + batch)):
            h, t = rng.randrange(n_actors), rng.randrange(n_actors)
            if h == t:
                continue
            rels.append(
                {
                    "head": actor_key(h),
                    "tail": actor_key(t),
                    "type": rng.choice(["CO_BUILDS", "COOPERATES_WITH"]),
                    "weight": rng.randint(1, 5),
                    "year": rng.randint(2012, 2023),
                }
            )
        store.write("bench_relations", {"rels": rels})
    t_rels = time.perf_counter() - t1
    log.info("built %d actors in %.1fs, %d relationships in %.1fs", n_actors, t_actors, n_rels, t_rels)
    return {"actors": n_actors, "relationships": n_rels, "build_actors_s": t_actors, "build_relationships_s": t_rels}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the load generator (runs in a second process) -----------------------------------------------------
def _scenario_urls(name: str, n: int, n_actors: int, rng: random.Random) -> list[str]:
    ids = [actor_key(rng.randrange(n_actors)) for _ in range(n)]
    if name == "actor":
        return [f"/actors/{i}" for i in ids]
    if name == "neighbors":
        return [f"/actors/{i}/neighbors?limit=50" for i in ids]
    if name == "search":
        return [f"/actors?q=机构{rng.randrange(n_actors)}&limit=20" for _ in range(n)]
    if name == "search_broad":  # queries most names contain: the index's worst case (every actor a candidate)
        broad = ["机构", "基准", "基准机构", "机构1", "7", "构2", "基"]
        return [f"/actors?q={rng.choice(broad)}&limit=20" for _ in range(n)]
    raise ValueError(name)


def run_scenario(base: str, urls: list[str], threads: int, max_seconds: float) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def worker(chunk: list[str]) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as client:
            for url in chunk:
                if time.monotonic() > deadline:
                    return
                t = time.perf_counter()
                r = client.get(url)
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, [urls[i::threads] for i in range(threads)]))
    wall = time.perf_counter() - start
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms),
        "errors": errors,
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2) if ms else None,
        "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
        "requests_per_s": round(len(ms) / wall, 1) if wall else None,
        "wall_s": round(wall, 2),
    }


def load_generator(
    base: str, scenarios: list[str], n: int, n_actors: int, threads: int, max_seconds: float, out: Any
) -> None:
    rng = random.Random(7)
    out.put(
        {name: run_scenario(base, _scenario_urls(name, n, n_actors, rng), threads, max_seconds) for name in scenarios}
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--actors", type=int, default=100_000)
    p.add_argument("--degree", type=int, default=6, help="average relationships per actor")
    p.add_argument("--batch", type=int, default=5_000)
    p.add_argument("--requests", type=int, default=1_000, help="requests per scenario")
    p.add_argument("--threads", type=int, default=4, help="client threads in the load process")
    p.add_argument("--max-seconds", type=float, default=60.0, help="time cap per scenario")
    p.add_argument("--scenarios", default="actor,neighbors,search,search_broad")
    p.add_argument(
        "--search-index",
        choices=["on", "off"],
        default="on",
        help="on: build graph/search.py's index before the requests; off: every search runs the store's scan",
    )
    p.add_argument("--data-dir", type=Path, default=None, help="FalkorDB data directory (default: a temp dir)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    import uvicorn

    from api.app import create_app
    from api.settings import Settings
    from graph.falkor import FalkorStore
    from graph.schema import init_schema

    with tempfile.TemporaryDirectory(prefix="innograph-bench-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        store = FalkorStore(data_dir, graph_name=f"bench_{uuid.uuid4().hex[:8]}")
        try:
            init_schema(store)
            build = build_graph(store, args.actors, args.degree, args.batch, args.seed)
            from graph import search

            search.ENABLED = args.search_index == "on"
            build["search_index"] = args.search_index
            if search.ENABLED:  # built once per graph version; the API builds it on the first search otherwise
                t_index = time.perf_counter()
                search.current_index(store, wait=True)
                build["search_index_build_s"] = round(time.perf_counter() - t_index, 2)
            settings = Settings(_env_file=None, host="127.0.0.1")  # type: ignore[call-arg]
            app = create_app(settings, store)
            port = free_port()
            server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.05)
            ctx = mp.get_context("spawn")
            queue = ctx.Queue()
            proc = ctx.Process(
                target=load_generator,
                args=(
                    f"http://127.0.0.1:{port}",
                    args.scenarios.split(","),
                    args.requests,
                    args.actors,
                    args.threads,
                    args.max_seconds,
                    queue,
                ),
            )
            proc.start()
            results = queue.get(timeout=args.max_seconds * len(args.scenarios.split(",")) + 120)
            proc.join(timeout=30)
            server.should_exit = True
            thread.join(timeout=10)
        finally:
            store.drop_all()
            store.close()
    report = {"graph": build, "threads": args.threads, "scenarios": results}
    print(f"{'scenario':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for name, r in results.items():
        print(
            f"{name:<10} {r['requests']:>8} {r['errors']:>6} {r['p50_ms']:>8} {r['p99_ms']:>8} {r['requests_per_s']:>8}"
        )
    if args.out:
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
