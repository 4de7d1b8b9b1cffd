r"""Burt's structural holes: constraint, effective size, efficiency and hierarchy.

Notation (Burt 1992, *Structural Holes*, ch. 2; formulas also in ``docs/analysis.md``). For
ego ``i`` with contacts ``N(i)`` (in- or out-neighbours; self-loops ignored) and edge weights
``a_ij`` (1 when unweighted):

* mutual weight ``m_ij = a_ij + a_ji``;
* proportional tie strength ``p_ij = m_ij / sum_k m_ik``;
* marginal strength ``mx_jq = m_jq / max_k m_jk``;
* dyadic constraint ``c_ij = (p_ij + sum_{q != i, j} p_iq p_qj)^2`` for ``j`` in ``N(i)``;
* aggregate constraint ``C_i = sum_{j in N(i)} c_ij``;
* effective size ``E_i = sum_{j in N(i)} (1 - sum_q p_iq mx_jq)`` (= ``n - 2t/n`` for an
  unweighted undirected ego with ``n`` contacts and ``t`` ties among them, Borgatti 1997);
* efficiency ``EF_i = E_i / |N(i)|``;
* hierarchy (Burt's Coleman–Theil index of how unequally constraint is spread over contacts)

  .. math:: H_i = \frac{\sum_{j} r_{ij} \ln r_{ij}}{N \ln N},\quad r_{ij} = \frac{c_{ij}}{C_i / N},
     \quad N = |N(i)|.

  ``H_i`` is 0 when every contact constrains ego equally and tends to 1 as one contact holds
  all the constraint. It is undefined for ``N = 1`` (``0 / 0``): we define ``H_i = 1`` there,
  since all of ego's constraint is then concentrated in one contact (the limit case). For an
  isolate (``N = 0``) all four measures are ``nan``, as networkx does for constraint and
  effective size.

Computation is whole-graph and compiled: constraint is igraph's ``constraint`` (equal to
networkx's ``constraint`` within 1e-15; ``backend="networkx"`` keeps networkx's). Effective
size, the dyadic constraints and hierarchy are computed here from the mutual-weight graph and
its triangle list (igraph ``list_triangles``) with numpy: the indirect terms
``sum_q p_iq p_qj`` and ``sum_q p_iq mx_jq`` are non-zero only where ``i``, ``j``, ``q`` close a
triangle, so each triangle adds its six ordered terms and nothing else is visited (the cost
is the triangle count, not ``sum d^2`` as a sparse matrix product would be on hubs).
networkx 3.6's whole-graph ``effective_size`` normalises ``m_jq`` by the wrong axis (each
column's maximum instead of each row's), which gives wrong values on weighted and directed
graphs (networkx PR #8906), and builds a dense ``n x n`` array; its per-node path, which the
tests compare against, is correct except that on a directed graph it returns ``nan`` for a
node with only in-ties. Ties of weight 0 are not ties.

>>> import networkx as nx
>>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])  # ego 0; contacts 1 and 2 are tied
>>> round(effective_size(G)[0], 6)  # Borgatti: n - 2t/n = 3 - 2/3
2.333333
>>> round(constraint(G)[0], 6)  # (1/3 + 1/6)^2 * 2 + (1/3)^2 = 11/18
0.611111
>>> structural_holes(G).efficiency[3]  # one contact, no redundancy
1.0
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.analysis._igraph import igraph_of
from graph.analysis.errors import UnknownBackendError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class _Ties:
    """The undirected mutual-weight graph of ``G`` as arrays (self-loops and zero ties dropped)."""

    nodes: list[Hashable]
    src: IntArray  # edge e joins src[e] and dst[e]
    dst: IntArray
    m: FloatArray  # mutual weight m_ij of edge e
    strength: FloatArray  # sum_k m_ik per node
    row_max: FloatArray  # max_k m_ik per node
    contacts: IntArray  # |N(i)| per node
    tri: IntArray  # triangles, one row (a, b, c) each
    tri_edges: IntArray  # edge ids of (a, b), (b, c), (c, a) per triangle


def _ties(G: nx.Graph, weight: str | None) -> _Ties:
    g, nodes = igraph_of(G, weight=weight)
    h = g.copy()
    if weight is None:
        h.es["weight"] = [1.0] * h.ecount()
    if h.is_directed():
        h.to_undirected(mode="collapse", combine_edges="sum")  # m_ij = a_ij + a_ji
    h.simplify(multiple=True, loops=True, combine_edges="sum")
    zero = [e.index for e in h.es.select(weight_le=0)] if h.ecount() else []
    if zero:
        h.delete_edges(zero)
    n = h.vcount()
    pairs = np.asarray(h.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    src, dst = pairs[:, 0], pairs[:, 1]
    m = np.asarray(h.es["weight"] if h.ecount() else [], dtype=np.float64)
    strength = (np.bincount(src, weights=m, minlength=n) + np.bincount(dst, weights=m, minlength=n)).astype(np.float64)
    row_max = np.zeros(n)
    np.maximum.at(row_max, src, m)
    np.maximum.at(row_max, dst, m)
    contacts = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    tri = np.asarray(h.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if len(tri):
        a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
        flat = np.stack([a, b, b, c, c, a], axis=1).reshape(-1, 2)
        tri_edges = np.asarray(h.get_eids(flat.tolist()), dtype=np.int64).reshape(-1, 3)
    else:
        tri_edges = np.zeros((0, 3), dtype=np.int64)
    return _Ties(nodes, src, dst, m, strength, row_max, contacts.astype(np.int64), tri, tri_edges)


def _rotations(t: _Ties) -> list[tuple[IntArray, IntArray, IntArray, IntArray, IntArray, IntArray]]:
    """Each triangle seen from each corner: ``(i, j, q, e_ij, e_iq, e_jq)`` for the six orders."""
    a, b, c = t.tri[:, 0], t.tri[:, 1], t.tri[:, 2]
    eab, ebc, eca = t.tri_edges[:, 0], t.tri_edges[:, 1], t.tri_edges[:, 2]
    return [
        (a, b, c, eab, eca, ebc),
        (a, c, b, eca, eab, ebc),
        (b, a, c, eab, ebc, eca),
        (b, c, a, ebc, eab, eca),
        (c, a, b, eca, ebc, eab),
        (c, b, a, ebc, eca, eab),
    ]


def _slot(t: _Ties, i: IntArray, e: IntArray) -> IntArray:
    """Index of the ordered pair (``i``, other end of ``e``): ``2e`` from src, ``2e + 1`` from dst."""
    return 2 * e + (t.src[e] != i)


def _dyadic(t: _Ties) -> tuple[IntArray, IntArray, FloatArray]:
    """``(i, j, c_ij)`` for every ordered contact pair (slot ``2e`` is src->dst, ``2e+1`` back)."""
    ecount = len(t.m)
    indirect = np.zeros(2 * ecount)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, _j, q, e_ij, e_iq, e_jq in _rotations(t):
            term = t.m[e_iq] / t.strength[i] * t.m[e_jq] / t.strength[q]  # p_iq p_qj
            indirect += np.bincount(_slot(t, i, e_ij), weights=term, minlength=2 * ecount)
        ego = np.stack([t.src, t.dst], axis=1).ravel()
        alter = np.stack([t.dst, t.src], axis=1).ravel()
        direct = np.repeat(t.m, 2) / t.strength[ego]
    return ego, alter, (direct + indirect) ** 2


def constraint(
    G: nx.Graph, weight: str | None = None, *, backend: Literal["auto", "igraph", "networkx"] = "auto"
) -> dict[Hashable, float]:
    """Burt's aggregate constraint ``C_i`` of every node (igraph; ``nan`` for isolates)."""
    if backend == "networkx":
        return {v: float(c) for v, c in nx.constraint(G, weight=weight).items()}
    if backend not in ("auto", "igraph"):
        raise UnknownBackendError(f"unknown backend {backend!r} (auto, networkx, igraph)", backend)
    g, nodes = igraph_of(G, weight=weight)
    values = g.constraint(weights="weight" if weight else None)
    return {v: float(c) for v, c in zip(nodes, values, strict=True)}


