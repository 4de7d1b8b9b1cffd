"""The options every network command and route shares: names, choices, help and validation, in one place.

The CLI (``innograph analyze …``, ``innograph export``) and the API (``/analysis/*``, ``/export``) both
build their :class:`~graph.analysis.ProjectionFilter` through :func:`network_filter` and check every
choice (measure, method, format, …) through :func:`choose`, so the same value gets the same answer, or the
same refusal with the same message, everywhere: an unknown value is refused before any work is done
(CLI exit code 2, API 422), naming close matches and the allowed values.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.analysis.errors import AnalysisError
from graph.analysis.export import FORMATS
from graph.analysis.projection import ProjectionFilter
from graph.vocabulary import ENTITY_TYPES, MODALITIES, RELATION_TYPES

TWO_MODES: tuple[str, ...] = ("platforms", "programmes")
MEASURES: tuple[str, ...] = (
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core",
)
COMMUNITY_METHODS: tuple[str, ...] = ("louvain", "leiden", "label_propagation")
HOLE_SORTS: tuple[str, ...] = ("constraint", "effective_size", "efficiency", "hierarchy")
EVOLUTION_MODES: tuple[str, ...] = ("cumulative", "window")
EXPORT_FORMATS: tuple[str, ...] = tuple(FORMATS)

CHOICES: dict[str, tuple[str, ...]] = {
    "actor type": ENTITY_TYPES,
    "relation type": RELATION_TYPES,
    "modality": MODALITIES,
    "two-mode projection": TWO_MODES,
    "measure": MEASURES,
    "community method": COMMUNITY_METHODS,
    "structural-holes sort": HOLE_SORTS,
    "evolution mode": EVOLUTION_MODES,
    "export format": EXPORT_FORMATS,
}
"""Every closed set of values an analysis option takes, by the name the messages use."""

HELP: dict[str, str] = {
    "types": "Keep only actors of this type (repeatable; default all): " + ", ".join(ENTITY_TYPES) + ".",
    "rel_types": "Keep only ties of this relation type (repeatable; default all): " + ", ".join(RELATION_TYPES) + ".",
    "modality": "fact: ties with evidence of something done, weighed and dated by that evidence; plan: ties with "
    "evidence of something planned, likewise. Default both (all evidence).",
    "region": "A place and everything within it, itself included: 南通市 keeps the city, its districts and every "
    "actor placed there; short forms resolve (南通 → 南通市); an unknown region is refused with close matches.",
    "year_from": "Keep ties active in or after this year (a tie is active from its first to its last year of "
    "evidence; undated ties are dropped when a year bound is given).",
    "year_to": "Keep ties active in or before this year.",
    "min_weight": "Keep ties with at least this much evidence (sentences, summed over the kept relation types).",
    "directed": "Keep edge directions (head → tail; COOPERATES_WITH both ways). Communities and structural "
    "holes always use the undirected graph.",
    "two_mode": "platforms or programmes: link two actors by the platforms (programmes) they share, weighted by "
    "how many they share.",
    "drop_isolates": "Leave out actors with no kept tie (isolates count in n for density and normalised centralities).",
}
"""What each filter matches, for ``--help`` and the OpenAPI descriptions alike."""


class UnknownChoiceError(AnalysisError, ValueError):
    """A value outside an option's closed set; the message names close matches and the allowed values."""

    def __init__(self, what: str, value: str, allowed: Sequence[str]) -> None:
        close = _close_matches(value, allowed)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        super().__init__(f"unknown {what} {value!r}{hint} (choose from {', '.join(allowed)})", value)
        self.what = what
        self.allowed = tuple(allowed)


class InvalidFilterError(AnalysisError, ValueError):
    """Filter values that contradict each other (a year range backwards, a directed two-mode projection)."""


def _close_matches(value: str, allowed: Sequence[str]) -> list[str]:
    low = value.strip().lower()
    by_low = {a.lower(): a for a in allowed}
    prefixed = [a for a in allowed if low and (a.lower().startswith(low) or low.startswith(a.lower()))]
    fuzzy = [by_low[m] for m in difflib.get_close_matches(low, list(by_low), n=3, cutoff=0.6)]
    return list(dict.fromkeys([*prefixed, *fuzzy]))[:3]


def choose(what: str, value: str, allowed: Sequence[str] | None = None) -> str:
    """``value`` if it is one of ``allowed`` (default ``CHOICES[what]``), matched case-insensitively and
    ignoring surrounding spaces; :class:`UnknownChoiceError` otherwise."""
    options = tuple(allowed if allowed is not None else CHOICES[what])
    if value in options:
        return value
    folded = [a for a in options if a.lower() == value.strip().lower()]
    if len(folded) == 1:
        return folded[0]
    raise UnknownChoiceError(what, value, options)


def choose_all(what: str, values: Sequence[str] | None) -> tuple[str, ...] | None:
    """Each of ``values`` checked by :func:`choose`, de-duplicated; ``None`` (no filter) when empty."""
    if not values:
        return None
    return tuple(dict.fromkeys(choose(what, v) for v in values))


@dataclass(frozen=True)
class NetworkOptions:
    """The network filters of every analysis command and route, as the user typed them."""

    types: Sequence[str] | None = None
    rel_types: Sequence[str] | None = None
    modality: str | None = None
    region: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    min_weight: float = 0.0
    directed: bool = False
    two_mode: str | None = None
    drop_isolates: bool = False

    def to_filter(self) -> ProjectionFilter:
        """The :class:`~graph.analysis.ProjectionFilter` these options mean (the region as typed: the store
        resolves it, :func:`graph.analysis_service.resolve_filter`). Raises :class:`UnknownChoiceError` or
        :class:`InvalidFilterError` for values no filter can mean."""
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise InvalidFilterError(
                f"the first year {self.year_from} is after the last year {self.year_to}", (self.year_from, self.year_to)
            )
        if self.min_weight < 0:
            raise InvalidFilterError(f"the minimum weight must be 0 or more, not {self.min_weight}", self.min_weight)
        two_mode = choose("two-mode projection", self.two_mode) if self.two_mode is not None else None
        if two_mode is not None and self.directed:
            raise InvalidFilterError(f"a two-mode projection ({two_mode}) is undirected: drop directed", two_mode)
        return ProjectionFilter(
            actor_types=choose_all("actor type", self.types),
            relation_types=choose_all("relation type", self.rel_types),
            modality=choose("modality", self.modality) if self.modality is not None else None,  # type: ignore[arg-type]
            region=self.region,
            year_from=self.year_from,
            year_to=self.year_to,
            min_weight=float(self.min_weight),
            directed=self.directed,
            two_mode=two_mode,  # type: ignore[arg-type]
            keep_isolates=not self.drop_isolates,
        )


def network_filter(**options: Any) -> ProjectionFilter:
    """``NetworkOptions(**options).to_filter()``: the one way the CLI and the API build a filter."""
    return NetworkOptions(**options).to_filter()
