"""Entity resolution across documents: one node per real actor.

In-document resolution (abbreviations, 市科技局 → the city's bureau, renamed places, 我市 as the
implicit subject) happens during extraction. This step makes names agree ACROSS documents:

1. the user's alias file (``aliases.yaml``) — ``merge`` rules map surface forms to one canonical
   name; ``never`` rules keep names apart even when the automatic rules would merge them;
2. place-qualified platform names with short and full suffixes (南通高新区 = 南通国家高新区 =
   南通高新技术产业开发区), from ``resolve_data/equivalences.yaml``;
3. short and full names of one organisation when some document of the batch (or an actor already in
   the graph) links them: a document that only says 中天科技 joins the actor that another document
   calls 中天科技股份公司 with the short form as an alias;
4. near-duplicate names of the same type among the names known to the batch and the graph, by general
   rules with a confidence each (``resolve_data/equivalences.yaml``): a province's name in front of a
   city's (江苏南通国家农业科技园区 = 南通国家农业科技园区), a generic infix before the category word
   (南通先进通信技术研究院 = 南通先进通信研究院), a short company name that begins exactly one full one
   (广晟健发 = 广晟健发再生资源有限公司), a short name that ends exactly one longer name of its type
   (太湖实验室 = 深海技术科学太湖实验室). Places are never merged by these rules, and the fullest name
   is canonical.

Every change is recorded in the entity's ``merges`` ("rule (confidence): surface -> canonical") and
stored with the document's MENTIONS relationship, so each merge can be traced to its documents.
``never`` rules of the alias file keep names apart and never create an actor of their own.
"""

from __future__ import annotations

import bisect
import logging
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ingest.models import Entity, Extraction, Relation, actor_id

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "resolve_data" / "equivalences.yaml"
LINKED_TYPES = ("Enterprise", "ResearchInstitute", "University")  # types whose short names are linked
NEAR_TYPES = ("Enterprise", "ResearchInstitute", "Platform", "University")  # near-duplicate rules apply


class AliasFileError(ValueError):
    """The alias file is malformed; the message names the file and the problem."""


class MergeRule(BaseModel):
    name: str
    type: str | None = None
    aliases: list[str] = Field(default_factory=list)


class NeverRule(BaseModel):
    names: list[str]
    type: str | None = None


class AliasRules(BaseModel):
    merge: list[MergeRule] = Field(default_factory=list)
    never: list[NeverRule] = Field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> AliasRules:
        if path is None or not Path(path).exists():
            return cls()
        try:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            return cls.model_validate(raw)
        except (yaml.YAMLError, ValueError) as exc:
            raise AliasFileError(f"{path}: {exc}") from exc

    def never_together(self, a: str, b: str) -> bool:
        return any(a in r.names and b in r.names for r in self.never)


@lru_cache(maxsize=1)
def _equivalences() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return data


def platform_key(name: str) -> str | None:
    """The canonical spelling of a place-qualified zone name, or None if ``name`` is not one."""
    eq = _equivalences()
    for pair in eq["platform_suffixes"]:
        for suffix in (pair["full"], pair["short"]):
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                for word in eq["level_words"]:
                    if stem.endswith(word) and len(stem) > len(word):
                        stem = stem[: -len(word)]
                        break
                if len(stem) < 2:
                    return None
                return stem + pair["full"]
    return None


def province_prefix_stripped(name: str) -> str | None:
    """``name`` without a leading province name that stands before a place of that province
    (江苏南通国家农业科技园区 -> 南通国家农业科技园区); None when it has none."""
    from ingest.gazetteer.loader import load_gazetteer

    gaz = load_gazetteer()
    for end in range(2, min(len(name) - 3, 8) + 1):
        provinces = [p for p in gaz.places_named(name[:end]) if p.type == "Province"]
        if len(provinces) != 1:
            continue
        rest = name[end:]
        for cut in range(2, min(len(rest), 6) + 1):
            if any(p.type != "Province" and p.province == provinces[0].name for p in gaz.places_named(rest[:cut])):
                return rest
    return None


