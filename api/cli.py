"""The ``innograph`` command line. Run ``innograph --help`` and ``innograph COMMAND --help``."""

from __future__ import annotations

import functools
import inspect
import json
import logging
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.settings import Settings, get_settings, ingest_options
from graph.analysis_options import (
    COMMUNITY_METHODS,
    EVOLUTION_MODES,
    EXPORT_FORMATS,
    HOLE_SORTS,
    MEASURES,
    MODALITIES,
    TWO_MODES,
)
from graph.analysis_options import HELP as OPT_HELP

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

_option_type = typer.core.TyperOption.display_type_rich


def _flag_type(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """typer 0.29 labels a flag ``<bool>`` in --help; a flag takes no value, so it gets no label."""
    return None if self.is_flag and self.metavar is None else _option_type(self, ctx)


typer.core.TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]

_argument_type = typer.core.TyperArgument.display_type_rich


def _named_argument_type(self: typer.core.TyperArgument, ctx: Any) -> str | None:
    """An argument named by its metavar (PATH..., DOC_ID) needs no ``<list[Path]>`` label beside it."""
    return None if self.metavar else _argument_type(self, ctx)


typer.core.TyperArgument.display_type_rich = _named_argument_type  # type: ignore[method-assign,assignment]


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


def _counts(store: Any) -> dict[str, Any]:
    total = store.read("total_counts").records()[0]
    health = store.read("health_counts").records()[0]
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


# -- ingest / extract / eval / remove / synth ---------------------------------------------------
@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Files and/or directories (searched recursively).")
    ],
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")] = 1,
    include: Annotated[
        list[str] | None, typer.Option(metavar="GLOB", help="Only files matching this glob (repeatable), e.g. '*.pdf'.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(metavar="GLOB", help="Skip files matching this glob (repeatable).")
    ] = None,
    aliases: Annotated[
        Path | None,
        typer.Option(
            help="aliases.yaml with merge/never rules (default: INNOGRAPH_ALIASES_FILE, or ./aliases.yaml if present)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read, extract, resolve and load documents (.txt in any Chinese encoding, .html, .pdf, .docx).

    Unchanged documents are skipped, a new version of a file replaces the old one, bad files are
    reported with the reason and skipped. Exit code 1 when any file failed. The summary's actors are
    distinct actors; --json names every file and why a skipped one was skipped.

    Example: innograph ingest reports/ --workers 2 --include '*.txt' --json
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ingest.files import iter_input_files
    from ingest.pipeline import ingest_files

    s = _settings()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err.print(f"[red]no such file or directory:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    options = ingest_options(s, aliases)
    total = sum(1 for _ in iter_input_files(list(paths), include, exclude))
    store = _open_store(s)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}"),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingest", total=total, name="")

        def tick(path: str, state: str) -> None:
            bar.update(task, advance=1, name=Path(path).name)

        summary = ingest_files(
            store,
            list(paths),
            include=include,
            exclude=exclude,
            workers=workers,
            max_bytes=options.max_bytes,
            timeout_s=options.timeout_s,
            aliases_file=options.aliases_file,
            curation=options.curation(),
            progress=tick,
        )
    if as_json:
        typer.echo(summary.model_dump_json(indent=1))
    else:
        table = Table(
            "documents read",
            "new",
            "updated",
            "unchanged",
            "actors (distinct)",
            "relations",
            "files skipped",
            title="ingest summary",
        )
        table.add_row(
            *(
                str(v)
                for v in (
                    summary.documents_read,
                    summary.new,
                    summary.updated,
                    summary.unchanged,
                    summary.actors,
                    summary.relations,
                    len(summary.failed),
                )
            )
        )
        console.print(table)
        for o in summary.files:
            if o.duplicate_of is not None:
                typer.echo(f"skipped {o.path}: {o.reason}", err=True)
        for f in summary.failed:
            typer.echo(f"skipped {f.path}: {f.reason}", err=True)
    if summary.failed:
        raise typer.Exit(1)


INDICATOR_COLUMNS = ["jurisdiction", "year", "kind", "concept", "name", "value", "unit", "measure", "doc_id"]


@app.command()
def indicators(
    region: Annotated[str | None, typer.Option(help="Canonical jurisdiction name, e.g. 苏州市.")] = None,
    concept: Annotated[str | None, typer.Option(help="Concept key or prefix (platform matches platform.*).")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    kind: Annotated[str | None, typer.Option(help="actual or target.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 1000,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (every column, evidence included).")] = False,
) -> None:
    """List the indicators stated in the ingested documents (a jurisdiction-year panel with --csv)."""
    if kind not in (None, "actual", "target"):
        err.print(f"[red]--kind must be actual or target, not {kind!r}[/red]")
        raise typer.Exit(2)
    params = {
        "region": region,
        "concept": concept,
        "year_from": year_from,
        "year_to": year_to,
        "kind": kind,
        "limit": limit,
    }
    store = _open_store(_settings())
    res = store.read("indicator_list", params)
    rows = res.records()
    columns = list(res.columns) if as_csv else INDICATOR_COLUMNS
    _emit({"items": rows, "count": len(rows)}, rows, columns, False, as_csv, f"indicators ({len(rows)})")


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(help="A document id (see GET /documents or `innograph query`).")],
) -> None:
    """Remove exactly one document's contribution to the graph.

    Example: innograph remove d_25e0bbb6c486c4d9
    """
    from graph.loader import remove_document

    if not remove_document(_open_store(_settings()), doc_id):
        err.print(f"[red]no document with id {doc_id!r}[/red]")
        raise typer.Exit(1)
    console.print(f"removed {doc_id}")


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A file or a directory.", exists=True)],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="[table|json]", help="table, or json: one JSON object per document."),
    ] = "table",
) -> None:
    """Extract entities and relations from documents without touching the graph.

    Example: innograph extract reports/2020-summary.txt --format json
    """
    from ingest.files import iter_input_files
    from ingest.pipeline import process_files

    fmt = _check("output format", fmt, ("table", "json"))
    failed = 0
    for item in process_files(list(iter_input_files([path], None, None))):
        if item.extraction is None:
            failed += 1
            err.print(f"[red]skipped[/red] {item.path}: {item.error}")
            continue
        ex = item.extraction
        if fmt == "json":
            typer.echo(json.dumps(_extraction_json(ex), ensure_ascii=False))
            continue
        d = ex.document
        console.print(f"[bold]{d.title or d.path}[/bold]  {d.issuer or ''} {d.date or ''} {d.region or ''}")
        table = Table("type", "name", "mentions", "aliases")
        for e in sorted(ex.entities, key=lambda e: (e.type, e.name)):
            table.add_row(e.type, e.name, str(len(e.mentions)), "、".join(e.aliases))
        console.print(table)
        names = {e.id: e.name for e in ex.entities}
        if ex.relations:
            rt = Table("relation", "head", "tail", "modality", "evidence")
            for r in ex.relations:
                rt.add_row(
                    r.type,
                    names.get(r.head, r.head),
                    names.get(r.tail, r.tail),
                    r.modality,
                    (r.evidence[0].text[:60] if r.evidence else ""),
                )
            console.print(rt)
    if failed:
        raise typer.Exit(1)


