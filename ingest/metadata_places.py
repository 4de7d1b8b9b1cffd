"""Places in document metadata: gazetteer look-ups, canonical names and the jurisdiction vote.

The jurisdiction is the city, district or county whose government or bureau wrote a document.
When an issuer names its place (杭州市科学技术局, 长春市南关区政府) that place decides. Otherwise
(news, commentary, openings without a header) the places the text names vote: where a place is
named (headline, sentence opening, before an agency word such as 科技局), how often, whether its
level is the level the text's self-references point to (我市 → a city, 我区 → a district), and
whether its abbreviation opens the document number (厦科函〔2025〕… → 厦门市). Weights and cue
words are data: ``metadata_data/jurisdiction.yaml``.

A district of a city is named as the guideline's canonical entity name, city + district
(杭州市余杭区); a development zone acting as a jurisdiction (兰州新区) keeps its own name.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ingest.gazetteer import Gazetteer, load_gazetteer

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "metadata_data" / "jurisdiction.yaml"

#: Characters of the text read for the vote.
VOTE_CHARS = 3000

PLACE_SUFFIXES = ("自治区", "自治州", "特别行政区", "地区", "省", "市", "区", "县", "州", "盟", "旗")
_SUFFIX_CHARS = frozenset(s[-1] for s in PLACE_SUFFIXES)
_LEVEL_DEPTH = {"Province": 0, "City": 1, "District": 2}
_CITED_RE = re.compile(r"《[^《》\n]{1,80}》")
_DOCNUM_PREFIX_RE = re.compile(r"^([\u4e00-\u9fff]{1,12})\s*[〔\[［【(（]\s*(?:19|20)\d{2}")


class JurisdictionDataError(ValueError):
    """The jurisdiction cue data file is malformed; carries the offending value."""

    def __init__(self, value: object) -> None:
        super().__init__(f"bad jurisdiction cue data: {value!r}")
        self.value = value


def _gazetteer() -> Gazetteer:
    return load_gazetteer()


class Place:
    """A place found in text: name, type (Province/City/District/Zone), province and parent."""

    __slots__ = ("name", "type", "province", "parent", "short")

    def __init__(
        self, name: str, type_: str, province: str | None, parent: str | None = None, short: str | None = None
    ) -> None:
        self.name = name
        self.type = type_
        self.province = province
        self.parent = parent
        self.short = short

    def __repr__(self) -> str:
        return f"Place({self.name!r}, {self.type!r}, province={self.province!r}, parent={self.parent!r})"

    @property
    def canonical(self) -> str:
        """The guideline's entity name: a district of a city is city + district (杭州市余杭区)."""
        if self.type == "District" and self.parent:
            if self.parent.endswith("市") and not self.name.startswith(self.parent):
                return self.parent + self.name
        return self.name


@lru_cache(maxsize=1)
def _zones() -> dict[str, tuple[str | None, str | None]]:
    gaz = _gazetteer()
    zones: dict[str, tuple[str | None, str | None]] = {}
    for z in gaz.zones:
        zones[z.name] = (z.city, z.province)
    return zones


def lookup(surface: str, context: list[Place] | None = None) -> Place | None:
    """The place called ``surface`` (gazetteer), disambiguated by the places before it."""
    gaz = _gazetteer()
    found = list(gaz.places_named(surface))
    if not found and surface.endswith("州") and len(surface) >= 3:
        # 大理州 / 黔东南州: the genre's name of an autonomous prefecture (short form + 州)
        found = [p for p in gaz.places_named(surface[:-1]) if p.name.endswith("自治州")]
        if found:
            surface = found[0].name
    if not found:
        return None
    if context:
        known = {p.name for p in context}
        inside = [p for p in found if p.parent in known or p.province in known]
        found = inside or found
    order = {"Province": 0, "City": 1, "District": 2}
    found.sort(key=lambda p: order.get(p.type, 3))
    best = found[0]
    same = [p for p in found if p.name == best.name]
    provinces = {p.province for p in same}
    parents = {p.parent for p in same}
    # An ambiguous name (鼓楼区 in four cities) keeps its province / parent only when all agree.
    province = provinces.pop() if len(provinces) == 1 else None
    parent = parents.pop() if len(parents) == 1 else None
    name = best.name
    abbreviated = name.endswith("自治州") and surface.endswith("州")  # 大理州: today's name, abbreviated
    if surface != name and surface.endswith(PLACE_SUFFIXES) and len(surface) > 2 and not abbreviated:
        name = surface  # a former full name (凤翔县 before 2021) is kept as the text writes it
    return Place(name, best.type, province, parent, best.short)


