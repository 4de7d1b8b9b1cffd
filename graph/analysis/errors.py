"""Named exceptions of the analysis library; each carries the offending value."""

from __future__ import annotations

from typing import Any


class AnalysisError(Exception):
    """Base class for errors raised by :mod:`graph.analysis`."""

    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


class ProjectionError(AnalysisError, ValueError):
    """A projection filter is inconsistent (e.g. a two-mode projection asked to be directed)."""


class UnknownBackendError(AnalysisError, ValueError):
    """An unknown computation backend was requested."""


class UnknownFormatError(AnalysisError, ValueError):
    """An export format that does not exist was requested."""


class UnknownMethodError(AnalysisError, ValueError):
    """An unknown algorithm name (community method, evolution mode, ...) was requested."""


class EmptyGraphError(AnalysisError, ValueError):
    """A computation needs at least one node (or edge) and the graph has none."""


class UnknownRegionError(AnalysisError, ValueError):
    """A region filter names no place of the graph (the message lists close matches)."""


class NotConvergedError(AnalysisError, ValueError):
    """An iterative measure did not converge on this network (e.g. eigenvector centrality on a directed
    network without a dominant eigenvector); the value is the number of iterations tried."""
