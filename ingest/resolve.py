"""Entity resolution across documents: one node per real actor.

In-document resolution (abbreviations, 市科技局 → the city's bureau, renamed places, 我市 as the
implicit subject) happens during extraction. This step makes names agree ACROSS documents:

1. the user's alias file (``aliases.yaml``) — ``merge`` rules map surface forms to one canonical
   name; ``never`` rules keep names apart even when the automatic rules would merge them;
2. place-qualified platform names with short and full suffixes (南通高新区 = 南通国家高新区 =
   南通高新技术产业开发区), from ``resolve_data/equivalences.yaml``;
3. short and full names of one organisation when some document of the batch (or an actor already in
   the graph) links them: a document that only says 中天科技 joins the actor that another document
   calls 中天科技股份公司 with the short form as an alias.

Every change is recorded in the entity's ``merges`` ("rule: surface -> canonical") and stored with
the document's MENTIONS relationship, so each merge can be traced to its documents.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ingest.models import Entity, Extraction, Relation, actor_id

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "resolve_data" / "equivalences.yaml"
LINKED_TYPES = ("Enterprise", "ResearchInstitute", "University")  # types whose short names are linked


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
                for alias in e.aliases:
                    if alias != e.name and alias in e.name and not self.rules.never_together(alias, e.name):
                        self._short_to_full[(e.type, alias)].add(e.name)

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
                full = self._graph_full_name(entity)
                if full and not self.rules.never_together(entity.name, full):
                    return full, "short-name-link(graph)"
        return None

    def resolve(self, extraction: Extraction) -> Extraction:
        """A copy of ``extraction`` with names made to agree across documents."""
        entities: dict[str, Entity] = {}
        remap: dict[str, str] = {}
        for original in extraction.entities:
            for e in self._split_never(original.model_copy(deep=True)):
                decision = self.canonical(e)
                if decision is not None:
                    name, rule = decision
                    e.merges.append(f"{rule}: {e.name} -> {name}")
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