def place_chain(text: str) -> list[Place]:
    """Places named in full at the very start of ``text`` (江苏省南京市江宁区科技局 -> 3 places).

    A development zone at the start (兰州新区科技局) is one place of type ``Zone``.
    """
    chain: list[Place] = []
    pos = 0
    if text.startswith("中共"):
        pos = 2
    while pos < len(text) and len(chain) < 4:
        found: Place | None = None
        length = 0
        for n in range(min(12, len(text) - pos), 1, -1):
            surface = text[pos : pos + n]
            zone = _zones().get(surface)
            if zone is not None:
                found, length = Place(surface, "Zone", zone[1], zone[0]), n
                break
            if n > 9 or not surface.endswith(PLACE_SUFFIXES):
                continue  # full names only: short forms (中山 in 中山大学) are too ambiguous
            place = lookup(surface, chain)
            if place is not None:
                found, length = place, n
                break
        if found is None:
            break
        chain.append(found)
        pos += length
        if found.type == "Zone":
            break
    return chain


def places_in(text: str) -> list[Place]:
    """Places named in full anywhere in a short text such as a title, in order."""
    return [p for _, _, p in _mentions(text)]


def _mentions(text: str) -> list[tuple[int, int, Place]]:
    """(start, end, place) of every full place name in ``text``, longest first, left to right."""
    out: list[tuple[int, int, Place]] = []
    context: list[Place] = []
    taken_until = 0
    for j, ch in enumerate(text):
        if ch not in _SUFFIX_CHARS:
            continue
        end = j + 1
        for n in range(min(9, end - taken_until), 1, -1):
            surface = text[end - n : end]
            if not surface.endswith(PLACE_SUFFIXES):
                continue
            place = lookup(surface, context)
            if place is not None and surface == place.short and end - n > 0:
                prev = text[end - n - 1]
                if "\u4e00" <= prev <= "\u9fff" and prev not in _vote_cues().short_left:
                    continue  # a short form ending like a place (达州, 贵州) inside a longer word
            if place is not None:
                out.append((end - n, end, place))
                context.append(place)
                taken_until = end
                break
    return out


def jurisdiction_of(chain: list[Place]) -> tuple[str | None, str | None, Place | None]:
    """(region, province, most specific place) of a place chain."""
    region: str | None = None
    province: str | None = None
    specific: Place | None = None
    for place in chain:
        if place.type == "Province":
            province = place.name
        else:
            specific = place
            province = province or place.province
    if specific is not None:
        region = specific.canonical
    elif province is not None:
        region = province  # a provincial document has its province
    return region, province, specific


# --------------------------------------------------------------------------- the vote
@dataclass(frozen=True)
class _VoteCues:
    self_reference: dict[str, dict[str, float]]
    weights: dict[str, float]
    agency_after: tuple[str, ...]
    province_abbreviations: dict[str, str]
    short_left: frozenset[str]
    short_org_after: re.Pattern[str]
    outlet_words: tuple[str, ...]
    subject_before: frozenset[str]
    zone_bodies: tuple[str, ...]
    zone_words: tuple[str, ...]
    name_head: re.Pattern[str]
    informant: re.Pattern[str]
    own_place: re.Pattern[str]


