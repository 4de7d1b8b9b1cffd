"""Loading and compiling the indicator rule data of ``ingest/indicators/data`` (once per process)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

_REGEX_CHARS = frozenset("[](){}?*+|\\^$.")

UNIT_CLASSES = ("count", "money", "area", "share", "growth", "score", "rank")


class IndicatorDataError(RuntimeError):
    """An indicator data file is missing or malformed; carries the file and the bad value."""

    def __init__(self, file: str, problem: str, value: object = None) -> None:
        super().__init__(f"{file}: {problem}" + ("" if value is None else f": {value!r}"))
        self.file = file
        self.value = value


def alternation(words: list[str]) -> str:
    """Regex alternatives, longest first; plain words are escaped, entries with regex syntax kept."""
    out = []
    for w in sorted({str(w) for w in words if str(w)}, key=len, reverse=True):
        out.append(w if any(ch in _REGEX_CHARS for ch in w) else re.escape(w))
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


def _load_yaml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as exc:
        raise IndicatorDataError(name, "cannot be read", str(exc)) from exc
    if not isinstance(data, dict):
        raise IndicatorDataError(name, "expected a mapping at top level", type(data).__name__)
    return data


def _words(data: dict[str, Any], key: str, file: str = "rules.yaml") -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise IndicatorDataError(file, f"{key!r} must be a non-empty list", value)
    return [str(v) for v in value]


@dataclass(frozen=True)
class Concept:
    """One entry of the controlled vocabulary (``concepts.yaml``)."""

    key: str
    label: str
    any: tuple[str, ...]
    also: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    levelled: bool = False
    any_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    also_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    none_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # compiled once: concepts are matched for every figure
        object.__setattr__(self, "any_re", re.compile(alternation(list(self.any))))
        object.__setattr__(self, "also_re", re.compile(alternation(list(self.also))) if self.also else None)
        object.__setattr__(self, "none_re", re.compile(alternation(list(self.none_of))) if self.none_of else None)

    def matches(self, name: str, unit_class: str) -> bool:
        if self.units and unit_class not in self.units:
            return False
        if self.any_re.search(name) is None:
            return False
        if self.also_re is not None and self.also_re.search(name) is None:
            return False
        return self.none_re is None or self.none_re.search(name) is None


@dataclass(frozen=True)
class Lexicon:
    """Compiled rule data."""

    figure_re: re.Pattern[str]
    rank_re: re.Pattern[str]
    year_re: re.Pattern[str]
    exclude_clause_re: re.Pattern[str]
    exclude_period_re: re.Pattern[str]
    topic_keep_re: re.Pattern[str]
    document_noun_re: re.Pattern[str]
    document_verb_re: re.Pattern[str]
    document_noun_near_re: re.Pattern[str]
    level_re: re.Pattern[str]
    growth_end_re: re.Pattern[str]
    foreign_scope_re: re.Pattern[str]
    org_subject_re: re.Pattern[str]
    clause_start_verb_re: re.Pattern[str]
    year_open_re: re.Pattern[str]
    year_base_before_re: re.Pattern[str]
    year_base_after_re: re.Pattern[str]
    year_base_after_window: int
    year_transition_re: re.Pattern[str]
    target_cue_re: re.Pattern[str]
    forecast_cue_re: re.Pattern[str]
    target_heading_re: re.Pattern[str]
    actual_heading_re: re.Pattern[str]
    growth_re: re.Pattern[str]
    share_re: re.Pattern[str]
    stock_re: re.Pattern[str]
    flow_re: re.Pattern[str]
    name_lead_re: re.Pattern[str]
    name_trail_re: re.Pattern[str]
    name_verb_re: re.Pattern[str]
    rank_subject_re: re.Pattern[str]
    rank_tail_re: re.Pattern[str]
    actual_cue_re: re.Pattern[str]
    review_heading_re: re.Pattern[str]
    cue_blank_re: re.Pattern[str]
    foreign_scope_inside_re: re.Pattern[str]
    name_verb_lead_re: re.Pattern[str]
    plan_title_re: re.Pattern[str]
    summary_title_re: re.Pattern[str]
    unit_class: dict[str, str]
    multipliers: tuple[str, ...]
    concepts: tuple[Concept, ...]
    levels: tuple[tuple[str, tuple[str, ...]], ...]


def _concepts(data: dict[str, Any]) -> tuple[tuple[Concept, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    raw = data.get("concepts")
    if not isinstance(raw, list) or not raw:
        raise IndicatorDataError("concepts.yaml", "'concepts' must be a non-empty list", raw)
    out = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict) or not item.get("key") or not item.get("any"):
            raise IndicatorDataError("concepts.yaml", "each concept needs 'key' and 'any'", item)
        key = str(item["key"])
        if key in seen or key == "other":
            raise IndicatorDataError("concepts.yaml", "duplicate or reserved concept key", key)
        seen.add(key)
        units = tuple(str(u) for u in item.get("units") or ())
        bad = [u for u in units if u not in UNIT_CLASSES]
        if bad:
            raise IndicatorDataError("concepts.yaml", f"unknown unit class in {key}", bad)
        out.append(
            Concept(
                key=key,
                label=str(item.get("label") or key),
                any=tuple(str(w) for w in item["any"]),
                also=tuple(str(w) for w in item.get("also") or ()),
                none_of=tuple(str(w) for w in item.get("not") or ()),
                units=units,
                levelled=bool(item.get("levelled", False)),
            )
        )
    levels_raw = data.get("levels") or {}
    if not isinstance(levels_raw, dict):
        raise IndicatorDataError("concepts.yaml", "'levels' must be a mapping", levels_raw)
    levels = tuple((str(k), tuple(str(w) for w in v)) for k, v in levels_raw.items())
    return tuple(out), levels


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Compile ``rules.yaml`` and ``concepts.yaml`` (cached: regexes are compiled once)."""
    rules = _load_yaml("rules.yaml")
    units = rules.get("units")
    if not isinstance(units, dict):
        raise IndicatorDataError("rules.yaml", "'units' must be a mapping of class -> words", units)
    unit_class: dict[str, str] = {}
    for cls, words in units.items():
        if cls not in ("count", "money", "area", "ratio", "score"):
            raise IndicatorDataError("rules.yaml", "unknown unit class", cls)
        for w in words:
            unit_class[str(w)] = str(cls)
    multipliers = tuple(_words(rules, "multipliers"))
    base = alternation(list(unit_class))
    mult = alternation(list(multipliers))
    rate = alternation(_words(rules, "rate_suffixes"))
    number = r"\d+(?:,\d{3})*(?:\.\d+)?(?!\d)"
    not_after_unit = alternation(_words(rules, "unit_not_before"))
    figure = (
        rf"(?P<pre>{alternation(_words(rules, 'pre_qualifiers'))})?\s*"
        rf"(?<![\d.A-Za-z+/\-])(?P<num>{number})"
        rf"(?:\s*(?:{alternation(_words(rules, 'range_separators'))})\s*(?P<num2>{number}))?"
        rf"\s*(?P<inner>{alternation(_words(rules, 'inner_qualifiers'))})?"
        rf"\s*(?P<open>\()?\s*(?P<unit>(?:{mult})?\s*(?P<inner2>余|多)?\s*{base}(?:{rate})?|{mult}(?=[^\u4e00-\u9fff]|以上|左右|余|多|$))(?(open)\s*\)|)(?!{not_after_unit})"
        rf"(?P<post>{alternation(_words(rules, 'post_qualifiers'))})?"
    )
    cn_digit = "[一二三四五六七八九十]{1,3}"
    rank = (
        rf"(?P<verb>{alternation(_words(rules, 'rank_verbs'))})?"
        rf"(?:{alternation(_words(rules, 'rank_scopes'))})?"
        rf"(?:第\s*(?P<n>\d{{1,4}}|{cn_digit})\s*(?P<suffix>位|名)?|(?P<first>首位|榜首)"
        rf"|(?<=[排名列居])(?P<n2>\d{{1,4}})\s*(?:位|名)(?!次))"
    )
    concepts, levels = _concepts(_load_yaml("concepts.yaml"))
    window = rules.get("year_base_after_window", 12)
    if not isinstance(window, int) or window < 0:
        raise IndicatorDataError("rules.yaml", "'year_base_after_window' must be a non-negative int", window)
    verbs = alternation(_words(rules, "clause_start_verbs"))
    return Lexicon(
        figure_re=re.compile(figure),
        rank_re=re.compile(rank),
        year_re=re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(度)?"),
        exclude_clause_re=re.compile(alternation(_words(rules, "exclude_clause_words"))),
        exclude_period_re=re.compile(alternation(_words(rules, "exclude_period_words"))),
        topic_keep_re=re.compile("^" + alternation(_words(rules, "actor_topic_openers"))),
        document_noun_re=re.compile(r"[^,;:]{0,6}?" + alternation(_words(rules, "document_nouns"))),
        document_noun_near_re=re.compile(r"^[^,;:]{0,3}?" + alternation(_words(rules, "document_nouns"))),
        growth_end_re=re.compile(alternation(_words(rules, "growth_words")) + r"了?$"),
        level_re=re.compile(
            alternation(_words(rules, "growth_words")) + alternation(_words(rules, "level_after_growth"))
        ),
        document_verb_re=re.compile(alternation(_words(rules, "document_verbs"))),
        foreign_scope_re=re.compile("^" + alternation(_words(rules, "foreign_scopes"))),
        org_subject_re=re.compile(
            "^" + alternation(_words(rules, "org_anaphora")) + "|"
            rf"^(?!{verbs})[\u4e00-\u9fffA-Za-z()·]{{0,28}}?"
            + alternation(_words(rules, "org_subject_suffixes"))
            + r"(?![\u4e00-\u9fff]{0,2}"
            + alternation(_words(rules, "org_subject_not_before"))
            + r"|[、等和与及])"
        ),
        clause_start_verb_re=re.compile("^" + verbs),
        year_open_re=re.compile(r"^\s*(?:\d{1,2}月(?:份)?)?" + alternation(_words(rules, "year_open_after"))),
        year_base_before_re=re.compile(alternation(_words(rules, "year_base_before")) + r"\s*$"),
        year_base_after_re=re.compile(alternation(_words(rules, "year_base_after"))),
        year_base_after_window=window,
        year_transition_re=re.compile(alternation(_words(rules, "year_transition"))),
        target_cue_re=re.compile(alternation(_words(rules, "target_cues"))),
        forecast_cue_re=re.compile(alternation(_words(rules, "forecast_cues"))),
        target_heading_re=re.compile(alternation(_words(rules, "target_headings"))),
        actual_heading_re=re.compile(alternation(_words(rules, "actual_headings"))),
        growth_re=re.compile(alternation(_words(rules, "growth_words"))),
        share_re=re.compile(alternation(_words(rules, "share_words"))),
        stock_re=re.compile(alternation(_words(rules, "stock_words"))),
        flow_re=re.compile(alternation(_words(rules, "flow_words"))),
        name_lead_re=re.compile("^(?:" + alternation(_words(rules, "name_lead")) + r"[\s,、]*)+"),
        name_trail_re=re.compile("(?:" + alternation(_words(rules, "name_trail")) + r"\s*)+$"),
        name_verb_re=re.compile(alternation(_words(rules, "name_verbs")) + "$"),
        rank_subject_re=re.compile(alternation(_words(rules, "rank_subject_words"))),
        rank_tail_re=re.compile(alternation(_words(rules, "rank_not_before"))),
        actual_cue_re=re.compile(alternation(_words(rules, "actual_cues"))),
        review_heading_re=re.compile(alternation(_words(rules, "review_headings"))),
        cue_blank_re=re.compile(alternation(_words(rules, "cue_blanks"))),
        foreign_scope_inside_re=re.compile(alternation(_words(rules, "foreign_scope_inside"))),
        name_verb_lead_re=re.compile("^" + alternation(_words(rules, "name_verbs"))),
        plan_title_re=re.compile(alternation(_words(rules, "plan_title_words"))),
        summary_title_re=re.compile(alternation(_words(rules, "summary_title_words"))),
        unit_class=unit_class,
        multipliers=multipliers,
        concepts=concepts,
        levels=levels,
    )
