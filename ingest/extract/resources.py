"""Adapter between the extractor and the project gazetteer (``ingest.gazetteer``).

Everything the extractor needs from the gazetteer is gathered here once per process: the place
surface forms (full names, short forms, old names), the named organisations (universities,
institutes, agencies) and the agency-abbreviation expansion. When the gazetteer package is not
importable the extractor still runs on its rules alone (logged as a warning).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

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
    gazetteer: Any | None
    places: dict[str, list[PlaceRef]] = field(default_factory=dict)
    orgs: dict[str, list[OrgRef]] = field(default_factory=dict)
    stoplist: frozenset[str] = frozenset()
    # current name -> [(old name, year of the rename)]
    renamed_from: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)
    rename_year: dict[str, int | None] = field(default_factory=dict)  # old name -> year

    @property
    def available(self) -> bool:
        return self.gazetteer is not None

    def rename(self, name: str, year: int | None = None) -> str | None:
        """Current name of a renamed place or institution, if ``name`` is an old name.

        With ``year`` (the document's), a rename that happened after that year is not applied:
        the document names the body as it was then."""
        if year is not None:
            changed = self.rename_year.get(name)
            if changed is not None and changed > year:
                return None
        if self.gazetteer is None:
            return None
        fn = getattr(self.gazetteer, "rename", None)
        if fn is None:
            return None
        try:
            result = fn(name)
        except (KeyError, ValueError):
            return None
        if not result:
            return None
        new = result[0] if isinstance(result, tuple | list) else result
        return str(new) if new and new != name else None

    def expand_agency(
        self, abbreviation: str, province: str | None, city: str | None, district: str | None
    ) -> str | None:
        if self.gazetteer is None:
            return None
        fn = getattr(self.gazetteer, "expand_agency", None)
        if fn is None:
            return None
        try:
            full = fn(abbreviation, province, city, district)
        except (KeyError, ValueError, TypeError):
            return None
        return str(full) if full else None

    def place(self, name: str) -> PlaceRef | None:
        """The place whose canonical name is ``name``."""
        for ref in self.places.get(name, []):
            if ref.name == name:
                return ref
        return None


def _place_ref(place: Any, by_name: dict[str, Any]) -> PlaceRef:
    ptype = str(getattr(place, "type", ""))
    name = str(place.name)
    province = getattr(place, "province", None)
    city: str | None = None
    if ptype == "City":
        parent = by_name.get(getattr(place, "parent", None) or "")
        # county-level cities belong to a prefecture city
        if parent is not None and str(getattr(parent, "type", "")) == "City":
            city = str(parent.name)
        else:
            city = name
    elif ptype == "District":
        parent = by_name.get(getattr(place, "parent", None) or "")
        if parent is not None and str(getattr(parent, "type", "")) == "City":
            city = str(parent.name)
    return PlaceRef(name, ptype, city, str(province) if province else None)


def _build(gaz: Any, zone_endings: tuple[str, ...]) -> Resources:
    res = Resources(gazetteer=gaz)
    stop = getattr(gaz, "stoplist", None) or ()
    res.stoplist = frozenset(str(s) for s in stop)
    for rec in getattr(gaz, "renames", None) or ():
        old, new = str(rec.old_name), str(rec.new_name)
        year = getattr(rec, "year", None)
        res.renamed_from.setdefault(new, []).append((old, year))
        res.rename_year[old] = year
    places = [p for p in getattr(gaz, "places", []) or [] if not str(p.name).endswith(zone_endings)]
    by_name = {str(p.name): p for p in places}
    for p in places:
        ref = _place_ref(p, by_name)
        surfaces = {ref.name}
        short = getattr(p, "short", None)
        if short:
            surfaces.add(str(short))
        for alias in getattr(p, "aliases", None) or ():
            surfaces.add(str(alias))
        for s in surfaces:
            if len(s) < 2 or s in res.stoplist:
                continue
            bucket = res.places.setdefault(s, [])
            if ref not in bucket:
                bucket.append(ref)
    for attr in ("universities", "institutes", "agencies", "zones", "programmes"):
        for org in getattr(gaz, attr, None) or ():
            otype = str(getattr(org, "type", ""))
            if otype not in _ORG_TYPES:
                continue
            name = str(org.name)
            province = getattr(org, "province", None)
            relative = province if getattr(org, "level", None) == "provincial" else None
            for s in {name, *(str(a) for a in getattr(org, "aliases", None) or ())}:
                if len(s) < 2 or s in res.stoplist:
                    continue
                only_in = relative if s != name and s[0] == "省" else None
                _add_org(res, s, OrgRef(name, otype, only_in))
    for rec in getattr(gaz, "renames", None) or ():
        # a former institution name is recognised as itself; rename() maps it when due
        if str(rec.type) in _ORG_TYPES and str(rec.old_name) not in res.orgs:
            _add_org(res, str(rec.old_name), OrgRef(str(rec.old_name), str(rec.type)))
    logger.info("gazetteer: %d place surfaces, %d organisation surfaces", len(res.places), len(res.orgs))
    return res


def _add_org(res: Resources, surface: str, ref: OrgRef) -> None:
    bucket = res.orgs.setdefault(surface, [])
    if ref not in bucket:
        bucket.append(ref)


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """The gazetteer-derived resources (cached per process)."""
    from ingest.extract.data import load_data

    zone_endings = tuple(load_data().places.get("zone_endings", []))
    try:
        module = importlib.import_module("ingest.gazetteer")
        gaz = module.load_gazetteer()
    except ImportError as exc:
        logger.warning("ingest.gazetteer not available (%s): extracting with rules only", exc)
        return Resources(gazetteer=None)
    return _build(gaz, zone_endings)
