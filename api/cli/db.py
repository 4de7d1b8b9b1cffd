"""``innograph db``: the graph database (embedded FalkorDB server, schema, backups)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from api.cli._common import _open_store, _settings, console, err
from graph.store import GraphStore

db_app = typer.Typer(
    help="Manage the graph database (embedded FalkorDB server, schema, backups).", no_args_is_help=True
)


@db_app.command("init")
def db_init() -> None:
    """Create the indexes of cypher/schema (idempotent: existing ones are left alone).

    Example: innograph db init
    """
    from graph.schema import init_schema

    store = _open_store(_settings())
    created = init_schema(store)
    console.print(
        f"schema ready on {store.backend}: {sum(created.values())} created, "
        f"{len(created) - sum(created.values())} already present"
    )


@db_app.command("start")
def db_start() -> None:
    """Start the embedded FalkorDB server in the background (it keeps running until `db stop`).

    Example: innograph db start   (the data directory is INNOGRAPH_DATA_DIR, default .innograph)
    """
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
    """Save and stop the embedded FalkorDB server of the data directory.

    Example: innograph db stop
    """
    from graph.embedded import EmbeddedServer

    stopped = EmbeddedServer(_settings().data_dir).stop()
    console.print("stopped" if stopped else "not running")


@db_app.command("status")
def db_status(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Whether the embedded server runs, where its data is, and how much it holds.

    Example: innograph db status --json
    """
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


def _counts(store: GraphStore) -> dict[str, Any]:
    # counting every node and relationship of a large graph takes longer than a request may: no limit
    total = store.read("total_counts", timeout_ms=0).records()[0]
    health = store.read("health_counts", timeout_ms=0).records()[0]
    return {
        "nodes": total["nodes"],
        "relationships": total["relationships"],
        "actors": health["actors"],
        "documents": health["documents"],
    }


@db_app.command("dump")
def db_dump(
    file: Annotated[Path, typer.Argument(help="Output file (gzip'd JSON lines, e.g. graph.jsonl.gz).")],
) -> None:
    """Write the whole graph to a portable, versioned file (restores on FalkorDB or Neo4j). Run it while no
    ingest writes.

    Example: innograph db dump graph.jsonl.gz
    """
    from graph.backup import dump
    from graph.errors import GraphError

    store = _open_store(_settings())
    try:
        info = dump(store, file)
    except GraphError as exc:
        err.print(f"[red]{type(exc).__name__}:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(f"dumped {info.nodes} nodes and {info.relationships} relationships to {info.path}")


@db_app.command("restore")
def db_restore(
    file: Annotated[Path, typer.Argument(help="A file written by `innograph db dump`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Delete the target graph's content first if it is not empty.")
    ] = False,
) -> None:
    """Load a dump into an EMPTY graph. The file is checked completely before anything is written.

    Example: innograph db restore graph.jsonl.gz
    """
    from graph.backup import restore
    from graph.errors import GraphError

    store = _open_store(_settings())
    try:
        info = restore(store, file, force=force)
    except GraphError as exc:
        err.print(f"[red]{type(exc).__name__}:[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(
        f"restored {info.nodes} nodes and {info.relationships} relationships "
        f"(dumped from {info.backend or 'unknown'} on {info.created or 'unknown date'})"
    )


@db_app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete the whole graph (documents, actors, relationships) and recreate the indexes.

    Example: innograph db reset --yes
    """
    from graph.schema import init_schema

    if not yes:
        typer.confirm("Delete the whole graph?", abort=True)
    store = _open_store(_settings())
    store.drop_all()
    init_schema(store)
    console.print("graph deleted; schema recreated")
