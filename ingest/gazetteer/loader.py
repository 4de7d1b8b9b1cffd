"""Runtime access to the gazetteer data files in ``data/`` (no third-party data packages).

``load_gazetteer()`` is cached per process; loading reads a few small TSV files.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

PlaceType = Literal["Province", "City", "District"]
AgencyLevel = Literal["province", "city", "district"]

# County-level units write their bureaus' abbreviations with their own suffix.
_DISTRICT_PREFIXES = ("区", "县", "旗", "市")
# Autonomous regions (新疆维吾尔自治区 ...) write their bodies' abbreviations with this prefix.
_REGION_PREFIX = "自治区"


class GazetteerError(RuntimeError):
    """The gazetteer data files are missing or malformed."""


class Place(BaseModel):
    name: str
    type: PlaceType
    short: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = None
    province: str | None = None
    adcode: str


class Org(BaseModel):
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    province: str | None = None  # for province-relative aliases (省产研院) and location
    city: str | None = None
    level: str | None = None
    country: str | None = None
    source: str | None = None


class AgencyTemplate(BaseModel):
    level: AgencyLevel
    full: str  # contains "{place}"
    abbreviations: list[str]
    type: str = "GovernmentAgency"

    def expand(self, place: str) -> str:
        return self.full.replace("{place}", place)


class RenameRecord(BaseModel):
    old_name: str
    new_name: str
    year: int | None = None
    type: str
    parent: str | None = None
    source: str


def _read(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file {path.name}: {exc}") from exc
    lines = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
    if not lines:
        raise GazetteerError(f"{path.name} is empty")
    header = lines[0].split("\t")
    rows: list[dict[str, str]] = []
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            raise GazetteerError(f"{path.name}: bad row {line!r}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def _none(value: str) -> str | None:
    return value or None


class Gazetteer:
    """Places, organisations, agencies and renames for Chinese S&T documents."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self.stoplist: frozenset[str] = frozenset(self._read_stoplist(data_dir / "place_stoplist.txt"))
        self.places: list[Place] = [
            Place(
                name=r["name"],
                type=r["type"],  # type: ignore[arg-type]
                short=_none(r["short"]),
                aliases=_split(r["aliases"]),
                parent=_none(r["parent"]),
                province=_none(r["province"]),
                adcode=r["adcode"],
            )
            for r in _read(data_dir / "places.tsv")
        ]
        self.renames: list[RenameRecord] = [
            RenameRecord(
                old_name=r["old_name"],
                new_name=r["new_name"],
                year=int(r["year"]) if r["year"] else None,
                type=r["type"],
                parent=_none(r["parent"]),
                source=r["source"],
            )
            for r in _read(data_dir / "renames.tsv")
        ]
        self.universities: list[Org] = [
            Org(
                name=r["name"],
                type="University",
                aliases=_split(r["aliases"]),
                country=_none(r["country"]),
                province=_none(r["province"]),
                city=_none(r["city"]),
                level=_none(r["level"]),
                source=r["source"],
            )
            for r in _read(data_dir / "universities.tsv")
        ]
        self.institutes: list[Org] = [
            Org(
                name=r["name"],
                type=r["type"],
                aliases=_split(r["aliases"]),
                level=_none(r["level"]),
                province=_none(r["province"]),
                source=r["source"],
            )
            for r in _read(data_dir / "institutes.tsv")
        ]
        self.agencies: list[Org] = [
            Org(
                name=r["name"],
                type="GovernmentAgency",
                aliases=_split(r["aliases"]),
                level=_none(r["level"]),
                source=r["source"],
            )
            for r in _read(data_dir / "agencies.tsv")
        ]
        self.agency_templates: list[AgencyTemplate] = [
            AgencyTemplate(
                level=r["level"],  # type: ignore[arg-type]
                full=r["full"],
                abbreviations=_split(r["abbreviations"]),
                type=r["type"] or "GovernmentAgency",
            )
            for r in _read(data_dir / "agency_templates.tsv")
        ]
        self.zones: list[Org] = [
            Org(name=r["name"], type="Platform", city=_none(r["city"]), province=_none(r["province"]))
            for r in _read(data_dir / "zones.tsv")
        ]
        # national zones from official lists (new areas, demonstration zones ...) with their short forms
        self.zones += [
            Org(
                name=r["name"],
                type="Platform",
                aliases=_split(r["aliases"]),
                level=r["kind"],
                city=_none(r["city"]),
                province=_none(r["province"]),
                source=r["source"],
            )
            for r in _read(data_dir / "national_zones.tsv")
        ]
        # the central government's S&T programmes (国家重点研发计划, 火炬计划 ...) with their short forms
        self.programmes: list[Org] = [
            Org(name=r["name"], type="Programme", aliases=_split(r["aliases"]), level="national", source=r["source"])
            for r in _read(data_dir / "programmes.tsv")
        ]
        # a jurisdiction whose body bears another name than the template's (北京市科学技术委员会)
        self.agency_names: dict[str, str] = {r["generic"]: r["official"] for r in _read(data_dir / "agency_names.tsv")}
        self._index()

    # ------------------------------------------------------------------ indexes

    @staticmethod
    def _read_stoplist(path: Path) -> list[str]:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise GazetteerError(f"cannot read {path.name}: {exc}") from exc
        out = []
        for line in text.split("\n"):
            entry = line.split("#", 1)[0].strip()
            if entry:
                out.append(entry)
        return out

    def _index(self) -> None:
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._by_surface: dict[str, list[Place]] = defaultdict(list)
        for p in self.places:
            self._by_name[p.name].append(p)
            for surface in (p.name, p.short, *p.aliases):
                if surface and surface not in self.stoplist:
                    bucket = self._by_surface[surface]
                    if p not in bucket:
                        bucket.append(p)
        # municipalities directly under the central government: a City that is its own province
        self._municipalities: frozenset[str] = frozenset(
            p.name for p in self.places if p.type == "City" and p.parent is None and p.province == p.name
        )
        self._renames: dict[str, list[RenameRecord]] = defaultdict(list)
        for r in self.renames:
            self._renames[r.old_name].append(r)
        self._templates_by_abbr: dict[str, list[AgencyTemplate]] = defaultdict(list)
        for t in self.agency_templates:
            for a in t.abbreviations:
                self._templates_by_abbr[a].append(t)
        self._national_agency: dict[str, str] = {}
        for org in self.agencies:
            self._national_agency[org.name] = org.name
            for a in org.aliases:
                self._national_agency.setdefault(a, org.name)
        self._orgs_by_name: dict[str, Org] = {}
        for org in (*self.agencies, *self.institutes, *self.universities):
            self._orgs_by_name.setdefault(org.name, org)

    # ------------------------------------------------------------------ places

    def places_named(self, surface: str) -> list[Place]:
        """Every place a surface form may name (full name, short form, alias, old name).

        Stoplisted forms (ordinary words such as 合作, 新兴) give no place. An old name
        that was renamed resolves to today's place. Several candidates mean ambiguity
        (通州区 in Beijing and in Nantong): the caller decides from the document.
        """
        found = list(self._by_surface.get(surface, []))
        if surface in self.stoplist:
            return found
        for rec in self._renames.get(surface, []):
            if rec.type not in ("Province", "City", "District"):
                continue
            for p in self._by_name.get(rec.new_name, []):
                if (rec.parent is None or p.parent == rec.parent or p.name == rec.parent) and p not in found:
                    found.append(p)
        return found

    def place(self, name: str, adcode: str | None = None) -> Place | None:
        """The place with this full name (or adcode); None when absent or ambiguous."""
        if adcode is not None:
            for p in self._by_name.get(name, []) if name else self.places:
                if p.adcode == adcode:
                    return p
            return None
        candidates = self._by_name.get(name, [])
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            named = self.places_named(name)
            return named[0] if len(named) == 1 else None
        return None

    def _unique(self, place_name: str) -> Place | None:
        p = self.place(place_name)
        if p is not None:
            return p
        cands = self.places_named(place_name)
        return cands[0] if len(cands) == 1 else None

    def province_of(self, place_name: str) -> str | None:
        """Province (or municipality) of a place; None when unknown or ambiguous."""
        cands = self._by_name.get(place_name) or self.places_named(place_name)
        provinces = {p.province for p in cands if p.province}
        return provinces.pop() if len(provinces) == 1 else None

    def city_of(self, place_name: str) -> str | None:
        """Prefecture-level city of a district / county-level unit (a city is its own)."""
        cands = self._by_name.get(place_name) or self.places_named(place_name)
        cities: set[str] = set()
        for p in cands:
            if p.type == "Province":
                continue
            parent = self._unique(p.parent) if p.parent else None
            if parent is None or parent.type == "Province":
                cities.add(p.name)  # prefecture city, municipality, or province-directed unit
            else:
                cities.add(parent.name)
        return cities.pop() if len(cities) == 1 else None

    # ------------------------------------------------------------------ renames

    def rename(self, name: str) -> tuple[str, int | None] | None:
        """Old name -> (current name, year) for places and institutions; follows chains."""
        seen = {name}
        current, year = name, None
        while True:
            recs = self._renames.get(current)
            if not recs:
                break
            targets = {r.new_name for r in recs}
            if len(targets) != 1:
                break  # the same old name went to several places: ambiguous
            rec = max(recs, key=lambda r: (r.year is not None, r.source == "curated"))
            if rec.new_name in seen:
                break
            seen.add(rec.new_name)
            current = rec.new_name
            year = rec.year if rec.year is not None else year
        if current == name:
            return None
        return current, year

    # ------------------------------------------------------------------ agencies

    def expand_agency(
        self,
        abbreviation: str,
        province: str | None = None,
        city: str | None = None,
        district: str | None = None,
    ) -> str | None:
        """Full name of a relative agency name in a document's jurisdiction.

        ``市科技局`` with ``city="南通市"`` gives ``南通市科学技术局``; ``省科技厅`` with
        ``province="江苏省"`` gives ``江苏省科学技术厅``; ``县科技局`` with
        ``district="如东县"`` gives ``如东县科学技术局``. Without a prefix (``科技局``)
        the most local jurisdiction given that has such a body is used. In a document of
        a county-level city (``district="如皋市"``) ``市科技局`` means that city's bureau.
        """
        abbr = abbreviation.strip()
        if not abbr:
            return None
        national = self._national_agency.get(abbr)
        if national is not None:
            return national
        if abbr.startswith(_REGION_PREFIX) and len(abbr) > len(_REGION_PREFIX):
            # 自治区科技厅: the autonomous region's body, written like a province's
            abbr = "省" + abbr[len(_REGION_PREFIX) :]
        head = abbr[0]
        candidates: list[tuple[AgencyLevel, str]] = []  # (level, place) in preference order
        if head == "省":
            candidates = [("province", province)] if province else []
        elif head == "市":
            if district and district.endswith("市"):
                candidates.append(("district", district))
            if city:
                candidates.append(("city", city))
        elif head in _DISTRICT_PREFIXES:
            if district and district.endswith(head) or district and head == "区":
                candidates.append(("district", district))
            if head == "区" and province and province.endswith(_REGION_PREFIX):
                # in an autonomous region's documents 区科技厅 is the region's 科学技术厅
                candidates.append(("province", province))
        else:
            if district:
                candidates.append(("district", district))
            if city:
                candidates.append(("city", city))
            if province:
                candidates.append(("province", province))
        for level, place in candidates:
            if level == "province" and place in self._municipalities:
                # 北京市, 上海市, 天津市, 重庆市: one body at once provincial and municipal
                # (省科技厅 in a Tianjin text is 天津市科学技术局, not a 厅)
                full = self._municipal_body(abbr, place)
                if full is not None:
                    return full
                continue
            for key in self._abbreviation_keys(abbr, level):
                for tpl in self._templates_by_abbr.get(key, []):
                    if tpl.level == level:
                        full = tpl.expand(place)
                        return self.agency_names.get(full, full)
        return None

    def _municipal_body(self, abbr: str, municipality: str) -> str | None:
        """A provincial-level abbreviation in a municipality's text: the city body of that name."""
        city_fulls = {t.full for t in self.agency_templates if t.level == "city"}
        for key in (*self._abbreviation_keys(abbr, "city"), *self._abbreviation_keys(abbr, "province")):
            for tpl in self._templates_by_abbr.get(key, []):
                full = tpl.full
                if tpl.level == "province" and full.endswith("厅"):
                    full = full[:-1] + "局"  # a province's 厅 is a municipality's 局
                if full in city_fulls:
                    name = full.replace("{place}", municipality)
                    return self.agency_names.get(name, name)
        return None

    @staticmethod
    def _abbreviation_keys(abbr: str, level: AgencyLevel) -> list[str]:
        keys = [abbr]
        if level == "district" and abbr[0] in _DISTRICT_PREFIXES and abbr[0] != "区":
            keys.append("区" + abbr[1:])
        if level == "district" and abbr[0] not in _DISTRICT_PREFIXES:
            keys.append("区" + abbr)
        if level == "city" and abbr[0] != "市":
            keys.append("市" + abbr)
        if level == "province" and abbr[0] == "区":
            keys.append("省" + abbr[1:])
        elif level == "province" and abbr[0] != "省":
            keys.append("省" + abbr)
        return keys

    def relative_abbreviations(self) -> frozenset[str]:
        """Every jurisdiction-relative agency abbreviation (市科技局, 省科技厅, 县发改委 ...)."""
        out: set[str] = set()
        for t in self.agency_templates:
            for a in t.abbreviations:
                out.add(a)
                if t.level == "district" and a.startswith("区"):
                    out.update(p + a[1:] for p in _DISTRICT_PREFIXES)
        return frozenset(out)

    # ------------------------------------------------------------------ surface forms

    def all_surface_forms(self, province: str | None = None) -> dict[str, list[tuple[str, str]]]:
        """Surface -> [(canonical name, entity type)] for a phrase matcher.

        Places map to their own type (Province / City / District; provinces are not
        entities in the graph, callers may drop them). Stoplisted forms are left out.
        Aliases that are valid only inside one province (省产研院) are included only when
        ``province`` is that province. Relative agency abbreviations (市科技局) are not
        included: see :meth:`relative_abbreviations` and :meth:`expand_agency`. Former
        names of institutions (淮海工学院) map to themselves; :meth:`rename` gives the
        current name. Development zones from the division tree map to ``Platform``.
        """
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)

        def put(surface: str, name: str, kind: str) -> None:
            if not surface or surface in self.stoplist and kind in ("Province", "City", "District"):
                return
            entry = (name, kind)
            if entry not in out[surface]:
                out[surface].append(entry)

        for p in self.places:
            for s in (p.name, p.short, *p.aliases):
                if s:
                    put(s, p.name, p.type)
        for org in (*self.universities, *self.institutes, *self.agencies):
            put(org.name, org.name, org.type)
            if org.province and org.level == "provincial" and org.province != province:
                continue
            for a in org.aliases:
                put(a, org.name, org.type)
        for rec in self.renames:
            # a former institution name is recognised as itself; rename() maps it
            if rec.type in ("University", "ResearchInstitute", "GovernmentAgency", "Enterprise"):
                if rec.old_name not in out:
                    put(rec.old_name, rec.old_name, rec.type)
        for z in self.zones:
            put(z.name, z.name, "Platform")
        return dict(out)

    def org(self, name: str) -> Org | None:
        """University, institute or national agency by canonical name."""
        return self._orgs_by_name.get(name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (cached)."""
    gz = Gazetteer()
    logger.debug("gazetteer loaded: %d places", len(gz.places))
    return gz