@lru_cache(maxsize=1)
def _vote_cues() -> _VoteCues:
    raw: Any = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise JurisdictionDataError(raw)
    try:
        return _VoteCues(
            self_reference={
                str(k): {str(word): float(x) for word, x in dict(v).items()}
                for k, v in dict(raw["self_reference"]).items()
            },
            weights={str(k): float(v) for k, v in dict(raw["weights"]).items()},
            agency_after=tuple(sorted(map(str, raw["agency_after"]), key=len, reverse=True)),
            province_abbreviations={str(k): str(v) for k, v in dict(raw["province_abbreviations"]).items()},
            short_left=frozenset(str(raw["short_left"])),
            outlet_words=tuple(sorted(map(str, raw["outlet_words"]), key=len, reverse=True)),
            short_org_after=re.compile(
                r"[\u4e00-\u9fff]{0,4}(?:" + "|".join(map(re.escape, raw["short_org_after"])) + ")"
            ),
            subject_before=frozenset(str(raw["subject_before"]) + "\n "),
            zone_bodies=tuple(map(str, raw["zone_bodies"])),
            zone_words=tuple(sorted(map(str, raw["zone_words"]), key=len, reverse=True)),
            name_head=re.compile(
                r"[\u4e00-\u9fff（）()]{1,16}?(?:" + "|".join(map(re.escape, raw["name_suffixes"])) + ")"
            ),
            informant=re.compile(str(raw["informant_re"])),
            own_place=re.compile(str(raw["own_place_re"])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise JurisdictionDataError(raw) from exc


@dataclass
class _Tally:
    place: Place
    score: float = 0.0
    first: int = 10**9
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, Place]:
    """Short forms (宝鸡, 望城) that name exactly one place and are not stoplisted words."""
    gaz = _gazetteer()
    out: dict[str, Place] = {}
    for p in gaz.places:
        short = p.short
        if not short or len(short) < 2 or short.endswith(PLACE_SUFFIXES):
            continue
        found = gaz.places_named(short)
        if len(found) == 1 and found[0].short == short:
            f = found[0]
            out[short] = Place(f.name, f.type, f.province, f.parent, short)
    return out


@lru_cache(maxsize=1)
def _zone_pattern() -> re.Pattern[str] | None:
    """City + zone word (烟台开发区, 重庆高新区, 兰州新区): the genre's short names of zones."""
    names: set[str] = set()
    for p in _gazetteer().places:
        if p.type == "City":
            names.add(p.name)
            if p.short and len(p.short) >= 2:
                names.add(p.short)
    words = _vote_cues().zone_words
    if not names or not words:
        return None
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(f"(?P<city>{alt})(?:{'|'.join(map(re.escape, words))})")


def _zone_occurrences(text: str) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, end, zone name, city, province) of zones named in ``text``, listed or patterned."""
    out: list[tuple[int, int, str, str | None, str | None]] = []
    for zone_name, (city, province) in _zones().items():
        at = text.find(zone_name)
        while at >= 0:
            out.append((at, at + len(zone_name), zone_name, city, province))
            at = text.find(zone_name, at + 1)
    rx = _zone_pattern()
    if rx is not None:
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e, *_ in out):
                continue
            host = lookup(m.group("city"))
            if host is None or host.type != "City":
                continue
            out.append((m.start(), m.end(), m.group(0), host.name, host.province))
    return sorted(out)


def _mask_zones(text: str) -> str:
    """``text`` with development-zone names blanked: 兰州 inside 兰州新区 is not the city."""
    for s, e, *_ in _zone_occurrences(text):
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _short_mentions(text: str, *, bounded: bool = False) -> list[tuple[int, int, Place]]:
    """Unambiguous short place names (望城挂牌…, 去岁宝鸡…); not inside org names, not full names.

    ``bounded``: only after a non-Han character or a word that opens a place phrase (在, 赴 …),
    as running text hides short forms inside words (推广水平 holds 广水).
    """
    shorts = _short_forms()
    left_ok = _vote_cues().short_left
    org_after = _vote_cues().short_org_after
    out: list[tuple[int, int, Place]] = []
    i = 0
    while i < len(text) - 1:
        hit = None
        for n in (4, 3, 2):
            place = shorts.get(text[i : i + n])
            if place is None or text[i + n : i + n + 1] in _SUFFIX_CHARS:
                continue  # a full name (宝鸡市) is counted as such
            if bounded and i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff" and text[i - 1] not in left_ok:
                continue
            if not org_after.match(text, i + n):
                hit = (i, i + n, place)
                break
        if hit is not None:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _free_count(text: str, word: str, left_ok: frozenset[str]) -> int:
    """Occurrences of ``word`` not inside a longer name (市科技局 inside 天水市科技局 is not one)."""
    n = 0
    at = text.find(word)
    while at >= 0:
        prev = text[at - 1] if at > 0 else ""
        if not prev or not ("\u4e00" <= prev <= "\u9fff") or prev in left_ok or word[0] in "我本全":
            n += 1
        at = text.find(word, at + len(word))
    return n


def _common_parent(tallies: list[_Tally], level: str) -> Place | None:
    """The one province (or city) that every tallied place lies in."""
    if level == "Province":
        names = {t.place.province for t in tallies if t.place.type != "Province"}
    elif level == "City":
        names = {t.place.parent for t in tallies if t.place.type in ("District", "Zone")}
        if any(t.place.type not in ("District", "Zone") for t in tallies):
            return None
    else:
        return None
    if len(names) != 1:
        return None
    name = names.pop()
    place = lookup(name) if name else None
    return place if place is not None and place.type == level else None


def _outlet_city(text: str, provinces: set[str]) -> Place | None:
    """The one city whose own news outlet (长治新闻, 南通日报) the page names, within ``provinces`` when
    any are named; None when there is none or several."""
    words = _vote_cues().outlet_words
    found: dict[str, Place] = {}
    for short, place in _short_forms().items():
        if place.type != "City" or (provinces and place.province not in provinces):
            continue
        for form in (place.name, short):
            at = text.find(form)
            while at >= 0:
                if text.startswith(words, at + len(form)):
                    found[place.name] = place
                    break
                at = text.find(form, at + 1)
    return next(iter(found.values())) if len(found) == 1 else None


def vote(
    title: str | None, text: str, *, doc_number: str | None = None, source: str | None = None
) -> tuple[Place | None, list[str]]:
    """The place the text is most about as its author; and the reasons (for debugging)."""
    cues = _vote_cues()
    w = cues.weights
    _INFORMANT_RE = cues.informant  # noqa: N806 - a compiled data pattern
    tallies: dict[str, _Tally] = {}

    def add(place: Place, score: float, pos: int, note: str) -> None:
        key = place.canonical if place.type != "Province" else place.name
        t = tallies.get(key)
        if t is None:
            t = tallies[key] = _Tally(place)
        t.score += score * (w["province_factor"] if place.type == "Province" else 1.0)
        t.first = min(t.first, pos)
        t.notes.append(note)

    def count(segment: str, base: float, offset: int, kind: str) -> None:
        segment = _mask_zones(segment)
        found = _mentions(segment)
        cited = [(m.start(), m.end()) for m in _CITED_RE.finditer(segment)] if offset >= 0 else []
        for k, (s, e, place) in enumerate(found):
            score = base
            if any(a <= s < b for a, b in cited):
                score *= w["cited_title"]
            nxt = found[k + 1] if k + 1 < len(found) else None
            if nxt is not None and nxt[0] == e and nxt[2].parent == place.name:
                score *= w["qualifier_title"] if offset < 0 else w["qualifier"]  # 宁波市鄞州区: the city qualifies
            if cues.name_head.match(segment, e):
                score *= w["name_head"]  # 包头市京瑞新材料有限公司: the place opens another name
            elif s == 0 or segment[s - 1] in cues.subject_before:
                score += w["subject"]
            after = segment[e : e + 8]
            if any(after.startswith(a) for a in cues.agency_after):
                score += w["agency"]
            add(place, score, offset + s, f"{kind}:{place.name}")

    if title:
        count(title, w["title"], -1000, "title")
        known = {p.name for p in places_in(title)}
        for s, _, place in _short_mentions(_mask_zones(title)):
            if place.name not in known:
                add(place, w["title"], -1000 + s, f"title-short:{place.name}")
    body = text[:VOTE_CHARS]
    count(body, w["body"], 0, "body")
    # A development zone acts as a jurisdiction where its own bodies act (兰州新区科技局, X开发区管委会).
    for segment, base, offset in ((title or "", w["title"], -1000), (body, w["body"], 0)):
        for at, end, zone_name, city, province in _zone_occurrences(segment):
            after = segment[end : end + 8]
            heads_title = offset < 0 and at == 0  # 兰州新区举办…: the headline's subject
            zone = Place(zone_name, "Zone", province, city)
            if heads_title or any(after.startswith(a) for a in cues.agency_after + cues.zone_bodies):
                add(zone, base + w["agency"], offset + at, "zone")
                continue
            subject = at == 0 or segment[at - 1] in cues.subject_before
            add(zone, base * w["zone_named"] + (w["subject"] if subject else 0.0), offset + at, "zone-named")
            host = lookup(city) if city else None  # the zone's city is the setting too
            if host is not None:
                add(host, base * w["zone_city"], offset + at, f"zone-city:{city}")
    # "记者从X获悉": the body that informs a news report names its place.
    for m in _INFORMANT_RE.finditer(body[:600]):
        region, _, specific = jurisdiction_of(place_chain(m.group("who")))
        if specific is not None:
            add(specific, w["agency"], m.start(), f"informant:{specific.name}")
    # "结合五华区实际，制订本方案": the author names its own place as the setting of its measures.
    for m in cues.own_place.finditer(body[:VOTE_CHARS]):
        region, _, specific = jurisdiction_of(place_chain(m.group("who")))
        if specific is not None:
            add(specific, w["own_place"], m.start(), f"own-place:{specific.name}")
    for s, _, place in _short_mentions(_mask_zones(body), bounded=True):
        add(place, w["short_body"], s, f"body-short:{place.name}")
    if source:
        chain = place_chain(source)
        region, _, specific = jurisdiction_of(chain)
        if specific is not None:
            add(specific, w["title"], -500, f"source:{specific.name}")
    # self-references: 我市 / 全区 … point to a level
    levels: dict[str, float] = defaultdict(float)
    for level, words in cues.self_reference.items():
        levels[level] += sum(_free_count(body, word, cues.short_left) * strength for word, strength in words.items())
    if levels:
        # on a tie the lower level wins: a district's text names its superiors (赴市科技局汇报)
        level = max(levels, key=lambda k: (levels[k], _LEVEL_DEPTH.get(k, 0)))
        named_levels = {"Zone" if t.place.type == "Zone" else t.place.type for t in tallies.values()}
        silent = all(levels.get("District" if lv == "Zone" else lv, 0.0) == 0 for lv in named_levels)
        if levels[level] > 0 and tallies and level not in named_levels and silent:
            # the text speaks as a province (省科技厅 …) or city (全市 …), names only places inside it
            # and never speaks as them: their common parent of that level is the candidate
            parent = _common_parent(list(tallies.values()), level)
            if parent is not None:
                add(parent, 0.0, 10**6, "parent")
        if levels[level] > 0:
            for t in tallies.values():
                if (
                    t.place.type == level
                    or (level == "District" and t.place.type == "Zone")
                    # 全区 / 我区 in an autonomous region's own text
                    or (level == "District" and t.place.type == "Province" and t.place.name.endswith("自治区"))
                ):
                    # as strong as the self-references are many (capped): 省科技厅 ×4 outweighs a city named often
                    t.score += w["self_reference"] * min(levels[level], w["self_reference_cap"]) / 2
                    t.notes.append(f"self:{level}")
        if (
            level == "City"
            and levels[level] > 0
            and not any(t.place.type in ("City", "District") for t in tallies.values())
        ):
            # a local outlet's report (我市 …) that names no city in its text: the city it is the outlet of
            outlet = _outlet_city(text, {t.place.name for t in tallies.values() if t.place.type == "Province"})
            if outlet is not None:
                add(outlet, w["outlet"], 10**6, f"outlet:{outlet.name}")
    if doc_number:
        dm = _DOCNUM_PREFIX_RE.match(doc_number)
        if dm:
            head = dm.group(1)[0]
            for t in tallies.values():
                if t.place.name.startswith(head):
                    t.score += w["docnum"]
                    t.notes.append("docnum")
            province = cues.province_abbreviations.get(head)
            if province and not any(t.place.name.startswith(head) for t in tallies.values()):
                p = lookup(province)
                if p is not None:
                    add(p, w["docnum"] / (w["province_factor"] if p.type == "Province" else 1.0), 10**6, "docnum")
    # An ambiguous district (南沙区 before its city is named) joins the same name resolved later.
    for key in [k for k, t in tallies.items() if t.place.type == "District" and t.place.parent is None]:
        resolved = [t for k2, t in tallies.items() if k2 != key and t.place.name == tallies[key].place.name]
        if resolved:
            into = max(resolved, key=lambda t: t.score)
            into.score += tallies[key].score
            into.first = min(into.first, tallies[key].first)
            del tallies[key]
    if not tallies:
        return None, []
    best = max(tallies.values(), key=lambda t: (t.score, -t.first))
    return best.place, [f"{k}={t.score:.1f}" for k, t in sorted(tallies.items(), key=lambda kv: -kv[1].score)]


def docnum_place(doc_number: str | None) -> Place | None:
    """The municipality or province whose one-character abbreviation opens a document number."""
    if not doc_number:
        return None
    m = _DOCNUM_PREFIX_RE.match(doc_number)
    if not m:
        return None
    province = _vote_cues().province_abbreviations.get(m.group(1)[0])
    return lookup(province) if province else None
