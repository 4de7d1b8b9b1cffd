"""``innograph curate``: record corrections in the curation log and apply them to the graph at once.

Every decision is appended to the curation log (``INNOGRAPH_CURATION_FILE``; by default
``curation.jsonl`` in the data folder) and holds for every later ingest and re-ingest (see
docs/curation.md).
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from api.cli._common import _open_store, _settings, console, err
from api.settings import Settings
from graph.store import GraphStore
from ingest.models import ENTITY_TYPES, RELATION_TYPES

curate_app = typer.Typer(
    help="Correct the graph: merge, split, retype, rename actors; reject, add, review relations. Each decision "
    "is kept in an append-only log (curation.jsonl in the data folder) and replayed on every ingest.",
    no_args_is_help=True,
)

Note = Annotated[str, typer.Option("--note", "-m", help="Why (kept with the decision).")]
Author = Annotated[str | None, typer.Option("--author", help="Who decides (default: the login name).")]
TypeOpt = Annotated[
    str | None, typer.Option("--type", help=f"Actor type, when the name is ambiguous: {', '.join(ENTITY_TYPES)}.")
]


def _ctx() -> tuple[Settings, Any]:
    from api.settings import ingest_options
    from ingest.curation import CurationLog

    settings = _settings()
    return settings, CurationLog(ingest_options(settings).curation_file)


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def _check_type(value: str | None, what: str = "--type") -> None:
    if value is not None and value not in ENTITY_TYPES:
        _fail(f"{what}: unknown actor type {value!r} (choose from {', '.join(ENTITY_TYPES)})")


def _actor(store: GraphStore, arg: str, etype: str | None, *, must_exist: bool = True) -> Any:
    """The actor key an argument (id, name or alias) names; an ambiguous or unknown name is an error."""
    from ingest.curation import ActorKey

    _check_type(etype)
    rows = store.read("curation_actor_lookup", {"q": arg}).records()
    if etype is not None:
        rows = [r for r in rows if r["type"] == etype]
    exact = [r for r in rows if r["id"] == arg or r["name"] == arg]
    rows = exact or rows
    if len(rows) == 1:
        r = rows[0]
        return ActorKey(name=r["name"], type=r["type"], place=(r["region_path"] or [None])[-1])
    if len(rows) > 1:
        choices = "; ".join(f"{r['name']} ({r['type']}, {r['id']})" for r in rows[:10])
        _fail(f"{arg!r} names {len(rows)} actors: {choices}. Give --type or an id.")
    if not must_exist and etype is not None:
        return ActorKey(name=arg, type=etype)
    _fail(f"no actor named {arg!r}" + ("" if must_exist else "; give its --type to add it"))
    return None


def _relation(
    store: GraphStore, rel: str, head: str, tail: str, head_type: str | None, tail_type: str | None, new: bool
) -> Any:
    from ingest.curation import RelationKey

    if rel not in RELATION_TYPES:
        _fail(f"unknown relation type {rel!r} (choose from {', '.join(RELATION_TYPES)})")
    return RelationKey(
        type=rel,
        head=_actor(store, head, head_type, must_exist=not new),
        tail=_actor(store, tail, tail_type, must_exist=not new),
    )


def _record(decision: Any) -> None:
    from ingest.curation import CurationError, concerned_names
    from ingest.pipeline import apply_curation

    settings, log = _ctx()
    store = _open_store(settings)

    def apply(recorded: Any, decisions: list[Any]) -> int:
        names = concerned_names(recorded, decisions)
        return apply_curation(store, decisions, names, aliases_file=settings.aliases_file)

    try:
        # appended and applied under the log's lock, as the API does: a CLI decision made while API requests
        # re-derive the same documents can never be undone in the graph by a write made from an older log
        recorded, count = log.record(decision, apply)
    except CurationError as exc:
        _fail(str(exc))
    console.print(f"#{recorded.id} {recorded.summary()}  [dim]({count} document(s) re-derived)[/dim]")


def _new(op: str, author: str | None, note: str, **fields: Any) -> Any:
    from ingest.curation import Decision

    return Decision(id=0, op=op, author=author or getpass.getuser(), note=note, **fields)  # type: ignore[arg-type]


def _store() -> GraphStore:
    settings, _ = _ctx()
    return _open_store(settings)


@curate_app.command("merge")
def merge(
    actor: Annotated[str, typer.Argument(help="The actor to merge away (name, alias or id).")],
    into: Annotated[str, typer.Argument(help="The actor it is (name, alias or id).")],
    type_: TypeOpt = None,
    into_type: Annotated[str | None, typer.Option("--into-type", help="Type of INTO, when ambiguous.")] = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """ACTOR and INTO are one actor: every mention of ACTOR becomes INTO, now and in later documents.

    Example: innograph curate merge 南通先进通信研究院 南通先进通信技术研究院 -m "same institute"
    """
    store = _store()
    a, b = _actor(store, actor, type_), _actor(store, into, into_type)
    if a == b:
        _fail("an actor cannot be merged into itself")
    _record(_new("merge", author, note, actor=a, into=b))


@curate_app.command("split")
def split(
    actor: Annotated[str, typer.Argument(help="The actor (name or id).")],
    alias: Annotated[str, typer.Argument(help="The surface form that is another actor.")],
    type_: TypeOpt = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """ALIAS is not ACTOR: where a document writes it, it is an actor of its own.

    Example: innograph curate split 崇川区 港闸区 -m "two districts until 2020"
    """
    a = _actor(_store(), actor, type_)
    _record(_new("split", author, note, actor=a, alias=alias))


@curate_app.command("retype")
def retype(
    actor: Annotated[str, typer.Argument(help="The actor (name or id).")],
    new_type: Annotated[str, typer.Argument(help=f"Its type: {', '.join(ENTITY_TYPES)}.")],
    type_: TypeOpt = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """ACTOR is of type NEW_TYPE.

    Example: innograph curate retype 之江实验室 Platform
    """
    _check_type(new_type, "NEW_TYPE")
    a = _actor(_store(), actor, type_)
    _record(_new("retype", author, note, actor=a, new_type=new_type))


@curate_app.command("rename")
def rename(
    actor: Annotated[str, typer.Argument(help="The actor (name or id).")],
    new_name: Annotated[str, typer.Argument(help="Its canonical name.")],
    type_: TypeOpt = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """ACTOR's canonical name is NEW_NAME (the old name stays an alias).

    Example: innograph curate rename 中天科技 中天科技股份有限公司
    """
    a = _actor(_store(), actor, type_)
    _record(_new("rename", author, note, actor=a, new_name=new_name))


RelArg = Annotated[str, typer.Argument(help=f"Relation type: {', '.join(RELATION_TYPES)}.")]
HeadArg = Annotated[str, typer.Argument(help="Head actor (name, alias or id).")]
TailArg = Annotated[str, typer.Argument(help="Tail actor (name, alias or id).")]
HeadType = Annotated[str | None, typer.Option("--head-type", help="Type of HEAD, when ambiguous or new.")]
TailType = Annotated[str | None, typer.Option("--tail-type", help="Type of TAIL, when ambiguous or new.")]


@curate_app.command("reject")
def reject(
    rel: RelArg,
    head: HeadArg,
    tail: TailArg,
    head_type: HeadType = None,
    tail_type: TailType = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """The relation is wrong: it is dropped, and stays dropped when a document states it again.

    Example: innograph curate reject CO_BUILDS 南京大学 南通大学 -m "read off a list"
    """
    r = _relation(_store(), rel, head, tail, head_type, tail_type, new=False)
    _record(_new("reject", author, note, relation=r))


@curate_app.command("add")
def add(
    rel: RelArg,
    head: HeadArg,
    tail: TailArg,
    evidence: Annotated[str, typer.Option("--evidence", "-e", help="The sentence that states it (required).")],
    head_type: HeadType = None,
    tail_type: TailType = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """Add a relation the extractor missed, with the sentence that states it.

    Example: innograph curate add CO_BUILDS 南京大学 星河研究院 --tail-type ResearchInstitute -e "…共建星河研究院。"
    """
    if not evidence.strip():
        _fail("--evidence: the sentence that states the relation is required")
    r = _relation(_store(), rel, head, tail, head_type, tail_type, new=True)
    _record(_new("add", author, note, relation=r, evidence=evidence))


@curate_app.command("review")
def review(
    rel: RelArg,
    head: HeadArg,
    tail: TailArg,
    head_type: HeadType = None,
    tail_type: TailType = None,
    note: Note = "",
    author: Author = None,
) -> None:
    """A person checked the relation and it holds.

    Example: innograph curate review COOPERATES_WITH 南通大学 中天科技股份有限公司
    """
    r = _relation(_store(), rel, head, tail, head_type, tail_type, new=False)
    _record(_new("review", author, note, relation=r))


@curate_app.command("undo")
def undo(
    number: Annotated[int, typer.Argument(help="The decision's number (see `curate list`).")],
    note: Note = "",
    author: Author = None,
) -> None:
    """Withdraw decision NUMBER (the log keeps both); the graph is as if it had never been made.

    Example: innograph curate undo 3
    """
    _record(_new("undo", author, note, undoes=number))


@curate_app.command("list")
def list_(
    everything: Annotated[bool, typer.Option("--all", help="Also withdrawn decisions and the undos.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The decisions in force (with --all: the whole log).

    Example: innograph curate list --json
    """
    from ingest.curation import active

    _, log = _ctx()
    decisions = log.read()
    shown = decisions if everything else active(decisions)
    if as_json:
        typer.echo(json.dumps([d.model_dump(exclude_none=True) for d in shown], ensure_ascii=False, indent=1))
        return
    table = Table("#", "when", "who", "decision", title=f"{len(shown)} decision(s) — {log.path}")
    for d in shown:
        table.add_row(str(d.id), d.at, d.author, d.summary())
    console.print(table)


