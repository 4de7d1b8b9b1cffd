"""Benchmark of graph.analysis on synthetic scale-free graphs, beside igraph in the same run.

Not a test. For each size it times: projection from rows (``build_graph``; igraph: building
a graph from the same rows), PageRank, sampled betweenness (k sources, fixed seed),
closeness, communities (Louvain and Leiden; igraph multilevel), Burt's constraint and all four
structural-holes measures, and prints a table
and the largest difference between our values and igraph's where both compute the same thing.

    python bench/bench_analysis.py                       # 10k nodes / 50k edges (~1 min)
    python bench/bench_analysis.py --large --out r.json  # also 100k / 500k (several minutes)

``--large-communities`` adds the community rows at 100k; ``--with-networkx`` adds networkx's own
timings (sampled betweenness, Louvain) beside ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import git_commit  # noqa: E402
from graph.analysis import EdgeRow, NodeRow, ProjectionFilter, build_graph  # noqa: E402
from graph.analysis._igraph import igraph_of  # noqa: E402
from graph.analysis.centrality import betweenness, closeness, pagerank, sample_sources  # noqa: E402
from graph.analysis.communities import detect_communities  # noqa: E402
from graph.analysis.holes import constraint, structural_holes  # noqa: E402

TYPES = ["Enterprise", "University", "ResearchInstitute", "Platform", "GovernmentAgency"]
RELATIONS = ["CO_BUILDS", "COOPERATES_WITH", "FUNDED_BY", "MEMBER_OF"]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def make_rows(n: int, m: int, seed: int) -> tuple[list[NodeRow], list[EdgeRow]]:
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, m, seed=seed)
    nodes = [NodeRow(id=f"a{v}", name=f"actor {v}", type=rng.choice(TYPES)) for v in skeleton]
    edges = [
        EdgeRow(
            source=f"a{u}",
            target=f"a{v}",
            type=rng.choice(RELATIONS),
            weight=rng.randint(1, 5),
            first_year=rng.randint(2010, 2023),
        )
        for u, v in skeleton.edges()
    ]
    return nodes, edges


def max_diff(ours: dict[Any, float], ref: list[float], order: list[Any]) -> float:
    return max((abs(ours[v] - ref[i]) for i, v in enumerate(order)), default=0.0)


def run_size(n: int, m: int, *, k: int, seed: int, communities: bool, with_networkx: bool) -> list[dict[str, Any]]:
    """Time each step of ours and of igraph on the same graph in this process.

    Ours runs on the graph the service analyses: built from rows and frozen, as the projection
    cache hands it out. Its conversion to igraph happens once per cached graph; it is its own
    row ("igraph conversion"), and the measures after it reuse it (the first measure of a new
    projection pays it once).
    """
    results: list[dict[str, Any]] = []
    label = f"{n // 1000}k"
    nodes, edges = make_rows(n, m, seed)

    t_ours, G = timed(lambda: nx.freeze(build_graph(nodes, edges, ProjectionFilter())))

    def ig_from_rows() -> tuple[ig.Graph, list[str]]:
        order = [r.id for r in nodes]
        index = {v: i for i, v in enumerate(order)}
        g = ig.Graph(n=len(order), edges=[(index[e.source], index[e.target]) for e in edges])
        g.es["weight"] = [float(e.weight) for e in edges]
        g.simplify(combine_edges="sum")
        return g, order

    t_ig, (g, order) = timed(ig_from_rows)
    results.append(
        {
            "size": label,
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "step": "projection from rows",
            "ours_s": t_ours,
            "backend": "networkx",
            "igraph_s": t_ig,
        }
    )
    t_conv, _ = timed(lambda: (igraph_of(G, "weight"), igraph_of(G, None)))
    results.append(
        {
            "size": label,
            "step": "igraph conversion (once per cached projection)",
            "ours_s": t_conv,
            "backend": "igraph",
            "igraph_s": t_ig,
        }
    )
    pos = {v: i for i, v in enumerate(order)}

    t_ours, pr = timed(lambda: pagerank(G))
    t_ig, pr_ig = timed(lambda: g.pagerank(weights="weight", damping=0.85))
    t_nx, pr_nx = timed(lambda: nx.pagerank(G, weight="weight", tol=1e-10))
    results.append(
        {
            "size": label,
            "step": "pagerank",
            "ours_s": t_ours,
            "backend": pr.backend,
            "igraph_s": t_ig,
            "networkx_s": t_nx,
            "max_abs_diff": max_diff(pr.values, pr_ig, order),
            "max_abs_diff_networkx": max(abs(pr.values[v] - pr_nx[v]) for v in G),
        }
    )

    t_ours, bet = timed(lambda: betweenness(G, k=k, seed=seed))
    sources = sample_sources(G, k, seed)
    t_ig, raw = timed(lambda: g.betweenness(directed=False, sources=[pos[s] for s in sources]))
    results.append(
        {"size": label, "step": f"betweenness k={k}", "ours_s": t_ours, "backend": bet.backend, "igraph_s": t_ig}
    )
    if with_networkx:
        t_nx, _ = timed(lambda: betweenness(G, k=k, seed=seed, backend="networkx"))
        results.append(
            {
                "size": label,
                "step": f"betweenness k={k} (networkx)",
                "ours_s": t_nx,
                "backend": "networkx",
                "igraph_s": t_ig,
            }
        )

    t_ours, clo = timed(lambda: closeness(G))
    t_ig, _ = timed(lambda: g.closeness())
    results.append({"size": label, "step": "closeness", "ours_s": t_ours, "backend": clo.backend, "igraph_s": t_ig})

    t_ours, con = timed(lambda: constraint(G, "weight"))
    t_ig, con_ig = timed(lambda: g.constraint(weights="weight"))
    t_nx, con_nx = timed(lambda: constraint(G, "weight", backend="networkx"))
    results.append(
        {
            "size": label,
            "step": "constraint (Burt)",
            "ours_s": t_ours,
            "backend": "igraph",
            "igraph_s": t_ig,
            "networkx_s": t_nx,
            "max_abs_diff": max_diff(con, con_ig, order),
            "max_abs_diff_networkx": max_diff(con, [con_nx[v] for v in order], order),
        }
    )
    t_ours, sh = timed(lambda: structural_holes(G, "weight"))
    results.append(
        {
            "size": label,
            "step": "structural holes (all four of Burt's)",
            "ours_s": t_ours,
            "backend": "igraph+numpy",
            "igraph_s": t_ig,
            "max_abs_diff": max_diff(sh.constraint, con_ig, order),
            "note": "igraph has constraint only; compared with its constraint",
        }
    )

    if communities:
        references = {
            "louvain": ("multilevel", lambda: g.community_multilevel(weights="weight")),
            "leiden": (
                "Leiden, modularity, until stable",
                lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1),
            ),
        }
        for method, (ref_name, ref) in references.items():
            t_ig, parts = timed(ref)
            q_ig = g.modularity(parts.membership, weights="weight")
            t_ours, com = timed(lambda method=method: detect_communities(G, method, seed=seed))
            row = {
                "size": label,
                "step": f"communities ({method})",
                "ours_s": t_ours,
                "backend": com.backend,
                "igraph_s": t_ig,
                "ours_q": com.modularity,
                "igraph_q": q_ig,
                "note": f"igraph reference: {ref_name}",
            }
            if method == "louvain" and with_networkx:
                t_nx, nx_com = timed(lambda: detect_communities(G, "louvain", seed=seed, backend="networkx"))
                row["networkx_s"] = t_nx
                row["networkx_q"] = nx_com.modularity
            results.append(row)
    return results


def print_table(rows: list[dict[str, Any]]) -> None:
    header = f"{'size':>5}  {'step':<32} {'ours (s)':>9} {'backend':>9} {'igraph (s)':>10} {'ratio':>7}  note"
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = r["ours_s"] / r["igraph_s"] if r["igraph_s"] > 0 else float("inf")
        note = ""
        if "max_abs_diff" in r:
            note = f"max |diff| {r['max_abs_diff']:.1e}"
        if "ours_q" in r:
            note = f"Q ours {r['ours_q']:.4f} / igraph {r['igraph_q']:.4f}"
            if r.get("networkx_q") is not None:
                note += f" / networkx {r['networkx_q']:.4f}"
        print(
            f"{r['size']:>5}  {r['step']:<32} {r['ours_s']:>9.3f} {r['backend']:>9} {r['igraph_s']:>10.3f} "
            f"{ratio:>7.1f}  {note}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--large", action="store_true", help="also run 100k nodes / 500k edges")
    ap.add_argument("--only-large", action="store_true", help="run only 100k / 500k")
    ap.add_argument("--k", type=int, default=500, help="sampled betweenness sources (default 500)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--large-communities", action="store_true", help="community rows at 100k too")
    ap.add_argument("--with-networkx", action="store_true", help="also time networkx sampled betweenness")
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    args = ap.parse_args(argv)

    sizes = [] if args.only_large else [(10_000, 5, True)]
    if args.large or args.only_large:
        sizes.append((100_000, 5, args.large_communities))
    rows: list[dict[str, Any]] = []
    for n, m, communities in sizes:
        rows += run_size(n, m, k=args.k, seed=args.seed, communities=communities, with_networkx=args.with_networkx)
    print_table(rows)
    if args.out:
        meta = {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "igraph": ig.__version__,
            "k": args.k,
            "seed": args.seed,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "git_commit": git_commit(),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"meta": meta, "results": rows}, indent=2), encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
