"""Named exceptions of the graph layer; messages carry the offending value."""


class GraphError(Exception):
    """Base class for graph-store errors."""


class QueryFileError(GraphError):
    """A .cypher file is malformed (bad header, parameter mismatch, duplicate name)."""


class UnknownQueryError(GraphError, KeyError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no query named {name!r} in cypher/")
        self.name = name

    def __str__(self) -> str:
        return str(self.args[0])


class QueryParameterError(GraphError, ValueError):
    """Parameters given to a named query do not match its declaration."""


class ReadOnlyViolation(GraphError):
    """A query sent through the read-only path tried to write."""


class ForbiddenClause(GraphError):
    """An ad-hoc query uses a clause the read path never runs (LOAD CSV: the server would fetch a URL or file)."""


class QueryTooComplex(GraphError, ValueError):
    """An ad-hoc query too long or nested too deeply to be sent to the database (its parser would stall)."""


class QueryTimeout(GraphError):
    """A query exceeded its time limit."""


class CypherSyntaxError(GraphError):
    """The database could not parse or plan a query."""


class StoreUnavailable(GraphError):
    """The graph database could not be started or reached."""
