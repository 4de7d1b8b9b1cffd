"""Load the extractor's data files (patterns, trigger words, stoplists) from ``data/``."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"


class ExtractDataError(RuntimeError):
    """A data file of the extractor is missing or malformed."""


def _lines(folder: Path, name: str) -> list[str]:
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractDataError(f"cannot read {path.name}: {exc}") from exc
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _tsv(folder: Path, name: str, min_cols: int) -> list[list[str]]:
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractDataError(f"cannot read {path.name}: {exc}") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < min_cols:
            raise ExtractDataError(f"{name}:{n}: expected {min_cols} columns, got {len(cols)}")
        rows.append([c.strip() for c in cols])
    return rows


def _yaml(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractDataError(f"cannot read {path.name}: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ExtractDataError(f"{name}: expected a mapping at top level")
    return loaded


@dataclass(frozen=True)
class SuffixRule:
    suffix: str
    type: str
    subtype: str | None
    min_modifier: int
    requires: str | None = None  # "anchor" / "brand" / "place" / "named" / "field"


@dataclass(frozen=True)
class Abbreviation:
    surface: str
    full: str
    type: str
    province: str | None


@dataclass
class ExtractData:
    suffixes: list[SuffixRule]
    left_stops: frozenset[str]
    protected_words: list[str]
    generic_words: frozenset[str]
    field_words: frozenset[str]
    category_nouns: list[str]
    generic_prefixes: list[str]
    levels: list[tuple[str, str]]
    titles: dict[str, Any]
    lists: dict[str, Any]
    company: dict[str, Any]
    agencies: dict[str, Any]
    abbreviations: list[Abbreviation]
    extra_anchors: list[str]
    regions: list[str]
    generic_infixes: list[str]
    places: dict[str, Any]
    resolution: dict[str, Any]
    boundaries: dict[str, Any] = field(default_factory=dict)
    soft_stops: dict[str, int] = field(default_factory=dict)
    max_stop_len: int = field(init=False)

    def __post_init__(self) -> None:
        self.left_stops = self.left_stops | frozenset(self.soft_stops)
        self.max_stop_len = max((len(s) for s in self.left_stops), default=1)


@lru_cache(maxsize=4)
def load_data(data_dir: str | None = None) -> ExtractData:
    """All data files of ``data_dir`` (default: the bundled ``data/``), parsed once per process."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    if not folder.is_dir():
        raise ExtractDataError(f"no extractor data folder at {folder}")
    suffixes = [
        SuffixRule(
            r[0],
            r[1],
            (r[2] or None) if len(r) > 2 else None,
            int(r[3]) if len(r) > 3 and r[3] else 2,
            (r[4] or None) if len(r) > 4 else None,
        )
        for r in _tsv(folder, "suffixes.tsv", 2)
    ]
    suffixes.sort(key=lambda s: -len(s.suffix))
    abbreviations = [
        Abbreviation(r[0], r[1], r[2], (r[3] or None) if len(r) > 3 else None)
        for r in _tsv(folder, "abbreviations.tsv", 3)
    ]
    levels = [(r[0], r[1]) for r in _tsv(folder, "levels.tsv", 2)]
    levels.sort(key=lambda x: -len(x[0]))
    data = ExtractData(
        suffixes=suffixes,
        left_stops=frozenset(_lines(folder, "left_stops.txt")),
        protected_words=_lines(folder, "protected_words.txt"),
        generic_words=frozenset(_lines(folder, "generic_words.txt")),
        field_words=frozenset(_lines(folder, "field_words.txt")),
        category_nouns=_lines(folder, "category_nouns.txt"),
        generic_prefixes=_lines(folder, "generic_prefixes.txt"),
        levels=levels,
        titles=_yaml(folder, "titles.yaml"),
        lists=_yaml(folder, "lists.yaml"),
        company=_yaml(folder, "company.yaml"),
        agencies=_yaml(folder, "agencies.yaml"),
        abbreviations=abbreviations,
        extra_anchors=_lines(folder, "anchors.txt"),
        regions=_lines(folder, "regions.txt"),
        generic_infixes=_lines(folder, "generic_infixes.txt"),
        places=_yaml(folder, "places.yaml"),
        resolution=_yaml(folder, "resolution.yaml"),
        boundaries=_yaml(folder, "boundaries.yaml"),
        soft_stops={r[0]: int(r[1]) for r in _tsv(folder, "soft_stops.txt", 2)},
    )
    logger.debug("loaded extractor data: %d suffix rules, %d stops", len(suffixes), len(data.left_stops))
    return data
