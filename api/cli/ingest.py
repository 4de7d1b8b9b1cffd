"""``innograph ingest``, ``remove``, ``extract``, ``eval``, ``synth`` and ``resolve candidates``: documents into
the graph and out of it, extraction without the graph, its score against gold files, synthetic corpora, and
the review of how names were resolved into actors."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from api.cli._common import _check, _open_store, _settings, console, err
from api.settings import ingest_options


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


_ROOT = Path(__file__).resolve().parents[2]  # the checkout (api/cli/ingest.py)
_SHARED = _ROOT.parent / "shared"
_EVAL_SETS = (
    ("corpus-dev (documents of other places)", _SHARED / "corpus-dev" / "gold", _SHARED / "corpus-dev"),
    ("corpus (the three shared documents)", _ROOT / "tests" / "gold", _SHARED / "corpus"),
)


class ErrorsFor(StrEnum):
    dev = "dev"
    held = "held"
    all = "all"
    none = "none"


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


resolve_app = typer.Typer(help="Review how names were resolved into actors.", no_args_is_help=True)

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