def _effective_size(t: _Ties) -> FloatArray:
    n = len(t.nodes)
    redundancy = np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, j, _q, _e_ij, e_iq, e_jq in _rotations(t):
            term = t.m[e_iq] / t.strength[i] * t.m[e_jq] / t.row_max[j]  # p_iq mx_jq
            redundancy += np.bincount(i, weights=term, minlength=n)
    esize = t.contacts.astype(np.float64) - redundancy
    esize[t.contacts == 0] = math.nan
    return esize


def effective_size(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's effective size ``E_i = sum_j (1 - sum_q p_iq mx_jq)`` of every node.

    Equals networkx's per-node ``effective_size(G, nodes=[i])`` (and Borgatti's ``n - 2t/n``
    on unweighted undirected graphs); ``nan`` for isolates.

    >>> import networkx as nx
    >>> effective_size(nx.star_graph(3))  # the hub's contacts are unconnected: no redundancy
    {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    >>> effective_size(nx.complete_graph(3))[0]  # every contact reaches the other
    1.0
    """
    t = _ties(G, weight)
    return dict(zip(t.nodes, _effective_size(t).tolist(), strict=True))


def dyadic_constraint(G: nx.Graph, weight: str | None = None) -> dict[tuple[Hashable, Hashable], float]:
    """``c_ij`` for every ego ``i`` and contact ``j`` (equals ``nx.local_constraint(G, i, j)``)."""
    t = _ties(G, weight)
    ego, alter, c = _dyadic(t)
    nodes = t.nodes
    return {(nodes[i], nodes[j]): float(x) for i, j, x in zip(ego.tolist(), alter.tolist(), c.tolist(), strict=True)}


def _hierarchy(t: _Ties, ego: IntArray, c: FloatArray) -> FloatArray:
    n = len(t.nodes)
    counts = t.contacts
    totals = np.bincount(ego, weights=c, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = c * counts[ego] / totals[ego]
        terms = np.where(r > 0, r * np.log(r), 0.0)
    numer = np.bincount(ego, weights=terms, minlength=n)
    out = np.full(n, math.nan)
    out[counts == 1] = 1.0
    many = counts > 1
    out[many] = numer[many] / (counts[many] * np.log(counts[many]))
    return out


def hierarchy(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    r"""Burt's hierarchy ``H_i = sum_j r_ij ln r_ij / (N ln N)``, ``r_ij = c_ij / (C_i / N)``.

    ``H_i = 1`` for one contact (defined; the formula is ``0/0``), ``nan`` for an isolate.
    """
    t = _ties(G, weight)
    ego, _alter, c = _dyadic(t)
    return dict(zip(t.nodes, _hierarchy(t, ego, c).tolist(), strict=True))


def _efficiency(t: _Ties, esize: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t.contacts > 0, esize / t.contacts, math.nan)


def efficiency(
    G: nx.Graph, weight: str | None = None, *, esize: dict[Hashable, float] | None = None
) -> dict[Hashable, float]:
    """Burt's efficiency ``E_i / N_i`` (effective size over the number of contacts)."""
    t = _ties(G, weight)
    sizes = _effective_size(t) if esize is None else np.asarray([esize[v] for v in t.nodes], dtype=np.float64)
    return dict(zip(t.nodes, _efficiency(t, sizes).tolist(), strict=True))


@dataclass(frozen=True)
class StructuralHoles:
    """All four of Burt's measures for every node."""

    constraint: dict[Hashable, float]
    effective_size: dict[Hashable, float]
    efficiency: dict[Hashable, float]
    hierarchy: dict[Hashable, float]

    def as_metrics(self) -> dict[str, dict[Hashable, float]]:
        return {
            "constraint": self.constraint,
            "effective_size": self.effective_size,
            "efficiency": self.efficiency,
            "hierarchy": self.hierarchy,
        }


def structural_holes(G: nx.Graph, weight: str | None = None) -> StructuralHoles:
    """Constraint, effective size, efficiency and hierarchy of every node, in one pass."""
    t = _ties(G, weight)
    ego, _alter, c = _dyadic(t)
    n = len(t.nodes)
    con = np.bincount(ego, weights=c, minlength=n)
    con[t.contacts == 0] = math.nan
    esize = _effective_size(t)
    nodes = t.nodes
    return StructuralHoles(
        constraint=dict(zip(nodes, con.tolist(), strict=True)),
        effective_size=dict(zip(nodes, esize.tolist(), strict=True)),
        efficiency=dict(zip(nodes, _efficiency(t, esize).tolist(), strict=True)),
        hierarchy=dict(zip(nodes, _hierarchy(t, ego, c).tolist(), strict=True)),
    )
