"""Network analysis of the innovation-actor graph (networkx API, computed on igraph by default).

Pure functions over a networkx graph built from plain rows:

* :mod:`.projection`: rows -> graph (filters, aggregation, two-mode projection, cache);
* :mod:`.centrality`: degree, betweenness, closeness, eigenvector, PageRank, clustering, k-core;
* :mod:`.holes`: Burt's constraint, effective size, efficiency, hierarchy;
* :mod:`.network`: whole-network summary;
* :mod:`.communities`: Louvain and Leiden (igraph), label propagation, modularity;
* :mod:`.evolution`: metrics per year or window;
* :mod:`.export`: GraphML, GEXF 1.3, Pajek, UCINET DL, CSV, JSON.
"""

from graph.analysis.centrality import (
    CentralityResult,
    betweenness,
    closeness,
    clustering,
    core_number,
    degree,
    eigenvector,
    pagerank,
)
from graph.analysis.communities import CommunityResult, detect_communities, modularity
from graph.analysis.errors import (
    AnalysisError,
    EmptyGraphError,
    NotConvergedError,
    ProjectionError,
    UnknownBackendError,
    UnknownFormatError,
    UnknownMethodError,
)
from graph.analysis.evolution import EvolutionResult, evolution
from graph.analysis.export import FORMATS, export_graph
from graph.analysis.holes import StructuralHoles, structural_holes
from graph.analysis.network import NetworkSummary, summarize
from graph.analysis.projection import (
    ProjectionCache,
    ProjectionFilter,
    bipartite_projection,
    build_graph,
    two_mode_graph,
)
from graph.analysis.rows import EdgeRow, NodeRow

__all__ = [
    "FORMATS",
    "AnalysisError",
    "CentralityResult",
    "CommunityResult",
    "EdgeRow",
    "EmptyGraphError",
    "EvolutionResult",
    "NetworkSummary",
    "NodeRow",
    "NotConvergedError",
    "ProjectionCache",
    "ProjectionError",
    "ProjectionFilter",
    "StructuralHoles",
    "UnknownBackendError",
    "UnknownFormatError",
    "UnknownMethodError",
    "betweenness",
    "bipartite_projection",
    "build_graph",
    "closeness",
    "clustering",
    "core_number",
    "degree",
    "detect_communities",
    "eigenvector",
    "evolution",
    "export_graph",
    "modularity",
    "pagerank",
    "structural_holes",
    "summarize",
    "two_mode_graph",
]