def _extraction_json(ex: Any) -> dict[str, Any]:
    d = ex.document
    return {
        "document": {
            "id": d.id,
            "path": d.path,
            "title": d.title,
            "issuer": d.issuer,
            "date": d.date.isoformat() if d.date else None,
            "region": d.region,
            "jurisdiction": d.region,
            "report_year": d.report_year,
            "plan_year": d.plan_year,
        },
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": e.aliases,
                "subtype": e.subtype,
                "level": e.level,
                "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
            }
            for e in ex.entities
        ],
        "relations": [
            {
                "type": r.type,
                "head": r.head,
                "tail": r.tail,
                "evidence": [{"text": v.text, "start": v.start, "end": v.end} for v in r.evidence],
                "modality": r.modality,
                "confidence": r.confidence,
                "year": r.year,
                "rule": r.rule,
                "source": r.source,
            }
            for r in ex.relations
        ],
        "indicators": [
            {
                "jurisdiction": i.jurisdiction,
                "name": i.name,
                "value": i.value,
                "value_max": i.value_max,
                "unit": i.unit,
                "year": i.year,
                "kind": i.kind,
                "concept": i.concept,
                "measure": i.measure,
                "qualifier": i.qualifier,
                "evidence": (
                    {"text": i.evidence.text, "start": i.evidence.start, "end": i.evidence.end} if i.evidence else None
                ),
            }
            for i in ex.indicators
        ],
    }


_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_EVAL_SETS = (
    ("corpus-dev (documents of other places)", _SHARED / "corpus-dev" / "gold", _SHARED / "corpus-dev"),
    ("corpus (the three shared documents)", Path(__file__).resolve().parents[1] / "tests" / "gold", _SHARED / "corpus"),
)


