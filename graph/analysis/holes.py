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

Computation is always whole-graph with sparse matrices: asking networkx for specific nodes
takes a per-node path that is ~O(d^3) on hubs. Constraint is networkx's whole-graph
``constraint`` (checked against igraph). Effective size and the dyadic constraints are
computed here: networkx 3.6's whole-graph ``effective_size`` normalises ``m_jq`` by the wrong
axis (each column's maximum instead of each row's), which gives wrong values on weighted and
directed graphs (networkx PR #8906), and builds a dense ``n x n`` array; its per-node path is
correct except that on a directed graph it returns ``nan`` for a node with only in-ties.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class _Matrices:
    nodes: list[Hashable]
    P: sp.csr_array  # proportional tie strength p_ij
    B: sp.csr_array  # 1 where j is a contact of i
    mutual: sp.csr_array  # mutual weights m_ij


def _matrices(G: nx.Graph, weight: str | None) -> _Matrices:
    nodes = list(G.nodes())
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=weight, format="csr", dtype=float)
    M = sp.csr_array(A + A.T)
    M.setdiag(0)
    M.eliminate_zeros()
    row_sum = np.asarray(M.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inv = np.where(row_sum > 0, 1.0 / row_sum, 0.0)
    P = sp.csr_array(sp.diags_array(inv) @ M)
    B = sp.csr_array((M > 0).astype(float))
    return _Matrices(nodes, P, B, M)


def constraint(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's aggregate constraint ``C_i`` of every node (networkx, whole graph)."""
    return {v: float(c) for v, c in nx.constraint(G, weight=weight).items()}


def effective_size(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's effective size ``E_i = sum_j (1 - sum_q p_iq mx_jq)`` of every node (sparse).

    Equals networkx's per-node ``effective_size(G, nodes=[i])`` (and Borgatti's ``n - 2t/n``
    on unweighted undirected graphs); ``nan`` for isolates.
    """
    mats = _matrices(G, weight)
    M = mats.mutual
    row_max = np.asarray(M.max(axis=1).toarray()).ravel()
    with np.errstate(divide="ignore"):
        inv_max = np.where(row_max > 0, 1.0 / row_max, 0.0)
    Mx = sp.csr_array(sp.diags_array(inv_max) @ M)
    redundancy = sp.csr_array((mats.P @ Mx.T).multiply(mats.B))
    red_sum = np.asarray(redundancy.sum(axis=1)).ravel()
    contacts = np.diff(mats.B.indptr).astype(float)
    esize = contacts - red_sum
    esize[contacts == 0] = math.nan
    return dict(zip(mats.nodes, esize.tolist(), strict=True))


def _dyadic_matrix(G: nx.Graph, weight: str | None) -> tuple[_Matrices, sp.csr_array]:
    mats = _matrices(G, weight)
    P = mats.P
    indirect = sp.csr_array((P @ P).multiply(mats.B))
    local = sp.csr_array((P + indirect).multiply(mats.B))
    local = sp.csr_array(local.power(2))
    return mats, local


def dyadic_constraint(G: nx.Graph, weight: str | None = None) -> dict[tuple[Hashable, Hashable], float]:
    """``c_ij`` for every ego ``i`` and contact ``j`` (equals ``nx.local_constraint(G, i, j)``)."""
    mats, local = _dyadic_matrix(G, weight)
    coo = local.tocoo()
    return {
        (mats.nodes[i], mats.nodes[j]): float(c)
        for i, j, c in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    }


def hierarchy(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    r"""Burt's hierarchy ``H_i = sum_j r_ij ln r_ij / (N ln N)``, ``r_ij = c_ij / (C_i / N)``.

    ``H_i = 1`` for one contact (defined; the formula is ``0/0``), ``nan`` for an isolate.
    """
    mats, local = _dyadic_matrix(G, weight)
    # local has an entry at each contact, as c_ij >= p_ij^2 > 0, and nowhere else
    counts = np.diff(local.indptr)
    totals = np.asarray(local.sum(axis=1)).ravel()
    rows = np.repeat(np.arange(len(mats.nodes)), counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = local.data * counts[rows] / totals[rows]
        terms = np.where(r > 0, r * np.log(r), 0.0)
    numer = np.bincount(rows, weights=terms, minlength=len(mats.nodes))
    out = np.full(len(mats.nodes), math.nan)
    single = counts == 1
    out[single] = 1.0
    many = counts > 1
    out[many] = numer[many] / (counts[many] * np.log(counts[many]))
    return dict(zip(mats.nodes, out.tolist(), strict=True))


def efficiency(
    G: nx.Graph, weight: str | None = None, *, esize: dict[Hashable, float] | None = None
) -> dict[Hashable, float]:
    """Burt's efficiency ``E_i / N_i`` (effective size over the number of contacts)."""
    esize = esize if esize is not None else effective_size(G, weight)
    out: dict[Hashable, float] = {}
    for v in G.nodes():
        contacts = len(set(nx.all_neighbors(G, v)) - {v}) if G.is_directed() else len(set(G[v]) - {v})
        out[v] = esize[v] / contacts if contacts else math.nan
    return out


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
    """Constraint, effective size, efficiency and hierarchy of every node, whole-graph."""
    esize = effective_size(G, weight)
    return StructuralHoles(
        constraint=constraint(G, weight),
        effective_size=esize,
        efficiency=efficiency(G, weight, esize=esize),
        hierarchy=hierarchy(G, weight),
    )
