"""Where a document speaks from: its jurisdiction, issuing body and years, decided once.

Every later step needs the same answer: the entity extractor (a bare 市科技局 is the bureau of the
document's city), the relation patterns (a sentence without subject speaks of the jurisdiction; the
title's act is the issuer's) and the indicators (whose figures they are). :func:`decide` works it
out from the document's metadata (``ingest.metadata`` reads what the page states: header table,
issuer line, title, 文号) and its text, and returns a :class:`DocJurisdiction` that
``ingest.pipeline`` passes to each step as an argument::

    where = decide(doc)
    entities = extract_entities(doc, where)
    found = extract_relations(doc, sentences, entities, where)
    indicators = extract_indicators(doc, sentences, where)

The decision, in order:

1. the metadata's region; without one, the place the issuer, title and opening name most, weighted
   up where a bureau or government follows it (星河市科技局);
2. a city region whose text speaks of itself as a district (我区/全区 more often than 我市/全市) is
   the district of that city the header names;
3. the place is looked up in the gazetteer: its type, prefecture city and province; a county renamed
   after the document was written keeps the name it had then (凤翔县 in a 2020 document).

The jurisdiction's name is in the guideline's canonical form (a district with its city: 杭州市余杭区);
``place`` is the gazetteer's name of the same place (余杭区), the form entity names take.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.models import Document, Entity, actor_id

logger = logging.getLogger(__name__)

__all__ = [
    "DocJurisdiction",
    "author_entity",
    "canonical_place",
    "city_of_place",
    "decide",
    "leading_place",
    "subject_entity",
]

DATA_FILE = Path(__file__).with_name("jurisdiction_data") / "jurisdiction.yaml"

PlaceType = Literal["Province", "City", "District"]


class JurisdictionDataError(ValueError):
    """The jurisdiction data file is missing a key or holds a bad value."""


class DocJurisdiction(BaseModel):
    """The decision about one document, passed to extraction, relations and indicators."""

    model_config = ConfigDict(frozen=True)

    name: str | None = None  # canonical jurisdiction (南通市, 杭州市余杭区); None when nothing names one
    place: str | None = None  # the gazetteer's name of that place (余杭区)
    type: PlaceType | None = None
    city: str | None = None  # prefecture-level city (None for a province's own document)
    district: str | None = None
    province: str | None = None
    source: Literal["metadata", "text", "none"] = "none"  # where the jurisdiction came from
    issuer: str | None = None  # the issuing body, canonical (from the metadata)
    year: int | None = None  # year of the document's date
    report_year: int | None = None
    plan_year: int | None = None


# ---------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Rules:
    zone_endings: tuple[str, ...]
    county_endings: tuple[str, ...]
    self_city: re.Pattern[str]
    self_district: re.Pattern[str]
    agency_after: re.Pattern[str]
    weights: dict[str, int]
    agency_bonus: int
    head_chars: int
    max_place_chars: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    try:
        raw = yaml.safe_load(DATA_FILE.read_text("utf-8")) or {}
        return _Rules(
            zone_endings=tuple(raw["zone_endings"]),
            county_endings=tuple(raw["county_endings"]),
            self_city=re.compile(raw["self_reference"]["city"]),
            self_district=re.compile(raw["self_reference"]["district"]),
            agency_after=re.compile("^(?:" + "|".join(map(re.escape, raw["agency_after_place"])) + ")"),
            weights={str(k): int(v) for k, v in raw["vote_weights"].items()},
            agency_bonus=int(raw["agency_bonus"]),
            head_chars=int(raw["head_chars"]),
            max_place_chars=int(raw["max_place_chars"]),
        )
    except (OSError, KeyError, TypeError, ValueError, re.error) as exc:
        raise JurisdictionDataError(f"{DATA_FILE}: {type(exc).__name__}: {exc}") from exc


# ---------------------------------------------------------------------------------- place index


@dataclass(frozen=True)
class _Ref:
    name: str  # the gazetteer's current name
    type: str
    city: str | None  # prefecture city (a county-level city belongs to one)
    province: str | None


@dataclass
class _Places:
    """The gazetteer's places seen from a document's header: surfaces, renames, canonical forms."""

    by_surface: dict[str, list[_Ref]] = field(default_factory=dict)
    renamed_from: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    canonical: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # full name -> [(type, canonical)]

    def ref(self, name: str) -> _Ref | None:
        for r in self.by_surface.get(name, []):
            if r.name == name:
                return r
        return None


@lru_cache(maxsize=1)
def _places() -> _Places:
    return _index(load_gazetteer(), _rules().zone_endings)


def _index(gaz: Gazetteer, zone_endings: tuple[str, ...]) -> _Places:
    out = _Places()
    for rec in gaz.renames:
        out.renamed_from.setdefault(rec.new_name, []).append((rec.old_name, rec.year))
    by_name = {p.name: p for p in gaz.places}
    for p in gaz.places:
        if p.name.endswith(zone_endings):
            continue
        parent = by_name.get(p.parent or "")
        city: str | None = None
        if p.type == "City":
            city = parent.name if parent is not None and parent.type == "City" else p.name
        elif p.type == "District" and parent is not None and parent.type == "City":
            city = parent.name
        ref = _Ref(p.name, p.type, city, p.province)
        for surface in {p.name, p.short, *p.aliases}:
            if not surface or len(surface) < 2 or surface in gaz.stoplist:
                continue
            bucket = out.by_surface.setdefault(surface, [])
            if ref not in bucket:
                bucket.append(ref)
        if p.type in ("City", "District") and len(p.name) >= 2 and not (len(p.name) == 2 and p.name.endswith("区")):
            # 城区, 矿区, 郊区 are ordinary words, never a document's jurisdiction
            canonical = p.name
            if (
                p.type == "District"
                and parent is not None
                and parent.type == "City"
                and not p.name.startswith(parent.name)
            ):
                canonical = parent.name + p.name
            out.canonical.setdefault(p.name, []).append((p.type, canonical))
    return out


def canonical_place(name: str, text: str = "") -> str:
    """A place name written with its city when it is a district (the guideline's canonical form);
    a district name shared by several cities takes the one whose city ``text`` names."""
    cands = _places().canonical.get(name)
    if not cands:
        return name
    if len(cands) == 1:
        return cands[0][1]
    mentioned = [c for c in cands if c[1] != name and c[1][: len(c[1]) - len(name)] in text]
    return mentioned[0][1] if len(mentioned) == 1 else name


_CITY_PREFIX = re.compile(r"^(.{2,8}?[市州盟])(?=.{2,}[区县旗市]$)")


def city_of_place(name: str) -> str | None:
    """The city a canonical district name starts with (杭州市余杭区 -> 杭州市); None for a city."""
    m = _CITY_PREFIX.match(name)
    return m.group(1) if m else None


def leading_place(text: str) -> str | None:
    """A full City/District name the text starts with, canonical (西夏区… -> 银川市西夏区)."""
    canonical = _places().canonical
    for k in range(min(_rules().max_place_chars, len(text)), 1, -1):
        cand = text[:k]
        if cand in canonical and cand[-1] in "市区县旗":
            return canonical_place(cand)
    return None


_PLACE_END = re.compile("[市区县旗]")


def _place_mentions(text: str) -> list[tuple[int, str]]:
    canonical = _places().canonical
    longest = _rules().max_place_chars
    out: list[tuple[int, str]] = []
    for sm in _PLACE_END.finditer(text):
        i = sm.start()
        for k in range(longest, 1, -1):
            start = i + 1 - k
            if start >= 0 and text[start : i + 1] in canonical:
                out.append((start, text[start : i + 1]))
                break
    return out


# ------------------------------------------------------------------------------------- decision


def _district_voice(text: str) -> bool:
    rules = _rules()
    return len(rules.self_district.findall(text)) > len(rules.self_city.findall(text))


def _voted(doc: Document) -> str | None:
    """The place the issuer, title and opening name most (a bureau or government after it counts more)."""
    rules = _rules()
    scores: Counter[str] = Counter()
    sources = (
        (doc.meta.issuer or "", rules.weights["issuer"]),
        (doc.meta.title or "", rules.weights["title"]),
        (doc.text[: rules.head_chars], rules.weights["opening"]),
    )
    for source, weight in sources:
        for pos, name in _place_mentions(source):
            bonus = rules.agency_bonus if rules.agency_after.match(source[pos + len(name) :]) else 0
            scores[name] += weight + bonus
    if not scores:
        return None
    ranked = [n for n, _ in sorted(scores.items(), key=lambda kv: -kv[1])]
    if _district_voice(doc.text):
        canonical = _places().canonical
        districts = [n for n in ranked if any(t == "District" for t, _c in canonical[n])]
        if districts:
            return canonical_place(districts[0], doc.text)
    return canonical_place(ranked[0], doc.text)


def _jurisdiction_name(doc: Document) -> tuple[str | None, Literal["metadata", "text", "none"]]:
    region = doc.meta.region
    if not region:
        voted = _voted(doc)
        return voted, "text" if voted else "none"
    region = canonical_place(region, doc.text)
    if region.endswith("市") and _district_voice(doc.text):
        # a city region with a district author: the district speaks of itself as 我区/全区
        voted = _voted(doc)
        if voted and voted != region and voted.startswith(region):
            return voted, "text"
    return region, "metadata"


def _lookup(name: str) -> _Ref | None:
    places = _places()
    ref = places.ref(name)
    if ref is None:
        refs = places.by_surface.get(name, [])
        ref = refs[0] if len(refs) == 1 else None
    if ref is None:  # a district named with its city (杭州市余杭区)
        for k in range(2, len(name) - 1):
            head, tail = name[:k], name[k:]
            inside = [r for r in places.by_surface.get(tail, []) if r.name == tail and r.city == head]
            if len(inside) == 1:
                return inside[0]
    return ref


def decide(doc: Document) -> DocJurisdiction:
    """The jurisdiction, issuer and years of ``doc`` (see the module's docstring for the rules)."""
    meta = doc.meta
    year = meta.date.year if meta.date else None
    base = DocJurisdiction(
        province=meta.province, issuer=meta.issuer, year=year, report_year=meta.report_year, plan_year=meta.plan_year
    )
    name, source = _jurisdiction_name(doc)
    if name is None:
        return base
    province = meta.province if source == "metadata" else None
    ref = _lookup(name)
    found: dict[str, object]
    if ref is None:
        gaz = load_gazetteer()
        found = {"place": name, "city": gaz.city_of(name) or name, "province": province or gaz.province_of(name)}
    elif (
        year is not None
        and ref.name != name
        and name.endswith(_rules().county_endings)
        and _renamed_after(name, ref.name, year)
    ):
        # a county renamed after the document was written: the document's jurisdiction is the
        # county as it was then (凤翔县 in a 2020 document), as its mentions are
        city = ref.city if ref.city and ref.city != ref.name else None
        found = {"place": name, "type": "District", "city": city, "district": name}
        found["province"] = province or ref.province
    elif ref.type == "District":
        found = {"place": ref.name, "type": "District", "city": ref.city, "district": ref.name}
        found["province"] = province or ref.province
    elif ref.type == "Province" and not ref.name.endswith("市"):
        # a provincial document has no city: its 市科技局 is no body of the province
        found = {"place": ref.name, "type": "Province", "city": None, "province": ref.name}
    else:
        found = {"place": ref.name, "type": "City" if ref.type == "City" else None, "city": ref.name}
        found["province"] = province or ref.province
    return DocJurisdiction.model_validate(base.model_dump() | found | {"name": name, "source": source})


def _renamed_after(old: str, current: str, year: int) -> bool:
    return any(
        name == old and changed is not None and changed > year
        for name, changed in _places().renamed_from.get(current, [])
    )


# ------------------------------------------------------------------------------ as entities


def subject_entity(where: DocJurisdiction, entities: list[Entity]) -> Entity | None:
    """The jurisdiction as an actor: the extracted City/District entity that names it, else a new
    entity flagged ``implicit=True`` with no mentions. None when the document has no jurisdiction."""
    name = where.place
    if not name:
        return None
    for e in entities:
        if e.type in ("City", "District") and (e.name == name or name in e.aliases):
            return e
    etype: Literal["City", "District"] = "District" if where.type == "District" else "City"
    ref = _places().ref(name)
    if ref is not None:
        region = ref.city if ref.city and ref.city != ref.name else ref.province
    else:
        region = where.province
    return Entity(id=actor_id(etype, name), name=name, type=etype, region=region, implicit=True)


def _surfaces(e: Entity) -> set[str]:
    return {e.name, *e.aliases, *(m.text for m in e.mentions)}


def author_entity(where: DocJurisdiction, entities: list[Entity], jurisdiction: Entity | None) -> Entity | None:
    """The document's issuing body as an agency entity (implicit when the text never names it)."""
    issuer = (where.issuer or "").strip()
    if not issuer:
        return None
    agencies = [e for e in entities if e.type == "GovernmentAgency"]
    for e in agencies:
        if issuer in _surfaces(e):
            return e
    region = where.name or ""
    relative = issuer
    for prefix in sorted({region, region[:-1] if len(region) > 2 else region}, key=len, reverse=True):
        if prefix and issuer.startswith(prefix) and len(issuer) > len(prefix):
            relative = issuer[len(prefix) :]
            break
    if relative == issuer:
        return Entity(id=actor_id("GovernmentAgency", issuer), name=issuer, type="GovernmentAgency", implicit=True)
    district = jurisdiction is not None and jurisdiction.type == "District"
    level = "区" if district else "市"
    for e in agencies:
        if any(s in (relative, level + relative) for s in _surfaces(e)):
            return e
    full = issuer
    expanded = load_gazetteer().expand_agency(
        level + relative,
        where.province,
        None if district else region,
        region if district else None,
    )
    if expanded:
        full = str(expanded)
        for e in agencies:
            if e.name == full:
                return e
    return Entity(id=actor_id("GovernmentAgency", full), name=full, type="GovernmentAgency", implicit=True)
