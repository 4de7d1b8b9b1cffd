"""From plain rows to a networkx graph: filtering, aggregation, two-mode projection, caching.

Semantics (also in ``docs/analysis.md``):

* A node is kept when its ``type`` is in ``actor_types`` (all types when ``None``) and, when
  ``region`` is set, it is within that region: the region is the node itself or stands in its
  ``region_path`` (X and everything within it, :mod:`graph.analysis.regions`). Edges are kept only between kept nodes
  (induced subgraph); edges naming an unknown node and self-loops are dropped and counted in
  the log.
* An edge row is kept when its ``type`` is in ``relation_types`` (all when ``None``), its
  ``modality`` equals ``modality`` (both when ``None``), and its activity interval overlaps
  ``[year_from, year_to]``. A row's interval is ``[first_year, last_year]``, each bound falling
  back to ``min(years)`` / ``max(years)``; an undated row passes a year filter only when
  ``include_undated`` is true.
* Kept rows between the same pair are summed: ``weight`` is the total evidence count over all
  relation types, ``types`` the sorted distinct relation types, ``first_year`` / ``last_year``
  the earliest / latest bound. In an undirected projection rows in both directions add up;
  in a directed projection ``COOPERATES_WITH`` (symmetric) adds an arc each way.
  ``min_weight`` then removes pairs whose summed weight is below it.
* Node attributes: ``name``, ``type``, ``region``, ``subtype`` (``None`` values omitted).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from graph.analysis.errors import ProjectionError
from graph.analysis.regions import within
from graph.analysis.rows import EdgeRow, NodeRow
from graph.vocabulary import INNOVATION_ACTOR_TYPES, SYMMETRIC_RELATIONS

logger = logging.getLogger(__name__)

ACTOR_TYPES: tuple[str, ...] = INNOVATION_ACTOR_TYPES
"""Node types that are innovation actors (Policy and Programme are not): :mod:`graph.vocabulary`'s."""

TWO_MODE_TYPES: dict[str, str] = {"platforms": "Platform", "programmes": "Programme"}
"""Second-mode node type for each ``two_mode`` value."""

TwoMode = Literal["platforms", "programmes"]