@curate_app.command("export")
def export(out: Annotated[Path, typer.Argument(help="File to write (JSON Lines, the log's own format).")]) -> None:
    """Copy the whole log (for a paper's supplement, or another machine).

    Example: innograph curate export corrections.jsonl
    """
    _, log = _ctx()
    decisions = log.read()
    out.write_text("".join(d.model_dump_json(exclude_none=True) + "\n" for d in decisions), encoding="utf-8")
    console.print(f"wrote {len(decisions)} decision(s) to {out}")


@curate_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A log written by `curate export`.", exists=True, dir_okay=False)],
    author: Author = None,
) -> None:
    """Append another log's decisions (renumbered) and apply them.

    Example: innograph curate import corrections.jsonl
    """
    from ingest.curation import CurationError, names_of
    from ingest.pipeline import apply_curation

    settings, log = _ctx()
    store = _open_store(settings)

    def apply(added: list[Any], decisions: list[Any]) -> int:
        names = set().union(*(names_of(d) for d in decisions)) if decisions else set()
        return apply_curation(store, decisions, names, aliases_file=settings.aliases_file)

    try:
        added, count = log.import_from(file, author, apply)  # appended and applied under the log's lock
    except CurationError as exc:
        _fail(str(exc))
    console.print(f"imported {len(added)} decision(s); {count} document(s) re-derived")


