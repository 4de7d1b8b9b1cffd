"""Where an actor is: its chain of containing places, province → city → district/county.

Every actor of an extraction gets ``region_path`` (outermost first) and ``region_source``, the
evidence for it, in this order of preference:

``gazetteer``
    a place actor is placed by the administrative-division gazetteer (南通市 → 江苏省 / 南通市;
    崇川区 → 江苏省 / 南通市 / 南通市崇川区); a university by the national list of universities
    (its city);
``text``
    the document states it: ``LOCATED_IN`` from the actor to a place, or to a zone or park whose
    own place is known;
``name``
    the actor's name begins with a place's full name (南通市科学技术局, 中共南通市委组织部,
    江苏省产业技术研究院) or, except for agencies, with the unambiguous short name of a province or
    prefecture-level city (南通高新区, 常州科教城). Universities are never placed by name (中山大学 is
    in Guangzhou): the national list of universities places them.

Actors with none of these have an empty path: they are counted in no region rather than guessed
into one. District names in a path are qualified by their city (南通市崇川区), so every name in a
path is unique in the country; ``region`` (the most specific containing place, as before) is set
when it was missing.

    >>> path_of_place("崇川区", parent_hint="南通市")
    ('江苏省', '南通市', '南通市崇川区')
    >>> path_of_place("重庆市")
    ('重庆市',)
"""

from __future__ import annotations

import logging
from functools import lru_cache

from ingest.gazetteer.loader import Gazetteer, Place, load_gazetteer
from ingest.models import Entity, Extraction

log = logging.getLogger(__name__)

PLACE_TYPES = ("City", "District")


def qualified(place: Place, gaz: Gazetteer) -> str:
    """The name of ``place`` as it stands in a path: a district or county with its city's name."""
    if place.type != "District" or not place.parent:
        return place.name
    parent = gaz.place(place.parent)
    if parent is None or parent.type == "Province" or place.name.startswith(parent.name):
        return place.name
    return parent.name + place.name


def _chain(place: Place, gaz: Gazetteer) -> tuple[str, ...]:
    names: list[str] = []
    seen: set[str] = set()
    current: Place | None = place
    while current is not None and current.name not in seen:
        seen.add(current.name)
        names.append(qualified(current, gaz))
        if not current.parent or current.parent == current.name:
            break
        current = gaz.place(current.parent)
        if current is None:
            break
    if place.province and (not names or names[-1] != place.province) and place.province not in names:
        names.append(place.province)
    return tuple(reversed(names))


def _candidates(name: str, gaz: Gazetteer, parent_hint: str | None) -> list[Place]:
    found = [p for p in gaz.places_named(name) if p.type != "Province" or p.name == name]
    if len(found) > 1 and parent_hint:
        narrowed = [p for p in found if p.parent == parent_hint or p.province == parent_hint]
        found = narrowed or found
    return found


def _stem(name: str) -> str:
    return name[:-1] if len(name) > 2 and name[-1] in "市区县旗" else name


def merged_away(old: str, year: int | None) -> Place | None:
    """The successor of a district that was merged into another (港闸区 → 崇川区, 2020), when ``year`` is
    before the merger: the old name then denotes a unit of its own. A change that keeps the stem
    (海安县 → 海安市, 通州市 → 通州区) is a rename of one unit and never splits it; so is a city whose
    name changed (襄樊市 → 襄阳市). None when ``old`` is no merged district or ``year`` is not before."""
    if year is None:
        return None
    gaz = load_gazetteer()
    for rec in gaz.renames:
        if rec.old_name != old or rec.type != "District" or rec.year is None or year >= rec.year:
            continue
        if _stem(rec.old_name) == _stem(rec.new_name):
            continue
        for p in gaz.places_named(rec.new_name):
            if p.name == rec.new_name and (rec.parent is None or p.parent == rec.parent):
                return p
    return None


@lru_cache(maxsize=65536)
def path_of_place(name: str, parent_hint: str | None = None, year: int | None = None) -> tuple[str, ...]:
    """The containing chain of a place name, itself last; empty when unknown or ambiguous.

    ``name`` may be the gazetteer's name, a short or old name, or a district qualified by its city
    (杭州市余杭区); ``parent_hint`` (a city or province) decides between places of one name; ``year``
    (the document's) keeps a district merged away later as the unit it was then.

    >>> path_of_place("港闸区", year=2015)
    ('江苏省', '南通市', '南通市港闸区')
    >>> path_of_place("港闸区", year=2021)
    ('江苏省', '南通市', '南通市崇川区')
    """
    gaz = load_gazetteer()
    successor = merged_away(name, year)
    if successor is not None:
        outer = _chain(successor, gaz)[:-1]
        city = outer[-1] if outer else ""
        return (*outer, name if name.startswith(city) else city + name)
    found = _candidates(name, gaz, parent_hint)
    if not found:
        # a district qualified by its city: 杭州市余杭区, 天津市津南区
        for cut in range(2, len(name) - 1):
            head, tail = name[:cut], name[cut:]
            container = gaz.place(head)
            if container is not None and container.type in ("City", "Province"):
                found = [p for p in gaz.places_named(tail) if container.name in (p.parent, p.province)]
                if found:
                    break
    if len(found) != 1:
        return ()
    return _chain(found[0], gaz)


