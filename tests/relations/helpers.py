"""Building documents and entities for relation tests from short invented sentences."""

from __future__ import annotations

from ingest.models import Document, DocumentMeta, Entity, Mention, Relation, actor_id
from ingest.relations import extract_relations
from ingest.sentences import split_sentences

EntitySpec = tuple[str, str, list[str]]  # canonical name, type, extra surface forms


def make_doc(
    text: str,
    *,
    region: str | None = "南通市",
    genre: str = "summary",
    issuer: str | None = "南通市科学技术局",
    province: str | None = "江苏省",
) -> Document:
    meta = DocumentMeta(id="d_test", region=region, genre=genre, issuer=issuer, province=province, chars=len(text))
    return Document(meta=meta, text=text)


def make_entities(text: str, specs: list[EntitySpec]) -> list[Entity]:
    """Entities whose mentions are every occurrence of their surfaces (longest first, no overlaps)."""
    spans: list[tuple[int, int, int]] = []
    for i, (name, _etype, surfaces) in enumerate(specs):
        for surface in {name, *surfaces}:
            pos = text.find(surface)
            while pos >= 0:
                spans.append((pos, pos + len(surface), i))
                pos = text.find(surface, pos + 1)
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, int]] = []
    for s in spans:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    entities = [
        Entity(id=actor_id(etype, name), name=name, type=etype, aliases=list(surfaces))  # type: ignore[arg-type]
        for name, etype, surfaces in specs
    ]
    for start, end, i in sorted(taken):
        entities[i].mentions.append(Mention(text=text[start:end], start=start, end=end))
    return entities


def run(doc: Document, entities: list[Entity]) -> tuple[list[Relation], dict[str, Entity]]:
    """Stated relations of the document (hierarchy edges left out) and all entities by id."""
    found = extract_relations(doc, split_sentences(doc.text), entities)
    return [r for r in found.relations if r.source == "text"], {e.id: e for e in [*entities, *found.implicit]}


def triples(relations: list[Relation], by_id: dict[str, Entity]) -> set[tuple[str, str, str]]:
    out = set()
    for r in relations:
        head, tail = by_id[r.head].name, by_id[r.tail].name
        if r.type == "COOPERATES_WITH":
            head, tail = sorted((head, tail))
        out.add((r.type, head, tail))
    return out


def gold_entities(gold: object, text: str) -> list[Entity]:
    """Entities of a gold file with every occurrence of their surfaces as mentions.

    Lets the relation patterns be measured apart from the entity extractor's mistakes.
    """
    from ingest.gold import GoldDocument

    assert isinstance(gold, GoldDocument)
    specs: list[EntitySpec] = [(g.name, g.type, list(g.mentions)) for g in gold.entities]
    return make_entities(text, specs)