class ErrorsFor(StrEnum):
    dev = "dev"
    held = "held"
    all = "all"
    none = "none"


@app.command("eval")
def evaluate_cmd(
    gold_dir: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of gold JSON files. Default: ../shared/corpus-dev/gold and tests/gold.", exists=True
        ),
    ] = None,
    corpus_dir: Annotated[
        Path | None, typer.Argument(help="Folder of the documents they annotate (needed with GOLD_DIR).", exists=True)
    ] = None,
    errors: Annotated[
        ErrorsFor,
        typer.Option(
            "--errors",
            help="Whose false positives and misses to print: the dev half of the province split (default), "
            "the held half, all, or none. Develop on dev; read held only to check a change generalises.",
        ),
    ] = ErrorsFor.dev,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report(s) as JSON.")] = False,
) -> None:
    """Score extraction against gold files (annotation guideline's Scoring).

    Prints entity, relation, metadata and indicator figures: overall, per type, per document, and for
    each half of the development corpus split by province (dev / held). With no arguments it scores
    ../shared/corpus-dev and the three ../shared/corpus documents (tests/gold).

    Example: innograph eval --errors none
    """
    from ingest.evaluate import evaluate, format_report

    if gold_dir is not None and corpus_dir is None:
        raise typer.BadParameter("give both GOLD_DIR and CORPUS_DIR, or neither", param_hint="CORPUS_DIR")
    sets = [("", gold_dir, corpus_dir)] if gold_dir is not None and corpus_dir is not None else list(_EVAL_SETS)
    missing = [str(c) for _, g, c in sets if not Path(g).is_dir() or not Path(c).is_dir()]
    if missing:
        raise typer.BadParameter(f"not found: {', '.join(missing)}", param_hint="GOLD_DIR/CORPUS_DIR")
    reports = []
    for title, g, c in sets:
        # only the development corpus is split by province into dev / held halves
        report = evaluate(Path(g), Path(c), split=Path(c).resolve().name == "corpus-dev")
        reports.append((title, report))
        if not as_json:
            if title:
                typer.echo(f"=== {title}")
            details_for = None if errors in (ErrorsFor.all, ErrorsFor.none) else errors.value
            typer.echo(format_report(report, details=errors != ErrorsFor.none, details_for=details_for))  # type: ignore[arg-type]
            typer.echo("")
    if as_json:
        payload = [{"set": t, **r.to_json_dict()} for t, r in reports]
        typer.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1))


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Argument(help="Where to write the documents.")],
    docs: Annotated[int, typer.Option("--docs", "-n", min=1, help="Number of documents.")] = 100,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same files).")] = 0,
    demo: Annotated[bool, typer.Option("--demo", help="Write the small demo corpus used by `make run`.")] = False,
    gold: Annotated[bool, typer.Option("--gold/--no-gold", help="Also write gold JSON beside the documents.")] = True,
) -> None:
    """Write a synthetic corpus in the genre (fictional actors, marked synthetic) for demos and benchmarks.

    Example: innograph synth demo-corpus --demo
    """
    from ingest.synth import generate_corpus, generate_demo

    files = generate_demo(out_dir) if demo else generate_corpus(out_dir, docs, seed, with_gold=gold)
    console.print(f"wrote {len(files)} documents to {out_dir}")


# -- resolution ----------------------------------------------------------------------------------
resolve_app = typer.Typer(help="Review how names were resolved into actors.", no_args_is_help=True)
app.add_typer(resolve_app, name="resolve")

_REVIEW_TYPES = ("Enterprise", "ResearchInstitute", "Platform", "University")


