"""The ``innograph`` command line. Run ``innograph --help`` and ``innograph COMMAND --help``.

One module per group of commands (``db``, ``query``, ``ingest``, ``indicators``, ``analyze``, ``export``,
``serve``, ``curate``) over the shared helpers and options of ``_common``; this module builds the
application from them, in the order ``innograph --help`` lists the commands, and holds the console entry
point :func:`main`.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from api.cli import analyze, curate, db, export, indicators, ingest, query, serve
from api.cli._common import enable_debug, err

app = typer.Typer(
    help="InnoGraph: a knowledge graph of innovation actors built from Chinese S&T policy documents.\n\n"
    "Typical session: `innograph ingest DOCS/` then `innograph serve`, or explore with "
    '`innograph query "MATCH (a:University) RETURN a.name LIMIT 5"`. Settings come from '
    "INNOGRAPH_* environment variables (INNOGRAPH_STORE=embedded|neo4j, INNOGRAPH_DATA_DIR, ...).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


# the commands, then the groups, in the order --help lists them
app.command()(query.query)
app.command()(ingest.ingest)
app.command()(indicators.indicators)
app.command()(ingest.remove)
app.command()(ingest.extract)
app.command("eval")(ingest.evaluate_cmd)
app.command()(ingest.synth)
app.command("export")(export.export)
app.command()(serve.serve)
app.command("gaps", help=indicators.GAPS_HELP)(indicators.gaps)
app.add_typer(db.db_app, name="db")
app.add_typer(ingest.resolve_app, name="resolve")
app.add_typer(analyze.analyze_app, name="analyze")
app.add_typer(curate.curate_app, name="curate")


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
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
        enable_debug()
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
