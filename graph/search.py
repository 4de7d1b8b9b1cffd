"""An in-process index of actor names and aliases: the results of ``api_actor_search`` without its scan.

The store's linear scan (``cypher/api/api_actor_search.cypher``) tests ``key CONTAINS q`` on every actor;
at 100k actors that is a quarter of a second per search. This index answers the same question from
memory and gives the same results in the same order:

* what matches: ``q`` is a substring of the actor's search key (``name|alias|…`` lower-cased by the store),
  or, for an actor loaded before that key existed (no ``search`` property), of its lower-cased name or, when
  ``q`` has no cased letter, of one of its aliases as stored. Candidates come from a posting list — of the
  query's one character, or of the rarest of its character pairs — and each is then checked with ``in``
  on the same key, so the index never matches what the scan would not, nor misses what it would;
* the order: exact name, exact alias, name prefix, any other match (issue 19), then name, then id: the
  store's ``ORDER BY rank, a.name, a.id``. Names are compared as the store lower-cases them (the index
  reads ``toLower`` of each name and alias from the store: its case mapping is not Python's);
* filters: type, region (the region path holds it) and year (a document of that year mentions the actor).

The index is built from one read of every actor (``api_actor_search_index``) and is valid for one
*version* of the graph: the number of actors, of MENTIONS relationships and of documents and the latest
ingest time, four counts the store keeps (``api_actor_search_version``, about a millisecond). Every search
reads the version first; an index of another version is never used. Building takes seconds at 100k actors
(most of it decoding the rows in the database client), so it runs in a background thread and a search
made meanwhile returns ``None``: the caller runs the scan. The years of each actor, needed only by a year
filter, are read the same way on the first search that filters by year.
"""

from __future__ import annotations

import logging
import threading
import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.store import GraphStore

log = logging.getLogger(__name__)

Version = tuple[Any, ...]

# False: every search runs the store's scan (the benchmark's baseline, bench/bench_api.py --search-index off).
ENABLED = True

# Candidates beyond this many from the rarest pair are intersected with the second rarest pair's first.
INTERSECT_ABOVE = 256

# The ranked answers an index keeps (each at most one int per actor: 100k actors, 0.8 MB).
RANKED_CACHE = 32

# A rebuild waits at least this multiple of the last build's duration after it (a graph being ingested
# changes at every document: the API process must not spend all its time rebuilding).
REBUILD_PAUSE_FACTOR = 2.0


@dataclass(frozen=True)
class SearchHits:
    """One page of a search: the number of actors found and the ids of the page, in rank order."""

    total: int
    ids: list[str]


def _posting(index: dict[str, list[int]], gram: str, ordinal: int) -> None:
    bucket = index.get(gram)
    if bucket is None:
        index[gram] = [ordinal]
    elif bucket[-1] != ordinal:  # each actor once per gram (its strings are indexed in turn)
        bucket.append(ordinal)


