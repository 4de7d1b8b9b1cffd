"""Plain input rows: what the graph store hands to the analysis library.

The analysis code never talks to a database. Whoever fetches the graph (Cypher on FalkorDB or
Neo4j, a JSON dump, a test) produces these rows; :func:`graph.analysis.projection.build_graph`
turns them into a networkx graph.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class NodeRow(BaseModel):
    """One actor (or platform / programme / policy) node."""

    id: str
    name: str
    type: str
    region: str | None = None
    region_path: list[str] = Field(default_factory=list)  # containing places, outermost first
    subtype: str | None = None


class EdgeRow(BaseModel):
    """One relation between two nodes, aggregated over its evidence.

    ``weight`` is the evidence count (number of supporting sentences); ``years`` lists the
    distinct years in which the relation is attested (may be empty); ``first_year`` and
    ``last_year`` bound them and may be given without ``years``.
    """

    source: str
    target: str
    type: str
    weight: float = 1
    modality: str = "fact"
    first_year: int | None = None
    last_year: int | None = None
    years: list[int] = Field(default_factory=list)