@resolve_app.command("candidates")
def resolve_candidates(
    type_: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            metavar="[" + "|".join(_REVIEW_TYPES) + "]",
            help=f"Actor type to review (repeatable): {', '.join(_REVIEW_TYPES)}. Default: all.",
        ),
    ] = None,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Lowest score listed.")] = 0.5,
    top: Annotated[int, typer.Option(min=1, help="How many pairs to list.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Pairs of actors that may be one actor, with the rule that relates them and a score, best first.

    Pairs the automatic rules merged are not listed (they are one actor already); a pair the rules left
    apart because a short form fits several names, and names of one type that begin alike and differ
    little, are. Merge a pair with an aliases.yaml ``merge`` rule, keep it apart with ``never``.

    Example: innograph resolve candidates --type ResearchInstitute --min-score 0.6
    """
    from ingest.resolve import duplicate_candidates

    types = list(dict.fromkeys(_check("actor type to review", t, _REVIEW_TYPES) for t in type_ or _REVIEW_TYPES))
    store = _open_store(_settings())
    names: dict[str, set[str]] = {}
    for r in store.read("actor_names", {"types": types}, timeout_ms=0).records():
        names.setdefault(r["type"], set()).add(r["name"])
    found = duplicate_candidates(names, min_score=min_score)[:top]
    if as_json:
        typer.echo(json.dumps([c.model_dump() for c in found], ensure_ascii=False, indent=1))
        return
    table = Table("score", "type", "name", "may be", "rule", title=f"{len(found)} candidate pairs")
    for c in found:
        table.add_row(f"{c.score:.2f}", c.type, c.name, c.other, c.rule)
    console.print(table)


# -- analysis ------------------------------------------------------------------------------------
analyze_app = typer.Typer(
    help="Network analysis of the stored graph (networkx; igraph for large graphs).\n\n"
    "Every analyze command and `innograph export` take the same filters (--type, --rel, --modality, --region, "
    "--from, --to, --min-weight, --directed, --two-mode, --drop-isolates), with the same meaning as the API's "
    "query parameters; an unknown value is refused (exit code 2) naming close matches.",
    no_args_is_help=True,
)
app.add_typer(analyze_app, name="analyze")


def _choices(values: tuple[str, ...]) -> str:
    return "[" + "|".join(values) + "]"


def _user_error(exc: Exception) -> NoReturn:
    """A value no command can use: one line on stderr, exit code 2 (``--debug`` on main() re-raises)."""
    if _DEBUG:
        raise exc
    err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
    raise typer.Exit(2)


_DEBUG = False

# The shared network filters: one definition, added by @_network_command to every analyze command and to
# export, turned into a ProjectionFilter by graph.analysis_options.network_filter (the API's way too).
_FILTERS: list[inspect.Parameter] = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, default, annotation in (
        ("types", None, Annotated[list[str] | None, typer.Option("--type", metavar="TYPE", help=OPT_HELP["types"])]),
        (
            "rel_types",
            None,
            Annotated[list[str] | None, typer.Option("--rel", metavar="REL", help=OPT_HELP["rel_types"])],
        ),
        (
            "modality",
            None,
            Annotated[str | None, typer.Option(metavar=_choices(MODALITIES), help=OPT_HELP["modality"])],
        ),
        ("region", None, Annotated[str | None, typer.Option(metavar="PLACE", help=OPT_HELP["region"])]),
        ("year_from", None, Annotated[int | None, typer.Option("--from", metavar="YEAR", help=OPT_HELP["year_from"])]),
        ("year_to", None, Annotated[int | None, typer.Option("--to", metavar="YEAR", help=OPT_HELP["year_to"])]),
        ("min_weight", 0.0, Annotated[float, typer.Option(metavar="N", help=OPT_HELP["min_weight"])]),
        ("directed", False, Annotated[bool, typer.Option("--directed", help=OPT_HELP["directed"])]),
        (
            "two_mode",
            None,
            Annotated[str | None, typer.Option(metavar=_choices(TWO_MODES), help=OPT_HELP["two_mode"])],
        ),
        ("drop_isolates", False, Annotated[bool, typer.Option("--drop-isolates", help=OPT_HELP["drop_isolates"])]),
    )
]


def _network_command(target: typer.Typer, name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``fn`` as command ``name`` with the shared filter options added to its own; ``fn`` receives
    them as one validated ``flt`` (a ProjectionFilter). Any AnalysisError (an unknown measure, type, region …)
    is a one-line refusal with exit code 2."""

    def register(fn: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(fn, eval_str=True).parameters.values() if p.name != "flt"]
        names = [p.name for p in _FILTERS]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> None:
            from graph.analysis import AnalysisError
            from graph.analysis_options import network_filter

            options = {n: kwargs.pop(n) for n in names}
            try:
                fn(flt=network_filter(**options), **kwargs)
            except AnalysisError as exc:
                _user_error(exc)

        params = [*own, *_FILTERS]
        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        target.command(name)(command)
        return command

    return register


def _check(what: str, value: str, allowed: tuple[str, ...] | None = None) -> str:
    """A choice checked before any work (the same check and message as the API's); refused in one line,
    exit code 2."""
    from graph.analysis_options import UnknownChoiceError, choose

    try:
        return choose(what, value, allowed)
    except UnknownChoiceError as exc:
        _user_error(exc)


TopOpt = Annotated[int, typer.Option(min=1, help="How many actors to list.")]
SeedOpt = Annotated[int, typer.Option(min=0, help="Random seed (the same seed gives the same result).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the API's answer for the same filters).")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV.")]


def _emit(
    data: dict[str, Any], rows: list[dict[str, Any]], columns: list[str], as_json: bool, as_csv: bool, title: str
) -> None:
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    if as_csv:
        import csv
        import sys

        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow([r.get(c) for c in columns])
        return
    table = Table(*columns, title=title)
    for r in rows:
        table.add_row(*[f"{r.get(c):.4f}" if isinstance(r.get(c), float) else str(r.get(c, "")) for c in columns])
    console.print(table)


@_network_command(analyze_app, "centrality")
def analyze_centrality(
    flt: Any,
    measure: Annotated[
        str, typer.Option(metavar=_choices(MEASURES), help="The centrality measure (degree counts ties).")
    ] = "degree",
    k: Annotated[
        int | None, typer.Option(min=1, help="Betweenness from k sampled sources (large graphs); default exact.")
    ] = None,
    seed: SeedOpt = 0,
    top: TopOpt = 20,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Top actors by a centrality measure.

    Example: innograph analyze centrality --measure betweenness --type University --type Enterprise --region 南通
    """
    from graph import analysis_service as service

    measure = _check("measure", measure)
    data = service.centrality(_open_store(_settings()), flt, measure, top=top, k=k, seed=seed)
    _emit(
        data,
        data["top"],
        ["name", "type", "value"],
        as_json,
        as_csv,
        f"{measure} ({data['backend']}, {data['method']}) on {data['nodes']} actors, {data['edges']} ties",
    )


@_network_command(analyze_app, "communities")
def analyze_communities(
    flt: Any,
    method: Annotated[str, typer.Option(metavar=_choices(COMMUNITY_METHODS), help="The algorithm.")] = "louvain",
    seed: SeedOpt = 0,
    top: Annotated[int, typer.Option(min=1, help="How many top actors to list per community.")] = 5,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Communities with modularity, their sizes and top actors (on the undirected graph).

    Example: innograph analyze communities --method louvain --rel CO_BUILDS --rel COOPERATES_WITH
    """
    from graph import analysis_service as service

    method = _check("community method", method)
    data = service.communities(_open_store(_settings()), flt, method, seed=seed, top=top)
    rows = [
        {"community": c["id"], "size": c["size"], "top actors": "、".join(t["name"] for t in c["top"])}
        for c in data["communities"]
        if c["size"] > 1
    ]
    _emit(
        data,
        rows,
        ["community", "size", "top actors"],
        as_json,
        as_csv,
        f"{data['count']} communities ({method}), modularity {data['modularity']}",
    )


@_network_command(analyze_app, "holes")
def analyze_holes(
    flt: Any,
    sort: Annotated[
        str, typer.Option(metavar=_choices(HOLE_SORTS), help="Rank by this measure (brokers first).")
    ] = "constraint",
    top: TopOpt = 20,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Burt's structural holes: constraint, effective size, efficiency, hierarchy (brokers first).

    Example: innograph analyze holes --sort effective_size --from 2018 --to 2022
    """
    from graph import analysis_service as service

    sort = _check("structural-holes sort", sort)
    data = service.holes(_open_store(_settings()), flt, top=top, sort=sort)  # type: ignore[arg-type]
    _emit(
        data,
        data["top"],
        ["name", "type", "constraint", "effective_size", "efficiency", "hierarchy"],
        as_json,
        as_csv,
        f"structural holes, sorted by {sort}",
    )


@_network_command(analyze_app, "summary")
def analyze_summary(flt: Any, as_json: JsonOpt = False, as_csv: CsvOpt = False) -> None:
    """Size, density, components, diameter, average path length, centralisation, assortativity.

    Example: innograph analyze summary --region 江苏省 --modality fact --drop-isolates
    """
    from graph import analysis_service as service

    data = service.network_summary(_open_store(_settings()), flt)
    _emit(
        data,
        [{"metric": k, "value": v} for k, v in data.items()],
        ["metric", "value"],
        as_json,
        as_csv,
        "network summary",
    )


@_network_command(analyze_app, "evolution")
def analyze_evolution(
    flt: Any,
    mode: Annotated[
        str,
        typer.Option(
            metavar=_choices(EVOLUTION_MODES),
            help="cumulative: every tie from the first year to the period's end; window: the last --window years.",
        ),
    ] = "cumulative",
    window: Annotated[int, typer.Option(min=1, help="Window length in years (mode window).")] = 1,
    top: Annotated[int, typer.Option(min=1, help="How many top actors per period.")] = 5,
    ties: Annotated[
        int, typer.Option(min=0, help="List at most this many added and dropped ties per period (--json).")
    ] = 1000,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """The network year by year: size, density, components, top actors, and the ties added and dropped since
    the previous period (in all and per actor type). --from/--to bound the periods.

    Example: innograph analyze evolution --mode window --window 2 --from 2016 --to 2022 --type Enterprise
    """
    from graph import analysis_service as service

    mode = _check("evolution mode", mode)
    data = service.evolution_table(_open_store(_settings()), flt, mode=mode, window=window, top=top, ties=ties)
    rows = [
        {
            "period": f"{p['start']}-{p['end']}",
            "nodes": p["nodes"],
            "edges": p["edges"],
            "added": p["ties_added"],
            "dropped": p["ties_dropped"],
            "density": p["density"],
            "components": p["components"],
            "top degree": "、".join(t["name"] for t in p["top_degree"]),
        }
        for p in data["periods"]
    ]
    _emit(
        data,
        rows,
        ["period", "nodes", "edges", "added", "dropped", "density", "components", "top degree"],
        as_json,
        as_csv,
        f"evolution ({mode})",
    )


@_network_command(app, "export")
def export(
    flt: Any,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar=_choices(EXPORT_FORMATS),
            help="gexf (Gephi, with a timeline), graphml, pajek, ucinet, csv-nodes, csv-edges, json. Edges carry "
            "types, weight, evidence count, modality, first/last year and document ids; nodes type, region, level "
            "and degree/pagerank/betweenness (attribute-less formats: names and weights only).",
        ),
    ] = "gexf",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the (filtered) network with node metrics for Gephi, UCINET, Pajek or spreadsheets.

    Example: innograph export --format gexf --type University --type Enterprise --drop-isolates -o net.gexf
    """
    import sys

    from graph import analysis_service as service

    fmt = _check("export format", fmt)
    store = _open_store(_settings())
    flt = service.resolve_filter(store, flt)  # an unknown region is refused before anything is written
    if output is None:
        service.export(store, flt, fmt, sys.stdout.buffer)
        return
    part = output.with_name(output.name + ".part")  # a failed export leaves no file, not an empty one
    try:
        with open(part, "wb") as fh:
            service.export(store, flt, fmt, fh)
        part.replace(output)
    finally:
        part.unlink(missing_ok=True)
    console.print(f"wrote {output}")


# -- serve --------------------------------------------------------------------------------------
@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default INNOGRAPH_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default INNOGRAPH_PORT or 8000).")] = None,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the explorer at /.

    Example: innograph serve --port 8000
    """
    import os

    import uvicorn

    if host:
        os.environ["INNOGRAPH_HOST"] = host
    if port:
        os.environ["INNOGRAPH_PORT"] = str(port)
    s = _settings()
    uvicorn.run("api.app:create_app", factory=True, host=s.host, port=s.port, log_level="info")


from api.cli_curate import curate_app  # noqa: E402  (registered here: it uses this module's helpers)

app.add_typer(curate_app, name="curate")

from api.cli_indicators import register as register_indicator_commands  # noqa: E402

register_indicator_commands(app)


def main() -> None:
    """The console entry point: a user's mistake (an unknown region, measure, format …) is one line and exit
    code 2, never a traceback; ``--debug`` (anywhere on the line) shows the traceback."""
    import sys

    from graph.analysis.errors import AnalysisError
    from graph.errors import (
        CypherSyntaxError,
        ForbiddenClause,
        GraphError,
        QueryParameterError,
        ReadOnlyViolation,
        UnknownQueryError,
    )

    usage = (
        AnalysisError,
        QueryParameterError,
        CypherSyntaxError,
        ForbiddenClause,
        ReadOnlyViolation,
        UnknownQueryError,
    )
    global _DEBUG
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
        _DEBUG = True
    try:
        app()
    except GraphError as exc:  # the store failed: not the user's mistake
        if debug:
            raise
        code = 2 if isinstance(exc, usage) else 1
        err.print(f"[red]error:[/red] {exc}")
        raise SystemExit(code) from None
    except AnalysisError as exc:
        if debug:
            raise
        err.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
