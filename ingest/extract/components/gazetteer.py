"""Gazetteer matcher: places, named organisations and standard abbreviations."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.training import Example

from ingest.extract.agencies import listed_after_body
from ingest.extract.candidates import (
    Anchor,
    Candidate,
    DocContext,
    anchors,
    candidates,
    context,
    doc_text,
    qualified_district,
)
from ingest.extract.data import load_data
from ingest.extract.names import is_name_char
from ingest.extract.resources import PLACE_TYPES, PlaceRef, Resources, load_resources

logger = logging.getLogger(__name__)


def choose_place(refs: list[PlaceRef], ctx: DocContext, surface: str) -> PlaceRef | None:
    """Pick the place a surface form means in this document; None when still ambiguous."""
    if len(refs) == 1:
        return refs[0]
    exact = [r for r in refs if r.name == surface]
    if len(exact) == 1:
        return exact[0]
    for pred in (
        lambda r: ctx.region is not None and (r.name == ctx.region or r.city == ctx.region),
        lambda r: ctx.city is not None and (r.name == ctx.city or r.city == ctx.city),
        lambda r: ctx.province is not None and r.province == ctx.province,
    ):
        narrowed = [r for r in refs if pred(r)]
        if len(narrowed) == 1:
            return narrowed[0]
        if narrowed:
            refs = narrowed
    # a prefecture city beats its namesakes elsewhere (e.g. a district of another city)
    cities = [r for r in refs if r.type == "City" and r.city == r.name]
    if len(cities) == 1:
        return cities[0]
    return None


class GazetteerMatcher:
    def __init__(self, nlp: Language, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the component's data (``nlp.initialize()`` calls this once, before the first document)."""
        self.resources: Resources = load_resources()
        self.abbreviations = {a.surface: a for a in load_data(self.data_dir).abbreviations}
        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        surfaces: dict[str, list[str]] = {"PLACE": [], "ORG": [], "ABBR": []}
        surfaces["PLACE"] = sorted(self.resources.places)
        surfaces["ORG"] = sorted(s for s in self.resources.orgs if s not in self.resources.places)
        surfaces["ABBR"] = sorted(self.abbreviations)
        data = load_data(self.data_dir)
        surfaces["ANCHOR"] = sorted(set(data.extra_anchors) - set(self.resources.places))
        surfaces["REGION"] = sorted(set(data.regions) - set(self.resources.places))
        cfg = data.places
        self.blocking = str(cfg.get("blocking_next_chars", ""))
        self.right_blockers: dict[str, str] = {
            str(k): str(v) for k, v in (data.agencies.get("right_blockers") or {}).items()
        }
        self.stops = frozenset(w for w in data.left_stops if len(w) >= 2)
        self.honours = tuple(str(w) for w in data.agencies.get("honour_titles") or [])
        self.stop_lengths = sorted({len(w) for w in self.stops})
        self.old_types: dict[str, str] = {str(k): str(v) for k, v in (cfg.get("old_type_by_suffix") or {}).items()}
        self.person_titles = tuple(sorted((str(t) for t in cfg.get("person_titles") or []), key=len, reverse=True))
        self.person_max = int(cfg.get("person_name_max", 3))
        self.surnames = frozenset(str(cfg.get("surnames", "")))
        for label, items in surfaces.items():
            if items:
                self.matcher.add(label, [self.make_doc(s) for s in items])
        logger.debug("gazetteer matcher: %s", {k: len(v) for k, v in surfaces.items()})

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        found = anchors(doc)
        cands = candidates(doc)
        res = self.resources
        vocab = doc.vocab
        text = doc_text(doc)
        blocked: list[tuple[int, int]] = []
        for match_id, start, end in self.matcher(doc):
            label = vocab.strings[match_id]
            span = doc[start:end]
            s, e, surface = span.start_char, span.end_char, span.text
            if label in ("ORG", "ABBR") and self.blocked(surface, text[e : e + 1]):
                blocked.append((s, e))  # 雄安新区|管委会: no actor, but no place inside it either
                continue
            if label in ("ORG", "ABBR") and text.startswith(self.honours, e):
                continue  # 中国科学院院士: an honour of a person, not the academy acting
            if label == "PLACE":
                self.place(text, s, e, surface, ctx, cands, found, blocked)
            elif label == "ANCHOR":
                found.append(Anchor(s, e, "country", surface))
            elif label == "REGION":
                found.append(Anchor(s, e, "province", surface))  # a region opens names as a province does
            elif label == "ORG":
                refs = [r for r in res.orgs.get(surface, []) if r.only_in is None or r.only_in == ctx.province]
                if len(refs) != 1:
                    continue
                org = refs[0]
                new = res.rename(org.name, ctx.year)
                name = new or org.name
                found.append(Anchor(s, e, "org", name))
                aliases = {x for x in (surface, org.name) if x != name}
                cands.append(Candidate(s, e, org.type, "gazetteer", name=name, aliases=aliases))
            else:
                abbr = self.abbreviations[surface]
                if abbr.province and abbr.province != ctx.province:
                    continue
                if abbr.type == "GovernmentAgency" and self.local_in_list(text, s, surface, ctx):
                    continue  # 市科技局、发改委: the jurisdiction's commission (read as such by the suffix rules)
                found.append(Anchor(s, e, "org", abbr.full))
                cands.append(Candidate(s, e, abbr.type, "abbreviation", name=abbr.full))
        return doc

    def local_in_list(self, text: str, s: int, surface: str, ctx: DocContext) -> bool:
        """A national body's short form listed right after one of the jurisdiction's bodies names the
        jurisdiction's own body of that name, when it has one (某市科技局、发改委)."""
        if not listed_after_body(text, s):
            return False
        if not (ctx.city or ctx.district):
            return False
        district = qualified_district(ctx.city, ctx.district) if ctx.district and ctx.city else ctx.district
        level = "区" if ctx.district else "市"
        local = self.resources.expand_agency(level + surface, ctx.province, ctx.city, district)
        return bool(local) and not str(local).startswith("国家")

    def blocked(self, surface: str, next_char: str) -> bool:
        """科技部门 is not 科技部: the next character makes the suffix part of another word."""
        return bool(next_char) and any(surface.endswith(k) and next_char in v for k, v in self.right_blockers.items())

    def straddles_verb(self, text: str, s: int) -> bool:
        """Does a left-stop word (a verb of the genre) start before ``s`` and end inside the match?"""
        for length in self.stop_lengths:
            for k in range(1, length):
                if s - k >= 0 and text[s - k : s - k + length] in self.stops:
                    return True
        return False

    def in_person_name(self, text: str, s: int, e: int) -> bool:
        """Is the short form text[s:e] part of a person's name (书记吴忠某, 、徐金华))?"""
        if text.endswith(self.person_titles, 0, s):
            return True
        if s == 0 or text[s - 1] not in self.surnames or e - s + 1 > self.person_max:
            return False
        return (s < 2 or not is_name_char(text[s - 2])) and not is_name_char(text[e : e + 1] or "。")

    def accept_place(self, ref: PlaceRef, surface: str, ctx: DocContext) -> bool:
        """Full names are safe; short forms only for places of the document's province and
        for prefecture-level cities (short forms of far-away counties are ordinary words)."""
        if surface == ref.name or surface in self.resources.renamed_from.get(ref.name, ()):
            return len(surface) >= 3 or ref.province == ctx.province
        if ctx.province is not None and ref.province == ctx.province:
            return True
        return ref.type == "City" and ref.city == ref.name

    def as_of(self, ref: PlaceRef, surface: str, ctx: DocContext) -> tuple[str, str, set[str]]:
        """(name, type, aliases) of a place at the document's date: a rename after the
        document's year is not applied (海安县 in a 2016 document stays a county)."""
        aliases = {surface} if surface != ref.name else set()
        if ctx.year is None:
            return ref.name, ref.type, aliases
        for old, year in self.resources.renamed_from.get(ref.name, []):
            if year is not None and year > ctx.year:
                old_type = self.old_types.get(old[-1:], ref.type)
                return old, old_type, (aliases | {ref.name}) - {old}
        return ref.name, ref.type, aliases

    def place(
        self,
        text: str,
        s: int,
        e: int,
        surface: str,
        ctx: DocContext,
        cands: list[Candidate],
        found: list[Anchor],
        blocked: Sequence[tuple[int, int]] = (),
    ) -> None:
        ref = choose_place(self.resources.places.get(surface, []), ctx, surface)
        if ref is None:
            return
        if ref.type not in PLACE_TYPES:
            found.append(Anchor(s, e, "province", ref.name))
            return
        if not self.accept_place(ref, surface, ctx):
            return
        if surface != ref.name and self.straddles_verb(text, s):
            return  # 传达|州人民政府: the place's first character ends a verb (传达), not a place name
        if surface != ref.name and text[e : e + 1] and text[e] in self.blocking:
            return
        if surface != ref.name and self.in_person_name(text, s, e):
            return
        if surface != ref.name and any(bs < s and e <= be for bs, be in blocked):
            return  # 雄安新区管委会: 安新 is inside the zone's name
        found.append(Anchor(s, e, "place", ref.name))
        name, ptype, aliases = self.as_of(ref, surface, ctx)
        region = ref.city if ref.city and ref.city != ref.name else ref.province
        if ptype == "District" and ref.city and ref.city != ref.name:
            # one district, one name: a bare district takes the city it belongs to (余杭区 ->
            # 杭州市余杭区), and the city written right before it is part of the same mention
            aliases = aliases | {name}
            name = qualified_district(ref.city, name)
            city_before = next(
                (c for c in reversed(cands) if c.end == s and c.type == "City" and c.name == ref.city), None
            )
            if city_before is not None:
                found.append(Anchor(city_before.start, e, "place", ref.name))
                cands.append(
                    Candidate(city_before.start, e, ptype, "gazetteer", name=name, region=region, aliases=aliases)
                )
        cands.append(Candidate(s, e, ptype, "gazetteer", name=name, region=region, aliases=aliases))


@Language.factory("innograph_gazetteer", default_config={"data_dir": None})
def make_gazetteer(nlp: Language, name: str, data_dir: str | None) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, name, data_dir)
