"""Overlap resolution, in-document grouping (canonical names, short forms) and the second pass."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ingest.extract.candidates import (
    Anchor,
    Candidate,
    anchors,
    candidates,
    doc_text,
)
from ingest.extract.data import load_data
from ingest.extract.names import NameRules
from ingest.extract.resources import Resources, load_resources

logger = logging.getLogger(__name__)

_PAREN = re.compile(r"\([^()]*\)")
# sources whose name is the canonical one even when it equals the surface
_AUTHORITATIVE = ("gazetteer", "abbreviation", "title", "responsibility")


def _leftmost_longest(text: str, forms: Iterable[str]) -> list[tuple[int, str]]:
    """Non-overlapping occurrences of ``forms`` in ``text``, scanning left to right, the longest first.

    The matches of one alternation of the forms, longest first (without compiling one per document).

    >>> _leftmost_longest("甲乙丙甲乙", ["甲乙", "甲", "乙丙"])
    [(0, '甲乙'), (3, '甲乙')]
    """
    hits: list[tuple[int, int, str]] = []
    for form in forms:
        at = text.find(form)
        while at >= 0:
            hits.append((at, -len(form), form))
            at = text.find(form, at + 1)
    hits.sort()
    out: list[tuple[int, str]] = []
    free = 0
    for at, _, form in hits:
        if at >= free:
            out.append((at, form))
            free = at + len(form)
    return out


@dataclass
class Group:
    """One resolved entity of a document (offsets index the normalised text)."""

    type: str
    name: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    subtype: str | None = None
    level: str | None = None
    region: str | None = None


def select(cands: list[Candidate], length: int) -> list[Candidate]:
    """Non-overlapping candidates: longer first, then higher priority, then earlier."""
    taken = bytearray(length + 1)
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if c.nested or c.end <= c.start or any(taken[c.start : c.end]):
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    titles = [c for c in chosen if c.type == "Policy"]
    for c in cands:
        # a title's issuer stands beside the title when the title itself was chosen; a title line
        # (a notice naming the document it issues) stands beside the names inside it
        if c.nested and (c.type == "Policy" or any(t.start <= c.start and c.end <= t.end for t in titles)):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


class MentionResolver:
    def __init__(self, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the component's data (``nlp.initialize()`` calls this once, before the first document)."""
        data = load_data(self.data_dir)
        cfg: dict[str, Any] = data.resolution
        self.platform_repl: dict[str, str] = {
            str(k): str(v or "") for k, v in (cfg.get("platform_key_replacements") or {}).items()
        }
        self.institute_repl: dict[str, str] = {
            str(k): str(v or "") for k, v in (cfg.get("institute_key_replacements") or {}).items()
        }
        self.min_after_province = int(cfg.get("min_key_after_province", 4))
        self.min_second = int(cfg.get("min_second_pass_chars", 3))
        self.second_types = set(cfg.get("second_pass_types", []))
        forms = data.company.get("company_forms", [])
        self.company_forms = sorted((str(f) for f in forms), key=len, reverse=True)
        self.min_short = int(data.company.get("min_short_chars", 3))
        self.university_short: dict[str, str] = {
            str(k): str(v) for k, v in (cfg.get("university_short_forms") or {}).items()
        }
        self.rules = NameRules(data)
        self.honours = tuple(str(w) for w in data.agencies.get("honour_titles") or [])
        markers = "|".join(map(re.escape, cfg.get("declared_short_form_markers") or []))
        self.declared = re.compile(rf"\((?:{markers})[::]?[“\"]?([^“”\"()]{{2,12}})[”\"]?\)") if markers else None
        self.resources: Resources = load_resources()
        provinces = {r.name for refs in self.resources.places.values() for r in refs if r.type == "Province"}
        short = set()
        for p in provinces:
            for suf in ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区"):
                if p.endswith(suf) and len(p) > len(suf) + 1:
                    short.add(p[: -len(suf)])
        self.province_forms = sorted(provinces | short, key=len, reverse=True)

    # -- keys ---------------------------------------------------------------------------
    def generic_rest(self, rest: str) -> bool:
        """Is what is left of a name without its place only generic words (大学科技园)? Then the
        place is what names it, and it stays in the key (天津市大学科技园 is not 西青大学科技园)."""
        cov = self.rules.coverage(rest)
        return cov.uncovered == 0 and cov.fields == 0

    def strip_province(self, name: str) -> str:
        for p in self.province_forms:
            if name.startswith(p) and len(name) - len(p) >= self.min_after_province:
                return name if self.generic_rest(name[len(p) :]) else name[len(p) :]
        return name

    def strip_place(self, key: str, anchors_at: dict[int, Anchor], start: int) -> str:
        """Drop a leading city name (南通创源科技园 = 创源科技园) when enough is left."""
        a = anchors_at.get(start)
        if a is None or a.kind != "place":
            return key
        for form in sorted({a.name, a.name[:-1]}, key=len, reverse=True):
            if key.startswith(form) and len(key) - len(form) >= self.min_after_province + 1:
                return key if self.generic_rest(key[len(form) :]) else key[len(form) :]
        return key

    def company_core(self, name: str) -> str:
        core = _PAREN.sub("", name)
        for form in self.company_forms:
            if core.endswith(form) and len(core) - len(form) >= 2:
                core = core[: -len(form)]
                break
        return core

    def key(self, cand_type: str, name: str, anchors_at: dict[int, Anchor], start: int) -> str:
        if cand_type == "Enterprise":
            core = self.company_core(name)
            a = anchors_at.get(start)
            if a is not None and a.kind in ("place", "province") and len(core) - (a.end - a.start) >= 2:
                core = core[a.end - a.start :]
            return core
        if cand_type == "Platform":
            k = name
            for old, new in self.platform_repl.items():
                k = k.replace(old, new)
            return self.strip_place(self.strip_province(k), anchors_at, start)
        if cand_type == "ResearchInstitute":
            k = name
            for old, new in self.institute_repl.items():
                k = k.replace(old, new)
            return self.strip_place(self.strip_province(k), anchors_at, start)
        return name

    # -- grouping -----------------------------------------------------------------------
    def group(self, text: str, chosen: list[Candidate], anchors_at: dict[int, Anchor]) -> list[Group]:
        groups: dict[tuple[str, str], Group] = {}
        explicit: dict[tuple[str, str], tuple[int, int, str]] = {}
        by_name: dict[tuple[str, str], tuple[str, str]] = {}
        for c in chosen:
            surface = text[c.start : c.end]
            name = c.name or surface
            # the items of a shared head (拉萨、林芝2家农业科技园区) differ only by the place that opens them
            k = (c.type, name if c.source == "shared_head" else self.key(c.type, name, anchors_at, c.start))
            k = by_name.get((c.type, name), k)
            by_name.setdefault((c.type, name), k)
            g = groups.get(k)
            if g is None:
                g = groups[k] = Group(c.type, name)
            g.spans.append((c.start, c.end))
            g.aliases.add(surface)
            g.aliases.update(c.aliases)
            if c.name and c.source != "second_pass" and (c.name != surface or c.source in _AUTHORITATIVE):
                rank = (c.priority, len(c.name), c.name)
                if k not in explicit or rank > explicit[k]:
                    explicit[k] = rank
            g.subtype = g.subtype or c.subtype
            g.level = g.level or c.level
            g.region = g.region or c.region
        for k, g in groups.items():
            if k in explicit:
                g.name = explicit[k][2]
            else:
                # the fullest form found in the document
                g.name = max(g.aliases, key=lambda s: (len(s), s)) if g.aliases else g.name
            g.aliases.discard(g.name)
        return list(groups.values())

    def short_forms(self, g: Group) -> set[str]:
        forms = {g.name} | g.aliases
        if g.type == "Enterprise":
            for f in list(forms):
                core = self.company_core(f)
                if core != f and len(core) >= self.min_short:
                    forms.add(core)
        if g.type == "University":
            for f in list(forms):
                for long, short in self.university_short.items():
                    if f.endswith(long) and len(f) > len(long):
                        forms.add(f[: -len(long)] + short)
        if g.type == "Policy":
            return set()
        return forms

    def declared_short_forms(self, text: str, g: Group) -> set[str]:
        """Short forms a document declares right after a name: 某某科技成果转化服务广场(简称“某某广场”)."""
        out: set[str] = set()
        if self.declared is None:
            return out
        for _, e in g.spans:
            m = self.declared.match(text, e)
            if m is not None:
                out.add(m.group(1))
        return out

    def second_pass(self, text: str, groups: list[Group]) -> list[Candidate]:
        table: dict[str, Group] = {}
        for g in groups:
            if g.type not in self.second_types:
                continue
            declared = self.declared_short_forms(text, g)
            for f in self.short_forms(g) | declared:
                f = f.strip('“”"《》')
                if (len(f) < self.min_second and f not in declared) or len(f) < 2 or f not in text:
                    continue
                if f in table and table[f] is not g:
                    table[f] = Group("", "")  # ambiguous between two entities: skip
                    continue
                table[f] = g
        table = {f: g for f, g in table.items() if g.type}
        if not table:
            return []
        out = []
        for start, form in _leftmost_longest(text, table):
            end = start + len(form)
            if text.startswith(self.honours, end):
                continue  # 中国科学院院士: a person's honour, not a mention of the academy
            g = table[form]
            out.append(
                Candidate(
                    start,
                    end,
                    g.type,
                    "second_pass",
                    name=g.name,
                    subtype=g.subtype,
                    level=g.level,
                    region=g.region,
                )
            )
        return out

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands = candidates(doc)
        anchors_at = {a.start: a for a in sorted(anchors(doc), key=lambda a: a.end - a.start)}
        first = select(cands, len(text))
        groups = self.group(text, first, anchors_at)
        extra = self.second_pass(text, groups)
        final = select(cands + extra, len(text))
        groups = self.group(text, final, anchors_at)
        for g in groups:
            if g.region is None:
                g.region = self.region_of(g, anchors_at)
        doc._.innograph_result = groups
        spans = []
        for g in groups:
            for s, e in g.spans:
                span = doc.char_span(s, e, label=g.type, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc.spans["innograph"] = sorted(spans, key=lambda sp: sp.start_char)
        return doc

    def region_of(self, g: Group, anchors_at: dict[int, Anchor]) -> str | None:
        if g.type in ("Policy", "Programme"):
            return None
        for s, _ in g.spans:
            a = anchors_at.get(s)
            if a is not None and a.kind == "place":
                ref = self.resources.place(a.name)
                return ref.city if ref and ref.city else a.name
        return None


@Language.factory("innograph_resolve", default_config={"data_dir": None})
def make_resolve(nlp: Language, name: str, data_dir: str | None) -> MentionResolver:
    return MentionResolver(name, data_dir)
