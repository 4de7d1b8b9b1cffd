"""``innograph export``: the (filtered) network with node metrics, for Gephi, UCINET, Pajek or spreadsheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from api.cli._common import _check, _choices, _open_store, _settings, console, network_command
from graph.analysis_options import EXPORT_FORMATS


@network_command
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

    from api.settings import ingest_options
    from graph import analysis_service as service
    from ingest.curation import export_marks

    fmt = _check("export format", fmt)
    settings = _settings()
    store = _open_store(settings)
    flt = service.resolve_filter(store, flt)  # an unknown region is refused before anything is written
    marks = export_marks(store, ingest_options(settings).curation())  # curated facts are marked, as GET /export does
    if output is None:
        service.export(store, flt, fmt, sys.stdout.buffer, curation=marks)
        return
    part = output.with_name(output.name + ".part")  # a failed export leaves no file, not an empty one
    try:
        with open(part, "wb") as fh:
            service.export(store, flt, fmt, fh, curation=marks)
        part.replace(output)
    finally:
        part.unlink(missing_ok=True)
    console.print(f"wrote {output}")
