"""Suffix grammar for named actors: …有限公司, …大学, …研究院, …高新区, …局 ..."""

from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.agencies import AgencyRules
from ingest.extract.candidates import Candidate, anchors, candidates, context, doc_text
from ingest.extract.data import SuffixRule, load_data
from ingest.extract.names import LEVEL_CHARS, AnchorIndex, NameRules
from ingest.extract.resources import load_resources

logger = logging.getLogger(__name__)


class SuffixGrammar:
    def __init__(self, name: str) -> None:
        self.name = name
        data = load_data()
        self.rules = NameRules(data)
        self.resources = load_resources()
        self.agency = AgencyRules(data, self.rules, self.resources)
        self.institute_words = tuple(r.suffix for r in data.suffixes if r.type == "ResearchInstitute")
        self.by_suffix: dict[str, SuffixRule] = {r.suffix: r for r in data.suffixes}
        self.pattern = re.compile("|".join(re.escape(r.suffix) for r in data.suffixes))

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
        return found

    @staticmethod
    def plain_words(text: str, index: AnchorIndex, start: int, end: int) -> bool:
        """Is text[start:end] two or more characters with no place or organisation in them and
        not ending in a level (市发改委 and 国家发改委 keep their level)?"""
        return end - start >= 2 and text[end - 1] not in LEVEL_CHARS and not index.within(start, end)

    def propose_from(
        self, text: str, index: AnchorIndex, edge: int, bounded: bool, ss: int, se: int, rule: SuffixRule
    ) -> tuple[int, str | None, str | None] | None:
        rules = self.rules
        inner = index.within(edge, ss)
        if not bounded:
            places = [a for a in inner if a.kind in ("place", "province", "org")]
            if not places:
                return None
            edge = places[0].start
        edge = rules.anchor_cut(text, edge, ss, inner)
        inner = index.within(edge, ss)
        modifier = text[edge:ss]
        if len(modifier) < rule.min_modifier:
            return None
        if rule.type == "GovernmentAgency":
            return self.agency_edge(text, index, edge, ss, se, rule)
        if rules.quantified(text, edge) or not rules.is_proper(modifier, inner, text, edge):
            return None
        if not rules.meets(rule.requires, text, edge, ss, inner):
            return None
        return edge, None, None

    def agency_edge(
        self, text: str, index: AnchorIndex, edge: int, ss: int, se: int, rule: SuffixRule
    ) -> tuple[int, str | None, str | None] | None:
        """The fullest valid agency name ending at ``se`` that starts at or after ``edge``."""
        for start in range(edge, ss):
            inner = index.within(start, ss)
            checked = self.agency.validate(text, start, ss, se, inner)
            if checked is None:
                continue
            kind, pname, domain = checked
            body = self.agency.is_bare(rule.suffix, domain)
            if body and kind == "relative" and not self.agency.acts_as_issuer(text, se):
                return None
            if not domain and not body and not self.agency.complete_without_domain(rule.suffix):
                return None
            return start, kind, pname
        return None

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
        for m in self.pattern.finditer(text):
            ss, se = m.span()
            rule = self.by_suffix[m.group()]
            if self.agency.blocked_right(rule.suffix, text[se : se + 1]):
                continue
            found = self.propose(text, index, ss, se, rule)
            if found is None:
                continue
            edge, kind, pname = found
            surface = text[edge:se]
            cand = Candidate(edge, se, rule.type, "suffix", subtype=rule.subtype)
            if rule.type == "GovernmentAgency":
                cand.name = self.agency.expand(surface, kind, pname, ctx)
                if cand.name != surface:
                    cand.aliases.add(surface)
                cand.region = ctx.city if kind == "relative" else None
            elif rule.type == "Platform":
                cand.level = self.rules.level_of(text[edge:ss])
                if rule.subtype == "engineering_centre" and self.of_institute(text, index, edge, ss):
                    cand.type, cand.subtype, cand.level = "ResearchInstitute", None, None
            out.append(cand)
        return doc


@Language.factory("innograph_suffix")
def make_suffix(nlp: Language, name: str) -> SuffixGrammar:
    return SuffixGrammar(name)
