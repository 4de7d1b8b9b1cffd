"""Actor vocabulary of the synthetic corpus: real places, invented organisations.

Every invented actor is a pure function of (kind, city, index): an affine permutation maps the
index into the space of name-part combinations, so names are unique inside a kind, identical on
every run, and the number of distinct actors a corpus can use grows with the pool sizes (which
scale with the number of documents).
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "ingest.synth.data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """Load one JSON data file shipped in ``ingest/synth/data/``."""
    text = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class Actor:
    """One invented or real actor and the surface forms the generator may write for it."""

    type: str  # an EntityType of ingest.models
    full: str  # the fullest form
    short: str | None = None  # a shorter form (short company name, 市科技局, 南通高新区, 南通)
    subtype: str | None = None
    always_full_canonical: bool = False  # gold canonical name is ``full`` even if only short occurs
    key: str = field(init=False, compare=False)  # identity across the corpus: type|full

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.type}|{self.full}")


@dataclass(frozen=True, slots=True)
class City:
    index: int
    name: str  # 南通
    code: str  # nantong (file names)
    province: str  # 江苏
    docno: str  # 通政办发
    districts: tuple[str, ...]
    universities: tuple[str, ...]

    @property
    def full(self) -> str:
        return f"{self.name}市"


def _coprime_multiplier(modulus: int, start: int) -> int:
    a = start
    while math.gcd(a, modulus) != 1:
        a += 1
    return a


@dataclass(slots=True)
class _Space:
    """An index -> combination permutation of a name space of ``size`` combinations."""

    size: int
    mult: int
    offset: int

    @classmethod
    def make(cls, size: int, salt: int) -> _Space:
        size = max(size, 1)
        mult = _coprime_multiplier(size, 7_919 + 104_729 * (salt % 97))
        return cls(size, mult, (salt * 2_654_435_761) % size)

    def __call__(self, g: int) -> int:
        return (g * self.mult + self.offset) % self.size


# Pool sizes: (actors per document in the whole corpus, minimum per city).
POOL_RATES: dict[str, tuple[float, int]] = {
    "ent": (8.5, 40),
    "inst": (1.3, 10),
    "incub": (1.0, 8),
    "lab": (0.8, 8),
    "prog": (0.15, 6),
    "pol": (0.3, 10),
    "ally": (0.15, 6),
}


@dataclass(slots=True)
class World:
    """All actors a corpus can draw from, with per-city pools scaled to the corpus size."""

    n_docs: int
    seed: int = 0
    years: tuple[int, int] = (2015, 2020)
    names: dict[str, Any] = field(init=False)
    cities: list[City] = field(init=False)
    national_unis: tuple[str, ...] = field(init=False)
    brands: list[str] = field(init=False)
    pools: dict[str, int] = field(init=False)
    spaces: dict[str, _Space] = field(init=False)
    _cache: dict[tuple[str, int, int], Actor] = field(init=False)
    _fixed: dict[tuple[str, ...], Any] = field(init=False)

    def __post_init__(self) -> None:
        places = load_data("places.json")
        self.names = load_data("names.json")
        self.cities = [
            City(
                i,
                c["name"],
                c["code"],
                c["province"],
                c["docno"],
                tuple(c["districts"]),
                tuple(c["universities"]),
            )
            for i, c in enumerate(places["cities"])
        ]
        self.national_unis = tuple(places["national_universities"])
        blocked = set(self.names["brand_blocklist"])
        self.brands = [
            a + b
            for a in self.names["brand_first"]
            for b in self.names["brand_second"]
            if a != b and a + b not in blocked
        ]
        nb = len(self.brands)
        n = self.names
        sizes = {
            "ent": nb * len(n["industries"]),
            "inst": nb * len(n["institute_fields"]) * len(n["institute_suffixes"]),
            "incub": nb * len(n["incubator_kinds"]),
            "lab": len(n["lab_modifiers"]) * len(n["lab_subjects"]) * len(n["lab_kinds"]) * 2,
            "prog": len(n["programme_words"]) * len(n["programme_kinds"]),
            "pol": len(n["policy_topics"]) * len(n["policy_forms"]) * len(self.cities),
            "ally": len(n["industries"]) * len(self.cities),
        }
        self.spaces = {k: _Space.make(v, self.seed * 31 + i) for i, (k, v) in enumerate(sizes.items())}
        n_cities = len(self.cities)
        self.pools = {}
        for kind, (rate, minimum) in POOL_RATES.items():
            cap = max(1, sizes[kind] // n_cities)
            self.pools[kind] = min(cap, max(minimum, math.ceil(self.n_docs * rate / n_cities)))
        self._cache = {}
        self._fixed = {}

    # ------------------------------------------------------------------ drawing
    def draw_index(self, kind: str, year: int, rng: random.Random) -> int:
        """Index into a city pool: later years see more actors, early (hub) actors recur more."""
        pool = self.pools[kind]
        y0, y1 = self.years
        frac = (min(max(year, y0), y1) - y0 + 1) / (y1 - y0 + 1)
        avail = max(min(pool, 4), int(pool * frac))
        return int(avail * rng.random() ** 1.5)

    def actor(self, kind: str, city: City, index: int) -> Actor:
        key = (kind, city.index, index)
        found = self._cache.get(key)
        if found is None:
            found = self._make(kind, city, index)
            self._cache[key] = found
        return found

    def _make(self, kind: str, city: City, index: int) -> Actor:
        n = self.names
        g = index * len(self.cities) + city.index
        p = self.spaces[kind](g) if kind in self.spaces else g
        nb = len(self.brands)
        if kind == "ent":
            brand = self.brands[p % nb]
            ind_full, ind_short = n["industries"][(p // nb) % len(n["industries"])]
            forms = n["enterprise_forms"]
            form = forms[(p * 13 + 5) % len(forms)]
            prefix = city.province if (p * 7) % 5 < 2 else ""
            return Actor("Enterprise", f"{prefix}{brand}{ind_full}{form}", f"{brand}{ind_short}")
        if kind == "inst":
            brand = self.brands[p % nb]
            rest = p // nb
            fields = n["institute_fields"]
            suffixes = n["institute_suffixes"]
            return Actor(
                "ResearchInstitute",
                f"{brand}{fields[rest % len(fields)]}{suffixes[(rest // len(fields)) % len(suffixes)]}",
            )
        if kind == "incub":
            brand = self.brands[p % nb]
            word, sub = n["incubator_kinds"][(p // nb) % len(n["incubator_kinds"])]
            return Actor("Platform", f"{brand}{word}", subtype=sub)
        if kind == "lab":
            mods, subs, kinds = n["lab_modifiers"], n["lab_subjects"], n["lab_kinds"]
            m = mods[p % len(mods)]
            rest = p // len(mods)
            s = subs[rest % len(subs)]
            rest //= len(subs)
            word, sub = kinds[rest % len(kinds)]
            scope = f"{city.province}省" if (rest // len(kinds)) % 2 else f"{city.name}市"
            return Actor("Platform", f"{scope}{m}{s}{word}", subtype=sub)
        if kind == "prog":
            words, kinds = n["programme_words"], n["programme_kinds"]
            pattern, sub = kinds[(p // len(words)) % len(kinds)]
            return Actor("Programme", pattern.format(w=words[p % len(words)]), subtype=sub)
        if kind in ("pol", "polprov"):
            topics, forms = n["policy_topics"], n["policy_forms"]
            local = index % (len(topics) * len(forms))
            q = (local * 17 + city.index * 5) % (len(topics) * len(forms))
            a = self.years[0] + (q % 5)
            form = forms[q // len(topics)]
            if kind == "polprov":
                form = form.replace("{city}市", f"{city.province}省")
            title = form.format(city=city.name, topic=topics[q % len(topics)], a=a, b=a + 2)
            return Actor("Policy", f"《{title}》", title)
        if kind == "ally":
            inds, forms = n["industries"], n["alliance_forms"]
            local = (index * 7 + city.index) % len(inds)
            form = forms[(index // len(inds) + city.index) % len(forms)]
            name = form.format(city=city.name, industry=inds[local][0])
            return Actor("Platform", name, subtype="alliance")
        raise ValueError(f"unknown actor kind: {kind}")

    # ------------------------------------------------------------------ fixed actors
    def _memo(self, key: tuple[str, ...], make: Any) -> Any:
        found = self._fixed.get(key)
        if found is None:
            found = self._fixed[key] = make()
        return found

    def city_actor(self, city: City) -> Actor:
        return self._memo(("city", city.name), lambda: Actor("City", city.full, city.name))  # type: ignore[no-any-return]

    def district_actor(self, name: str) -> Actor:
        return self._memo(("district", name), lambda: Actor("District", name))  # type: ignore[no-any-return]

    def university(self, name: str) -> Actor:
        return self._memo(("uni", name), lambda: Actor("University", name))  # type: ignore[no-any-return]

    def zones(self, city: City) -> list[Actor]:
        def make() -> list[Actor]:
            return [
                Actor("Platform", full.format(city=city.name), short.format(city=city.name), subtype=sub)
                for full, short, sub in self.names["zone_forms"]
            ]

        return self._memo(("zones", city.name), make)  # type: ignore[no-any-return]

    def city_agencies(self, city: City, year: int) -> dict[str, Actor]:
        """The city's agencies existing in ``year`` (bodies renamed in 2019 change with it)."""

        def make() -> dict[str, Actor]:
            out: dict[str, Actor] = {}
            for row in self.names["city_agencies"]:
                code, short, full = row[0], row[1], row[2]
                if len(row) > 5 and not row[4] <= year <= row[5]:
                    continue
                out[code] = Actor("GovernmentAgency", full.format(city=city.name), short, always_full_canonical=True)
            return out

        return self._memo(("agencies", city.name, str(year)), make)  # type: ignore[no-any-return]

    def agency_alt_form(self, city: City) -> str:
        """The portal's half-short form of the science bureau (南通市科技局)."""
        for row in self.names["city_agencies"]:
            if row[0] == "kj" and row[3]:
                return str(row[3]).format(city=city.name)
        return f"{city.name}市科技局"

    def province_agencies(self, city: City) -> dict[str, Actor]:
        def make() -> dict[str, Actor]:
            return {
                code: Actor("GovernmentAgency", full.format(province=city.province), short, always_full_canonical=True)
                for code, short, full in self.names["province_agencies"]
            }

        return self._memo(("province_agencies", city.province), make)  # type: ignore[no-any-return]

    def national_agencies(self) -> list[Actor]:
        def make() -> list[Actor]:
            return [
                Actor("GovernmentAgency", full, short, always_full_canonical=True)
                for _code, short, full in self.names["national_agencies"]
            ]

        return self._memo(("national_agencies",), make)  # type: ignore[no-any-return]
