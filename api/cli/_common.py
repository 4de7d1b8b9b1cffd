"""What every command module of the CLI shares: the consoles, settings and store opening, the one-line
refusal of a user's mistake, the output of tables/JSON/CSV, and the network filter options every analyze
command and ``export`` take. The command modules import this; nothing here imports them."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Annotated, Any, NoReturn

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.settings import Settings, get_settings
from graph.analysis_options import HELP as OPT_HELP
from graph.analysis_options import MODALITIES, TWO_MODES
from graph.store import GraphStore

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


def _open_store(settings: Settings, *, start: bool = True) -> GraphStore:
    from api.stores import open_store
    from graph.errors import StoreUnavailable

    try:
        return open_store(settings, start=start)
    except StoreUnavailable as exc:
        err.print(f"[red]graph store unavailable:[/red] {exc}")
        raise typer.Exit(1) from exc


_DEBUG = False


def enable_debug() -> None:
    """``--debug`` on the command line: a user's mistake raises (with its traceback) instead of one line."""
    global _DEBUG
    _DEBUG = True


def _user_error(exc: Exception) -> NoReturn:
    """A value no command can use: one line on stderr, exit code 2 (``--debug`` on main() re-raises)."""
    if _DEBUG:
        raise exc
    err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
    raise typer.Exit(2)


def _check(what: str, value: str, allowed: tuple[str, ...] | None = None) -> str:
    """A choice checked before any work (the same check and message as the API's); refused in one line,
    exit code 2."""
    from graph.analysis_options import UnknownChoiceError, choose

    try:
        return choose(what, value, allowed)
    except UnknownChoiceError as exc:
        _user_error(exc)


def _choices(values: tuple[str, ...]) -> str:
    return "[" + "|".join(values) + "]"


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


TopOpt = Annotated[int, typer.Option(min=1, help="How many actors to list.")]
SeedOpt = Annotated[int, typer.Option(min=0, help="Random seed (the same seed gives the same result).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the API's answer for the same filters).")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV.")]

# The shared network filters: one definition, added by @network_command to every analyze command and to
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


def network_command(fn: Callable[..., None]) -> Callable[..., None]:
    """``fn`` as a command with the shared filter options added to its own (register the result with
    ``typer.Typer.command``); ``fn`` receives them as one validated ``flt`` (a ProjectionFilter). Any
    AnalysisError (an unknown measure, type, region …) is a one-line refusal with exit code 2."""
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
    return command
