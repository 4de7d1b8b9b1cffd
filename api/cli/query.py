"""``innograph query``: a read-only Cypher query, printed as a table or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from api.cli._common import _open_store, _settings, console, err


def _parse_param(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        raise typer.BadParameter(f"expected k=v, got {raw!r}")
    key, value = raw.split("=", 1)
    try:
        parsed: Any = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return key.strip(), parsed


def query(
    cypher: Annotated[str, typer.Argument(help='A read-only Cypher query, e.g. "MATCH (a:City) RETURN a.name".')],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", metavar="K=V", help="Query parameter k=v (v parsed as JSON when it can be). Repeatable."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON objects.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 1000,
) -> None:
    """Run a READ-ONLY Cypher query (the database refuses writes) and print a table.

    Example: innograph query "MATCH (u:University)-[r]->(b) WHERE r.weight >= $w RETURN u.name, type(r), b.name" -p w=2
    """
    from graph.errors import GraphError

    params = dict(_parse_param(p) for p in (param or []))
    store = _open_store(_settings())
    try:
        res = store.read_cypher(cypher, params, row_limit=limit)
    except GraphError as exc:
        err.print(f"[red]{type(exc).__name__}:[/red] {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(json.dumps(res.records(), ensure_ascii=False, indent=1))
        return
    table = Table(*res.columns)
    for row in res.rows:
        table.add_row(*[v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in row])
    console.print(table)
    if res.truncated:
        err.print(f"[yellow]output truncated at {limit} rows[/yellow]")
