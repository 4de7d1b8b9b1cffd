"""The ``innograph`` command line. Run ``innograph --help`` and ``innograph COMMAND --help``."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from api.settings import Settings, get_settings

app = typer.Typer(
    help="InnoGraph: a knowledge graph of innovation actors built from Chinese S&T policy documents.\n\n"
    "Typical session: `innograph ingest DOCS/` then `innograph serve`, or explore with "
    '`innograph query "MATCH (a:University) RETURN a.name LIMIT 5"`. Settings come from '
    "INNOGRAPH_* environment variables (INNOGRAPH_STORE=embedded|neo4j, INNOGRAPH_DATA_DIR, ...).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
db_app = typer.Typer(
    help="Manage the graph database (embedded FalkorDB server, schema, backups).", no_args_is_help=True
)
app.add_typer(db_app, name="db")

console = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    try:
        return get_settings()
    except ValueError as exc:
        err.print(f"[red]invalid settings:[/red] {exc}")
        raise typer.Exit(2) from exc


def _open_store(settings: Settings, *, start: bool = True) -> Any:
    from api.stores import open_store
    from graph.errors import StoreUnavailable

    try:
        return open_store(settings, start=start)
    except StoreUnavailable as exc:
        err.print(f"[red]graph store unavailable:[/red] {exc}")
        raise typer.Exit(1) from exc


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


# -- db -----------------------------------------------------------------------------------------
@db_app.command("init")
def db_init() -> None:
    """Create the indexes of cypher/schema (idempotent: existing ones are left alone)."""
    from graph.schema import init_schema

    store = _open_store(_settings())
    created = init_schema(store)
    console.print(
        f"schema ready on {store.backend}: {sum(created.values())} created, "
        f"{len(created) - sum(created.values())} already present"
    )


@db_app.command("start")
def db_start() -> None:
    """Start the embedded FalkorDB server in the background (it keeps running until `db stop`)."""
    from graph.embedded import EmbeddedServer
    from graph.errors import StoreUnavailable

    s = _settings()
    server = EmbeddedServer(s.data_dir)
    try:
        started = server.ensure(detached=True)
    except StoreUnavailable as exc:
        err.print(f"[red]could not start FalkorDB:[/red] {exc}")
        raise typer.Exit(1) from exc
    st = server.status()
    console.print(("started" if started else "already running") + f": pid {st['pid']}, socket {st['socket']}")


@db_app.command("stop")
def db_stop() -> None:
    """Save and stop the embedded FalkorDB server of the data directory."""
    from graph.embedded import EmbeddedServer

    stopped = EmbeddedServer(_settings().data_dir).stop()
    console.print("stopped" if stopped else "not running")


@db_app.command("status")
def db_status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Whether the embedded server runs, where its data is, and how much it holds."""
    s = _settings()
    info: dict[str, Any]
    if s.store == "embedded":
        from graph.embedded import EmbeddedServer

        info = {"backend": "falkordb", **EmbeddedServer(s.data_dir).status()}
        if info["running"]:
            store = _open_store(s, start=False)
            info.update(_counts(store))
    else:
        store = _open_store(s)
        info = {**store.describe(), **_counts(store)}
    if as_json:
        console.print_json(json.dumps(info))
        return
    state = "running" if info.get("running") else "not running"
    console.print(f"backend: {info['backend']} ({state})")
    for key in (
        "data_dir",
        "socket",
        "pid",
        "mode",
        "uri",
        "database",
        "nodes",
        "relationships",
        "actors",
        "documents",
    ):
        if info.get(key) is not None:
            console.print(f"{key}: {info[key]}")


def _counts(store: Any) -> dict[str, Any]:
    total = store.read("total_counts").records()[0]
    health = store.read("health_counts").records()[0]
    return {
        "nodes": total["nodes"],
        "relationships": total["relationships"],
        "actors": health["actors"],
        "documents": health["documents"],
    }


@db_app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete the whole graph (documents, actors, relationships) and recreate the indexes."""
    from graph.schema import init_schema

    if not yes:
        typer.confirm("Delete the whole graph?", abort=True)
    store = _open_store(_settings())
    store.drop_all()
    init_schema(store)
    console.print("graph deleted; schema recreated")


# -- query --------------------------------------------------------------------------------------
def _parse_param(raw: str) -> tuple[str, Any]:
    if "=" not in raw:
        raise typer.BadParameter(f"expected k=v, got {raw!r}")
    key, value = raw.split("=", 1)
    try:
        parsed: Any = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return key.strip(), parsed


@app.command()
def query(
    cypher: Annotated[
        str, typer.Argument(help='A read-only Cypher query, e.g. "MATCH (a:City) RETURN a.name".')
    ],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="Query parameter k=v (v parsed as JSON when it can be). Repeatable."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON objects.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 1000,
) -> None:
    """Run a READ-ONLY Cypher query (the database refuses writes) and print a table."""
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


# -- serve --------------------------------------------------------------------------------------
@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Bind address (default INNOGRAPH_HOST or 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default INNOGRAPH_PORT or 8000).")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the explorer at /."""
    import os

    import uvicorn

    if host:
        os.environ["INNOGRAPH_HOST"] = host
    if port:
        os.environ["INNOGRAPH_PORT"] = str(port)
    s = _settings()
    uvicorn.run("api.app:create_app", factory=True, host=s.host, port=s.port, log_level="info")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