def infix_key(name: str) -> str | None:
    """``name`` with the generic infixes before its category word dropped (南通先进通信技术研究院 ->
    南通先进通信研究院); None when it ends with no category word."""
    eq = _equivalences()
    for word in sorted(eq["category_words"], key=len, reverse=True):
        if name.endswith(word) and len(name) > len(word):
            stem = name[: -len(word)]
            for infix in sorted(eq["generic_infixes"], key=len, reverse=True):
                if stem.endswith(infix) and len(stem) - len(infix) >= 2:
                    stem = stem[: -len(infix)]
                    break
            return stem + word
    return None


def _proper_part(name: str) -> str:
    for word in sorted(_equivalences()["category_words"], key=len, reverse=True):
        if name.endswith(word):
            return name[: -len(word)]
    return ""


def rule_confidence(rule: str) -> float:
    """The confidence of a resolution rule's merges (``resolve_data/equivalences.yaml``)."""
    return float(_equivalences()["confidence"].get(rule.split("(")[0], 0.5))


class NameIndex:
    """The names of one actor type known to a batch and the graph, indexed for the near-duplicate rules."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.sorted = sorted(names)
        self.reversed = sorted(n[::-1] for n in names)
        self.by_infix: dict[str, set[str]] = defaultdict(set)
        self.by_province_stripped: dict[str, set[str]] = defaultdict(set)
        for n in names:
            key = infix_key(n)
            if key is not None:
                self.by_infix[key].add(n)
            stripped = province_prefix_stripped(n)
            if stripped is not None:
                self.by_province_stripped[stripped].add(n)

    def starting_with(self, prefix: str) -> list[str]:
        i = bisect.bisect_left(self.sorted, prefix)
        out = []
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            out.append(self.sorted[i])
            i += 1
        return out

    def ending_with(self, suffix: str) -> list[str]:
        rev = suffix[::-1]
        i = bisect.bisect_left(self.reversed, rev)
        out = []
        while i < len(self.reversed) and self.reversed[i].startswith(rev):
            out.append(self.reversed[i][::-1])
            i += 1
        return out


def company_stem(name: str) -> str | None:
    for suffix in _equivalences()["company_suffixes"]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class Resolver:
    def __init__(self, rules: AliasRules | None = None, store: Any = None) -> None:
        self.rules = rules or AliasRules()
        self.store = store
        self._short_to_full: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._graph_map: dict[tuple[str, str], set[str]] | None = None
        self._merge_map: dict[str, MergeRule] = {}
        self._batch_names: dict[str, set[str]] = defaultdict(set)
        self._graph_names: dict[str, set[str]] | None = None
        self._index: dict[str, NameIndex] = {}
        for rule in self.rules.merge:
            for surface in [rule.name, *rule.aliases]:
                self._merge_map[surface] = rule

    @classmethod
    def from_file(cls, path: Path | None, store: Any = None) -> Resolver:
        return cls(AliasRules.load(path), store)

    # -- learning links between short and full names --------------------------------------------
    def learn(self, extractions: list[Extraction]) -> None:
        """Record every short↔full name link that a document of the batch states."""
        for ex in extractions:
            for e in ex.entities:
                if e.type in NEAR_TYPES:
                    self._batch_names[e.type].add(e.name)
                for alias in e.aliases:
                    if alias != e.name and alias in e.name and not self.rules.never_together(alias, e.name):
                        self._short_to_full[(e.type, alias)].add(e.name)
        self._index.clear()

    def _names(self, etype: str) -> NameIndex:
        """The names of ``etype`` known to the batch so far and to the graph (read once per run)."""
        if self._graph_names is None:
            self._graph_names = defaultdict(set)
            if self.store is not None:
                for r in self.store.read("actor_names", {"types": list(NEAR_TYPES)}, timeout_ms=0).records():
                    self._graph_names[r["type"]].add(r["name"])
        if etype not in self._index:
            self._index[etype] = NameIndex(self._batch_names[etype] | self._graph_names[etype])
        return self._index[etype]

    def near_duplicate(self, entity: Entity, index: NameIndex | None = None) -> tuple[str, str] | None:
        """(fuller name, rule) of the one known name of the same type that ``entity`` is a form of.

        ``index`` is the names to look in; by default those of the batch and of the graph.
        """
        if entity.type not in NEAR_TYPES:
            return None
        eq = _equivalences()
        name = entity.name
        if index is None:
            index = self._names(entity.type)

        def one(candidates: Iterable[str], rule: str) -> tuple[str, str] | None:
            found = {c for c in candidates if c != name and not self.rules.never_together(name, c)}
            if len(found) == 1:
                return found.pop(), rule
            return None

        # 南通国家农业科技园区 -> 江苏南通国家农业科技园区
        hit = one(index.by_province_stripped.get(name, ()), "province-prefix")
        if hit:
            return hit
        if entity.type in eq["infix_types"]:
            key = infix_key(name)
            group = index.by_infix.get(key, set()) if key else set()
            longest = max(group | {name}, key=lambda n: (len(n), n)) if group else name
            if longest != name and len(longest) > len(name):
                return longest, "generic-infix"
        if entity.type == "Enterprise" and company_stem(name) is None and len(name) >= eq["min_company_short"]:
            hit = one((n for n in index.starting_with(name) if company_stem(n) is not None), "company-prefix")
            if hit:
                return hit
        if entity.type in ("ResearchInstitute", "Platform") and len(_proper_part(name)) >= eq["min_proper"]:
            hit = one(index.ending_with(name), "name-suffix")
            if hit:
                return hit
        return None

    def _graph_links(self) -> dict[tuple[str, str], set[str]]:
        """Short → full name links of the actors already in the graph, read once (one query per run)."""
        if self._graph_map is None:
            self._graph_map = defaultdict(set)
            if self.store is not None:
                rows = self.store.read("actor_alias_links", {"types": list(LINKED_TYPES)}, timeout_ms=0).records()
                for r in rows:
                    for alias in r["aliases"] or []:
                        if alias != r["name"] and alias in r["name"]:
                            self._graph_map[(r["type"], alias)].add(r["name"])
        return self._graph_map

    def _graph_full_name(self, entity: Entity) -> str | None:
        names = self._graph_links().get((entity.type, entity.name), set())
        return next(iter(names)) if len(names) == 1 else None

    # -- resolving one document ----------------------------------------------------------------------
    def canonical(self, entity: Entity) -> tuple[str, str] | None:
        """(new canonical name, rule) for an entity, or None to keep it as it is."""
        for surface in [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]:
            rule = self._merge_map.get(surface)
            if rule is not None and (rule.type is None or rule.type == entity.type) and rule.name != entity.name:
                return rule.name, "aliases.yaml"
        if entity.type == "Platform":
            key = platform_key(entity.name)
            if key and key != entity.name and not self.rules.never_together(entity.name, key):
                return key, "platform-suffix"
        if entity.type in LINKED_TYPES and company_stem(entity.name) is None:
            fulls = self._short_to_full.get((entity.type, entity.name), set())
            if len(fulls) == 1:
                return next(iter(fulls)), "short-name-link"
            if not fulls:
                # a fuller name the batch or the graph holds (by the near-duplicate rules) comes before an
                # alias link read from the graph: that alias may itself be the record of an earlier merge,
                # and the decision (and the rule recorded) must not depend on which documents were loaded first
                hit = self.near_duplicate(entity)
                if hit is not None:
                    return hit
                full = self._graph_full_name(entity)
                if full and not self.rules.never_together(entity.name, full):
                    return full, "short-name-link(graph)"
        return self.near_duplicate(entity)

    def resolve(self, extraction: Extraction) -> Extraction:
        """A copy of ``extraction`` with names made to agree across documents."""
        entities: dict[str, Entity] = {}
        remap: dict[str, str] = {}
        for original in extraction.entities:
            # a shallow copy with its own lists: resolution rebinds names and extends the lists, and never
            # changes a mention in place (a deep copy of every mention cost most of the resolve step)
            fresh = original.model_copy(
                update={
                    "aliases": list(original.aliases),
                    "mentions": list(original.mentions),
                    "merges": list(original.merges),
                    "region_path": list(original.region_path),
                }
            )
            for e in self._split_never(fresh):
                decision = self.canonical(e)
                if decision is not None:
                    name, rule = decision
                    e.merges.append(f"{rule} ({rule_confidence(rule):.2f}): {e.name} -> {name}")
                    e.aliases = [a for a in dict.fromkeys([*e.aliases, e.name]) if a != name]
                    e.name = name
                    e.id = actor_id(e.type, name)
                remap.setdefault(original.id, e.id)
                if e.id in entities:  # two entities of the document are one actor
                    kept = entities[e.id]
                    kept.mentions.extend(e.mentions)
                    kept.aliases = [a for a in dict.fromkeys([*kept.aliases, *e.aliases, e.name]) if a != kept.name]
                    kept.merges.extend(e.merges)
                    kept.implicit = kept.implicit and e.implicit
                else:
                    entities[e.id] = e
        relations: list[Relation] = []
        for rel in extraction.relations:
            head, tail = remap.get(rel.head, rel.head), remap.get(rel.tail, rel.tail)
            if head == tail:
                continue
            relations.append(rel.model_copy(update={"head": head, "tail": tail}))
        return extraction.model_copy(update={"entities": list(entities.values()), "relations": relations})

    def _split_never(self, e: Entity) -> list[Entity]:
        """Split off the surface forms that an alias-file ``never`` rule keeps apart from the name."""
        banned = [a for a in e.aliases if self.rules.never_together(a, e.name)]
        if not banned:
            return [e]
        parts = [e]
        for alias in banned:
            if not any(m.text == alias for m in e.mentions):
                continue  # the alias was only linked, never written here: it is dropped, not made an actor
            parts.append(
                Entity(
                    id=actor_id(e.type, alias),
                    name=alias,
                    type=e.type,
                    region=e.region,
                    mentions=[m for m in e.mentions if m.text == alias],
                    merges=[f"aliases.yaml never: split {alias} from {e.name}"],
                )
            )
        e.aliases = [a for a in e.aliases if a not in banned]
        e.mentions = [m for m in e.mentions if m.text not in banned]
        e.merges.append(f"aliases.yaml never: kept {', '.join(banned)} apart from {e.name}")
        return parts


class Candidate(BaseModel):
    """Two actors of one type that may be one: for a person to review (``innograph resolve candidates``)."""

    type: str
    name: str
    other: str
    rule: str
    score: float


def duplicate_candidates(names: dict[str, set[str]], *, min_score: float = 0.5) -> list[Candidate]:
    """Likely duplicates among actor names (type -> names), best first.

    Every pair the near-duplicate rules relate (also those they leave alone because the short form fits
    several names: each pair then scores the rule's confidence divided by the number of alternatives),
    and pairs of one type whose names begin alike and differ little (similarity × 0.6). Places are
    never candidates."""
    import difflib

    out: dict[tuple[str, str, str], Candidate] = {}

    def put(etype: str, a: str, b: str, rule: str, score: float) -> None:
        if a == b or score < min_score:
            return
        short, full = sorted((a, b), key=lambda n: (len(n), n))
        key = (etype, short, full)
        if key not in out or out[key].score < score:
            out[key] = Candidate(type=etype, name=short, other=full, rule=rule, score=round(score, 3))

    eq = _equivalences()
    for etype, group in names.items():
        if etype not in NEAR_TYPES:
            continue
        index = NameIndex(set(group))
        for name in index.names:
            related: list[tuple[list[str], str]] = [
                (sorted(index.by_province_stripped.get(name, ())), "province-prefix")
            ]
            key = infix_key(name) if etype in eq["infix_types"] else None
            if key:
                related.append((sorted(index.by_infix.get(key, set()) - {name}), "generic-infix"))
            if etype == "Enterprise" and company_stem(name) is None and len(name) >= eq["min_company_short"]:
                related.append(([n for n in index.starting_with(name) if n != name], "company-prefix"))
            if etype in ("ResearchInstitute", "Platform") and len(_proper_part(name)) >= eq["min_proper"]:
                related.append(([n for n in index.ending_with(name) if n != name], "name-suffix"))
            for others, rule in related:
                for other in others:
                    put(etype, name, other, rule, rule_confidence(rule) / len(others))
        blocks: dict[str, list[str]] = defaultdict(list)
        for name in index.sorted:
            blocks[name[:2]].append(name)
        for block in blocks.values():
            if len(block) > 200:  # a very common beginning (中国, 国家): too broad to compare all pairs
                continue
            for i, a in enumerate(block):
                for b in block[i + 1 :]:
                    ratio = difflib.SequenceMatcher(None, a, b).ratio()
                    put(etype, a, b, "similar-name", 0.6 * ratio)
    return sorted(out.values(), key=lambda c: (-c.score, c.type, c.name, c.other))
