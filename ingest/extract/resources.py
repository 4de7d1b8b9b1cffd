"""Adapter between the extractor and the project gazetteer (``ingest.gazetteer``).

Everything the extractor needs from the gazetteer is gathered here once per process: the place
surface forms (full names, short forms, old names), the named organisations (universities,
institutes, agencies) and the agency-abbreviation expansion.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.gazetteer import Gazetteer, load_gazetteer
from ingest.gazetteer.loader import Place

logger = logging.getLogger(__name__)

PLACE_TYPES = ("City", "District")
_ORG_TYPES = {"University", "ResearchInstitute", "GovernmentAgency", "Enterprise", "Platform", "Programme"}


@dataclass(frozen=True)
class PlaceRef:
    name: str  # canonical (current) name
    type: str  # Province / City / District
    city: str | None
    province: str | None


@dataclass(frozen=True)
class OrgRef:
    name: str
    type: str
    only_in: str | None = None  # a province-relative alias (省产研院) holds only in this province


@dataclass
class Resources:
    gazetteer: Gazetteer
    places: dict[str, list[PlaceRef]] = field(default_factory=dict)
    orgs: dict[str, list[OrgRef]] = field(default_factory=dict)
    stoplist: frozenset[str] = frozenset()
    # current name -> [(old name, year of the rename)]
    renamed_from: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    rename_year: dict[str, int | None] = field(default_factory=dict)  # old name -> year

    def rename(self, name: str, year: int | None = None) -> str | None:
        """Current name of a renamed place or institution, if ``name`` is an old name.

        With ``year`` (the document's), a rename that happened after that year is not applied:
        the document names the body as it was then."""
        if year is not None:
            changed = self.rename_year.get(name)
            if changed is not None and changed > year:
                return None
        result = self.gazetteer.rename(name)
        if not result:
            return None
        new = result[0]
        return new if new and new != name else None

    def expand_agency(
        self, abbreviation: str, province: str | None, city: str | None, district: str | None
    ) -> str | None:
        return self.gazetteer.expand_agency(abbreviation, province, city, district)

    def place(self, name: str) -> PlaceRef | None:
        """The place whose canonical name is ``name``."""
        for ref in self.places.get(name, []):
            if ref.name == name:
                return ref
        return None


def _place_ref(place: Place, by_name: dict[str, Place]) -> PlaceRef:
    city: str | None = None
    parent = by_name.get(place.parent or "")
    if place.type == "City":
        # county-level cities belong to a prefecture city
        city = parent.name if parent is not None and parent.type == "City" else place.name
    elif place.type == "District" and parent is not None and parent.type == "City":
        city = parent.name
    return PlaceRef(place.name, place.type, city, place.province or None)


def _build(gaz: Gazetteer, zone_endings: tuple[str, ...], university_short: dict[str, str] | None = None) -> Resources:
    res = Resources(gazetteer=gaz)
    res.stoplist = frozenset(gaz.stoplist)
    for rec in gaz.renames:
        res.renamed_from.setdefault(rec.new_name, []).append((rec.old_name, rec.year))
        res.rename_year[rec.old_name] = rec.year
    places = [p for p in gaz.places if not p.name.endswith(zone_endings)]
    by_name = {p.name: p for p in places}
    for p in places:
        ref = _place_ref(p, by_name)
        surfaces = {ref.name, *p.aliases}
        if p.short:
            surfaces.add(p.short)
        for s in surfaces:
            if len(s) < 2 or s in res.stoplist:
                continue
            bucket = res.places.setdefault(s, [])
            if ref not in bucket:
                bucket.append(ref)
    for org in (*gaz.universities, *gaz.institutes, *gaz.agencies, *gaz.zones, *gaz.programmes):
        if org.type not in _ORG_TYPES:
            continue
        relative = org.province if org.level == "provincial" else None
        for s in {org.name, *org.aliases}:
            if len(s) < 2 or s in res.stoplist:
                continue
            only_in = relative if s != org.name and s[0] == "省" else None
            _add_org(res, s, OrgRef(org.name, org.type, only_in))
    short_forms = sorted((university_short or {}).items(), key=lambda kv: len(kv[0]), reverse=True)
    for org in gaz.universities:
        # the standard short form of a university's kind (某某农业大学 -> 某某农大) names it on its
        # own; a form two universities share is ambiguous and the matcher skips it
        for long, short in short_forms:
            stem = org.name[: -len(long)]
            if org.name.endswith(long) and len(stem) >= 2 and stem + short not in res.places:
                _add_org(res, stem + short, OrgRef(org.name, org.type))
                break
    for rec in gaz.renames:
        # a former institution name is recognised as itself; rename() maps it when due
        if rec.type in _ORG_TYPES and rec.old_name not in res.orgs:
            _add_org(res, rec.old_name, OrgRef(rec.old_name, rec.type))
    logger.info("gazetteer: %d place surfaces, %d organisation surfaces", len(res.places), len(res.orgs))
    return res


def _add_org(res: Resources, surface: str, ref: OrgRef) -> None:
    bucket = res.orgs.setdefault(surface, [])
    if ref not in bucket:
        bucket.append(ref)


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """The gazetteer-derived resources (cached per process)."""
    import yaml

    from ingest.extract.data import DATA_DIR, load_data

    cfg = yaml.safe_load((DATA_DIR / "resolution.yaml").read_text("utf-8")) or {}
    short = {str(k): str(v) for k, v in (cfg.get("university_short_forms") or {}).items()}
    return _build(load_gazetteer(), tuple(load_data().places.get("zone_endings", [])), short)
