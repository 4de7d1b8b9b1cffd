"""Government-agency names: validation of a surface form and expansion to a full name."""

from __future__ import annotations

import re

from ingest.extract.candidates import Anchor, DocContext, qualified_district
from ingest.extract.data import ExtractData
from ingest.extract.names import NameRules, is_name_char
from ingest.extract.resources import Resources

_LEVEL_CHARS = frozenset("省市县区州")
_PREFECTURE = "自治州"  # its own bodies are written 州科技局, 州政府 in its documents
# endings of province names whose short form opens agency names (广西|科学技术厅, 宁夏|发展改革委)
_REGION_ENDINGS = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市")
_REGION_LEVEL = "自治区"  # the level word of an autonomous region's own bodies
_BODY_THEN_LEVEL = re.compile(r"(委|政府|厅|局)[省市县区州]")
# a body's own party committee (省国资委党委, 市科委党委): the body is the actor, not its committee
_BODY_SUFFIX_END = ("委", "局", "厅", "办", "集团", "公司")
_LISTED_BODY_ENDS = ("局", "委", "厅", "政府", "办")  # a body's ending before a list mark
_LEVEL_ALTERNATIVE = re.compile(r"\([省市县区]+\)")


def listed_after_body(text: str, start: int) -> bool:
    """Is the name at ``start`` listed (、) right after another body (市政府、人事局)?"""
    return start >= 2 and text[start - 1] == "、" and text.endswith(_LISTED_BODY_ENDS, 0, start - 1)