class ProjectionFilter(BaseModel):
    """Which part of the graph to analyse and how to shape it. Frozen and hashable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor_types: tuple[str, ...] | None = None
    relation_types: tuple[str, ...] | None = None
    modality: Literal["fact", "plan"] | None = None
    region: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    include_undated: bool = False
    min_weight: float = 0.0
    directed: bool = False
    two_mode: TwoMode | None = None
    keep_isolates: bool = True

    @field_validator("actor_types", "relation_types")
    @classmethod
    def _canonical(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        # sorted and de-duplicated so that equal filters hash equally (cache keys)
        return None if value is None else tuple(sorted(set(value)))

    @model_validator(mode="after")
    def _consistent(self) -> ProjectionFilter:
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ValueError(f"year_from {self.year_from} is after year_to {self.year_to}")
        if self.two_mode is not None and self.directed:
            raise ValueError(f"a two-mode projection ({self.two_mode}) is undirected; directed=True given")
        return self


def row_interval(row: EdgeRow) -> tuple[int | None, int | None]:
    """The activity interval ``(first, last)`` of an edge row; ``(None, None)`` when undated."""
    first = row.first_year if row.first_year is not None else (min(row.years) if row.years else None)
    last = row.last_year if row.last_year is not None else (max(row.years) if row.years else None)
    if first is None:
        first = last
    if last is None:
        last = first
    return first, last


def _edge_row_passes(row: EdgeRow, flt: ProjectionFilter) -> bool:
    if flt.relation_types is not None and row.type not in flt.relation_types:
        return False
    if flt.modality is not None and row.modality != flt.modality:
        return False
    if flt.year_from is None and flt.year_to is None:
        return True
    first, last = row_interval(row)
    if first is None or last is None:
        return flt.include_undated
    if flt.year_from is not None and last < flt.year_from:
        return False
    return not (flt.year_to is not None and first > flt.year_to)


def _node_passes(node: NodeRow, flt: ProjectionFilter) -> bool:
    if flt.actor_types is not None and node.type not in flt.actor_types:
        return False
    return flt.region is None or within(flt.region, node.name, node.region_path)


def _node_attrs(node: NodeRow) -> dict[str, str]:
    attrs = {"name": node.name, "type": node.type, "region": node.region, "subtype": node.subtype}
    return {k: v for k, v in attrs.items() if v is not None}


@dataclass
class _Agg:
    weight: float = 0.0
    types: set[str] = field(default_factory=set)
    first_year: int | None = None
    last_year: int | None = None

    def add(self, row: EdgeRow, weight: float | None = None) -> None:
        self.weight += row.weight if weight is None else weight
        self.types.add(row.type)
        first, last = row_interval(row)
        if first is not None:
            self.first_year = first if self.first_year is None else min(self.first_year, first)
        if last is not None:
            self.last_year = last if self.last_year is None else max(self.last_year, last)

    def attrs(self) -> dict[str, object]:
        out: dict[str, object] = {"weight": self.weight, "types": sorted(self.types)}
        if self.first_year is not None:
            out["first_year"] = self.first_year
        if self.last_year is not None:
            out["last_year"] = self.last_year
        return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building: the build allocates millions of
    small acyclic objects, and collections triggered by them cost more than the build (x2-3 at
    500k edges). Nothing is leaked: reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _index_nodes(nodes: Iterable[NodeRow]) -> dict[str, NodeRow]:
    index: dict[str, NodeRow] = {}
    for node in nodes:
        index[node.id] = node
    return index


def build_graph(
    nodes: Iterable[NodeRow], edges: Iterable[EdgeRow], flt: ProjectionFilter | None = None
) -> nx.Graph | nx.DiGraph:
    """Build the analysis graph from rows according to ``flt`` (see the module docstring).

    With ``flt.two_mode`` set this returns :func:`bipartite_projection` instead.

    >>> from graph.analysis import EdgeRow, NodeRow, ProjectionFilter
    >>> nodes = [NodeRow(id="a", name="甲大学", type="University"), NodeRow(id="b", name="乙集团", type="Enterprise"),
    ...          NodeRow(id="c", name="丙研究院", type="ResearchInstitute")]
    >>> edges = [EdgeRow(source="a", target="b", type="COOPERATES_WITH", weight=2, years=[2019]),
    ...          EdgeRow(source="b", target="a", type="CO_BUILDS", years=[2020]),
    ...          EdgeRow(source="b", target="c", type="CO_BUILDS")]
    >>> G = build_graph(nodes, edges)  # rows between a pair add up
    >>> G["a"]["b"]["weight"], G["a"]["b"]["types"]
    (3.0, ['COOPERATES_WITH', 'CO_BUILDS'])
    >>> build_graph(nodes, edges, ProjectionFilter(year_from=2020)).number_of_edges()  # undated rows drop out
    1
    >>> sorted(build_graph(nodes, edges, ProjectionFilter(directed=True)).edges())  # symmetric: both ways
    [('a', 'b'), ('b', 'a'), ('b', 'c')]
    """
    flt = flt or ProjectionFilter()
    if flt.two_mode is not None:
        return bipartite_projection(nodes, edges, flt)
    with _gc_paused():
        return _build_one_mode(nodes, edges, flt)


def _build_one_mode(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow], flt: ProjectionFilter) -> nx.Graph:
    index = _index_nodes(nodes)
    kept = {nid: row for nid, row in index.items() if _node_passes(row, flt)}

    agg: dict[tuple[str, str], _Agg] = defaultdict(_Agg)
    dangling = loops = filtered = 0
    for row in edges:
        if row.source not in index or row.target not in index:
            dangling += 1
            continue
        if row.source not in kept or row.target not in kept or not _edge_row_passes(row, flt):
            filtered += 1
            continue
        if row.source == row.target:
            loops += 1
            continue
        if flt.directed:
            agg[(row.source, row.target)].add(row)
            if row.type in SYMMETRIC_RELATIONS:
                agg[(row.target, row.source)].add(row)
        else:
            key = (row.source, row.target) if row.source <= row.target else (row.target, row.source)
            agg[key].add(row)
    if dangling or loops:
        logger.warning("build_graph dropped %d edges naming unknown nodes and %d self-loops", dangling, loops)

    G: nx.Graph | nx.DiGraph = nx.DiGraph() if flt.directed else nx.Graph()
    pairs = [(key, a) for key, a in agg.items() if a.weight >= flt.min_weight]
    if flt.keep_isolates:
        G.add_nodes_from((nid, _node_attrs(row)) for nid, row in kept.items())
    else:
        used = {n for (u, v), _ in pairs for n in (u, v)}
        G.add_nodes_from((nid, _node_attrs(row)) for nid, row in kept.items() if nid in used)
    G.add_edges_from((u, v, a.attrs()) for (u, v), a in pairs)
    logger.debug(
        "build_graph: %d nodes, %d edges (%d rows filtered out) for %s",
        G.number_of_nodes(),
        G.number_of_edges(),
        filtered,
        flt,
    )
    return G


def two_mode_graph(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow], flt: ProjectionFilter) -> nx.Graph:
    """The two-mode (bipartite) graph: actors (``bipartite=0``) × affiliations (``bipartite=1``).

    Affiliations are ``Platform`` nodes for ``two_mode="platforms"`` and ``Programme`` nodes for
    ``"programmes"``. Actors are the nodes passing the actor filter whose type is not the
    affiliation type; the region filter applies to actors only. An actor–affiliation edge is
    the sum of the kept rows between them (either direction, any kept relation type).
    """
    if flt.two_mode is None:
        raise ProjectionError("two_mode_graph needs flt.two_mode ('platforms' or 'programmes')", None)
    aff_type = TWO_MODE_TYPES[flt.two_mode]
    index = _index_nodes(nodes)
    actors = {nid: row for nid, row in index.items() if row.type != aff_type and _node_passes(row, flt)}
    affiliations = {nid: row for nid, row in index.items() if row.type == aff_type}

    agg: dict[tuple[str, str], _Agg] = defaultdict(_Agg)
    for row in edges:
        if not _edge_row_passes(row, flt):
            continue
        if row.source in actors and row.target in affiliations:
            agg[(row.source, row.target)].add(row)
        elif row.target in actors and row.source in affiliations:
            agg[(row.target, row.source)].add(row)

    B = nx.Graph()
    B.add_nodes_from((nid, {"bipartite": 0, **_node_attrs(nrow)}) for nid, nrow in actors.items())
    B.add_nodes_from((nid, {"bipartite": 1, **_node_attrs(nrow)}) for nid, nrow in affiliations.items())
    B.add_edges_from((a, p, agg_.attrs()) for (a, p), agg_ in agg.items())
    return B


def _overlap_start(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _overlap_end(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _earliest(a: int | None, b: int | None) -> int | None:
    return b if a is None else (a if b is None else min(a, b))


def _latest(a: int | None, b: int | None) -> int | None:
    return b if a is None else (a if b is None else max(a, b))


def bipartite_projection(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow], flt: ProjectionFilter) -> nx.Graph:
    """Project the two-mode graph onto actors, weighted by shared affiliations.

    Two actors are linked when they share at least one affiliation (platform or programme);
    ``weight`` is the number of shared affiliations, ``via`` the sorted ids of those
    affiliations, ``types`` is ``["SHARES_PLATFORM"]`` or ``["SHARES_PROGRAMME"]``.
    ``first_year`` is the earliest year in which both actors are tied to a common
    affiliation (the later of their two first years, minimised over shared affiliations);
    ``last_year`` is the latest year both are (the earlier of their last years, maximised).
    ``min_weight`` applies to the number of shared affiliations.
    """
    with _gc_paused():
        return _project(two_mode_graph(nodes, edges, flt), flt)


def _project(B: nx.Graph, flt: ProjectionFilter) -> nx.Graph:
    actors = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    first: dict[tuple[str, str], int | None] = {}
    last: dict[tuple[str, str], int | None] = {}
    for aff, data in B.nodes(data=True):
        if data["bipartite"] != 1:
            continue
        members = sorted(B[aff])
        for i, u in enumerate(members):
            eu = B[u][aff]
            for v in members[i + 1 :]:
                ev = B[v][aff]
                key = (u, v)
                shared[key].append(aff)
                start = _overlap_start(eu.get("first_year"), ev.get("first_year"))
                end = _overlap_end(eu.get("last_year"), ev.get("last_year"))
                if key not in first:
                    first[key], last[key] = start, end
                else:
                    old_first, old_last = first[key], last[key]
                    first[key] = start if old_first is None else (old_first if start is None else min(old_first, start))
                    last[key] = end if old_last is None else (old_last if end is None else max(old_last, end))

    label = "SHARES_PLATFORM" if flt.two_mode == "platforms" else "SHARES_PROGRAMME"
    G = nx.Graph()
    kept_pairs = {key: affs for key, affs in shared.items() if len(affs) >= flt.min_weight}
    node_data = {n: {k: v for k, v in B.nodes[n].items() if k != "bipartite"} for n in actors}
    if flt.keep_isolates:
        G.add_nodes_from((n, node_data[n]) for n in actors)
    else:
        used = {n for key in kept_pairs for n in key}
        G.add_nodes_from((n, node_data[n]) for n in actors if n in used)
    for (u, v), affs in kept_pairs.items():
        attrs: dict[str, object] = {"weight": float(len(affs)), "types": [label], "via": sorted(affs)}
        if first[(u, v)] is not None:
            attrs["first_year"] = first[(u, v)]
        if last[(u, v)] is not None:
            attrs["last_year"] = last[(u, v)]
        G.add_edge(u, v, **attrs)
    return G


RowsLoader = Callable[[], tuple[Sequence[NodeRow], Sequence[EdgeRow]]]


class ProjectionCache:
    """A small LRU cache of built graphs keyed by ``(version token, filter)``.

    The caller supplies a version token that changes whenever the stored graph changes (e.g. a
    counter bumped on every load, or a hash of the last write). When a lookup brings a token
    different from the one the cache holds, every entry is dropped first. Cached graphs are
    frozen (:func:`networkx.freeze`): copy one before changing it. Thread-safe.
    """

    def __init__(self, max_entries: int = 8) -> None:
        if max_entries < 1:
            raise ProjectionError(f"max_entries must be >= 1, got {max_entries}", max_entries)
        self.max_entries = max_entries
        self._entries: OrderedDict[ProjectionFilter, nx.Graph] = OrderedDict()
        self._version: str | None = None
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def version(self) -> str | None:
        return self._version

    def __len__(self) -> int:
        return len(self._entries)

    def invalidate(self) -> None:
        """Drop every entry (the version token is forgotten too)."""
        with self._lock:
            self._entries.clear()
            self._version = None

    def _check_version(self, version: str) -> None:
        if version != self._version:
            if self._entries:
                logger.info(
                    "projection cache: version %r -> %r, dropping %d graphs",
                    self._version,
                    version,
                    len(self._entries),
                )
            self._entries.clear()
            self._version = version

    def get(self, version: str, flt: ProjectionFilter) -> nx.Graph | None:
        with self._lock:
            self._check_version(version)
            graph = self._entries.get(flt)
            if graph is not None:
                self._entries.move_to_end(flt)
            return graph

    def put(self, version: str, flt: ProjectionFilter, graph: nx.Graph) -> nx.Graph:
        frozen = nx.freeze(graph)
        with self._lock:
            self._check_version(version)
            self._entries[flt] = frozen
            self._entries.move_to_end(flt)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return frozen

    def get_or_build(self, version: str, flt: ProjectionFilter, load: RowsLoader) -> nx.Graph:
        """Return the cached graph for ``(version, flt)``, building it from ``load()`` on a miss."""
        cached = self.get(version, flt)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        nodes, edges = load()
        return self.put(version, flt, build_graph(nodes, edges, flt))