@curate_app.command("queue")
def queue(
    top: Annotated[int, typer.Option("--top", min=1, help="How many items, most consequential first.")] = 20,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="[duplicate|low_confidence|uncertain_type]",
            help="What to list (repeatable). Default: all.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the GET /curation/queue answer).")] = False,
) -> None:
    """What most needs a human: likely duplicates, low-confidence relations, actors of uncertain type,
    ordered by how much each would change the network (see docs/curation.md).

    Example: innograph curate queue --top 10
    """
    from ingest.curation_queue import KINDS, review_queue

    for k in kind or []:
        if k not in KINDS:
            _fail(f"--kind: unknown item kind {k!r} (choose from {', '.join(KINDS)})")
    settings, log = _ctx()
    kinds = tuple(k for k in KINDS if not kind or k in kind)
    result = review_queue(_open_store(settings), log.read(), top=top, kinds=kinds)
    if as_json:
        typer.echo(result.model_dump_json(indent=1))
        return
    counts = ", ".join(f"{n} {k}" for k, n in result.counts.items())
    table = Table("priority", "kind", "actors", "why", "suggestion", title=f"{result.total} item(s): {counts}")
    for item in result.items:
        actors = " / ".join(f"{a.name} (deg {a.degree})" for a in item.actors)
        table.add_row(f"{item.priority:.4f}", item.kind, actors, item.reason, item.suggestion["op"])
    console.print(table)