@lru_cache(maxsize=65536)
def path_from_name(name: str, short_forms: bool = True, county_level: bool = False) -> tuple[str, ...]:
    """The place a non-place actor's name begins with, as a path (empty when none is certain).

    A full place name counts for every type (南通市科学技术局, 中共南通市委组织部, 江苏省产业技术研究院);
    with ``short_forms``, so does the short name of a province or a prefecture-level city when it is
    the only place of that name (常州科教城, 江苏康缘药业股份有限公司, 南通高新区) — the way Chinese
    organisations, zones and companies are named after where they are registered; with
    ``county_level`` (zones and parks: 海安高新区) the short name of a county-level unit too. Stoplisted
    short forms (ordinary words) never count. A leading organisation's name (南京大学海安高技术研究院)
    is skipped: the rest of the name places the actor."""
    gaz = load_gazetteer()
    body = name.strip('《》“”"').removeprefix("中共")
    for end in range(len(body) - 2, 2, -1):
        # 南京大学海安高技术研究院: the parent organisation's name says nothing of where this one is
        if gaz.org(body[:end]) is not None:
            inner = path_from_name(body[end:], short_forms, county_level=True)
            return inner or path_from_name(body[:end], short_forms=False)
    for end in range(min(len(body), 12), 1, -1):
        head = body[:end]
        place = gaz.place(head)
        if place is not None and head == place.name:  # a full name (南通市, 江苏省, 如东县)
            rest = body[end:]
            # 杭州市余杭区科技局: a district of that city right after it
            for cut in range(min(len(rest), 8), 1, -1):
                within = [p for p in gaz.places_named(rest[:cut]) if p.parent == place.name and p.name == rest[:cut]]
                if len(within) == 1:
                    return _chain(within[0], gaz)
            return _chain(place, gaz)
    if not short_forms:
        return ()
    for end in range(min(len(body) - 1, 4), 1, -1):
        head = body[:end]
        if head in gaz.stoplist:
            continue
        found = [p for p in gaz.places_named(head) if p.short == head]
        if len(found) != 1:
            continue
        place = found[0]
        if place.type == "Province" or (place.type == "City" and _is_prefecture(place, gaz)) or county_level:
            return _chain(place, gaz)
    return ()


def _is_prefecture(place: Place, gaz: Gazetteer) -> bool:
    parent = gaz.place(place.parent) if place.parent else None
    return parent is None or parent.type == "Province"


def _university_path(name: str) -> tuple[str, ...]:
    org = load_gazetteer().org(name)
    if org is None or org.type != "University" or not org.city:
        return ()
    return path_of_place(org.city, org.province)


def locate(extraction: Extraction) -> Extraction:
    """A copy of ``extraction`` whose actors carry their place chain and its source."""
    meta = extraction.document
    hint = meta.province
    year = meta.report_year or (meta.date.year if meta.date else None)
    by_id: dict[str, Entity] = {}
    entities: list[Entity] = []
    for original in extraction.entities:
        e = original.model_copy()
        path: tuple[str, ...] = ()
        source: str | None = None
        if e.type in PLACE_TYPES:
            path, source = path_of_place(e.name, e.region or hint, year), "gazetteer"
        elif e.type == "University":
            path, source = _university_path(e.name), "gazetteer"
        if not path and e.type not in PLACE_TYPES:
            short = e.type != "GovernmentAgency"
            path, source = path_from_name(e.name, short, county_level=e.type == "Platform"), "name"
        e.region_path = list(path)
        e.region_source = source if path else None  # type: ignore[assignment]
        by_id[e.id] = e
        entities.append(e)
    # LOCATED_IN stated by the text: the actor is where its container is (two passes: an institute
    # in a park in a city)
    for _ in range(2):
        for rel in extraction.relations:
            if rel.type != "LOCATED_IN" or rel.source != "text":
                continue
            head, tail = by_id.get(rel.head), by_id.get(rel.tail)
            if head is None or tail is None or not tail.region_path or head.type in PLACE_TYPES:
                continue
            if head.region_source in (None, "name") or len(tail.region_path) > len(head.region_path):
                if head.region_source != "gazetteer":
                    head.region_path = list(tail.region_path)
                    head.region_source = "text"
    for e in entities:
        if e.region is None and e.region_path:
            inner = e.region_path[-2] if e.type in PLACE_TYPES and len(e.region_path) > 1 else e.region_path[-1]
            if e.type not in PLACE_TYPES or inner != e.name:
                e.region = inner
    document = meta
    if meta.region and not meta.region_path:
        document = meta.model_copy(update={"region_path": list(path_of_place(meta.region, meta.province, year))})
    return extraction.model_copy(update={"entities": entities, "document": document})
