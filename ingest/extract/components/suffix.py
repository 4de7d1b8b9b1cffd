"""Suffix grammar for named actors: …有限公司, …大学, …研究院, …高新区, …局 ..."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ingest.extract.agencies import AgencyRules
from ingest.extract.candidates import Anchor, Candidate, anchors, candidates, context, doc_text
from ingest.extract.data import SuffixRule, load_data
from ingest.extract.names import LEVEL_CHARS, MAX_MODIFIER, AnchorIndex, NameRules, is_name_char
from ingest.extract.resources import load_resources

logger = logging.getLogger(__name__)

_LEVEL_OPENERS = ("国家", "省", "市", "区", "县", "乡", "镇", "中央", "全国")


class SuffixGrammar:
    def __init__(self, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the component's data (``nlp.initialize()`` calls this once, before the first document)."""
        data = load_data(self.data_dir)
        self.rules = NameRules(data)
        self.resources = load_resources()
        self.agency = AgencyRules(data, self.rules, self.resources)
        self.institute_words = tuple(
            r.suffix for r in data.suffixes if r.type == "ResearchInstitute" and r.requires != "parent"
        )
        self.by_suffix: dict[str, SuffixRule] = {r.suffix: r for r in data.suffixes}
        self.pattern = re.compile("|".join(re.escape(r.suffix) for r in data.suffixes))
        cfg = data.boundaries
        self.locatives = tuple(str(w) for w in cfg.get("locative_prefixes", []))
        self.locative_types = frozenset(str(t) for t in cfg.get("locative_types", []))
        self.locative_subtypes = frozenset(str(t) for t in cfg.get("locative_subtypes", []))
        self.parent_span_types = frozenset(str(t) for t in cfg.get("parent_span_types", []))
        self.parent_gap = int(cfg.get("parent_centre_max_gap", 6))
        self.parent_gaps: dict[str, tuple[int | None, int]] = {
            str(k): (int(v[1]), int(v[0])) for k, v in (cfg.get("parent_gap_by_suffix") or {}).items()
        }
        self.zone_subtypes = frozenset(str(t) for t in cfg.get("zone_subtypes", []))
        self.parent_centres = frozenset(str(t) for t in cfg.get("parent_centre_suffixes", []))
        self.designation_kinds = frozenset(str(t) for t in cfg.get("designation_kinds", []))
        self.designation_fillers = sorted((str(t) for t in cfg.get("designation_fillers", [])), key=len, reverse=True)
        self.field_joiners = frozenset(str(t) for t in cfg.get("field_name_joiners", []))
        self.field_part_max = int(cfg.get("field_name_part_max", 12))
        self.place_field_types = frozenset(str(t) for t in cfg.get("place_field_types", []))
        self.place_field_max = int(cfg.get("place_field_part_max", 16))
        self.place_verbs = tuple(sorted((str(t) for t in cfg.get("verbs_before_place", [])), key=len, reverse=True))
        self.place_verb_set = frozenset(self.place_verbs)
        self.place_verb_lengths = sorted({len(v) for v in self.place_verbs}, reverse=True)
        self.branch_suffixes = frozenset(str(t) for t in cfg.get("branch_company_suffixes", []))
        self.branch_parents = tuple(str(t) for t in cfg.get("branch_parent_endings", []))
        self.relative_types = frozenset(str(t) for t in cfg.get("relative_institute_types", []))
        self.relative_levels = frozenset(str(t) for t in cfg.get("relative_institute_levels", []))
        self.relative_not_next = frozenset(str(cfg.get("relative_institute_not_next", "")))
        self.verb_levels = tuple(str(t) for t in cfg.get("levels_after_verbs", []))
        self.build_verbs = tuple(sorted((str(t) for t in cfg.get("build_verbs", [])), key=len, reverse=True))
        self.build_types = frozenset(str(t) for t in cfg.get("build_product_types", []))
        self.build_min = int(cfg.get("build_product_min_modifier", 4))
        self.mate_types = frozenset(str(t) for t in cfg.get("list_mate_types", []))
        self.mate_neighbours = frozenset(str(t) for t in cfg.get("list_mate_neighbour_types", []))
        self.mate_min = int(cfg.get("list_mate_min_modifier", 4))
        self.mate_separators = frozenset(str(t) for t in cfg.get("list_mate_separators", []))
        self.site_types = frozenset(str(t) for t in cfg.get("site_in_parentheses_types", []))
        self.longest_suffix = max((len(r.suffix) for r in data.suffixes), default=0)
        # University / ResearchInstitute names of the current document, by start offset
        self.parents: dict[int, list[int]] = {}
        # names accepted earlier in the current document (parents of longer names)
        self.named = AnchorIndex([])

    def propose(
        self, text: str, index: AnchorIndex, ss: int, se: int, rule: SuffixRule
    ) -> tuple[int, str | None, str | None] | None:
        """Left edge and (for agencies) prefix kind/name of a name ending with ``rule``."""
        edge, bounded = self.rules.left_edge(text, ss)
        known = index.by_end.get(se)
        if (
            known is not None
            and known.kind == "org"
            and known.start > edge
            and (
                self.rules.stop_before(text, known.start, shield=False)
                or self.plain_words(text, index, edge, known.start)
                or self.place_dash_pair(text, index, known.start, rule)
            )
        ):
            # a known organisation starts its name after a stop word (联合|同济大学, not
            # 联|合同) or after words holding no place or organisation (表彰|苏州大学)
            edge, bounded = known.start, True
        found = self.propose_from(text, index, edge, bounded, ss, se, rule)
        if found is None and not (known is not None and known.start == edge):
            # a soft stop (联合, 和) is no boundary when the name to its right is no name alone
            wider = self.rules.across_soft(text, edge, index)
            if wider is not None:
                found = self.propose_from(text, index, wider, True, ss, se, rule)
        if found is not None and rule.type in self.parent_span_types:
            parent = self.parent_across_soft(text, index, found[0])
            if parent is not None:
                found = (parent, found[1], found[2])
        if found is not None and rule.requires == "field":
            found = (self.field_across_joiner(text, index, found[0]), found[1], found[2])
        elif rule.type in self.place_field_types:
            wider = self.place_field_across_joiner(text, index, found[0] if found is not None else edge)
            if wider is not None:
                found = self.propose_from(text, index, wider, True, ss, se, rule) or found
        return found

    def place_field_across_joiner(self, text: str, index: AnchorIndex, edge: int) -> int | None:
        """某省某某材料与器件重点实验室: a name that opens with its place and a field goes on to the
        left across a coordinator inside the field. None when the part before the coordinator is
        a place alone (某市与某某实验室: two actors) or holds a name of its own (某市科技局与…), or
        when the part after it opens with a place or organisation of its own."""
        if edge <= 0 or text[edge - 1] not in self.field_joiners:
            return None
        right = index.by_start.get(edge)
        if right is not None and right.kind in ("place", "province", "org"):
            return None  # …和某省某某中心: the right side opens a name of its own
        j = edge - 1
        start, bounded = self.rules.left_edge(text, j, limit=self.place_field_max + 1)
        if not bounded:
            return None
        place = index.by_start.get(start)
        if place is None or place.kind not in ("place", "province") or place.end >= j:
            return None
        if self.pattern.search(text, place.end, j) or index.within(place.end, j):
            return None
        return start

    def field_across_joiner(self, text: str, index: AnchorIndex, edge: int) -> int:
        """A name made of its field goes on to the left across a coordinator inside the field
        (某某与某某全国重点实验室), unless the part before the coordinator is a name of its own."""
        while edge > 0 and text[edge - 1] in self.field_joiners:
            j = edge - 1
            start, bounded = self.rules.left_edge(text, j, limit=self.field_part_max + 1)
            part = text[start:j]
            if not bounded or not 2 <= len(part) <= self.field_part_max:
                break
            if index.by_end.get(j) is not None or self.pattern.search(part) or index.within(start, j):
                break  # 某某实验室及某某全国重点实验室, 某市与某某中心: two names
            if self.rules.starts_generic(part) or self.rules.quantified(text, start):
                break
            edge = start
        return edge

    def relative_institute(self, modifier: str) -> bool:
        """省科学院, 市农业科学院, 省产业技术研究院: the institute of the document's own province or
        city, written with a bare level and a field (not 省级, not a list of levels)."""
        if modifier[:1] not in self.relative_levels or modifier[1:2] in self.relative_not_next:
            return False
        rest = modifier[1:]
        return not rest or all(is_name_char(c) for c in rest) and not self.rules.coverage(rest).uncovered

    def field_alone(self, modifier: str, least: int | None = None) -> bool:
        """Can ``modifier`` name an institute or platform by its field alone (先进制造, not 市级企业)?"""
        if len(modifier) < (self.build_min if least is None else least) or self.rules.starts_generic(modifier):
            return False
        if self.rules.has_generic_infix(modifier) or not all(is_name_char(c) for c in modifier):
            return False
        # 市级企业研究院, 省重点实验室: a rank or a class, not a field
        return not (modifier.startswith(_LEVEL_OPENERS) or any(n in modifier for n in self.rules.category))

    def after_build_verb(self, text: str, edge: int, modifier: str, rule: SuffixRule) -> bool:
        """The product of a co-building (共建某某研究院) is named by its field alone."""
        if rule.type not in self.build_types and rule.subtype not in self.build_types:
            return False
        return self.field_alone(modifier) and any(text.endswith(v, 0, edge) for v in self.build_verbs)

    def list_mates(self, text: str, failed: list[tuple[int, int, SuffixRule]], out: list[Candidate]) -> list[Candidate]:
        """A name by its field alone listed beside a named platform or institute (某某实验室、某某
        技术创新中心列入…) is one too: the list puts them on a par, and a mate found so names the
        next one (A、B、C: each beside the one before)."""
        named = [c for c in out if c.type in self.mate_neighbours]
        by_end = {c.end: c for c in named}
        by_start = {c.start: c for c in named}
        # a bare 中心 is typed by its parent, 平台 and 示范区 need a name or a place: none are mates
        unnamed = ("parent", "named", "place")
        pending = [f for f in failed if f[2].type in self.mate_types and f[2].requires not in unnamed]
        found: list[Candidate] = []
        while pending:
            seps = sorted(e for e in by_end if text[e : e + 1] in self.mate_separators)
            rest, new = [], []
            for ss, se, rule in pending:
                k = bisect.bisect_left(seps, ss - MAX_MODIFIER - 1)
                near = k < len(seps) and seps[k] < ss
                if not near and not (text[se : se + 1] in self.mate_separators and (se + 1) in by_start):
                    rest.append((ss, se, rule))  # no named mate on either side (yet): skip the scan
                    continue
                cand = self.list_mate(text, ss, se, rule, by_end, by_start)
                if cand is None:
                    rest.append((ss, se, rule))
                else:
                    new.append(cand)
            if not new:
                break
            for c in new:
                by_end[c.end] = c
                by_start[c.start] = c
            found.extend(new)
            pending = rest
        return found

    def ends_here(self, text: str, end: int) -> bool:
        """Does a name end at ``end``: punctuation or a stop word (等, 和, 落户 …) follows?"""
        if not is_name_char(text[end : end + 1] or "。"):
            return True
        stops = self.rules.stops
        return any(text[end : end + k] in stops for k in range(1, self.rules.max_stop + 1))

    def list_mate(
        self,
        text: str,
        ss: int,
        se: int,
        rule: SuffixRule,
        by_end: dict[int, Candidate],
        by_start: dict[int, Candidate],
    ) -> Candidate | None:
        edge, bounded = self.rules.left_edge(text, ss)
        if not bounded or self.rules.quantified(text, edge) or not self.field_alone(text[edge:ss], self.mate_min):
            return None
        if self.pattern.match(text, edge, ss) or not self.ends_here(text, se):
            return None  # 推广|中心试验基地, 某某中心|试验基地: cut inside a longer phrase, not a name
        before = edge > 0 and text[edge - 1] in self.mate_separators and (edge - 1) in by_end
        after = text[se : se + 1] in self.mate_separators and (se + 1) in by_start
        return Candidate(edge, se, rule.type, "suffix", subtype=rule.subtype) if before or after else None

    def verb_cut(self, text: str, edge: int, inner: list[Anchor]) -> int:
        """A verb before a place or a national level is not part of the name (服务|某省某某研究院,
        研究|国家高新区)."""
        for k in self.place_verb_lengths:
            if text[edge : edge + k] in self.place_verb_set and text.startswith(self.verb_levels, edge + k):
                return edge + k
        first = next((a for a in inner if a.start >= edge), None)
        if first is None or first.kind not in ("place", "province") or first.start == edge:
            return edge
        p = first.start
        if any(p - k >= edge and text[p - k : p] in self.place_verb_set for k in self.place_verb_lengths):
            return first.start
        return edge

    def parent_across_soft(self, text: str, index: AnchorIndex, edge: int) -> int | None:
        """Start of a parent organisation written before a soft stop that ends at ``edge``
        (中国科学院某某与某某研究所: the institute's name runs from the academy on)."""
        k = self.rules.soft_before(text, edge)
        if not k:
            return None
        for longer in range(self.rules.max_stop, k, -1):
            word = text[edge - longer : edge] if edge >= longer else ""
            if word in self.rules.stops and word not in self.rules.soft:
                return None  # 作为, 成为: a verb ending in the soft character
        most = self.rules.soft.get(text[edge - k : edge], 0)
        for j in range(edge - k, max(0, edge - k - most) - 1, -1):
            if j < edge - k and not self.rules.is_name_char_at(text, j):
                return None
            a = index.by_end.get(j)
            if a is None or a.kind != "org" or j == edge - k:
                continue
            if self.rules.stop_before(text, edge - k, shield=True) and edge - k - j < 2:
                return None
            between = text[j : edge - k]
            if any(self.rules.stop_before(text, p) for p in range(j + 1, edge - k)):
                return None
            return a.start if between else None
        return None

    def designation(self, text: str, index: AnchorIndex, edge: int, se: int) -> bool:
        """Is text[edge:se] a place, level words and a kind of platform only (山西省重点实验室)?"""
        places = [a for a in index.within(edge, se) if a.kind in ("place", "province")]
        if len(places) != 1:
            return False
        rest = "".join(c for c in text[edge : places[0].start] + text[places[0].end : se] if not c.isdigit())
        for filler in self.designation_fillers:
            rest = rest.replace(filler, "")
        return rest in self.designation_kinds

    def zone_opens_with_place(self, text: str, edge: int, inner: list[Anchor]) -> int:
        """A zone or park is named from its place on (时期|某市高新区): words before the first
        place, when no other place or organisation is among them, are not part of the name."""
        first = next((a for a in inner if a.start >= edge), None)
        then = next((a for a in inner if first is not None and a.start == first.end), None)
        if first is not None and first.kind == "org" and then is not None and then.kind == "place":
            return then.start  # 某某示范区|某市高新区: a zone inside a zone is named from its own place
        if first is None or first.kind not in ("place", "province") or first.start == edge:
            return edge
        if "(" in text[edge : first.start] or all(c in LEVEL_CHARS for c in text[edge : first.start]):
            return edge
        return first.start

    def parent_opens(
        self, text: str, index: AnchorIndex, edge: int, ss: int, most: int | None = None, least: int = 0
    ) -> bool:
        """Does a University or ResearchInstitute of the document open the name text[edge:ss],
        followed by a short branch word (``least`` to ``most`` characters), a place or a Latin
        name?"""
        for end in self.parents.get(edge, ()):
            if end > ss or ss - end < least:
                continue
            gap = text[end:ss]
            place = index.by_start.get(end)
            if (
                len(gap) <= (self.parent_gap if most is None else most)
                or (place is not None and place.kind == "place" and place.end == ss)
                or (gap.isascii() and gap.isalpha())
            ):
                return True
        return False

    @staticmethod
    def place_dash_pair(text: str, index: AnchorIndex, start: int, rule: SuffixRule) -> bool:
        """某市-某某大学: a place and a university (or institute) joined by a dash are a pair (a
        meeting of the two), not one name."""
        if rule.type not in ("University", "ResearchInstitute") or text[start - 1 : start] != "-":
            return False
        place = index.by_end.get(start - 1)
        return place is not None and place.kind == "place"

    @staticmethod
    def plain_words(text: str, index: AnchorIndex, start: int, end: int) -> bool:
        """Is text[start:end] two or more characters with no place or organisation in them and
        not ending in a level (市发改委 and 国家发改委 keep their level)?"""
        return end - start >= 2 and text[end - 1] not in LEVEL_CHARS and not index.within(start, end)

    def propose_from(
        self, text: str, index: AnchorIndex, edge: int, bounded: bool, ss: int, se: int, rule: SuffixRule
    ) -> tuple[int, str | None, str | None] | None:
        rules = self.rules
        edge = self.place_across_stop(text, index, edge, ss)
        inner = index.within(edge, ss)
        if not bounded:
            places = [a for a in inner if a.kind in ("place", "province", "org")]
            if not places:
                return None
            edge = places[0].start
        if not (rule.suffix in self.branch_suffixes and any(w in text[edge:ss] for w in self.branch_parents)):
            edge = rules.anchor_cut(text, edge, ss, inner)  # 某某有限公司苏州分公司: the parent stays
        edge = self.verb_cut(text, edge, inner)
        if rule.subtype in self.zone_subtypes:
            edge = self.zone_opens_with_place(text, edge, inner)
        if (
            text.startswith(self.locatives, edge)
            and (rule.type in self.locative_types or rule.subtype in self.locative_subtypes)
            and ss - edge - 1 >= rule.min_modifier
        ):
            edge += 1  # 环某某实验室: the lab, not the ring around it
        inner = index.within(edge, ss)
        modifier = text[edge:ss]
        if len(modifier) < rule.min_modifier:
            return None
        if rule.type == "GovernmentAgency":
            return self.agency_edge(text, index, edge, ss, se, rule)
        if rule.requires == "parent":
            most, least = self.parent_gaps.get(rule.suffix, (None, 0))
            return (edge, None, None) if self.parent_opens(text, index, edge, ss, most, least) else None
        if rules.quantified(text, edge):
            return None
        if rule.type in self.relative_types and self.relative_institute(modifier):
            return edge, "relative", None
        if rule.requires == "field":
            if rules.starts_generic(modifier) or rules.has_generic_infix(modifier) or rules.opens_with_rank(modifier):
                return None  # (省级产业创新服务综合体: a rank of the designation, no name)
            if modifier in rules.data.generic_words:
                return None  # (企业技术创新中心: a class of bodies)
            return edge, None, None
        if not rules.is_proper(modifier, inner, text, edge):
            if self.after_build_verb(text, edge, modifier, rule):
                return edge, None, None
            return None
        if not rules.meets(rule.requires, text, edge, ss, inner + self.named.within(edge, ss)):
            return None
        return edge, None, None

    def place_across_stop(self, text: str, index: AnchorIndex, edge: int, ss: int) -> int:
        """A stop word that ends inside a place opening the name does not cut the place
        (某某经开区长沙某某有限公司: 区长 is a title, 长沙 the company's city)."""
        place = index.spanning(edge, reach=2)
        if place is None or place.kind != "place" or place.end > ss or not self.rules.stop_before(text, edge):
            return edge
        return place.start

    def agency_edge(
        self, text: str, index: AnchorIndex, edge: int, ss: int, se: int, rule: SuffixRule
    ) -> tuple[int, str | None, str | None] | None:
        """The fullest valid agency name ending at ``se`` that starts at or after ``edge``.

        A reading without any level (科技局 named alone) gives way to a qualified one further right:
        in 2018年南通市科技局 the body is 南通市科技局, not a body called 年南通市科技局."""
        bare: tuple[int, str | None, str | None] | None = None
        edge = self.agency.party_before(text, edge)  # the party stays with its committee (九三学社河北省委)
        for start in range(edge, ss):
            if self.agency.level_list(text, start):
                return bare
            inner = index.within(start, ss)
            checked = self.agency.validate(text, start, ss, se, inner, unqualified=start == edge)
            if checked is None:
                continue
            kind, pname, domain = checked
            if self.agency.democratic_party(text, start) is not None:
                return start, kind, pname  # a democratic party's committee is named even at a bare level
            body = self.agency.is_bare(rule.suffix, domain)
            if (
                body
                and kind == "relative"
                and not (self.agency.acts_as_issuer(text, se) or self.agency.after_body(text, start))
            ):
                return bare
            if not domain and not body and not self.agency.complete_without_domain(rule.suffix):
                return bare
            if kind == "unqualified":
                bare = (start, kind, pname)
                continue
            return start, kind, pname
        return bare

    @staticmethod
    def site_in_parens(text: str, index: AnchorIndex, end: int) -> int:
        """某某基地(泉州): a place in parentheses right after a name is its site, part of the name."""
        if text[end : end + 1] != "(":
            return end
        place = index.by_start.get(end + 1)
        if place is None or place.kind != "place" or text[place.end : place.end + 1] != ")":
            return end
        return place.end + 1

    def rule_across_site(
        self, text: str, index: AnchorIndex, ss: int, rule: SuffixRule
    ) -> tuple[int, SuffixRule] | None:
        """某某技术转移(某市)中心: a branch's site in parentheses written before its kind word. The kind
        is read across the site (技术转移 + 中心 is a 转移中心); returns where that suffix starts
        and its rule, or None when no place in parentheses ends right before ``ss``."""
        if ss < 4 or text[ss - 1] != ")":
            return None
        opening = text.rfind("(", max(0, ss - 12), ss - 1)
        place = index.by_start.get(opening + 1) if opening >= 0 else None
        if place is None or place.kind != "place" or place.end != ss - 1:
            return None
        for k in range(min(self.longest_suffix - len(rule.suffix), opening), 0, -1):
            wider = self.by_suffix.get(text[opening - k : opening] + rule.suffix)
            if wider is not None and wider.type in self.site_types:
                return opening - k, wider
        return opening, rule

    def of_institute(self, text: str, index: AnchorIndex, edge: int, ss: int) -> bool:
        """工程中心 / 技术中心 of an academy or institute is a research institute."""
        for a in index.within(edge, ss):
            refs = self.resources.orgs.get(text[a.start : a.end], [])
            if a.kind == "org" and any(r.type == "ResearchInstitute" for r in refs):
                return True
        return any(w in text[edge:ss] for w in self.institute_words)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ctx = context(doc)
        index = AnchorIndex(anchors(doc))
        out = candidates(doc)
        self.parents = {}
        self.named = AnchorIndex([])
        for c in out:
            if c.type in ("University", "ResearchInstitute"):
                self.parents.setdefault(c.start, []).append(c.end)
        failed: list[tuple[int, int, SuffixRule]] = []
        for m in self.pattern.finditer(text):
            ss, se = m.span()
            rule = self.by_suffix[m.group()]
            if self.agency.blocked_right(rule.suffix, text[se : se + 1]):
                continue
            found = None
            if rule.type in self.site_types:
                across = self.rule_across_site(text, index, ss, rule)
                if across is not None:
                    found = self.propose(text, index, across[0], se, across[1])
                    if found is not None:
                        ss, rule = across
            if found is None:
                found = self.propose(text, index, ss, se, rule)
            if found is None:
                failed.append((ss, se, rule))
                continue
            edge, kind, pname = found
            if rule.suffix == "委" and text[se : se + 1] == "会" and self.agency.democratic_party(text, edge):
                se += 1  # 民建省委会: a democratic party's committee written with 会
            if rule.type == "Platform" and self.designation(text, index, edge, se):
                continue
            if rule.type in self.site_types:
                se = self.site_in_parens(text, index, se)
            surface = text[edge:se]
            cand = Candidate(edge, se, rule.type, "suffix", subtype=rule.subtype)
            if kind == "relative" and surface[0] == "州" and not (ctx.city or "").endswith("自治州"):
                continue  # 州科技局 where the document is no autonomous prefecture's: whose is not certain
            if kind == "relative" and rule.type != "GovernmentAgency":
                place = ctx.province if surface[0] == "省" else ctx.city
                if not place:
                    continue  # 省科学院 with no province known: which academy is not certain
                cand.name = place + surface[1:]
                cand.aliases.add(surface)
            elif rule.type == "GovernmentAgency":
                cand.name = self.agency.expand(surface, kind, pname, ctx)
                if kind == "unqualified" and self.agency.listed_after_body(text, edge):
                    # 市政府、科技局、发改委、人事局: a body listed among the jurisdiction's bodies is its own
                    cand.name = self.agency.local_body(surface, ctx) or cand.name
                if kind == "unqualified" and cand.name == surface:
                    continue  # no such body known in the document's jurisdiction
                if kind == "relative" and ctx.region and ctx.city is None and surface[0] in "市区县":
                    continue  # 市财政局 in a provincial document: every city's bureau, not one body
                if cand.name != surface:
                    cand.aliases.add(surface)
                cand.region = ctx.city if kind == "relative" else None
                division = self.agency.division_end(text, se)
                if division is not None:  # 省科技厅高新处: the division, named after its parent body
                    cand.end, cand.name = division, cand.name + text[se:division]
                    cand.aliases = {text[edge:division]}
            elif rule.type == "Platform":
                cand.level = self.rules.level_of(text[edge:ss])
                if (rule.subtype == "engineering_centre" and self.of_institute(text, index, edge, ss)) or (
                    rule.suffix in self.parent_centres and self.parent_opens(text, index, edge, ss)
                ):
                    cand.type, cand.subtype, cand.level = "ResearchInstitute", None, None
            out.append(cand)
            if cand.type == "Platform":
                # a platform found here may open a longer one (某某实验室成果转化基地)
                self.named.add(Anchor(edge, se, "org", surface))
            if cand.type in ("University", "ResearchInstitute"):
                self.parents.setdefault(edge, []).append(se)
        out.extend(self.list_mates(text, failed, out))
        return doc


@Language.factory("innograph_suffix", default_config={"data_dir": None})
def make_suffix(nlp: Language, name: str, data_dir: str | None) -> SuffixGrammar:
    return SuffixGrammar(name, data_dir)