class AgencyRules:
    def __init__(self, data: ExtractData, rules: NameRules, resources: Resources) -> None:
        cfg = data.agencies
        self.rules = rules
        self.resources = resources
        cues = "|".join(map(re.escape, cfg.get("issuer_verbs", [])))
        adverbs = "|".join(map(re.escape, cfg.get("issuer_adverbs", [])))
        joined = "|".join(map(re.escape, cfg.get("issuer_joined_bodies", []))) or "(?!)"
        lead = "|".join(map(re.escape, cfg.get("issuer_with", []))) or "(?!)"
        reaction = "|".join(map(re.escape, cfg.get("issuer_reactions", []))) or "(?!)"
        # 市政府印发, 市政府关于《, a body right before the title it issues (市委、市政府《…》), a
        # co-issuer written on without a mark (市委市政府印发), and other bodies it issues with
        # (省政府联合有关部门印发), perhaps after the body's reaction (市政府高度重视,出台)
        self.issuer_re = re.compile(
            rf"(?:、[^,。;]{{0,8}}?|(?:{joined}))?(?:(?:{lead})[^,。;《]{{1,10}}?)?(?:(?:{reaction})[,,])?"
            rf"(?:(?:{adverbs}){{1,2}})?"
            rf"(?:关于)?(?:{cues})|关于《|(?:、[^,。;《]{{1,8}}?)?《"
        )
        self.relative = list(cfg.get("relative_prefixes", []))
        self.max_domain = int(cfg.get("max_domain_chars", 8))
        self.not_agencies = list(cfg.get("not_agencies", []))
        self.party = str(cfg.get("party_prefix", "中共"))
        self.parties: dict[str, str] = {str(k): str(v) for k, v in (cfg.get("party_committees") or {}).items()}
        self.party_forms = sorted(self.parties, key=len, reverse=True)
        self.party_initials = frozenset(f[0] for f in self.party_forms if f)
        self.party_endings = tuple(str(w) for w in cfg.get("party_committee_endings", []))
        self.division_endings = tuple(str(w) for w in cfg.get("division_endings", []))
        self.division_blockers = str(cfg.get("division_blockers", ""))
        self.max_division = int(cfg.get("max_division_chars", 10))
        self.division_ranks = frozenset(str(w) for w in cfg.get("division_ranks", []))
        self.complete = tuple(str(w) for w in cfg.get("complete_suffixes", ["办公室"]))
        self.market = str(cfg.get("level_word_after_level", "市场"))
        self.min_unqualified = int(cfg.get("min_unqualified_chars", 3))
        self.not_unqualified = frozenset(str(w) for w in cfg.get("not_unqualified_domains", []))
        self.right_blockers: dict[str, str] = {str(k): str(v) for k, v in (cfg.get("right_blockers") or {}).items()}

    def democratic_party(self, text: str, start: int) -> str | None:
        """The democratic party written at ``start`` (九三学社, 民建 ...), if any."""
        if text[start : start + 1] not in self.party_initials:
            return None
        return next((f for f in self.party_forms if text.startswith(f, start)), None)

    def division_end(self, text: str, end: int) -> int | None:
        """The end of a division written right after a body ending at ``end`` (省科技厅|高新处), or None."""
        for k in range(2, self.max_division + 2):
            stop = end + k
            if stop > len(text):
                return None
            if not text[stop - 1 : stop].strip() or not is_name_char(text[stop - 1]):
                return None
            if text.endswith(self.division_endings, 0, stop):
                if text[stop : stop + 1] and text[stop] in self.division_blockers:
                    return None
                if text.startswith(("处长", "副处长"), stop):
                    return None  # 规划处处长某某: the unit of a person's title
                unit = text[end : stop - 1]
                if (
                    unit in self.division_ranks
                    or self.rules.starts_generic(unit)
                    or unit.startswith(("相关", "有关", "各"))
                ):
                    return None
                edge, _ = self.rules.left_edge(text, stop - 1, limit=stop - 1 - end)
                return stop if edge == end else None
        return None

    def after_body(self, text: str, start: int) -> bool:
        """A bare body listed right after another body (牡丹江市委、市政府): the same place's, an actor
        when the pair takes part in a relation (bare bodies are otherwise kept only as issuers)."""
        return text[max(0, start - 3) : start].endswith(("委、", "政府、"))

    def listed_after_body(self, text: str, start: int) -> bool:
        """Is the name at ``start`` listed (、) right after another body (市政府、人事局)?"""
        return listed_after_body(text, start)

    def local_body(self, surface: str, ctx: DocContext) -> str | None:
        """The jurisdiction's own body of an unqualified name (发改委 → 某市发展和改革委员会), else None."""
        district = qualified_district(ctx.city, ctx.district) if ctx.district and ctx.city else ctx.district
        level, seat = ("区", district) if ctx.district else ("市", ctx.city)
        if not seat:
            return None
        full = self.resources.expand_agency(level + surface, ctx.province, ctx.city, district)
        return full if full and not full.startswith("国家") and full != level + surface else seat + surface

    def party_before(self, text: str, edge: int) -> int:
        """Where a democratic party written before or across ``edge`` starts (九三学社|河北省委,
        中国民主同|盟河北省委员会), else ``edge``."""
        longest = max((len(f) for f in self.party_forms), default=0)
        for i in range(max(0, edge - longest), edge + 1):
            form = self.democratic_party(text, i)
            if form is not None and i + len(form) >= edge:
                return i
        return edge

    def blocked_right(self, suffix: str, next_char: str) -> bool:
        if not next_char:
            return False
        for key, chars in self.right_blockers.items():
            if suffix.endswith(key) and next_char in chars:
                return True
        return False

    def level_list(self, text: str, edge: int) -> bool:
        """县市区科技局, 区市党委, 省市科技部门: a list of levels opens the name, so it names the
        bodies of every level, not one body (省市场监督管理局 is one body)."""
        two = text[edge : edge + 2]
        return len(two) == 2 and all(c in _LEVEL_CHARS for c in two) and not text.startswith(self.market, edge + 1)

    def validate(
        self, text: str, edge: int, suffix_start: int, end: int, inner: list[Anchor], unqualified: bool = False
    ) -> tuple[str, str | None, str] | None:
        """Check an agency surface text[edge:end]. Returns (prefix kind, prefix name, domain):
        prefix kind is 'relative' (市/省/区/县), 'place' (a gazetteer place), 'national', or
        (with ``unqualified``) 'unqualified' for a body named without any level (科技局), which
        the caller keeps only when the document's jurisdiction has such a body."""
        name = text[edge:end]
        if any(name.endswith(w) for w in self.not_agencies):
            return None
        start = edge
        party = self.democratic_party(text, edge)
        if name.startswith(self.party):
            start = edge + len(self.party)
        elif party is not None:
            # 九三学社河北省委, 民建省委会: a democratic party's committee of a place or level, nothing else
            if text[suffix_start:end] not in self.party_endings:
                return None
            start = edge + len(party)
        first = next((a for a in inner if a.start == start), None)
        if first is not None and first.kind == "province":
            # 西藏拉萨市科技局: a province written before the place the body belongs to
            then = next((a for a in inner if a.start == first.end and a.kind == "place"), None)
            first = then or first
        elif first is not None and first.kind == "place":
            # 潍坊寿光市科技局: a city written before the county or district the body belongs to
            then = next((a for a in inner if a.start == first.end and a.kind == "place"), None)
            inside = self.resources.place(then.name) if then is not None and then.name else None
            if inside is not None and inside.city == first.name and inside.name != first.name:
                first = then
        if first is not None and first.kind in ("place", "province", "country"):
            domain = text[first.end : suffix_start]
            kind, pname = "place", first.name
        elif text[start : start + 2] == "国家":
            domain = text[start + 2 : suffix_start]
            kind, pname = "national", None
        elif text.startswith(_REGION_LEVEL, start) and start + len(_REGION_LEVEL) < suffix_start + 1:
            # 自治区科技厅, 自治区人民政府: the autonomous region's level written in full
            domain = text[start + len(_REGION_LEVEL) : suffix_start]
            kind, pname = "relative", _REGION_LEVEL
        elif text[start : start + 1] in self.relative:
            cov = self.rules.coverage(text[start:suffix_start] or text[start])
            if cov.level_anchor != text[start] and text[start:suffix_start]:
                return None
            domain = text[start + 1 : suffix_start]
            kind, pname = "relative", text[start]
        elif unqualified and start == edge and len(name) >= self.min_unqualified and text[start] not in _LEVEL_CHARS:
            domain = text[start:suffix_start]
            if not domain or domain in self.not_unqualified:
                return None
            kind, pname = "unqualified", None
        else:
            return None
        if len(domain) > self.max_domain or self.rules.starts_generic(domain):
            return None
        if "届" in domain or "各" in domain:
            return None  # 县十九届人民政府 (a session, named in a meeting's name), 县委各部委 (every department)
        if "、" in domain or domain.count("(") != domain.count(")"):
            return None  # 县(市、区)人民政府, 区)人民政府: a list of levels, not one body
        alternative = _LEVEL_ALTERNATIVE.match(domain)
        if alternative or (domain and all(c in _LEVEL_CHARS for c in domain)):
            return None  # 县区政府, 省市委, 县(市)科技局: levels, not one body
        if _BODY_THEN_LEVEL.search(domain):
            return None  # 省委省政府, 省科技厅省工信厅: two bodies
        if text[suffix_start:end] == "委" and domain.endswith("党") and domain[:-1].endswith(_BODY_SUFFIX_END):
            return None  # 省国资委党委: the committee of a body, which stays the actor
        if any(c.isdigit() for c in domain):
            return None
        if not domain and kind == "national":
            return None
        if party is not None and (domain or kind not in ("place", "relative")):
            return None
        return kind, pname, domain

    def is_bare(self, suffix: str, domain: str) -> bool:
        """市委, 省政府 ...: a government or party body without a domain. Only a relative one
        (市政府) is bare; with its place (南通市人民政府) the body is named."""
        return domain == "" and suffix in ("委", "政府", "人民政府", "党委")

    def complete_without_domain(self, suffix: str) -> bool:
        """Suffixes naming a whole body on their own (市政府办公室, 市科协)."""
        return any(w in suffix for w in self.complete)

    def acts_as_issuer(self, text: str, end: int) -> bool:
        """A bare body issues a document: 市政府关于《…》, 市政府印发, 市政府关于印发…"""
        return bool(self.issuer_re.match(text, end))

    def expand(self, surface: str, kind: str | None, pname: str | None, ctx: DocContext) -> str:
        """Full name of an agency surface form in this document's context."""
        res = self.resources
        district = qualified_district(ctx.city, ctx.district) if ctx.district and ctx.city else ctx.district
        cppcc = surface.find("政协")
        if 0 < cppcc and surface.endswith("委员会") and len(surface) > cppcc + len("政协委员会"):
            # 省政协提案委员会: a committee of the CPPCC, named after the CPPCC's full name
            parent = self.expand(surface[: cppcc + 2], kind, pname, ctx)
            if parent != surface[: cppcc + 2]:
                return parent + surface[cppcc + 2 :]
        party = self.democratic_party(surface, 0)
        if party is not None:
            rest = surface[len(party) :]
            seat = (
                pname
                if kind == "place"
                else {"省": ctx.province, "市": ctx.city, "区": district, "县": district}.get(rest[:1])
            )
            return f"{self.parties[party]}{seat}委员会" if seat else surface
        if kind == "national" and len(surface) > 3:
            # 国家科技部: 国家 written before a ministry's short form
            ministry = res.expand_agency(surface[2:], None, None, None)
            if ministry:
                return ministry
        if kind == "relative" and surface.startswith(_REGION_LEVEL):
            # 自治区科技厅: the autonomous region's body (the gazetteer reads the level word as a province's)
            full = res.expand_agency(surface, ctx.province, ctx.city, district)
            if full:
                return full
            rest = surface[len(_REGION_LEVEL) :]
            rest = "人民" + rest if rest.startswith("政府") else rest
            return ctx.province + rest if ctx.province and ctx.province.endswith(_REGION_LEVEL) else surface
        if kind in ("relative", "unqualified"):
            prefecture = ctx.city if ctx.city and ctx.city.endswith(_PREFECTURE) else None
            if surface.startswith("州"):
                # 州科技局: the autonomous prefecture's body, named as a city's (某某自治州科学技术局)
                full = res.expand_agency("市" + surface[1:], ctx.province, prefecture, district) if prefecture else None
                if full:
                    return full
            full = res.expand_agency(surface, ctx.province, ctx.city, district)
            if full:
                return full
            if kind == "unqualified":
                return surface
            place = {"市": ctx.city, "省": ctx.province, "区": district, "县": district, "州": prefecture}.get(
                surface[0]
            )
            if place is None and surface[0] in ("区", "县") and ctx.region != ctx.city:
                place = ctx.region
            if place is None:
                return surface
            rest = surface[1:]
            if rest.startswith("政府"):
                rest = "人民" + rest
            return place + rest
        if kind == "place" and pname:
            place_ref = res.place(pname)
            ptype = place_ref.type if place_ref else None
            rel = {"City": "市", "Province": "省", "District": "区"}.get(ptype or "")
            if rel:
                start = surface.find(pname[:2])
                tail = surface[start:]
                short = next(
                    (pname[: -len(x)] for x in _REGION_ENDINGS if pname.endswith(x) and len(pname) > len(x) + 1), pname
                )
                # 大理州科技局: any surface form of the place itself (its short form and aliases) too
                known = [
                    tail[:k]
                    for k in range(len(tail) - 1, 1, -1)
                    if any(r.name == pname for r in res.places.get(tail[:k], []))
                ]
                for form in (pname, pname[:-1] if len(pname) > 2 else pname, short, *known):
                    if tail.startswith(form):
                        rest = tail[len(form) :]
                        rest = rest[1:] if rest[:1] in ("市", "省", "区", "县") else rest
                        break
                else:
                    rest = ""
                if rest:
                    city = pname if ptype == "City" else (place_ref.city if place_ref else None)
                    prov = place_ref.province if place_ref else ctx.province
                    if ptype == "Province":
                        prov = pname
                    district = qualified_district(city, pname) if ptype == "District" and city else None
                    full = res.expand_agency(rel + rest, prov, city, district)
                    if full:
                        return (
                            (self.party + full)
                            if surface.startswith(self.party) and not full.startswith(self.party)
                            else full
                        )
                    if ptype == "Province" and not surface.startswith((self.party, pname)):
                        # 广西科学技术厅: the body's own name after the province's short form
                        return pname + rest
            return surface
        return surface