@dataclass
class ActorSearchIndex:
    """Actors in ``ORDER BY name, id`` order; every structure refers to an actor by its position there."""

    version: Version
    ids: list[str]
    keys: list[str]  # what the scan tests with CONTAINS
    raw_aliases: list[tuple[str, ...] | None]  # aliases as stored, for actors without a search key only
    types: list[str | None]
    regions: list[frozenset[str]]
    names: list[str]  # sorted (the order itself)
    lnames: list[tuple[str, int]]  # (lower-cased name, position), sorted: prefix ranges under case folding
    by_name: dict[str, list[int]]
    by_lname: dict[str, list[int]]
    by_alias: dict[str, list[int]]
    by_lalias: dict[str, list[int]]
    chars: dict[str, list[int]]
    pairs: dict[str, list[int]]
    years: list[frozenset[int]] | None = None
    built_s: float = 0.0
    position: dict[str, int] = field(default_factory=dict)
    _ranked: dict[tuple[str, bool], list[int]] = field(default_factory=dict)
    _ranked_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_rows(cls, version: Version, rows: Iterable[dict[str, Any]]) -> ActorSearchIndex:
        t0 = time.perf_counter()
        ordered = sorted(rows, key=lambda r: (r["name"] or "", r["id"]))
        ids: list[str] = []
        keys: list[str] = []
        raw_aliases: list[tuple[str, ...] | None] = []
        types: list[str | None] = []
        regions: list[frozenset[str]] = []
        names: list[str] = []
        lnames: list[tuple[str, int]] = []
        by_name: dict[str, list[int]] = {}
        by_lname: dict[str, list[int]] = {}
        by_alias: dict[str, list[int]] = {}
        by_lalias: dict[str, list[int]] = {}
        chars: dict[str, list[int]] = {}
        pairs: dict[str, list[int]] = {}
        for i, r in enumerate(ordered):
            name: str = r["name"] or ""
            lname: str = r["lname"] or ""
            aliases: list[str] = list(r["aliases"] or [])
            laliases: list[str] = list(r["laliases"] or [])
            key: str = r["key"] or ""
            ids.append(r["id"])
            keys.append(key)
            types.append(r["type"])
            regions.append(frozenset(x for x in r["region_path"] or [] if isinstance(x, str)))
            names.append(name)
            lnames.append((lname, i))
            by_name.setdefault(name, []).append(i)
            by_lname.setdefault(lname, []).append(i)
            for s in dict.fromkeys(aliases):
                by_alias.setdefault(s, []).append(i)
            for s in dict.fromkeys(laliases):
                by_lalias.setdefault(s, []).append(i)
            searched = [key]
            if r["keyed"]:
                raw_aliases.append(None)
            else:
                raw_aliases.append(tuple(aliases))
                searched += aliases
            for text in searched:
                for c in text:
                    _posting(chars, c, i)
                for j in range(len(text) - 1):
                    _posting(pairs, text[j : j + 2], i)
        lnames.sort()
        index = cls(
            version=version,
            ids=ids,
            keys=keys,
            raw_aliases=raw_aliases,
            types=types,
            regions=regions,
            names=names,
            lnames=lnames,
            by_name=by_name,
            by_lname=by_lname,
            by_alias=by_alias,
            by_lalias=by_lalias,
            chars=chars,
            pairs=pairs,
        )
        index.position = {a: i for i, a in enumerate(ids)}
        index.built_s = time.perf_counter() - t0
        return index

    def set_years(self, rows: Iterable[dict[str, Any]]) -> None:
        years: list[set[int]] = [set() for _ in self.ids]
        for r in rows:
            i = self.position.get(r["id"])
            if i is not None:
                years[i].update(y for y in r["years"] or [] if isinstance(y, int))
        self.years = [frozenset(y) for y in years]

    # -- matching ---------------------------------------------------------------------------------------
    def _candidates(self, q: str) -> Iterable[int]:
        if len(q) == 1:
            return self.chars.get(q, [])
        postings: list[list[int]] = []
        for j in range(len(q) - 1):
            posting = self.pairs.get(q[j : j + 2])
            if posting is None:
                return []
            postings.append(posting)
        postings.sort(key=len)
        if len(postings) > 1 and len(postings[0]) > INTERSECT_ABOVE:  # the two rarest pairs together
            return set(postings[0]).intersection(postings[1])
        return postings[0]

    def _matches(self, q: str, fold: bool) -> list[int]:
        keys, raw = self.keys, self.raw_aliases
        found = []
        for i in self._candidates(q):
            if q in keys[i]:
                found.append(i)
            elif not fold and (aliases := raw[i]) is not None and any(q in s for s in aliases):
                found.append(i)
        return found

    def _prefixed(self, q: str, fold: bool) -> set[int]:
        if fold:
            start = bisect_left(self.lnames, (q, -1))
            out = set()
            for lname, i in self.lnames[start:]:
                if not lname.startswith(q):
                    break
                out.add(i)
            return out
        start = bisect_left(self.names, q)
        out = set()
        for i in range(start, len(self.names)):
            if not self.names[i].startswith(q):
                break
            out.add(i)
        return out

    def search(
        self,
        q: str | None,
        *,
        fold: bool = False,
        types: Sequence[str] | None = None,
        region: str | None = None,
        year: int | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> SearchHits:
        """What ``api_actor_search_count`` and ``api_actor_search`` answer for the same parameters."""
        if year is not None and self.years is None:
            raise ValueError("the years of this index are not read yet: current_index(store, years=True)")
        wanted = set(types) if types else None
        ranked = self.ranked(q, fold) if q is not None else None
        if ranked is None and wanted is None and region is None and year is None:  # every actor, in order
            return SearchHits(total=len(self.ids), ids=self.ids[offset : offset + limit])
        order: Sequence[int] = ranked if ranked is not None else range(len(self.ids))
        if wanted is not None or region is not None or year is not None:
            ty, rg, yr = self.types, self.regions, self.years
            order = [
                i
                for i in order
                if (wanted is None or ty[i] in wanted)
                and (region is None or region in rg[i])
                and (year is None or (yr is not None and year in yr[i]))
            ]
        return SearchHits(total=len(order), ids=[self.ids[i] for i in order[offset : offset + limit]])

    def ranked(self, q: str, fold: bool) -> list[int]:
        """Every actor matching ``q``, in the scan's order (rank, name, id); the latest answers are kept
        (a broad query — a character most names hold — costs tens of milliseconds; its repeat nothing)."""
        cached = self._ranked.get((q, fold))
        if cached is not None:
            return cached
        rest = set(self._matches(q, fold))
        exact = (self.by_lname if fold else self.by_name).get(q, [])
        alias = (self.by_lalias if fold else self.by_alias).get(q, [])
        order: list[int] = []
        for group in (exact, alias):
            tier = sorted(rest.intersection(group))
            rest.difference_update(tier)
            order += tier
        prefix = rest.intersection(self._prefixed(q, fold))
        rest.difference_update(prefix)
        order += sorted(prefix)
        order += sorted(rest)
        with self._ranked_lock:
            self._ranked[(q, fold)] = order
            while len(self._ranked) > RANKED_CACHE:
                self._ranked.pop(next(iter(self._ranked)))
        return order


# -- the index of each graph, kept per process ------------------------------------------------------------
def search_version(store: GraphStore) -> Version:
    """The token the index is valid for: counts the store answers without a scan (see the module doc)."""
    actors = store.read("api_actor_count", timeout_ms=0).scalar()
    mentions = store.read("api_mention_count", timeout_ms=0).scalar()
    docs = store.read("api_actor_search_version", timeout_ms=0).records()[0]
    return (str(getattr(store, "graph_name", id(store))), actors, mentions, docs["documents"], docs["last_ingest"])


class _Slot:
    """The index of one graph: the latest built, and the state of a background build."""

    def __init__(self) -> None:
        self.index: ActorSearchIndex | None = None
        self.lock = threading.Lock()
        self.building: threading.Thread | None = None
        self.years_building: threading.Thread | None = None
        self.last_end = 0.0
        self.last_duration = 0.0


_SLOTS: dict[str, _Slot] = {}
_SLOTS_LOCK = threading.Lock()


def _slot(store: GraphStore) -> _Slot:
    name = str(getattr(store, "graph_name", id(store)))
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(name, _Slot())


def build_index(store: GraphStore, version: Version | None = None) -> ActorSearchIndex:
    """Read every actor and build the index (synchronously) for the graph's current version."""
    version = version if version is not None else search_version(store)
    rows = store.read("api_actor_search_index", timeout_ms=0).records()
    index = ActorSearchIndex.from_rows(version, rows)
    log.info("actor search index: %d actors, %d pairs, built in %.2fs", len(index.ids), len(index.pairs), index.built_s)
    return index


def _years_rows(store: GraphStore) -> list[dict[str, Any]]:
    return store.read("api_actor_search_years", timeout_ms=0).records()


def _build_in_background(store: GraphStore, slot: _Slot, version: Version, with_years: bool) -> None:
    t0 = time.monotonic()
    try:
        index = build_index(store, version)
        if with_years:
            index.set_years(_years_rows(store))
        with slot.lock:
            slot.index = index
    except Exception:  # a failed build leaves the scan in charge; it is logged, not raised into a request
        log.exception("actor search index: the build failed; searches keep using the store's scan")
    finally:
        with slot.lock:
            slot.last_duration = time.monotonic() - t0
            slot.last_end = time.monotonic()
            slot.building = None


def _years_in_background(store: GraphStore, slot: _Slot, index: ActorSearchIndex) -> None:
    try:
        index.set_years(_years_rows(store))
    except Exception:
        log.exception("actor search index: reading the years failed; year filters keep using the store's scan")
    finally:
        with slot.lock:
            slot.years_building = None


def current_index(store: GraphStore, *, wait: bool = False, years: bool = False) -> ActorSearchIndex | None:
    """The index of the graph's current version, or ``None`` while it is being built (a build is started
    if none runs). ``wait`` builds it here instead; ``years`` also needs the years of each actor."""
    slot = _slot(store)
    version = search_version(store)
    with slot.lock:
        index = slot.index
        fresh = index is not None and index.version == version
        if fresh and (not years or index.years is not None):  # type: ignore[union-attr]
            return index
    if wait:
        if not fresh:
            index = build_index(store, version)
        assert index is not None
        if years and index.years is None:
            index.set_years(_years_rows(store))
        with slot.lock:
            slot.index = index
        return index
    with slot.lock:
        if fresh and index is not None:
            if slot.years_building is None:
                slot.years_building = threading.Thread(
                    target=_years_in_background, args=(store, slot, index), name="actor-search-years", daemon=True
                )
                slot.years_building.start()
            return None
        pause = slot.last_duration * REBUILD_PAUSE_FACTOR
        if slot.building is None and time.monotonic() - slot.last_end >= pause:
            slot.building = threading.Thread(
                target=_build_in_background,
                args=(store, slot, version, years),
                name="actor-search-index",
                daemon=True,
            )
            slot.building.start()
    return None


def search_actors(
    store: GraphStore,
    q: str | None,
    *,
    fold: bool = False,
    types: Sequence[str] | None = None,
    region: str | None = None,
    year: int | None = None,
    offset: int = 0,
    limit: int = 50,
    wait: bool = False,
) -> SearchHits | None:
    """The page ``api_actor_search`` would answer, from the index; ``None`` when no index of the graph's
    current version is ready yet (the caller runs the scan; a background build has been started)."""
    if not ENABLED:
        return None
    index = current_index(store, wait=wait, years=year is not None)
    if index is None:
        return None
    return index.search(q, fold=fold, types=types, region=region, year=year, offset=offset, limit=limit)
